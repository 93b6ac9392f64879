#!/usr/bin/env bash
# Runs every test of the repository: the C core under CTest (plain and with ASan/UBSan), then all
# xunit projects of Interop.sln. Ends with one line summing them all: "N passed, N failed[, N skipped]".
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# A fresh machine: install what is missing (as root on Debian), or stop with the command that does.
bash "$root/tests/install-prerequisites.sh" || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
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
dotnet_status=0
# pipefail (set above) makes the pipeline fail when dotnet test does.
dotnet test "$root/Interop.sln" 2>&1 | tee "$results/dotnet-test.log" || dotnet_status=1

# The examples that ship as Native AOT executables, published and run (its JUnit file joins the sum below).
bash "$root/tests/publish-aot.sh" "$results" || status=1

# Sum the JUnit files (CTest's, the AOT publishes') and the xunit summaries.
passed=0 failed=0 skipped=0
for xml in "$results"/ctest-*.xml "$results"/aot.xml; do
  [ -f "$xml" ] || continue
  suite=$(tr '\n\t' '  ' < "$xml" | grep -o '<testsuite [^>]*>' | head -n 1)
  total=$(sed -n 's/.* tests="\([0-9]*\)".*/\1/p' <<<"$suite")
  fail=$(sed -n 's/.* failures="\([0-9]*\)".*/\1/p' <<<"$suite")
  skip=$(sed -n 's/.* skipped="\([0-9]*\)".*/\1/p' <<<"$suite")
  disabled=$(sed -n 's/.* disabled="\([0-9]*\)".*/\1/p' <<<"$suite")
  skip=$(( ${skip:-0} + ${disabled:-0} ))
  passed=$(( passed + ${total:-0} - ${fail:-0} - skip ))
  failed=$(( failed + ${fail:-0} ))
  skipped=$(( skipped + skip ))
done
# One summary line per test assembly: "Passed!  - Failed:     0, Passed:    10, Skipped:     0, Total:    10, ...".
xunit_failed=0
while read -r f p sk; do
  passed=$(( passed + p ))
  xunit_failed=$(( xunit_failed + f ))
  skipped=$(( skipped + sk ))
done < <(sed -n 's/.*\(Passed\|Failed\)!  *- Failed: *\([0-9]*\), Passed: *\([0-9]*\), Skipped: *\([0-9]*\), Total.*/\2 \3 \4/p' "$results/dotnet-test.log")
# A test host that crashed or a project that did not build prints no summary: count it as a failure.
if [ "$dotnet_status" -ne 0 ] && [ "$xunit_failed" -eq 0 ]; then
  echo "error: dotnet test failed without a test failure (a build error or a crashed test host); see above"
  xunit_failed=1
fi
failed=$(( failed + xunit_failed ))

if [ $(( passed + failed )) -eq 0 ]; then
  echo "error: no test ran"
  status=1
fi
[ "$failed" -gt 0 ] && status=1

summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
exit $status
