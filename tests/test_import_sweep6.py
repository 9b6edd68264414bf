"""Shapes a sixth sweep of real checklists showed (fixtures written for these tests, in those files' shapes), and the
import's time on hostile text: linear in the text."""

from __future__ import annotations

import datetime
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.errors import CheckFailed, SiteError
from generator.exchange.importing import run_import
from generator.format import markup

from .test_import_sweep5 import _import, _outline, _states

TODAY = datetime.date(2026, 12, 7)

# Characters and runs that open Markdown (and the importer's own patterns): a link, image, footnote, emphasis, comment,
# tag, code span, reference definition, LaTeX item, wiki link. A line of thousands of them took seconds to minutes: a
# parser's time grows faster than the text on such a line, and the importer parsed each text up to eight times.
_SYNTAX = ["[", "]", "(", ")", "!", "*", "^", "<", ">", "!--", "img ", "a name=x", "`", ":", "\\item", "{", "|", "&#", "_", "#"]


def _cpu(folder: Path, line: str) -> float:
    path = folder / "hostile.md"
    path.write_text(f"# T\n\n- [ ] one\n- [ ] {line}\n\n{line}\n", encoding="utf-8")
    started = time.process_time()
    try:
        run_import(path, None, folder / "docs", today=TODAY)
    except SiteError:
        pass
    return time.process_time() - started


