#!/usr/bin/env bash
# Interface benchmark (issue 6, "Speed"): the real `folio` binary on a pseudo-terminal,
# looking at 100,000 generated accounts at once as the team's VP, and at one CSM's book
# of the same database (a frame should cost the same for both). Goals: first full frame
# <= 300 ms, keystroke -> finished frame p99 <= 16 ms moving and paging and <= 50 ms per
# filter keystroke, peak memory <= 200 MB.
#
#   scripts/bench-tui.sh [ACCOUNTS]        (default 100000)
#   BENCH_DB=/path/folio.db scripts/bench-tui.sh   reuses a database built by an earlier run
#   BENCH_KEEP=1                                   keeps the work folder (its path is printed)
#
# Building the database takes about a minute and a half (generate, import, tick); the
# driver, scripts/bench-tui-drive.py, explains how it times a frame.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
asof=2026-11-23
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench-tui.XXXXXX)}
mkdir -p "$work"
if [ -z "${BENCH_KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work"; fi

swift build -c release --scratch-path .build-release --product folio >/dev/null
folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"
db=${BENCH_DB:-$work/folio.db}
if [ -z "${BENCH_DB:-}" ]; then
    "$folio" generate --accounts "$accounts" --weeks 52 --seed 1 --out "$work/data" --as-of "$asof" 2>/dev/null
    start=$(date +%s)
    "$folio" import --db "$db" "$work/data"/*.csv >/dev/null
    "$folio" tick --db "$db" --as-of "$asof" >/dev/null
    echo "database: $accounts accounts imported and scored in $(( $(date +%s) - start )) s"
fi

# Who looks: the generated team's VP sees every account; its first CSM only their own.
if [ -f "$work/data/users.csv" ]; then
    vp=$(awk -F, '$4 == "vp" { print $1; exit }' "$work/data/users.csv")
    csm=$(awk -F, '$4 == "csm" { print $1; exit }' "$work/data/users.csv")
else
    command -v sqlite3 >/dev/null || { echo "finding the VP of $db needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
    vp=$(sqlite3 "$db" "SELECT login FROM user WHERE role = 'vp' ORDER BY rowid LIMIT 1")
    csm=$(sqlite3 "$db" "SELECT login FROM user WHERE role = 'csm' ORDER BY rowid LIMIT 1")
fi

export BENCH_STATE="$work/state"
python3 scripts/bench-tui-drive.py "$folio" "$db" "$vp" "$asof" --label "VP $vp" --json "$work/vp.json"
python3 scripts/bench-tui-drive.py "$folio" "$db" "$csm" "$asof" --label "CSM $csm" --json "$work/csm.json"
