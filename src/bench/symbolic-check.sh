#!/usr/bin/env bash
# The symbolic cross-check at the lesson's own N (issue 16): RNN with tanh and sigmoid, W, U and V,
# last and total loss, H = D = K = 2, every entry of the parameter, N = 8 and N = 12. Each figure is
# cold: a new JVM per configuration, timed from its start (Symja's own start-up included) to the
# check's verdict. Prints one line per check (whole process wall time, the check's own wall and CPU
# time, and the CPU time of the whole process and of the check: on a shared machine the wall time
# mostly measures the other processes) and SymPy's figures for the same check beside them; exits 1 if any check fails.
# Usage: src/bench/symbolic-check.sh [N,...] [activations] [parameters] [losses]
#   e.g. src/bench/symbolic-check.sh 8,12 tanh W last
set -euo pipefail
cd "$(dirname "$0")/../.."
steps=${1:-8,12}
activations=${2:-tanh,sigmoid}
parameters=${3:-W,U,V}
losses=${4:-last,total}
mvn -o -q -B test-compile >&2
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -o -q -B dependency:build-classpath -Dmdep.outputFile="$cp_file" >&2
cp="target/classes:target/test-classes:$(cat "$cp_file")"
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-26s %12s %12s %12s %12s  %s\n' "check" "process ms" "process cpu" "check ms" "check cpu ms" "verdict"
failed=0
for n in ${steps//,/ }; do
  for activation in ${activations//,/ }; do
    for wrt in ${parameters//,/ }; do
      for loss in ${losses//,/ }; do
        start=$(date +%s%N)
        out=$(/usr/bin/time -f 'PROCESS-CPU %U %S' java -Xss16m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
          -Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory \
          -cp "$cp" dev.unroll.symbolic.CrossCheckTiming "$n" "$wrt" "$activation" "$loss" 2>&1)
        end=$(date +%s%N)
        line=$(echo "$out" | grep '^N=')
        process_cpu=$(echo "$out" | awk '/^PROCESS-CPU/ {printf "%d", ($2 + $3) * 1000}')
        check=$(echo "$line" | sed -E 's/.*check ([0-9]+) ms.*/\1/')
        cpu=$(echo "$line" | sed -E 's/.*cpu ([0-9]+) ms.*/\1/')
        verdict=$(echo "$line" | grep -q 'does NOT match' && echo FAILED || echo "matches, $(echo "$line" | grep -o 'worst relative difference [^ ]*' | tr -d ,)")
        printf '%-26s %12d %12s %12s %12s  %s\n' "N=$n $activation $wrt $loss" $(( (end - start) / 1000000 )) \
          "$process_cpu" "$check" "$cpu" "$verdict"
        if [[ $verdict == FAILED ]]; then failed=1; fi
      done
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "SymPy, the same check (H = D = K = 2, the 4 entries of W, 50 digits, one point), D of the whole unrolled loss:"
if /usr/bin/python3 -c 'import sympy' 2>/dev/null; then
  for n in 3 4; do
    start=$(date +%s%N)
    if timeout 120 /usr/bin/python3 src/bench/sympy_cross_check.py "$n" >/dev/null; then
      echo "  SymPy N=$n: $(( ($(date +%s%N) - start) / 1000000 )) ms (measured here)"
    else
      echo "  SymPy N=$n: over 120 s, stopped (measured here)"
    fi
  done
else
  echo "  (SymPy is not installed for /usr/bin/python3; the figures quoted in issue 16, SymPy 1.11 on this machine:)"
  echo "  SymPy N=3:   8 s   (quoted)"
  echo "  SymPy N=4:  39 s   (quoted)"
  echo "  SymPy N=5: 360 s   (quoted)"
fi
exit $failed
