"""A large checklist's sections converted in two processes (generator/format/split.py) give the full load, or it is the full load."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.synth import checklist_yaml
from generator.beside import Beside, can_fork
from generator.format import split
from generator.format.validate import load_data_file

from .test_incremental import DISPLAY, PIECES, REALSERV, _locs


class _Here:
    """``Beside``'s interface, computed in this process (hypothesis runs many examples: no fork for each)."""

    def __init__(self, fn: Any, *args: Any) -> None:
        self._value = fn(*args)

    def result(self) -> Any:
        return self._value


def _same_as_full(path: Path, beside: Any = _Here) -> bool:
    """Whether the split load of ``path`` took place; when it did, it gave the full load's checklist, locations and issues."""
    got = split.load_split(path, path.read_bytes(), DISPLAY, beside)
    if got is None:
        return False
    full, full_issues = load_data_file(path, DISPLAY)
    assert got[0] == full
    assert list(_locs(got[0])) == list(_locs(full))
    assert [i.format() for i in got[1]] == [i.format() for i in full_issues]
    return True


def test_realserv_and_a_large_checklist_split_as_the_full_load(tmp_path: Path) -> None:
    path = tmp_path / "realserv-launch.yaml"
    path.write_text(REALSERV, encoding="utf-8")
    assert _same_as_full(path)  # 8 sections: split
    path.write_text(checklist_yaml(2000), encoding="utf-8")
    assert _same_as_full(path)


@pytest.mark.skipif(not can_fork(), reason="no fork here: Beside computes in place")
def test_the_other_half_is_converted_in_a_forked_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    where: list[int] = []
    real = split.convert_sections

    def noted(entries: Any, source: str) -> Any:
        where.append(os.getpid())
        return real(entries, source)

    monkeypatch.setattr(split, "convert_sections", noted)
    path = tmp_path / "big.yaml"
    path.write_text(checklist_yaml(2000), encoding="utf-8")
    assert _same_as_full(path, Beside)
    assert where == []  # the child's note stayed in the child: the conversion ran there


def test_files_not_to_split_are_left_to_the_full_load(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    for text in (
        checklist_yaml(300).replace("sections:", "sections: &s", 1),  # an anchor
        "- a\n- b\n",  # not a mapping
        REALSERV.replace("\nsections:", "\nparts:", 1),  # no sections
        checklist_yaml(50),  # too few sections
        "runbooks:\n" + checklist_yaml(2000),  # another kind of file
    ):
        path.write_text(text, encoding="utf-8")
        assert not _same_as_full(path), text[:80]
    (tmp_path / "data.record").mkdir()
    entry = tmp_path / "data.record" / "c.yaml"
    entry.write_text(checklist_yaml(2000), encoding="utf-8")
    assert split.load_split(entry, entry.read_bytes(), DISPLAY, _Here) is None  # a record entry


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 12), st.lists(st.sampled_from(PIECES), max_size=3)), min_size=1, max_size=3))
def test_any_file_splits_as_the_full_load_or_not_at_all(tmp_path: Path, edits: list[tuple[float, int, list[str]]]) -> None:
    """Edits anywhere in RealServ's checklist (YAML's own characters among them): the split load, when it takes
    place, gives the full load's checklist, locations and issues; a file with any issue is the full load's."""
    text = REALSERV
    for where, removed, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + "".join(inserted) + text[at + removed :]
    path = tmp_path / "realserv-launch.yaml"
    path.write_text(text, encoding="utf-8")
    _same_as_full(path)


def test_the_callers_work_runs_once_before_the_other_half_converts(tmp_path: Path) -> None:
    from generator.warm import KeptChecks

    ran: list[int] = []
    for n in range(2):
        (tmp_path / f"c{n}.yaml").write_text(checklist_yaml(2000).replace("id: bench-2000", f"id: bench-{n}", 1), encoding="utf-8")
    checks = KeptChecks(first=lambda: ran.append(1))
    for n in range(2):
        loaded, issues = checks.load(tmp_path / f"c{n}.yaml", f"data/c{n}.yaml")
        assert loaded is not None and issues == []
    assert ran == [1]  # the first split load ran it; the build's work is done once


@pytest.mark.skipif(not can_fork(), reason="no fork here: Beside computes in place")
def test_the_other_process_goes_on_with_the_callers_work_once_it_has_sent_its_sections(tmp_path: Path) -> None:
    from generator.beside import settle
    from generator.warm import KeptChecks

    done = tmp_path / "then"
    (tmp_path / "c.yaml").write_text(checklist_yaml(2000), encoding="utf-8")
    checks = KeptChecks(then=lambda sent: done.write_bytes(sent[:1]))
    loaded, _ = checks.load(tmp_path / "c.yaml", "data/c.yaml")
    assert loaded is not None and checks.split
    settle()  # the build waits for it before it returns
    assert done.is_file()  # written by the other process, after it sent its sections
