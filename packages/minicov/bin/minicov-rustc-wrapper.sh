#!/bin/sh
# Cargo's RUSTC_WORKSPACE_WRAPPER for minicov builds: adds the instrumentation flags to every crate of
# the workspace packages named in MINICOV_INSTRUMENT (libraries and binaries, whatever their target
# names: cargo tells the package in CARGO_PKG_NAME) and the common flags to the other workspace crates,
# and leaves build scripts and proc macros alone (they run on the build machine, where no minicov
# runtime is linked).
# Environment: MINICOV_INSTRUMENT (comma-separated package names), MINICOV_INSTRUMENT_RUSTFLAGS and
# MINICOV_PLAIN_RUSTFLAGS (flags separated by the byte 0x1f, as in CARGO_ENCODED_RUSTFLAGS).
# A POSIX shell script rather than Node: cargo starts it once per rustc call.
if [ $# -eq 0 ]; then
  echo "minicov-rustc-wrapper: cargo runs this as RUSTC_WORKSPACE_WRAPPER with the rustc path first" >&2
  exit 2
fi
rustc="$1"
shift

crate_name=""
crate_type=""
previous=""
for arg in "$@"; do
  case "$previous" in
    --crate-name) crate_name="$arg" ;;
    --crate-type) crate_type="$arg" ;;
  esac
  previous="$arg"
done

extra=""
if [ -n "$crate_name" ] && [ "$crate_type" != "proc-macro" ]; then
  case "$crate_name" in
    build_script_*) ;;
    *)
      # By package, not by crate name: a [[bin]] or [lib] may be named apart from its package.
      case ",${MINICOV_INSTRUMENT:-}," in
        *",${CARGO_PKG_NAME:-},"*) extra="${MINICOV_INSTRUMENT_RUSTFLAGS:-}" ;;
        *) extra="${MINICOV_PLAIN_RUSTFLAGS:-}" ;;
      esac
      ;;
  esac
fi

# Split the extra flags on 0x1f only (a profile path may contain spaces), without globbing.
IFS=$(printf '\037')
set -f
# shellcheck disable=SC2086
exec "$rustc" "$@" $extra
