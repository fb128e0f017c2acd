/* The raw profile header: counts, sizes, paddings and address deltas that let
 * llvm-profdata locate each function's counters, bitmap bytes and name. */
#include "header.h"

void minicov_compute_layout(const struct minicov_sections *s, uint64_t version,
                            struct minicov_layout *out) {
  /* Single-byte coverage (a variant flag) uses 1-byte counters, else 8. */
  uint64_t counter_size = (version & MINICOV_VARIANT_BYTE_COVERAGE) ? 1 : 8;
  uint64_t counters_span = (uint64_t)(s->counters_end - s->counters_begin);
  out->version = version;
  out->data_bytes = minicov_num_data(s) * sizeof(struct minicov_data_record);
  out->counters_bytes = counters_span / counter_size * counter_size;
  out->bitmap_bytes = (uint64_t)(s->bitmap_end - s->bitmap_begin);
  out->names_bytes = (uint64_t)(s->names_end - s->names_begin);
}

void minicov_fill_header(const struct minicov_sections *s, const struct minicov_layout *l,
                         struct minicov_raw_header *h) {
  uint64_t counter_size = (l->version & MINICOV_VARIANT_BYTE_COVERAGE) ? 1 : 8;
  /* Deltas are taken in the target's pointer width, as the reader expects. */
  uintptr_t data = (uintptr_t)s->data_begin;
  h->magic = MINICOV_MAGIC;
  h->version = l->version;
  h->binary_ids_size = 0;
  h->num_data = l->data_bytes / sizeof(struct minicov_data_record);
  h->padding_before_counters = 0;
  h->num_counters = l->counters_bytes / counter_size;
  h->padding_after_counters = minicov_padding8(l->counters_bytes);
#if MINICOV_RAW_VERSION >= 9
  h->num_bitmap_bytes = l->bitmap_bytes;
  h->padding_after_bitmap = minicov_padding8(l->bitmap_bytes);
#endif
  h->names_size = l->names_bytes;
  h->counters_delta = (uintptr_t)s->counters_begin - data;
#if MINICOV_RAW_VERSION >= 9
  h->bitmap_delta = (uintptr_t)s->bitmap_begin - data;
#endif
  h->names_delta = (uintptr_t)s->names_begin;
#if MINICOV_RAW_VERSION >= 10
  h->num_vtables = 0;
  h->vnames_size = 0;
#endif
  h->value_kind_last = MINICOV_VALUE_KINDS - 1;
}
