#!/usr/bin/env bash
# Daily-run benchmark (issue "Health engine", Speed): 100,000 generated accounts × 52 weeks,
# imported, then `folio tick` timed (first run, and the idempotent re-run), against the floor:
# the same rows the tick reads, scanned by the sqlite3 shell with nothing else done.
#
#   scripts/bench-tick.sh [ACCOUNTS] [WEEKS]      (defaults 100000 52)
#
# FOLIO_BIN=path runs that binary instead of building the release one (to compare two builds
# on the same data: BENCH_KEEP=1 keeps the work folder, BENCH_DIR=… reuses it; BENCH_IMPORTED=file
# starts from a copy of that freshly imported database instead of generating and importing).
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
weeks=${2:-52}
asof=2026-11-23
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench.XXXXXX)}
mkdir -p "$work"
if [ -z "${BENCH_KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "work folder: $work"; fi
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
if [ -n "${FOLIO_BIN:-}" ]; then
    folio=$FOLIO_BIN
else
    swift build -c release --scratch-path .build-release --product folio >/dev/null
    folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio
fi

measure() {
    local label=$1; shift
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs kb user sys < "$work/time"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    printf '%-40s %7.2f s   CPU %7.2f s   peak %6d MB   (load %s)\n' "$label" "$secs" "$cpu" "$((kb / 1024))" "$(cut -d' ' -f1-3 /proc/loadavg)"
    echo "$secs" > "$work/last"
    echo "$cpu" > "$work/lastcpu"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
db="$work/folio.db"
if [ -n "${BENCH_IMPORTED:-}" ]; then
    cp "$BENCH_IMPORTED" "$db"
else
    "$folio" generate --accounts "$accounts" --weeks "$weeks" --seed 1 --out "$work/data" --as-of "$asof" 2>/dev/null
    "$folio" import --db "$db" "$work/data"/*.csv >/dev/null
fi
echo "portfolio: $accounts accounts, $(sqlite3 "$db" 'SELECT COUNT(*) FROM usage') usage rows"

# The floor: the queries the tick runs (HealthInputLoader), run by the sqlite3 shell one
# after another, every column of every row consumed (summed), nothing else done.
# 12 weeks of usage: the Monday of the last complete week, and the 11 weeks before it.
d90=$(date -d "$asof - 90 days" +%F); week=$(date -d "$asof - 7 days" +%F)
last=$(date -d "$week - $(( $(date -d "$week" +%u) - 1 )) days" +%F); first=$(date -d "$last - 77 days" +%F)
cat > "$work/floor.sql" <<SQL
SELECT COUNT(*), MAX(id), MAX(name), SUM(arr_cents), MAX(renewal_date), MAX(contract_start), SUM(seats) FROM account WHERE status = 'active';
SELECT COUNT(*), SUM(r), MAX(i), MAX(w), SUM(a), SUM(k), SUM(f), SUM(fa) FROM (
  SELECT a.rowid AS r, a.id AS i, u.week AS w, u.active_users AS a, u.key_actions AS k, u.features_used AS f, u.features_available AS fa
  FROM account a CROSS JOIN usage u ON u.account_id = a.id AND u.week BETWEEN '$first' AND '$last' ORDER BY a.id);
SELECT COUNT(*), MAX(i), MAX(l), MAX(m), MAX(q) FROM (SELECT a.id AS i,
  (SELECT MAX(date) FROM activity WHERE account_id = a.id AND date <= '$asof') AS l,
  (SELECT MAX(date) FROM activity WHERE account_id = a.id AND type = 'meeting' AND date <= '$asof') AS m,
  (SELECT MAX(date) FROM activity WHERE account_id = a.id AND type = 'qbr' AND date <= '$asof') AS q
  FROM account a ORDER BY a.id);
SELECT COUNT(*), MAX(i), SUM(s) FROM (SELECT account_id AS i, MAX(left_company = 0) AS s FROM contact
  WHERE ';' || roles || ';' LIKE '%;sponsor;%' GROUP BY account_id);
SELECT COUNT(*), MAX(i), SUM(s), MAX(d) FROM (SELECT c.account_id AS i, n.score AS s, n.date AS d FROM contact c
  JOIN nps_response n ON n.contact_id = c.id
   AND n.date = (SELECT MAX(date) FROM nps_response m WHERE m.contact_id = c.id AND m.date <= '$asof')
  ORDER BY c.account_id);
SELECT COUNT(*), MAX(i), SUM(c), SUM(s) FROM (SELECT account_id AS i,
  SUM(priority = 'critical' AND (closed IS NULL OR closed > '$asof')) AS c, SUM(priority IN ('critical', 'high') AND opened > '$d90') AS s
  FROM support_case WHERE opened <= '$asof' AND (opened > '$d90' OR (priority = 'critical' AND (closed IS NULL OR closed > '$asof')))
  GROUP BY account_id);
SELECT COUNT(*), MAX(i), MAX(d), SUM(o) FROM (SELECT a.id AS i, p.as_of AS d, p.days_overdue AS o FROM account a
  CROSS JOIN payment_status p ON p.account_id = a.id
   AND p.as_of = (SELECT MAX(as_of) FROM payment_status q WHERE q.account_id = a.id AND q.as_of <= '$asof')
  ORDER BY a.id);
SQL
# Where the tick's time went, from its --json summary.
timings() {
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
held = "; the write lock held at most %.2f s at a time (%d transactions)" % (d["lockedSeconds"], d.get("writeTransactions", 1)) if "lockedSeconds" in d else ""
print("  " + ", ".join("%s %.2f s" % (t["step"], t["seconds"]) + (" (lock %.2f)" % t["lockedSeconds"] if t.get("lockedSeconds") is not None else "") for t in d["timings"]) + "; total %.2f s in the run" % d["seconds"] + held)' "$work/out"
}
# With BENCH_KEEP, a copy of the database before its first tick, for profiling.
[ -n "${BENCH_KEEP:-}" ] && sqlite3 "$db" "VACUUM INTO '$work/imported.db'"
measure "floor: the tick's queries (sqlite3)" sqlite3 "$db" ".read $work/floor.sql"
floor=$(cat "$work/last"); floorcpu=$(cat "$work/lastcpu")
measure "folio tick (first run)" "$folio" tick --db "$db" --as-of "$asof" --json
tick=$(cat "$work/last"); tickcpu=$(cat "$work/lastcpu"); timings
measure "folio tick (same day again)" "$folio" tick --db "$db" --as-of "$asof" --json
again=$(cat "$work/last"); againcpu=$(cat "$work/lastcpu"); timings
python3 - "$tick" "$floor" "$again" "$tickcpu" "$floorcpu" "$againcpu" <<'PY'
import sys
t, f, a, tc, fc, ac = map(float, sys.argv[1:])
print(f"tick / floor: first run {t / f:.2f}×, same day again {a / f:.2f}× (goal ≤ 2×); tick {t:.2f} s (goal ≤ 3 s)")
print(f"in CPU time (steadier on a loaded machine): first run {tc / fc:.2f}×, same day again {ac / fc:.2f}× ({tc:.2f} s, {ac:.2f} s; floor {fc:.2f} s)")
print("(the tick reads on two connections at once and scores on every core; the floor is one sqlite3, one query after another)")
PY

# People at work during a run: see scripts/bench-tick-wait.sh.
FOLIO_BIN=$folio scripts/bench-tick-wait.sh "$db" "$asof"
