/* A writer callback plus its context, with helpers that stop at the first
 * failure and skip empty writes. */
#ifndef MINICOV_STREAM_H
#define MINICOV_STREAM_H

#include "minicov.h"

/* Where profile bytes go. */
struct minicov_stream {
  minicov_write_fn write;
  void *ctx;
};

/* Writes `len` bytes; returns 0 or MINICOV_ERR_WRITER. */
static inline int minicov_put(const struct minicov_stream *out, const void *data, uint64_t len) {
  if (len == 0) return MINICOV_OK;
  return out->write(out->ctx, data, (size_t)len) == 0 ? MINICOV_OK : MINICOV_ERR_WRITER;
}

/* Writes `len` (< 8) zero bytes of section padding. */
int minicov_put_padding(const struct minicov_stream *out, uint64_t len);

#endif /* MINICOV_STREAM_H */
