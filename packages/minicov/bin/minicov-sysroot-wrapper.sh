#!/bin/sh
# Cargo's RUSTC_WRAPPER for minicov builds of targets without prebuilt libraries: every crate compiled for the
# target (each rustc call with --target, whoever's crate it is) gets the standard library minicov built once,
# in MINICOV_SYSROOT. Build scripts and proc macros (no --target) keep the toolchain's own. Then runs the
# workspace's own RUSTC_WRAPPER (MINICOV_RUSTC_WRAPPER, e.g. sccache) if it had one.
# A POSIX shell script rather than Node: cargo starts it once per rustc call.
if [ $# -eq 0 ]; then
  echo "minicov-sysroot-wrapper: cargo runs this as RUSTC_WRAPPER with the rustc path first" >&2
  exit 2
fi
target=no
sysroot=no
for arg in "$@"; do
  case "$arg" in
    --target | --target=*) target=yes ;;
    --sysroot | --sysroot=*) sysroot=yes ;;
  esac
done
if [ "$target" = yes ] && [ "$sysroot" = no ] && [ -n "${MINICOV_SYSROOT:-}" ]; then
  set -- "$@" --sysroot "$MINICOV_SYSROOT"
fi
if [ -n "${MINICOV_RUSTC_WRAPPER:-}" ]; then
  exec "$MINICOV_RUSTC_WRAPPER" "$@"
fi
exec "$@"
