#!/usr/bin/env bash
# Process pool vs Python's multiprocessing.Pool, same machine, same run, in both forms a .NET user ships:
# the JIT form (dotnet build, Release) and the Native AOT form (dotnet publish -p:PublishAot=true).
#   bash benchmarks/processpool/run.sh            # both forms and Python
#   ROUNDS=2 bash benchmarks/processpool/run.sh   # alternate the three programs twice, best of each counts
# Prints one table with all three and the ratios, oriented so that > 1 means .NET is better.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
out="$here/../../artifacts/benchmarks/processpool"
mkdir -p "$out"
python=${PYTHON:-python3}
rounds=${ROUNDS:-1}

echo "Building the JIT form (dotnet build -c Release) ..." >&2
dotnet build "$here/PoolBenchmark" -c Release -o "$out/jit" >"$out/build.log" 2>&1 || { cat "$out/build.log" >&2; exit 1; }
echo "Publishing the Native AOT form ..." >&2
aot=1
dotnet publish "$here/PoolBenchmark" -c Release -r linux-x64 -p:NativeAotBench=true -o "$out/aot" >"$out/publish.log" 2>&1 || {
  echo "Native AOT publish failed (see $out/publish.log); the AOT column is left out." >&2; aot=0; }

# Alternate the programs (the machine is shared and its speed drifts); each run writes "name value" lines.
: >"$out/jit.txt"; : >"$out/aot.txt"; : >"$out/python.txt"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for round in $(seq "$rounds"); do
  echo "Round $round: Python ($("$python" --version 2>&1)) ..." >&2
  "$python" "$here/pool_bench.py" | tee -a "$out/python.txt" >&2
  echo "Round $round: .NET JIT ..." >&2
  "$out/jit/PoolBenchmark" | tee -a "$out/jit.txt" >&2
  if [ "$aot" = 1 ]; then
    echo "Round $round: .NET Native AOT ..." >&2
    "$out/aot/PoolBenchmark" | tee -a "$out/aot.txt" >&2
  fi
done

# best of the rounds: highest for rates, lowest for times
best() { awk -v k="$2" -v hib="$3" '$1 == k { if (n++ == 0 || (hib ? $2 > b : $2 < b)) b = $2 } END { if (n) print b; else print "nan" }' "$1"; }
row() { # name key unit higher-is-better(1/0)
  local j a p
  j=$(best "$out/jit.txt" "$2" "$4"); a=$(best "$out/aot.txt" "$2" "$4"); p=$(best "$out/python.txt" "$2" "$4")
  awk -v n="$1" -v j="$j" -v a="$a" -v p="$p" -v u="$3" -v hib="$4" 'BEGIN {
    rj = (j == "nan" || p == 0) ? 0 : (hib ? j / p : p / j)
    ra = (a == "nan" || p == 0) ? 0 : (hib ? a / p : p / a)
    printf "| %-38s | %12.1f | %12.1f | %12.1f | %-8s | %6.2fx | %6.2fx |\n", n, j, a, p, u, rj, ra }'
}

echo
echo "load average: $load_before before, $(cut -d' ' -f1-3 /proc/loadavg) after; cores: $(nproc); workers: $(best "$out/python.txt" workers 1); rounds: $rounds"
echo "| measurement                            |     .NET JIT |     .NET AOT |   Python mp  | unit     | JIT/Py  | AOT/Py  |"
echo "|----------------------------------------|--------------|--------------|--------------|----------|---------|---------|"
row "throughput, 100,000 trivial tasks" throughput_tasks_per_s "tasks/s" 1
row "round-trip latency of one task" latency_us "us" 0
row "ordered streaming map (imap), 1M lazy" imap_tasks_per_s "tasks/s" 1
row "recycling, 1,000 tasks, 10 per worker" recycle_1000_s "s" 0
row "speedup, 200 x 10 ms CPU tasks" cpu_speedup "x" 1
row "pool start-up (median)" startup_ms "ms" 0
echo "(ratios > 1 mean the .NET pool is better; the speedup row compares absolute speedups, at most 2x on 2 cores)"
