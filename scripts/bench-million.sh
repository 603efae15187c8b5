#!/usr/bin/env bash
# A million accounts (issue 19): `folio generate --accounts 1000000 --weeks 26`, import,
# the first tick and the same day again, `folio accounts --json` for the VP, and the
# interface as the VP (first frame, keystroke latency, memory), each timed with its peak
# memory. Goals on 2 cores: tick <= 60 s, first frame <= 500 ms, move p99 <= 16 ms,
# interface <= 1 GB.
#
#   scripts/bench-million.sh [ACCOUNTS] [WEEKS]     (defaults 1000000 26)
#   BENCH_DIR=/path BENCH_KEEP=1                     keep the work folder (about 15 GB)
#   FOLIO_BIN=/path/folio                            run that binary (no release build)
#
# Each step prints its wall time, its CPU time (user + system: the figure that holds when
# the machine is shared) and its peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-1000000}
weeks=${2:-26}
asof=2026-11-23
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench-million.XXXXXX)}
mkdir -p "$work"
if [ -z "${BENCH_KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work"; fi
if [ -n "${FOLIO_BIN:-}" ]; then # a folio built before (not rebuilt)
    folio=$FOLIO_BIN
else
    swift build -c release --scratch-path .build-release --product folio >/dev/null
    folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio
fi

measure() {
    local label=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs user sys kb < "$work/time"
    printf '%-44s %8.1f s   cpu %8.1f s   peak %6d MB   (load %s)\n' "$label" "$secs" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$((kb / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
timings() {
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("  " + ", ".join("%s %.1f s" % (t["step"], t["seconds"]) for t in d["timings"]))' "$work/out"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
db="$work/folio.db"
if [ ! -f "$work/data/accounts.csv" ]; then
    measure "generate $accounts accounts x $weeks weeks" "$folio" generate --accounts "$accounts" --weeks "$weeks" --seed 1 --out "$work/data" --as-of "$asof"
fi
echo "  $(du -sh "$work/data" | cut -f1) of CSV"
rm -f "$db" "$db-wal" "$db-shm"
measure "import" "$folio" import --db "$db" "$work/data"/*.csv
measure "folio tick (first run)" "$folio" tick --db "$db" --as-of "$asof" --json
timings
measure "folio tick (same day again)" "$folio" tick --db "$db" --as-of "$asof" --json
timings
echo "  database: $(( $(stat -c %s "$db") / 1024 / 1024 )) MB"
vp=$(awk -F, '$4 == "vp" { print $1; exit }' "$work/data/users.csv")
measure "folio accounts --json (VP: every account)" "$folio" accounts --db "$db" --as-of "$asof" --user "$vp" --json
echo "  $(( $(stat -c %s "$work/out") / 1024 / 1024 )) MB of JSON"
export BENCH_STATE="$work/state"
python3 scripts/bench-tui-drive.py "$folio" "$db" "$vp" "$asof" --label "VP $vp" --goal-first-ms 500 --goal-rss-mb 1024
