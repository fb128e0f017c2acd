/* C code under test for the reference comparison: branches, a loop, indirect
 * calls and copies whose size is only known at run time. */
#include <stdint.h>

typedef uint64_t (*op_fn)(uint64_t);

static uint64_t triple(uint64_t x) { return x * 3; }
static uint64_t inc(uint64_t x) { return x + 1; }

static int parity_class(uint32_t n) {
  if (n % 6 == 0) return 2;
  if (n % 2 == 0) return 1;
  return 0;
}

static unsigned char c_scratch[200];
static unsigned char c_source[200];

uint64_t c_workload(uint32_t rounds) {
  static const unsigned sizes[] = {4, 4, 9, 33, 4, 129, 600 % 200, 4};
  volatile op_fn ops[2] = {triple, inc};
  uint64_t acc = 0;
  for (uint32_t i = 0; i < rounds; ++i) {
    acc += (uint64_t)parity_class(i);
    acc = ops[i % 5 == 0](acc);
  }
  for (unsigned i = 0; i < sizeof sizes / sizeof sizes[0]; ++i) {
    volatile unsigned n = sizes[i];
    c_source[i] = (unsigned char)(i + 1);
    __builtin_memcpy(c_scratch, c_source, n);
    acc += c_scratch[i];
  }
  return acc;
}
