/* Telling AddressSanitizer which bytes of a static area are not handed out,
 * so a record that runs past its allocation is reported. Only a sanitized
 * build does anything here; every other build compiles these to nothing. */
#ifndef MINICOV_POISON_H
#define MINICOV_POISON_H

#include <stddef.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MINICOV_ASAN 1
#endif
#endif

#ifdef MINICOV_ASAN
void __asan_poison_memory_region(void const volatile *addr, size_t size);
void __asan_unpoison_memory_region(void const volatile *addr, size_t size);
#endif

/* Marks [begin, begin + size) as not to be touched. */
static inline void minicov_poison(void *begin, size_t size) {
#ifdef MINICOV_ASAN
  __asan_poison_memory_region(begin, size);
#else
  (void)begin;
  (void)size;
#endif
}

/* Marks [begin, begin + size) as usable again. */
static inline void minicov_unpoison(void *begin, size_t size) {
#ifdef MINICOV_ASAN
  __asan_unpoison_memory_region(begin, size);
#else
  (void)begin;
  (void)size;
#endif
}

#endif /* MINICOV_POISON_H */
