/* The value-profiling pool: one static array and a bump offset. Under
 * AddressSanitizer the bytes not yet handed out are poisoned. */
#include "value_pool.h"

#include "fill.h"
#include "poison.h"
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
  /* Never unpoison past the pool: were this check ever wrong, the bytes
   * beyond it would still be AddressSanitizer's redzone and be reported. */
  minicov_unpoison((char *)pool + start,
                   rounded < sizeof pool - start ? rounded : sizeof pool - start);
  return (char *)pool + start;
}

void minicov_pool_reset(void) {
  minicov_fill((char *)pool, (char *)pool + pool_used, 0);
  pool_used = 0;
  minicov_poison(pool, sizeof pool);
}

#ifdef MINICOV_ASAN
/* Poisons what is still free when the program starts (instrumented
 * constructors may have recorded values already). */
__attribute__((constructor)) static void poison_free_pool(void) {
  minicov_poison((char *)pool + pool_used, sizeof pool - pool_used);
}
#endif

size_t minicov_value_pool_used(void) { return pool_used; }

size_t minicov_value_pool_capacity(void) { return sizeof pool; }
