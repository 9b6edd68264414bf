"""Builds stopped by signals at each stage, and failed writes: docs/ and site/ are old or new, never mixed."""

from __future__ import annotations

import errno
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.build import Project, build

from .conftest import ROOT, run_cli

OLD_TEXT = "Input Validation"  # a group heading: in the page's Markdown in docs/ and on the built page
NEW_TEXT = "Input Checks Edited"
PAGE = "checklists/realserv-launch/security/index.html"
SOURCE = "checklists/realserv-launch/security.md"


def _state(project: Path) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for top in ("docs/checklists", "docs/runbooks", "site"):
        for p in sorted((project / top).rglob("*")):
            if p.is_file():
                out[p.relative_to(project).as_posix()] = p.read_bytes()
    return out


def _which(project: Path, old: dict[str, bytes]) -> str:
    """'old' when docs/ and site/ are exactly as before; 'new' when both hold the edit and are complete."""
    now = _state(project)
    if now == old:
        return "old"
    complete = sorted(now) == sorted(old)
    edited = NEW_TEXT.encode() in now.get(f"docs/{SOURCE}", b"") and NEW_TEXT.encode() in now.get(f"site/{PAGE}", b"")
    assert complete and edited, f"mixed or incomplete: {sorted(set(now) ^ set(old))[:5]}, docs edited: {NEW_TEXT.encode() in now.get(f'docs/{SOURCE}', b'')}"
    return "new"


@pytest.fixture
def edited(tmp_path: Path, built_project: Path) -> tuple[Path, dict[str, bytes]]:
    """A built project whose data was edited since: (project, its docs and site as built)."""
    project = tmp_path / "p"
    shutil.copytree(built_project, project, symlinks=True)
    old = _state(project)
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(OLD_TEXT, NEW_TEXT), encoding="utf-8")
    return project, old


def _left(project: Path) -> list[str]:
    """What the work folder holds besides the stores of filled pages (``assemble.Filled``: kept for the next build, as the
    cache folder's results are): no staging, journal or folder set aside."""
    return sorted(p.name for p in (project / ".checklist-site").iterdir() if p.name != "filled")


def _break_data_and_recover(project: Path) -> None:
    """The next run (a build that fails its check) recovers what a stopped run left, and changes nothing else."""
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("critical: true}", "critcal: true}", 1), encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1 and "unknown key 'critcal'" in result.stderr
    assert _left(project) == ["lock"]


def _stop_at(project: Path, stage: str, signum: int, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    marker = tmp_path / "paused"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CHECKLIST_SITE_PAUSE_AT": stage, "CHECKLIST_SITE_PAUSE_FILE": str(marker)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "build"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 240
    while not marker.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, f"the build never reached {stage}"
        time.sleep(0.05)
    proc.send_signal(signum)
    time.sleep(0.2)
    marker.unlink()  # a stage that holds signals back (the swap) goes on, then stops
    out, err = proc.communicate(timeout=240)
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


@pytest.mark.parametrize(
    "stage, signum, expected",
    [
        ("checked", signal.SIGTERM, "old"),
        ("staged", signal.SIGHUP, "old"),
        ("built", signal.SIGTERM, "old"),
        ("built", signal.SIGINT, "old"),
        ("swapping", signal.SIGTERM, "new"),
        ("swapped", signal.SIGTERM, "new"),
    ],
    ids=["checked-term", "staged-hup", "built-term", "built-int", "swapping-term", "swapped-term"],
)
def test_a_signal_stops_the_build_with_old_or_new_state(edited: tuple[Path, dict[str, bytes]], tmp_path: Path, stage: str, signum: int, expected: str) -> None:
    project, old = edited
    result = _stop_at(project, stage, signum, tmp_path)
    assert result.returncode == 128 + signum, result.stderr
    assert "Traceback" not in result.stderr
    state = _which(project, old)
    assert state == expected
    assert ("the new pages and site are in place" if state == "new" else "the previous pages and site are unchanged") in result.stderr
    assert (project / "docs" / "index.md").exists()
    _break_data_and_recover(project)
    assert _which(project, old) == expected


@pytest.mark.parametrize("stage", ["staged", "built", "swapping", "swapped"])
def test_a_killed_build_is_recovered_by_the_next_run(edited: tuple[Path, dict[str, bytes]], tmp_path: Path, stage: str) -> None:
    project, old = edited
    result = _stop_at(project, stage, signal.SIGKILL, tmp_path)
    assert result.returncode == -signal.SIGKILL
    assert any((project / ".checklist-site").iterdir())  # leftovers: staging, or a journal
    if stage != "swapping":  # killed mid-swap, docs/ and site/ are mixed until the next run puts them back
        assert _which(project, old) == ("new" if stage == "swapped" else "old")
    _break_data_and_recover(project)
    assert _which(project, old) == ("new" if stage == "swapped" else "old")


def test_a_full_disk_leaves_the_old_state(edited: tuple[Path, dict[str, bytes]]) -> None:
    """Files larger than 64 KB cannot be written (RLIMIT_FSIZE, as a full disk would refuse them)."""
    project, old = edited

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "-C", str(project), "build"],
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=small_files,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert "File too large" in result.stderr and "the previous pages and site are unchanged" in result.stderr
    assert _which(project, old) == "old"
    assert _left(project) == ["lock"]


def test_a_read_only_folder_at_the_last_move_puts_the_moved_folders_back(edited: tuple[Path, dict[str, bytes]], monkeypatch: pytest.MonkeyPatch) -> None:
    """The site's folder refuses the rename (as a read-only folder would) after docs/ folders were moved in."""
    project, old = edited
    import generator.publish.write as write

    real_rename = os.rename
    site = str(project / "site")

    def rename(src: str | Path, dst: str | Path) -> None:
        if str(dst) == site and "site.new" in str(src):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))
        real_rename(src, dst)

    monkeypatch.setattr(write.os, "rename", rename)
    with pytest.raises(PermissionError):
        build(Project.at(project))
    assert _which(project, old) == "old"
    assert _left(project) == ["lock"]


def test_ctrl_c_while_the_program_starts_is_said_without_a_traceback(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Ctrl+C while Python imports the command line (up to a second on a loaded machine), before it handles signals,
    printed the traceback of the import it stopped, for every command. In process: the import of generator.cli stopped."""
    import importlib.abc

    import generator.__main__ as entry
    import generator.cli  # noqa: F401 - loaded, to be taken out of sys.modules for the test (and put back after)

    class Stopped(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, *_: object) -> None:
            if name == "generator.cli":
                raise KeyboardInterrupt

    monkeypatch.delitem(sys.modules, "generator.cli")
    monkeypatch.setattr(sys, "meta_path", [Stopped(), *sys.meta_path])
    with pytest.raises(SystemExit) as stopped:
        entry.program()
    assert stopped.value.code == 130
    assert capsys.readouterr().err == "interrupted while starting; nothing was changed\n"
