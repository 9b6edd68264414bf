"""A project's files written whole: the one way every writer (init, new, import -o, the record, export -o, pdf, links
--fix) puts a file in place, so that a command killed, stopped or out of space leaves the old state or the new one.

Each file is written in full beside its place (a hidden temporary name in the same folder, so the last step is a rename
or a link on one file system), flushed to disk, then put in place in one step: :func:`write_new` links it, which fails
rather than replace a file; :func:`replace` renames it over the earlier one. The callers hold the project's lock
(``Project.lock``): what is there is decided and written by one command at a time.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path
from typing import Mapping

from .errors import BuildError

AGAIN = "nothing was written; free some space or fix the permissions, and run the command again"


def _temp(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


_TEMP = re.compile(r"\..+\.(\d+)-[0-9a-f]{8}\.tmp")


def clear_stale(folder: Path) -> list[str]:
    """Remove the temporary files that writers killed mid-write (SIGKILL, a power cut) left in ``folder``: hidden, they
    never counted, but a `git add` of the folder would commit them. Only those of a process that no longer runs (a
    writer at work holds the project's lock, as the caller does); returns their names."""
    removed: list[str] = []
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(".tmp") and e.name.startswith(".")]
    except OSError:
        return removed
    for entry in entries:
        found = _TEMP.fullmatch(entry.name)
        if found is None or _running(int(found.group(1))):
            continue
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(entry.name)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's, or not a process id: left alone
    return True


def _write(temp: Path, data: bytes, mode: int = 0o666) -> None:
    """``data`` into the new file ``temp`` (never an existing one), on disk before it returns; ``mode`` less the umask."""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), mode)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _named(exc: OSError, temp: Path, path: Path) -> OSError:
    """``exc`` naming the file written (``path``), not its temporary name: what a message shows."""
    if exc.filename in (str(temp), None):
        exc.filename = str(path)
    exc.filename2 = None
    return exc


def _sync_folder(folder: Path) -> None:
    """The folder's entries on disk too (the new name survives a power cut), where the system allows it."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_new(files: Mapping[Path, bytes | str], again: str = AGAIN) -> None:
    """Write new files as one: all of them, or (on any error, a full disk, an interrupt) none, and no folder made for them.

    A file that exists is never replaced: linking the finished file into place fails instead (BuildError, nothing written).
    An error of the file system is a BuildError naming the file; ``again`` is its hint.
    """
    made: list[Path] = []
    temps: list[Path] = []
    placed: list[Path] = []
    path = next(iter(files), Path("."))  # the file at hand, which an error names (not its temporary name)
    for folder in dict.fromkeys(p.parent for p in files):
        clear_stale(folder)
    try:
        for path in files:
            for folder in reversed([path.parent, *path.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
        for path, data in files.items():
            temps.append(_temp(path))
            _write(temps[-1], data.encode("utf-8") if isinstance(data, str) else data)
        for path, temp in zip(files, temps, strict=True):
            os.link(temp, path)
            placed.append(path)
        for folder in dict.fromkeys(path.parent for path in files):
            _sync_folder(folder)  # still all or none: stopped here, the files go again
    except BaseException as exc:
        for done in [*placed, *temps]:
            done.unlink(missing_ok=True)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, FileExistsError):
            raise BuildError(f"cannot write {path}: it exists (written meanwhile by something else)", "nothing was written; run the command again") from None
        if isinstance(exc, OSError):
            raise BuildError(f"cannot write {path}: {exc.strerror}", again) from None
        raise
    for temp in temps:
        temp.unlink(missing_ok=True)


def create(path: Path, data: bytes | str) -> None:
    """A new file ``path`` holding ``data``, whole, in one step; FileExistsError if the name is taken (nothing replaced).
    Errors of the file system are raised as they are, nothing left behind."""
    temp, placed = _temp(path), False
    try:
        _write(temp, data.encode("utf-8") if isinstance(data, str) else data)
        os.link(temp, path)  # fails if the name exists
        placed = True
        _sync_folder(path.parent)
    except BaseException as exc:
        if placed:  # stopped while the folder went to disk: the file goes again, as if never written
            path.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise _named(exc, temp, path) from None
        raise
    finally:
        temp.unlink(missing_ok=True)


def replace(path: Path, data: bytes | str) -> None:
    """``path`` holds ``data`` whole, in one step: the earlier file (or none) until then, never half of either.

    The earlier file's permissions are kept; a symbolic link is written through (its target gets the new text and the
    link stays a link). Errors of the file system are raised as they are (the earlier file untouched, no temporary left).
    """
    given, path = path, path.resolve()
    clear_stale(path.parent)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    temp = _temp(path)
    try:
        _write(temp, data.encode("utf-8") if isinstance(data, str) else data)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        raise _named(exc, temp, given) from None
    finally:
        temp.unlink(missing_ok=True)
    _sync_folder(path.parent)
