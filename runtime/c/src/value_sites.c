/* The per-function site tables, found through a small hash of the data record
 * address. The tables live in the pool rather than in the record's own
 * `values` field, so __llvm_prf_data may stay in read-only flash. */
#include "value_sites.h"

#include "value_pool.h"

#ifndef MINICOV_VP_BUCKETS
#define MINICOV_VP_BUCKETS 16
#endif

static struct minicov_value_function *buckets[MINICOV_VP_BUCKETS];

static struct minicov_value_function **bucket_of(const struct minicov_data_record *d) {
  /* Records are contiguous, so consecutive functions land in consecutive buckets. */
  return &buckets[((uintptr_t)d / sizeof *d) % MINICOV_VP_BUCKETS];
}

uint32_t minicov_total_sites(const struct minicov_data_record *d) {
  uint32_t total = 0;
  for (int kind = 0; kind < MINICOV_VALUE_KINDS; ++kind) total += d->num_value_sites[kind];
  return total;
}

static struct minicov_value_function *scan(struct minicov_value_function *from,
                                           const struct minicov_value_function *until,
                                           const struct minicov_data_record *d) {
  for (struct minicov_value_function *f = from; f && f != until; f = f->next)
    if (f->data == d) return f;
  return NULL;
}

struct minicov_value_function *minicov_find_function(const struct minicov_data_record *d) {
  return scan(__atomic_load_n(bucket_of(d), __ATOMIC_ACQUIRE), NULL, d);
}

struct minicov_value_function *minicov_find_or_add_function(const struct minicov_data_record *d) {
  struct minicov_value_function **head = bucket_of(d);
  struct minicov_value_function *seen = __atomic_load_n(head, __ATOMIC_ACQUIRE);
  struct minicov_value_function *found = scan(seen, NULL, d), *fresh;
  if (found) return found;
  fresh = minicov_pool_alloc(sizeof *fresh + minicov_total_sites(d) * sizeof fresh->sites[0]);
  if (!fresh) return NULL;
  fresh->data = d;
  for (;;) {
    struct minicov_value_function *old_head = seen;
    fresh->next = seen;
    if (__atomic_compare_exchange_n(head, &seen, fresh, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
      return fresh;
    /* Someone (an interrupt handler) pushed first: it may have added `d`. */
    found = scan(seen, old_head, d);
    if (found) return found; /* `fresh` stays unused in the pool */
  }
}

void minicov_clear_functions(void) {
  for (int i = 0; i < MINICOV_VP_BUCKETS; ++i) buckets[i] = NULL;
}
