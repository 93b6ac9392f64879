#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian machine, when run as root; anywhere else it stops with the one
# command that installs what is missing. Called by tests/run-all.sh; safe to run again (installs only what lacks).
set -euo pipefail

# Debian packages the tests need, one a line: append yours here.
packages=(
  cmake                  # the C core's build, and CMakeProject items
  build-essential        # cc for the C core
  libasan8               # GCC's AddressSanitizer runtime, for the sanitizer build of the C core
  libubsan1              # and its UBSan runtime
  clang-14               # the layout oracle
  zlib1g-dev             # the real headers and libraries the generator is proven on (tests/Interop.RealHeaders.Tests)
  libsqlite3-dev
  libcurl4-openssl-dev
  libclang-14-dev
  libzstd-dev
  libexpat1-dev
  libbz2-dev             # popular Debian library headers bound with the system include directories (tests/Interop.RealHeaders.Tests/SystemHeaders)
  liblzma-dev
  libpng-dev
  libyaml-dev
  libmagic-dev
  libffi-dev
  libgmp-dev
  uuid-dev
  libreadline-dev
  libncurses-dev
  libssl-dev
  libgcrypt20-dev
  libxml2-dev
  liburing-dev           # the corpus slice's liburing.h: clang's stdatomic.h, glibc's statx (tests/Interop.RealHeaders.Tests/Corpus)
  redis-server           # Redis membership for the cluster tests and examples/Cluster (started by them, never as a service)
)

missing=()
if command -v dpkg >/dev/null 2>&1; then
  for package in "${packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
else
  # Not Debian: the packages cannot be checked by name, only the tools the build runs.
  for tool in cmake cc clang-14; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "error: missing ${missing[*]}. On Debian/Ubuntu this command installs everything the tests need:" >&2
    echo "  sudo apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
fi

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "error: missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

command -v dotnet >/dev/null 2>&1 || {
  echo "error: the .NET SDK is missing (10.0.4xx); see https://learn.microsoft.com/dotnet/core/install/linux" >&2
  exit 1
}
