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

from generator.errors import SiteError
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


__all__ = ["_import", "_outline", "_states"]
