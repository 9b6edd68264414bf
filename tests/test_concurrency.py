"""Several writers at once: one project lock, no lost update, no half-built site."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

from generator.build import Project, check

from .conftest import ROOT, make_project, run_cli

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def _cli(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "generator", *args], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _says_it_waits(proc: subprocess.Popen[str]) -> str:
    """The first line the command writes to stderr, once it has started and found the lock held (the test holds it)."""
    import select

    assert proc.stderr is not None
    ready, _, _ = select.select([proc.stderr], [], [], 60)
    line = proc.stderr.readline() if ready else ""
    assert "waiting for another checklist-site command to finish" in line, line
    return line


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_twenty_marks_at_once_are_all_recorded(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    data = check(Project.at(project))
    status = data.status("realserv-launch")
    recorded = {e.id for e in status.items} if status else set()
    items = [i.id for i in data.checklists[0].section_items() if i.id not in recorded][:20]
    assert len(items) == 20
    procs = [_cli("-C", str(project), "mark", ident, "--done", "--by", f"Tester {n}", "--date", "2026-01-12") for n, ident in enumerate(items)]
    results = [(p.wait(timeout=300), *p.communicate()) for p in procs]
    for code, out, err in results:
        assert code == 0, err
        assert out.startswith("recorded data/realserv-launch.record/"), out
    after = check(Project.at(project)).status("realserv-launch")
    assert after is not None
    for n, ident in enumerate(items):
        entry = after.item(ident)
        assert entry is not None and entry.by == f"Tester {n}" and entry.state.value == "done", ident
    assert {e.id for e in after.items} == recorded | set(items)
    assert len(list((project / "data" / "realserv-launch.record").glob("*.yaml"))) == 20  # one entry file each
    assert not list((project / "data").rglob(".*tmp")), "no temporary files are left behind"


def test_a_second_writer_waits_says_so_and_works_on_the_latest_state(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / ".checklist-site").mkdir()
    lock = FileLock(str(project / ".checklist-site" / "lock"))
    record = project / "data" / "realserv-launch.record"
    with lock:
        proc = _cli("-C", str(project), "mark", "twilio-sms-used", "--done", "--by", "Arun", "--date", "2026-01-12")
        said = _says_it_waits(proc)
        time.sleep(0.3)
        assert proc.poll() is None, "the writer must wait for the lock"
        # The holder records the same item meanwhile: the waiting writer must see it (and not replace it unasked).
        record.mkdir()
        (record / "20260112T090000Z-priya-00000000.yaml").write_text(
            "checklist: realserv-launch\nby: Priya\nat: 2026-01-12T09:00:00Z\nchanges:\n  - {item: twilio-sms-used, state: n/a}\n", encoding="utf-8"
        )
    out, err = proc.communicate(timeout=120)
    err = said + err
    assert proc.returncode == 1 and "item 'twilio-sms-used' was recorded n/a by Priya at 2026-01-12T09:00:00+00:00" in err, err
    assert len(list(record.iterdir())) == 1


def test_overlapping_builds_leave_a_complete_site_and_pages(tmp_path: Path, built_project: Path) -> None:
    project = make_project(tmp_path / "p")
    first = _cli("-C", str(project), "build")
    time.sleep(0.4)
    second = _cli("-C", str(project), "build")
    for proc in (first, second):
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    reference_site, site = _files(built_project / "site"), _files(project / "site")
    assert sorted(site) == sorted(reference_site)
    for folder in ("assets", "images", "schema", "checklists", "runbooks"):
        assert any(name.startswith(folder + "/") for name in site), folder
    assert _files(project / "docs" / "checklists") == _files(built_project / "docs" / "checklists")
    assert _files(project / "docs" / "runbooks") == _files(built_project / "docs" / "runbooks")
    work = project / ".checklist-site"
    # no staging left: the first build's pages only set aside (and the store of the pages filled, for the next build)
    assert sorted(p.name for p in work.iterdir()) == ["discarded", "filled", "lock"]
    assert sorted(p.name.rsplit("-", 1)[0] for p in (work / "discarded").iterdir()) == ["checklists.old", "runbooks.old", "site.old"]


def test_import_and_mark_take_the_lock(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / ".checklist-site").mkdir()
    source = tmp_path / "list.md"
    source.write_text("# Launch\n\n## Security\n\n- [ ] TLS everywhere\n", encoding="utf-8")
    with FileLock(str(project / ".checklist-site" / "lock")):
        proc = _cli("-C", str(project), "import", str(source), "-o", str(project / "data" / "extra.yaml"))
        _says_it_waits(proc)
        time.sleep(0.3)
        assert proc.poll() is None and not (project / "data" / "extra.yaml").exists()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert (project / "data" / "extra.yaml").exists()


def test_new_takes_the_lock_and_never_writes_over_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`new` checked that data/ID.yaml did not exist, then wrote it, outside the lock and not in one step: a `new` of the
    same id at once (or an `import -o` of that file) could be written over, and a killed one left half a file."""
    import threading

    from generator import project as project_module

    monkeypatch.setattr(project_module, "LOCK_WAIT_NOTICE", 0.05)
    root = make_project(tmp_path / "p")
    (root / ".checklist-site").mkdir()
    other = FileLock(str(root / ".checklist-site" / "lock"), thread_local=False)  # another command's hold (another thread's)
    holder = threading.Thread(target=other.acquire)
    holder.start()
    holder.join()
    done = threading.Timer(0.3, other.release)
    done.start()
    result = run_cli("-C", str(root), "new", "web-launch", "--title", "Web launch")
    done.join()
    assert result.returncode == 0 and "waiting for another checklist-site command to finish" in result.stderr, result.stderr
    assert not [p for p in (root / "data").iterdir() if p.name.startswith(".")]  # no temporary file left
    again = run_cli("-C", str(root), "new", "web-launch", "--title", "Another")
    assert again.returncode == 1 and "new never overwrites a file" in again.stderr
    assert "title: \"Web launch\"" in (root / "data" / "web-launch.yaml").read_text(encoding="utf-8")


