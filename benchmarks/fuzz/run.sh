#!/usr/bin/env bash
# Mutation fuzzing of the generator's core and of the interop-bindgen CLI.
#   bash benchmarks/fuzz/run.sh                 100,000 mutants in-process + 300 through the CLI
#   bash benchmarks/fuzz/run.sh 5000 100        fewer (in-process count, CLI count)
#   SEED=7 WORKERS=4 bash benchmarks/fuzz/run.sh
#   CLI=artifacts/benchmarks/generator/aot/interop-bindgen bash benchmarks/fuzz/run.sh 0 300   (the AOT binary)
#   HEADERS=zlib.h,curl.h,sqlite3.h bash benchmarks/fuzz/run.sh 2000 0   (only these corpus headers, by file name)
# Mutants are deterministic (seed + number): reproduce one with
#   dotnet artifacts/benchmarks/fuzz/bin/HeaderFuzz.dll --repo . --only N --seed SEED --out /tmp/x
# Failing inputs (exceptions, INTEROP1099 internal errors, hangs over 5 s, CLI crashes) are saved to
# artifacts/benchmarks/fuzz/failures/ with a .txt note each. Exit code 0 only when none were found.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$repo/artifacts/benchmarks/fuzz"
count=${1:-100000}
cli_count=${2:-300}
seed=${SEED:-20261127}
workers=${WORKERS:-$(nproc)}
headers=()
[ -n "${HEADERS:-}" ] && headers=(--headers "$HEADERS")
mkdir -p "$out"
rm -rf "$out/failures"

echo "building the fuzzer and the CLI ..." >&2
dotnet build "$here/HeaderFuzz" -c Release -o "$out/bin" >"$out/build.log" 2>&1 || { cat "$out/build.log"; exit 2; }
dotnet build "$repo/generator/Interop.Bindgen" -c Release -o "$out/cli" >"$out/cli-build.log" 2>&1 || { cat "$out/cli-build.log"; exit 2; }

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
status=0
"$out/bin/HeaderFuzz" --repo "$repo" --count "$count" --seed "$seed" --workers "$workers" "${headers[@]}" --out "$out/failures" | tee "$out/inproc.txt"
rc=${PIPESTATUS[0]}
if [ "$rc" -ne 0 ]; then
  status=1
  if [ "$rc" -gt 3 ]; then
    # The process itself died (a stack overflow cannot be caught): name the mutants that were running.
    echo "the fuzzer process died with exit code $rc; mutants in flight: $(tr '\n' ' ' <"$out/failures/inflight.txt" 2>/dev/null)" | tee -a "$out/inproc.txt"
  fi
fi

if [ "$cli_count" -gt 0 ]; then
  # Different mutant numbers from the in-process run, same seed.
  "$out/bin/HeaderFuzz" --repo "$repo" --cli "${CLI:-$out/cli/interop-bindgen}" --count "$cli_count" --start 1000000000 --seed "$seed" --workers "$workers" "${headers[@]}" --out "$out/failures" | tee "$out/cli.txt"
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
exit $status
