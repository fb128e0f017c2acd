/* Value profiling: the entry points IR-level PGO calls at indirect calls and
 * memory intrinsics, with the same per-site policy as LLVM's own runtime (at
 * most MINICOV_VP_MAX_VALUES_PER_SITE values; a new value displaces the least
 * frequent one only after wearing its count down). When the pool is full,
 * new values are dropped and counted. */
#include "value_profile.h"
#include "value_pool.h"
#include "value_sites.h"

static uint32_t values_dropped;

static void record_value(uint64_t value, void *data, uint32_t site, uint64_t count) {
  struct minicov_value_function *f;
  struct minicov_value_node *node, *prev = NULL, *least = NULL, *fresh;
  unsigned kept = 0;
  if (!data || count == 0) return;
  f = minicov_find_or_add_function((const struct minicov_data_record *)data);
  if (!f || site >= minicov_total_sites(f->data)) goto dropped;
  for (node = __atomic_load_n(&f->sites[site], __ATOMIC_ACQUIRE); node; node = node->next) {
    if (node->value == value) {
      node->count += count;
      return;
    }
    if (!least || node->count < least->count) least = node;
    prev = node;
    ++kept;
  }
  if (kept >= MINICOV_VP_MAX_VALUES_PER_SITE) {
    if (least->count <= count) {
      least->value = value;
      least->count = count;
    } else {
      least->count -= count;
    }
    return;
  }
  fresh = minicov_pool_alloc(sizeof *fresh);
  if (!fresh) goto dropped;
  fresh->value = value;
  fresh->count = count;
  {
    struct minicov_value_node *expected = NULL;
    struct minicov_value_node **link = prev ? &prev->next : &f->sites[site];
    if (__atomic_compare_exchange_n(link, &expected, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED))
      return;
  }
dropped:
  /* Lost a race with an interrupt handler, or out of pool: drop this value. */
  __atomic_fetch_add(&values_dropped, 1, __ATOMIC_RELAXED);
}

/* Memop sizes are bucketed as LLVM does: 0-8 exactly, powers of two exactly,
 * other sizes to the previous power of two plus one, 513 and above to 513. */
static uint64_t memop_size_bucket(uint64_t size) {
  if (size <= 8) return size;
  if (size >= 513) return 513;
  if ((size & (size - 1)) == 0) return size;
  return (UINT64_C(1) << (63 - __builtin_clzll(size))) + 1;
}

void __llvm_profile_instrument_target(uint64_t value, void *data, uint32_t site) {
  record_value(value, data, site, 1);
}

void __llvm_profile_instrument_target_value(uint64_t value, void *data, uint32_t site,
                                            uint64_t count) {
  record_value(value, data, site, count);
}

void __llvm_profile_instrument_memop(uint64_t size, void *data, uint32_t site) {
  record_value(memop_size_bucket(size), data, site, 1);
}

static void reset_value_data(void) {
  minicov_clear_functions();
  minicov_pool_reset();
  values_dropped = 0;
}

uint32_t minicov_value_pool_dropped(void) { return values_dropped; }

const struct minicov_value_hooks minicov_value_hooks = {minicov_write_value_data, reset_value_data};
