#!/usr/bin/env bash
# Is the generated call of my_add as fast as the hand-written [LibraryImport] one (issue 12, "the generated fast path")?
# Two pieces of evidence, both from the CallBenchmarks build that run.sh measures:
#   1. the JIT's own machine code (DOTNET_JitDisasm) for each benchmark method, Tier0 and Tier1, hand-written against
#      generated, with addresses and the callee's name blanked out: identical code cannot differ in speed;
#   2. ROUNDS rounds of BenchmarkDotNet, one process per method, the order of hand-written and generated alternating
#      from round to round, so a difference that follows the order (or the machine's load) cannot pass for one that
#      follows the code. It prints each round's ratio generated/hand-written, their median and the load average.
#   bash benchmarks/calls/parity.sh            # 6 rounds
#   ROUNDS=10 bash benchmarks/calls/parity.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/artifacts/benchmarks/calls-parity"
rounds=${ROUNDS:-6}
rm -rf "$out"
mkdir -p "$out"

echo "Building (Release) ..." >&2
dotnet build "$here/CallBenchmarks" -c Release -o "$out/bin" >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; exit 1; }

# hand-written method, generated method, label
pairs=(
  "HandWrittenLibraryImport GeneratedBinding default-transition"
  "SuppressGCTransition GeneratedSuppressGCTransition SuppressGCTransition"
)

bench() { # artifacts folder, then the methods; environment assignments for the run in the array bench_env
  local artifacts=$1 filters=()
  shift
  for method in "$@"; do filters+=("*NativeCallBenchmarks.$method"); done
  (cd "$out" && env "${bench_env[@]}" "$out/bin/CallBenchmarks" --filter "${filters[@]}" --inProcess --artifacts "$artifacts" \
    --warmupCount 5 --iterationCount 15) </dev/null >"$artifacts.log" 2>&1 || { tail -n 40 "$artifacts.log"; exit 1; }
}
methods=()
for pair in "${pairs[@]}"; do read -r hand gen _ <<<"$pair"; methods+=("$hand" "$gen"); done

echo "JIT disassembly of the four benchmark methods ..." >&2
bench_env=(DOTNET_JitDisasm="${methods[*]}" DOTNET_JitStdOutFile="$out/disasm.txt")
bench "$out/disasm" "${methods[@]}"
bench_env=()

python3 - "$out" "$rounds" "${pairs[@]}" <<'PY' >"$out/pairs.txt"
import sys
out, rounds, pairs = sys.argv[1], int(sys.argv[2]), [p.split() for p in sys.argv[3:]]
for r in range(rounds):
    for hand, gen, label in pairs:
        order = (hand, gen) if r % 2 == 0 else (gen, hand)
        print(r, label, *order)
PY

if python3 - "$out/disasm.txt" "${pairs[@]}" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
listings = {}
for block in re.split(r"(?=; Assembly listing for method )", text):
    m = re.match(r"; Assembly listing for method [\w.]+:(\w+)\(\):int:this \(([^)]*)\)", block)
    if m:
        # Addresses (method handles, the native entry point's cell) and the callee's name are the only allowed differences.
        body = re.sub(r"0x[0-9A-Fa-f]+", "ADDR", block.split("\n", 1)[1])
        body = re.sub(r"[\w.]+:\w+\(int,int\):int", "CALLEE", body)
        listings[(m.group(1), m.group(2))] = body
failed = False
for pair in sys.argv[2:]:
    hand, gen, label = pair.split()
    for tier in ("Tier0", "Tier1"):
        a, b = listings.get((hand, tier)), listings.get((gen, tier))
        if a is None or b is None:
            print(f"disassembly {label} {tier}: listing missing"); failed = True; continue
        same = a == b
        failed |= not same
        size = re.search(r"Total bytes of code (\d+)", a)
        print(f"disassembly {label} {tier}: {'identical' if same else 'DIFFERENT'} ({size.group(1) if size else '?'} bytes)")
sys.exit(1 if failed else 0)
PY
then disasm=identical; else disasm=different; fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
while read -r round label first second; do
  for method in "$first" "$second"; do
    echo "round $round: $method ..." >&2
    bench "$out/r$round-$method" "$method"
  done
done <"$out/pairs.txt"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$out" "$rounds" "$load_before" "$load_after" "${pairs[@]}" <<'PY'
import csv, glob, os, statistics, sys
out, rounds, load_before, load_after = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
def median_ns(round_, method):
    report = glob.glob(os.path.join(out, f"r{round_}-{method}", "results", "*-report.csv"))[0]
    row = next(csv.DictReader(open(report)))
    return float(row["Median"].replace(",", "").split()[0])
print(f"machine: {os.cpu_count()} cores; load average before {load_before}, after {load_after}")
print("| call | round | first | hand-written (median ns) | generated (median ns) | generated / hand-written |")
print("|---|---|---|---|---|---|")
for pair in sys.argv[5:]:
    hand, gen, label = pair.split()
    ratios = []
    for r in range(rounds):
        h, g = median_ns(r, hand), median_ns(r, gen)
        ratios.append(g / h)
        print(f"| {label} | {r} | {'hand' if r % 2 == 0 else 'generated'} | {h:.2f} | {g:.2f} | {g / h:.3f} |")
    lo, hi = min(ratios), max(ratios)
    print(f"| {label} | median of {rounds} | | | | **{statistics.median(ratios):.3f}** (range {lo:.3f} to {hi:.3f}) |")
PY
[ "$disasm" = identical ] || { echo "the generated and hand-written methods compile to different code: see $out/disasm.txt" >&2; exit 1; }
