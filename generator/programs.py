"""Find helper programs (zensical, chromium) where the user installed them.

A program installed into the same virtual environment as checklist-site sits next to the running
interpreter, whether or not that environment is activated; look there first, then on PATH.
"""

from __future__ import annotations

import os
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


def git_branch(root: Path) -> str:
    """The branch checked out in the repository holding ``root`` (:data:`DETACHED` for none: a commit or a tag checked
    out, a rebase under way); '' when ``root`` is in no repository. Asks the disk only, never git."""
    gitdir = git_dir(root)
    if gitdir is None:
        return ""
    try:
        head = (gitdir / "HEAD").read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return head.removeprefix("ref:").strip().removeprefix("refs/heads/") if head.startswith("ref:") else DETACHED
