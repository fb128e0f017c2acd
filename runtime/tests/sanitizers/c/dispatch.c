/* Names the C harness's scenarios. Pool scenarios exist only in builds with
 * value profiling (HARNESS_VALUE_POOL), so coverage builds link no value code. */
#include <string.h>

#include "harness.h"
#include "scenarios.h"
#include "writers.h"

static const struct {
  const char *name;
  int (*run)(void);
} scenarios[] = {
    {"fail-every-call", fail_every_call},
    {"capture-twice", capture_twice},
    {"capture-after-reset", capture_after_reset},
    {"buffer-one-short", buffer_one_short},
#ifdef HARNESS_VALUE_POOL
    {"pool-every-room", pool_every_room},
    {"pool-too-small", pool_too_small},
#endif
    {"canary-heap-overflow", canary_heap_overflow},
    {"canary-signed-overflow", canary_signed_overflow},
};

int harness_run(const char *name) {
  for (size_t i = 0; i < sizeof scenarios / sizeof scenarios[0]; ++i) {
    if (strcmp(name, scenarios[i].name) == 0) {
      int status = scenarios[i].run();
      harness_fact("captures", harness_captures);
      return status;
    }
  }
  return 2;
}
