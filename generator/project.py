"""Where a project's files are, the one lock its writers share, and loading its data/ checked."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import re
import shlex
import socket
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from .errors import BuildError, CheckFailed, Issue, Loc, Severity, SiteError, UsageError, capped, shown_path
from .format import mailmap
from .format.fold import RECORD_SUFFIX, dropped, future_warnings, now, unapproved_waivers, unseen
from .format.model import Data
from .format.oncall import epoch_warnings, freshness_warnings, today, zone_warnings
from .format.types import known_as
from .format.validate import FileCache, load_all
from .site import layout

if TYPE_CHECKING:
    from filelock import FileLock

log = logging.getLogger("checklist_site")
LOCK_WAIT_NOTICE = 1.0  # seconds a writer waits silently before saying it waits
LOCK_WAIT_ELSEWHERE = 60.0  # seconds a writer waits for a holder on another host, which this one cannot ask whether it lives
HOLDER = "lock.holder"  # beside the lock file: the holder's process and host, written by the holder (the tool's own record)


@dataclass(frozen=True)
class Project:
    """Where things are: the project root holds mkdocs.yml, data/ and docs/."""

    root: Path
    data: Path
    config: Path

    @classmethod
    def at(cls, root: Path, data: Path | None = None, config: Path | None = None) -> Project:
        root = root.resolve()
        return cls(root, (data or root / "data").resolve(), (config or root / "mkdocs.yml").resolve())

    @property
    def work(self) -> Path:
        """Scratch space for staging, next to docs/ so renames stay on one file system."""
        return self.root / ".checklist-site"

    def config_text(self) -> str:
        """mkdocs.yml's text as YAML (and MkDocs) reads it: UTF-8 without the byte order mark an editor may have saved
        (which YAML skips at the start of a file only: written into the middle of the configuration Zensical is given, it
        was 'expected <document start>'). Raises OSError or UnicodeDecodeError."""
        return self.config.read_text(encoding="utf-8").removeprefix("\ufeff")

    def display(self, path: Path) -> str:
        """``path`` as messages show it: relative to the project where it is inside (a link named as itself)."""
        return shown_path(path, self.root)

    @contextlib.contextmanager
    def lock(self, wait: float | None = None) -> Iterator[None]:
        """Hold the project's write lock: one writer at a time, the next one waits and says so; a swap that a
        killed run left half done is undone first. ``wait``: seconds to wait at most (the meeting's recordings, whose
        browser is waiting for an answer), then :class:`LockBusy`; None: as long as it takes (a command line)."""
        from filelock import FileLock, Timeout

        if self.work.is_symlink():  # every writer removes what a stopped one left there: never in a folder elsewhere
            where = Loc(self.display(self.work))
            hint = f"remove the link ({self.work.name} is the project's own scratch folder; the next command makes it anew)"
            raise BuildError(f"the project's work folder is a symbolic link (to {os.readlink(self.work)}): nothing was changed", hint, where)
        outside = self.linked_out_of_data()
        if outside is not None:
            link, target = outside
            hint = "make it a folder of data/ (git keeps a link as it is: a link in a project fetched from others may name any folder)"
            raise BuildError(f"the record folder is a symbolic link to {target}, outside the project: nothing was changed", hint, Loc(self.display(link)))
        self._work_folder_whole()
        lock = _locks.setdefault(self.work, FileLock(str(self.work / "lock")))  # one object per project: re-entrant
        try:
            _acquire(lock, LOCK_WAIT_NOTICE if wait is None else wait)
        except Timeout:
            held = self.display(self.work / "lock")
            elsewhere = _elsewhere(lock, self.work / HOLDER)
            if wait is not None:
                message = f"another checklist-site command (a build, a mark, ...) has held the project's lock ({held}) for {wait:g} s"
                raise LockBusy(message + (f": {elsewhere}" if elsewhere else ""), LockBusy.HINT + _holder(lock, held, elsewhere, self.work / HOLDER)) from None
            if elsewhere is None:
                log.warning("waiting for another checklist-site command to finish (it holds %s)%s", held, _holder(lock, held, None, self.work / HOLDER))
                _acquire(lock, -1)
            else:  # a holder on another host may be gone with its host: waiting for ever would hang, taking it would steal
                log.warning("waiting up to %g s for the checklist-site command holding %s: %s", LOCK_WAIT_ELSEWHERE, held, elsewhere)
                try:
                    _acquire(lock, LOCK_WAIT_ELSEWHERE)
                except Timeout:
                    message = f"the project's lock is held by {elsewhere}, which this machine cannot check: nothing was changed"
                    raise BuildError(message, _holder(lock, held, elsewhere).lstrip("; "), Loc(held)) from None
        outermost = lock.lock_counter == 1
        try:
            if outermost:  # a run killed mid-swap is put right before anything else
                _record_holder(self.work / HOLDER)
                self.recover()
            yield
        finally:
            if outermost:
                _clear_holder(self.work / HOLDER)
            lock.release()

    def _work_folder_whole(self) -> None:
        """The work folder made where it lacks, and refused where it, or its lock file, is something else (a file, a folder
        named 'lock', a link, a device): a lock link said 'Too many levels of symbolic links' and a file in the work folder's
        place 'File exists', each with the hint to check disk space, which would not help. Both are the tool's own, and
        made anew once removed."""
        hint = f"remove it ({self.work.name} is the project's own scratch folder; the next command makes what it needs anew)"
        try:
            self.work.mkdir(exist_ok=True)
        except FileExistsError:
            raise BuildError("the project's work folder is not a folder: nothing was changed", hint, Loc(self.display(self.work))) from None
        held = self.work / "lock"
        try:
            mode = held.lstat().st_mode
        except FileNotFoundError:
            return
        if not stat.S_ISREG(mode):
            kind = "a symbolic link" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode) else "not a file"
            raise BuildError(f"the project's lock file is {kind}: nothing was changed", hint, Loc(self.display(held)))

    def link_out(self, path: Path) -> tuple[Path, Path] | None:
        """The first folder (or the file) on the way to ``path``, a path in the project, that is a symbolic link leading
        out of the project, and where it leads; None when there is none, or ``path`` is not in the project. Git keeps
        links: a project fetched from others could hold 'docs/imported -> ~/somewhere', and a command wrote through it."""
        rel = os.path.relpath(os.path.abspath(path), self.root)
        if rel == ".." or rel.startswith(".." + os.sep):
            return None
        root, at = self.root.resolve(), self.root
        for part in Path(rel).parts:
            at = at / part
            if at.is_symlink() and (target := at.resolve()) != root and root not in target.parents:
                return at, target
        return None

    def linked_out_of_data(self) -> tuple[Path, str] | None:
        """The first record folder of data/ (<id>.record/, or a run's folder in it) that is a symbolic link to a folder
        outside data/ and the project, and where it leads; None when there is none. Writers put entries there and clear
        the temporary files of stopped ones from it: through a planted link, `mark` wrote into (and cleared) a folder
        anywhere."""
        return next(((link, target) for link, target in self.links_out_of_data().items() if link.is_dir()), None)

    def links_out_of_data(self) -> dict[Path, str]:
        """Every entry of data/ and of its record folders (and their runs' folders) that is a symbolic link to a file or
        folder outside data/ and outside the project, and where it leads. Such a link, which git keeps as it is, is not
        read: a project fetched from others could name /etc/shadow or ~/.aws/credentials, and `check` quoted its lines
        as unknown keys."""
        linked: list[Path] = []
        try:
            with os.scandir(self.data) as listed:
                entries = [(Path(e.path), e.is_symlink()) for e in listed]
            linked += [path for path, link in entries if link]
            for record in (path for path, _ in entries if path.name.endswith(RECORD_SUFFIX) and path.is_dir()):
                with os.scandir(record) as listed:  # the link's kind from the listing: no stat per entry (10,000 entries)
                    runs = [(Path(e.path), e.is_symlink(), e.is_dir(follow_symlinks=False)) for e in listed]
                linked += [path for path, link, _ in runs if link]
                for run in (path for path, link, folder in runs if folder and not link):
                    with os.scandir(run) as listed:
                        linked += [Path(e.path) for e in listed if e.is_symlink()]
            homes = (self.data.resolve(), self.root.resolve())
        except OSError:  # data/ unreadable: check says so
            return {}
        out: dict[Path, str] = {}
        for path in linked:
            try:
                target = path.resolve()
                if not any(home in target.parents for home in homes):
                    out[path] = os.readlink(path)
            except (OSError, RuntimeError):  # a loop: said where it is read
                continue
        return out

    def recover(self) -> None:
        """Undo a swap of docs/ and site/ that a killed run left half done, and clear its staging (under the lock).

        Every writing command takes the lock, so every one of them (build, pdf, mark, signoff, approve,
        links --fix, import -o) starts from the old pages and site, never from a mix."""
        from .files import recover_replacing
        from .publish.write import JOURNAL, recover

        swapping = (self.work / JOURNAL).exists()
        leftovers = sorted(self.work.glob("*.new")) + sorted(self.work.glob("*.old"))
        try:
            restored = recover(self.work)
        except OSError as exc:
            if swapping:  # a swap to undo: nothing is decided before it is
                raise
            # Only what an earlier build staged or set aside (*.new, *.old) is left, which no command reads: a folder of
            # files another user made (a site built in a container as root) made every writer fail at 'Permission denied'.
            failed = Path(os.fsdecode(exc.filename)) if exc.filename else self.work
            where = self.display(next((p for p in leftovers if p == failed or p in failed.parents), failed))
            log.warning(
                "could not remove %s, left in the work folder by an earlier build (%s); it holds nothing any command reads: remove it yourself"
                " (as the user whose files it holds)",
                where,
                exc.strerror or exc,
            )
            restored = []
        for target in restored:
            log.warning("put back %s as it was before a build that was stopped", self.display(Path(target)))
        for target in recover_replacing(self.work):
            log.warning("put back %s as it was before a command that was stopped while it replaced it", self.display(Path(target)))


_locks: dict[Path, FileLock] = {}


def _acquire(lock: FileLock, timeout: float) -> None:
    """``lock.acquire``, without filelock's own warning where the file system has no flock (a network or FUSE mount):
    it falls back to a lock file naming its holder, and said so as Python's warning, with its source line, at every
    command."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="flock not supported", category=UserWarning)
        lock.acquire(timeout=timeout)


_HOLDER_LINE = re.compile(rb"(\d{1,10}) ([A-Za-z0-9][A-Za-z0-9._-]{0,252})\n")  # the holder record: a process and a host name, nothing else ever shown


def _this_host() -> str:
    return socket.gethostname()


def _record_holder(path: Path) -> None:
    """Say who holds the lock, in a file of the tool's own beside it (process and host), for another command that waits:
    filelock's lock file names its holder only where it falls back to a marker (no flock), and only through a private
    field of its Timeout, which an upgrade may drop. Written whole (a waiter reads either the old record or this one);
    where it cannot be written (a full disk), none is left that names another process."""
    staged = path.with_name(f"{path.name}.{os.getpid()}.new")
    try:
        staged.write_text(f"{os.getpid()} {_this_host()}\n", encoding="ascii")
        os.replace(staged, path)
    except (OSError, UnicodeEncodeError):
        for leftover in (staged, path):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _clear_holder(path: Path) -> None:
    """The holder record removed at the lock's release, when it is still this process's."""
    if recorded_holder(path) == (os.getpid(), _this_host()):
        with contextlib.suppress(OSError):
            path.unlink()


def recorded_holder(path: Path) -> tuple[int, str] | None:
    """The process and host the holder record names, or None: none, unreadable, or not in its shape (a process number and
    a host name: it is shown in messages, so nothing else of a file on a shared mount is ever printed).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / HOLDER).write_text("4242 build-2\\n")
    >>> recorded_holder(folder / HOLDER)
    (4242, 'build-2')
    >>> _ = (folder / HOLDER).write_text("4242 \\x1b]0;owned\\x07\\n")
    >>> recorded_holder(folder / HOLDER) is None
    True
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # a FIFO would block, a device never end
            return None
        text = os.read(fd, 300)
    except OSError:
        return None
    finally:
        os.close(fd)
    found = _HOLDER_LINE.fullmatch(text)
    return None if found is None else (int(found[1]), found[2].decode("ascii"))


def _soft_holder(lock: FileLock) -> int | None:
    """The process filelock's lock file names (``FileLock.pid``), where it falls back to a lock file naming its holder (a
    file system without flock), or None; with flock it has no such record (AttributeError)."""
    try:
        return lock.pid
    except (AttributeError, OSError, ValueError):
        return None


def _elsewhere(lock: FileLock, record: Path) -> str | None:
    """The holder on another host ('process 4242 on host build-2'), or None. Only a lock without flock can be held by a
    process gone with its host for ever (with flock the system ends the hold of one that ends), and filelock takes over
    one of a dead process of this host, not one of another host, which it cannot probe. The holder's host is read from
    the tool's own record, trusted only where it names the process that filelock's lock file names (a record a stopped
    command left names another)."""
    pid = _soft_holder(lock)
    holder = recorded_holder(record)
    if pid is None or holder is None or holder[0] != pid or holder[1] == _this_host():
        return None
    return f"process {holder[0]} on host {holder[1]}"


def _holder(lock: FileLock, held: str, elsewhere: str | None = None, record: Path | None = None) -> str:
    """What to do when the lock is held by none that can be named: on a file system without flock the lock file names its
    holder, and one that names none (an empty file that a file system with flock left, where the project was before:
    a copy, a mount shared with a container) is held by nobody, so every command waited for ever, saying another held it.
    One on another host (``elsewhere``) may have gone with its host, and only a person can tell. With flock, the holder
    the tool's own ``record`` names."""
    if elsewhere is not None:
        host = elsewhere.partition(" on host ")[2]
        return (f"; if no checklist-site command is running on {host} (it was stopped, or the machine is gone), remove {held} "
                "and run the command again")
    try:
        pid = lock.pid  # only where filelock falls back to a lock file that names its holder
    except (AttributeError, OSError, ValueError):
        holder = recorded_holder(record) if record is not None else None
        if holder is None:
            return ""
        return f" (process {holder[0]})" if holder[1] == _this_host() else f" (process {holder[0]} on host {holder[1]})"
    if pid is not None:
        return f" (process {pid})"
    return f"; it names no process: if no checklist-site command is running, remove {held} and run the command again"


class LockBusy(BuildError):
    """Another command held the project's lock longer than the caller would wait (``Project.lock(wait=...)``)."""

    HINT = "try again when it has finished (a build takes seconds); if none is running, a command may hang: stop it"


@contextlib.contextmanager
def collector_paused(collect: bool = True) -> Iterator[None]:
    """Python's cyclic garbage collector paused for a while, and run once after it (nested: paused once; ``collect``
    False: left paused, where the process ends next and its exit frees everything).

    Loading, checking and rendering 10,000 items makes millions of objects that hold no reference
    cycles, and the full collections their growing number sets off took half the time of the check
    (1.0 s -> 0.5 s at 10,000 items); one collection afterwards takes a few hundredths of a second.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if collect:  # else left paused: enabled, it would walk every object the build made at its next collection
            gc.enable()
            gc.collect()


def _special(path: Path) -> str | None:
    """Why ``path`` (named *.yaml) cannot be read as a data file, or None when it can."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return "a symbolic link to a file that does not exist" if path.is_symlink() else "gone"
    except OSError as exc:
        return f"unreadable ({exc.strerror})"
    if stat.S_ISDIR(mode):
        return "a folder"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device)"
    if not os.access(path, os.R_OK):
        return "not readable (permissions)"
    return None


