#!/usr/bin/env bash
# Benchmark of `unroll lesson`: cold wall time of the default lesson (a new JVM each run, as a user
# waits on it), and generation time for N = 3, 10 and 50. Prints figures; asserts nothing.
# Usage: src/bench/lesson.sh [runs]   (default 5 runs per figure; the median is printed)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
./unroll --version >/dev/null   # builds the jar and the class-data archive if needed
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

time_runs() {
  local label=$1; shift
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%-44s median %6d ms   (runs: %s)\n' "$label" "$(printf '%s\n' "${times[@]}" | median)" "${times[*]}"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
time_runs "cold ./unroll lesson (defaults)" ./unroll lesson --out "$scratch/a"
# The same with nothing remembered: Symja starts, derives the local derivatives and runs the cross-check.
empty_cache() { UNROLL_CACHE="$scratch/cache-$RANDOM$RANDOM" ./unroll lesson --out "$scratch/e"; }
time_runs "cold ./unroll lesson, empty answer cache" empty_cache
for n in 3 10 50; do
  time_runs "cold ./unroll lesson --steps $n" ./unroll lesson --steps "$n" --out "$scratch/n$n"
done
time_runs "cold ./unroll lesson --steps 50 --expanded" ./unroll lesson --steps 50 --expanded --out "$scratch/x50"
time_runs "cold ./unroll lesson --steps 10000" ./unroll lesson --steps 10000 --out "$scratch/n10000"
for n in 50 10000; do
  mem=$( { /usr/bin/time -f '%M' ./unroll lesson --steps "$n" --out "$scratch/mem" >/dev/null; } 2>&1 | tail -1 )
  echo "peak resident memory, --steps $n: $((mem / 1024)) MB"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
