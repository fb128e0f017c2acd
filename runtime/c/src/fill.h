/* Filling a byte range without libc. */
#ifndef MINICOV_FILL_H
#define MINICOV_FILL_H

/* Sets every byte in [begin, end) to `value`. Volatile stores keep the compiler
 * from turning the loop into a call to memset, which a freestanding program
 * may not have. */
static inline void minicov_fill(char *begin, char *end, char value) {
  for (volatile char *p = begin; p < end; ++p) *p = value;
}

#endif /* MINICOV_FILL_H */