def data_files(folder: Path, project: Project) -> tuple[list[Path], list[Issue]]:
    """The *.yaml/*.yml files in ``folder``; special or unreadable ones are skipped with a warning."""
    files: list[Path] = []
    warnings: list[Issue] = []
    outside = project.links_out_of_data()
    for path in [*sorted(folder.iterdir()), *record_files(folder)]:
        if path.suffix not in (".yaml", ".yml"):
            continue
        leads = next((target for link, target in outside.items() if path == link or link in path.parents), None)
        if leads is not None:
            hint = "make it a file of data/ (git keeps a link as it is: a link in a project fetched from others may name any file)"
            warnings.append(Issue(Loc(project.display(path)), f"skipped: a symbolic link to {leads}, outside the project: not read", hint, Severity.WARNING))
            continue
        why = _special(path)
        if why is None:
            files.append(path)
        elif why != "gone":
            hint = "remove it or rename it so it does not end in .yaml"
            if why == "a folder":  # one named like a file: in data/ (the data is read from data/ itself) or in a record folder
                hint = "a record entry is a file: move what it holds out, and remove the folder" if path.parent != folder else (
                    "data files are read from data/ itself, not its subfolders: rename the folder so it does not end in .yaml")
            warnings.append(Issue(Loc(project.display(path)), f"skipped: {why}", hint, Severity.WARNING))
    return files, warnings + _case_clashes(files, project)


