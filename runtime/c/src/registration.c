/* LLVM 14-17 (raw version 8) make instrumented code on bare-metal ELF targets
 * register each function's data and names from a constructor. This runtime
 * finds the sections through linker symbols instead, so registration has
 * nothing to do; these definitions only satisfy the references. */
#include <stdint.h>

#include "raw_format.h"

#if MINICOV_RAW_VERSION == 8
void __llvm_profile_register_function(void *data) { (void)data; }

void __llvm_profile_register_names_function(void *names, uint64_t size) {
  (void)names;
  (void)size;
}
#endif
