"""The queue two processes take the pages of paper from to scan them (publish._Queue): each page taken exactly once."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.beside import can_fork
from generator.publish import _Queue

from .conftest import make_project, run_cli


@pytest.mark.skipif(not can_fork(), reason="no fork here")
@pytest.mark.parametrize("count", [0, 3, 2500])  # 2500 indices: 10 KB, put in several whole writes of 4 KB
def test_two_processes_take_every_page_once(count: int, tmp_path: os.PathLike[str]) -> None:
    pages = [f"checklists/c/sheets/s{n}/index.html" for n in range(count)]
    queue = _Queue(pages)
    out = os.path.join(tmp_path, "child")
    pid = os.fork()
    if pid == 0:  # the other process: puts them all in, then takes its share
        code = 1
        try:
            queue.put(list(reversed(pages)))
            with open(out, "w", encoding="utf-8") as f:
                f.write("\n".join(queue.take()))
            code = 0
        finally:
            os._exit(code)
    queue.done_writing()  # as publish does once the other process runs: the queue ends when that one has put its pages
    mine = list(queue.take())
    _, status = os.waitpid(pid, 0)
    queue.close()
    assert os.waitstatus_to_exitcode(status) == 0
    with open(out, encoding="utf-8") as f:
        theirs = [line for line in f.read().split("\n") if line]
    assert sorted(mine + theirs) == sorted(pages)  # none lost, none taken twice


def test_a_queue_ended_here_takes_nothing_and_says_so() -> None:
    queue = _Queue(["a", "b"])
    queue.done_writing()
    assert queue.put(["a"]) is None and list(queue.take()) == []
    queue.close()
    alone = _Queue(["a", "b"])
    assert alone.put(["b", "a"]) == [] and list(alone.take()) == ["b", "a"]  # one process: it takes them all
    alone.close()


def test_a_full_pipe_leaves_the_rest_to_this_process_never_waiting() -> None:
    pages = [f"p{n}" for n in range(40_000)]  # 160 KB of indices: more than a pipe holds
    queue = _Queue(pages)
    left = queue.put(pages)
    assert left is not None and 0 < len(left) < len(pages)
    assert sorted(list(queue.take()) + left) == sorted(pages)
    queue.close()


@pytest.mark.skipif(not can_fork(), reason="no fork here")
def test_both_processes_scan_the_pages_of_paper_one_at_a_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build's two processes share the scan of the pages of paper: each takes one page at a time, so the one that ends
    its own pages first goes on with the other's (the other process took them all at once, and the build's own waited
    for it: 0.1-0.16 s at 10,000 items). Here every page of paper takes the other process a while to scan, so that this
    one ends its own pages first however loaded the machine (a short wait in both let the other take them all under
    load): both scan some, each one once."""
    import importlib

    scanning = importlib.import_module("generator.publish.scan")  # the module (publish.scan is also a function's name)

    seen = tmp_path / "seen"
    real = scanning.scan_page
    here = os.getpid()  # the build's own process: the command line runs in this one

    def slow(path: Path, page: str) -> list[object]:
        if "/sheets/" in page or "packet" in page:
            time.sleep(0.15 if os.getpid() != here else 0)
            with seen.open("a", encoding="utf-8") as f:
                f.write(f"{os.getpid()} {page}\n")
        return real(path, page)

    monkeypatch.setattr(scanning, "scan_page", slow)
    project = make_project(tmp_path / "p")
    assert run_cli("-C", str(project), "build").returncode == 0
    lines = [line.split(" ", 1) for line in seen.read_text(encoding="utf-8").splitlines()]
    pages = [page for _, page in lines]
    assert len(pages) == len(set(pages)) > 10  # each page of paper scanned once
    by = {pid for pid, _ in lines}
    assert str(os.getpid()) in by and len(by) == 2, by  # by this process and the other
