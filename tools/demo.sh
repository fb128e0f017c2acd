#!/usr/bin/env bash
# Demo: install what is missing, then `nx run fw:coverage`: build the firmware instrumented, run it in
# QEMU, merge its profile and print the coverage summary (lcov and HTML under coverage/examples/fw).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

bash tools/setup.sh

# No Nx daemon or cloud: a one-shot run that a fresh machine can do offline.
export NX_DAEMON=false NX_NO_CLOUD=true
npx nx run fw:coverage
printf '\ndemo: HTML report: %s\n' "$repo_root/coverage/examples/fw/html/index.html"
