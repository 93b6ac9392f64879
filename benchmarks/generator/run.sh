#!/usr/bin/env bash
# interop-bindgen vs Debian's bindgen (Rust, libclang) on real headers, and the in-process generator,
# in one run on one machine.
#   bash benchmarks/generator/run.sh            CLI table (hyperfine) + BenchmarkDotNet on sqlite3.h
#   bash benchmarks/generator/run.sh --quick    fewer hyperfine runs, Stopwatch instead of BenchmarkDotNet
#   RUNS=30 WARMUP=5 bash benchmarks/generator/run.sh
# Needs: dotnet 10, hyperfine, bindgen (apt-get install hyperfine bindgen), and for Native AOT clang +
# zlib1g-dev (apt-get install clang zlib1g-dev). Falls back to ReadyToRun when the AOT publish fails.
# Ratios are bindgen/ours, so > 1 means ours is faster; the goal is >= 3 (wall time, start-up included).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
out="$repo/artifacts/benchmarks/generator"
quick=0
[ "${1:-}" = "--quick" ] && quick=1
runs=${RUNS:-$([ $quick = 1 ] && echo 10 || echo 20)}
warmup=${WARMUP:-3}
mkdir -p "$out"

for tool in hyperfine bindgen python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install $tool)" >&2; exit 2; }
done

# ---- build: the reference JIT build, and the shipped CLI (Native AOT, else ReadyToRun) ----
echo "building ..." >&2
dotnet build "$repo/generator/Interop.Bindgen" -c Release -o "$out/jit" >"$out/build-jit.log" 2>&1 || { cat "$out/build-jit.log"; exit 2; }
# -p:InteropNativeAot=true switches PublishAot on inside Interop.Bindgen.csproj only: -p:PublishAot=true on
# the command line would also reach the netstandard2.0 generator reference and fail with NETSDK1207.
# Native AOT links with `clang` (Debian package clang; with only clang-14 installed, add
# -p:CppCompilerAndLinker=clang-14) and needs zlib1g-dev.
mode=aot
rm -rf "$out/aot" "$out/r2r"
if ! dotnet publish "$repo/generator/Interop.Bindgen" -c Release -r linux-x64 -p:InteropNativeAot=true -o "$out/aot" >"$out/publish-aot.log" 2>&1; then
  echo "Native AOT publish failed (see $out/publish-aot.log); using ReadyToRun." >&2
  mode=r2r
  dotnet publish "$repo/generator/Interop.Bindgen" -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -p:TieredPGO=false -o "$out/r2r" >"$out/publish-r2r.log" 2>&1 || { cat "$out/publish-r2r.log"; exit 2; }
fi
ours="$out/$mode/interop-bindgen"
jit=(dotnet "$out/jit/interop-bindgen.dll")

# vk_video/*.h (included by vulkan_core.h) through a directory holding only them, so that <stdint.h> and
# friends still come from the generator's built-in headers rather than glibc's.
vk="$out/vkinc"
mkdir -p "$vk"
[ -d /usr/include/vk_video ] && ln -sfn /usr/include/vk_video "$vk/vk_video"

# name | header | include directories (space separated)
headers=(
  "zlib|/usr/include/zlib.h|"
  "sqlite3|/usr/include/sqlite3.h|"
  "curl|/usr/include/x86_64-linux-gnu/curl/curl.h|"
  "libclang|/usr/lib/llvm-14/include/clang-c/Index.h|/usr/lib/llvm-14/include"
  "zstd|/usr/include/zstd.h|"
  "expat|/usr/include/expat.h|"
  "vulkan_core|/usr/include/vulkan/vulkan_core.h|$vk"
)

printf 'machine: %s cores, %s; load before: %s\n' "$(nproc)" "$(uname -r)" "$(cut -d' ' -f1-3 /proc/loadavg)" | tee "$out/machine.txt" >&2
bindgen --version >>"$out/machine.txt" 2>&1 || true

: >"$out/cli.tsv"
for entry in "${headers[@]}"; do
  IFS='|' read -r name header incs <<<"$entry"
  [ -f "$header" ] || { echo "skipping $name: $header not installed" >&2; continue; }
  iflags=""; cflags=""
  for d in $incs; do iflags+=" -I $d"; cflags+=" -I$d"; done

  # Same bytes from the shipped binary as from `dotnet interop-bindgen.dll`.
  rm -rf "$out/check/$name"
  "${jit[@]}" "$header" -o "$out/check/$name/jit" $iflags >/dev/null 2>"$out/check-$name-jit.err" || { echo "$name: JIT CLI failed:"; tail -5 "$out/check-$name-jit.err"; exit 1; }
  "$ours" "$header" -o "$out/check/$name/$mode" $iflags >/dev/null 2>"$out/check-$name-$mode.err"
  if ! diff -r "$out/check/$name/jit" "$out/check/$name/$mode" >/dev/null || ! diff -q "$out/check-$name-jit.err" "$out/check-$name-$mode.err" >/dev/null; then
    echo "$name: the $mode binary's output differs from the JIT build's" >&2; exit 1
  fi

  echo "== $name ($header)" >&2
  hyperfine --style basic --warmup "$warmup" --runs "$runs" --export-json "$out/$name.json" \
    -n ours "$ours $header -o $out/tmp-ours $iflags" \
    -n ours-jit "${jit[*]} $header -o $out/tmp-jit $iflags" \
    -n bindgen "bindgen $header -o $out/tmp-bindgen.rs --$cflags" >"$out/$name.hyperfine.txt" 2>&1 \
    || { cat "$out/$name.hyperfine.txt"; exit 1; }
  python3 - "$out/$name.json" "$name" >>"$out/cli.tsv" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
