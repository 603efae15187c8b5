#!/usr/bin/env bash
# Model benchmark (issue 15, Speed): 100,000 generated accounts, a year of weekly runs
# (`folio tick` on 52 Mondays: the history keeps the last 90 days' runs and one a week before,
# so all 52 stay whole), churn outcomes recorded
# for about one account in twelve (the lower its score, the likelier), then timed in a
# release build: `folio model backtest` over the 52 runs (goal ≤ 10 s), `folio model fit`
# (goal ≤ 60 s), and `model drift`, `model diff`, `report alerts` for the record.
#
#   scripts/bench-model.sh [ACCOUNTS]      (default 100000; BENCH_DIR keeps the files)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
weeks=52
first=2025-11-24          # a Monday; the 52nd run is on 2026-11-16
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench-model.XXXXXX)}
mkdir -p "$work"
[ -z "${BENCH_DIR:-}" ] && trap 'rm -rf "$work"' EXIT
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
swift build -c release --scratch-path .build-release --product folio >/dev/null
folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio

measure() {
    local label=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs kb user sys < "$work/time"
    # CPU time beside the wall clock: on a shared machine the wall clock says more about the neighbours.
    printf '%-44s %7.2f s   cpu %7.2f s   peak %6d MB\n' "$label" "$secs" "$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" "$((kb / 1024))"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
last=$(date -d "$first + $(( (weeks - 1) * 7 )) days" +%F)
db="$work/folio.db"
if [ ! -f "$db" ]; then
    "$folio" generate --accounts "$accounts" --weeks $((weeks + 12)) --seed 1 --out "$work/data" --as-of "$last" 2>/dev/null
    "$folio" import --db "$db" "$work/data"/*.csv >/dev/null
    start=$(date +%s)
    vp=$(sqlite3 "$db" "SELECT login FROM user WHERE role = 'vp' LIMIT 1")
    for k in $(seq 0 $((weeks - 1))); do
        "$folio" tick --db "$db" --as-of "$(date -d "$first + $((k * 7)) days" +%F)" >/dev/null
        # The first run's scores (the history is compressed blocks: read through Folio).
        [ "$k" = 0 ] && "$folio" accounts --db "$db" --user "$vp" --json > "$work/first-scores.json"
    done
    echo "$weeks weekly runs in $(( $(date +%s) - start )) s"
    # What happened: churns over the year and the horizon after it, likelier for low scores.
    python3 - "$work/first-scores.json" "$first" <<'PY' | sqlite3 "$db"
import datetime, json, random, sys
first = datetime.date.fromisoformat(sys.argv[2])
print("BEGIN;")
for a in json.load(open(sys.argv[1])):
    score = a["score"] if a["score"] is not None else 50
    if random.randrange(1000) < 40 + (100 - score) * 2:
        day = first + datetime.timedelta(days=random.randrange(440))
        print("INSERT OR IGNORE INTO account_outcome (account_id, date, outcome, source) VALUES ('%s', '%s', 'churned', 'import');"
              % (a["id"].replace("'", "''"), day.isoformat()))
print("COMMIT;")
PY
fi
# The model commands (and history) read the accounts the user may see: the VP sees them all.
vp=$(sqlite3 "$db" "SELECT login FROM user WHERE role = 'vp' LIMIT 1")
snapshots=$("$folio" history --db "$db" --user "$vp" --json | python3 -c "import json,sys; print(json.load(sys.stdin)['snapshots'])")
echo "portfolio: $(sqlite3 "$db" 'SELECT COUNT(*) FROM account') accounts, $snapshots snapshots on $(sqlite3 "$db" 'SELECT COUNT(*) FROM engine_run') runs, $(sqlite3 "$db" "SELECT COUNT(*) FROM account_outcome WHERE outcome = 'churned'") churns"

# The as-of day a horizon (90 days) after the last run: every run's horizon is over.
asof=$(date -d "$last + 90 days" +%F)
measure "model backtest (52 runs, stored scores)" "$folio" model backtest --db "$db" --user "$vp" --as-of "$asof" --json
python3 -c "import json,sys; d=json.load(open('$work/out')); print('  ', d['cases'], 'account-days,', d['churned'], 'churned, AUC', d['auc']['auc'])"
measure "model fit (8 of the runs)" "$folio" model fit --db "$db" --user "$vp" --as-of "$asof" --out "$work/fitted.yaml" --json
python3 -c "import json; d=json.load(open('$work/out')); print('   held out: fitted', d['heldOutNew']['auc'], 'default', d['heldOutOld']['auc'])"
measure "model backtest --profile (13 runs re-scored)" "$folio" model backtest --db "$db" --user "$vp" --as-of "$asof" --profile "$work/fitted.yaml" --json
measure "model drift" "$folio" model drift --db "$db" --user "$vp" --as-of "$asof" --json
measure "model diff" "$folio" model diff SampleData/health-profile.yaml "$work/fitted.yaml" --db "$db" --user "$vp" --as-of "$asof" --json
measure "report alerts (as the VP)" "$folio" report alerts --db "$db" --as-of "$asof" --json --user "$vp"
