/* Section bounds from the linker. ELF linkers define __start_X/__stop_X for
 * every output section X whose name is a C identifier; a firmware linker
 * script defines them explicitly. The references are weak so a program with no
 * instrumented code still links and captures an empty profile. */
#include "sections.h"

#define MINICOV_SECTION_BOUND extern char __attribute__((weak, visibility("hidden")))

MINICOV_SECTION_BOUND __start___llvm_prf_data[];
MINICOV_SECTION_BOUND __stop___llvm_prf_data[];
MINICOV_SECTION_BOUND __start___llvm_prf_cnts[];
MINICOV_SECTION_BOUND __stop___llvm_prf_cnts[];
MINICOV_SECTION_BOUND __start___llvm_prf_names[];
MINICOV_SECTION_BOUND __stop___llvm_prf_names[];
#if MINICOV_RAW_VERSION >= 9
MINICOV_SECTION_BOUND __start___llvm_prf_bits[];
MINICOV_SECTION_BOUND __stop___llvm_prf_bits[];
#endif

void minicov_find_sections(struct minicov_sections *s) {
  s->data_begin = (const struct minicov_data_record *)__start___llvm_prf_data;
  s->data_end = (const struct minicov_data_record *)__stop___llvm_prf_data;
  s->counters_begin = __start___llvm_prf_cnts;
  s->counters_end = __stop___llvm_prf_cnts;
#if MINICOV_RAW_VERSION >= 9
  s->bitmap_begin = __start___llvm_prf_bits;
  s->bitmap_end = __stop___llvm_prf_bits;
#else
  s->bitmap_begin = s->bitmap_end = 0;
#endif
  s->names_begin = __start___llvm_prf_names;
  s->names_end = __stop___llvm_prf_names;
}