_KILLED_MID_WRITE = """
import os, sys, time
sys.argv = ["checklist-site", "-C", sys.argv[1], "mark", "twilio-sms-used", "--done", "--by", "Arun"]
def stuck(src, dst):  # the entry's text is written and synced to its temporary file; the process dies before linking it
    print("written", flush=True)
    time.sleep(600)
os.link = stuck
from generator.cli import program
program()
"""


def test_a_writer_killed_mid_write_leaves_no_entry_no_lock_and_no_litter(tmp_path: Path) -> None:
    """SIGKILL between writing an entry and putting it in place: nothing is recorded, the lock is free at once (the next
    `mark` does not wait), and the temporary file it left, which `meeting --commit` (git add of the folder) would have
    committed, is cleared by the next writer."""
    import signal

    project = make_project(tmp_path / "p")
    (project / "data" / "realserv-launch.status.yaml").unlink()
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_MID_WRITE, str(project)], env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline() == "written\n", proc.stderr.read() if proc.stderr else ""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(30)
    folder = project / "data" / "realserv-launch.record"
    left = [p.name for p in folder.iterdir()]
    assert len(left) == 1 and left[0].startswith(".") and left[0].endswith(".tmp"), left  # what the kill left: hidden, not an entry
    assert check(Project.at(project)).status("realserv-launch") is None  # nothing recorded, the record reads
    started = time.monotonic()
    again = _cli("-C", str(project), "mark", "twilio-sms-used", "--done", "--by", "Arun")
    _, err = again.communicate(timeout=60)
    assert again.returncode == 0 and "waiting" not in err, err
    assert time.monotonic() - started < 30
    assert [p.name.startswith(".") for p in folder.iterdir()] == [False]  # the entry, and no litter
