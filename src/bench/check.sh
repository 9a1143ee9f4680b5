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
# Wall time suffers when other work shares the cores; CPU time (user + system, all JVM threads
# including the garbage collector and the JIT) is the steadier figure.
printf '%-5s %-5s %-8s %-8s %-7s %s\n' H N wall_s cpu_s result "reference entries"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for h in 16 64 256; do
  for n in 10 100 1000; do
    set +e
    TIMEFORMAT='%R %U %S'
    { time java -Xss16m -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory -cp "$CP" dev.unroll.cli.Main check --hidden "$h" --inputs 8 --outputs 8 --steps "$n" "$@" \
        >"$tmp/out" 2>&1 ; echo $? >"$tmp/code" ; } 2>"$tmp/time"
    set -e
    code=$(cat "$tmp/code")
    read -r wall user sys <"$tmp/time"
    cpu=$(echo "$user + $sys" | bc)
    case $code in 0) result=passed ;; 1) result=FAILED ;; *) result="error$code" ;; esac
    entries=$(sed -n 's/^reference: automatic differentiation (forward mode) on //p' "$tmp/out")
    [ "$code" -gt 1 ] && entries=$(tail -1 "$tmp/out")
    printf '%-5s %-5s %-8s %-8s %-7s %s\n' "$h" "$n" "$wall" "$cpu" "$result" "$entries"
  done
done
