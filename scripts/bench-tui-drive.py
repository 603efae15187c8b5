#!/usr/bin/env python3
"""Drives the real `folio` binary on a pseudo-terminal and times what a person feels.

    bench-tui-drive.py FOLIO DB USER AS_OF [--size 120x35] [--label TEXT] [--json OUT]

How a frame is known to be finished
-----------------------------------
folio draws a frame with one ncurses `doupdate()`: the changed cells go out in a burst
of write(2)s that follow each other within microseconds, and then the process blocks
in `wget_wch` (idle, it writes nothing: no clock, no spinner). So after each keystroke
the driver reads the pty until the output has been quiet for QUIET (30 ms, far longer
than any gap inside a burst) and takes the arrival time of the *last* byte as the
moment the frame was finished. The quiet wait itself is not counted: latency = last
byte of the frame - the keystroke's write. Every measured keystroke must draw something
(the sequences never run past an end of the book); a keystroke that draws nothing is
an error, not a 0 ms sample.

The first frame is "full" when the book is on screen: the title's "N accounts" and the
status bar's "scores ..." (both drawn only once the book's rows are in) have arrived,
then the same quiet wait; time to first frame = its last byte - just before fork/exec.
A big book's first frame holds its first rows, and the title says "loading" until the
rest arrives in the background; the driver times that too ("whole book in"), and runs
the steady-state keystrokes (move, page, filter) only once the whole book is in, so
the filter really searches every account.

Peak memory is the process's VmHWM (peak resident set) from /proc, read before quitting.
"""
import argparse
import json
import os
import pty
import re
import select
import signal
import statistics
import struct
import termios
import fcntl
import time

QUIET = 0.030          # seconds of silence that end a frame
DEADLINE = 20.0        # seconds a frame may take before the run is declared broken

# As xterm sends them in keypad-transmit mode (terminfo kcud1 = \EOB), which curses turns on.
KEYS = {
    "j": b"j", "k": b"k", "Down": b"\x1bOB", "Up": b"\x1bOA", "PgDn": b"\x1b[6~", "PgUp": b"\x1b[5~",
    "Ctrl-D": b"\x04", "g": b"g", "/": b"/", "Esc": b"\x1b", "Backspace": b"\x7f", "q": b"q", "Enter": b"\r",
}


class Session:
    def __init__(self, folio, db, user, as_of, width, height):
        self.started = time.monotonic()
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
            env = {"PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": os.environ.get("HOME", "/tmp"),
                   "XDG_STATE_HOME": os.environ.get("BENCH_STATE", "/tmp"), "XDG_CONFIG_HOME": "/nonexistent"}
            os.execve(folio, [folio, "tui", "--db", db, "--user", user, "--as-of", as_of], env)
        self.pid, self.fd = pid, fd

    def read_frame(self, must_contain=(), deadline_seconds=DEADLINE):
        """Reads until `must_contain` has all arrived and QUIET has passed; returns (bytes, time of the last byte)."""
        out = b""
        last = None
        deadline = time.monotonic() + deadline_seconds
        while True:
            now = time.monotonic()
            if now > deadline:
                raise SystemExit(f"no finished frame within {deadline_seconds} s; got {out[-400:]!r}")
            settling = last is not None and all(m in out for m in must_contain)
            timeout = max(0.0, last + QUIET - now) if settling else max(0.0, deadline - now)
            ready, _, _ = select.select([self.fd], [], [], timeout)
            if not ready:
                if settling:
                    return out, last
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                raise SystemExit(f"folio exited; its last output: {out[-400:]!r}")
            if not chunk:
                raise SystemExit("folio closed the terminal")
            last = time.monotonic()
            out += chunk

    def press(self, key, must_contain=()):
        """Sends one key; returns (milliseconds to the finished frame, the frame's bytes)."""
        sent = time.monotonic()
        os.write(self.fd, KEYS.get(key, key.encode()))
        out, last = self.read_frame(must_contain)
        return (last - sent) * 1000, out

    def settle(self, key):
        """Sends a key that may draw nothing (g at the top, Esc with no filter) and takes in whatever it draws."""
        os.write(self.fd, KEYS.get(key, key.encode()))
        try:
            self.read_frame(deadline_seconds=0.5)
        except SystemExit:
            pass

    def peak_rss_mb(self):
        with open(f"/proc/{self.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def quit(self):
        os.write(self.fd, b"\x03")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            done, status = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return os.waitstatus_to_exitcode(status)
            try:
                select.select([self.fd], [], [], 0.05)
                os.read(self.fd, 65536)
            except OSError:
                pass
        os.kill(self.pid, signal.SIGKILL)
        return -9


def percentile(samples, p):
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))
    return ordered[index]


