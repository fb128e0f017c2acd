/* The raw profile header: counts, sizes, paddings and address deltas that let
 * llvm-profdata locate each function's counters, bitmap bytes and name. */
#include "header.h"

void minicov_compute_layout(const struct minicov_sections *s, uint64_t version,
                            struct minicov_layout *out) {
  /* Single-byte coverage (a variant flag) uses 1-byte counters, else 8. */
  unsigned counter_shift = (version & MINICOV_VARIANT_BYTE_COVERAGE) ? 0 : 3;
  size_t counters_span = (size_t)(s->counters_end - s->counters_begin);
  out->version = version;
  out->num_data = minicov_num_data(s);
  out->data_bytes = out->num_data * sizeof(struct minicov_data_record);
  out->num_counters = counters_span >> counter_shift;
  out->counters_bytes = out->num_counters << counter_shift;
  out->bitmap_bytes = (size_t)(s->bitmap_end - s->bitmap_begin);
  out->names_bytes = (size_t)(s->names_end - s->names_begin);
}

void minicov_fill_header(const struct minicov_sections *s, const struct minicov_layout *l,
                         struct minicov_raw_header *h) {
  /* Deltas are taken in the target's pointer width, as the reader expects. */
  uintptr_t data = (uintptr_t)s->data_begin;
  h->magic = MINICOV_MAGIC;
  h->version = l->version;
  h->binary_ids_size = 0;
  h->num_data = l->num_data;
  h->padding_before_counters = 0;
  h->num_counters = l->num_counters;
  h->padding_after_counters = minicov_padding8(l->counters_bytes);
#if MINICOV_RAW_VERSION >= 9
  h->num_bitmap_bytes = l->bitmap_bytes;
  h->padding_after_bitmap = minicov_padding8(l->bitmap_bytes);
#endif
  h->names_size = l->names_bytes;
  /* A binary-correlated program (-profile-correlate=binary) keeps its data records and names out of
   * memory: the profile then holds counters and bitmap only, and llvm-profdata takes every address
   * from the binary, so the deltas are 0, as LLVM's runtime writes them. */
  int correlated = l->num_data == 0 && l->names_bytes == 0;
  h->counters_delta = correlated ? 0 : (uintptr_t)s->counters_begin - data;
#if MINICOV_RAW_VERSION >= 9
  h->bitmap_delta = correlated ? 0 : (uintptr_t)s->bitmap_begin - data;
#endif
  h->names_delta = correlated ? 0 : (uintptr_t)s->names_begin;
#if MINICOV_RAW_VERSION >= 10
  h->num_vtables = 0;
  h->vnames_size = 0;
#endif
  h->value_kind_last = MINICOV_VALUE_KINDS - 1;
}
