#!/usr/bin/env bash
# Cluster pool ratios on this machine: per-chunk overhead against the local pool, throughput over 1, 2 and 3
# silos (waiting and CPU-bound tasks), recovery time after a SIGKILL; --ten-million adds the lazy 10M map.
# Starts its own redis-server and silo processes on loopback and stops them at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
out=artifacts/benchmarks/cluster
mkdir -p "$out"
dotnet build -c Release benchmarks/cluster/ClusterBenchmark/ClusterBenchmark.csproj -o "$out/bin" -nologo | grep -E "error|warn" || true
echo "load average before: $(cat /proc/loadavg)"
dotnet "$out/bin/ClusterBenchmark.dll" "$@" | tee "$out/results.md"
