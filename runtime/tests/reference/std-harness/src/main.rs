//! Runs the workload under the toolchain's own profiling runtime
//! (profiler_builtins), which writes the profile to LLVM_PROFILE_FILE at exit.

fn main() {
    let checksum = reference_workload::run();
    eprintln!("checksum {checksum}");
}
