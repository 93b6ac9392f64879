#!/usr/bin/env bash
# The full corpus: install the packages (packages.txt), then bind every header under /usr/include that clang-14
# accepts standalone and check a deterministic sample of 300 against clang-14. The table goes to stdout and to
# $OUT/summary.md; per-header outcomes to $OUT/bindings.tsv and $OUT/sample.tsv.
#   benchmarks/corpus/run.sh [--no-install] [runner options: --sample N --jobs N --timeout S --limit N --out DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${1:-}" = "--no-install" ]; then shift; else "$here/install.sh"; fi
dotnet build "$here/CorpusRunner" -c Release -v q -nologo >/dev/null
exec dotnet "$here/CorpusRunner/bin/Release/net10.0/CorpusRunner.dll" --out "${OUT:-$here/results}" "$@"
