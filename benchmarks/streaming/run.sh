#!/usr/bin/env bash
# Side-by-side speed and memory of `logscan count` against grep -c, rg -c and wc -l, on the same cached files.
#
#   benchmarks/streaming/run.sh                 # two 2 GiB logs in /work/bench-data (or $TMPDIR), 20 GiB pipe
#   SIZE=1GiB REPS=5 PIPE_SIZE=0 benchmarks/streaming/run.sh
#
# Environment: SIZE (per log, default 2GiB), DATA_DIR (where the logs go; never the repository),
# REPS (runs per command, best time reported, default 3), PIPE_SIZE (bytes streamed through a pipe for
# the RSS check, default 20GiB, 0 to skip), NEEDLE (default ERROR), KEEP_DATA=1 to keep the logs.
# The logs are generated once and reused while their size matches; delete DATA_DIR to regenerate.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
size=${SIZE:-2GiB}
reps=${REPS:-3}
pipe_size=${PIPE_SIZE:-20GiB}
needle=${NEEDLE:-ERROR}
data=${DATA_DIR:-$([ -d /work ] && echo /work/bench-data || echo "${TMPDIR:-/tmp}/logscan-bench")}
case "$data/" in "$root"/*) echo "error: DATA_DIR must be outside the repository" >&2; exit 2 ;; esac
mkdir -p "$data"

need_package() { # command package
  command -v "$1" >/dev/null 2>&1 && return
  echo "== installing $2 (for $1)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get install -y "$2" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$2" >/dev/null; }
}
need_package rg ripgrep
[ -x /usr/bin/time ] || need_package /usr/bin/time time

# logscan ships as a Native AOT binary (start-up under 5 ms instead of the JIT host's ~40 ms, a third of a 100 ms scan);
# the JIT build is timed too, in one row, to show what the start-up costs. AOT needs clang and zlib1g-dev.
echo "== building logscan (Release, JIT) and publishing it (Native AOT)"
jit_bin="$data/logscan-bin"
dotnet build "$root/examples/LogScan/LogScan.csproj" -c Release -o "$jit_bin" -v quiet -nologo >/dev/null
aot_bin="$data/logscan-aot"
if dotnet publish "$root/examples/LogScan/LogScan.csproj" -c Release -r linux-x64 -p:InteropNativeAot=true -o "$aot_bin" -v quiet -nologo >"$data/publish.log" 2>&1; then
  logscan="$aot_bin/logscan"
else
  echo "warning: Native AOT publish failed (see $data/publish.log); timing the JIT build only" >&2
  logscan="$jit_bin/logscan"
fi

# 2GiB -> 2147483648, 2GB -> 2000000000, 0 -> 0 (the suffixes logscan generate accepts).
bytes_of() { local v=${1%[Bb]}; numfmt --from=auto "$v"; }

declare -A files=([dense]="$data/dense.log" [sparse]="$data/sparse.log")
target=$(bytes_of "$size")
for format in dense sparse; do
  file=${files[$format]}
  # generate writes whole lines up to SIZE: a file within 256 bytes of it is the one we want.
  if [ ! -f "$file" ] || [ $(( target - $(stat -c %s "$file") )) -gt 256 ] || [ "$(stat -c %s "$file")" -gt "$target" ]; then
    echo "== generating $format log ($size) in $file"
    "$logscan" generate "$size" "$file" --format "$format"
  fi
done

echo "== warming the page cache"
for f in "${files[@]}"; do cat "$f" "$f" >/dev/null; done

# measure CMD...: runs CMD $reps times; sets best (wall seconds, ns clock), cpu (user+sys seconds of the
# fastest run: less disturbed than wall time when other processes share the cores), rss (max KiB), out (the count printed).
measure() {
  best="" cpu="" rss=0 out=""
  for _ in $(seq "$reps"); do
    local t0 t1 secs kib user sys
    t0=$(date +%s%N)
    /usr/bin/time -f "%M %U %S" -o "$data/time.txt" "$@" >"$data/out.txt" 2>/dev/null || true
    t1=$(date +%s%N)
    secs=$(awk "BEGIN{print ($t1 - $t0) / 1e9}")
    read -r kib user sys < <(tail -n 1 "$data/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($secs < $best)}"; then best=$secs; cpu=$(awk "BEGIN{print $user + $sys}"); fi
    [ "$kib" -gt "$rss" ] && rss=$kib
    # grep and rg print N, wc prints "N path", logscan prints "count: N".
    out=$(awk 'END{print ($1 == "count:") ? $2 : $1}' "$data/out.txt")
  done
}

commands=(
  "grep -c|env LC_ALL=C grep -c -F $needle"
  "rg -c|rg -c -F $needle"
  "wc -l|wc -l"
  "logscan managed|$logscan count $needle --engine managed --progress never"
  "logscan native|$logscan count $needle --engine native --progress never"
  "logscan parallel|$logscan count $needle --engine parallel --progress never"
  "logscan parallel (native kernel)|$logscan count $needle --engine parallel --kernel native --progress never"
  "logscan parallel, JIT host|$jit_bin/logscan count $needle --engine parallel --progress never"
)

echo
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $(awk '/MemTotal/{printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); grep $(grep --version | head -1 | awk '{print $NF}'), $(rg --version 2>/dev/null | head -1); best of $reps runs, page cache warm"
status=0
for format in dense sparse; do
  file=${files[$format]}
  bytes=$(stat -c %s "$file")
  echo
  echo "### $format log: $(awk "BEGIN{printf \"%.2f\", $bytes/1073741824}") GiB, needle '$needle'"
  echo
  printf '| %-34s | %8s | %7s | %13s | %7s | %9s | %-12s |\n' command seconds GB/s "speed vs grep" "CPU s" "peak RSS" result
  printf '|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..36})" ---------- --------- --------------- --------- ----------- --------------
  grep_time="" expected=""
  for entry in "${commands[@]}"; do
    label=${entry%%|*}
    read -r -a cmd <<<"${entry#*|}"
    measure "${cmd[@]}" "$file"
    result=$out
    [ -z "$grep_time" ] && grep_time=$best && expected=$result
    verdict=$result
    if [[ $label != wc* ]] && [ "$result" != "$expected" ]; then
      verdict="$result WRONG"; status=1
    fi
    printf '| %-34s | %8.3f | %7.2f | %12.2fx | %7.2f | %5.1f MiB | %-12s |\n' "$label" "$best" \
      "$(awk "BEGIN{print $bytes/$best/1e9}")" "$(awk "BEGIN{print $grep_time/$best}")" "$cpu" "$(awk "BEGIN{print $rss/1024}")" "$verdict"
  done
done

if [ "$(bytes_of "${pipe_size}")" -gt 0 ]; then
  echo
  echo "### $pipe_size streamed through a pipe: logscan generate $pipe_size - | logscan count $needle -"
  echo
  printf '| %-20s | %8s | %9s | %-40s |\n' engine seconds "peak RSS" result
  printf '|%s|%s|%s|%s|\n' ---------------------- ---------- ----------- ------------------------------------------
  for engine in managed native parallel; do
    /usr/bin/time -f "%e %M" -o "$data/time.txt" bash -c \
      "set -o pipefail; '$logscan' generate '$pipe_size' - --format dense 2>'$data/gen.txt' | /usr/bin/time -f '%M' -o '$data/rss.txt' '$logscan' count '$needle' - --engine $engine --progress never >'$data/out.txt'" || true
    read -r secs _ <"$data/time.txt"
    rss=$(tail -n 1 "$data/rss.txt")
    generated=$(sed -n 's/.*, \([0-9]*\) containing.*/\1/p' "$data/gen.txt")
    got=$(tail -n 1 "$data/out.txt")
    verdict="$got (generator: $generated)"
    [ "${got##* }" = "$generated" ] || { verdict="$verdict WRONG"; status=1; }
    printf '| %-20s | %8.1f | %5.1f MiB | %-40s |\n' "$engine" "$secs" "$(awk "BEGIN{print $rss/1024}")" "$verdict"
  done
fi

rm -f "$data/time.txt" "$data/out.txt" "$data/rss.txt" "$data/gen.txt"
if [ "${KEEP_DATA:-0}" != 1 ]; then
  rm -f "${files[@]}"
fi
exit $status
