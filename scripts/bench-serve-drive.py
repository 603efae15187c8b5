#!/usr/bin/env python3
"""Drives `folio serve` with the real OpenSSH client, as visitors would, and times it.

    bench-serve-drive.py FOLIO [--runs 10] [--visitors 20] [--size 120x35]

Starts `folio serve` (demo mode, open authentication, a host key in a temporary folder,
127.0.0.1 and a free port), then:

1. Connection to first frame, `--runs` times one after another: fork `ssh -tt` on a pty
   of its own, and time from just before the fork to the last byte of the first full
   frame: the book's title ("N accounts") and status bar ("scores ...") have arrived and
   the output has then been quiet for 30 ms (the quiet wait is not counted), as
   scripts/bench-tui-drive.py defines a frame. Includes the TCP connect, key exchange,
   authentication, the copy of the demo database, starting `folio tui` and its first frame.
2. `--visitors` visitors at once: all connect, each first frame is awaited; then each
   session's `folio tui` child is found in /proc and its resident memory (VmRSS) and peak
   (VmHWM) read, and its Pss (shared pages split among their sharers); the server's own
   RSS too. While they are all in, one more keystroke-to-
   frame latency (j, in one session) and one more connection to first frame show whether
   the server stays responsive.
"""

TEAM = """Team mode (`--team --db DB`): `--sessions` people (the VP, the managers, then CSMs of
DB) connect with one key listed for each login in a team server's authorized_keys and
open their own books; each then presses a key every second (j and k in turn: the
selection moves and comes back), staggered over the second, for `--seconds`. Each
keystroke's latency is its write to the last byte of the frame it draws (30 ms of quiet
after), as above; a key is not pressed again before its frame is in. Then the same again
while `folio tick` runs the next day on DB (`--tick-day`), and for as long after it as
the sessions take to take in its commit (each reloads its book). Memory: each session's
`folio tui` (RSS, Pss) and the server.
"""

import argparse
import fcntl
import os
import pty
import re
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

QUIET = 0.030
DEADLINE = 30.0


class Visitor:
    def __init__(self, port, width, height, user="demo", identity="/dev/null"):
        self.started = time.monotonic()
        self.user = user
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
            env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", "/tmp")}
            os.execve("/usr/bin/ssh", ["ssh", "-tt", "-p", str(port), "-F", "/dev/null", "-o", "StrictHostKeyChecking=no",
                                       "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "BatchMode=yes",
                                       "-o", "IdentitiesOnly=yes", "-o", "IdentityFile=" + identity, user + "@127.0.0.1"], env)
        self.pid, self.fd = pid, fd
        self.screen = b""

    def read_frame(self, ready):
        """Reads until `ready(all output so far)` and then 30 ms of quiet; the last byte's time."""
        deadline = time.monotonic() + DEADLINE
        last = None
        done = False
        while time.monotonic() < deadline:
            wait = QUIET if done else 0.5
            readable, _, _ = select.select([self.fd], [], [], wait)
            if readable:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    raise RuntimeError("ssh ended before the frame: " + self.screen[-400:].decode("utf-8", "replace"))
                self.screen += chunk
                last = time.monotonic()
                if not done and ready(self.screen):
                    done = True
            elif done:
                return last
        raise RuntimeError("no frame within %d s: %r" % (DEADLINE, self.screen[-400:]))

    def first_frame(self):
        text = lambda s: s.decode("utf-8", "replace")
        last = self.read_frame(lambda s: re.search(r"\d+ accounts", text(s)) and "scores" in text(s))
        return last - self.started

    def key(self, keys):
        self.screen = b""
        sent = time.monotonic()
        os.write(self.fd, keys)
        return self.read_frame(lambda s: len(s) > 0) - sent

    def quit(self):
        try:
            os.write(self.fd, b"q")
        except OSError:
            pass
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
            try:
                if select.select([self.fd], [], [], 0.05)[0]:
                    os.read(self.fd, 65536)
            except OSError:
                pass
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


