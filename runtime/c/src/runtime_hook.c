/* Instrumented code on non-Linux ELF targets references __llvm_profile_runtime
 * (and rustc passes `-u __llvm_profile_runtime`) to pull a profiling runtime
 * into the link. Defining it here is what makes that link succeed. Read-only,
 * so it costs no RAM. */
const int __llvm_profile_runtime = 0;
