#!/usr/bin/env bash
# Benchmark of `unroll site`: wall-clock build time and number of pages for the default grid
# (N = 1..8) and for --max-steps 30. Usage: src/bench/site.sh [OUT_DIR]   (default: a temporary folder)
# Uses ./unroll when the repository has it, else the compiled classes (mvn -o -q compile first).
# Lessons run the symbolic cross-check behind the answer cache (UNROLL_CACHE, else XDG_CACHE_HOME or
# ~/.cache/unroll): the first build on a machine fills it and is far slower than later ones.
# UNROLL_CACHE=off measures the cold case every time.
set -euo pipefail
cd "$(dirname "$0")/../.."

work="${1:-$(mktemp -d)}"
mkdir -p "$work"

if [[ -x ./unroll ]]; then
  run=(./unroll)
else
  mvn -o -q -B compile
  mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >/dev/null
  run=(java -cp "target/classes:$(cat "$work/classpath.txt")" dev.unroll.cli.Main)
fi

# Warm-up: builds the jar if it is stale, so the timings below measure only the site builds.
"${run[@]}" --version > /dev/null

printf '%s\n' "cores: $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %8s %10s %10s\n' "grid" "pages" "seconds" "MB"
for steps in 8 30; do
  out="$work/site-$steps"
  start=$(date +%s.%N)
  "${run[@]}" site --quiet --out "$out" --max-steps "$steps" > /dev/null
  end=$(date +%s.%N)
  pages=$(find "$out" -name '*.html' | wc -l)
  size=$(du -sm "$out" | cut -f1)
  printf '%-16s %8d %10.1f %10d\n' "max-steps $steps" "$pages" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$size"
done
