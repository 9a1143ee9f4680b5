#!/usr/bin/env bash
# Benchmark of `unroll grade`: wall-clock time to grade 100 submissions of the test class
# (src/test/resources/grade/class, each file copied under its own student's name, judged against
# its own variant of a 100-student manifest) in one process, cold, against 100 separate
# `./unroll verify` runs of the same files. The first run of ./unroll builds the jar, so one warm-up
# comes first. Target: under 30 s for the 100 on this 2-core machine.
#
#   src/bench/grade.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unroll="$here/unroll"
"$unroll" --version >/dev/null

# A 100-student class drawn from the test course, and a submission per student made from the test
# class's answer of the same variant where there is one (the answers name their sheet).
"$unroll" exercise --count 100 --seed 2026 --course "$here/src/test/resources/grade/course.properties" \
  --format md --out "$work/sheets" >/dev/null
mkdir -p "$work/class"
python3 - "$work/sheets/exercises.json" "$here/src/test/resources/grade" "$work/class" <<'PY'
import json, os, re, sys
manifest = json.load(open(sys.argv[1]))
test_manifest = json.load(open(os.path.join(sys.argv[2], "exercises.json")))
by_variant = {}
for s in test_manifest["students"]:
    for name in sorted(os.listdir(os.path.join(sys.argv[2], "class"))):
        if name.startswith(s["slug"] + ".") and name.endswith(".md"):
            by_variant.setdefault(s["variant"]["id"], []).append(os.path.join(sys.argv[2], "class", name))
made = 0
for i, s in enumerate(manifest["students"]):
    answers = by_variant.get(s["variant"]["id"])
    if not answers:
        answers = [os.path.join(sys.argv[2], "class", "student-18.md")]  # no answer of that variant: an empty one
    text = open(answers[i % len(answers)]).read()
    text = re.sub(r"^student: .*$", "student: " + s["slug"], text, count=1, flags=re.M)
    text = re.sub(r"^sheet: .*$", "sheet: " + s["sheetId"], text, count=1, flags=re.M)
    open(os.path.join(sys.argv[3], s["slug"] + ".md"), "w").write(text)
    made += 1
print("made %d submissions" % made, file=sys.stderr)
PY

start=$(date +%s.%N)
"$unroll" grade "$work/class" --manifest "$work/sheets/exercises.json" --out "$work/grades" > "$work/grade.out" || true
end=$(date +%s.%N)
one=$(echo "$end - $start" | bc)

start=$(date +%s.%N)
for f in "$work/class"/*.md; do
  "$unroll" verify "$f" >/dev/null || true
done
end=$(date +%s.%N)
separate=$(echo "$end - $start" | bc)

printf 'grade, 100 submissions in one process: %6.1f s (target < 30 s)\n' "$one"
printf '  its verdict: %s\n' "$(tail -n 1 "$work/grade.out")"
printf '100 separate ./unroll verify runs:     %6.1f s\n' "$separate"
printf 'load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
