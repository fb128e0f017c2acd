/* A bounded, zero-initialised static pool for value-profiling records.
 * Allocation only moves forward; when the pool is full, allocation fails and
 * the value being recorded is dropped. Its size is a build-time setting. */
#ifndef MINICOV_VALUE_POOL_H
#define MINICOV_VALUE_POOL_H

#include <stddef.h>
#include <stdint.h>

#ifndef MINICOV_VP_POOL_BYTES
#define MINICOV_VP_POOL_BYTES 2048
#endif

/* Returns `size` zeroed bytes (8-byte aligned), or NULL when the pool is full. */
void *minicov_pool_alloc(size_t size);

/* Empties the pool and zeroes what was used. Not safe while values are being
 * recorded concurrently. */
void minicov_pool_reset(void);

#endif /* MINICOV_VALUE_POOL_H */
