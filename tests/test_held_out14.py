"""Round fourteen's held-out payloads and faults. In process and small."""

from __future__ import annotations

import re
import sys
from functools import lru_cache
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


@settings(max_examples=200, deadline=None)
@given(_HOSTILE)
@example('](< "&lt;\'&lt;>\t "t")')  # an address in <>, its title after it: the title is "t" alone (the old reading took more)
@example("](x (y) \"a\" 'b' )")
@example("](x \"a'b'\t)")
@example('](""")')  # the title '"', which getLink reads as none (dequoted)
def test_the_titles_read_in_one_pass_are_python_markdowns(line: str) -> None:
    """escape._titled_links reads, in one pass over a line, the title Python-Markdown's getLink reads at every '](' (it
    was called at each, a scan to the line's end each time: quadratic). The same links, each title the text of the
    line between its quotes, ending where getLink says."""
    from markdown.inlinepatterns import LINK_RE, LinkInlineProcessor, dequote

    from generator.site import escape

    mine = list(escape._titled_links(line))
    theirs = _get_link_titles(line)
    assert [paren for paren, _, _ in mine] == [paren for paren, _ in theirs], line
    reader = LinkInlineProcessor(LINK_RE, escape._line_converter())
    for (paren, start, end), (_, closed) in zip(mine, theirs, strict=True):
        _, title, _, _ = reader.getLink(line, paren)
        assert title == reader.RE_TITLE_CLEAN.sub(" ", dequote(line[start:end].strip())), (line, paren)
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


# Texts with the marks of Material's formatting extensions (pymdownx.tilde, caret, mark) between words, as the loader
# reads them (stripped).
_MARKS = st.lists(st.sampled_from([*"~^= xa*", "~~", "==", "^^", "`~~`", "[l](https://a.test/a=b)", "\\~"]), min_size=1, max_size=9).map(
    lambda parts: "".join(parts).strip()
)
_EXTENSIONS = ["pymdownx.tilde", "pymdownx.caret", "pymdownx.mark"]


@lru_cache(maxsize=None)
def _renderer(*extensions: str) -> Any:
    """One Markdown converter per set of extensions (made once: emoji's takes a while); convert() resets it. A name of
    betterem's smart_enable after pymdownx.betterem sets it."""
    import markdown

    names = [name for name in extensions if "." in name or name == "smarty"]
    smart = {"pymdownx.betterem": {"smart_enable": extensions[-1]}} if names != list(extensions) else {}
    return markdown.Markdown(extensions=names, extension_configs=smart)


def _styled(html: str) -> int:
    return len(re.findall(r"<(?:del|ins|mark|sub|sup|em|strong)\b", html))


@settings(max_examples=100, deadline=None)
@given(_MARKS, _MARKS, st.sampled_from([("- ", ": done by ", ""), ("", " (", ")"), ("1. **", "**: ", "")]))
@example("Go ~~now", "later~~ ok", ("- ", ": done by ", ""))  # our ': done by ' struck through
@example("Go ==now", "later== ok", ("- ", ": done by ", ""))  # marked
@example("Go ^^now", "later^^ ok", ("1. **", "**: ", ""))  # inserted (underlined)
@example("a ~~~b~~", "c~ d", ("- ", ": done by ", ""))  # a run of three used in part: '~' before a struck 'b'
@example("~~^~=~~", "~~^~=~~", ("", " (", ")"))  # '~~' used in part (one '~' a subscript): ' (' in a subscript
def test_no_text_pairs_an_extensions_mark_with_a_text_beside_it(first: str, second: str, line: tuple[str, str, str]) -> None:
    """With pymdownx.tilde, caret or mark (Material's recipes), a rollback step's title 'Go ~~now' and its text
    'later~~ ok' struck our ': ' through: a '~~', '==' or '^^' of one text that styles none of it alone paired with the
    other's. A line has the marks each text has alone, and ours."""
    from generator.format.types import InlineMarkdown
    from generator.site import escape

    def shown(a: str, b: str) -> str:
        before, between, after = line
        return _renderer(*_EXTENSIONS).convert(f"{before}{a}{between}{b}{after}")

    a, b = escape.markdown(InlineMarkdown(first)), escape.markdown(InlineMarkdown(second))
    if not (a and b):
        return  # a text is never empty
    together = shown(a, b)
    assert _styled(together) == _styled(shown(a, "x")) + _styled(shown("x", b)) - _styled(shown("x", "x")), (a, b, together)
    words = re.sub(r"<[^>]*>|[*:( ]", "", line[1])
    if words:
        assert not re.search(rf"<(del|ins|mark)>(?:(?!</\1>).)*{words}", together), (a, b, together)