@settings(max_examples=2, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(_SYNTAX), min_size=1, max_size=3).map("".join))
@example("[")
@example("![")
@example("[^")
@example("*a ")  # delimiters each of which the search for those a text keeps tries: bounded (escape._READINGS)
@example("<!--")
@example("[a](")
def test_import_time_grows_with_a_hostile_line_as_the_line_does(tmp_path: Path, run: str) -> None:
    """A line of 1,000 characters of Markdown syntax and one of 8,000 (eight times as long): the import takes at most
    sixteen times as long (a time that grows with the square takes 64 times), and the long one under two seconds
    (a 40,000-character line of '[' took 12 s)."""
    short, long = ((run * (n // len(run) + 1))[:n] for n in (1_000, 8_000))
    small, big = _cpu(tmp_path, short), _cpu(tmp_path, long)
    assert big < 16 * small + 0.4 and big < 2, (run, small, big)


def test_a_text_is_parsed_for_links_only_where_a_link_can_be_and_once() -> None:
    """Link syntax needs ']' then '(' or ':' at once, or '<': a text without any has no link, and is not parsed; one
    with them is parsed once, however often the importer asks (it asked up to eight times of each text)."""
    calls: list[str] = []
    parse = markup._markdown_it_links

    def counted(text: str, block: bool) -> Any:
        calls.append(text)
        return parse(text, block)

    markup._markdown_it_links = counted  # type: ignore[assignment]
    try:
        assert markup.bad_links("[[[ [x] (javascript:y) ![z] [^1] *[a]* " * 500) == [] and not calls
        hostile = "[a](javascript:x) " + "[" * 5000
        assert [markup.bad_links(hostile, block=True) for _ in range(3)] == [["javascript:x"]] * 3 and len(calls) == 1
    finally:
        markup._markdown_it_links = parse  # type: ignore[assignment]


_LINKY = ["[", "]", "(", ")", "!", "<", ">", ":", " ", "\n", "\n\n", "a", "javascript:x", "https://x.test", "&#58;", "\\", "`", "^", "*"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_LINKY), max_size=14).map("".join), st.booleans())
@example("[x]: javascript:y\n\n[a][x]", True)
@example("[a][x]\n\n[x]:\n  javascript:y", True)
@example("[a](<javascript: y>)", False)
def test_the_shortcut_keeps_every_address_the_parsers_find(text: str, block: bool) -> None:
    """Where the text is not parsed (no ']('', ']:' nor '<'), neither parser finds a link in it."""
    everything = dict.fromkeys([*markup._markdown_it_links(text, block), *markup._python_markdown_links(text)])
    assert markup.link_targets(text, block) == list(everything)


@pytest.mark.parametrize("bad", ["[x](java&#x09;script:y)", "[x]( javascript:y )", "![x](<javascript:y>)", "[x][r]\n[r]: java&#32;script:y"])
def test_a_paragraph_of_thousands_of_links_is_read_in_linear_time_and_no_bad_address_slips_through(bad: str) -> None:
    """Python-Markdown scans from each '](' to the ')' closing it: a paragraph of 3,000 '[a](' took it over a minute.
    Past a budget its links are read by the address each '](' or ']:' opens, which names every scheme it could link."""
    text = "[a](" * 3000 + " " + bad
    started = time.process_time()
    found = markup.bad_links(text, block=True)
    assert found and all(markup.scheme(u).lower() == "javascript" for u in found) and time.process_time() - started < 2


# (what the real file was, its suffix, a fixture in its shape, the title, the outline, the states)
SHAPES = [
    (
        "a readiness review's tables: '| [ ] All code reviewed | | |' under '| Check | Status | Notes |' (the words after"
        " the box were the details, the item '(no text)')",
        ".md",
        "# Readiness\n\n## Code Quality\n\n| Check | Status | Notes |\n|---|---|---|\n| [ ] All code reviewed | | |\n"
        "| [x] No critical issues | | |\n\n## Testing\n\n| Check | Notes |\n|---|---|\n| [ ] Unit tests pass | flaky on CI |\n",
        "Readiness",
        [("Code Quality", ["All code reviewed", "No critical issues"]), ("Testing", ["Unit tests pass"])],
        {"no-critical-issues": "done"},
    ),
    (
        "a flight checklist typed as text: titles over challenges and responses joined by dots ('PARKING BRAKE.....SET',"
        " 'Flaps . . . . UP'; the titles were items, the dots kept)",
        ".txt",
        "BEFORE START\n\nPARKING BRAKE..................SET\nBEACON . . . . . . . ON\nIf APU used:\n  APU MASTER.........ON\n\n"
        "Before taxi:\nFLAPS__________SET\n",
        "x",
        [("BEFORE START", ["PARKING BRAKE — SET", "BEACON — ON", ("If APU used:", ["APU MASTER — ON"])]), ("Before taxi", ["FLAPS — SET"])],
        {},
    ),
    (
        "a flight simulator's checklist CSV: no head row, '-GROUP-,Before Start' rows over 'CHALLENGE,RESPONSE' rows, an"
        " '-INFO-' remark (each row was a section of its challenge, the response left out)",
        ".csv",
        "-GROUP-,Before Start\nCOCKPIT PREP,COMPLETE (BOTH)\nBEACON, ON\n-INFO-,Wait until NG is 90%\n-GROUP-,After Start\n"
        'PITCH TRIM,"% SET, CHECKED"\n',
        "x",
        [("Before Start", ["COCKPIT PREP — COMPLETE (BOTH)", "BEACON — ON"]), ("After Start", ["PITCH TRIM — % SET, CHECKED"])],
        {},
    ),
    (
        "a security standard's requirements as CSV: 'Section,Name,Item,Description,L1' where Name is the chapter (the items"
        " were 'Architecture' many times), a quote doubled in a quoted cell under a head of no quote (the cell was cut there)",
        ".csv",
        "Section,Name,Item,Description,L1\nV1,Architecture,1.1.1,Verify the use of a secure lifecycle,X\n"
        'V1,Architecture,1.1.2,"Verify that stories hold constraints, such as ""As a user, I can edit my profile""",X\n'
        "V1,Architecture,1.1.3,Verify that trust boundaries are documented,\nV2,Authentication,2.1.1,Verify that passwords are 12 characters,X\n"
        "V2,Authentication,2.1.2,Verify that long passwords are allowed,X\n",
        "x",
        [
            (
                "V1",
                [
                    "Verify the use of a secure lifecycle",
                    'Verify that stories hold constraints, such as "As a user, I can edit my profile"',
                    "Verify that trust boundaries are documented",
                ],
            ),
            ("V2", ["Verify that passwords are 12 characters", "Verify that long passwords are allowed"]),
        ],
        {},
    ),
]
SHAPES += [
    (
        "an issue form's list left to fill in: '- [ ] ' and '- [x]' with nothing after them (each an item '(no text)')",
        ".md",
        "# Release\n\n## Outstanding work\n\n- [ ] Tag the release\n- [ ] \n- [x]\n- [ ] Parent\n  - [ ] \n  - [ ] Child\n",
        "Release",
        [("Outstanding work", ["Tag the release", ("Parent", ["Child"])])],
        {},
    ),
]
SHAPES += [
    (
        "an RD how-to (Ruby's document format: '= Title', '== Section', steps as '=== Heading' over prose, a verbatim"
        " command; refused: no check boxes found)",
        ".rd",
        "# -*- rd -*-\n= How to release\n\n== Preparation\n\n=== Update NEWS\n\nWrite the entries.\n\n=== Bump the version\n\n"
        "  % rake bump\n\n== Release\n\n=== Tag\n\nTag and push.\n",
        "How to release",
        [("Preparation", ["Update NEWS", "Bump the version"]), ("Release", ["Tag"])],
        {},
    ),
    (
        "RD with its lists ('(1) step', '* item', ': term' over its description) inside '=begin' … '=end' of a Ruby file",
        ".rd",
        "require 'x'\n=begin\n= Checklist\n== Before\n(1) Run the tests\n(2) Update the docs\n    and the README\n== After\n"
        "* Announce it\n=end\nputs 1\n",
        "Checklist",
        [("Before", ["Run the tests", "Update the docs and the README"]), ("After", ["Announce it"])],
        {},
    ),
]
SHAPES += [
    (
        "a PEP's release process (.rst): an RFC 822 header ('PEP: 101', 'Title: …', 'Post-History:' empty) over"
        " 'Abstract' (the title was 'Abstract', the header text)",
        ".rst",
        "PEP: 101\nTitle: Doing Releases 101\nAuthor: A <a@x.test>,\n        B <b@x.test>\nPost-History:\n\nAbstract\n========\n\n"
        "How to release.\n\nSteps\n=====\n\n* Tag the release\n* Upload the files\n",
        "Doing Releases 101",
        [("Steps", ["Tag the release", "Upload the files"])],
        {},
    ),
]


def test_a_file_of_blank_boxes_only_is_refused_at_the_first(tmp_path: Path) -> None:
    """A template whose every box has nothing after it has no step to check: refused there, saying so (it imported
    items of '(no text)', or refused its own draft under a rollback heading)."""
    path = tmp_path / "blank.md"
    path.write_text("# Release\n\n## Work\n\n- [ ] \n- [ ]\n", encoding="utf-8")
    with pytest.raises(CheckFailed) as refused:
        run_import(path, tmp_path / "data" / "x.yaml", tmp_path / "docs", today=TODAY)
    issue = refused.value.issues[0]
    assert (issue.loc.line, "nothing after it") == (5, "nothing after it") and "nothing after it" in issue.message


@pytest.mark.parametrize("shape, suffix, source, title, outline, states", SHAPES, ids=[f"{i}-{s[1]}" for i, s in enumerate(SHAPES)])
def test_a_shape_of_the_sixth_sweep_imports_as_its_reader_sees_it(
    tmp_path: Path, shape: str, suffix: str, source: str, title: str, outline: list[Any], states: dict[str, str]
) -> None:
    c, written = _import(tmp_path, source, suffix)
    assert (c.title, _outline(c), _states(tmp_path)) == (title, outline, states), shape
    assert not [line for line in written.summary if "not written" in line]
