/* Streams the raw profile straight from the program's sections to a writer
 * callback: header, data records, counters, bitmap bytes, names, then value
 * records. Nothing is buffered; the only RAM used is the header on the stack. */
#include "header.h"
#include "minicov.h"
#include "value_profile.h"

static const uint8_t minicov_zeros[8];

int minicov_put_padding(const struct minicov_stream *out, uint64_t len) {
  return minicov_put(out, minicov_zeros, len);
}

static int write_sections(const struct minicov_sections *s, const struct minicov_layout *l,
                          const struct minicov_stream *out) {
  struct minicov_raw_header h;
  int rc;
  minicov_fill_header(s, l, &h);
  if ((rc = minicov_put(out, &h, sizeof h))) return rc;
  if ((rc = minicov_put(out, s->data_begin, l->data_bytes))) return rc;
  if ((rc = minicov_put(out, s->counters_begin, l->counters_bytes))) return rc;
  if ((rc = minicov_put_padding(out, minicov_padding8(l->counters_bytes)))) return rc;
#if MINICOV_RAW_VERSION >= 9
  if ((rc = minicov_put(out, s->bitmap_begin, l->bitmap_bytes))) return rc;
  if ((rc = minicov_put_padding(out, minicov_padding8(l->bitmap_bytes)))) return rc;
#endif
  if ((rc = minicov_put(out, s->names_begin, l->names_bytes))) return rc;
  return minicov_put_padding(out, minicov_padding8(l->names_bytes));
}

int minicov_write_profile(minicov_write_fn write, void *ctx) {
  struct minicov_stream out = {write, ctx};
  struct minicov_sections s;
  struct minicov_layout l;
  uint64_t version = minicov_program_raw_version();
  int rc;
  if ((version & MINICOV_VERSION_MASK) != MINICOV_RAW_VERSION) return MINICOV_ERR_VERSION;
  minicov_find_sections(&s);
  minicov_compute_layout(&s, version, &l);
  if ((rc = write_sections(&s, &l, &out))) return rc;
  if (&minicov_value_hooks) return minicov_value_hooks.write(&s, &out);
  return MINICOV_OK;
}

static int count_bytes(void *ctx, const void *data, size_t len) {
  (void)data;
  *(size_t *)ctx += len;
  return 0;
}

size_t minicov_profile_size(void) {
  size_t total = 0;
  if (minicov_write_profile(count_bytes, &total) != MINICOV_OK) return 0;
  return total;
}