def summary(samples):
    return {"n": len(samples), "p50": statistics.median(samples), "p99": percentile(samples, 99), "max": max(samples)}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("folio")
    parser.add_argument("db")
    parser.add_argument("user")
    parser.add_argument("as_of")
    parser.add_argument("--size", default="120x35")
    parser.add_argument("--label", default="")
    parser.add_argument("--json")
    parser.add_argument("--goal-first-ms", type=float, default=300)
    parser.add_argument("--goal-rss-mb", type=float, default=200)
    args = parser.parse_args()
    width, height = map(int, args.size.split("x"))

    session = Session(args.folio, args.db, args.user, args.as_of, width, height)
    frame, last = session.read_frame(must_contain=(b" accounts", b"scores "))
    first_ms = (last - session.started) * 1000
    title = re.search(rb"(\d+) accounts", frame)
    total = int(title.group(1)) if title else -1
    results = {"label": args.label, "accounts": total, "first_frame_ms": first_ms}
    samples = {"move while loading": [], "move": [], "page": [], "filter": []}

    # A big book shows its first rows at once and loads the rest in the background; the
    # frame that takes the rest in rewrites the title's "N accounts" (moving keys never
    # touch the title). Keys pressed meanwhile are timed on their own. The one whose
    # output runs into that frame is not a sample: its "last byte" is the book's arrival,
    # drawn up to 10 ms after its own frame (the loop checks for results between keys);
    # it is reported apart.
    def still_loading(output):
        last = output.rfind(b" accounts")
        return last >= 0 and output[last:last + 20].startswith(b" accounts, loading")

    whole_ms = first_ms
    if still_loading(frame):
        while len(samples["move while loading"]) < 5000:
            ms, out = session.press("j" if len(samples["move while loading"]) % 2 == 0 else "k")
            if b" accounts" in out:
                whole_ms = (time.monotonic() - session.started) * 1000
                results["key_meeting_the_book_ms"] = ms
                break
            samples["move while loading"].append(ms)
        else:
            raise SystemExit("the whole book never arrived")
    results["whole_book_ms"] = whole_ms
    session.settle("g")

    # Moving down and back up, by letter and by arrow (every key moves: never past an end).
    steps = max(1, min(150, total - 1))
    frame_bytes = []
    while len(samples["move"]) < 500:
        for key in ["j"] * steps + ["k"] * steps + ["Down"] * steps + ["Up"] * steps:
            ms, out = session.press(key)
            samples["move"].append(ms)
            frame_bytes.append(len(out))
    results["move_frame_bytes"] = statistics.median(frame_bytes)
    # Paging down a long way and back up, by PgDn, Ctrl-D and PgUp.
    pages = min(100, (total - 1) // (height - 5))
    while pages and len(samples["page"]) < 300:
        for key in ["PgDn"] * pages + ["PgUp"] * pages + ["Ctrl-D"] * pages + ["PgUp"] * pages:
            ms, _ = session.press(key)
            samples["page"].append(ms)
    session.settle("g")

    # Filtering: each keystroke of a few queries, typed one character at a time (every
    # one re-filters all the accounts), then erased the same way.
    queries = ["band:red tier:ent", "hold", "stage:renewal acme", "ltd band:y", "zzz"]
    for query in queries:
        session.press("/")
        for character in query:
            ms, _ = session.press(character)
            samples["filter"].append(ms)
        for _ in query:
            ms, _ = session.press("Backspace")
            samples["filter"].append(ms)
        session.settle("Esc")

    results["peak_rss_mb"] = session.peak_rss_mb()
    results["exit"] = session.quit()
    for name, values in samples.items():
        if values:
            results[name] = summary(values)

    print(f"{args.label or 'book'}: {total} accounts at {width}x{height}")
    print(f"  first full frame          {first_ms:8.1f} ms   (goal <= {args.goal_first_ms:.0f})")
    print(f"  whole book in (background){whole_ms:8.1f} ms")
    if "key_meeting_the_book_ms" in results:
        print(f"  key + book arriving frame {results['key_meeting_the_book_ms']:8.1f} ms")
    for name, goal in (("move while loading", 16), ("move", 16), ("page", 16), ("filter", 50)):
        s = results.get(name)
        if not s:
            continue
        print(f"  {name:<18} x{s['n']:<4}  p50 {s['p50']:6.2f} ms  p99 {s['p99']:6.2f} ms  max {s['max']:6.2f} ms   (goal p99 <= {goal})")
    print(f"  bytes written per move    {results['move_frame_bytes']:8.0f}")
    print(f"  peak RSS                  {results['peak_rss_mb']:8.1f} MB   (goal <= {args.goal_rss_mb:.0f})")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=1)
    if results["exit"] != 0:
        raise SystemExit(f"folio exited with {results['exit']}")


if __name__ == "__main__":
    main()
