"""Signals: SIGTERM and SIGHUP stop a run as Ctrl+C does; a commit in progress finishes first.

Also the test-only pause: with ``CHECKLIST_SITE_PAUSE_AT=stage`` a build stops at that stage,
creates ``$CHECKLIST_SITE_PAUSE_FILE`` and waits until the file is removed (or a signal stops it),
so tests can interrupt a build at a known point.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any, Iterator

from .errors import Interrupted

STOPPING = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))  # no SIGHUP on Windows


def _raise(signum: int, _: Any) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def handle_signals() -> Iterator[None]:
    """While inside, SIGINT, SIGTERM and SIGHUP raise Interrupted (a KeyboardInterrupt)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {s: signal.signal(s, _raise) for s in STOPPING}
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


@contextlib.contextmanager
def deferred() -> Iterator[None]:
    """Hold stopping signals back while inside (a commit of several renames); they act on leaving."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, STOPPING)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOPPING)


def pause(stage: str) -> None:
    """Test hook: wait at ``stage`` when CHECKLIST_SITE_PAUSE_AT names it (never set in normal use)."""
    if os.environ.get("CHECKLIST_SITE_PAUSE_AT") != stage:
        return
    marker = Path(os.environ["CHECKLIST_SITE_PAUSE_FILE"])
    marker.write_text(f"{os.getpid()} {stage}\n", encoding="utf-8")
    deadline = time.monotonic() + 60
    while marker.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
