/* The instrumented code of the real profiles the profile specs check: branches,
 * a loop, an indirect call with two targets, a copy whose size is only known at
 * run time, and an indirect call site that never runs. IR PGO builds record
 * value data for all of them. WORKLOAD_VARIANT builds another version of it. */
#include <stddef.h>

typedef int (*step_fn)(int);

static int twice(int x) { return 2 * x; }
static int plus_one(int x) { return x + 1; }
step_fn volatile steps[2] = {twice, plus_one};

static unsigned char copy_to[64];
static unsigned char copy_from[64];

/* Never called: its value site is written with no values. */
int unused_dispatch(int x) { return steps[x & 1](x); }

static int classify(int x) {
#ifdef WORKLOAD_VARIANT
  if (x == 7) return 0;
#endif
  if (x % 3 == 0) return steps[0](x);
  return steps[1](x);
}

int workload(int rounds) {
  int acc = 0;
  for (int i = 0; i < rounds; ++i) acc += classify(i);
  volatile size_t n = (size_t)(rounds % 40) + 3;
  __builtin_memcpy(copy_to, copy_from, n);
  return acc + copy_to[0];
}
