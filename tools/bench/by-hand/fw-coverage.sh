#!/usr/bin/env bash
# The fw coverage pipeline done by hand, step for step what `nx run fw:coverage` does:
# instrumented build (fw crate only, build-std core), the library's unit tests built for the host (host-tests),
# QEMU run as a flashed board, the unit tests run, llvm-profdata merge, llvm-cov lcov/HTML/summary over both binaries.
# Usage: fw-coverage.sh <output dir>   (cargo's build directory is <output dir>/target)
set -euo pipefail
out="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
flags='["-Cinstrument-coverage","-Zno-profiler-runtime","--cfg","minicov","-Csymbol-mangling-version=v0"]'
mkdir -p "$out/run" "$out/report"
cd "$root"
RUSTC_BOOTSTRAP=1 CC=clang-22 AR=llvm-ar-22 MINICOV_CFLAGS="-fprofile-instr-generate -fcoverage-mapping" \
  cargo build -q --release -p fw --bin fw --target thumbv7m-none-eabi -Zbuild-std=core \
  --target-dir "$out/target" -Zprofile-rustflags --config "profile.release.package.fw.rustflags=$flags"
elf="$out/target/thumbv7m-none-eabi/release/fw"
# The unit tests on the host: std harness with rustc's own profiler runtime, so no -Zno-profiler-runtime.
host_flags='["-Cinstrument-coverage","-Csymbol-mangling-version=v0"]'
host="$(rustc -vV | sed -n 's/^host: //p')"
tests="$(RUSTC_BOOTSTRAP=1 CC=clang-22 AR=llvm-ar-22 MINICOV_CFLAGS="-fprofile-instr-generate -fcoverage-mapping" \
  cargo test -q --no-run --lib --release -p fw --target "$host" --message-format=json \
  --target-dir "$out/target-host-tests" -Zprofile-rustflags --config "profile.release.package.fw.rustflags=$host_flags" \
  | sed -n 's/.*"executable":"\([^"]*\)".*/\1/p' | tail -n 1)"
# As a flashed board: the flash contents only (every section loaded from the file), RAM filled with 0xa5.
llvm-objcopy-22 -O binary --gap-fill=0xff --only-section=.vector_table --only-section=.text --only-section=.rodata \
  --only-section=__llvm_prf_data --only-section=__llvm_prf_names --only-section=.data "$elf" "$out/flash.bin"
head -c 65536 /dev/zero | tr '\0' '\245' > "$out/ram.bin"
(cd "$out/run" && qemu-system-arm -M lm3s6965evb -nographic -semihosting-config enable=on,target=native \
  -device loader,file="$out/flash.bin",addr=0,force-raw=on -device loader,file="$out/ram.bin",addr=0x20000000,force-raw=on)
mkdir -p "$out/host-tests"
(cd "$out/host-tests" && LLVM_PROFILE_FILE="$out/host-tests/fw-host-tests-%m.profraw" "$tests")
llvm-profdata-22 merge -o "$out/merged.profdata" "$out/run/fw.profraw" "$out/host-tests/"*.profraw
llvm-cov-22 export -format=lcov -instr-profile="$out/merged.profdata" "$elf" -object "$tests" > "$out/report/lcov.info"
llvm-cov-22 export -format=text -summary-only -instr-profile="$out/merged.profdata" "$elf" -object "$tests" > "$out/report/summary.json"
llvm-cov-22 show -format=html -output-dir="$out/report/html" -Xdemangler=llvm-cxxfilt-22 -instr-profile="$out/merged.profdata" "$elf" -object "$tests"
llvm-cov-22 report -instr-profile="$out/merged.profdata" "$elf" -object "$tests"
