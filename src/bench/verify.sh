#!/usr/bin/env bash
# Benchmark of `unroll verify`, cold: every run is a new `./unroll verify FILE` (launcher, JVM start and
# class loading included), the way a user or a grading script runs it. For each file it prints the wall
# time (best and median of RUNS runs) and the CPU time the run used (user + system, best and median):
# on a loaded machine the wall time grows with the load while the CPU time stays close to what an idle
# machine would show, so the load average is printed before and after.
#
# Files (targets of issue 11: a typical derivation under 1.5 s, a 200-equation file under 3 s):
#   reference lesson     src/test/resources/verify/exploding-gradient-lesson.md
#   typical real doc     src/test/resources/verify/real/karpathy-notes.md (45 lines, the corpus's median size)
#   200 equations        generated: 200 displayed chain-notation claims dE_{t+1}/dW over 1..20 stages,
#                        one in four with a dropped activation derivative
#   LSTM lesson          what `unroll lesson --cell lstm` writes (claims in adjoint form)
#   LSTM with slips      src/test/resources/verify/corpus/lstm-slips.tex
# and, unless CORPUS=0, every document of the real-notation corpus (src/test/resources/verify/real):
# the median and the slowest of their best times, and how many are under 1.5 s.
#
# Symja's answers (activation derivatives and bounds) are read from the answer cache
# (~/.cache/unroll, see symbolic.AnswerCache) as on any machine that has run unroll once; the warm-up
# run fills it.
#
#   src/bench/verify.sh                      # 5 runs each
#   RUNS=9 CPUS=1 src/bench/verify.sh        # 9 runs, pinned to CPU 1 with taskset
#   UNROLL=/other/clone/unroll CORPUS=0 src/bench/verify.sh   # another build of unroll, named files only
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
unroll="${UNROLL:-$here/unroll}"
runs="${RUNS:-5}"
pin=()
if [[ -n ${CPUS:-} ]]; then
  pin=(taskset -c "$CPUS")
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

lesson="$here/src/test/resources/verify/exploding-gradient-lesson.md"
typical="$here/src/test/resources/verify/real/karpathy-notes.md"
big="$work/two-hundred-equations.md"

# The 200-equation file: equation i claims dE_{t+1}/dW over n = 1 + i % 20 stages.
python3 - "$big" <<'PY'
import sys
def P(a, b): return r"\frac{\partial %s}{\partial %s}" % (a, b)
def t(o): return "t" if o == 0 else ("t+%d" % o if o > 0 else "t%d" % o)
def term(j, drop):
    f = [P("E_{t+1}", "o_{t+1}"), P("o_{t+1}", "q_{t+1}"), "V", P("s_{t+1}", "z_{t+1}")]
    for i in range(2, j + 1):
        f += ["W", P("s_{%s}" % t(1 - i + 1), "z_{%s}" % t(1 - i + 1))]
    if drop and len(f) > 4:
        f.pop()
    return r"\left(" + r" \cdot ".join(f) + r"\right)^{\top} s_{%s}^{\top}" % t(1 - j)
out = ["# Two hundred derivations", ""]
for i in range(200):
    n = 1 + i % 20
    drop = i % 4 == 3
    out += ["Equation %d, over %d stages:" % (i + 1, n), "", "$$", r"\frac{\partial E_{t+1}}{\partial W} ="]
    out += [("+ " if j > 1 else "") + term(j, drop and j == n) for j in range(1, n + 1)]
    out += ["$$", ""]
open(sys.argv[1], "w").write("\n".join(out))
PY

# Warm-up: builds the jar and the class-data archive on first use, and fills the answer cache.
"$unroll" verify "$lesson" >/dev/null 2>&1 || true
"$unroll" lesson --cell lstm --out "$work/lstm" >/dev/null
lstm="$(ls "$work"/lstm/*.md | head -1)"

# One cold run: sets ms (wall), cpu (user + system, ms), code and summary.
run_once() {
  local file="$1" line real user sys
  line=$( { TIMEFORMAT='%3R %3U %3S'; time {
    if "${pin[@]}" "$unroll" verify "$file" >"$work/out.txt" 2>&1; then echo 0; else echo $?; fi >"$work/code"
  }; } 2>&1 )
  code=$(cat "$work/code")
  read -r real user sys <<<"$line"
  ms=$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 }')
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
}

median() { sort -n | sed -n "$(( (runs + 1) / 2 ))p"; }

measure() {
  local file="$1" label="$2" walls=() cpus=() i
  for ((i = 0; i < runs; i++)); do
    run_once "$file"
    walls+=("$ms")
    cpus+=("$cpu")
  done
  printf '%-22s wall best %5d ms  median %5d ms   cpu best %5d ms  median %5d ms   exit %d  %s\n' "$label" \
    "$(printf '%s\n' "${walls[@]}" | sort -n | head -1)" "$(printf '%s\n' "${walls[@]}" | median)" \
    "$(printf '%s\n' "${cpus[@]}" | sort -n | head -1)" "$(printf '%s\n' "${cpus[@]}" | median)" \
    "$code" "$(tail -1 "$work/out.txt" | sed 's/.*: //')"
}

load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "unroll verify, cold, $runs runs each, $(nproc) cores${CPUS:+, pinned to CPU $CPUS}, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "load average before: $(load)"
measure "$lesson" "reference lesson"
measure "$typical" "typical real doc"
measure "$big" "200 equations"
measure "$lstm" "LSTM lesson"
measure "$here/src/test/resources/verify/corpus/lstm-slips.tex" "LSTM with slips"

if [[ ${CORPUS:-1} != 0 ]]; then
  best_times=()
  slowest_ms=0
  slowest=""
  for f in "$here"/src/test/resources/verify/real/*.md "$here"/src/test/resources/verify/real/*.tex \
      "$here"/src/test/resources/verify/real/*.ipynb; do
    [[ -f $f ]] || continue
    best=""
    for ((i = 0; i < runs; i++)); do
      run_once "$f"
      if [[ -z $best || $ms -lt $best ]]; then best=$ms; fi
    done
    best_times+=("$best")
    if ((best > slowest_ms)); then slowest_ms=$best; slowest=$(basename "$f"); fi
  done
  n=${#best_times[@]}
  printf 'real corpus, %d files, best of %d: median %d ms, slowest %d ms (%s), under 1.5 s: %d\n' "$n" "$runs" \
    "$(printf '%s\n' "${best_times[@]}" | sort -n | sed -n "$(( (n + 1) / 2 ))p")" "$slowest_ms" "$slowest" \
    "$(printf '%s\n' "${best_times[@]}" | awk '$1 < 1500' | wc -l)"
fi
echo "load average after:  $(load)"
