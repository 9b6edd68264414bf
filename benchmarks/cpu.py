"""The processor time of a command and of every process it starts: ``python -m benchmarks.cpu COMMAND [ARGS...]``.

Prints ``user=... sys=... cpu=... wall=...`` (seconds) on stderr after the command's own output, and exits with its
exit status. Measure the test suite with it (``python -m benchmarks.cpu python -m pytest -n 1``), not with
``time``: ``time`` (and ``resource.RUSAGE_CHILDREN``) counts a process only once its parent waited for it, and
Chromium's renderers and zygote are never waited for by anyone ``time`` waits for (they outlive the browser
process's children, and go to init). Their processor time, most of a browser test's, was left out: test_launch_day
took 40 s by ``time`` and 133-143 s in all; test_browser 15 s against 36 s. Here this process is the child
subreaper of everything under it (``prctl(PR_SET_CHILD_SUBREAPER)``, Linux): what loses its parent comes to it,
and it waits for every process before it reads its children's processor time.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
import time

PR_SET_CHILD_SUBREAPER = 36


def main(argv: list[str]) -> int:
    if not argv:
        print("usage: python -m benchmarks.cpu COMMAND [ARGS...]", file=sys.stderr)
        return 2
    if ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        print(f"error: cannot become the subreaper of the command's processes: {os.strerror(ctypes.get_errno())} (Linux only)", file=sys.stderr)
        return 2
    started = time.monotonic()
    code = subprocess.call(argv)
    while True:  # every process the command left, which came to this one, waited for: its time is counted then
        try:
            os.wait()
        except ChildProcessError:
            break
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(
        f"user={used.ru_utime:.1f} sys={used.ru_stime:.1f} cpu={used.ru_utime + used.ru_stime:.1f} wall={time.monotonic() - started:.1f}",
        file=sys.stderr,
    )
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
