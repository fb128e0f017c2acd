/* Deliberate defects, run to show the sanitizers are compiled in, stop the
 * program and say so: a test that saw no finding here would prove nothing. */
#include <limits.h>
#include <stdlib.h>

#include "harness.h"
#include "scenarios.h"

int canary_heap_overflow(void) {
  volatile size_t size = 8;
  char *block = malloc(size);
  if (!block) return 1;
  block[size] = 1; /* one byte past the end */
  free(block);
  return 0;
}

int canary_signed_overflow(void) {
  volatile int largest = INT_MAX, one = 1;
  harness_fact("sum", (uint64_t)(largest + one)); /* signed overflow */
  return 0;
}
