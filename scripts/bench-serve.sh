#!/usr/bin/env bash
# SSH server benchmark (issue 9, "Speed"): `folio serve` in demo mode on 127.0.0.1 with the
# real OpenSSH client. Goals: connection to first frame <= 500 ms; 20 visitors at once
# with each session's `folio tui` <= 60 MB resident, and the server still responsive.
#
#   scripts/bench-serve.sh [VISITORS] [RUNS]      (defaults 20 10)
#
# The driver, scripts/bench-serve-drive.py, says how a frame is timed and what is measured.
set -euo pipefail
cd "$(dirname "$0")/.."
visitors=${1:-20}
runs=${2:-10}
command -v ssh >/dev/null || { echo "needs the OpenSSH client (apt-get install openssh-client)" >&2; exit 2; }

swift build -c release --scratch-path .build-release --product folio >/dev/null
folio=$(swift build -c release --scratch-path .build-release --show-bin-path)/folio

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg); $(ssh -V 2>&1)"
python3 scripts/bench-serve-drive.py "$folio" --visitors "$visitors" --runs "$runs"
