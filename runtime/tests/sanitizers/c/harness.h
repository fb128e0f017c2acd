/* What the host harness's parts provide each other: the process side
 * (harness_main.c) reports facts and saves files; the scenario side (C or
 * Rust) runs one named scenario against the instrumented workload. */
#ifndef SANITIZER_HARNESS_H
#define SANITIZER_HARNESS_H

#include <stddef.h>
#include <stdint.h>

/* Prints `key=value` on standard output, for the test to assert on. */
void harness_fact(const char *key, uint64_t value);

/* Writes `len` bytes to `name` in the output directory; 0 on success. */
int harness_save(const char *name, const void *data, size_t len);

/* Runs the instrumented code once; returns a checksum. */
uint64_t harness_workload(void);

/* Runs the scenario called `name`; returns the exit status (2: no such scenario). */
int harness_run(const char *name);

#endif /* SANITIZER_HARNESS_H */
