/* Scenarios over the C API (minicov.h): a writer failing at each call in
 * turn, two captures in a row, a capture after a reset, and a caller buffer
 * one byte short and then exact. Each reports facts for the test. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "scenarios.h"
#include "writers.h"

static int same(const unsigned char *a, size_t a_len, const unsigned char *b, size_t b_len) {
  return a && b && a_len == b_len && memcmp(a, b, a_len) == 0;
}

int fail_every_call(void) {
  struct failing_writer counter = {UINT_MAX, 0};
  unsigned wrong = 0, first_wrong = 0;
  size_t before_len = 0, after_len = 0;
  unsigned char *before, *after;
  harness_workload();
  before = capture_exact(&before_len);
  if (counted_capture(failing_write, &counter) != MINICOV_OK) return 1;
  for (unsigned allowed = 0; allowed < counter.attempts; ++allowed) {
    struct failing_writer w = {allowed, 0};
    int rc = counted_capture(failing_write, &w);
    /* The capture must fail, and no call may follow the failing one. */
    if ((rc != MINICOV_ERR_WRITER || w.attempts != allowed + 1) && !wrong++) first_wrong = allowed;
  }
  after = capture_exact(&after_len);
  harness_fact("writer_calls", counter.attempts);
  harness_fact("wrong_results", wrong);
  if (wrong) harness_fact("first_wrong_allowed", first_wrong);
  harness_fact("same_after_failures", (uint64_t)same(before, before_len, after, after_len));
  if (after) harness_save("after-failures.profraw", after, after_len);
  free(before);
  free(after);
  return 0;
}

int capture_twice(void) {
  size_t first_len = 0, second_len = 0;
  unsigned char *first, *second;
  harness_workload();
  first = capture_exact(&first_len);
  second = capture_exact(&second_len);
  harness_fact("size", first_len);
  harness_fact("identical", (uint64_t)same(first, first_len, second, second_len));
  if (first) harness_save("first.profraw", first, first_len);
  if (second) harness_save("second.profraw", second, second_len);
  free(first);
  free(second);
  return first && second ? 0 : 1;
}

int capture_after_reset(void) {
  size_t ran_len = 0, reset_len = 0, again_len = 0;
  unsigned char *ran, *reset, *again;
  harness_workload();
  ran = capture_exact(&ran_len);
  minicov_reset_counters();
  reset = capture_exact(&reset_len);
  harness_workload();
  again = capture_exact(&again_len);
  harness_fact("same_after_rerun", (uint64_t)same(ran, ran_len, again, again_len));
  if (ran) harness_save("ran.profraw", ran, ran_len);
  if (reset) harness_save("reset.profraw", reset, reset_len);
  if (again) harness_save("ran-again.profraw", again, again_len);
  free(ran);
  free(reset);
  free(again);
  return ran && reset && again ? 0 : 1;
}

int buffer_one_short(void) {
  size_t size;
  struct buffer_writer short_by_one, exact;
  int short_rc, exact_rc;
  harness_workload();
  size = minicov_profile_size();
  short_by_one = (struct buffer_writer){malloc(size - 1), size - 1, 0};
  exact = (struct buffer_writer){malloc(size), size, 0};
  if (!short_by_one.buf || !exact.buf) return 1;
  short_rc = counted_capture(buffer_write, &short_by_one);
  exact_rc = counted_capture(buffer_write, &exact);
  harness_fact("size", size);
  harness_fact("short_refused", (uint64_t)(short_rc == MINICOV_ERR_WRITER));
  harness_fact("short_filled", short_by_one.len);
  harness_fact("exact_ok", (uint64_t)(exact_rc == MINICOV_OK));
  harness_fact("exact_filled", exact.len);
  harness_save("exact.profraw", exact.buf, exact.len);
  free(short_by_one.buf);
  free(exact.buf);
  return 0;
}
