"""Find helper programs (zensical, chromium) where the user installed them.

A program installed into the same virtual environment as checklist-site sits next to the running
interpreter, whether or not that environment is activated; look there first, then on PATH.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
import sysconfig
from pathlib import Path


def interpreter_dirs() -> list[Path]:
    """The folders of the running environment's scripts: sysconfig's, then the interpreter's own."""
    dirs: list[Path] = []
    for candidate in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        if candidate and Path(candidate) not in dirs:
            dirs.append(Path(candidate))
    return dirs


def find_program(name: str) -> str | None:
    """The program's path: next to the running interpreter first, then on PATH; None if absent.

    >>> find_program("no-such-program-here") is None
    True
    """
    for folder in interpreter_dirs():
        found = shutil.which(name, path=str(folder))
        if found:
            return found
    return shutil.which(name)


def data_revision(folder: Path) -> str:
    """The commit that last changed ``folder`` (git's short hash), with '+ uncommitted changes' when
    it has some; '' when git is missing or the folder is not in a git repository. Never fails."""
    import subprocess

    git = find_program("git")
    if git is None or not folder.is_dir():
        return ""

    def run(*args: str) -> str:
        result = subprocess.run([git, "-C", str(folder), *args], capture_output=True, text=True, timeout=30)
        return result.stdout.strip() if result.returncode == 0 else ""

    try:
        commit = run("log", "-1", "--format=%h", "--", ".")
        if not commit:
            return ""
        return commit + (" + uncommitted changes" if run("status", "--porcelain", "--", ".") else "")
    except (OSError, subprocess.SubprocessError):
        return ""


def git_dir(root: Path) -> Path | None:
    """The git folder of the repository (or worktree) holding ``root``; None when it is in none. Asks the disk only."""
    for folder in (root, *root.parents):
        dot = folder / ".git"
        if dot.is_file():  # a worktree or a submodule: 'gitdir: PATH'
            try:
                text = dot.read_text(encoding="utf-8").strip()
            except (OSError, UnicodeDecodeError):
                return None
            return folder / text.removeprefix("gitdir:").strip() if text.startswith("gitdir:") else None
        if dot.is_dir():
            return dot
        if dot.exists():
            return None
    return None


def git_updating(root: Path) -> Path | None:
    """The index lock of the git repository holding ``root`` while a git command (a pull, a checkout, a merge, a revert)
    holds it, writing the work tree: its files may be half written for a moment (git does not write them whole in one
    step); None when no git command holds it, or ``root`` is in no repository. Asks the disk only, never git."""
    gitdir = git_dir(root)
    lock = gitdir / "index.lock" if gitdir is not None else None
    return lock if lock is not None and lock.exists() else None


DETACHED = "a detached HEAD"  # what :func:`git_branch` says of a checkout of a commit, a tag, or a rebase under way


def _head(gitdir: Path) -> str:
    try:
        return (gitdir / "HEAD").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""


def git_branch(root: Path) -> str:
    """The branch checked out in the repository holding ``root`` (:data:`DETACHED` for none: a commit or a tag checked
    out, a rebase under way); '' when ``root`` is in no repository. Asks the disk only, never git."""
    gitdir = git_dir(root)
    head = _head(gitdir) if gitdir is not None else ""
    if not head:
        return ""
    return head.removeprefix("ref:").strip().removeprefix("refs/heads/") if head.startswith("ref:") else DETACHED


def git_commit(root: Path) -> str:
    """The commit checked out on a detached HEAD in the repository holding ``root`` ('' on a branch, or outside git)."""
    gitdir = git_dir(root)
    head = _head(gitdir) if gitdir is not None else ""
    return head if re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", head) else ""


def git_rebasing(root: Path) -> str:
    """The branch a rebase under way in the repository holding ``root`` rewrites ('' for none): its HEAD is detached
    until the rebase ends (a `git pull --rebase` too), the work tree one of the commits it replays. Asks the disk only."""
    gitdir = git_dir(root)
    if gitdir is None:
        return ""
    for state in ("rebase-merge", "rebase-apply"):
        try:
            name = (gitdir / state / "head-name").read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError):
            continue
        return name.removeprefix("refs/heads/") if name.startswith("refs/") else DETACHED
    return ""


def git_moves(root: Path, since: int = 0) -> tuple[list[tuple[str, str, str]], int]:
    """What moved HEAD in the repository holding ``root`` since byte ``since`` of its reflog, each (from, to, what: git's
    own words, 'checkout: moving from main to v2.0', 'commit: ...'), and the reflog's size (to ask from next time); a
    ``since`` past its end (a reflog expired since) reads from its end. Asks the disk only."""
    gitdir = git_dir(root)
    try:
        with open(gitdir / "logs" / "HEAD", "rb") if gitdir is not None else open(os.devnull, "rb") as log:
            since = min(since, os.fstat(log.fileno()).st_size)
            log.seek(since)
            text = log.read()
    except OSError:
        return [], since
    text = text[: text.rfind(b"\n") + 1]  # a line git is writing: the next look reads it whole
    moves = []
    for line in text.decode("utf-8", "replace").splitlines():
        fields, _, what = line.partition("\t")
        words = fields.split(" ", 2)
        if len(words) == 3:
            moves.append((words[0], words[1], what))
    return moves, since + len(text)


def installed_version(name: str) -> str | None:
    """The installed version of the distribution ``name`` (None: not installed), as ``importlib.metadata.version`` gives
    it: read from the name of its ``NAME-VERSION.dist-info`` folder (the wheel's form, which pip installs), the first along
    ``sys.path``; otherwise from its metadata. Importing importlib.metadata (with the e-mail parser it reads metadata
    with) cost every build 0.04-0.06 s before its check, for a few version numbers that only key what is kept."""
    wanted = _normalized(name)
    for folder in sys.path:
        found = _dist_infos(folder or ".").get(wanted)
        if found is not None:
            return found
    import importlib.metadata

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def _normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


@functools.lru_cache(maxsize=64)
def _dist_infos(folder: str) -> dict[str, str]:
    """The wheels' dist-info folders of ``folder``: normalized name -> version (a folder listed once a process)."""
    found: dict[str, str] = {}
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return found
    for entry in names:
        name, dash, version = entry.removesuffix(".dist-info").partition("-")
        if entry.endswith(".dist-info") and dash and version and "-" not in version:
            found.setdefault(_normalized(name), version)
    return found