def ms(k): return r[k]["mean"] * 1000, (r[k]["stddev"] or 0) * 1000, (r[k]["user"] + r[k]["system"]) * 1000
o, j, b = ms("ours"), ms("ours-jit"), ms("bindgen")
print("\t".join([sys.argv[2]] + ["%.1f" % v for v in (*o, *j, *b)]))
PY
done

# ---- in-process generator ----
echo "building GeneratorBench ..." >&2
dotnet build "$here/GeneratorBench" -c Release -o "$out/bench" >"$out/build-bench.log" 2>&1 || { cat "$out/build-bench.log"; exit 2; }
if [ $quick = 1 ]; then
  dotnet "$out/bench/GeneratorBench.dll" quick | tee "$out/inproc.txt" >&2
  inproc() { awk -v k="$1" 'index($0, k) == 1 { for (i = 1; i <= NF; i++) if ($i == "median") print $(i+1) }' "$out/inproc.txt"; }
  a=$(inproc "compile+emit"); b=$(inproc "driver (cold"); c=$(inproc "driver re-run"); how="Stopwatch median"
else
  rm -rf "$out/bdn"
  (cd "$out" && dotnet "$out/bench/GeneratorBench.dll" --filter '*' --inProcess --artifacts "$out/bdn" --warmupCount 5 --iterationCount 20) >"$out/bdn.log" 2>&1 || { tail -30 "$out/bdn.log"; exit 1; }
  csv=$(ls "$out"/bdn/results/*-report.csv)
  read -r a b c < <(python3 - "$csv" <<'PY'
import csv, sys
def ms(s):
    v, u = s.replace(",", "").split()
    return float(v) * {"ns": 1e-6, "us": 1e-3, "μs": 1e-3, "ms": 1, "s": 1000}[u]
rows = {r["Method"].strip("'"): r for r in csv.DictReader(open(sys.argv[1]))}
pick = lambda p: next(ms(r["Mean"]) for k, r in rows.items() if k.startswith(p))
print("%.2f %.2f %.3f" % (pick("a)"), pick("b)"), pick("c)")))
PY
)
  how="BenchmarkDotNet mean"
  sed -n '/^|/p' "$out"/bdn/results/*-report-github.md >&2
fi

# ---- report ----
{
  echo
  echo "CLI end to end (hyperfine, $runs runs after $warmup warm-up, mean ± σ wall ms; CPU = user+sys ms); ours = $mode build"
  printf '| %-12s | %-16s | %8s | %-16s | %-16s | %8s | %11s | %10s |\n' header "ours ($mode) ms" "CPU ms" "ours JIT ms" "bindgen ms" "CPU ms" "bindgen/ours" "CPU ratio"
  printf '|%s|\n' "--------------|------------------|----------|------------------|------------------|----------|-------------|------------"
  while IFS=$'\t' read -r name om os oc jm js jc bm bs bc; do
    awk -v n="$name" -v om="$om" -v os="$os" -v oc="$oc" -v jm="$jm" -v js="$js" -v bm="$bm" -v bs="$bs" -v bc="$bc" 'BEGIN {
      printf "| %-12s | %7.1f ± %-6.1f | %8.1f | %7.1f ± %-6.1f | %7.1f ± %-6.1f | %8.1f | %10.2fx | %9.2fx |\n", n, om, os, oc, jm, js, bm, bs, bc, bm / om, bc / oc }'
  done <"$out/cli.tsv"
  echo
  echo "In-process generator on sqlite3.h (warm, $how):"
  echo "| measure                                   |        ms | goal     |"
  echo "|-------------------------------------------|-----------|----------|"
  printf '| %-41s | %9s | %-8s |\n' "a) HeaderCompiler.Compile + Emit" "$a" "< 50"
  printf '| %-41s | %9s | %-8s |\n' "b) CSharpGeneratorDriver, fresh driver" "$b" "< 50"
  printf '| %-41s | %9s | %-8s |\n' "c) re-run after an unrelated C# edit" "$c" "~0"
  echo
  echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/report.md"
