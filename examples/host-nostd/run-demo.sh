#!/usr/bin/env bash
# Builds examples/host-nostd with coverage instrumentation (Rust and C), runs
# it, and prints llvm-cov's report for the example's own sources.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
out="$root/target/host-nostd-demo"
mkdir -p "$out"
cd "$root"
export RUSTC_BOOTSTRAP=1   # -Z flags on Debian's stable toolchain
export RUSTFLAGS="-Cinstrument-coverage -Zno-profiler-runtime -Csymbol-mangling-version=v0 -Crelocation-model=static -Ctarget-feature=+crt-static"
export MINICOV_CFLAGS="-fprofile-instr-generate -fcoverage-mapping"
cargo build -p host-nostd --target x86_64-unknown-linux-gnu --target-dir "$out/build"
binary="$out/build/x86_64-unknown-linux-gnu/debug/host-nostd"
"$binary" "$out/host-nostd.profraw"
llvm-profdata-22 merge -o "$out/host-nostd.profdata" "$out/host-nostd.profraw"
llvm-cov-22 report "$binary" -instr-profile="$out/host-nostd.profdata" \
  -ignore-filename-regex='(runtime/|nostd-linux/|/rustc-|/usr/src/)'
echo "profile: $out/host-nostd.profraw"
