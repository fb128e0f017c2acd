/* Writers for the C scenarios. Every byte the runtime hands over is copied
 * with memcpy, so AddressSanitizer checks the whole range of each piece. */
#ifndef SANITIZER_WRITERS_H
#define SANITIZER_WRITERS_H

#include <stddef.h>

#include "minicov.h"

/* Fills a caller's buffer; refuses, writing nothing, a piece that does not fit. */
struct buffer_writer {
  unsigned char *buf;
  size_t capacity;
  size_t len;
};
int buffer_write(void *ctx, const void *data, size_t len);

/* Accepts `allowed` pieces (each copied into a heap block of exactly its
 * size), then fails every later call; counts every call. */
struct failing_writer {
  unsigned allowed;
  unsigned attempts;
};
int failing_write(void *ctx, const void *data, size_t len);

/* Every minicov_write_profile call the scenarios made. */
extern unsigned harness_captures;

/* Calls minicov_write_profile and counts the call. */
int counted_capture(minicov_write_fn write, void *ctx);

/* Captures into a heap block of exactly minicov_profile_size() bytes; returns
 * it (free it) and its length, or NULL if the capture failed or the size was wrong. */
unsigned char *capture_exact(size_t *len);

#endif /* SANITIZER_WRITERS_H */
