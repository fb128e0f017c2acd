/* minicov: a libc-free LLVM profiling runtime. Public C interface. */
#ifndef MINICOV_H
#define MINICOV_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Result codes returned by the capture functions. */
#define MINICOV_OK 0
/* The writer callback reported a failure; the output is incomplete. */
#define MINICOV_ERR_WRITER (-1)
/* The instrumented code declares a raw profile version this runtime was not
 * built for (the compiler's LLVM major differs from the runtime's). */
#define MINICOV_ERR_VERSION (-2)

/* Receives the profile bytes in order. Returns 0 on success; any other value
 * aborts the capture, which then returns MINICOV_ERR_WRITER. */
typedef int (*minicov_write_fn)(void *ctx, const void *data, size_t len);

/* Streams the complete .profraw image of this program to `write`. */
int minicov_write_profile(minicov_write_fn write, void *ctx);

/* Number of bytes minicov_write_profile would produce right now. */
size_t minicov_profile_size(void);

/* Zeroes every counter and bitmap and forgets recorded values, so that a later
 * capture holds only what ran after this call. */
void minicov_reset_counters(void);

/* The raw profile version (without variant flags) this runtime writes. */
uint64_t minicov_runtime_raw_version(void);

/* The version word the instrumented code declares, variant flags included. */
uint64_t minicov_program_raw_version(void);

#ifdef __cplusplus
}
#endif

#endif /* MINICOV_H */
