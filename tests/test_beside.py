"""generator/beside.py: the data's outputs computed in a forked child while the engine builds."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.beside import Beside, can_fork
from generator.errors import BuildError

from .conftest import FIXTURES, make_project

needs_fork = pytest.mark.skipif(not can_fork(), reason="no fork here, or one CPU: Beside runs the function in place")


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * 2


def _fails() -> None:
    raise BuildError("it failed in the worker", "fix it")


def _sleeps() -> int:
    time.sleep(60)
    return 1


@needs_fork
def test_the_function_runs_in_another_process_and_its_value_comes_back() -> None:
    pid, doubled = Beside(_pid_and, 21).result()
    assert doubled == 42 and pid != os.getpid()


def test_without_fork_the_function_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")
    pid, doubled = Beside(_pid_and, 21).result()
    assert doubled == 42 and pid == os.getpid()


def test_an_error_in_the_worker_is_raised_here_with_its_message() -> None:
    with pytest.raises(BuildError, match="it failed in the worker"):
        Beside(_fails).result()


@needs_fork
def test_then_keeps_what_was_sent_once_it_is_handed_over_and_settle_waits_for_it(tmp_path: Path) -> None:
    """``then`` (the worker keeping what it made) runs in the child with the bytes it sent, while this process goes on;
    ``settle`` returns when it is done, and no child is left."""
    from generator.beside import settle

    marker = tmp_path / "kept"

    def then(sent: bytes) -> None:
        time.sleep(0.3)
        marker.write_bytes(str(os.getpid()).encode() + b" " + sent)

    beside = Beside(_pid_and, 21, then=then)
    pid, doubled = beside.result()
    assert doubled == 42 and beside.from_child
    settle()
    kept_pid, _, sent = marker.read_bytes().partition(b" ")
    assert int(kept_pid) == pid and __import__("pickle").loads(sent) == (pid, 42)
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)


@needs_fork
def test_cancel_stops_a_running_worker() -> None:
    beside = Beside(_sleeps)
    pid = beside._pid
    start = time.monotonic()
    beside.cancel()
    assert time.monotonic() - start < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no zombie left


def test_a_build_whose_blocks_fail_beside_the_engine_fails_cleanly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The blocks are rendered in the worker; when that fails, the build fails with the error, and the old site stays."""
    from generator import warm
    from generator.build import Project, build

    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")  # the blocks rendered again, not read back from the build before (kept.py)
    project_dir = make_project(tmp_path / "p", data=FIXTURES / "mini")
    (project_dir / "docs" / "index.md").write_text("# Mini\n", encoding="utf-8")
    project = Project.at(project_dir)
    build(project)
    before = {p: p.read_bytes() for p in sorted((project_dir / "site").rglob("*")) if p.is_file()}

    def broken(*_: object) -> dict[str, str]:
        raise BuildError("the sheets could not be rendered", "report it")

    monkeypatch.setattr(warm, "render_paper", broken)  # as the build calls it (with the blocks it kept)
    with pytest.raises(BuildError, match="the sheets could not be rendered"):
        build(project)
    assert {p: p.read_bytes() for p in sorted((project_dir / "site").rglob("*")) if p.is_file()} == before


@needs_fork
def test_the_scan_shared_with_a_second_process_reads_every_page_and_reports_as_one_process(tmp_path: Path) -> None:
    """build's safety scan: half the bytes read in a forked child, the same hits in the same order as one process gives."""
    from generator.build import _scan_beside
    from generator.publish.scan import scan

    clean = "<!doctype html><html><head><title>t</title></head><body><article>{}</article></body></html>"
    for n in range(12):
        body = "x" * (n * 5000) + (f'<a href="javascript:alert({n})">a</a><img src=x onerror="f({n})">' if n % 3 == 0 else "")
        page = tmp_path / f"p{n}" / "index.html"
        page.parent.mkdir()
        page.write_text(clean.format(body), encoding="utf-8")
    alone = scan(tmp_path)
    assert [hit.page for hit in alone] == [f"p{n}/index.html" for n in (0, 0, 3, 3, 6, 6, 9, 9)]
    assert scan(tmp_path, _scan_beside) == alone