def interfaces(folder):
    """pid → VmRSS, VmHWM (KB) of every `folio tui` on a copy in `folder`."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            words = open("/proc/%s/cmdline" % entry, "rb").read().split(b"\0")
            if b"tui" not in words or not any(w.startswith(folder.encode()) for w in words):
                continue
            found[int(entry)] = memory(int(entry))
        except OSError:
            pass
    return found


def proportional(pid):
    """Pss (KB): the process's resident memory with shared pages split among their sharers."""
    for line in open("/proc/%d/smaps_rollup" % pid):
        if line.startswith("Pss:"):
            return int(line.split()[1])
    return 0


def memory(pid):
    fields = {}
    for line in open("/proc/%d/status" % pid):
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0])
    return fields["VmRSS"], fields["VmHWM"]


def ms(seconds):
    return "%.0f ms" % (seconds * 1000)


def team_users(db, count):
    """The VP(s), the managers, then CSMs, then anyone else: `count` logins."""
    import sqlite3
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    rows = con.execute("SELECT login, role FROM user ORDER BY CASE role WHEN 'vp' THEN 0 WHEN 'manager' THEN 1 WHEN 'csm' THEN 2 ELSE 3 END, login").fetchall()
    con.close()
    chosen = rows[:count]
    roles = {}
    for _, role in chosen:
        roles[role] = roles.get(role, 0) + 1
    return [login for login, _ in chosen], roles


def press_loop(sessions, seconds, during=None, settle=20):
    """Every session presses j/k once a second, staggered over the second, for `seconds`;
    with `during` (a function starting a process), also until `settle` seconds after that
    process ends. Returns the latencies (s) and how long the process ran (s)."""
    n = len(sessions)
    start = time.monotonic() + 0.2
    state = {v.fd: {"v": v, "next": start + i / n, "sent": None, "last": None, "key": b"j"} for i, v in enumerate(sessions)}
    latencies = []
    process = during() if during else None
    finished = None
    end = start + seconds
    while True:
        now = time.monotonic()
        if process is not None and finished is None:
            if process.poll() is None:
                end = max(end, now + settle)
            else:
                finished = now
                end = max(end, finished + settle)
        if now >= end and all(st["sent"] is None for st in state.values()):
            break
        for st in state.values():
            if st["sent"] is None and now >= st["next"] and now < end:
                os.write(st["v"].fd, st["key"])
                st["key"] = b"k" if st["key"] == b"j" else b"j"
                st["sent"], st["last"] = now, None
            elif st["sent"] is not None and st["last"] is not None and now - st["last"] >= QUIET:
                latencies.append(st["last"] - st["sent"])
                st["next"] = max(st["next"] + 1.0, st["last"])
                st["sent"] = None
        readable, _, _ = select.select(list(state.keys()), [], [], 0.005)
        for fd in readable:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                chunk = b""
            if not chunk:
                raise RuntimeError("a session ended: " + state[fd]["v"].user)
            if state[fd]["sent"] is not None:
                state[fd]["last"] = time.monotonic()
    return latencies, (finished - start if finished else None)


def percentiles(values):
    values = sorted(values)
    pick = lambda q: values[min(len(values) - 1, int(round(q * (len(values) - 1))))]
    return "%d presses: median %s, p95 %s, p99 %s, max %s" % (len(values), ms(pick(0.5)), ms(pick(0.95)), ms(pick(0.99)), ms(values[-1]))


