"""Round fourteen's held-out payloads and faults. In process and small."""

from __future__ import annotations

import re
import sys
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st


def _get_link_titles(line: str) -> list[tuple[int, int]]:
    """Python-Markdown's own reading of each '](' of a line: (its '(', where getLink says the link ends), for a link
    getLink reads a title of."""
    from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

    from generator.site import escape

    converter = escape._line_converter()
    inline = converter.treeprocessors["inline"]
    if not hasattr(inline, "stashed_nodes"):
        inline.stashed_nodes = {}
    reader = LinkInlineProcessor(LINK_RE, converter)
    found = []
    for at in re.finditer(r"\]\(", line):
        _, title, end, handled = reader.getLink(line, at.end() - 1)
        if handled and title is not None:
            found.append((at.end() - 1, end))
    return found


_HOSTILE = st.lists(st.sampled_from(["](", "(", ")", '"', "'", " ", "\t", "x", "<", ">", "<a>", "&lt;", ' "t"']), max_size=18).map("".join)


@settings(max_examples=300, deadline=None)
@given(_HOSTILE)
@example('](< "&lt;\'&lt;>\t "t")')  # an address in <>, its title after it: the title is "t" alone (the old reading took more)
@example("](x (y) \"a\" 'b' )")
@example("](x \"a'b'\t)")
def test_the_titles_read_in_one_pass_are_python_markdowns(line: str) -> None:
    """escape._titled_links reads, in one pass over a line, the title Python-Markdown's getLink reads at every '](' (it
    was called at each, a scan to the line's end each time: quadratic). The same links, each title the text of the
    line between its quotes, ending where getLink says."""
    from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor

    from generator.site import escape

    mine = list(escape._titled_links(line))
    theirs = _get_link_titles(line)
    assert [paren for paren, _, _ in mine] == [paren for paren, _ in theirs], line
    reader = LinkInlineProcessor(LINK_RE, escape._line_converter())
    for (paren, start, end), (_, closed) in zip(mine, theirs, strict=True):
        _, title, _, _ = reader.getLink(line, paren)
        assert title == reader.RE_TITLE_CLEAN.sub(" ", line[start:end].strip()), (line, paren)
        assert line[end] in "'\"" and line[end + 1 : closed].strip(" ") == ")", (line, paren)


def _steps(run: Any) -> int:
    """The lines of Python run by ``run()``, in every module: the work it does."""
    count = 0

    def trace(_frame: Any, event: str, _arg: Any) -> Any:
        nonlocal count
        if event == "line":
            count += 1
        return trace

    sys.settrace(trace)
    try:
        run()
    finally:
        sys.settrace(None)
    return count


def test_a_hostile_line_of_link_openings_costs_what_its_length_does() -> None:
    """A Markdown block's line of 4,000 characters of '](x ' ending in a quote took 0.5 s to make inert, an inline text of
    '[a](x ' 0.14 s at 2,000 (a getLink scan to the line's end at each '](', 7d5a576; 3acc6c8 stopped only at the last
    quote). Four times the line is about four times the work (the lines of Python run, not the time: 16 times before)."""
    from generator.site import escape

    def cost(n: int) -> int:
        block, inline = "](x " * n + '"', "[a](x " * n + "'"
        return _steps(lambda: (escape.md_block(block), escape.md(inline)))

    small, large = cost(200), cost(800)
    assert large < 5 * small, (small, large)
