/* Instrumented code for the sanitizer runs: branches with compound conditions
 * (MC/DC bitmap bytes), 32 indirect-call targets reached from 20 dispatchers
 * (more functions with value sites than the runtime has hash buckets, and one
 * site with more targets than it keeps per site), and copies of sizes that
 * fall into every memop bucket. Deterministic: the same call gives the same
 * counters and values. */
#include <stdint.h>

#include "harness.h"

typedef uint64_t (*op_fn)(uint64_t);

#define OP(n)                                                                                      \
  static uint64_t op_##n(uint64_t x) { return x * (n + 1) + n; }
/* clang-format reads these invocations as one statement running into the next declaration. */
/* clang-format off */
OP(0) OP(1) OP(2) OP(3) OP(4) OP(5) OP(6) OP(7) OP(8) OP(9) OP(10) OP(11) OP(12) OP(13) OP(14)
OP(15) OP(16) OP(17) OP(18) OP(19) OP(20) OP(21) OP(22) OP(23) OP(24) OP(25) OP(26) OP(27)
OP(28) OP(29) OP(30) OP(31)

static op_fn const ops[32] = {op_0,  op_1,  op_2,  op_3,  op_4,  op_5,  op_6,  op_7,
                              op_8,  op_9,  op_10, op_11, op_12, op_13, op_14, op_15,
                              op_16, op_17, op_18, op_19, op_20, op_21, op_22, op_23,
                              op_24, op_25, op_26, op_27, op_28, op_29, op_30, op_31};
/* clang-format on */

/* Each dispatcher has one indirect-call site; `pick` chooses the target. */
#define DISPATCH(k)                                                                                \
  static uint64_t dispatch_##k(uint64_t x, unsigned pick) {                                        \
    op_fn volatile target = ops[(pick + k) % 32];                                                  \
    return target(x);                                                                              \
  }
/* clang-format off */
DISPATCH(0) DISPATCH(1) DISPATCH(2) DISPATCH(3) DISPATCH(4) DISPATCH(5) DISPATCH(6)
DISPATCH(7) DISPATCH(8) DISPATCH(9) DISPATCH(10) DISPATCH(11) DISPATCH(12) DISPATCH(13)
DISPATCH(14) DISPATCH(15) DISPATCH(16) DISPATCH(17) DISPATCH(18) DISPATCH(19)

typedef uint64_t (*dispatch_fn)(uint64_t, unsigned);
/* clang-format on */

static dispatch_fn const dispatchers[20] = {
    dispatch_0,  dispatch_1,  dispatch_2,  dispatch_3,  dispatch_4,  dispatch_5,  dispatch_6,
    dispatch_7,  dispatch_8,  dispatch_9,  dispatch_10, dispatch_11, dispatch_12, dispatch_13,
    dispatch_14, dispatch_15, dispatch_16, dispatch_17, dispatch_18, dispatch_19};

static int admit(uint64_t a, uint64_t b, uint64_t c) {
  if ((a % 3 == 0 && b % 2 == 0) || c % 5 == 0) return 1;
  return 0;
}

static unsigned char copy_source[600];
static unsigned char copy_target[600];

static uint64_t copy_sizes(void) {
  static const unsigned sizes[] = {0,   1,   3,   8,   9,   16,  17,  31, 64,
                                   100, 128, 255, 256, 300, 512, 513, 599};
  uint64_t sum = 0;
  for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
    volatile unsigned n = sizes[i];
    copy_source[i] = (unsigned char)(i + 1);
    __builtin_memcpy(copy_target, copy_source, n);
    sum += copy_target[i];
  }
  return sum;
}

uint64_t harness_workload(void) {
  uint64_t acc = 0;
  /* Dispatcher 0 sees all 32 targets; the others two targets each. */
  for (unsigned i = 0; i < 64; ++i) acc += dispatchers[0](acc, i % 32);
  for (unsigned k = 1; k < 20; ++k)
    for (unsigned i = 0; i < 4; ++i) acc += dispatchers[k](acc, i % 2);
  for (uint64_t i = 0; i < 40; ++i) acc += (uint64_t)admit(i, i / 3, i / 7);
  return acc + copy_sizes();
}
