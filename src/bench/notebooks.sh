#!/usr/bin/env bash
# Benchmark of running the site's notebooks as a reader does: builds a site of the grid below with
# ./unroll site, then executes every notebook top to bottom in a fresh python3 kernel with Debian's
# nbclient, two at a time (src/test/resources/notebooks/execute.py), and prints how long that took and
# the worst relative difference any notebook printed. Exits 1 if a notebook failed.
# Usage: src/bench/notebooks.sh [OUT_DIR] [MAX_STEPS]   (defaults: a temporary folder, 3)
set -euo pipefail
cd "$(dirname "$0")/../.."

work="${1:-$(mktemp -d)}"
steps="${2:-3}"
mkdir -p "$work"
cat > "$work/grid.properties" <<GRID
cells = rnn, lstm, gru
parameters = W, U, V
parameters.lstm = Uf
parameters.gru = Uz
activations = tanh, sigmoid
losses = last, total
GRID

./unroll site --config "$work/grid.properties" --max-steps "$steps" --out "$work/site" > /dev/null
mapfile -t notebooks < <(find "$work/site" -name '*.ipynb' | sort)
printf '%s\n' "cores: $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
status=0
/usr/bin/python3 src/test/resources/notebooks/execute.py "${notebooks[@]}" > "$work/executed.txt" 2> "$work/kernels.log" || status=$?
end=$(date +%s.%N)
printf '%d notebooks (N = 1..%s) executed in %.1f s\n' "${#notebooks[@]}" "$steps" "$(echo "$end - $start" | bc)"
grep -o 'central finite differences: [0-9.e+-]*' "$work/executed.txt" | sort -t: -k2 -g | tail -1 \
  | sed 's/^/worst relative difference from /'
grep '^FAIL' "$work/executed.txt" || true
exit "$status"
