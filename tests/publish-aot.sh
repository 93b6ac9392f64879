#!/usr/bin/env bash
# Publishes the examples that ship as Native AOT executables (Calculator, ProcessPool, LogScan) exactly as a user
# would, runs each binary and checks what it prints. Each check is one test case in a JUnit file, which
# tests/run-all.sh adds to its summary. Usage: tests/publish-aot.sh RESULTS_DIR
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
results=${1:-"$root/artifacts/test-results"}
out="$root/artifacts/aot"
mkdir -p "$results" "$out"
cases=() failures=0

# record NAME SECONDS FAILURE-MESSAGE (empty when it passed)
record() {
  local name=$1 seconds=$2 message=$3
  if [ -n "$message" ]; then
    failures=$((failures + 1))
    echo "FAIL $name: $message"
    message=${message//&/&amp;}; message=${message//</&lt;}; message=${message//>/&gt;}; message=${message//\"/&quot;}
    cases+=("<testcase classname=\"aot\" name=\"$name\" time=\"$seconds\"><failure message=\"$message\"/></testcase>")
  else
    echo "ok   $name (${seconds}s)"
    cases+=("<testcase classname=\"aot\" name=\"$name\" time=\"$seconds\"/>")
  fi
}

# publish NAME PROJECT: dotnet publish -p:PublishAot=true, the command docs/getting-started.md gives users.
publish() {
  local name=$1 project=$2 start=$SECONDS
  if dotnet publish "$root/$project" -c Release -r linux-x64 -p:PublishAot=true -o "$out/$name" -nologo -v quiet >"$results/aot-$name-publish.log" 2>&1 &&
     ! grep -q "warning" "$results/aot-$name-publish.log"; then
    record "publish $name" $((SECONDS - start)) ""
  else
    record "publish $name" $((SECONDS - start)) "dotnet publish failed or warned; see artifacts/test-results/aot-$name-publish.log: $(grep -m1 -E 'error|warning' "$results/aot-$name-publish.log")"
    return 1
  fi
}

# expect NAME PATTERN COMMAND...: runs the binary; passes when it exits 0 and a line of its output matches PATTERN.
expect() {
  local name=$1 pattern=$2 start=$SECONDS output status
  shift 2
  output=$(timeout 60 "$@" 2>&1)
  status=$?
  if [ "$status" -ne 0 ]; then
    record "$name" $((SECONDS - start)) "exit code $status: $(tail -n 3 <<<"$output")"
  elif ! grep -qE "$pattern" <<<"$output"; then
    record "$name" $((SECONDS - start)) "no line matches '$pattern' in: $(tail -n 3 <<<"$output")"
  else
    record "$name" $((SECONDS - start)) ""
  fi
}

# ships_no_faults NAME DIR: a program that never crashes on purpose must not ship the test-only fault library.
ships_no_faults() {
  local found
  found=$(find "$2" -name 'libinterop_faults*' -o -name 'interop_faults.dll' | head -n 1)
  record "$1 ships no test-only fault library" 0 "${found:+it ships $found}"
}

echo "== Native AOT (publish and run) =="
if publish calculator examples/Calculator/Calculator.csproj; then
  expect "calculator runs" '^The C function returned: 30$' "$out/calculator/Calculator"
  ships_no_faults calculator "$out/calculator"
fi

if publish processpool examples/ProcessPool/ProcessPoolExample.csproj; then
  expect "processpool maps in order" '^Main: Results: \[1, 4, 9, 16, 25, 36, 49, 64\]$' "$out/processpool/ProcessPoolExample"
  expect "processpool survives a segfault" '^Main: 5 failed: worker [0-9]+ died of SIGSEGV' "$out/processpool/ProcessPoolExample" crash
fi

if publish logscan examples/LogScan/LogScan.csproj; then
  log="$out/logscan/sample.log"
  "$out/logscan/logscan" generate 8MiB "$log" --format sparse 2>/dev/null
  expected=$(LC_ALL=C grep -c -F ERROR "$log")
  for engine in managed native parallel; do
    expect "logscan count --engine $engine equals grep -c" "^count: $expected\$" "$out/logscan/logscan" count ERROR "$log" --engine "$engine"
  done
  rm -f "$log"
  ships_no_faults logscan "$out/logscan"
fi

{
  echo '<?xml version="1.0" encoding="UTF-8"?>'
  echo "<testsuite name=\"aot\" tests=\"${#cases[@]}\" failures=\"$failures\" skipped=\"0\">"
  printf '%s\n' "${cases[@]}"
  echo "</testsuite>"
} >"$results/aot.xml"
[ "$failures" -eq 0 ]
