/* The link between the writer and value profiling. The value-profiling
 * objects are linked only into programs whose code records values (IR PGO),
 * pulled in by the __llvm_profile_instrument_* entry points. The writer and
 * reset reach them through one weak hooks table, so coverage builds carry
 * neither their code nor their pool. */
#ifndef MINICOV_VALUE_PROFILE_H
#define MINICOV_VALUE_PROFILE_H

#include "sections.h"
#include "stream.h"

/* What the writer and reset need from value profiling. */
struct minicov_value_hooks {
  /* Streams one value-profile block per data record that has value sites. */
  int (*write)(const struct minicov_sections *s, const struct minicov_stream *out);
  /* Forgets every recorded value and empties the pool. */
  void (*reset)(void);
};

/* Defined only when value profiling is linked in; NULL otherwise. */
extern const struct minicov_value_hooks minicov_value_hooks __attribute__((weak));

/* Streams the value-profile blocks (value_writer.c). */
int minicov_write_value_data(const struct minicov_sections *s, const struct minicov_stream *out);

/* Bytes of the value pool in use, its capacity, and values dropped for lack
 * of room (for tests and tools). */
size_t minicov_value_pool_used(void);
size_t minicov_value_pool_capacity(void);
uint32_t minicov_value_pool_dropped(void);

#endif /* MINICOV_VALUE_PROFILE_H */
