#!/usr/bin/env bash
# Benchmark of `unroll site` for the default grid (issue 16: the first build with an empty answer
# cache under 60 s, a rebuild under 10 s). Each build gets its own empty answer cache (UNROLL_CACHE
# pointing at a fresh folder; the site's PDFs are kept in <cache>/pdf), so "cold" really is cold:
#   cold, no PDFs    site --no-pdf, empty cache
#   cold, PDFs       site, empty cache (Symja's answers and every PDF made from nothing)
#   rebuild          site again with the cache the previous build filled (its pages/ hold every
#                    lesson's files under a hash of their inputs, so nothing is derived or compiled)
# Prints wall time, the CPU time of the whole process tree (user + sys, pdflatex included) and the
# load average: on a shared 2-core machine the wall time mostly measures the other processes, the
# CPU time does not. Then the same for --max-steps 30 when asked (BENCH_LARGE=1).
# Usage: src/bench/site.sh [OUT_DIR]   (default: a temporary folder)
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

printf '%s\n' "cores: $(nproc), pdflatex: $(command -v pdflatex || echo none)"
printf '%-28s %6s %10s %10s %6s  %s\n' "build" "pages" "wall s" "cpu s" "MB" "load average before"

# build NAME CACHE OUT [site options...]
build() {
  local name=$1 cache=$2 out=$3
  shift 3
  local load
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  local start end
  start=$(date +%s.%N)
  UNROLL_CACHE="$cache" /usr/bin/time -f '%U %S' -o "$work/time" "${run[@]}" site --quiet --out "$out" "$@" > /dev/null
  end=$(date +%s.%N)
  printf '%-28s %6d %10.1f %10.1f %6d  %s\n' "$name" "$(find -L "$out" -name '*.html' | wc -l)" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" "$(awk '{ print $1 + $2 }' "$work/time")" \
    "$(du -smL "$out" | cut -f1)" "$load"
}

grids=(8)
if [[ ${BENCH_LARGE:-0} == 1 ]]; then grids+=(30); fi
for steps in "${grids[@]}"; do
  rm -rf "$work/cache-nopdf-$steps" "$work/cache-$steps"
  build "max-steps $steps cold, no PDFs" "$work/cache-nopdf-$steps" "$work/site-nopdf-$steps" --max-steps "$steps" --no-pdf
  build "max-steps $steps cold, PDFs" "$work/cache-$steps" "$work/site-$steps" --max-steps "$steps"
  build "max-steps $steps rebuild" "$work/cache-$steps" "$work/site-$steps" --max-steps "$steps"
done
printf '%s\n' "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