def portable(name: str) -> str:
    """A name as every file system a project is checked out on tells names apart: letter case aside (macOS, Windows), and
    a letter with an accent one character or two (macOS normalises names: 'café.yaml' typed on Linux as 'e' and U+0301
    is the same file there as the composed 'é').

    >>> portable("Cafe\u0301.yaml") == portable("café.yaml"), portable("Launch.yaml") == portable("launch.yaml")
    (True, True)
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def differs(name: str, other: str) -> str:
    """How two names one file system would take for one differ, in words."""
    return "only by letter case" if name.casefold() == other.casefold() else "only by how its letters are encoded (Unicode NFC and NFD) or by letter case"


def _case_clashes(files: list[Path], project: Project) -> list[Issue]:
    """A warning for each data file whose name differs from an earlier one's only by letter case (data/Launch.yaml,
    data/launch.yaml) or by a letter's Unicode form: macOS and Windows keep one of them, and a build there has a checklist less."""
    first: dict[str, Path] = {}
    found: list[Issue] = []
    for path in files:
        other = first.setdefault(portable(str(path)), path)
        if other != path:
            hint = "rename one of them: a checkout on macOS or Windows, whose file systems ignore letter case, holds one"
            message = f"its name differs from {project.display(other)} {differs(str(path), str(other))}"
            found.append(Issue(Loc(project.display(path)), message, hint, Severity.WARNING))
    return found


