#!/usr/bin/env bash
# SSH server benchmark (issue 9, "Speed"; issue 19, "Two hundred people on one server"):
# `folio serve` on 127.0.0.1 with the real OpenSSH client.
#
#   scripts/bench-serve.sh [VISITORS] [RUNS]             demo mode (defaults 20 10): connection
#       to first frame <= 500 ms; VISITORS at once, each session's `folio tui` <= 60 MB resident
#   scripts/bench-serve.sh team [SESSIONS] [ACCOUNTS]    team mode (defaults 200 100000): SESSIONS
#       people on one ACCOUNTS-account database, each pressing a key every second: keystroke to
#       frame p99 <= 50 ms, memory per session and of the server; then the same while `folio
#       tick` runs the next day on that database
#   FOLIO_BIN=/path/folio                                run that binary (no release build)
#   BENCH_DB=/path/folio.db                              team mode on a database built before
#       (by scripts/bench-tick.sh or bench-tui.sh with BENCH_KEEP=1: ticked on 2026-11-23)
#
# The driver, scripts/bench-serve-drive.py, says how a frame is timed and what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v ssh >/dev/null || { echo "needs the OpenSSH client (apt-get install openssh-client)" >&2; exit 2; }

if [ -n "${FOLIO_BIN:-}" ]; then # a folio built before (not rebuilt)
    folio=$FOLIO_BIN
else
    swift build -c release --scratch-path .build-release --product folio >/dev/null
    folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg); $(ssh -V 2>&1)"

if [ "${1:-}" != team ]; then
    python3 scripts/bench-serve-drive.py "$folio" --visitors "${1:-20}" --runs "${2:-10}"
    exit
fi

sessions=${2:-200}
accounts=${3:-100000}
asof=2026-11-23
work=$(mktemp -d /tmp/folio-bench-serve.XXXXXX)
trap 'rm -rf "$work"' EXIT
if [ -n "${BENCH_DB:-}" ]; then
    # A copy: the run ticks the next day on it.
    sqlite3 "$BENCH_DB" "VACUUM INTO '$work/folio.db'"
else
    "$folio" generate --accounts "$accounts" --weeks 52 --seed 1 --out "$work/data" --as-of "$asof" 2>/dev/null
    "$folio" import --db "$work/folio.db" "$work/data"/*.csv >/dev/null
    "$folio" tick --db "$work/folio.db" --as-of "$asof" >/dev/null
    rm -rf "$work/data"
fi
echo "database: $(sqlite3 "$work/folio.db" 'SELECT COUNT(*) FROM account') accounts, $(sqlite3 "$work/folio.db" 'SELECT COUNT(*) FROM user') users"
python3 scripts/bench-serve-drive.py "$folio" --team --db "$work/folio.db" --sessions "$sessions" --tick-day "$(date -d "$asof + 1 day" +%F)"
