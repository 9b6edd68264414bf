"""Round thirteen's held-out payloads. In process and small."""

from __future__ import annotations

import re

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

# Emphasis as texts write it: runs of one or two '*' or '_' (a run of three or more that the text uses in part, '***x*_*',
# leaves its unused part, which no reference can take out without changing how the rest of the run reads, to a text beside).
_EMPHASIS = (
    st.lists(st.sampled_from([*"*_ xa.`", "**", "__", "[l](https://a.test/a_b)", "`*`", "\\*"]), min_size=1, max_size=9)
    .map(lambda parts: "".join(parts).strip())  # as the loader reads a text: stripped (types.Text.scalar)
    .filter(lambda text: not re.search(r"[*_]{3}", text))
)


def _marks(html: str) -> int:
    return len(re.findall(r"<(?:em|strong)>", html))


# Lines of the pages that hold two texts: the readiness page's lists, a part's title and period, a rollback's step
# (its title in our bold, its who in a span).
_LINES = [("- ", ": done by ", ""), ("", " (", ")"), ("1. **", "**: ", ""), ("1. **", "**: ", ' <span class="w">x</span>'), ("1. <strong>", "</strong>: ", "")]


@settings(max_examples=100, deadline=None)
@given(_EMPHASIS, _EMPHASIS, st.sampled_from(_LINES))
@example("Go *now", "later* ok", ("- ", ": done by ", ""))  # our 'done by' in italics, across a step's title and text
@example("5 *3", "2* 4", ("- ", ": done by ", ""))
@example("__on call", "Ann__ x", ("- ", ": done by ", ""))  # both bold, our words between
@example("x **", "** y", ("1. **", "**: ", ""))  # our bold title lost: '**x ****: ** y'
@example("_a", "b_", ("", " (", ")"))
def test_no_text_pairs_its_emphasis_with_a_text_beside_it(first: str, second: str, line: tuple[str, str, str]) -> None:
    """Two data texts on one line of a page (a rollback step's title and text, a contact's role and name): a '*' or '_'
    of one that makes no emphasis alone paired with one of the other, and put what lay between, our words included, in
    italics or bold (red12's leftover, as its brackets were). A line has the emphasis each text has alone, and ours."""
    import markdown

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    def shown(a: str, b: str) -> str:
        before, between, after = line
        return markdown.Markdown().convert(f"{before}{a}{between}{b}{after}")

    a, b = escape.markdown(InlineMarkdown(first)), escape.markdown(InlineMarkdown(second))
    assume(a and b)  # a text is never empty (a required text is refused empty)
    together = shown(a, b)
    assert _marks(together) == _marks(shown(a, "x")) + _marks(shown("x", b)) - _marks(shown("x", "x")), (a, b, together)
    words = re.sub(r"<[^>]*>|[*:( ]", "", line[1])
    if words:
        assert not re.search(rf"<(em|strong)>(?:(?!</\1>).)*{words}", together), (a, b, together)


@settings(max_examples=60, deadline=None)
@given(_EMPHASIS, _EMPHASIS, st.sampled_from([("- [ ] **", "** - ", " {#x}"), ("1. **", "**: ", " {#x}"), ("## ", " (", ") {#x}")]))
@example("Go *now", "later* ok", ("- [ ] **", "** - ", " {#x}"))  # our ' - ' in italics on GitHub, across an option's label and text
@example("__on call", "Ann__ x", ("1. **", "**: ", " {#x}"))
def test_no_text_of_the_markdown_export_pairs_its_emphasis_with_a_text_beside_it(first: str, second: str, line: tuple[str, str, str]) -> None:
    """The Markdown export puts a decision option's label and text on one line, a rollback step's title and text, a
    part's title and period: a '*' or '_' of one that makes no emphasis alone paired with one of the other on GitHub (and
    any CommonMark renderer). A line has the emphasis each text has alone, and ours."""
    from markdown_it import MarkdownIt

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    def shown(a: str, b: str) -> str:
        before, between, after = line
        return MarkdownIt("commonmark").render(f"{before}{a}{between}{b}{after}")

    a, b = escape.gfm(InlineMarkdown(first)), escape.gfm(InlineMarkdown(second))
    assume(a.strip() and b.strip())
    together = shown(a, b)
    assert _marks(together) == _marks(shown(a, "x")) + _marks(shown("x", b)) - _marks(shown("x", "x")), (a, b, together)


_TITLED = st.lists(
    st.sampled_from(["[x](https://a.test ", "![i](https://a.test/i.png", '"', "'", "<img src=x onerror=alert(1)>", "`<b>`", "&lt;", "&amp;", *"() y"]),
    min_size=1,
    max_size=10,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TITLED)
@example('[x](https://a.test "<img src=x onerror=alert(1)>")')  # hovering the link ran it: content.tooltips' innerHTML
@example("[x](https://a.test 'a `<img src=x onerror=alert(1)>` c')")  # a code span's element in the title
@example('![i](https://a.test/i.png"&lt;b&gt;")')  # an image's title, no space before it
@example('See [g]\n\n[g]: https://a.test\n  "<img src=x onerror=alert(1)>"')  # a block's reference definition, its title below
def test_no_title_of_the_data_is_markup_to_the_theme_tooltip(text: str) -> None:
    """Material's and Zensical's tooltips (content.tooltips, on in the project's mkdocs.yml) write an element's title
    attribute into the page as HTML: a link's title '<img src=x onerror=alert(1)>' in an item's text, escaped once
    as all text is, was that element to the tooltip, and hovering the link ran it (the scan, reading attributes as
    values, saw nothing). Every title a text of the data makes holds no markup once the browser has read it, on a page
    and in an HTML block (sheets, the packet)."""
    from html.parser import HTMLParser

    import markdown

    from generator.format.types import InlineMarkdown, MarkdownBlock
    from generator.site import escape

    class Titles(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.found: list[str] = []

        def handle_starttag(self, _tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.found += [value or "" for name, value in attrs if name == "title"]

    shown = [markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "footnotes"]).convert(escape.markdown(MarkdownBlock(text)))]
    shown.append(escape.html(MarkdownBlock(text)))
    for line in text.splitlines():
        shown += [markdown.Markdown().convert(escape.markdown(InlineMarkdown(line))), escape.html(InlineMarkdown(line))]
    for html in shown:
        titles = Titles()
        titles.feed(html)
        assert not [t for t in titles.found if "<" in t], (text, html)