@settings(max_examples=100, deadline=None)
@given(_MARKS, _MARKS)
@example("Go ~~now", "later~~ ok")  # our ' - ' struck through on GitHub
@example("Go ~now", "later~ ok")  # one tilde each side strikes through on GitHub too
def test_no_text_of_the_markdown_export_pairs_its_tildes_with_a_text_beside_it(first: str, second: str) -> None:
    """The Markdown export puts an option's label and text on one line ('- [ ] **{label}** - {text}'): GitHub strikes
    through between one or two tildes each side, so a label 'Go ~~now' and a text 'later~~ ok' struck our ' - ' through.
    A line has the strikethrough each text has alone (markdown-it's, of two tildes; one is never left), and ours none."""
    from markdown_it import MarkdownIt

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    def shown(a: str, b: str) -> str:
        return MarkdownIt("commonmark").enable("strikethrough").render(f"- [ ] **{a}** - {b} {{#x}}")

    a, b = escape.gfm(InlineMarkdown(first)), escape.gfm(InlineMarkdown(second))
    if not (a.strip() and b.strip()):
        return
    together = shown(a, b)
    assert together.count("<s>") == shown(a, "x").count("<s>") + shown("x", b).count("<s>"), (a, b, together)
    assert not re.search(r"<s>(?:(?!</s>).)* - ", together), (a, b, together)
    # GitHub's one tilde: none is left outside code but a pair that strikes through alone
    outside = re.sub(r"`[^`]*`|&#?\w+;|\\.", "", a + " " + b)
    assert len(re.findall(r"(?<!~)~(?!~)", outside)) == 0, (a, b)


_WORDS = ["--all", "'x'", '"y"', "1/2", "(c)", "(tm)", "-->", ":smile:", "~~x~~", "==y==", "^^z^^", "++ctrl+c++", "...", "1st", "c/o", "+/-"]
_CODE = st.lists(st.sampled_from([*_WORDS, "www.a.test", "a_b_", " "]), min_size=1, max_size=6).map(lambda parts: "".join(parts).strip())
_TYPOGRAPHY = ["smarty", "pymdownx.smartsymbols", "pymdownx.emoji", "pymdownx.keys", "pymdownx.magiclink", "pymdownx.betterem", *_EXTENSIONS]


@settings(max_examples=60, deadline=None)
@given(_CODE)
@example("ls --all 'x'")  # 'ls –all ‘x’' with smarty: the command copied was another
@example("--ratio 1/2 (c) 1st")  # ½, ©, 1<sup>st</sup> with smartsymbols
@example(":smile: ++ctrl+c++ ~~x~~")  # an icon, keys, struck through
def test_code_of_the_data_shows_as_written_whatever_the_extensions(code: str) -> None:
    """A code span of the data is a raw <code> element on the page, whose text Python-Markdown's inline patterns read:
    with smarty, smartsymbols, emoji, keys, tilde, caret, mark or magiclink (Material's recipes), 'ls --all' showed as
    'ls –all', '1/2' as '½', ':smile:' an icon: the command copied from the page was not the data's. It shows as written."""
    import html

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    if not code:
        return
    page = _renderer(*_TYPOGRAPHY).convert(f"- Run {escape.markdown(InlineMarkdown(f'`{code}`'))} now")
    inside = re.search(r"<code>(.*)</code>", page, re.S)
    assert inside is not None, page
    assert "<" not in re.sub(r'</?span( class="cl-word")?>', "", inside.group(1)), page  # no element but our words'
    assert html.unescape(re.sub(r"<[^>]*>", "", inside.group(1))) == code, page


