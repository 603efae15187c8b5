#!/usr/bin/env bash
# People at work during a daily run: on a database that has had its first tick (open alerts),
# the next week's tick runs while `folio alerts ack` acknowledges one open alert after another
# (each as the first person it is routed to), each timed from process start to exit; the same
# acknowledgements without a tick first, for the process's own time. Reports the longest wait.
#
#   scripts/bench-tick-wait.sh DATABASE AS-OF     (AS-OF: the day of the tick it has had)
#
# FOLIO_BIN=path: the folio to run (default the release build). Changes the database.
set -euo pipefail
cd "$(dirname "$0")/.."
db=$1
asof=$2
folio=${FOLIO_BIN:-$(swift build -c release --scratch-path .build-release --show-bin-path)/folio}
work=$(mktemp -d /tmp/folio-bench-wait.XXXXXX)
trap 'rm -rf "$work"' EXIT
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 2; }
command -v bc >/dev/null || { echo "needs bc (apt-get install bc)" >&2; exit 2; }
next=$(date -d "$asof + 7 days" +%F)
if [ -n "$(sqlite3 "$db" "SELECT name FROM sqlite_master WHERE name = 'alert_recipient'")" ]; then
    first="(SELECT login FROM alert_recipient r WHERE r.alert_id = a.id AND r.position = 0)"
else # a database from before recipients were rows
    first="CASE WHEN instr(recipients, ';') > 0 THEN substr(recipients, 1, instr(recipients, ';') - 1) ELSE recipients END"
fi
sqlite3 -separator ' ' "$db" "SELECT a.id, $first FROM alert a WHERE a.state = 'open' AND a.shadow = 0 ORDER BY a.id LIMIT 3000" > "$work/acks"
ack() { # id login → seconds taken
    local t0; t0=$(date +%s.%N)
    "$folio" alerts ack "$1" --db "$db" --user "$2" --as-of "$asof" >/dev/null 2>>"$work/ack-errors" || echo "ack $1 failed" >> "$work/ack-errors"
    echo "$(date +%s.%N) - $t0" | bc
}
: > "$work/ack-errors"
head -n 20 "$work/acks" | while read -r id login; do ack "$id" "$login"; done > "$work/idle"
"$folio" tick --db "$db" --as-of "$next" --json > "$work/next.json" 2>"$work/next.err" &
tickpid=$!
tail -n +21 "$work/acks" | while read -r id login; do
    kill -0 "$tickpid" 2>/dev/null || break
    ack "$id" "$login"
done > "$work/busy"
wait "$tickpid"
python3 - "$work/idle" "$work/busy" "$work/next.json" "$work/ack-errors" <<'PY'
import json, sys
idle = [float(x) for x in open(sys.argv[1]) if x.strip()]
busy = [float(x) for x in open(sys.argv[2]) if x.strip()]
run = json.load(open(sys.argv[3]))
errors = [l for l in open(sys.argv[4]) if "failed" in l]
pct = lambda xs, p: sorted(xs)[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")
if "writeTransactions" in run:
    held = "at most %.2f s at a time, in %d transactions" % (run["lockedSeconds"], run["writeTransactions"])
elif "lockedSeconds" in run:
    held = "%.2f s" % run["lockedSeconds"]
else:
    held = "the whole run"
print(f"acknowledging during the next week's tick ({run['seconds']:.2f} s, write lock held {held}):")
print(f"  {len(busy)} acks, each (process start to exit) median {pct(busy, .5):.3f} s, longest {max(busy or [0]):.3f} s"
      f" (without a tick: median {pct(idle, .5):.3f} s, longest {max(idle or [0]):.3f} s); {len(errors)} failed")
print("  " + ", ".join("%s %.2f s" % (t["step"], t["seconds"]) + (" (lock %.2f)" % t["lockedSeconds"] if t.get("lockedSeconds") is not None else "") for t in run["timings"]))
PY
