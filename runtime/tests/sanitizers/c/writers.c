/* Writers for the C scenarios: a caller's buffer, a writer that fails on
 * cue, and a capture into a heap block of exactly the announced size. */
#include "writers.h"

#include <stdlib.h>
#include <string.h>

unsigned harness_captures;

int buffer_write(void *ctx, const void *data, size_t len) {
  struct buffer_writer *w = ctx;
  if (len > w->capacity - w->len) return -1;
  memcpy(w->buf + w->len, data, len);
  w->len += len;
  return 0;
}

int failing_write(void *ctx, const void *data, size_t len) {
  struct failing_writer *w = ctx;
  unsigned char *copy;
  if (++w->attempts > w->allowed) return -1;
  copy = malloc(len);
  if (!copy) return -1;
  memcpy(copy, data, len);
  free(copy);
  return 0;
}

int counted_capture(minicov_write_fn write, void *ctx) {
  ++harness_captures;
  return minicov_write_profile(write, ctx);
}

unsigned char *capture_exact(size_t *len) {
  size_t size = minicov_profile_size();
  struct buffer_writer w = {malloc(size), size, 0};
  if (!w.buf) return NULL;
  if (counted_capture(buffer_write, &w) != MINICOV_OK || w.len != size) {
    free(w.buf);
    return NULL;
  }
  *len = size;
  return w.buf;
}
