#!/usr/bin/env python3
"""Runs a command and prints its wall time, CPU time and peak RSS on one line:

    wall_s user_s sys_s maxrss_kb exit_code

maxrss_kb is getrusage's ru_maxrss of the child (what `/usr/bin/time -f %M` prints), so the bench
scripts need neither GNU time (package `time`, not in a minimal Debian) nor bc. The command's
stdout and stderr go where this script's go; the figures are written to --out (default: stderr).

    bench/measure.py [--out FILE] -- COMMAND [ARG...]
"""
import os
import sys
import time


def main():
    args = sys.argv[1:]
    out = None
    if args[:1] == ["--out"]:
        out, args = args[1], args[2:]
    if args[:1] == ["--"]:
        args = args[1:]
    if not args:
        raise SystemExit(__doc__)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(args[0], args)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    line = f"{wall:.6f} {usage.ru_utime:.3f} {usage.ru_stime:.3f} {usage.ru_maxrss} {code}\n"
    if out:
        with open(out, "w") as f:
            f.write(line)
    else:
        sys.stderr.write(line)
    sys.exit(code if code >= 0 else 128 - code)


if __name__ == "__main__":
    main()
