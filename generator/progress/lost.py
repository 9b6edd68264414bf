"""Record entries git has seen that the record lacks: the run's latest entry dropped by a force-push, a reset or a rebase,
or one a revert removed.

An entry names the run's latest entry its writer had (``after:``), so ``fold.dropped`` finds a dropped entry wherever one
recorded after it is kept; the last entry of a run has none after it. Git still knows it where its commit was seen: a
commit that only the reflogs reach (a branch reset or force-pushed over, the remote's branch fetched before and after
the force-push) and that added an entry file the record does not have by name (not in this run, nor moved to another)
lost a recording; so did a commit of the branch that removed one from a run still open (a revert of the commit that
recorded it). `check` and `run close` warn of each, with the commit to put it back from.
"""

from __future__ import annotations

import logging
import subprocess
from typing import TYPE_CHECKING, Iterator

from ..errors import Issue, Loc, Severity
from ..format.fold import RECORD_SUFFIX, dropped
from ..programs import find_program, git_dir

if TYPE_CHECKING:
    from ..format.model import Data
    from ..project import Project

log = logging.getLogger("checklist_site")
SHOWN = 10  # lost entries said one by one; the rest counted in one line


UNREACHABLE_ADDED = ("--reflog", "--not", "--all", "--diff-filter=A")  # added by a commit only git's reflogs reach
REMOVED = ("HEAD", "--diff-filter=D")  # removed by a commit of the branch checked out (a revert, a git rm)
IN_BRANCHES = ("--all", "--diff-filter=A")  # added by a commit a branch (or a tag, a remote's branch) holds


def _changed(project: Project, which: tuple[str, ...]) -> list[tuple[str, str, str]]:
    """(path under data/, commit, its subject) of each file of data/ that the commits ``which`` selects added or removed;
    none where git is missing, data/ is in no repository, or git fails. ``--no-renames``: an entry added beside a similar
    one removed is an addition, not a rename (and one moved to another run's folder is kept by its name)."""
    git = find_program("git")
    if git is None:
        return []
    command = [git, "-C", str(project.data), "log", *which, "--relative", "--no-renames"]
    try:
        done = subprocess.run([*command, "--name-only", "--format=%x00%h%x00%s", "--", "."], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return []
    if done.returncode != 0:
        return []
    found: list[tuple[str, str, str]] = []
    commit = subject = ""
    for line in done.stdout.splitlines():
        if line.startswith("\x00"):
            _, commit, subject = (line.split("\x00") + ["", ""])[:3]
        elif line and commit:
            found.append((line, commit, subject))
    return found


def _is_entry(path: str) -> bool:
    """An entry file's place under data/: <id>.record/NAME.yaml or <id>.record/<run>/NAME.yaml."""
    parts = path.split("/")
    return parts[-1].endswith(".yaml") and not parts[-1].startswith(".") and 2 <= len(parts) <= 3 and parts[0].endswith(RECORD_SUFFIX)


def lost_entries(project: Project, data: Data) -> Iterator[Issue]:
    """A warning for each entry file the record lacks by name (in any run) that a commit only the reflogs reach added, or
    that a commit of the branch removed from a run still open (a revert of the commit that recorded it: the record forgot
    who recorded what; one removed from a closed run, as check says of an entry recorded after the close, is not)."""
    have = {e.source.rpartition("/")[2] for s in (*data.statuses, *data.runs) for e in s.entries}
    seen: set[str] = set()
    branches: set[str] | None = None  # the entries some branch added, asked of git once there is one to judge
    for path, commit, subject in _changed(project, UNREACHABLE_ADDED):
        name = path.rpartition("/")[2]
        if not _is_entry(path) or name in have or name in seen:
            continue
        if branches is None:  # a branch rebased and not merged yet: its first commits only the reflogs reach, its entries in it
            branches = {p.rpartition("/")[2] for p, _, _ in _changed(project, IN_BRANCHES)}
        if name in branches:
            continue
        seen.add(name)
        shown = project.display(project.data / path)
        message = f"this entry, added by commit {commit} ('{subject}'), is in no branch now and the record does not have it: "
        message += "dropped by a force-push, a reset or a rebase?"
        hint = f"an entry is never removed: put it back with git checkout {commit} -- '{shown}' and commit it"
        yield Issue(Loc(shown), message, hint, Severity.WARNING)
    for path, commit, subject in _changed(project, REMOVED):
        name = path.rpartition("/")[2]
        if not _is_entry(path) or name in have or name in seen or _closed(data, path):
            continue
        seen.add(name)
        shown = project.display(project.data / path)
        message = f"this entry was removed by commit {commit} ('{subject}'): an entry is never removed, and the record forgot who recorded what"
        hint = "to undo a recording, record the state again (a sign-off: checklist-site signoff GROUP --withdraw; an attendee: attend NAME "
        hint += "--withdraw; a run's close: run reopen RUN --reason TEXT; both stay in the history); "
        hint += f"put this one back with git checkout {commit}^ -- '{shown}'"
        yield Issue(Loc(shown), message, hint, Severity.WARNING)
    if not seen and _shallow(project) and any(dropped(data)):
        message = ("this clone is shallow (git clone --depth, as CI checks out): the commits that added or removed the entries the "
                   "record lacks (above) may be older than its history, so check cannot say which commit to put each back from")
        yield Issue(Loc(project.display(project.data)), message, "git fetch --unshallow, then checklist-site check again", Severity.WARNING)


def _shallow(project: Project) -> bool:
    """Whether the repository holding the project is a shallow clone (its history cut at --depth). Asks the disk only."""
    gitdir = git_dir(project.root)
    if gitdir is None:
        return False
    try:  # a worktree's folder names the repository's own, which holds the shallow file
        gitdir = gitdir / (gitdir / "commondir").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        pass
    return (gitdir / "shallow").is_file()


def _closed(data: Data, path: str) -> bool:
    """Whether the run of the entry file at ``path`` (under data/) is closed."""
    parts = path.split("/")
    status = data.status(parts[0].removesuffix(RECORD_SUFFIX), parts[1] if len(parts) == 3 else "")
    return status is not None and status.closed is not None


def warn_lost(project: Project, data: Data) -> int:
    """Say each lost entry (:func:`lost_entries`) as a warning, at most :data:`SHOWN` one by one; how many there are."""
    found = list(lost_entries(project, data))
    for issue in found[:SHOWN]:
        log.warning(issue.format())
    if len(found) > SHOWN:
        log.warning("%d more record entries are in no branch now and not in the record (git log --reflog --not --all -- data/)", len(found) - SHOWN)
    return len(found)