@pytest.mark.skipif(not can_fork(), reason="no fork here: nothing runs beside")
def test_a_failed_publish_stops_the_frames_process_before_the_staging_is_cleared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """When filling the slots fails while the other process writes the pages of paper, that process is stopped before
    publish raises: the build then clears its staging, and no page may be written into it afterwards."""
    import shutil
    import time

    import generator.publish as publish_module
    from generator.build import _beside
    from generator.format.model import Data
    from generator.publish import Outputs, Publication, publish
    from generator.publish.assemble import MissingBlock
    from generator.publish.search import Additions
    from generator.site.layout import Urls

    site = tmp_path / "site.new"
    site.mkdir()

    def late_frames(p: Publication) -> list[str]:  # the child: still writing when this process fails
        time.sleep(0.6)
        (p.site_dir / "sheets").mkdir(parents=True, exist_ok=True)
        (p.site_dir / "sheets" / "late.html").write_text("<p>late</p>", encoding="utf-8")
        return ["sheets/late.html"]

    def failing(*_: object) -> None:
        raise MissingBlock("index.html: no block 'nope'", "nope")

    monkeypatch.setattr(publish_module, "_frames", late_frames)
    monkeypatch.setattr(publish_module, "fill_blocks", failing)
    p = Publication(site, Data(()), Outputs({}, {}, Additions((), frozenset())), {}, [], Urls(), beside=_beside)
    with pytest.raises(MissingBlock):
        publish(p)
    shutil.rmtree(site)  # what the build's recovery does with its staging
    time.sleep(1.0)
    assert not site.exists(), "the frames' process wrote into the staging after the build had failed and cleared it"


def test_a_frame_the_frames_process_cannot_use_is_reported_as_without_fork(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pages of paper are written by another process that takes each frame out once its pages are written: when a
    later frame fails, the build reports that frame, as it does without fork (not the first, which that process removed)."""
    from generator.build import _beside
    from generator.format.model import Data
    from generator.publish import Outputs, Publication, publish
    from generator.publish.search import Additions
    from generator.site.layout import FRAME_CONTENT, Page, Urls, block_key, frame_of

    framed = {f"checklists/{c}/sheets/s.md": (block_key(c, "sheet-s"),) for c in ("a", "b")}
    blocks = {key: "<p>sheet</p>" for keys in framed.values() for key in keys}
    messages = []
    for fork in (False, True):
        site = tmp_path / f"site-{fork}"
        for src, text in zip(framed, (f"<html>{FRAME_CONTENT}</html>", "<html>no marker</html>"), strict=True):
            frame = site / Urls().dest(frame_of(Page(src)))
            frame.parent.mkdir(parents=True)
            frame.write_text(text, encoding="utf-8")
        if fork:
            monkeypatch.delenv("CHECKLIST_SITE_NO_FORK", raising=False)
        else:
            monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")
        p = Publication(site, Data(()), Outputs(blocks, {}, Additions((), frozenset())), {}, [], Urls(), framed=framed, beside=_beside)
        with pytest.raises(BuildError) as raised:
            publish(p)
        messages.append(raised.value.message)
    assert "checklists/b/sheets/_frame.md" in messages[0]
    assert messages[1] == messages[0]


def test_stopped_while_waiting_for_the_children_after_the_swap_says_the_new_site_is_in_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build waits for its children (kept results, the old site's removal) after the new site is swapped in: a
    signal then stops it, and the message says what is in place (not 'unchanged')."""
    import signal

    import generator.build as build_module
    from generator.errors import Interrupted
    from generator.project import Project

    project = Project.at(make_project(tmp_path / "p", data=FIXTURES / "mini"))

    def stopped() -> None:
        if (project.root / "site").exists():  # after the swap (the finally of a failed build waits too)
            raise Interrupted(signal.SIGINT)

    monkeypatch.setattr(build_module, "settle", stopped)
    with pytest.raises(Interrupted) as raised:
        build_module.build(project)
    assert (project.root / "site" / "index.html").is_file()
    assert raised.value.state == "the new pages and site are in place"


def test_a_fork_the_system_refuses_leaves_the_work_to_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Out of processes or memory (fork fails with EAGAIN or ENOMEM), the work runs here, as where the system cannot fork."""
    import errno

    from generator.beside import later, settle

    def refused() -> int:
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", refused)
    monkeypatch.setattr("generator.beside.can_fork", lambda: True)
    pid, doubled = Beside(_pid_and, 21).result()
    assert doubled == 42 and pid == os.getpid()
    later((tmp_path / "kept").write_text, "kept")
    settle()
    assert (tmp_path / "kept").read_text() == "kept"
