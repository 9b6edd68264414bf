"""A project's files written whole: the one way every writer (init, new, import -o, the record, export -o, pdf, links
--fix) puts a file in place, so that a command killed, stopped or out of space leaves the old state or the new one.

Each file is written in full beside its place (a hidden temporary name in the same folder, so the last step is a rename
or a link on one file system), flushed to disk, then put in place in one step: :func:`write_new` links it, which fails
rather than replace a file; :func:`replace` renames it over the earlier one. The callers hold the project's lock
(``Project.lock``): what is there is decided and written by one command at a time.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import secrets
from pathlib import Path
from typing import Any, Mapping

from .errors import NAME_MAX, BuildError, os_error, shown_path

log = logging.getLogger("checklist_site")

AGAIN = "nothing was written"  # after what to do about the error (errors.os_error)




def _temp(path: Path) -> Path:
    """A new name beside ``path`` for writing it whole first: hidden, of this process, and within a name's length (a name
    of 250 bytes, which its folder takes, got one 270 bytes long: 'File name too long' for a file that could be written).

    >>> len(_temp(Path("d") / ("é" * 127 + ".yaml")).name.encode()) <= NAME_MAX
    True
    """
    tail = f".{os.getpid()}-{secrets.token_hex(4)}.tmp"
    name = path.name.encode("utf-8", "surrogateescape")[: NAME_MAX - 1 - len(tail)].decode("utf-8", "ignore")
    return path.with_name(f".{name}{tail}")


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
        for done in placed:
            done.unlink(missing_ok=True)
        for temp in temps:
            tidy(temp)
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, FileExistsError):
            said = f"cannot write {shown_path(path)}: it exists (written meanwhile by something else)"
            raise BuildError(said, "nothing was written; run the command again") from None
        if isinstance(exc, OSError):
            if exc.filename is None or str(exc.filename) in {str(temp) for temp in temps}:
                exc.filename = str(path)  # the file at hand, not its temporary copy
            said, hint = os_error(exc)  # what to do, by the kind of error: a file where a folder is meant was told to free space
            raise BuildError(said if said.startswith("cannot ") else f"cannot write {shown_path(path)}: {exc.strerror}", f"{hint}; {again}") from None
        raise
    for temp in temps:
        tidy(temp)


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
        tidy(temp)


def tidy(temp: Path) -> None:
    """Remove the temporary file ``temp``, whose work is done: the file it made is in place, or the error that stopped
    the write is the one to say. A file system that refuses (EIO, a folder gone read-only) is no failure of the write:
    a `new` whose file was in place said 'No space left on device', and the record's entry made was said not made (its
    next run then recorded it twice). What is left is hidden, and the next writer in the folder removes it
    (:func:`clear_stale`)."""
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)


def read_only(path: Path, mode: int | None) -> None:
    """Refuse to replace a file its owner made read-only (no write permission for anyone: `chmod a-w`): the writer
    renames a new file over it, which the folder's permission allows, so a read-only rule file, export or PDF was
    rewritten all the same (and by root, whatever its mode). PermissionError naming the file."""
    if mode is not None and not mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only (make it writable to let the command replace it)", str(path))


def replace(path: Path, data: bytes | str) -> None:
    """``path`` holds ``data`` whole, in one step: the earlier file (or none) until then, never half of either.

    The earlier file's permissions are kept, and a read-only one is not replaced (:func:`read_only`); a symbolic link is
    written through (its target gets the new text and the link stays a link). Errors of the file system are raised as
    they are (the earlier file untouched, no temporary left).
    """
    given, path = path, path.resolve()
    clear_stale(path.parent)
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    read_only(given, mode)
    temp = _temp(path)
    try:
        _write(temp, data.encode("utf-8") if isinstance(data, str) else data)
        if mode is not None:
            os.chmod(temp, mode)
        os.replace(temp, path)
    except OSError as exc:
        raise _named(exc, temp, given) from None
    finally:
        tidy(temp)
    _sync_folder(path.parent)


JOURNAL = "replacing.json"  # in the project's work folder while several files are put in place as one


class Replacing:
    """Several files replaced as one (``links --fix`` over several rule files, the PDFs of ``pdf``): each written whole
    beside its place as it comes (:meth:`put`), then all put in place when the block ends without an error; on an error
    or an interrupt, none (the earlier files stay, the new ones go).

    Putting them in place: each earlier file is kept beside it (a hard link), a journal in the work folder lists them,
    then each new file is renamed over its place, the journal removed last. A command killed between leaves the journal:
    the next command that takes the project's lock puts the earlier files back (:func:`recover_replacing`), so the
    files are all old or all new, never some of each. The caller holds the lock.
    """

    def __init__(self, work: Path) -> None:
        self.work = work
        self._staged: dict[Path, tuple[Path, Path]] = {}  # the file (symbolic links resolved) -> (its new text, as given)
        self._cleared: set[Path] = set()

    def __enter__(self) -> Replacing:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is None:
            self.commit()
        else:
            self.discard()

    def put(self, path: Path, data: bytes | str) -> None:
        """``data`` for ``path``, written whole beside it now, put in place with the others at the end."""
        real = path.resolve()
        if real.parent not in self._cleared:
            clear_stale(real.parent)
            self._cleared.add(real.parent)
        if real in self._staged:
            tidy(self._staged.pop(real)[0])
        with contextlib.suppress(FileNotFoundError):
            read_only(path, real.stat().st_mode & 0o7777)
        temp = _temp(real)
        try:
            _write(temp, data.encode("utf-8") if isinstance(data, str) else data)
            with contextlib.suppress(FileNotFoundError):
                os.chmod(temp, real.stat().st_mode & 0o7777)
        except BaseException as exc:
            tidy(temp)
            if isinstance(exc, OSError):
                raise _named(exc, temp, path) from None
            raise
        self._staged[real] = (temp, path)

    def discard(self) -> None:
        """Remove the new files written so far: nothing is replaced."""
        for temp, _ in self._staged.values():
            tidy(temp)
        self._staged.clear()

    def commit(self) -> None:
        """Put every new file in place, as one (see the class)."""
        moves: list[dict[str, str | None]] = [{"target": str(real), "temp": str(temp), "kept": None} for real, (temp, _) in self._staged.items()]
        try:
            for move in moves:
                move["kept"] = _kept(Path(str(move["target"])))
            _write_journal(self.work, moves)
        except BaseException:
            (self.work / JOURNAL).unlink(missing_ok=True)  # written, maybe, but nothing was put in place
            _forget(moves)
            self.discard()
            raise
        try:
            for move in moves:
                os.replace(str(move["temp"]), str(move["target"]))
            for folder in dict.fromkeys(Path(str(m["target"])).parent for m in moves):
                _sync_folder(folder)
            # The new files are the state from here on. A journal that cannot be removed would have the next command put
            # the earlier files back after this one said it wrote the new: they go back now, and the failure is said.
            (self.work / JOURNAL).unlink()
        except BaseException as exc:
            recover_replacing(self.work)
            self._staged.clear()
            if isinstance(exc, OSError):
                raise BuildError(f"cannot write {shown_path(exc.filename or self.work)}: {exc.strerror}", f"{os_error(exc)[1]}; {AGAIN}") from None
            raise
        try:
            _sync_folder(self.work)
        finally:
            _forget(moves)
            self._staged.clear()


def _kept(target: Path) -> str | None:
    """The earlier file ``target``, kept beside it (a hard link, or a copy), or None where there is none."""
    if not target.exists():
        return None
    kept = _temp(target)
    try:
        os.link(target, kept)
    except OSError:
        import shutil

        shutil.copy2(target, kept)
    return str(kept)


def _write_journal(work: Path, moves: list[dict[str, str | None]]) -> None:
    work.mkdir(parents=True, exist_ok=True)
    temp = _temp(work / JOURNAL)
    try:
        _write(temp, journal_text(work, moves).encode("utf-8"))
        os.replace(temp, work / JOURNAL)
    finally:
        tidy(temp)
    _sync_folder(work)


def _forget(moves: list[dict[str, str | None]]) -> None:
    for move in moves:
        if move["kept"]:
            tidy(Path(move["kept"]))


def folder_id(work: Path) -> list[int]:
    """The identity of the work folder (its device and inode) that a journal is bound to (:func:`journal_text`)."""
    info = os.stat(work)
    return [info.st_dev, info.st_ino]


def journal_text(work: Path, moves: list[Any]) -> str:
    """A journal of ``moves`` (the files or folders the next command puts back after a kill), bound to the work folder
    ``work`` it is written in: a journal names any path, so one that came with the project (git keeps a file in the work
    folder that was added by force; a pull request can carry one) or was copied from another folder is never acted on
    (:func:`journal_moves`): it overwrote a file of the user's with one of the project's, and removed folders."""
    import json

    return json.dumps({"folder": folder_id(work), "moves": moves})


def journal_moves(journal: Path) -> list[Any] | None:
    """The moves of the ``journal`` in its work folder; [] for none to put back (no journal, one cut short while it was
    written); None for one this work folder's runs did not write (another folder's, a planted one), which is removed and
    said, and puts nothing back."""
    import json

    try:
        found = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError):
        return []  # not a journal: nothing was put in place before it was whole
    if isinstance(found, dict) and found.get("folder") == folder_id(journal.parent) and isinstance(found.get("moves"), list):
        return list(found["moves"])
    log.warning(
        "ignored %s/%s: a journal this project's runs did not write (one that came with the project, or a copy), so"
        " nothing it names was put back; it is removed",
        journal.parent.name,
        journal.name,
    )
    return None


def recover_replacing(work: Path) -> list[str]:
    """Put back the earlier files of a :class:`Replacing` that a killed command left half done; returns the files."""
    journal = work / JOURNAL
    moves = journal_moves(journal) or []
    restored: list[str] = []
    for move in reversed(moves if isinstance(moves, list) else []):
        target, temp, kept = (move.get(k) if isinstance(move, dict) else None for k in ("target", "temp", "kept"))
        if not isinstance(target, str):
            continue
        if kept and os.path.exists(kept):
            os.replace(kept, target)
            with contextlib.suppress(FileNotFoundError):
                os.unlink(kept)  # still there when the file was not replaced yet: a rename onto the same file does nothing
        elif not kept and temp and not os.path.exists(temp):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(target)  # a new file, put in place: taken out again
        if temp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
        restored.append(target)
    journal.unlink(missing_ok=True)
    return restored
