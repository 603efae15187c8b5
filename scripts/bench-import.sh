#!/usr/bin/env bash
# Import benchmark (issue "Real data in", Speed), run by hand with a release build:
#
#  1. the whole generated portfolio (ACCOUNTS accounts × WEEKS weeks, every kind) imported by
#     folio in one run, against the sqlite3 shell's .import of the same CSVs into plain tables;
#  2. product-analytics events (`folio generate --events`: about 20 million for 100,000
#     accounts × 26 weeks) rolled up into weekly usage by folio, against the sqlite3 shell
#     doing the same: .import, then one GROUP BY with COUNT(DISTINCT user).
#
#   scripts/bench-import.sh [ACCOUNTS] [WEEKS] [EVENT_WEEKS]     (defaults 100000 52 26)
#
# Builds with `swift build -c release --scratch-path .build-release` (not in git), or runs
# FOLIO_BIN when set (an earlier build, for before/after on the same data). Prints seconds,
# CPU seconds and peak memory of each step and the ratios the issue asks for.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
weeks=${2:-52}
event_weeks=${3:-26}
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench.XXXXXX)}
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
if [[ -n "${FOLIO_BIN:-}" ]]; then
    folio=$FOLIO_BIN
else
    swift build -c release --scratch-path .build-release --product folio >/dev/null
    folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio
fi

measure() { # label, command...: prints wall and CPU seconds and peak memory; keeps the wall seconds in $work/last
    local label=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs kb user sys < "$work/time"
    printf '%-44s %8.2f s  (cpu %6.2f s)   peak %6d MB\n' "$label" "$secs" "$(echo "$user + $sys" | bc)" "$((kb / 1024))"
    echo "$secs" > "$work/last"
    echo "$user $sys" > "$work/cpu"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"

# 1. The generated portfolio, every kind.
measure "generate ${accounts} × ${weeks}" "$folio" generate --accounts "$accounts" --weeks "$weeks" --seed 1 --out "$work/data"
kinds="users accounts contacts usage cases nps payments activities"
rows=0
for k in $kinds; do rows=$((rows + $(wc -l < "$work/data/$k.csv") - 1)); done
echo "portfolio: $rows rows, $(du -cm "$work"/data/*.csv | tail -1 | cut -f1) MB"
files=(); for k in $kinds; do files+=("$work/data/$k.csv"); done
measure "folio import (all kinds, new rows)" "$folio" import --db "$work/folio.db" "${files[@]}"
folio_secs=$(cat "$work/last")
folio_cpu=$(awk '{print $1 + $2}' "$work/cpu")
first_user=$(sed -n 2p "$work/data/users.csv" | cut -d, -f1)
measure "folio re-import (all kinds, unchanged)" "$folio" import --db "$work/folio.db" --user "$first_user" "${files[@]}"

schema="CREATE TABLE users(login,name,email,role,manager);
CREATE TABLE accounts(id,name,tier,owner,ae,arr,contract_start,renewal_date,seats,timezone,opt_out,status,term_months);
CREATE TABLE contacts(id,account_id,name,email,roles,left_company,opt_out);
CREATE TABLE usage(account_id,week,active_users,logins,key_actions,features_used,features_available);
CREATE TABLE cases(id,account_id,priority,opened,closed);
CREATE TABLE nps(contact_id,date,score,comment);
CREATE TABLE payments(account_id,as_of,days_overdue);
CREATE TABLE activities(id,account_id,type,direction,date,author,summary);"
imports=()
for k in $kinds; do imports+=(".import --csv --skip 1 $work/data/$k.csv $k"); done
measure "sqlite3 .import (plain tables)" sqlite3 "$work/plain.db" "$schema" "${imports[@]}"
sqlite_secs=$(cat "$work/last")
sqlite_cpu=$(awk '{print $1 + $2}' "$work/cpu")

# 2. Events rolled up into weekly usage.
measure "generate ${accounts} × ${event_weeks} --events" "$folio" generate --accounts "$accounts" --weeks "$event_weeks" --seed 2 --out "$work/ev" --events
events=$(($(wc -l < "$work/ev/events.csv") - 1))
echo "events.csv: $events events, $(du -m "$work/ev/events.csv" | cut -f1) MB"
"$folio" import --db "$work/events.db" "$work/ev/users.csv" "$work/ev/accounts.csv" >/dev/null
events_user=$(sed -n 2p "$work/ev/users.csv" | cut -d, -f1)
measure "folio events → weekly usage" "$folio" import --db "$work/events.db" --user "$events_user" --map "$work/ev/events-map.yaml" "$work/ev/events.csv"
events_secs=$(cat "$work/last")
events_peak=$(cut -d' ' -f2 "$work/time")
events_cpu=$(awk '{print $1 + $2}' "$work/cpu")
measure "folio events again (all counted already)" "$folio" import --db "$work/events.db" --user "$events_user" --map "$work/ev/events-map.yaml" "$work/ev/events.csv"
measure "sqlite3 .import events + GROUP BY" sqlite3 "$work/events-plain.db" \
    "CREATE TABLE events(timestamp, account_id, user, event, event_id);" \
    ".import --csv --skip 1 $work/ev/events.csv events" \
    "CREATE TABLE weekly AS SELECT account_id, date(timestamp, '-6 days', 'weekday 1') AS week, COUNT(DISTINCT user) AS active_users,
       SUM(event = 'Logged In') AS logins, SUM(event = 'Key Action') AS key_actions, COUNT(DISTINCT CASE WHEN event LIKE 'Used %' THEN event END) AS features
     FROM events GROUP BY account_id, week;"
sqlite_events_secs=$(cat "$work/last")

python3 - "$rows" "$folio_secs" "$sqlite_secs" "$events" "$events_secs" "$sqlite_events_secs" "$events_peak" "$events_cpu" "$folio_cpu" "$sqlite_cpu" <<'PY'
import sys
rows, f, s, events, e, se, peak, cpu = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6]), int(sys.argv[7]), float(sys.argv[8])
fc, sc = float(sys.argv[9]), float(sys.argv[10])
print(f"portfolio import: folio {rows / f:,.0f} rows/s, sqlite3 .import {rows / s:,.0f} rows/s; folio / sqlite3 time {f / s:.2f}× (goal ≤ 2×), "
      f"CPU {fc / sc:.2f}× (less swayed by other work on the machine)")
print(f"events roll-up: folio {events / e:,.0f} events/s (goal ≥ 1,000,000; {events / cpu:,.0f} per CPU second), peak {peak // 1024} MB (goal ≤ 500 MB); "
      f"sqlite3 .import + GROUP BY {events / se:,.0f} events/s; folio / sqlite3 time {e / se:.2f}× (goal ≤ 2×)")
PY
