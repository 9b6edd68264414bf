"""Held-out faults and payloads: writers that leave old or new state, names that differ only by an invisible character,
mkdocs.yml values the theme prints as HTML. In-process and small."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from generator.errors import BuildError

from .conftest import run_cli


def test_init_writes_the_whole_project_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`init` wrote file after file with write_bytes: stopped (Ctrl+C, SIGKILL, a full disk) after mkdocs.yml, it left a
    project with some files, or a truncated one, that the next `init` then 'kept (it exists)'. Now it writes every file
    it lacks beside its place and links them in at the end: none of them, or all."""
    from generator.exchange.scaffold import init

    real, calls = os.link, []

    def stopped(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(src, dst)

    project = tmp_path / "p"
    monkeypatch.setattr(os, "link", stopped)
    with pytest.raises(KeyboardInterrupt):
        init(project)
    assert [p for p in project.rglob("*")] == []

    def full(_src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "link", full)
    with pytest.raises(BuildError, match=r"cannot write .*p/\S+: No space left on device"):
        init(project)
    assert [p for p in project.rglob("*")] == []
    monkeypatch.undo()
    (project / "mkdocs.yml").write_text("site_name: Mine\n", encoding="utf-8")
    said = init(project, empty=True)
    assert f"kept {project / 'mkdocs.yml'} (it exists)" in said and (project / "mkdocs.yml").read_text(encoding="utf-8") == "site_name: Mine\n"
    assert (project / "data" / "checklist.yaml").is_file() and not list(project.rglob(".*.tmp"))


def test_init_holds_the_project_lock(tmp_path: Path) -> None:
    """`init` took no lock: two at once (or an `init` beside a `new`) each decided what existed, then wrote. It waits for
    the project's lock as every writer does, and writes nothing while another command holds it."""
    from filelock import FileLock

    project = tmp_path / "p"
    (project / ".checklist-site").mkdir(parents=True)
    other = FileLock(str(project / ".checklist-site" / "lock"))
    held, seen = threading.Event(), []

    def holder() -> None:
        with other:
            held.set()
            time.sleep(0.4)
            seen.append((project / "mkdocs.yml").exists())

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait()
    ran = run_cli("init", str(project), "--empty", "-q")
    thread.join()
    assert ran.returncode == 0, ran.stderr
    assert seen == [False] and (project / "mkdocs.yml").is_file()


def test_every_writer_goes_through_the_one_atomic_path() -> None:
    """The writers of a project's files (init, new, import -o, the record, export -o, pdf, links --fix) each had their own
    temporary-file code, one without fsync, init none at all. Only generator/files.py links or renames a finished file into
    place among them now (the build's staging and swap, and caches, are publish/write.py's and their own)."""
    import re

    from .conftest import ROOT

    writers = ["exchange/scaffold.py", "exchange/importing.py", "progress/record.py", "commands/exchange.py", "exchange/pdf.py", "exchange/annotate.py"]
    for rel in writers:
        for n, line in enumerate((ROOT / "generator" / rel).read_text(encoding="utf-8").splitlines(), 1):
            assert "# scratch" in line or not re.search(r"os\.(link|replace|rename)\(|\.write_(text|bytes)\(|mkstemp\(", line), f"{rel}:{n}"
