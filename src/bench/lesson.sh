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

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
time_runs "cold ./unroll lesson (defaults)" ./unroll lesson --out "$scratch/a"
for n in 3 10 50; do
  time_runs "cold ./unroll lesson --steps $n" ./unroll lesson --steps "$n" --out "$scratch/n$n"
done
mem=$( { /usr/bin/time -f '%M' ./unroll lesson --steps 50 --out "$scratch/mem" >/dev/null; } 2>&1 | tail -1 )
echo "peak resident memory, --steps 50: $((mem / 1024)) MB"
