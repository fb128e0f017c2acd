/* Where the compiler's profile sections start and end in this program. */
#ifndef MINICOV_SECTIONS_H
#define MINICOV_SECTIONS_H

#include "raw_format.h"

/* Bounds of the profile sections; empty (begin == end) when a section is absent. */
struct minicov_sections {
  const struct minicov_data_record *data_begin, *data_end;
  char *counters_begin, *counters_end;
  char *bitmap_begin, *bitmap_end;
  const char *names_begin, *names_end;
};

/* Fills `s` from the linker-provided __start_/__stop_ symbols. */
void minicov_find_sections(struct minicov_sections *s);

/* Number of whole data records between data_begin and data_end. Computed in
 * size_t: a 64-bit division would pull a division routine into 32-bit builds. */
static inline size_t minicov_num_data(const struct minicov_sections *s) {
  return (size_t)((const char *)s->data_end - (const char *)s->data_begin) /
         sizeof(struct minicov_data_record);
}

#endif /* MINICOV_SECTIONS_H */
