#!/usr/bin/env bash
# The symbolic cross-check over the whole grid issue 2 names: W, U and V, tanh and sigmoid, N = 1..4
# (the unit tests run a sample of it to stay fast). Prints one line per check with its time and
# Symja's verdict; exits 1 if any check fails.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -q -B test-compile >&2
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
cp="target/classes:target/test-classes:$(cat "$cp_file")"
failed=0
for activation in tanh sigmoid; do
  for wrt in W U V; do
    out=$(java -Xss16m -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
      -cp "$cp" dev.unroll.symbolic.CrossCheckTiming 1,2,3,4 "$wrt" "$activation")
    echo "== $wrt $activation"
    echo "$out" | grep '^N='
    if echo "$out" | grep -q 'does NOT match'; then failed=1; fi
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $failed
