/* Building the raw profile header from the section bounds. */
#ifndef MINICOV_HEADER_H
#define MINICOV_HEADER_H

#include "sections.h"

/* Sizes of the variable parts of the profile, derived once per capture. */
struct minicov_layout {
  uint64_t version; /* version word, variant flags included */
  size_t num_data;
  size_t data_bytes;
  size_t num_counters;
  size_t counters_bytes;
  size_t bitmap_bytes;
  size_t names_bytes;
};

/* Computes the layout of the current profile from the sections. */
void minicov_compute_layout(const struct minicov_sections *s, uint64_t version,
                            struct minicov_layout *out);

/* Fills every header field for the given sections and layout. */
void minicov_fill_header(const struct minicov_sections *s, const struct minicov_layout *l,
                         struct minicov_raw_header *h);

#endif /* MINICOV_HEADER_H */