def record_files(folder: Path) -> list[Path]:
    """The entry files of the record folders in ``folder`` (data/<id>.record/, and its runs' subfolders), in name order."""
    found: list[Path] = []
    for record in sorted(folder.glob("*" + RECORD_SUFFIX)):
        if record.is_dir():
            with os.scandir(record) as listed:  # names sorted as text, folders told by the listing: at 10,000 entries, sorting
                shown = sorted((e.name, e.is_dir()) for e in listed if not e.name.startswith("."))  # Paths and a stat each took 0.4 s
            found += [record / name for name, _ in shown]
            for run in (record / name for name, folder in shown if folder):
                found += [run / name for name in sorted(os.listdir(run)) if not name.startswith(".")]
    return found


def check_files(files: list[tuple[Path, str]], cache: FileCache | None = None) -> tuple[Data, list[Issue]]:
    """The format's rules (``validate.load_all``), then the layout's: no id may take a generated page's name."""
    data, issues = load_all(files, cache)
    return data, issues + list(layout.check(data))


def _checklist_file(project: Project, target: Path, given: Path | None) -> None:
    """Refuse a file of another kind than data/'s (*.yaml, *.yml) given to `check`: a Markdown page, a PDF or a text
    was read as YAML, and said as a YAML syntax error at its fourth line ('this line has no ': ' after its key')."""
    if target.suffix.lower() in (".yaml", ".yml") or not target.is_file():
        return  # a device, a pipe, a folder or nothing: the loader says what it is, reading nothing
    shown = str(given) if given is not None else project.display(target)
    kind = f"a '{target.suffix}' file" if target.suffix else "a file without the .yaml ending"
    hint = f"a checklist in another format becomes one with: checklist-site import {shown} -o data/NAME.yaml (import --help lists the formats)"
    hint += "; a file of checklist YAML is named NAME.yaml"
    message = f"not a checklist file: check reads checklist YAML (*.yaml), and this is {kind}"
    raise CheckFailed([Issue(Loc(project.display(target), 1, 1), message, hint)])


