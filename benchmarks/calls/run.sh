#!/usr/bin/env bash
# Cost of one native call (issue 4, "Speed"): BenchmarkDotNet over the ways of calling the C core's my_add and a
# string-argument call, then Python cffi's API-mode my_add on the same machine, then one table with the goals.
#   bash benchmarks/calls/run.sh                      # default job: 1 launch, 5 warm-ups, 20 iterations
#   bash benchmarks/calls/run.sh --job short          # any BenchmarkDotNet arguments replace the default job
# BenchmarkDotNet runs in-process (--inProcess): the project needs the repository's generator and CMake build, which
# BenchmarkDotNet's generated out-of-process project would have to rebuild.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/artifacts/benchmarks/calls"
# Debian's python3 with its python3-cffi package, as the issue asks; PYTHON overrides (a pyenv shim may come first on PATH).
default_python=python3
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c "import cffi" 2>/dev/null && default_python=/usr/bin/python3
python=${PYTHON:-$default_python}
rm -rf "$out"
mkdir -p "$out"

job_args=(--launchCount 1 --warmupCount 5 --iterationCount 20)
[ $# -gt 0 ] && job_args=("$@")

if ! "$python" -c "import cffi" 2>/dev/null; then
  echo "cffi is missing: sudo apt-get install python3-cffi python3-dev" >&2
  exit 1
fi

echo "Building (Release) ..." >&2
dotnet build "$here/CallBenchmarks" -c Release -o "$out/bin" >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log"; exit 1; }

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "Running BenchmarkDotNet ${job_args[*]} ..." >&2
(cd "$out" && "$out/bin/CallBenchmarks" --filter '*' --inProcess --artifacts "$out/bdn" "${job_args[@]}") >"$out/bdn.log" 2>&1 ||
  { tail -n 40 "$out/bdn.log"; exit 1; }
echo "Running Python cffi ($("$python" --version 2>&1)) ..." >&2
"$python" "$here/cffi_bench.py" "$root/native/include" "$out/bin" | tee "$out/python.txt" >&2
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

sed -n '/^| *Type/,/^$/p' "$out/bdn.log"
"$python" - "$out" "$load_before" "$load_after" <<'PY'
import csv, glob, os, sys

out, load_before, load_after = sys.argv[1:4]
report = max(glob.glob(os.path.join(out, "bdn", "results", "*-report.csv")), key=os.path.getmtime)
mean = {}
for row in csv.DictReader(open(report)):
    mean[row["Method"].strip("'")] = float(row["Mean"].replace(",", "").split()[0])
py = dict(line.split(maxsplit=1) for line in open(os.path.join(out, "python.txt")))
py_ns = {k: float(v) for k, v in py.items() if k.endswith("_ns")}

hand = mean["hand-written [LibraryImport]"]
gen = mean["generated binding (Core.my_add)"]
facade = mean["generated facade (ICore -> CoreNative)"]
ambient = mean["ambient accessor (Core.Current.my_add)"]
elsewhere = mean["ambient accessor, an override open in another flow"]
sgc = mean["generated, marked SuppressGCTransition (CoreFast.my_add)"]
sgc_hand = mean["hand-written [LibraryImport]+[SuppressGCTransition]"]
str_hand = mean["text_length, hand-written UTF-8 marshalling"]
str_gen = mean["text_length, generated string overload"]
buf_span = mean["crc32c, generated span overload"]
buf_facade = mean["crc32c, facade (ReadOnlyMemory<byte>)"]
cffi = py_ns["cffi_core_my_add_ns"]

def ok(b): return "met" if b else "MISSED"
rows = [
    # The two compile to the same blittable DllImport stub, so a difference either way is measurement noise; the goal
    # is that the generated one is not slower.
    ("generated binding vs hand-written LibraryImport", f"{gen:.2f} vs {hand:.2f} ns", f"{(gen / hand - 1) * 100:+.1f}%", "<= +5%", ok(gen / hand - 1 <= 0.05)),
    ("facade (interface call) over generated binding", f"{facade:.2f} ns", f"{facade - gen:+.2f} ns", "< 2 ns", ok(facade - gen < 2)),
    ("ambient accessor over generated binding", f"{ambient:.2f} ns", f"{ambient - gen:+.2f} ns", "< 5 ns", ok(ambient - gen < 5)),
    ("  same, an override open in another flow", f"{elsewhere:.2f} ns", f"{elsewhere - gen:+.2f} ns", "(info)", ""),
    ("generated SuppressGCTransition vs default transition", f"{sgc:.2f} vs {gen:.2f} ns", f"{gen / sgc:.2f}x faster", ">= 3x", ok(gen / sgc >= 3)),
    ("  same, hand-written SuppressGCTransition", f"{sgc_hand:.2f} ns", f"{hand / sgc_hand:.2f}x faster", "(info)", ""),
    ("facade buffer member (ReadOnlyMemory) over span overload", f"{buf_facade:.2f} vs {buf_span:.2f} ns", f"{buf_facade - buf_span:+.2f} ns", "< 2 ns", ok(buf_facade - buf_span < 2)),
    ("string overload vs hand-written UTF-8 marshalling", f"{str_gen:.2f} vs {str_hand:.2f} ns", f"{(str_gen / str_hand - 1) * 100:+.1f}%", "(info)", ""),
    (f"Python cffi API mode my_add (Python {py['python'].strip()}, cffi {py['cffi'].strip()})", f"{cffi:.2f} ns", f"{cffi / gen:.0f}x slower than generated", "(info)", ""),
]
print()
print(f"machine: {os.cpu_count()} cores; load average before {load_before}, after {load_after}")
print("| measurement | time | difference | goal | |")
print("|---|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
print(f"(Python: lib.my_add via module attribute {py_ns['cffi_lib_attr_my_add_ns']:.2f} ns, the lesson's inline module {py_ns['cffi_lesson_my_add_ns']:.2f} ns, a pure-Python add {py_ns['python_add_ns']:.2f} ns; timeit, best of 7 x 2,000,000)")
PY
