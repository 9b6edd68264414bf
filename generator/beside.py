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

import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether work may go to a forked child: Linux, more than one CPU, and ``CHECKLIST_SITE_NO_FORK`` unset."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and not os.environ.get("CHECKLIST_SITE_NO_FORK")


class Beside(Generic[T]):
    """``fn(*args)``, computed in a forked child from now on; :meth:`result` waits for it.

    ``then``: called in the child with the pickled result once it is sent (a kept result written to the cache while
    this process goes on), at low priority unless ``urgent``; :meth:`result` does not wait for it, :func:`settle` does."""

    def __init__(self, fn: Callable[..., T], *args: Any, then: Callable[[bytes], object] | None = None, urgent: bool = False) -> None:
        self._fn, self._args, self._then, self._urgent = fn, args, then, urgent
        self._pid = 0
        self._fd = -1
        self._took = False  # the value came from the child
        if can_fork():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # out of processes or memory: computed here when asked, as where the system cannot fork
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: compute, send, leave without running the parent's cleanup
            os.close(read)
            code = 0
            try:
                for stopping in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    signal.signal(stopping, signal.SIG_DFL)  # stopped with its parent, never half-handled
                payload = pickle.dumps(self._fn(*self._args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write, "wb") as out:
                    out.write(len(payload).to_bytes(8, "big") + payload)  # its length first: a cut one is known
                if self._then is not None:
                    if not self._urgent:
                        os.nice(LATER_NICENESS)  # like later(): the build's own processes go first
                    self._then(payload)
            except BaseException:  # noqa: B036 - whatever happened, the parent computes it again and reports it
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self._pid, self._fd = pid, read

    @property
    def running(self) -> bool:
        """Whether a child computes the value (False: :meth:`result` computes it here, when asked)."""
        return self._pid > 0

    @property
    def from_child(self) -> bool:
        """Whether :meth:`result` gave the child's value (false where the system does not fork, or the child failed)."""
        return self._took

    def result(self) -> T:
        """The value: the child's, or (without a child, or when it failed) computed here."""
        if self._pid:
            with os.fdopen(self._fd, "rb") as pipe:
                sent = pipe.read()
            self._fd = -1
            pid, self._pid = self._pid, 0
            if len(sent) >= 8 and int.from_bytes(sent[:8], "big") == len(sent) - 8:
                _pending.append(pid)  # done but for ``then``: waited for by settle()
                self._took = True
                return pickle.loads(memoryview(sent)[8:])
            os.waitpid(pid, 0)
        return self._fn(*self._args)

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


_pending: list[int] = []  # the children of :func:`later` not yet waited for
LATER_NICENESS = 10


def later(fn: Callable[..., object], *args: Any) -> None:
    """``fn(*args)`` for what it does (a kept result written to the cache), in a forked child from now on, so that this
    process goes on meanwhile; :func:`settle` waits for it. Without fork, done here and now. ``fn`` must be harmless
    to run twice and must fail quietly: the child's failure is never reported."""
    try:
        pid = os.fork() if can_fork() else -1
    except OSError:  # out of processes or memory: done here, as where the system cannot fork
        pid = -1
    if pid < 0:
        fn(*args)
        return
    if pid:
        _pending.append(pid)
        return
    code = 1
    try:
        for stopping in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(stopping, signal.SIG_DFL)
        os.nice(LATER_NICENESS)  # it has no deadline: the build's own processes go first
        fn(*args)
        code = 0
    except BaseException:  # noqa: B036 - a result not kept is made again next time
        pass
    finally:
        os._exit(code)


def settle() -> None:
    """Wait for every child :func:`later` started (the build does before it returns, so that what it kept is there)."""
    while _pending:
        pid = _pending.pop()
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass


class Claim:
    """One token two processes may race for: :meth:`take` is true in the first process to ask (made before the fork,
    a pipe holding one byte, which one read takes whole; a process that asks again, or after the other took it, gets
    false). Where nothing forks, the one process takes it once."""

    def __init__(self) -> None:
        self._read, write = os.pipe()
        os.write(write, b"\0")
        os.close(write)  # the byte stays; once read, a read finds the pipe at its end
        os.set_blocking(self._read, False)

    def take(self) -> bool:
        try:
            return os.read(self._read, 1) == b"\0"
        except (BlockingIOError, OSError):
            return False

    def close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1
