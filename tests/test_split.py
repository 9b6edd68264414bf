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


# A checklist whose ``sections:`` list is its last key (composed in two halves, split.halves), with YAML's ways of writing
# text over several lines in its entries: a block scalar, a plain scalar and a quoted one over two lines, a flow mapping
# over two, comments at every indentation.
_SECTION = """\
  # section {n}
  - id: s{n}
    title: "Section {n}"
    priority: high
    notes: |
      Line one of {n}
        - id: not-an-entry
      # not a comment
    groups:
      - id: s{n}-g
        title: plain text
          that goes on
        items:
          - {{id: s{n}-a, text: "quoted over
            two lines"}}
          - {{id: s{n}-b,
             text: flow over two}}
          - id: s{n}-c
            text: 'single quoted'  # a comment
# a comment at no indentation
"""
HALVES = "id: halves\ntitle: Halves\nsections:\n" + "".join(_SECTION.format(n=n) for n in range(12))


def test_a_file_whose_sections_come_last_is_composed_in_two_halves_as_the_full_load(tmp_path: Path) -> None:
    path = tmp_path / "c.yaml"
    cut = split.halves(HALVES)
    assert cut is not None and cut[2:] == (7, 5)
    path.write_text(HALVES, encoding="utf-8")
    assert _same_as_full(path)
    at_no_indentation = "\n".join(line.removeprefix("  ") for line in HALVES.split("\n"))  # sections:\n- id: s0
    for text in (HALVES.replace("sections:\n", "sections:  # the list\n"), at_no_indentation):
        path.write_text(text, encoding="utf-8")
        assert split.halves(text) is not None and _same_as_full(path), text[:200]


@pytest.mark.parametrize(
    "text",
    [
        HALVES + "runs: []\n",  # a key after the list
        HALVES.replace("\n", "\r\n"),  # line breaks YAML counts as Python does not: composed whole
        HALVES + "---\nid: other\n",  # a second document
        HALVES.replace("sections:\n", "sections:\n\t", 1),  # a tab
        HALVES.replace('"quoted over', '"quoted over\n  - id: inside\n', 1),  # a quoted text over an entry's line
    ],
)
def test_a_file_not_cut_so_is_composed_whole_or_as_the_full_load(tmp_path: Path, text: str) -> None:
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    _same_as_full(path)  # the full load's, when split at all


def test_a_quoted_text_or_flow_collection_open_across_the_cut_leaves_the_file_to_the_full_load(tmp_path: Path) -> None:
    """YAML's reader takes a quoted scalar's or a flow collection's next lines at any indentation: one opened in the head
    and closed in the tail leaves the head unclosed, so the file is not split (the full load reads it: one text over the
    cut, not two entries)."""
    cut = split.halves(HALVES)
    assert cut is not None
    head, rest = HALVES[: len(cut[0])], HALVES[len(cut[0]) :]
    path = tmp_path / "c.yaml"
    for opened, closed in (('"', '"'), ("'", "'"), ("[", "]"), ("{", "}")):
        text = head + f"          - {{id: open, text: {opened}open\n" + rest.replace("two lines\"}}", f"two lines\"}} {closed}", 1)
        path.write_text(text, encoding="utf-8")
        assert split.halves(text) is not None  # cut at an entry's line that the open text holds
        assert split.load_split(path, path.read_bytes(), DISPLAY, _Here) is None, opened


_MORE = [*PIECES, "|", ">", "\r", "---", "\n- ", "\n  - "]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.floats(0, 1), st.integers(0, 12), st.lists(st.sampled_from(_MORE), max_size=3)), min_size=1, max_size=3))
def test_any_file_whose_sections_come_last_loads_in_halves_as_the_full_load(tmp_path: Path, edits: list[tuple[float, int, list[str]]]) -> None:
    """Edits anywhere in a file composed in two halves (YAML's own characters among them, line breaks and entries'
    dashes): the split load, when it takes place, gives the full load's checklist, locations and issues."""
    text = HALVES
    for where, removed, inserted in edits:
        at = int(where * len(text))
        text = text[:at] + "".join(inserted) + text[at + removed :]
    path = tmp_path / "c.yaml"
    path.write_text(text, encoding="utf-8")
    _same_as_full(path)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(" \t\n\r\u00a0\u2028\x85&[]{},:-ab*#")), max_size=12))
def test_an_anchor_is_found_as_the_regular_expression_finds_it(text: str) -> None:
    """``load.has_anchor`` (an '&' found first) says what the expression it replaced says, whitespace of every kind too."""
    import re

    from generator.format.load import has_anchor

    assert has_anchor(text) == bool(re.search(r"(^|[\s\[{,:-])&[^\s,\[\]{}]", text))
