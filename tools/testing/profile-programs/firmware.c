/* Cortex-M3 firmware for QEMU lm3s6965evb: runs the workload, writes the
 * minicov profile to firmware.profraw on the host through semihosting, and
 * exits through semihosting (status 0 only when the whole profile was written). */
#include <stddef.h>
#include <stdint.h>

#include "minicov.h"

int workload(int rounds);

enum { SYS_OPEN = 0x01, SYS_CLOSE = 0x02, SYS_WRITE = 0x05, SYS_EXIT = 0x18 };
enum { EXIT_OK = 0x20026, EXIT_FAILED = 0x20023, MODE_WB = 5 };

static uint32_t semihost(uint32_t op, const void *args) {
  register uint32_t r0 __asm__("r0") = op;
  register const void *r1 __asm__("r1") = args;
  __asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static __attribute__((noreturn)) void finish(int ok) {
  semihost(SYS_EXIT, (const void *)(uintptr_t)(ok ? EXIT_OK : EXIT_FAILED));
  for (;;) {
  }
}

static int write_host(void *handle, const void *data, size_t len) {
  uint32_t args[3] = {(uint32_t)(uintptr_t)handle, (uint32_t)(uintptr_t)data, (uint32_t)len};
  return semihost(SYS_WRITE, args) == 0 ? 0 : -1;
}

static void run(void) {
  volatile int result = workload(25);
  (void)result;
  static const char name[] = "firmware.profraw";
  uint32_t open_args[3] = {(uint32_t)(uintptr_t)name, MODE_WB, sizeof name - 1};
  uint32_t handle = semihost(SYS_OPEN, open_args);
  if (handle == 0xffffffffu) finish(0);
  int rc = minicov_write_profile(write_host, (void *)(uintptr_t)handle);
  uint32_t close_args[1] = {handle};
  finish(semihost(SYS_CLOSE, close_args) == 0 && rc == MINICOV_OK);
}

extern uint32_t __data_start, __data_end, __data_load, __zero_start, __zero_end, __stack_top;

/* Copies .data, zeroes the counters and .bss, then runs. Not instrumented: the counters are not zeroed yet. */
__attribute__((no_profile_instrument_function)) void reset(void) {
  for (uint32_t *to = &__data_start, *from = &__data_load; to < &__data_end;) *to++ = *from++;
  for (uint32_t *to = &__zero_start; to < &__zero_end;) *to++ = 0;
  run();
}

__attribute__((no_profile_instrument_function)) void fault(void) { finish(0); }

/* Initial stack pointer, reset, then NMI, HardFault, MemManage, BusFault, UsageFault. */
__attribute__((section(".vector_table"), used)) const void *const vectors[] = {
    &__stack_top, reset, fault, fault, fault, fault, fault,
};
