/* The raw profile version variable and the queries that read it. */
#include <stdint.h>

#include "minicov.h"
#include "raw_format.h"

/* The raw version the program's code was instrumented for. IR-level PGO
 * (-Cprofile-generate, clang -fprofile-generate) emits a strong definition
 * that carries its variant flags; coverage and clang front-end PGO do not,
 * and get this weak default. It is read only here, outside instrumented code. */
__attribute__((weak)) const uint64_t __llvm_profile_raw_version = MINICOV_RAW_VERSION;

uint64_t minicov_program_raw_version(void) {
  /* Read through a volatile pointer: the linker, not the compiler, decides
   * which definition wins, so the weak default must not be constant-folded. */
  return *(const volatile uint64_t *)&__llvm_profile_raw_version;
}

uint64_t minicov_runtime_raw_version(void) { return MINICOV_RAW_VERSION; }
