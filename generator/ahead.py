"""Processes a command starts ahead of its own imports: Zensical's, for `build --engine zensical`.

A ``zensical build`` process spends about 0.2 s starting Python and importing Zensical before it reads
its configuration. The command line starts it as soon as it knows the command (before importing the
build, MkDocs and the rest), so that those imports and Zensical's run side by side; the build then
takes the process (:func:`take`) and hands it the configuration (``zensical.Zensical``). A process no
build takes ends with this one: its standard input closes, and on Linux it is killed with it.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

from .programs import find_program, interpreter_dirs

# Run by this interpreter: Zensical's imports, then, once the build sends the configuration's path on
# standard input, `zensical build -f PATH` (its own command line, so that it behaves as the program
# does). An empty line or a closed pipe (the build failed or was stopped) ends it without building; on
# Linux it is killed with the build's process, so that no Zensical of a killed build goes on writing into
# the staging folder or the cache that the next build uses. argv[1]: the build's process id.
_PRELUDE = """\
import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
if sys.platform == "linux":
    import ctypes
    ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != int(sys.argv[1]):
        sys.exit(3)
import zensical, zensical.config, zensical.extensions.autorefs, zensical.compat.mkdocstrings, zensical.main
path = sys.stdin.readline().rstrip("\\n")
if not path:
    sys.exit(3)
sys.argv = ["zensical", "build", "-f", path]
zensical.main.cli()
"""

Started = tuple["subprocess.Popen[bytes]", IO[bytes]]  # the process, and the file its output goes to
_started: dict[Path, Started] = {}


def importable_here(exe: str) -> bool:
    """Whether ``exe`` is the zensical of this interpreter's environment, so that this interpreter can run it."""
    return Path(exe).parent in interpreter_dirs() and importlib.util.find_spec("zensical") is not None


def zensical(root: Path) -> Started | None:
    """Zensical's process for a build of the project at ``root``, started now (its imports, then a wait for the
    configuration's path on its standard input); None where this interpreter cannot run Zensical."""
    exe = find_program("zensical")
    if exe is None or not importable_here(exe):
        return None
    out = tempfile.TemporaryFile()  # a file, so that it never waits for this process to read a pipe
    proc = subprocess.Popen([sys.executable, "-P", "-c", _PRELUDE, str(os.getpid())], cwd=root, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT)
    return proc, out


def start_zensical(root: Path) -> None:
    """Start Zensical's process for the build of ``root`` that this command is about to run (see :func:`take`)."""
    if root not in _started:
        started = zensical(root)
        if started is not None:
            _started[root] = started


def take(root: Path) -> Started | None:
    """The process :func:`start_zensical` started for ``root``, if it still runs (for the build to use, once)."""
    started = _started.pop(root, None)
    if started is not None and started[0].poll() is not None:
        started[1].close()
        return None
    return started
