/* Host program: the workload on LLVM's own profiling runtime, which writes LLVM_PROFILE_FILE at exit. */
int workload(int rounds);

int main(void) { return workload(25) < 0; }
