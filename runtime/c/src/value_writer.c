/* Streams value-profile data after the names section: for every data record
 * with value sites, in record order, one ValueProfData block:
 *   u32 total size, u32 number of kinds with sites, then per such kind
 *   u32 kind, u32 number of sites, one u8 value count per site (padded to 8),
 *   then {u64 value, u64 count} for each recorded value, site by site.
 * Functions that recorded nothing still get a block with zero counts, which
 * is what llvm-profdata expects. */
#include "value_profile.h"
#include "value_sites.h"

/* A site lists at most 255 values in the file, as its count is one byte. */
static uint32_t site_count(const struct minicov_value_node *node) {
  uint32_t n = 0;
  for (; node && n < 255; node = node->next) ++n;
  return n;
}

static uint64_t kind_bytes(struct minicov_value_node *const *sites, uint32_t num_sites) {
  uint64_t values = 0;
  for (uint32_t s = 0; sites && s < num_sites; ++s) values += site_count(sites[s]);
  return 8 + num_sites + minicov_padding8(8 + num_sites) + 16 * values;
}

static int write_site_counts(const struct minicov_stream *out,
                             struct minicov_value_node *const *sites, uint32_t num_sites) {
  uint8_t chunk[8];
  uint32_t filled = 0;
  int rc;
  for (uint32_t s = 0; s < num_sites; ++s) {
    chunk[filled++] = (uint8_t)(sites ? site_count(sites[s]) : 0);
    if (filled == sizeof chunk || s + 1 == num_sites) {
      if ((rc = minicov_put(out, chunk, filled))) return rc;
      filled = 0;
    }
  }
  return minicov_put_padding(out, minicov_padding8(8 + num_sites));
}

static int write_site_values(const struct minicov_stream *out,
                             struct minicov_value_node *const *sites, uint32_t num_sites) {
  int rc;
  for (uint32_t s = 0; sites && s < num_sites; ++s) {
    uint32_t left = site_count(sites[s]);
    for (const struct minicov_value_node *n = sites[s]; left; n = n->next, --left) {
      uint64_t pair[2] = {n->value, n->count};
      if ((rc = minicov_put(out, pair, sizeof pair))) return rc;
    }
  }
  return MINICOV_OK;
}

static int write_function(const struct minicov_data_record *d, const struct minicov_stream *out) {
  struct minicov_value_function *f = minicov_find_function(d);
  uint32_t header[2] = {8, 0}; /* total size, kinds present */
  uint32_t first = 0;
  int rc;
  for (int kind = 0; kind < MINICOV_VALUE_KINDS; ++kind) {
    uint32_t n = d->num_value_sites[kind];
    if (!n) continue;
    header[0] += (uint32_t)kind_bytes(f ? &f->sites[first] : NULL, n);
    header[1] += 1;
    first += n;
  }
  if (!header[1]) return MINICOV_OK;
  if ((rc = minicov_put(out, header, sizeof header))) return rc;
  first = 0;
  for (int kind = 0; kind < MINICOV_VALUE_KINDS; ++kind) {
    uint32_t kind_header[2] = {(uint32_t)kind, d->num_value_sites[kind]};
    struct minicov_value_node *const *sites = f ? &f->sites[first] : NULL;
    if (!kind_header[1]) continue;
    if ((rc = minicov_put(out, kind_header, sizeof kind_header))) return rc;
    if ((rc = write_site_counts(out, sites, kind_header[1]))) return rc;
    if ((rc = write_site_values(out, sites, kind_header[1]))) return rc;
    first += kind_header[1];
  }
  return MINICOV_OK;
}

int minicov_write_value_data(const struct minicov_sections *s, const struct minicov_stream *out) {
  int rc;
  for (const struct minicov_data_record *d = s->data_begin; d < s->data_end; ++d)
    if ((rc = write_function(d, out))) return rc;
  return MINICOV_OK;
}
