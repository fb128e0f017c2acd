#!/usr/bin/env bash
# The host-nostd PGO pipeline done by hand, step for step what `nx run host-nostd:pgo` does:
# profile-generate build, a training run, llvm-profdata merge, the -Cprofile-use/-fprofile-use build.
# Usage: host-nostd-pgo.sh <output dir>
set -euo pipefail
out="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
gen="-Cprofile-generate -Zno-profiler-runtime -Csymbol-mangling-version=v0"
mkdir -p "$out/run"
cd "$root"
# RUSTFLAGS with an explicit --target reach the program's crates but not build scripts.
build() { # <target dir> <rustflags> <cflags>
  RUSTC_BOOTSTRAP=1 CC=clang-22 AR=llvm-ar-22 MINICOV_CFLAGS="$3" RUSTFLAGS="$2" \
    cargo build -q --release -p host-nostd --bin host-nostd --target x86_64-unknown-linux-gnu --target-dir "$1"
}
build "$out/gen" "$gen" "-fprofile-generate"
(cd "$out/run" && "$out/gen/x86_64-unknown-linux-gnu/release/host-nostd" "$out/run/host-nostd.profraw" 2000)
llvm-profdata-22 merge -o "$out/merged.profdata" "$out/run/host-nostd.profraw"
use="-Cprofile-use=$out/merged.profdata -Csymbol-mangling-version=v0"
build "$out/use" "$use" "-fprofile-use=$out/merged.profdata"
