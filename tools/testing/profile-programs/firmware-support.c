/* Memory functions the compiler calls on a target without libc; built without instrumentation. */
#include <stddef.h>

void *memcpy(void *to, const void *from, size_t n) {
  unsigned char *d = to;
  const unsigned char *s = from;
  while (n--) *d++ = *s++;
  return to;
}

void *memset(void *to, int byte, size_t n) {
  unsigned char *d = to;
  while (n--) *d++ = (unsigned char)byte;
  return to;
}

void __aeabi_memcpy(void *to, const void *from, size_t n) { memcpy(to, from, n); }
