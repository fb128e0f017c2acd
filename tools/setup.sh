#!/usr/bin/env bash
# Installs what this workspace needs on Debian 12: the Debian packages listed in
# tools/debian-packages.txt (only the missing ones) and the npm dependencies (only when stale).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
package_list="$repo_root/tools/debian-packages.txt"

say() { printf 'setup: %s\n' "$*"; }
fail() { printf 'setup: error: %s\n' "$*" >&2; exit 1; }

# Package names from the list: comments and blank lines dropped.
read_package_list() {
  sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' "$package_list"
}

is_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

install_debian_packages() {
  [ -r "$package_list" ] || fail "package list $package_list is missing or unreadable"
  command -v dpkg-query >/dev/null 2>&1 ||
    fail "dpkg-query not found: this script supports Debian 12 only"

  local wanted=() missing=() pkg
  mapfile -t wanted < <(read_package_list)
  for pkg in "${wanted[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
  done

  if [ "${#missing[@]}" -eq 0 ]; then
    say "Debian packages: all ${#wanted[@]} already installed, nothing to do"
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    fail "missing Debian packages: ${missing[*]}; run this script as root (sudo bash tools/setup.sh) or install them yourself"
  fi

  say "Debian packages: installing ${#missing[@]} missing: ${missing[*]}"
  say "running apt-get update"
  DEBIAN_FRONTEND=noninteractive apt-get update -q ||
    fail "apt-get update failed; check the network and /etc/apt/sources.list"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    fail "apt-get install failed for: ${missing[*]}"

  for pkg in "${missing[@]}"; do
    is_installed "$pkg" || fail "package $pkg is still not installed after apt-get install"
  done
  say "Debian packages: installed ${missing[*]}"
}

install_npm_dependencies() {
  command -v npm >/dev/null 2>&1 || fail "npm not found: install Node.js 20.19 or newer first"
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)' ||
    fail "Node.js $(node --version) is too old: this workspace needs 20.19 or newer"

  local marker="$repo_root/node_modules/.package-lock.json"
  if [ -f "$marker" ] && [ ! "$repo_root/package-lock.json" -nt "$marker" ]; then
    say "npm dependencies: node_modules is up to date with package-lock.json, nothing to do"
    return
  fi
  say "npm dependencies: running npm ci"
  (cd "$repo_root" && npm ci --no-audit --no-fund) || fail "npm ci failed"
  say "npm dependencies: installed"
}

install_debian_packages
install_npm_dependencies
say "done"
