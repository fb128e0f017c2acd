/* The value-profiling pool: one static array and a bump offset. */
#include "value_pool.h"

#include "fill.h"
#include "value_profile.h"

static uint64_t pool[(MINICOV_VP_POOL_BYTES + 7) / 8];
static size_t pool_used;

void *minicov_pool_alloc(size_t size) {
  size_t rounded = (size + 7) & ~(size_t)7;
  size_t start = __atomic_load_n(&pool_used, __ATOMIC_RELAXED);
  do {
    /* Checked as `rounded > capacity - start` so the sum can never overflow. */
    if (rounded > sizeof pool - start) return NULL;
  } while (!__atomic_compare_exchange_n(&pool_used, &start, start + rounded, 1, __ATOMIC_ACQ_REL,
                                        __ATOMIC_RELAXED));
  return (char *)pool + start;
}

void minicov_pool_reset(void) {
  minicov_fill((char *)pool, (char *)pool + pool_used, 0);
  pool_used = 0;
}

size_t minicov_value_pool_used(void) { return pool_used; }

size_t minicov_value_pool_capacity(void) { return sizeof pool; }