@settings(max_examples=60, deadline=None)
@given(_MARKS)
@example("Go ~~now~~ ==x== ^^y^^ ++ctrl++")
def test_plain_text_is_styled_by_no_extension(text: str) -> None:
    """A plain text (a name, a title) shows its characters, not a style: '~~x~~' struck through with pymdownx.tilde,
    '==x==' marked, '^^x^^' underlined, '++ctrl++' keys."""
    import html

    from generator.format.types import PlainText
    from generator.site import escape

    if not text:
        return
    page = _renderer(*_EXTENSIONS, "pymdownx.keys").convert(f"- {escape.markdown(PlainText(text))}")
    assert not re.search(r"<(?:del|ins|mark|sub|sup|kbd|span)\b", page), page
    assert html.unescape(re.sub(r"<[^>]*>", "", page)).strip() == text, page


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from([*"*_ xa.", "**", "__", "***"]), min_size=1, max_size=8).map(lambda parts: "".join(parts).strip()),
    st.lists(st.sampled_from([*"*_ xa.", "**", "__", "***"]), min_size=1, max_size=8).map(lambda parts: "".join(parts).strip()),
    st.sampled_from([("- ", ": done by ", ""), ("", " (", ")")]),
    st.sampled_from(["underscore", "all", "none", "asterisk"]),
)
@example("*.*x", "**x*", ("- ", ": done by ", ""), "underscore")  # Python-Markdown's '<em>.</em>x', betterem's none: paired
@example("a*b*c", "x *y", ("- ", ": done by ", ""), "all")
def test_no_text_pairs_its_emphasis_with_a_text_beside_it_under_betterem(first: str, second: str, line: tuple[str, str, str], smart: str) -> None:
    """pymdownx.betterem (Material's recipes) reads '*' and '_' otherwise than Python-Markdown: a title '*.*x' (emphasis
    to Python-Markdown, none to betterem) beside a text '**x*' put our ': done by ' in italics. A line has the emphasis
    each text has alone, and ours, whichever way betterem is set."""
    from generator.format.types import InlineMarkdown
    from generator.site import escape

    def shown(a: str, b: str) -> str:
        before, between, after = line
        return _renderer("pymdownx.betterem", smart).convert(f"{before}{a}{between}{b}{after}")

    a, b = escape.markdown(InlineMarkdown(first)), escape.markdown(InlineMarkdown(second))
    if not (a and b):
        return
    together = shown(a, b)
    assert _styled(together) == _styled(shown(a, "x")) + _styled(shown("x", b)) - _styled(shown("x", "x")), (a, b, together)
    assert not re.search(r"<(em|strong)>(?:(?!</\1>).)*done", together), (a, b, together)


_RUNS = st.lists(st.sampled_from([*"*_ xa.`", "**", "__", "***", "___", "\\*", "`*`"]), min_size=1, max_size=9).map(lambda parts: "".join(parts).strip())


@settings(max_examples=80, deadline=None)
@given(_RUNS, _RUNS, st.sampled_from([("- ", ": done by ", ""), ("", " (", ")"), ("1. **", "**: ", "")]), st.booleans())
@example("\\***_**", "\\**_*", ("1. **", "**: ", ""), False)  # its '**' used alone, and one run of four with our '**' after it
@example("***_**", "**_*", ("- [ ] **", "** - ", " {#x}"), True)  # the same in the export (CommonMark)
@example("x ***a** b", "c* d", ("- ", ": done by ", ""), False)  # a run of three used in part
def test_no_text_pairs_a_run_of_three_or_its_last_delimiters_with_ours(first: str, second: str, line: tuple[str, str, str], export: bool) -> None:
    """Runs of three or more, and a text's delimiters right before or after our '**' (a rollback step's title in
    '1. **{title}**: ', an option's label in the export's '- [ ] **{label}** - '): the text's '**' used alone made one run
    of four with ours, which put our ': ' in italics (red12 and red13 left runs used in part). A text is read inside our
    '**' too, and where a delimiter of it is left lone, every one is a reference. A line has the emphasis each text has
    alone, and ours, on a page (Python-Markdown) and in the export (CommonMark)."""
    from markdown_it import MarkdownIt

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    if export:
        line = ("- [ ] **", "** - ", " {#x}") if line[0] != "" else ("## ", " (", ") {#x}")

    def shown(a: str, b: str) -> str:
        before, between, after = line
        if export:
            return MarkdownIt("commonmark").render(f"{before}{a}{between}{b}{after}")
        return _renderer().convert(f"{before}{a}{between}{b}{after}")

    place = escape.gfm if export else escape.markdown
    a, b = place(InlineMarkdown(first)), place(InlineMarkdown(second))
    if not (a.strip() and b.strip()):
        return
    together = shown(a, b)
    assert _styled(together) == _styled(shown(a, "x")) + _styled(shown("x", b)) - _styled(shown("x", "x")), (a, b, together)
    words = re.sub(r"<[^>]*>|[*:( \-]", "", line[1])
    if words:
        assert not re.search(rf"<(em|strong)>(?:(?!</\1>).)*{words}", together), (a, b, together)
