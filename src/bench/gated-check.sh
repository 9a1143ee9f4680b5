#!/usr/bin/env bash
# The gated cells' symbolic check (issue 16): the adjoint equations of an LSTM and a GRU against the
# forward-mode derivative of the unrolled loss, H = D = K = 2, every entry of the parameter. Part 1,
# the check alone, cold (a new JVM each, Symja's start counted apart): its wall and CPU time. Part 2,
# what it adds to a lesson: `./unroll lesson --cell C` with an empty answer cache, then again with the
# cache the first run filled (the check's record is read back, not recomputed); the difference in
# process CPU time bounds the check's share. Exits 1 if a check fails.
# Usage: src/bench/gated-check.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -o -q -B test-compile >&2
cp_file=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$cp_file" "$work"' EXIT
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
cp="target/classes:target/test-classes:$(cat "$cp_file")"
echo "machine: $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
failed=0
for spec in "lstm Uf 3 last" "lstm Uf 4 total" "lstm Wi 4 last" "gru Uz 3 last" "gru Uh 4 total"; do
  out=$(java -Xss16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
    -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -cp "$cp" dev.unroll.symbolic.AdjointCheckTiming $spec 2>&1)
  line=$(echo "$out" | grep '^CHECK')
  echo "$line" | sed -E 's/; Forward-mode.*(worst relative difference [^ ]*).*/; \1/'
  if echo "$line" | grep -q 'does NOT match'; then failed=1; fi
done
echo
./unroll --help >/dev/null # builds the jar if the sources are newer
cpu() { awk '{printf "%d", ($1 + $2) * 1000}' "$1"; }
for cell in lstm gru; do
  for run in cold warm; do
    [[ $run == cold ]] && rm -rf "$work/cache"
    start=$(date +%s%N)
    UNROLL_CACHE="$work/cache" /usr/bin/time -f '%U %S' -o "$work/time" ./unroll lesson --cell "$cell" --out "$work/out" >/dev/null
    printf 'lesson --cell %-5s %s cache: %6d ms wall, %6d ms cpu\n' "$cell" "$run" \
      $(( ($(date +%s%N) - start) / 1000000 )) "$(cpu "$work/time")"
  done
  grep -o 'symbolic check: .*stages' "$work"/out/"$cell"-*.md | sed -E 's/by a route.*(N = [0-9]+).*(relative \$[^$]*\$).*/... \1 ... \2/'
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $failed
