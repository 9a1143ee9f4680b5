#!/usr/bin/env bash
# Benchmark of issue 6: wall time and peak memory of `./unroll lesson --steps 10000` (closed form,
# with the symbolic and numeric checks and the bound section), against the budget of 5 s and 512 MB,
# and how the cost of the compact form grows with N (1000, 2000, 5000, 10000).
#
# Usage: src/bench/lesson-10000.sh [RUNS]   (default 3 runs per size; the best is reported)
# The answer cache is warmed first, as a reader's second lesson finds it; the machine's load
# average is printed, since other work on the machine inflates the wall time.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-3}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cd "$here"

./unroll lesson --steps 10000 --out "$out/warm" >/dev/null   # builds the jar and fills the answer cache

measure() { # N -> "seconds kilobytes" of the best of $runs runs
  local best_s="" best_kb=""
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %M' -o "$out/time" ./unroll lesson --steps "$1" --out "$out/n$1" >/dev/null
    read -r s kb < "$out/time"
    if [[ -z $best_s ]] || awk -v a="$s" -v b="$best_s" 'BEGIN { exit !(a < b) }'; then best_s=$s; fi
    if [[ -z $best_kb ]] || (( kb > best_kb )); then best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
echo "N wall(s, best of $runs) peak(KB, worst of $runs)"
declare -A wall
for n in 1000 2000 5000 10000; do
  read -r s kb <<< "$(measure "$n")"
  wall[$n]=$s
  printf '%s %s s %s KB\n' "$n" "$s" "$kb"
  if [[ $n == 10000 ]]; then
    verdict_s=$(awk -v s="$s" 'BEGIN { print (s < 5) ? "meets" : "MISSES" }')
    verdict_m=$(awk -v k="$kb" 'BEGIN { print (k < 512 * 1024) ? "meets" : "MISSES" }')
    echo "--steps 10000: $s s ($verdict_s < 5 s), $kb KB ($verdict_m < 512 MB)"
  fi
done
awk -v a="${wall[1000]}" -v b="${wall[10000]}" 'BEGIN {
  printf "growth: N x10 (1000 -> 10000) costs x%.2f in wall time (start-up included)\n", b / a }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