def check(project: Project, path: Path | None = None, cache: FileCache | None = None) -> Data:
    """Load and validate data/; raise CheckFailed with every error found.

    With ``path`` a file inside data/, the rest of data/ is loaded too (for cross-references) and
    only that file's problems are reported; a file elsewhere is checked on its own. ``cache``:
    files whose bytes did not change since an earlier check with it are not loaded again.
    """
    target = (path or project.data).absolute()
    if not target.exists() and not target.is_symlink():
        if path is None:
            raise _no_data(project)
        raise BuildError(f"{project.display(target)} does not exist", "pass a checklist file or a folder of them (default: data/)")
    target = target.resolve()
    if target.is_dir() and project.data in target.parents:  # a record folder (or a run's): its entries against the rest of data/
        files, warnings = data_files(project.data, project)  # alone, every entry was 'for checklist ..., which does not exist'
        only = project.display(target)
    elif target.is_dir():
        files, warnings = data_files(target, project)
        only = None
        if not files and target != project.data:  # said of the folder given ('check docs' said 'data: no checklist files')
            hint = "pass data/ (the default) or a folder holding checklist files (*.yaml)"
            raise CheckFailed([*warnings, Issue(Loc(project.display(target)), "no checklist files (*.yaml) in this folder", hint)])
    elif target.parent == project.data or project.data in target.parents:
        files, warnings = data_files(project.data, project)
        files = files if target in files else [*files, target]
        only = project.display(target)
    else:
        _checklist_file(project, target, path)
        files, warnings, only = [target], [], None
    people, mapped = mailmap.of_project(project.root)  # who is who across spellings, before the record is folded
    known_as(people)
    warnings += mapped
    with collector_paused():
        data, issues = check_files([(p, project.display(p)) for p in files], cache)
    if not any(i.severity is Severity.ERROR for i in issues):  # a warning (an entry's, a name's) does not hide these
        issues += [*epoch_warnings(), *zone_warnings(), *freshness_warnings(data, today()), *future_warnings(data, now()), *unapproved_waivers(data)]
        issues += [*dropped(data), *unseen(data)]  # the record as its writers had it
    issues = warnings + issues
    if only is not None:
        inside = (only, f"{only}/")  # the file given, or the folder given and what it holds
        others = {i.loc.file for i in issues if i.severity is Severity.ERROR and not i.loc.file.startswith(inside)}
        issues = [i for i in issues if i.loc.file == only or i.loc.file.startswith(inside[1])]
        if others and not issues:
            message = f"not checked against the rest of data/: {', '.join(sorted(others))} has errors"
            issues.append(Issue(Loc(only), message, "run checklist-site check", Severity.WARNING))
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors:
        raise CheckFailed(issues)
    for issue in capped(issues):
        if (project.root, said := issue.format()) not in SAID:  # a command checks more than once (`mark`: before and after)
            SAID.add((project.root, said))
            log.warning(said, extra={ISSUES: issue.count})  # the warnings it stands for: 'N more problem(s) ... not shown' is N
    return data


