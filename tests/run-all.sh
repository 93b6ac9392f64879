#!/usr/bin/env bash
# Runs every test of the repository: the C core under CTest (plain and with ASan/UBSan), then all
# xunit projects of Interop.sln. Ends with one line summing them all: "N passed, N failed[, N skipped]".
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
jobs=$(nproc 2>/dev/null || echo 2)

run_ctest() {
  local name=$1
  shift
  local build="$root/artifacts/cmake/$name"
  echo "== CTest ($name) =="
  if cmake -S "$root" -B "$build" "$@" >"$results/cmake-$name.log" 2>&1 &&
     cmake --build "$build" -j"$jobs" >>"$results/cmake-$name.log" 2>&1; then
    ctest --test-dir "$build" --output-on-failure --output-junit "$results/ctest-$name.xml" -j"$jobs" || status=1
  else
    cat "$results/cmake-$name.log"
    echo "error: the C core did not build ($name)"
    status=1
  fi
}

run_ctest release -DCMAKE_BUILD_TYPE=Release
run_ctest sanitize -DCMAKE_BUILD_TYPE=Debug -DINTEROP_SANITIZE=ON

echo "== xunit (Interop.sln) =="
dotnet test "$root/Interop.sln" --logger "trx" --results-directory "$results/trx" || status=1

# Sum CTest's JUnit files and the xunit .trx files.
passed=0 failed=0 skipped=0
for xml in "$results"/ctest-*.xml; do
  [ -f "$xml" ] || continue
  suite=$(grep -o '<testsuite [^>]*>' "$xml" | head -n 1)
  total=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite")
  fail=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$suite")
  skip=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$suite")
  disabled=$(sed -n 's/.* disabled="\([0-9]*\)".*/\1/p' <<<"$suite")
  skip=$(( ${skip:-0} + ${disabled:-0} ))
  passed=$(( passed + ${total:-0} - ${fail:-0} - skip ))
  failed=$(( failed + ${fail:-0} ))
  skipped=$(( skipped + skip ))
done
for trx in "$results"/trx/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$(( passed + ${p:-0} ))
  failed=$(( failed + ${f:-0} ))
  skipped=$(( skipped + ${t:-0} - ${e:-0} ))
done

if [ $(( passed + failed )) -eq 0 ]; then
  echo "error: no test ran"
  status=1
fi
[ "$failed" -gt 0 ] && status=1

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit $status
