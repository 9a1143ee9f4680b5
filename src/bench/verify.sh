#!/usr/bin/env bash
# Benchmark of `unroll verify`: wall-clock time to verify the reference lesson, a generated
# Markdown file of 200 displayed derivative equations (chain notation, N = 1..20 stages, one in four
# with a dropped activation derivative), the LSTM lesson `./unroll lesson --cell lstm` writes (26
# claims in adjoint form, each evaluated on random weights) and the corpus's LSTM derivation with
# slips in it, and every document of the real-notation corpus. Each is run RUNS times (default 3); the best and the median
# are printed. The first run of ./unroll builds the jar, so one warm-up run comes first.
#
#   src/bench/verify.sh            # 3 runs each
#   RUNS=5 src/bench/verify.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${RUNS:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

lesson="$here/src/test/resources/verify/exploding-gradient-lesson.md"
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

"$here/unroll" verify "$lesson" >/dev/null 2>&1 || true   # warm-up (and build, on first use)

measure() {
  local file="$1" label="$2" times=() code
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    set +e
    "$here/unroll" verify "$file" >"$work/out.txt" 2>&1
    code=$?
    set -e
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted
  sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  printf '%-28s exit %d  best %5d ms  median %5d ms  (%s)\n' "$label" "$code" \
    "$(echo "$sorted" | head -1)" "$(echo "$sorted" | sed -n "$(( (runs + 1) / 2 ))p")" "$(tail -1 "$work/out.txt" | sed 's/.*: //')"
}

echo "unroll verify, $runs runs each, $(nproc) cores, $(date -u +%Y-%m-%d)"
measure "$lesson" "reference lesson"
measure "$big" "200 equations"
"$here/unroll" lesson --cell lstm --out "$work/lstm" >/dev/null
measure "$work/lstm/lstm-Uf-last-3.md" "LSTM lesson (adjoint form)"
measure "$here/src/test/resources/verify/corpus/lstm-slips.tex" "LSTM derivation with slips"

# The real-notation corpus (src/test/resources/verify/real): each document once per run, cold (JVM
# start included); the typical derivation's target is 1.5 s. Prints the median and the slowest file.
real_times=()
slowest_ms=0
slowest=""
for f in "$here"/src/test/resources/verify/real/*.md "$here"/src/test/resources/verify/real/*.tex \
    "$here"/src/test/resources/verify/real/*.ipynb; do
  [ -f "$f" ] || continue
  best=""
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$here/unroll" verify "$f" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  real_times+=("$best")
  if [ "$best" -gt "$slowest_ms" ]; then slowest_ms=$best; slowest=$(basename "$f"); fi
done
if [ "${#real_times[@]}" -gt 0 ]; then
  sorted=$(printf '%s\n' "${real_times[@]}" | sort -n)
  under=$(printf '%s\n' "${real_times[@]}" | awk '$1 < 1500' | wc -l)
  printf '%-28s %d files  median %5d ms  slowest %5d ms (%s)  under 1.5 s: %d\n' "real corpus (best of $runs)" \
    "${#real_times[@]}" "$(echo "$sorted" | sed -n "$(( (${#real_times[@]} + 1) / 2 ))p")" "$slowest_ms" "$slowest" "$under"
fi
