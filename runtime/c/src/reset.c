/* Zeroing the counters, bitmap bytes and recorded values between captures. */
#include "fill.h"
#include "minicov.h"
#include "sections.h"
#include "value_profile.h"

void minicov_reset_counters(void) {
  struct minicov_sections s;
  /* Single-byte coverage marks "not run" with 0xff, as LLVM's runtime does. */
  char cleared = (minicov_program_raw_version() & MINICOV_VARIANT_BYTE_COVERAGE) ? (char)0xff : 0;
  minicov_find_sections(&s);
  minicov_fill(s.counters_begin, s.counters_end, cleared);
  minicov_fill(s.bitmap_begin, s.bitmap_end, 0);
  if (&minicov_value_hooks) minicov_value_hooks.reset();
}
