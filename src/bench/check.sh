#!/usr/bin/env bash
# Benchmark of `unroll check`: wall-clock time of one whole check (JVM start, unrolling, derivation,
# backward pass, derived sum, automatic differentiation, finite differences) for H = 16, 64, 256 and
# N = 10, 100, 1000, with D = K = 8, seed 1, tanh, --loss last.
#
# Automatic differentiation costs about (entries checked) x (one forward pass), so above a budget the
# references run on a seeded sample of entries per parameter (NumericCheck.autoSample); the
# "reference" column says which. The backward pass and the derived sum always give every entry.
#
# Usage: src/bench/check.sh [extra check options, e.g. --loss total]
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -o -q -B compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:$(cat target/bench-classpath.txt)"
printf '%-5s %-5s %-9s %-7s %s\n' H N seconds result "reference entries"
for h in 16 64 256; do
  for n in 10 100 1000; do
    start=$(date +%s.%N)
    set +e
    out=$(java -Xss16m -cp "$CP" dev.unroll.cli.Main check --hidden "$h" --inputs 8 --outputs 8 --steps "$n" "$@" 2>&1)
    code=$?
    set -e
    end=$(date +%s.%N)
    case $code in 0) result=passed ;; 1) result=FAILED ;; *) result="error$code" ;; esac
    entries=$(printf '%s\n' "$out" | sed -n 's/^reference: automatic differentiation (forward mode) on //p')
    [ $code -gt 1 ] && entries=$(printf '%s\n' "$out" | tail -1)
    printf '%-5s %-5s %-9.2f %-7s %s\n' "$h" "$n" "$(echo "$end - $start" | bc)" "$result" "$entries"
  done
done
