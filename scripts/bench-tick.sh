#!/usr/bin/env bash
# Daily-run benchmark (issue "Health engine", Speed): 100,000 generated accounts × 52 weeks,
# imported, then `folio tick` timed (first run, and the idempotent re-run), against the floor:
# the same rows the tick reads, scanned by the sqlite3 shell with nothing else done.
#
#   scripts/bench-tick.sh [ACCOUNTS] [WEEKS]      (defaults 100000 52)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
weeks=${2:-52}
asof=2026-11-23
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench.XXXXXX)}
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
swift build -c release --product folio >/dev/null
folio=$(swift build -c release --show-bin-path)/folio

measure() {
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs kb < "$work/time"
    printf '%-40s %7.2f s   peak %6d MB\n' "$label" "$secs" "$((kb / 1024))"
    echo "$secs" > "$work/last"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
"$folio" generate --accounts "$accounts" --weeks "$weeks" --seed 1 --out "$work/data" --as-of "$asof" 2>/dev/null
db="$work/folio.db"
"$folio" import --db "$db" "$work/data"/*.csv >/dev/null
echo "portfolio: $accounts accounts, $(sqlite3 "$db" 'SELECT COUNT(*) FROM usage') usage rows"

# The floor: read what the tick reads (12 weeks of usage, activities, contacts, NPS, cases,
# payments, the accounts), each query's rows counted by SQLite and nothing more.
first=$(date -d "$asof - 91 days" +%F); last=$(date -d "$asof - 7 days" +%F); d90=$(date -d "$asof - 90 days" +%F)
measure "floor: scan the tick's inputs (sqlite3)" sqlite3 "$db" \
  "SELECT COUNT(*) FROM account WHERE status = 'active';" \
  "SELECT COUNT(*) FROM account a JOIN usage u ON u.account_id = a.id AND u.week BETWEEN '$first' AND '$last' WHERE a.status = 'active';" \
  "SELECT COUNT(*) FROM (SELECT account_id, MAX(date) FROM activity WHERE date <= '$asof' GROUP BY account_id);" \
  "SELECT COUNT(*) FROM (SELECT account_id, MAX(date) FROM activity WHERE date <= '$asof' AND type IN ('meeting', 'qbr') GROUP BY account_id);" \
  "SELECT COUNT(*) FROM (SELECT account_id, MAX(left_company = 0) FROM contact WHERE ';' || roles || ';' LIKE '%;sponsor;%' GROUP BY account_id);" \
  "SELECT COUNT(*) FROM nps_response n JOIN contact c ON c.id = n.contact_id WHERE n.date = (SELECT MAX(date) FROM nps_response m WHERE m.contact_id = n.contact_id AND m.date <= '$asof');" \
  "SELECT COUNT(*) FROM support_case WHERE opened <= '$asof' AND (opened > '$d90' OR (priority = 'critical' AND (closed IS NULL OR closed > '$asof')));" \
  "SELECT COUNT(*) FROM payment_status WHERE as_of <= '$asof';"
floor=$(cat "$work/last")
measure "folio tick (first run)" "$folio" tick --db "$db" --as-of "$asof"
tick=$(cat "$work/last"); cat "$work/out"
measure "folio tick (same day again)" "$folio" tick --db "$db" --as-of "$asof"
cat "$work/out"
python3 - "$tick" "$floor" <<'PY'
import sys
t, f = float(sys.argv[1]), float(sys.argv[2])
print(f"tick / floor: {t / f:.2f}× (goal ≤ 2×); tick {t:.2f} s (goal ≤ 3 s)")
PY
