#!/usr/bin/env bash
# Import benchmark (issue "Foundation", Speed): generate 100,000 accounts × 52 weeks
# (5.2M usage rows), import it with a release build, and compare with the sqlite3 shell's
# .import of the same usage CSV into a plain table. Run by hand; prints the figures.
#
#   scripts/bench-import.sh [ACCOUNTS] [WEEKS]      (defaults 100000 52)
set -euo pipefail
cd "$(dirname "$0")/.."
accounts=${1:-100000}
weeks=${2:-52}
work=${BENCH_DIR:-$(mktemp -d /tmp/folio-bench.XXXXXX)}
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT

command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
swift build -c release --scratch-path .build-release --product folio >/dev/null
folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio

measure() { # label, command...: prints "label: seconds s, peak KB"
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    read -r secs kb < "$work/time"
    printf '%-34s %7.2f s   peak %6d MB\n' "$label" "$secs" "$((kb / 1024))"
    echo "$secs"  > "$work/last"
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr)"
measure "generate ${accounts} × ${weeks}" "$folio" generate --accounts "$accounts" --weeks "$weeks" --seed 1 --out "$work/data"
rows=$(($(wc -l < "$work/data/usage.csv") - 1))
echo "usage.csv: $rows rows, $(du -m "$work/data/usage.csv" | cut -f1) MB"

db="$work/folio.db"
measure "import users+accounts+contacts" "$folio" import --db "$db" "$work/data/users.csv" "$work/data/accounts.csv" "$work/data/contacts.csv"
measure "import usage.csv (new rows)" "$folio" import --db "$db" "$work/data/usage.csv"
folio_secs=$(cat "$work/last")
measure "re-import usage.csv (updates)" "$folio" import --db "$db" "$work/data/usage.csv"
measure "import the other kinds" "$folio" import --db "$db" "$work/data/cases.csv" "$work/data/nps.csv" "$work/data/payments.csv" "$work/data/activities.csv"

rm -f "$work/plain.db"
measure "sqlite3 .import (plain table)" sqlite3 "$work/plain.db" \
    "CREATE TABLE usage(account_id TEXT, week TEXT, active_users INT, logins INT, key_actions INT, features_used INT, features_available INT);" \
    ".import --csv --skip 1 $work/data/usage.csv usage"
sqlite_secs=$(cat "$work/last")

python3 - "$rows" "$folio_secs" "$sqlite_secs" <<'PY'
import sys
rows, f, s = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"folio usage import: {rows / f:,.0f} rows/s (goal ≥ 400,000); sqlite3 .import: {rows / s:,.0f} rows/s")
print(f"folio / sqlite3 time: {f / s:.2f}× (goal ≤ 2×)")
PY
