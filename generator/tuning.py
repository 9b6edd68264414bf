"""The memory allocator of a building process: large pages for its heap, set before Python starts (stdlib only).

A build of 10,000 items makes a heap of 100-150 MB, and every forked process that works beside the build (the check's
other half, the blocks, the kept results, the safety scan) reads the data it was forked with: each first touch of a
4 KB page is a page fault, each first write to a page shared with the parent a copy. A first build at 10,000 items
took 136,000 page faults (plain MkDocs, 11,000), and the time they take here (a virtual machine, which backs the
guest's memory lazily) is a tenth of the build. glibc can give its heap transparent huge pages (2 MB: one fault where
there were 512), which the kernel offers where a program asks for them (``madvise``, the default setting of
/sys/kernel/mm/transparent_hugepage/enabled); glibc asks when the tunable ``glibc.malloc.hugetlb=1`` is set, which it
reads once, as the process starts. So `build` and `serve` start the program again at once with it set (before any
import: 0.02 s), on Linux with glibc where the kernel allows it; then put the user's ``GLIBC_TUNABLES`` back, so that
the programs the build runs (Zensical, git, Chromium) start with the environment the user gave: Zensical's own
allocator with the tunable took more time, not less. Measured interleaved at 10,000 items, 8 rounds each: a first
build 0.91-0.94x the time on a machine under load (136,000 -> 93,000 page faults, 10-14% less user time), the same on a
quiet one. ``CHECKLIST_SITE_NO_TUNING`` (any value) turns it off.
"""

from __future__ import annotations

import os
import sys

VARIABLE = "GLIBC_TUNABLES"
HUGE_PAGES = "glibc.malloc.hugetlb=1"
SAVED = "CHECKLIST_SITE_TUNABLES"  # in the started-again process: the user's GLIBC_TUNABLES ("=" and its value), or "-" (unset)
OFF = "CHECKLIST_SITE_NO_TUNING"
COMMANDS = frozenset({"build", "serve"})  # the commands whose heap grows with the data
THP = "/sys/kernel/mm/transparent_hugepage/enabled"


def wanted(argv: list[str], environ: os._Environ[str] | dict[str, str]) -> bool:
    """Whether the program with the arguments ``argv`` is to be started again with huge pages for its heap: a build or
    a serve (any argument of those names: a word of the command line wrongly taken for one costs a start), on Linux with
    glibc, where the kernel gives huge pages to a program that asks, the user has not set the tunable (or turned this
    off), and this is not the started-again process."""
    if SAVED in environ or OFF in environ or not COMMANDS.intersection(argv[1:]):
        return False
    if not sys.platform.startswith("linux") or "glibc.malloc.hugetlb" in environ.get(VARIABLE, ""):
        return False
    try:
        if _glibc(os.confstr("CS_GNU_LIBC_VERSION") or "") < (2, 35):  # the first with the tunable
            return False
        with open(THP, encoding="ascii") as f:
            return "[never]" not in f.read()
    except (OSError, ValueError):  # not glibc (confstr has no such name), or no transparent huge pages
        return False


def _glibc(version: str) -> tuple[int, ...]:
    """glibc's version from ``confstr``'s text ('glibc 2.36'); () for anything else.

    >>> _glibc("glibc 2.36"), _glibc("glibc 2.35.1"), _glibc(""), _glibc("musl")
    ((2, 36), (2, 35, 1), (), ())
    """
    name, _, number = version.partition(" ")
    parts = number.split(".")
    if name != "glibc" or not all(0 < len(p) <= 6 and p.isascii() and p.isdigit() for p in parts):  # no '²', no 5,000 digits
        return ()
    return tuple(int(p) for p in parts)


def tuned_environment(environ: os._Environ[str] | dict[str, str]) -> dict[str, str]:
    """``environ`` with the tunable added to the user's (kept, and noted to be put back: :func:`restore`)."""
    env = dict(environ)
    own = env.get(VARIABLE)
    env[SAVED] = "-" if own is None else "=" + own
    env[VARIABLE] = f"{own}:{HUGE_PAGES}" if own else HUGE_PAGES
    return env


def prepare() -> None:
    """At the program's start: in the started-again process, the user's environment put back (:func:`restore`); else
    the program started again with huge pages for its heap where :func:`wanted` (or, where that fails, going on)."""
    if SAVED in os.environ:
        restore()
    else:
        start_tuned()


def start_tuned() -> None:
    """Start this program again with huge pages for its heap where :func:`wanted`; else (or where the start fails) go on."""
    argv = list(getattr(sys, "orig_argv", []))
    if not argv or not wanted(sys.argv, os.environ):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(sys.executable, argv, tuned_environment(os.environ))
    except OSError:
        pass


def restore() -> None:
    """In the started-again process: the environment as the user gave it (for the programs it runs), the tunable read."""
    saved = os.environ.pop(SAVED, None)
    if saved == "-":
        os.environ.pop(VARIABLE, None)
    elif saved is not None and saved.startswith("="):
        os.environ[VARIABLE] = saved[1:]
    # (any other value was not ours: set by hand, it is dropped, and GLIBC_TUNABLES left as it is)
