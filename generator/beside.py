"""Work done beside the engine: a function of the checked data, run in a second process while MkDocs builds.

The build's critical path is check -> render pages -> engine -> fill the slots. The blocks, the JSON
exports and the search entries depend only on the checked data and are needed only after the
engine, so where the system can fork (Linux, and more than one CPU), a child process computes them
while the engine runs in this one, and hands them back through a pipe. Elsewhere, or when the child
fails for any reason, the function simply runs here when its result is asked for: the output is
the same either way, and an error is raised here, by the same code, with its usual message.

The child writes nothing into the project and holds no lock of its own; it ends with ``os._exit``
so no cleanup of the parent's (atexit handlers, buffered output) runs twice.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and not os.environ.get("CHECKLIST_SITE_NO_FORK")


class Beside(Generic[T]):
    """``fn(*args)``, computed in a forked child from now on; :meth:`result` waits for it. ``after()``: what the child
    does once it has handed the value over (keeping results for the next run), while this process goes on with it;
    :meth:`wait` waits for that too. Without a child, :meth:`result` runs both here."""

    def __init__(self, fn: Callable[..., T], *args: Any, after: Callable[[], None] | None = None) -> None:
        self._fn, self._args, self._after = fn, args, after
        self._pid = 0
        self._fd = -1
        if _can_fork():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
            os.close(read)
            code = 0
            try:
                for stopping in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    signal.signal(stopping, signal.SIG_DFL)  # stopped with its parent, never half-handled
                payload = pickle.dumps(self._fn(*self._args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(payload)
                if self._after is not None:
                    self._after()
            except BaseException:  # noqa: B036 - whatever happened, the parent computes it again and reports it
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._fd = pid, read

    def result(self) -> T:
        """The value: the child's, or (without a child, or when it failed) computed here."""
        if self._pid:
            with os.fdopen(self._fd, "rb") as pipe:
                payload = pipe.read()
            self._fd = -1
            try:
                return pickle.loads(payload)  # the whole value (the pipe closes when it is written, or when the child ends)
            except Exception:  # noqa: BLE001 - none, or cut short: the child failed, and the value is made here
                self.wait()
        value = self._fn(*self._args)
        if self._after is not None:
            self._after()
        return value

    def wait(self) -> None:
        """Wait for the child to end (its ``after()`` done), once its value was taken."""
        if self._pid:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = 0

    def cancel(self) -> None:
        """Stop the child if it still runs (the build failed before asking for the result)."""
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            self._pid = 0
