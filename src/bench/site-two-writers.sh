#!/usr/bin/env bash
# Two `site` builds into one --out, the second started 0.3 s after the first, three trials; a reader
# polls the site's index page every 10 ms meanwhile. Prints, per trial, both exit codes, whether the
# site is whole, what the loser said, and how often the reader found no index page (should be 0).
# Usage: src/bench/site-two-writers.sh [JAR]   (default: target/unroll.jar; build it with ./unroll --help)
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
jar=${1:-$here/target/unroll.jar}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf 'cells = rnn\nparameters = W, V\nactivations = tanh\nmax-steps = 3\n' > "$d/small.properties"
run() {
  java -Xss16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:disable \
    -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
    -jar "$jar" site --out "$d/site" --config "$d/small.properties"
}
run >/dev/null 2>&1 # a first site, for the reader to read
for t in 1 2 3; do
  ( misses=0; reads=0; while [[ ! -f $d/stop ]]; do reads=$((reads+1)); [[ -f $d/site/index.html ]] || misses=$((misses+1)); sleep 0.01; done
    echo "$misses of $reads" > "$d/reader" ) &
  reader=$!
  run >"$d/a.out" 2>"$d/a.err" & a=$!
  sleep 0.3
  run >"$d/b.out" 2>"$d/b.err"; rb=$?
  wait $a; ra=$?
  touch "$d/stop"; wait $reader; rm -f "$d/stop"
  files=$(find -L "$d/site" -type f | wc -l)
  echo "trial $t: exits $ra and $rb; site files $files, marker $([[ -f $d/site/.unroll-site ]] && echo yes || echo no);" \
    "reader missed the index $(cat "$d/reader") reads; the loser said: $(cat "$d/a.err" "$d/b.err")"
done
