#!/usr/bin/env bash
# Benchmark of `unroll lesson --cell FILE.cell` for user-defined activations at N = 3, with nothing
# remembered (an empty answer cache, so Symja derives the activation and runs the cross-check):
# softsign with and without a bias, a Gaussian Exp(-z^2) and Max(0, z) - 1/2. Symja has 15 s to
# derive an activation and 30 s for the cross-check of a cell with its own activation, so each lesson either finishes within a minute
# or stops with one line saying what Symja could not do in time (exit 2, nothing written).
# Prints, per cell: wall time, exit code, the files written and the first line of stderr.
# Usage: src/bench/custom-activation.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
./unroll --version >/dev/null   # builds the jar if needed
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cell() {  # cell NAME DEFINITION BIAS
  local name=$1 def=$2 bias=$3 file="$scratch/$1.cell"
  sed -e "s|activation f = tanh|activation $def|" -e "s|f(z_t)|${def%%(*}(z_t)|" src/main/resources/cells/rnn.cell > "$file"
  if [[ $bias == yes ]]; then
    sed -i -e 's|^param  V : K x H|param  V : K x H\nparam  b : H|' -e 's|W s_{t-1}|W s_{t-1} + b|' "$file"
  fi
  echo "$file"
}

echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for spec in "softsign|softsign(z) = z/(1+Abs(z))|no" "softsign-bias|softsign(z) = z/(1+Abs(z))|yes" \
    "gauss|gauss(z) = Exp(-z^2)|no" "shifted-relu|shifted(z) = Max(0, z) - 1/2|no"; do
  IFS='|' read -r name def bias <<< "$spec"
  file=$(cell "$name" "$def" "$bias")
  out="$scratch/out-$name"
  start=$(date +%s%N)
  set +e
  UNROLL_CACHE="$scratch/cache-$name" ./unroll lesson --cell "$file" --steps 3 --out "$out" > "$scratch/$name.stdout" 2> "$scratch/$name.stderr"
  code=$?
  set -e
  end=$(date +%s%N)
  written=$( [[ -d $out ]] && find "$out" -type f | wc -l || echo 0)
  printf '%-14s %6d ms  exit %d  files written %d  %s\n' "$name" $(( (end - start) / 1000000 )) "$code" "$written" \
    "$(grep -v StatusLogger "$scratch/$name.stderr" | head -1)"
done
