#!/usr/bin/env bash
# passim on Spark against `tifa reuse` on one corpus: the pairs both find, those only one finds,
# wall time and peak memory of each. Not part of CI (passim takes minutes); figures in README.md.
#
#   bash ../shared/passim/setup.sh && cargo build --release
#   bash benches/passim_vs_tifa.sh [CORPUS] [WORK]
#
# Both sides are read through tifa's tables, so stock passages are flagged the same way in both
# and only links (pairs sharing non-stock text) are compared, as unordered pairs of ids.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/corpora/policy-central-shandong}
work=${2:-/tmp/passim-vs-tifa}
tifa=target/release/tifa
# shellcheck disable=SC1091
. "${PASSIM_HOME:-/tmp/passim}/env.sh"
rm -rf "$work" && mkdir -p "$work"

# Peak of the summed RSS of a command and all its descendants (Spark runs in a child JVM, which
# `time` would not see), sampled every 0.2 s; prints "seconds peak_MB".
measure() {
  local start peak=0 rss
  start=$(date +%s.%N)
  setsid "$@" &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(ps -o rss= -s "$pid" 2>/dev/null | awk '{s += $1} END {print s + 0}')
    ((rss > peak)) && peak=$rss
    sleep 0.2
  done
  wait "$pid"
  echo "$(echo "$(date +%s.%N) - $start" | bc) $((peak / 1024))"
}

$tifa export --format passim "$corpus" "$work/in.json"
passim_figures=$(measure bash -c "passim --floating-ngrams -n 6 --min-align 12 --pairwise \
  --fields year level --filterpairs 'uid <> uid2 AND year <= year2 AND level <= level2' \
  '$work/in.json' '$work/out' >'$work/passim.log' 2>&1")
tifa_figures=$(measure bash -c "$tifa reuse '$corpus' --table pairs --format csv >'$work/tifa.csv'")
$tifa reuse "$corpus" --from-passim "$work/out" --table pairs --format csv >"$work/passim.csv"

# source,target,…,shared_chars (6th column) → "a b shared" with a < b, sorted.
pairs() {
  tail -n +2 "$1" | awk -F, -v min="$2" '$6 >= min { if ($1 < $2) print $1, $2; else print $2, $1 }' | sort -u
}
for min in 1 200; do
  pairs "$work/tifa.csv" "$min" >"$work/tifa.$min"
  pairs "$work/passim.csv" "$min" >"$work/passim.$min"
  echo "pairs sharing ≥ $min non-stock characters: both $(comm -12 "$work/tifa.$min" "$work/passim.$min" | wc -l)," \
    "tifa only $(comm -23 "$work/tifa.$min" "$work/passim.$min" | wc -l)," \
    "passim only $(comm -13 "$work/tifa.$min" "$work/passim.$min" | wc -l)"
done
read -r t m <<<"$passim_figures"
echo "passim: ${t} s, ${m} MB peak (Spark local[2])"
read -r t m <<<"$tifa_figures"
echo "tifa reuse: ${t} s, ${m} MB peak"