def team(args, width, height):
    work = tempfile.mkdtemp(prefix="folio-bench-serve-team.")
    logins, roles = team_users(args.db, args.sessions)
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", work + "/id"], check=True)
    public = open(work + "/id.pub").read().strip()
    with open(work + "/authorized_keys", "w") as keys:
        for login in logins:
            keys.write("folio-user=%s %s\n" % (login, public))
    env = dict(os.environ, HOME=work, XDG_STATE_HOME=work + "/state", XDG_DATA_HOME=work + "/data", TMPDIR=work,
               XDG_CONFIG_HOME="/nonexistent", LANG="C.UTF-8")
    out = open(work + "/serve.out", "w+")
    server = subprocess.Popen([args.folio, "serve", "--mode", "team", "--db", args.db, "--authorized-keys", work + "/authorized_keys",
                               "--listen", "127.0.0.1:0", "--host-key", work + "/host_key", "--max-sessions", str(len(logins) + 5),
                               # Every session comes from 127.0.0.1: the per-address limit must let them all in.
                               "--max-per-address", str(len(logins) + 5), "--rate-limit", "0", "--idle-timeout", "off", "--as-of", args.tick_day],
                              stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    crowd = []
    try:
        started = time.monotonic()
        port = None
        while port is None and time.monotonic() - started < 120 and server.poll() is None:
            out.seek(0)
            match = re.search(r"connect: ssh -p (\d+) ", out.read())
            port = int(match.group(1)) if match else None
            time.sleep(0.05)
        if port is None:
            out.seek(0)
            sys.exit("folio serve did not start:\n" + out.read())
        print("team server on %s: %d sessions (%s)" % (args.db, len(logins), ", ".join("%d %s" % (n, r) for r, n in roles.items())))
        base_rss = memory(server.pid)[0]
        firsts = []
        t0 = time.monotonic()
        for batch in range(0, len(logins), 10):
            group = [Visitor(port, width, height, user=login, identity=work + "/id") for login in logins[batch:batch + 10]]
            firsts += [v.first_frame() for v in group]
            crowd += group
        firsts.sort()
        print("all %d in after %.1f s (ten at a time); connection to first frame: median %s, p90 %s, max %s"
              % (len(crowd), time.monotonic() - t0, ms(statistics.median(firsts)), ms(firsts[int(0.9 * (len(firsts) - 1))]), ms(firsts[-1])))
        print("load before pressing: %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
        latencies, _ = press_loop(crowd, args.seconds)
        print("each pressing a key a second for %d s: %s (goal p99 <= 50 ms); load %s"
              % (args.seconds, percentiles(latencies), " ".join(open("/proc/loadavg").read().split()[:3])))
        children = interfaces(args.db)
        rss = sorted(kb / 1024 for kb, _ in children.values())
        pss = sorted(proportional(pid) / 1024 for pid in children)
        server_rss = memory(server.pid)[0]
        print("per session (folio tui, %d): RSS median %.1f MB, max %.1f MB; Pss median %.1f MB, max %.1f MB; all sessions' Pss %.0f MB"
              % (len(children), statistics.median(rss), rss[-1], statistics.median(pss), pss[-1], sum(pss)))
        print("server: RSS %.1f MB with %d sessions (%.1f MB before them)" % (server_rss / 1024, len(children), base_rss / 1024))
        tick_log = open(work + "/tick.out", "w")
        during = lambda: subprocess.Popen([args.folio, "tick", "--db", args.db, "--as-of", args.tick_day], stdout=tick_log, stderr=subprocess.STDOUT,
                                          env=env)
        latencies, tick_seconds = press_loop(crowd, args.seconds, during=during)
        tick_log.close()
        print("the same while folio tick runs %s (%.1f s) and the sessions reload: %s; load %s"
              % (args.tick_day, tick_seconds or 0, percentiles(latencies), " ".join(open("/proc/loadavg").read().split()[:3])))
        print("  tick: " + open(work + "/tick.out").read().strip()[:300])
        after = interfaces(args.db)
        print("after the tick: sessions' Pss %.0f MB in all, largest RSS %.1f MB; server RSS %.1f MB"
              % (sum(proportional(pid) for pid in after) / 1024, max(kb for kb, _ in after.values()) / 1024, memory(server.pid)[0] / 1024))
    finally:
        for visitor in crowd:
            visitor.quit()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["rm", "-rf", work])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folio")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--visitors", type=int, default=20)
    parser.add_argument("--size", default="120x35")
    parser.add_argument("--team", action="store_true")
    parser.add_argument("--db")
    parser.add_argument("--sessions", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--tick-day", default="2026-11-24")
    args = parser.parse_args()
    width, height = map(int, args.size.split("x"))
    if args.team:
        team(args, width, height)
        return

    work = tempfile.mkdtemp(prefix="folio-bench-serve.")
    env = dict(os.environ, HOME=work, XDG_STATE_HOME=work + "/state", XDG_DATA_HOME=work + "/data", TMPDIR=work,
               XDG_CONFIG_HOME="/nonexistent", LANG="C.UTF-8")
    out = open(work + "/serve.out", "w+")
    server = subprocess.Popen([args.folio, "serve", "--listen", "127.0.0.1:0", "--host-key", work + "/host_key",
                               "--max-sessions", str(args.visitors + 5), "--rate-limit", "0"],
                              stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env)
    try:
        started = time.monotonic()
        port = None
        while port is None and time.monotonic() - started < 120 and server.poll() is None:
            out.seek(0)
            match = re.search(r"connect: ssh -p (\d+) ", out.read())
            port = int(match.group(1)) if match else None
            time.sleep(0.05)
        if port is None:
            out.seek(0)
            sys.exit("folio serve did not start:\n" + out.read())
        out.seek(0)
        built = re.search(r"demo built in ([0-9.]+) s", out.read())
        print("server: demo built in %s s, listening on 127.0.0.1:%d" % (built.group(1) if built else "?", port))

        frames = []
        for _ in range(args.runs):
            visitor = Visitor(port, width, height)
            frames.append(visitor.first_frame())
            visitor.quit()
        frames.sort()
        p90 = frames[min(len(frames) - 1, int(round(0.9 * (len(frames) - 1))))]
        print("connection to first frame, %d runs one after another (%s): median %s, p90 %s, max %s (goal <= 500 ms)"
              % (len(frames), args.size, ms(statistics.median(frames)), ms(p90), ms(frames[-1])))

        base_rss = memory(server.pid)[0]
        crowd = []
        t0 = time.monotonic()
        for _ in range(args.visitors):
            crowd.append(Visitor(port, width, height))
        firsts = [v.first_frame() for v in crowd]
        print("%d visitors connecting at once: every first frame in by %s (slowest %s after its own connect)"
              % (args.visitors, ms(time.monotonic() - t0), ms(max(firsts))))
        children = interfaces(work)
        rss = sorted(kb / 1024 for kb, _ in children.values())
        hwm = sorted(kb / 1024 for _, kb in children.values())
        pss = sorted(proportional(pid) / 1024 for pid in children)
        server_rss = memory(server.pid)[0]
        print("per-session folio tui (%d children): RSS mean %.1f MB, max %.1f MB; peak (VmHWM) max %.1f MB (goal <= 60 MB each)"
              % (len(children), statistics.mean(rss), rss[-1], hwm[-1]))
        print("  the same with shared pages (the binary, libraries) split among them (Pss): mean %.1f MB, max %.1f MB"
              % (statistics.mean(pss), pss[-1]))
        print("server process: RSS %.1f MB with %d sessions (%.1f MB before them; %.2f MB a session)"
              % (server_rss / 1024, len(children), base_rss / 1024, (server_rss - base_rss) / 1024 / max(1, len(children))))
        # j then k: each press moves the selection, so each draws a frame.
        latencies = sorted(crowd[0].key(keys) for _ in range(10) for keys in (b"j", b"k"))
        print("with %d in: keystroke to frame in one session, 20 presses: median %s, max %s"
              % (args.visitors, ms(statistics.median(latencies)), ms(latencies[-1])))
        late = Visitor(port, width, height)
        print("with %d in: one more connection to first frame: %s" % (args.visitors, ms(late.first_frame())))
        late.quit()
        for visitor in crowd:
            visitor.quit()
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
