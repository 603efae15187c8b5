#!/usr/bin/env bash
# A year of history (issue 19, "History that keeps its shape"): a generated book imported
# once with two years of inputs, then `folio tick` run for every day of the last year, as
# cron would. Reports the database's size per account after the import and after the year
# (compacted with VACUUM INTO, as the file would be on a fresh copy), what the year added
# per account (goal <= 5 KB an account-year), by kind of record, and the ticks' times.
#
#   scripts/bench-history.sh [ACCOUNTS] [DAYS]      (defaults 20000 365)
#   BENCH_DIR=/path BENCH_KEEP=1                     keep the work folder
#   FOLIO_BIN=/path/folio                            run that binary (no release build)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-20000}
days=${2:-365}
asof=2026-11-23
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench-history.XXXXXX)}
mkdir -p "$work"
if [ -z "${BENCH_KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work"; fi
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
if [ -n "${FOLIO_BIN:-}" ]; then # a folio built before (not rebuilt)
    folio=$FOLIO_BIN
else
    swift build -c release --scratch-path .build-release --product folio >/dev/null
    folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio
fi

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"
weeks=$(( (days + 6) / 7 + 52 ))
"$folio" generate --accounts "$accounts" --weeks "$weeks" --seed 1 --out "$work/data" --as-of "$asof" 2>/dev/null
db="$work/folio.db"
"$folio" import --db "$db" "$work/data"/*.csv >/dev/null
size() { rm -f "$work/compact.db"; sqlite3 "$1" "VACUUM INTO '$work/compact.db'"; stat -c %s "$work/compact.db"; }
# Bytes per kind of record (tables with their indexes), on the compacted copy.
kinds() {
    sqlite3 "$work/compact.db" "SELECT CASE
        WHEN name LIKE 'snapshot%' OR name = 'measure_set' OR name = 'engine_run' THEN 'health history'
        WHEN name LIKE 'alert%' OR name LIKE 'control_group%' THEN 'alerts and their trail'
        WHEN name LIKE 'checkin%' THEN 'check-ins'
        WHEN name LIKE 'renewal%' THEN 'renewal opportunities'
        WHEN name LIKE 'outbox%' OR name LIKE 'sequence%' THEN 'sequences and the outbox'
        WHEN name LIKE 'audit%' THEN 'audit'
        ELSE 'imported inputs' END AS kind, SUM(pgsize) FROM dbstat GROUP BY kind ORDER BY 2 DESC" | tr '|' ' '
}
imported=$(size "$db")
kinds > "$work/kinds.before"
echo "portfolio: $accounts accounts, $weeks weeks of inputs; imported: $((imported / 1024 / 1024)) MB, $((imported / accounts)) bytes an account"

start=$(date -d "$asof - $((days - 1)) days" +%F)
: > "$work/ticks"
for i in $(seq 0 $((days - 1))); do
    day=$(date -d "$start + $i days" +%F)
    /usr/bin/time -f "%e %M" -o "$work/time" "$folio" tick --db "$db" --as-of "$day" --json >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    echo "$day $(cat "$work/time") $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["snapshotsThinned"])' "$work/out")" >> "$work/ticks"
    if [ $(( (i + 1) % 30 )) -eq 0 ]; then
        echo "  $day: $((i + 1)) daily runs, file $(( $(stat -c %s "$db") / 1024 / 1024 )) MB (load $(cut -d' ' -f1-3 /proc/loadavg))"
    fi
done
after=$(size "$db")
kinds > "$work/kinds.after"
vp=$(awk -F, '$4 == "vp" { print $1; exit }' "$work/data/users.csv")
"$folio" history --db "$db" --as-of "$asof" --user "$vp"
python3 - "$accounts" "$days" "$imported" "$after" "$work/kinds.before" "$work/kinds.after" "$work/ticks" <<'PY'
import sys, statistics
accounts, days, before, after = map(int, sys.argv[1:5])
def kinds(path):
    out = {}
    for line in open(path):
        *name, size = line.split()
        out[" ".join(name)] = int(size)
    return out
b, a = kinds(sys.argv[5]), kinds(sys.argv[6])
year = days / 365
print(f"after {days} daily runs: {after / 2**20:.0f} MB, {after / accounts / 1024:.1f} KB an account in all")
print(f"what the year added: {(after - before) / accounts / year / 1024:.2f} KB an account-year (goal <= 5 KB)")
for name in sorted(a, key=lambda n: -(a[n] - b.get(n, 0))):
    print(f"  {name:28s} {(a[name] - b.get(name, 0)) / accounts / year:8.0f} bytes an account-year   ({a[name] / accounts:7.0f} bytes an account in all)")
ticks = [line.split() for line in open(sys.argv[7])]
secs = sorted(float(t[1]) for t in ticks)
peak = max(int(t[2]) for t in ticks)
print(f"daily runs: median {statistics.median(secs):.2f} s, p90 {secs[int(0.9 * (len(secs) - 1))]:.2f} s, max {secs[-1]:.2f} s, peak {peak // 1024} MB; "
      f"{sum(int(t[3]) for t in ticks):,} snapshots thinned")
PY