ISSUES = "checklist_site_issues"  # a said issue's log record: how many of the data's problems it says (``Issue.count``)


def enclosing(folder: Path) -> Path | None:
    """The nearest folder above ``folder`` that is a checklist-site project (it holds mkdocs.yml and data/), or None."""
    for parent in folder.parents:
        if (parent / "mkdocs.yml").is_file() and (parent / "data").is_dir():
            return parent
    return None


def _no_data(project: Project) -> SiteError:
    """What a command says where the project has no data/: run outside any project (no mkdocs.yml either), or a project
    without checklists ('data does not exist', with a hint to pass a path the command did not take)."""
    root = str(project.root)
    if not project.config.exists():
        above = enclosing(project.root)
        if above is not None:  # run from docs/ or data/: the hint named no folder, where the one above is the project
            up = os.path.relpath(above, os.getcwd())
            if up == ".":  # -C named a folder inside the project run from
                return UsageError(
                    f"{root} is not a checklist-site project: it has no mkdocs.yml and no data/; it is inside this one",
                    "leave out -C DIR: this folder is the project",
                )
            return UsageError(
                f"{root} is not a checklist-site project: it has no mkdocs.yml and no data/; it is inside the project {above}",
                f"run the command in the project's folder: cd {shlex.quote(up)} (or pass -C {shlex.quote(up)})",
            )
        return UsageError(
            f"{root} is not a checklist-site project: it has no mkdocs.yml and no data/",
            "run the command in the project's folder (the one holding mkdocs.yml), or pass -C DIR; to start one: checklist-site init DIR",
        )
    return BuildError(
        f"{project.display(project.data)}/ does not exist: the project has no checklist files",
        "add one: checklist-site new ID, or checklist-site import FILE.md -o data/ID.yaml",
    )


def checker() -> Callable[[Project], Data]:
    """:func:`check` with a cache of its own: a command that checks data/ more than once (a recording checks before,
    under the lock and after it writes) loads each file once while its bytes stay the same (10,000 entries: `mark`
    7.7 s -> 3.5 s)."""
    cache = FileCache()
    return lambda project: check(project, cache=cache)


SAID: set[tuple[Path, str]] = set()  # the warnings said in this command (cleared as each starts), and for the meeting's whole run
