#!/usr/bin/env bash
# Process pool vs Python's multiprocessing.Pool, same machine, same run.
#   bash benchmarks/processpool/run.sh          # .NET side published with Native AOT (falls back to JIT)
#   bash benchmarks/processpool/run.sh --jit    # .NET side as a framework-dependent Release build
# Prints a table with both numbers and the ratio, oriented so that > 1 means .NET is better.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/../../artifacts/benchmarks/processpool"
mkdir -p "$out"
python=${PYTHON:-python3}

mode=aot
[ "${1:-}" = "--jit" ] && mode=jit
if [ "$mode" = aot ] && dotnet publish "$here/PoolBenchmark" -c Release -r linux-x64 -p:PublishAot=true -o "$out/aot" >"$out/publish.log" 2>&1; then
  bench=("$out/aot/PoolBenchmark")
else
  [ "$mode" = aot ] && echo "Native AOT publish failed (see $out/publish.log); using the JIT build." >&2
  mode=jit
  dotnet build "$here/PoolBenchmark" -c Release -o "$out/jit" >"$out/build.log" 2>&1
  bench=("$out/jit/PoolBenchmark")
fi

echo "Running .NET ($mode) ..." >&2
"${bench[@]}" | tee "$out/dotnet.txt" >&2
echo "Running Python ($("$python" --version 2>&1)) ..." >&2
"$python" "$here/pool_bench.py" | tee "$out/python.txt" >&2

value() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
row() { # name key unit higher-is-better(1/0) goal
  local d p
  d=$(value "$out/dotnet.txt" "$2")
  p=$(value "$out/python.txt" "$2")
  awk -v n="$1" -v d="$d" -v p="$p" -v u="$3" -v hib="$4" -v g="$5" 'BEGIN {
    r = hib ? d / p : p / d
    printf "| %-34s | %14.1f %-7s | %14.1f %-7s | %6.2fx | %-10s |\n", n, d, u, p, u, r, g }'
}

echo
echo "workers: $(value "$out/dotnet.txt" workers) (.NET $mode) / $(value "$out/python.txt" workers) (Python)"
echo "| measurement                        |            .NET pool    |   Python mp.Pool        | ratio   | goal       |"
echo "|------------------------------------|-------------------------|-------------------------|---------|------------|"
row "throughput, 100,000 trivial tasks" throughput_tasks_per_s "tasks/s" 1 ">= 3x"
row "round-trip latency of one task" latency_us "us" 0 ">= 2x"
row "speedup, 200 x 10 ms CPU tasks" cpu_speedup "x" 1 "(abs >=1.8)"
row "pool start-up (median)" startup_ms "ms" 0 ">= 1x"
echo "(ratio > 1 means the .NET pool is better; speedup goal is the .NET absolute value)"
