#!/usr/bin/env bash
# Installs the corpus's -dev packages (packages.txt) and clang-14, the oracle. Debian/Ubuntu, as root.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mapfile -t packages < <(grep -v '^\s*#' "$here/packages.txt" | grep -v '^\s*$')
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# One package missing from a release must not stop the others: install what exists, report the rest.
available=()
for p in "${packages[@]}" clang-14; do
  if apt-cache show "$p" >/dev/null 2>&1; then available+=("$p"); else echo "not available here: $p" >&2; fi
done
apt-get install -y -qq --no-install-recommends "${available[@]}"
