#!/usr/bin/env bash
# Demo: install what is needed, then run the host no_std example end to end.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
host_demo="$repo_root/examples/host-nostd/run-demo.sh"

bash "$repo_root/tools/setup.sh"

if [ ! -f "$host_demo" ]; then
  printf 'demo: error: %s does not exist: the host no_std example is not built yet\n' "${host_demo#"$repo_root"/}" >&2
  exit 1
fi
printf 'demo: running %s\n' "${host_demo#"$repo_root"/}"
bash "$host_demo"
