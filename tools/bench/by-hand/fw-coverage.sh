#!/usr/bin/env bash
# The fw coverage pipeline done by hand, step for step what `nx run fw:coverage` does:
# instrumented build (fw crate only, build-std core), QEMU run, llvm-profdata merge, llvm-cov lcov/HTML/summary.
# Usage: fw-coverage.sh <output dir>   (cargo's build directory is <output dir>/target)
set -euo pipefail
out="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
flags='["-Cinstrument-coverage","-Zno-profiler-runtime","-Csymbol-mangling-version=v0"]'
mkdir -p "$out/run" "$out/report"
cd "$root"
RUSTC_BOOTSTRAP=1 CC=clang-22 AR=llvm-ar-22 MINICOV_CFLAGS="-fprofile-instr-generate -fcoverage-mapping" \
  cargo build -q --release -p fw --bin fw --target thumbv7m-none-eabi -Zbuild-std=core \
  --target-dir "$out/target" -Zprofile-rustflags --config "profile.release.package.fw.rustflags=$flags"
elf="$out/target/thumbv7m-none-eabi/release/fw"
(cd "$out/run" && qemu-system-arm -M lm3s6965evb -nographic -semihosting-config enable=on,target=native -kernel "$elf")
llvm-profdata-22 merge -o "$out/merged.profdata" "$out/run/fw.profraw"
llvm-cov-22 export -format=lcov -instr-profile="$out/merged.profdata" "$elf" > "$out/report/lcov.info"
llvm-cov-22 export -format=text -summary-only -instr-profile="$out/merged.profdata" "$elf" > "$out/report/summary.json"
llvm-cov-22 show -format=html -output-dir="$out/report/html" -Xdemangler=llvm-cxxfilt-22 -instr-profile="$out/merged.profdata" "$elf"
llvm-cov-22 report -instr-profile="$out/merged.profdata" "$elf"
