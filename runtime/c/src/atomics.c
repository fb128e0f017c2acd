/* Atomic library calls that Cortex-M cores lack. rustc makes every coverage
 * counter update atomic; on 32-bit M-profile cores a 64-bit add becomes a call
 * to __atomic_fetch_add_8, and ARMv6-M has no 32-bit compare-and-swap either.
 * These run with interrupts masked, which is atomic on a single-core MCU.
 * They are weak, so a program that brings its own versions keeps them, and
 * they are never instrumented (the runtime is built without profiling flags). */
#include <stdbool.h>
#include <stdint.h>

#if defined(__arm__) && defined(__ARM_ARCH_PROFILE) && __ARM_ARCH_PROFILE == 'M'

static inline uint32_t interrupts_off(void) {
  uint32_t primask;
  __asm__ volatile("mrs %0, primask\n\tcpsid i" : "=r"(primask)::"memory");
  return primask;
}

static inline void interrupts_restore(uint32_t primask) {
  __asm__ volatile("msr primask, %0" ::"r"(primask) : "memory");
}

/* The asm labels give these functions the library-call names without
 * redeclaring the compiler's builtins. */
uint64_t minicov_fetch_add_8(volatile void *mem, uint64_t value,
                             int order) __asm__("__atomic_fetch_add_8") __attribute__((weak));

uint64_t minicov_fetch_add_8(volatile void *mem, uint64_t value, int order) {
  volatile uint64_t *p = mem;
  uint32_t saved = interrupts_off();
  uint64_t old = *p;
  (void)order;
  *p = old + value;
  interrupts_restore(saved);
  return old;
}

#if !defined(__ARM_ARCH_7M__) && !defined(__ARM_ARCH_7EM__) && !defined(__ARM_ARCH_8M_MAIN__)
/* ARMv6-M and ARMv8-M Baseline: no LDREX/STREX, so 32-bit read-modify-write
 * operations are library calls too. */
uint32_t minicov_fetch_add_4(volatile void *mem, uint32_t value,
                             int order) __asm__("__atomic_fetch_add_4") __attribute__((weak));

uint32_t minicov_fetch_add_4(volatile void *mem, uint32_t value, int order) {
  volatile uint32_t *p = mem;
  uint32_t saved = interrupts_off();
  uint32_t old = *p;
  (void)order;
  *p = old + value;
  interrupts_restore(saved);
  return old;
}

uint32_t minicov_load_4(const volatile void *mem, int order) __asm__("__atomic_load_4")
    __attribute__((weak));

uint32_t minicov_load_4(const volatile void *mem, int order) {
  (void)order;
  return *(const volatile uint32_t *)mem; /* aligned word loads are single-copy atomic */
}

bool minicov_compare_exchange_4(volatile void *mem, void *expected, uint32_t desired, int success,
                                int failure) __asm__("__atomic_compare_exchange_4")
    __attribute__((weak));

bool minicov_compare_exchange_4(volatile void *mem, void *expected, uint32_t desired, int success,
                                int failure) {
  volatile uint32_t *p = mem;
  uint32_t *want = expected;
  uint32_t saved = interrupts_off();
  bool swapped = *p == *want;
  (void)success;
  (void)failure;
  if (swapped)
    *p = desired;
  else
    *want = *p;
  interrupts_restore(saved);
  return swapped;
}
#endif

#endif /* Cortex-M */
