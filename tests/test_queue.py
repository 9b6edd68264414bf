"""The queue two processes take the pages of paper from to scan them (publish._Queue): each page taken exactly once."""

from __future__ import annotations

import os

import pytest

from generator.beside import can_fork
from generator.publish import _Queue


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
