/* Scenarios over the value-profiling pool (IR PGO builds only): every amount
 * of room from none to just enough, and a pool too small from the start. */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"
#include "scenarios.h"
#include "writers.h"

/* The runtime's pool accounting (runtime/c/src/value_profile.h, value_pool.h). */
size_t minicov_value_pool_used(void);
size_t minicov_value_pool_capacity(void);
uint32_t minicov_value_pool_dropped(void);
void *minicov_pool_alloc(size_t size);

/* Taking `capacity - room` bytes first leaves the pool as a build whose
 * capacity is `room` would start, so one binary covers every size. */
int pool_every_room(void) {
  size_t capacity = minicov_value_pool_capacity(), need;
  unsigned steps = 0, wrong = 0;
  minicov_reset_counters();
  harness_workload();
  need = minicov_value_pool_used();
  harness_fact("pool_capacity", capacity);
  harness_fact("pool_need", need);
  harness_fact("dropped_with_room", minicov_value_pool_dropped());
  if (need >= capacity) return 1; /* the roomy build must hold every value */
  for (size_t room = 0; room <= need; room += 8, ++steps) {
    char name[64];
    size_t len = 0;
    unsigned char *profile;
    minicov_reset_counters();
    if (capacity - room && !minicov_pool_alloc(capacity - room)) ++wrong;
    harness_workload();
    /* Values are dropped exactly when the room is short of the need. */
    if ((room < need) != (minicov_value_pool_dropped() > 0)) ++wrong;
    if (minicov_value_pool_used() > capacity) ++wrong;
    profile = capture_exact(&len);
    if (!profile) {
      ++wrong;
      continue;
    }
    snprintf(name, sizeof name, "room-%zu.profraw", room);
    if (harness_save(name, profile, len)) ++wrong;
    free(profile);
  }
  harness_fact("steps", steps);
  harness_fact("wrong_results", wrong);
  return 0;
}

int pool_too_small(void) {
  size_t len = 0;
  unsigned char *profile;
  harness_workload();
  harness_fact("pool_capacity", minicov_value_pool_capacity());
  harness_fact("pool_used", minicov_value_pool_used());
  harness_fact("values_dropped", minicov_value_pool_dropped());
  profile = capture_exact(&len);
  if (!profile) return 1;
  harness_save("small-pool.profraw", profile, len);
  free(profile);
  return 0;
}
