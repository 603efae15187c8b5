#!/usr/bin/env bash
# By hand, as root, not in CI: the README's "Install" and "Operations" on a machine that has
# only what Folio needs at run time. Makes a minimal Debian 12 (debootstrap minbase), adds
# libncursesw6 and libsqlite3-0 and systemd, installs what `make` built (make install
# install-systemd DESTDIR=…), boots it with systemd-nspawn and follows the README: the
# folio user, an import, the SSH server as a service (an ssh session to it), the tick,
# delivery and backup units, a log rotation. Needs: debootstrap, systemd-container,
# the OpenSSH client, network for Debian's mirror; run `make` first.
#   scripts/check-fresh-debian.sh [ROOT]        (default /tmp/folio-fresh-debian; kept after)
set -euo pipefail
cd "$(dirname "$0")/.."
root=${1:-/tmp/folio-fresh-debian}
port=2298

[ -x .build/release/folio ] || { echo "run make first" >&2; exit 1; }
if [ ! -x "$root/usr/bin/apt-get" ]; then
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian
fi
mount -t proc proc "$root/proc"
chroot "$root" sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libncursesw6 libsqlite3-0 systemd systemd-sysv dbus logrotate' >/dev/null
umount "$root/proc"
make install install-systemd DESTDIR="$root" >/dev/null
sed -i "s/0.0.0.0:2222/127.0.0.1:$port/" "$root/etc/systemd/system/folio-serve.service"
keys=$(mktemp -d)
ssh-keygen -q -t ed25519 -N "" -C check -f "$keys/key"

systemd-nspawn -D "$root" -b --register=no --keep-unit --console=passive --machine=folio-check >"$keys/nspawn.log" 2>&1 &
nspawn=$!
trap 'kill $nspawn 2>/dev/null; wait $nspawn 2>/dev/null; rm -rf "$keys"' EXIT
for _ in $(seq 100); do
    init=$(pgrep -P $nspawn | head -1 || true)
    [ -n "$init" ] && nsenter -t "$init" -a -- systemctl is-system-running 2>/dev/null | grep -qE "running|degraded" && break
    sleep 0.3
done
inside() { nsenter -t "$init" -a -- "$@"; }

echo "== the README's steps"
inside sh -c 'set -e
    systemd-sysusers && systemd-tmpfiles --create
    install -d -o folio -g folio -m 0700 /var/lib/folio
    rm -rf /tmp/csv && runuser -u folio -- folio sample-data --export /tmp/csv >/dev/null
    cd /tmp/csv && runuser -u folio -- folio import --db /var/lib/folio/folio.db \
        users.csv accounts.csv contacts.csv usage.csv cases.csv nps.csv payments.csv activities.csv | tail -1
    mkdir -p /etc/folio'
echo "folio-user=amelie.durand $(cat "$keys/key.pub")" > "$root/etc/folio/authorized_keys"
inside sh -c 'systemctl daemon-reload
    systemctl enable --now folio-serve.service folio-tick.timer folio-outbox.timer folio-backup.timer 2>/dev/null
    systemctl start folio-tick.service folio-backup.service folio-outbox.service'

echo "== an SSH session as amelie.durand"
for _ in $(seq 50); do inside systemctl is-active -q folio-serve.service && break; sleep 0.2; done
(sleep 4; printf q) | TERM=xterm-256color timeout 20 ssh -tt -F /dev/null -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -i "$keys/key" \
    -p $port amelie.durand@127.0.0.1 >"$keys/session" 2>&1 || true
grep -aq "Book of Amélie Durand" "$keys/session" && echo "the interface showed Amélie's book" || { echo "FAILED: no book"; exit 1; }

echo "== the units"
inside journalctl --no-pager -b -o cat -u folio-tick.service -u folio-backup.service -u folio-outbox.service \
    | grep -E "^(tick|backed up|outbox)" | cut -c1-120
inside systemctl list-timers --no-pager | grep folio | awk '{print $NF, "next:", $1, $2, $3}'

echo "== a log rotation"
inside logrotate -f /etc/logrotate.d/folio
for _ in $(seq 50); do inside grep -q "log reopened" /var/log/folio/folio.log 2>/dev/null && break; sleep 0.1; done
inside cat /var/log/folio/folio.log
inside folio db check --db /var/lib/folio/folio.db --quick | tail -1
