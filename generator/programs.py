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
