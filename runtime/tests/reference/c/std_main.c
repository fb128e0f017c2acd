/* Hosted harness: links the toolchain's own profiling runtime, which writes
 * LLVM_PROFILE_FILE at exit. */
#include <stdint.h>

uint64_t c_workload(uint32_t rounds);

int main(void) { return c_workload(25) == 0; }
