"""Data text made safe for the place it lands: one function per kind of text and per place.

The kinds come from the format declaration (the model's annotations; the kinds in ``generator/format/types.py``): inline Markdown,
a Markdown block, plain text, a URL, an id, a file path. The places are a Markdown page
(``markdown``), the text of a Markdown link (``link_text``), an HTML block (``html``), an HTML
attribute or raw-HTML element (``attr``), an HTML comment (``comment``), YAML front matter
(``front_matter``), the page title the engine prints in ``<title>``, the header and the navigation
(``title``), a CSS string (``css``), the HTML a search result shows (``search``), a text node a script sets
(``script_text``), a Markdown file others render (``gfm``: the Markdown export), a terminal (``terminal``) and a
CSV cell (``csv_cell``). Each place is a
``functools.singledispatch`` function with one registration per kind; a plain ``str`` (text whose
kind nobody declared) has none and raises ``Unkinded`` instead of reaching a page, and the type
checker refuses it at the call (``Place``).
"""

from __future__ import annotations

import csv
import html as _html
import io
import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache, partial, singledispatch
from typing import Any, Callable, Iterable, Protocol, Sequence, TypeVar, cast

from ..format.bidi import FSI, PDI, unmarked
from ..format.markup import allowed
from ..format.types import BIDI, Address, FilePath, Ident, InlineMarkdown, MarkdownBlock, PlainText, Text, Url, shown


class Unkinded(TypeError):
    """A text with no declared kind was about to reach a page."""


def _unkinded(place: str, value: Any) -> Unkinded:
    return Unkinded(
        f"{type(value).__name__} {str(value)[:40]!r} has no declared kind of text, so it cannot go into {place}: declare its field with a text type"
    )


# ---- the rules, on plain strings ---------------------------------------------------------------

LINK = re.compile(r"\[([^\]]*)\]\((?:\s*<[^<>\n]*>[^)]*|[^)]*)\)")
# CommonMark's two other ways to write an address, which Python-Markdown reads only while '<' is live: a destination
# in angle brackets ("[text](<https://x.test/a (b)>)", spaces and parentheses allowed) and an autolink ("<https://x.test>").
_ANGLED = re.compile(r"\]\(\s*<([^<>\n]*)>")
_AUTOLINK = re.compile(r"<((?:https?|mailto|tel):[^<>\s]*)>", re.I)
# A code span as Python-Markdown reads one: a run of backticks, text, the same run.
_CODE = re.compile(r"(?<![\\`])(`+)(?!`)(.+?)(?<!`)\1(?!`)")
# Characters Python-Markdown reads as syntax: written as character references they are just text.
_MD_SYNTAX = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]|#!$"} | {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
# The delimiters of TeX math ('$', '$$', '\(', '\['), which pymdownx.arithmatex makes a math element of and MathJax typesets in
# the browser: '\href{javascript:...}{x}' there is a link that runs script (MathJax filters no address unless a site loads
# its ui/safe extension), which no scan of the built HTML sees. As character references they show as the same characters
# ('\(' is '(' to Markdown: an escape), and no math starts.
_MATH = re.compile(r"\\([()\[\]])|\$")
# A backslash before a character Python-Markdown itself does not escape shows as a backslash, but an extension may make
# that character escapable too (pymdownx.blocks: '/', smarty: quotes, pymdownx.escapeall: any) and the backslash then
# vanishes: written as a character reference it shows as it does in plain Markdown, whatever the site's extensions.
_CORE_ESCAPES = frozenset("\\`*_{}[]()>#+-.!|")  # Python-Markdown's own, and '|' of tables (which MkDocs always loads)
_BACKSLASH = re.compile(r"\\(.?)|\$", re.S)


def _backslash(found: re.Match[str]) -> str:
    after = found.group(1)
    if after is None:
        return "&#36;"
    if after and after in "()[]":
        return f"&#{ord(after)};"  # a delimiter of TeX math (_MATH), shown as Markdown shows its escape
    if after and after in _CORE_ESCAPES:
        return found.group(0)
    return "&#92;" + ("&#36;" if after == "$" else after)  # '\$' is no escape: the backslash, then a '$' that starts no math


_SAFE_LANG = re.compile(r"[A-Za-z0-9_+-]{0,30}")


def _inert(text: str) -> str:
    """Inline text with its HTML made inert and no attribute list: '<' shows, '{' opens nothing.

    An address in angle brackets is written as a plain link first (``_plain_links``), so that it stays a link.
    """
    if "<" in text and (_ANGLED.search(text) or _AUTOLINK.search(text)):
        return _plain_links(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _no_extension_syntax(text.replace("{", "\\{").replace("}", "\\}"))


def _no_extension_syntax(text: str) -> str:
    r"""Inline text with no delimiter of TeX math (``_MATH``) nor of a block of pymdownx.blocks: each as the character
    reference of what Markdown shows.

    >>> _no_extension_syntax("$5 \\(x\\) \\[y\\] /// html | style")
    '&#36;5 &#40;x&#41; &#91;y&#93; &#47;// html | style'
    """
    text = _BACKSLASH.sub(_backslash, text) if "$" in text or "\\" in text else text
    if "*[" in text:  # an inline text that a page shows at the start of a line ('* *[GO]: y' a list of it) defines no abbreviation
        text = _ABBREVIATION.sub(r"\1&#42;", text)
    if "]:" in text:  # nor a reference or footnote of the page: md_block makes a block's own local again (_local_definitions)
        text = _inert_definitions(text)
    # '///' opens a block of pymdownx.blocks: '/// html | style' (or form[action=...], link[rel=stylesheet href=...]) made
    # any element with any attribute of the data, which the scan lets through; '&#47;//' shows the same, and opens none.
    return text.replace("///", "&#47;//") if "///" in text else text


def _plain_links(text: str) -> str:
    """Angle-bracket destinations and autolinks of allowed addresses as plain Markdown links; the rest made inert.

    >>> _plain_links("See [docs](<https://x.test/a (b)>) or <https://x.test/c_d>")
    'See [docs](https://x.test/a%20%28b%29) or [https://x.test/c&#95;d](https://x.test/c_d)'
    """
    out, pos = [], 0
    for found in re.finditer(f"{_ANGLED.pattern}|{_AUTOLINK.pattern}", text, re.I):
        angled, auto = found.group(1), found.group(2)
        url = angled if angled is not None else auto
        if not allowed(url):
            continue
        out.append(_inert(text[pos : found.start()]))
        address = _inert(re.sub(r"[\s()]", lambda m: f"%{ord(m.group()):02X}", url.strip()))
        out.append(f"]({address}" if angled is not None else f"[{url.translate(_MD_SYNTAX)}]({address})")
        pos = found.end()
    rest = text[pos:].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "".join(out) + _no_extension_syntax(rest.replace("{", "\\{").replace("}", "\\}"))


def _code(code: str) -> str:
    """A code span written as HTML: its text shown literally, escaped once, whatever Markdown reads around it; its words
    kept whole (``code_words``).

    >>> _code("ecs --family-prefix x")
    '<code><span class="cl-word">ecs</span> <span class="cl-word">&#45;&#45;family&#45;prefix</span> <span class="cl-word">x</span></code>'
    """
    return f"<code>{code_words(literal(code.strip()))}</code>"


# Every ASCII punctuation character, written as a character reference: Markdown's extensions read more of it than
# Markdown does, in a raw <code> element's text too (which Python-Markdown's inline patterns read): a site with smarty,
# pymdownx.smartsymbols, emoji, keys, mark, caret or tilde (Material's recipes) showed a command 'ls --all' as 'ls –all',
# '--ratio 1/2' as '--ratio ½', '(c)' as '©', quotes curly, ':x:' an icon, '~~x~~' struck through, '++ctrl+c++' keys, and
# the command copied from the page was another. A digit before an ordinal's letters too ('1st' is 1<sup>st</sup>).
_LITERAL = {ord(c): f"&#{ord(c)};" for c in "!\"#$%'()*+,-./:;=?@[\\]^_`{|}~"} | {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}
_ORDINAL = re.compile(r"(?<![A-Za-z0-9])(\d*)(\d)(?=(?:st|nd|rd|th)(?![A-Za-z0-9]))", re.I)


def literal(text: str) -> str:
    """Text shown as written on a Markdown page, whatever extensions the site loads: no character of it is syntax.

    >>> literal("ls --all 'x' 1/2 (c) 1st")
    'ls &#45;&#45;all &#39;x&#39; 1&#47;2 &#40;c&#41; &#49;st'
    """
    out = text.translate(_LITERAL)
    return _ORDINAL.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", out) if any(c.isdigit() for c in out) else out


_SPACES = re.compile(r"(\s+)")
_ONE_WORD = re.compile(r"\w*")


def code_words(escaped: str) -> str:
    """The text of a code element (escaped for its place, no markup) with each run of characters between spaces in a
    span (``cl-word``) that the style sheets keep whole on a line: a browser breaks a line after any hyphen, and
    '--' at the end of one line and 'family-prefix' at the start of the next read as two commands, an alarm's
    'realserv-prod-' and 'service-down' as two names. Written by the generator, so with scripts off too (checklist.js
    groups only the code nobody grouped: a hand-written page's, Pygments' blocks). The text, and so what is copied, is
    unchanged: escaping writes no space, so the runs are those of the text. One word of letters, digits and '_' alone,
    which no browser breaks, stays as it is.

    >>> code_words("pg_restore -d app"), code_words("main_db"), code_words("")
    ('<span class="cl-word">pg_restore</span> <span class="cl-word">-d</span> <span class="cl-word">app</span>', 'main_db', '')
    """
    if _ONE_WORD.fullmatch(escaped):
        return escaped
    return "".join(part if n % 2 else f'<span class="cl-word">{part}</span>' for n, part in enumerate(_SPACES.split(escaped)) if part)


def strip_links(text: str) -> str:
    """Markdown links replaced by their texts, for places where a link cannot go.

    >>> strip_links("See [the guide](https://x.test) now")
    'See the guide now'
    """
    text = LINK.sub(r"\1", text) if "](" in text else str(text)  # no link without "](": most texts skip the pattern
    return _AUTOLINK.sub(r"\1", text) if "<" in text else text


def attr_text(text: str) -> str:
    """Our words (which may hold link syntax of a data text) for an HTML attribute or a raw-HTML element.

    >>> attr_text('Go "[here](x)" & <now>')
    'Go &quot;here&quot; &amp; &lt;now&gt;'
    """
    return _html.escape(strip_links(text), quote=True)


def md(text: str) -> str:
    """One line of inline Markdown from the data, made inert: raw HTML shows as text, '{' opens no attribute list, and
    '|' (a character reference) ends no cell of a table it is in: a runbook's metric 'p95 | x' put 'x' in the threshold's
    cell and took the threshold out, a waiver's reason 'Known | CTO' named CTO its approver on the readiness page.

    >>> md("Response time < 500ms {: onclick=x}")
    'Response time &lt; 500ms \\\\{: onclick=x\\\\}'
    >>> md("Keep `<head>` small"), md("p95 | x")
    ('Keep <code><span class="cl-word">&lt;head&gt;</span></code> small', 'p95 &#124; x')
    >>> md("Then (`make all`), not (`x`)")
    'Then <span class="cl-glued">(<code><span class="cl-word">make</span> <span class="cl-word">all</span></code></span>), not (<code>x</code>)'
    """
    line = _closed(_md_line(text))
    line = _CELL_BREAK.sub(_cell_char, line) if "|" in line or "`" in line else line
    line = line.replace("[TOC]", "&#91;TOC]") if "[TOC]" in line else line  # toc's marker, wherever it is an element's text
    line = _OPENER.sub(_opener, line.lstrip(" \t"), count=1)  # blanks before it an indented code block, shown as none
    line = _emphasis_closed(line) if "*" in line or "_" in line else line
    return _marks_closed(line) if "~" in line or "^" in line or "=" in line else line


# What opens a block, not a paragraph, at the start of a line, where a page puts an inline text (a runbook's step
# '1. {text}', a list of the readiness page '- {text}'): a heading ('# Mitigation' a heading of the page, in its table of
# contents, its id 'mitigation' taking the anchor the page's own jump link goes to), a list, a rule, a check box of
# pymdownx.tasklist ('[x] done' a ticked box), an admonition ('!!! danger "Approved"' a box of the theme), a tab of
# pymdownx.tabbed, a fence, mkdocstrings' '::: module' (which imports that module where the site builds) and the toc
# extension's '[TOC]' (anywhere: it marks an element whose text it is); a text of '-', '*' and '_' alone, which a page's
# '- ' before it makes a rule ('- --'). Its first character is written as an escape or a character reference: the same
# text, no block.
_OPENER = re.compile(
    r"^(?:(#)|([-+*])(?=[ \t]|$)|\d{1,9}(\.)(?=[ \t]|$)|([-*_])(?=[-*_ \t]*$)"
    r"|(\[)(?=[ xX]\](?:[ \t]|$))|([!?])(?=[!?]{2})|(=)(?==)|(~)(?=~~)|(:)(?=::))"
)


def _opener(found: re.Match[str]) -> str:
    at = next(n for n in range(1, 10) if found.group(n) is not None)
    ch = found.group(at)
    return found.group(0)[: found.start(at) - found.start()] + (f"\\{ch}" if ch in "#-+*._!" else f"&#{ord(ch)};")


_BRACKETS = re.compile(r"<code>.*?</code>|\\.|[\[\]()]", re.S)


def _closed(line: str) -> str:
    r"""A line of inline Markdown made inert whose every '[', ']', '(' and ')' that no other of the text closes (outside its
    code) is a character reference, so nothing of it pairs with a text beside it on the page's line: a rollback step's
    title 'Go [' and its text '](javascript:alert(1))', each linking nowhere (and so passing the check of links), made
    one link of the generator's ': ' to javascript: on the rollback page; 'Approve [x' a link of 'done by' to the other's
    address. Alone, such a bracket is text anyway.

    >>> _closed("Go [ [x](y) a) <code>f(</code> \\\\(")
    'Go &#91; [x](y) a&#41; <code>f(</code> \\\\&#40;'
    """
    if not any(ch in line for ch in "[]()"):
        return line
    opened: dict[str, list[int]] = {"[": [], "(": []}
    lone: set[int] = set()
    for found in _BRACKETS.finditer(line):
        ch = found.group()
        if len(ch) > 1:
            continue  # code, or an escaped character
        if ch in "[(":
            opened[ch].append(found.start())
        elif opened["[" if ch == "]" else "("]:
            opened["[" if ch == "]" else "("].pop()
        else:
            lone.add(found.start())
    lone.update(opened["["], opened["("])
    return "".join(f"&#{ord(ch)};" if n in lone else ch for n, ch in enumerate(line)) if lone else line


# A '*' or '_' of a line of inline Markdown made inert that Markdown may read as a delimiter of emphasis: not in code, an
# element, a character reference, an escape or a link's address (which the patterns before emphasis take).
_DELIMITER = re.compile(r"<code>.*?</code>|<[^<>]*>|&#?\w+;|\\.|\]\((?:\s*<[^<>\n]*>[^)]*|[^)]*)\)|([*_])", re.S)


@lru_cache(maxsize=1 << 14)
def _emphasis_closed(line: str) -> str:
    r"""A line of inline Markdown made inert whose every '*' and '_' that makes no emphasis of the line alone is a
    character reference, so none pairs with a delimiter of a text beside it on the page's line (as :func:`_closed` does
    for brackets): a rollback step's title 'Go *now' and its text 'later* ok' put the generator's ': ' in italics, a
    contact's '__on call' and 'Ann__ x' made 'on call: done by Ann' bold, '5 *3' and '2* 4' one emphasis across both. Which
    delimiters make emphasis is what Python-Markdown (whose rules for runs of them are CommonMark's, nearly) reads in the
    line alone: each is written as a reference in turn, a whole run first, and kept so where the line reads the same.

    >>> _emphasis_closed("Go *now"), _emphasis_closed("a_b and *c* or __d"), _emphasis_closed("x **y** <code>*</code>")
    ('Go &#42;now', 'a&#95;b and *c* or &#95;&#95;d', 'x **y** <code>*</code>')
    """
    return _lone_delimiters(line, _delimiters, (_alone, *(partial(_betterem, smart) for smart in _BETTEREM)), _held)


# pymdownx.betterem (Material's recipes load it) reads '*' and '_' otherwise: 'smart' ('all': '*.*x' and 'a*b*c' are no
# emphasis, which Python-Markdown's are) or not ('none'). A delimiter is kept only where each reading uses it: a title
# '*.*x' beside a text '*x*' put our ': done by ' in italics with betterem.
_BETTEREM = ("all", "none")


@lru_cache(maxsize=1 << 14)
def _betterem(smart: str, line: str) -> str:
    """A line of inline Markdown as Python-Markdown with pymdownx.betterem reads it alone (:func:`_alone`)."""
    return _read_alone(_betterem_converter(smart), line)


def _held(line: str) -> str:
    """A line of inline Markdown as Python-Markdown reads it inside our bold ('1. **{title}**: '): a delimiter of it used
    alone may make one run with ours ('**_**' then '****')."""
    return _alone(f"**{line}**")


@lru_cache(maxsize=4)
def _betterem_converter(smart: str) -> Any:
    import markdown as _markdown

    return _markdown.Markdown(extensions=["pymdownx.betterem"], extension_configs={"pymdownx.betterem": {"smart_enable": smart}})


def _delimiters(line: str) -> list[int]:
    """Where ``line`` (inline Markdown made inert for a page) has a '*' or '_' that may be a delimiter of emphasis."""
    return [found.start(1) for found in _DELIMITER.finditer(line) if found.group(1)]


def _lone_delimiters(
    line: str, delimiters: Callable[[str], list[int]], readers: Sequence[Callable[[str], str]], held: Callable[[str], str]
) -> str:
    """``line`` with every delimiter of emphasis (``delimiters``) that makes none of it as any of ``readers`` renders it
    (HTML, references read) a character reference: :func:`_emphasis_closed` for a page,
    :func:`gfm_emphasis_closed` for the Markdown export. Where one is still left making none, or making none inside our
    '**' (``held`` renders it there: ours shown as '*' count as its lone ones), every one is."""
    at = delimiters(line)
    inside = [n for n in at if line[n] == "_" and 0 < n < len(line) - 1 and _LETTER.match(line, n - 1) and _LETTER.match(line, n + 1)]
    if inside:  # a '_' inside a word ('admin_user') is never a delimiter, wherever the line is: written at once
        line = "".join("&#95;" if n in set(inside) else ch for n, ch in enumerate(line))
        at = delimiters(line)
    if not at:
        return line
    shown = [read(line) for read in readers]

    def lone(line: str, read: Callable[[str], str]) -> int:
        """How many of the line's delimiters show as text (make no emphasis) as ``read`` renders it."""
        shown, text = read(line), _html.unescape(line)
        return shown.count("*") + shown.count("_") - (text.count("*") + text.count("_") - len(delimiters(line)))

    def left_anywhere(line: str) -> int:
        return sum(lone(line, read) for read in (*readers, held))

    left = [lone(line, read) for read in readers]
    if not any(left):  # each makes emphasis (most texts with any: '*MFA*'), read in one conversion each way
        return _references(line, at) if lone(line, held) else line  # a run with ours: none can be taken out alone
    if all(n == len(at) for n in left):
        return _references(line, at)  # none does

    def same(candidate: str) -> bool:
        return all(read(candidate) == was for read, was in zip(readers, shown, strict=True))  # the first that differs ends it

    return _kept_delimiters(line, at, same, left_anywhere, delimiters)


def _references(line: str, at: Iterable[int]) -> str:
    """``line`` with its characters at ``at`` written as character references."""
    where = set(at)
    return "".join(f"&#{ord(ch)};" if n in where else ch for n, ch in enumerate(line))


def _kept_delimiters(line: str, at: list[int], same: Callable[[str], bool], lone: Callable[[str], int], delimiters: Callable[[str], list[int]]) -> str:
    """``line`` with each delimiter at ``at`` written as a character reference where the line reads the same without it
    (``same``). Where one is left making nothing (``lone``), all are: a run used in part ('***a**',
    '~~' of which one '~' opens a subscript), whose unused delimiter cannot be written alone without changing how the rest
    reads, paired with a text beside it; the text loses its own styling rather than style another's."""
    kept = _kept_reading(line, at, same)
    return _references(kept, delimiters(kept)) if lone(kept) else kept


# How many readings of a line the search for the delimiters it can keep may make (each reading is of the whole line):
# past that, every delimiter is written as a reference (the text loses its own styling, never styles another's). Without
# a bound the search is quadratic in the delimiters or worse: an imported line of 8,000 characters of '[^' took 2.7 s.
_READINGS = 48


def _kept_reading(line: str, at: list[int], same: Callable[[str], bool]) -> str:
    chars = list(line)
    runs: list[list[int]] = []
    for n in at:  # a whole run first ('**' making none), then each of its delimiters: a run in part reads as another
        runs.append([n]) if not runs or runs[-1][-1] != n - 1 or line[n] != line[n - 1] else runs[-1].append(n)
    tries = [run for run in runs if len(run) > 1] + [[n] for n in at]
    left = _READINGS
    changed = True
    while changed:  # until each one left makes emphasis: one written as a reference may leave another making none
        changed = False
        for run in tries:
            if any(len(chars[n]) > 1 for n in run):
                continue
            left -= 1
            if left < 0:
                return _references(line, at)
            chars_before = [chars[n] for n in run]
            for n in run:
                chars[n] = f"&#{ord(line[n])};"
            if not same("".join(chars)):
                for n, kept in zip(run, chars_before, strict=True):
                    chars[n] = kept  # it makes emphasis of the line
            else:
                changed = True
    return "".join(chars)


_LETTER = re.compile(r"[^\W_]")  # a letter or a digit


# The marks of the extensions that style what lies between two of them: '~~' (pymdownx.tilde), '==' (mark), '^^'
# (caret), and '~', '^' alone (subscript, superscript; '=' alone is none), found where _DELIMITER finds '*' and '_'. Material's recipes
# load them: a step's title 'Go ~~now' and its text 'later~~ ok' struck our ': ' through, '==' marked it.
_MARK = re.compile(r"<code>.*?</code>|<[^<>]*>|&#?\w+;|\\.|\]\((?:\s*<[^<>\n]*>[^)]*|[^)]*)\)|([~^]|=(?==)|(?<==)=)", re.S)
_MARKED = re.compile(r"<(?:del|ins|mark|sub|sup)\b")


@lru_cache(maxsize=1 << 14)
def _marks_closed(line: str) -> str:
    r"""A line of inline Markdown made inert whose every '~', '^' and '=' that styles none of it, as Python-Markdown with
    pymdownx.tilde, caret and mark reads the line alone, is a character reference (as :func:`_emphasis_closed` does for
    emphasis): none pairs with a mark of a text beside it, on a site that loads them. Without them, each shows as itself.

    >>> _marks_closed("Go ~~now"), _marks_closed("a ==b== c=d ^^e"), _marks_closed("H~2~O <code>~~</code>")
    ('Go &#126;&#126;now', 'a ==b== c=d &#94;&#94;e', 'H~2~O <code>~~</code>')
    """
    at = _marks(line)
    if not at:
        return line
    shown = _marked(line)
    if not _MARKED.search(shown):
        return _references(line, at)  # none styles anything
    return _kept_delimiters(line, at, lambda candidate: _marked(candidate) == shown, _lone_marks, _marks)


def _marks(line: str) -> list[int]:
    return [found.start(1) for found in _MARK.finditer(line) if found.group(1)]


def _marked(line: str) -> str:
    """A line of inline Markdown as Python-Markdown with pymdownx.tilde, caret and mark reads it alone (:func:`_alone`)."""
    return _read_alone(_marks_converter(), line)


def _lone_marks(line: str) -> int:
    """How many of the line's marks show as text: its '~', '^' and '=' in the text of its reading (no reference read)."""
    shown = re.sub(r"<code>.*?</code>|<[^>]*>", "", _read_alone(_marks_converter(), line, read=False), flags=re.S)
    return len(_MARK_CHAR.findall(shown))


_MARK_CHAR = re.compile("[~^]|=(?==)|(?<==)=")  # '=' alone marks nothing


@lru_cache(maxsize=1)
def _marks_converter() -> Any:
    import markdown as _markdown

    return _markdown.Markdown(extensions=["pymdownx.tilde", "pymdownx.caret", "pymdownx.mark"])


@lru_cache(maxsize=1 << 14)
def _alone(line: str) -> str:
    """A line of inline Markdown as Python-Markdown's inline patterns read it alone (the part of a conversion that reads
    emphasis, at half its cost): its elements as HTML, what the patterns set aside put back, character references read.

    >>> _alone(r"*a* &#42; \\* <code>_</code>")
    '<p><em>a</em> * * <code>_</code></p>'
    """
    return _read_alone(_line_converter(), line)


def _read_alone(converter: Any, line: str, read: bool = True) -> str:
    from xml.etree import ElementTree

    converter.reset()
    root = ElementTree.Element("div")
    paragraph = ElementTree.SubElement(root, "p")
    paragraph.text = line
    converter.treeprocessors["inline"].run(root)  # the elements under it
    stash = converter.htmlStash.rawHtmlBlocks
    shown = _PLACEHOLDER.sub(lambda m: f"&#{m.group(2)};" if m.group(2) else str(stash[int(m.group(1))]), ElementTree.tostring(paragraph, encoding="unicode"))
    return _html.unescape(shown) if read else shown


_PLACEHOLDER = re.compile("\x02(?:wzxhzdk:(\\d+)|(\\d+))\x03")


@lru_cache(maxsize=1)
def _line_converter() -> Any:
    import markdown as _markdown

    return _markdown.Markdown()  # its own: md() runs inside inline_html's conversion, between its reset and its convert


# In a line of inline Markdown made inert (its code spans <code> now): a '|', and a backtick no span of the text closed
# (a text beside it in a table's row closed it, a code span of both across the '|' between their cells), escaped by a
# backslash or not; an escaped backslash before them is kept whole.
_CELL_BREAK = re.compile(r"\\\\|\\?[|`]")


def _cell_char(found: re.Match[str]) -> str:
    return found.group() if found.group() == "\\\\" else f"&#{ord(found.group()[-1])};"


def _md_line(text: str) -> str:
    """A line of inline Markdown made inert (:func:`md`), its '|' kept: a line of a Markdown block (a table there is the
    data's own)."""
    line = _inline_line(text)
    return _inert_titles(line) if "](" in line else line


def _inline_line(text: str) -> str:
    if "`" not in text:
        return _inert(text)
    out, pos = [], 0
    for found in _CODE.finditer(text):
        before, code = text[pos : found.start()], _code(found.group(2))
        opening = _GLUED_BEFORE.search(before) if "cl-word" in code else None
        if opening:
            out += [_inert(before[: opening.start()]), f'<span class="cl-glued">{_inert(opening.group())}{code}</span>']
        else:
            out += [_inert(before), code]
        pos = found.end()
    return "".join(out) + _inert(text[pos:])


# A title of the data's links (and images, and a block's reference definitions) is an attribute that Material's (and
# Zensical's) tooltips read back and write into the page as HTML (content.tooltips: the element's title, as innerHTML):
# '[guide](https://x.test "<img src=x onerror=alert(1)>")', escaped once as every text is ('&lt;img ...'), was the title
# '<img ...>' to the page's script, and hovering the link ran it. A title is written escaped twice, with no element of
# ours in it (a code span's): the attribute holds the text as HTML, which the tooltip shows as the text.
def _inert_titles(line: str) -> str:
    r"""A line of inline Markdown made inert whose every link's title (as Python-Markdown reads it: :func:`_titled_links`)
    holds no markup once the browser has read the attribute.

    >>> _inert_titles('[x](https://x.test "&lt;img src=x&gt; &amp; <code>y</code>") [z](https://y.test)')
    '[x](https://x.test "&amp;lt;img src=x&amp;gt; &amp;amp; y") [z](https://y.test)'
    """
    out, at = [], 0
    for opening, title_start, title_end in _titled_links(line):
        if opening < at:
            continue  # inside a link before it, whose title was read
        out += [line[at:title_start], _title_text(line[title_start:title_end])]
        at = title_end
    return "".join(out) + line[at:] if out else line


def _titled_links(line: str) -> Iterable[tuple[int, int, int]]:
    r"""Each link's title as Python-Markdown's own parser (LinkInlineProcessor.getLink) reads it at every '](' of a line:
    (the '(', the title's start, its end), in the order of the '('.

    getLink scans from its '(' to the ')' closing it, which may be the line's end: called at every '](' (7d5a576), a line
    of 4,000 characters of '](x ' took 0.5 s, quadratic. Its reading is found here in one pass over the line for all of
    them (test_held_out14 checks it is getLink's at every '(' of hostile lines): before a quote, the ')' that brings the
    count of '(' back to none closes the link (no title); from the first quote on, the ')' closes it whose last character
    before it but spaces is the same quote after it, or the other kind of quote after the first of that kind after it:
    what lies between is the title. So every link whose first quote is the same has the same title and end.

    >>> list(_titled_links('[a](x "t") [b](y (z) "u" ) [c](<d> "v") [e](f)'))
    [(3, 7, 8), (14, 22, 23), (30, 36, 37)]
    """
    if "'" not in line and '"' not in line:
        return
    from markdown.inlinepatterns import LinkInlineProcessor

    closes, next_quote, after, closing = _link_tables(line)
    angled = LinkInlineProcessor.RE_LINK
    for found in re.finditer(r"\]\(", line):
        paren = found.end() - 1
        m = angled.match(line, paren)
        if m is None:
            continue
        if m.group(1):
            if m.group(2):
                yield paren, m.start(2) + 1, m.end(2) - 1
            continue
        begin = m.end()
        first = next_quote[begin]
        closed = closes[begin]  # the ')' at closed - 1 closes it, counted from begin with one open
        if first < 0 or 0 <= closed - 1 < first:
            continue  # closed before any quote, or no quote: no title
        quote = line[first]
        other = "'" if quote == '"' else '"'
        same = closing(quote, first)
        first_other = after[other][first + 1]
        alt = closing(other, first_other) if first_other >= 0 else None
        if same is not None and (alt is None or same[1] < alt[1]):
            yield paren, first + 1, same[0]
        elif alt is not None:
            yield paren, first_other + 1, alt[0]


def _link_tables(line: str) -> tuple[list[int], list[int], dict[str, list[int]], Callable[[str, int], tuple[int, int] | None]]:
    """What :func:`_titled_links` reads of a line, found in one pass each (see there)."""
    size = len(line)
    # depth[k]: '(' less ')' in line[:k]; closes[k]: the first j > k with depth[j] == depth[k] - 1 (the ')' at j - 1
    # brings a count begun at k to none)
    depth = [0] * (size + 1)
    for k, ch in enumerate(line):
        depth[k + 1] = depth[k] + (ch == "(") - (ch == ")")
    closes: list[int] = [-1] * (size + 1)
    seen: dict[int, int] = {}
    for k in range(size, -1, -1):
        closes[k] = seen.get(depth[k] - 1, -1)
        seen[depth[k]] = k
    # next_quote[k]: the first quote at or after k; after[q][k]: the first quote q at or after k
    next_quote = [-1] * (size + 1)
    after = {'"': [-1] * (size + 1), "'": [-1] * (size + 1)}
    for k in range(size - 1, -1, -1):
        ch = line[k]
        next_quote[k] = k if ch in "'\"" else next_quote[k + 1]
        for q, row in after.items():
            row[k] = row[k + 1] if ch != q else k
    # each ')' after a quote (but spaces): the quote's place, in order (ascending both ways)
    before_close: dict[str, list[tuple[int, int]]] = {'"': [], "'": []}
    last = -1
    for k, ch in enumerate(line):
        if ch == ")" and last >= 0 and line[last] in before_close:
            before_close[line[last]].append((last, k))
        if ch != " ":
            last = k
    firsts = {q: [p for p, _ in rows] for q, rows in before_close.items()}

    def closing(quote: str, above: int) -> tuple[int, int] | None:
        """The first ')' after the quote at a place past `above` (that quote's place, the ')' place)."""
        n = bisect_right(firsts[quote], above)
        return before_close[quote][n] if n < len(firsts[quote]) else None

    return closes, next_quote, after, closing


def _title_text(title: str) -> str:
    """A title of the data's Markdown, escaped once, as its attribute must say it: escaped twice, no element in it."""
    text = re.sub(r"<[^<>]*>", "", title)  # our own elements (a code span's): their text stays
    return text.replace("&", "&amp;").replace("<", "&amp;lt;").replace(">", "&amp;gt;")


def _inert_definition_titles(block: str) -> str:
    """A Markdown block made inert whose reference definitions' titles hold no markup once read (:func:`_inert_titles`),
    as Python-Markdown finds those definitions (its own pattern)."""
    from markdown.blockprocessors import ReferenceProcessor

    def one(found: re.Match[str]) -> str:
        if found.group(5) is None and found.group(6) is None:
            return found.group()  # no title
        group = 5 if found.group(5) is not None else 6
        return found.string[found.start() : found.start(group)] + _title_text(found.group(group)) + found.string[found.end(group) : found.end()]

    return ReferenceProcessor.RE.sub(one, block)


# The opening punctuation that touches a code span whose words are kept whole ("(" or a quote before it, after a space):
# a line may break before a word kept whole (an inline block), even after "(": the "(" was left at the end of a line and
# the command began the next. In a span.cl-glued, which the style sheets do not break there, it stays with the code. No
# Markdown syntax among them ('[' would cut a link's text from its address).
_GLUED_BEFORE = re.compile("(?:^|(?<=\\s))[(\"'\u2018\u201c\u00ab\u00bf\u00a1]+$")


def unlinked_md(text: str) -> str:
    """Inline Markdown with its links' syntax dropped (their text kept), made inert: for inside a link of ours.

    >>> unlinked_md("See [the guide](https://x.test) *now*")
    'See the guide *now*'
    """
    return md(strip_links(text)).replace("[", "&#91;").replace("]", "&#93;")  # not '\\[', which arithmatex reads as math


def plain_md(text: str) -> str:
    """Plain text on a Markdown page: every character Markdown would read is a character reference.

    >>> plain_md("*Ops* <b> | [x]"), plain_md("- 1. x")
    ('&#42;Ops&#42; &lt;b&gt; &#124; &#91;x&#93;', '\\\\- 1. x')

    Nor does it open a block where a page puts it at a line's start (``_OPENER``: a list, a rule).
    """
    out = text.translate(_PLAIN)
    return _OPENER.sub(_opener, out.lstrip(" \t"), count=1)


# Plain text on a page: Markdown's syntax, and the marks of the extensions that style text between two of them (~~, ==,
# ^^ of pymdownx.tilde, mark and caret; ++ of keys), which a plain text holds as characters: 'Go ~~now' as a step's title
# and 'later~~' beside it were one struck-through run, our words in it.
_PLAIN = _MD_SYNTAX | {ord(c): f"&#{ord(c)};" for c in "~^=+"}


def fence(code: str, lang: str = "sh") -> str:
    """A fenced code block that the code itself cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{code}\n{ticks}"


@lru_cache(maxsize=1)
def _parser() -> Any:
    """A CommonMark parser of the block structure only (where the code blocks are): the inline parse, which no caller
    reads, takes time that grows faster than the text on a bracket-heavy line."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


@lru_cache(maxsize=256)
def _language(name: str) -> str:
    r"""A data code block's language as our fence keeps it: a name Pygments highlights, else none. Any other name may be a
    custom fence of pymdownx.superfences, which a site renders rather than shows: 'mermaid' a diagram, 'math' TeX that
    MathJax typesets ('\href{javascript:...}{x}' a link running script, which the scan of the built HTML cannot see).

    >>> _language("sh"), _language("Python"), _language("math"), _language("mermaid")
    ('sh', 'Python', '', '')
    """
    from pygments.lexers import find_lexer_class_by_name  # type: ignore[import-untyped]
    from pygments.util import ClassNotFound  # type: ignore[import-untyped]

    try:
        return name if name and find_lexer_class_by_name(name.lower()) else ""
    except ClassNotFound:
        return ""


def _code_lines(first: str, token: Any) -> list[str]:
    """A code block of the data, written again as a fence of ours at the same indentation."""
    if token.type == "fence":
        prefix = first[: first.find(token.markup)]
        lang = _language(_SAFE_LANG.match(token.info.strip()).group())  # type: ignore[union-attr]
    else:  # an indented code block
        prefix, lang = first[: max(0, len(first) - len(first.lstrip()) - 4)], ""
    pad = re.sub(r"\S", " ", prefix)
    lines = fence(token.content.rstrip("\n"), lang).split("\n")
    return [prefix + lines[0]] + [pad + line if line else "" for line in lines[1:]]


# What may open a line before its text: indentation, quote markers, list markers (each followed by a blank).
_CONTAINER = r"(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*"
_HASH_HEADING = re.compile(rf"^({_CONTAINER})#")
# A line that underlines the one before it as a heading (setext): '=' or '-' only, inside quotes at most.
_UNDERLINE = re.compile(r"^((?:[ \t]*>)*[ \t]*)([=-])(\2*[ \t]*)$")


# A line that defines an abbreviation ('*[GO]: Not yet'), which the abbr extension takes out of the text and applies to
# every word 'GO' of the page, the generator's own included: its '*' a character reference, it shows as written.
_ABBREVIATION = re.compile(rf"^({_CONTAINER})\*(?=\[[^\]\\]*\] ?:)")


# A line that defines a reference ('[r]: https://x.test') or a footnote ('[^1]: Source'): Python-Markdown takes it out of
# its text and applies it to the whole page, so a runbook's meaning holding '[r]: https://x.test' made an '[r]' of a step's
# text (or another block's) a link there, and a step whose text was such a line vanished; a block's '[^1]:' (with the
# footnotes extension) was the footnote of every '[^1]' of the page. Every inline text writes its '[' as '&#91;' (it
# shows as written, defining nothing); a Markdown block keeps its own, renamed for it alone (_local_definitions).
_DEFINITION = re.compile(rf"^({_CONTAINER})\[(?=[^\[\]\n]*\]:)")
_INERT_DEFINITION = re.compile(rf"^({_CONTAINER})&#91;([^\[\]\n]*)\]:")
# A definition right after one made inert, on its line: a footnote's content begins there ('[^1]:[g]: https://a.test/',
# or '[^1]: > [g]: …'), and Python-Markdown reads the footnote as a page of its own whose definitions are the whole page's.
_NESTED_DEFINITION = re.compile(rf"^((?:{_CONTAINER}&#91;[^\[\]\n]*\]:)+{_CONTAINER})\[(?=[^\[\]\n]*\]:)")


def _inert_definitions(line: str) -> str:
    """``line`` with the definition it opens, and each definition right after one (a footnote's content), made inert:
    its '[' a character reference (``_local_definitions`` makes a block's first one live again, for the block alone).

    >>> _inert_definitions("[^1]:[g]: https://a.test/"), _inert_definitions("> [^1]: > [g]: x"), _inert_definitions("[^1]: see [g]")
    ('&#91;^1]:&#91;g]: https://a.test/', '> &#91;^1]: > &#91;g]: x', '&#91;^1]: see [g]')
    """
    line = _DEFINITION.sub(r"\1&#91;", line)
    while "]:" in line and (m := _NESTED_DEFINITION.match(line)) is not None:
        line = line[: m.end(1)] + "&#91;" + line[m.end(1) + 1 :]
    return line
_LABEL = re.compile(r"\[([^\[\]\n]*)\](\[\])?")


def _local_definitions(lines: list[str], code: set[int], block: str) -> list[str]:
    r"""The lines of a Markdown block (made inert: each definition's '[' a character reference) with the references and
    footnotes it defines live again, for it alone: each label it defines, wherever the block uses it, takes a suffix
    of the block's own ('-' and 8 hex digits of its text's digest), so no other text of the page reaches its
    definitions (an '[r]' elsewhere stays text), and it reaches no other's. Code lines are left as they are.

    >>> print("\n".join(_local_definitions(["See [g], [the guide][g], [g][][^1].", "&#91;g]: https://x.test", "&#91;^1]: Note"], set(), "x")))
    See [g][g-2d711642], [the guide][g-2d711642], [g][g-2d711642][^1-2d711642].
    [g-2d711642]: https://x.test
    [^1-2d711642]: Note
    """
    found = {" ".join(m.group(2).lower().split()) for n, line in enumerate(lines) if n not in code and (m := _INERT_DEFINITION.match(line))}
    found.discard("")
    if not found:
        return lines
    import hashlib

    suffix = "-" + hashlib.sha256(block.encode("utf-8", "surrogatepass")).hexdigest()[:8]

    def label(m: re.Match[str]) -> str:
        name, line = m.group(1), m.string
        if " ".join(name.lower().split()) not in found:
            return m.group(0)
        after = line[m.end() : m.end() + 1]
        if name.startswith("^") or (m.start() > 0 and line[m.start() - 1] == "]"):  # a footnote's mark, a full reference's label
            return f"[{name}{suffix}]{m.group(2) or ''}"
        if m.group(2) is None and after in ("(", "[", ":"):
            return m.group(0)  # a link's text, a full reference's text, a definition (not at its line's start)
        return f"[{name}][{name}{suffix}]"  # a shortcut or collapsed reference

    out = []
    for n, line in enumerate(lines):
        if n in code:
            out.append(line)
            continue
        line = _INERT_DEFINITION.sub(
            lambda m: f"{m.group(1)}[{m.group(2)}{suffix}]:" if " ".join(m.group(2).lower().split()) in found else m.group(0), line
        )
        out.append(_LABEL.sub(label, line) if "[" in line else line)
    return out


# A line that is mkdocstrings' '::: module.name' (a site with it imports that module where it builds, and shows its
# documentation), wherever in a block it stands.
_DIRECTIVE = re.compile(rf"^({_CONTAINER}):(?=::)")


def _no_heading(line: str, before: str) -> str:
    """A line of a Markdown block (made inert, quotes restored) that makes no heading, after the line ``before``:
    its '#' after any quote or list marker escaped, and an underline of a text line (setext) begun with a character reference;
    nor an abbreviation of the page (``_ABBREVIATION``).

    >>> _no_heading("> - # x", ""), _no_heading("---", "Title"), _no_heading("---", "")
    ('> - \\\\# x', '&#45;--', '---')
    """
    line = _HASH_HEADING.sub(r"\1\\#", line)
    if "*[" in line:
        line = _ABBREVIATION.sub(r"\1&#42;", line)
    if "]:" in line:  # after a quote marker, made one again
        line = _inert_definitions(line)
    if ":::" in line:  # mkdocstrings' '::: module' (imported where the site builds)
        line = _DIRECTIVE.sub(r"\1&#58;", line)
    line = line.replace("[TOC]", "&#91;TOC]") if "[TOC]" in line else line  # toc's marker, wherever it is an element's text
    under = _UNDERLINE.match(line)
    if under is None or not before.strip():
        return line  # a rule after a blank line is a rule
    return f"{under.group(1)}&#{ord(under.group(2))};{under.group(3)}"


def md_block(text: str) -> str:
    """Multi-line Markdown from the data: paragraphs and emphasis, no raw HTML, no headings.

    Code blocks are found by parsing (markdown-it) and written again as fences the code cannot
    close; every other line is made inert as inline text is, so no line becomes live HTML, and
    makes no heading ('#' wherever Markdown reads one, a setext underline): a heading of the data
    would be one of the page's, in its table of contents, with an id of its own.

    >>> md_block("# Not a heading\\n<b>x</b>\\n---")
    '\\\\# Not a heading\\n&lt;b&gt;x&lt;/b&gt;\\n&#45;--'
    """
    lines = text.strip().splitlines()
    code = {t.map[0]: t for t in _parser().parse("\n".join(lines)) if t.type in ("fence", "code_block") and t.map}
    out: list[str] = []
    fenced: set[int] = set()  # the lines of out that are code
    number = 0
    while number < len(lines):
        token = code.get(number)
        if token is not None:
            written = _code_lines(lines[number], token)
            fenced.update(range(len(out), len(out) + len(written)))
            out += written
            number = token.map[1]
            continue
        line = re.sub(r"^(\s*)((?:&gt; ?)+)", lambda m: m.group(1) + m.group(2).replace("&gt;", ">"), _md_line(lines[number]))  # quotes stay quotes
        out.append(_no_heading(line, out[-1] if out else ""))
        number += 1
    if "]:" not in text:
        return "\n".join(out)
    return _inert_definition_titles("\n".join(_local_definitions(out, fenced, text)))


@lru_cache(maxsize=1)
def _converter() -> Any:
    import markdown as _markdown  # imported when first needed: the CLI's terminal output needs none of this

    return _markdown.Markdown()


_ALLOWED_TAGS = {"a", "code", "em", "strong", "img", "br", "span"}
_ALLOWED_ATTRS = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "span": {"class"}}


def clean(fragment: str) -> str:
    """An HTML fragment the generator rendered, through the Ammonia sanitizer: no script, no handler, safe schemes only."""
    import nh3

    return nh3.clean(fragment, tags=_ALLOWED_TAGS, attributes=_ALLOWED_ATTRS, url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True)


@lru_cache(maxsize=1)
def _block_converter() -> Any:
    import markdown as _markdown

    # What a Markdown block of the data may hold on a runbook page: paragraphs, lists, quotes, tables, code. A tab in code
    # stays a tab (Python-Markdown makes every tab four spaces before any extension runs: a here-document's '<<-EOF',
    # whose lines start with tabs, was copied with spaces and never ended); md_block writes every code block as a fence.
    return _markdown.Markdown(
        extensions=["tables", "pymdownx.highlight", "pymdownx.superfences"], extension_configs={"pymdownx.superfences": {"preserve_tabs": True}}
    )


_BLOCK_TAGS = _ALLOWED_TAGS | {"p", "ul", "ol", "li", "blockquote", "pre", "div", "table", "thead", "tbody", "tr", "th", "td", "hr"}
_BLOCK_ATTRS = {**_ALLOWED_ATTRS, "div": {"class"}, "code": {"class"}, "pre": {"class"}, "ol": {"start"}}


def block_html(text: str) -> str:
    """A Markdown block of the data as HTML, sanitized: ``md_block``'s inert Markdown, converted, then cleaned.

    >>> block_html("Run <b>`make`</b>\\n\\n- one\\n- two")
    '<p>Run &lt;b&gt;<code>make</code>&lt;/b&gt;</p>\\n<ul>\\n<li>one</li>\\n<li>two</li>\\n</ul>'
    """
    import nh3

    converter = _block_converter()
    converter.reset()
    out = converter.convert(md_block(text))
    return nh3.clean(out, tags=_BLOCK_TAGS, attributes=_BLOCK_ATTRS, url_schemes={"http", "https", "mailto"}, link_rel=None, strip_comments=True)


# Characters that make Python-Markdown change one line of inline text; text without them is itself.
# What would start a block other than a paragraph at a line's start (a list item, a heading): its mark escaped.
_BLOCK_START = re.compile(r"^(\d{0,9})([.)](?=[ \t])|[-+*](?=[ \t])|#)")  # Python-Markdown reads '#task' as a heading
_INLINE_SYNTAX = re.compile(r"[\\`*_\[\]!<>&{}]|  ")


def inline_html(text: str) -> str:
    """One line of inline Markdown as HTML, as it reads on the runbook page, sanitized.

    >>> inline_html("Rate limit < 100 req/s"), inline_html("Run `<b>` **now**")
    ('Rate limit &lt; 100 req/s', 'Run <code><span class="cl-word">&lt;b&gt;</span></code> <strong>now</strong>')
    >>> inline_html("8. Run `ls`"), inline_html("- Run `ls`"), inline_html("# 1 `x`"), inline_html("#task `x` Todo")
    ('8. Run <code>ls</code>', '- Run <code>ls</code>', '# 1 <code>x</code>', '#task <code>x</code> Todo')
    """
    text = text.strip()
    if not _INLINE_SYNTAX.search(text):
        return str(text)  # nothing Markdown would change (most item texts)
    converter = _converter()
    converter.reset()
    out = converter.convert(_BLOCK_START.sub(r"\1\\\2", md(text), count=1))  # '8. Run `ls`' is one line, no list
    if not (out.startswith("<p>") and out.endswith("</p>")) or "\n" in out:
        return _html.escape(text, quote=False)  # not one paragraph: show the text as written
    return clean(out[3:-4])


def _terminal(text: str) -> str:
    out, at = [], 0
    for found in _ISOLATE.finditer(text):  # a closed isolate on one line (``bidi``) steers nothing outside it: kept
        out += [_escaped(text[at : found.start()]), FSI, _escaped(found.group(1)), PDI]
        at = found.end()
    return "".join(out) + _escaped(text[at:])


def _escaped(text: str) -> str:
    return "".join(ch if ch.isprintable() or ch in "\n" else f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}" for ch in text)


_ISOLATE = re.compile(f"{FSI}([^{BIDI}\n]*){PDI}")


def columns(text: str) -> int:
    """How many columns a terminal gives ``text``: wide (East Asian) characters two, combining marks and format
    characters (the isolates) none.

    >>> columns("上线 3"), columns("1. \\u2068שלב\\u2069"), columns("e\u0301")
    (6, 6, 1)
    """
    wide = ("W", "F")
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) == "Cf" else 2 if unicodedata.east_asian_width(ch) in wide else 1 for ch in text)


T = TypeVar("T", bound=str)
RUNNING_COLUMNS = 100  # a running header's or footer's text: two lines of its half of the margin, three at most


def shortened(text: T, room: int = RUNNING_COLUMNS) -> T:
    """``text`` in at most ``room`` columns (:func:`columns`: CJK two), cut after a word where one ends in its last
    third and ended by '…'; of its own type. For the running headers and footers of paper, which sit in the page's
    margin: a 480-character title ran above the top of the page and down over the sheet's own title. An isolate cut
    open is closed after the '…'.

    >>> shortened("Launch"), shortened("one two three four", 12), shortened("上线上线上线上线", 9)
    ('Launch', 'one two…', '上线上线…')
    >>> shortened("1. \u2068שלב שלב שלב\u2069", 10)
    '1. \u2068שלב…\u2069'
    """
    if columns(text) <= room:
        return text
    kept, used = [], 0
    for ch in text:
        used += columns(ch)
        if used > room - 1:
            break
        kept.append(ch)
    cut = "".join(kept)
    space = cut.rfind(" ")
    if space > 0 and columns(cut[space:]) <= room // 3:
        cut = cut[:space]
    cut = cut.rstrip(" ,;:·-–—") + "…"
    return type(text)(cut + PDI * max(0, cut.count(FSI) - cut.count(PDI)))


# ---- the places, one function per kind ---------------------------------------------------------


class Place(Protocol):
    """A place text lands: called with a text of a declared kind (mypy refuses a bare ``str``), one registration per kind."""

    def __call__(self, value: Text, /) -> str: ...

    def register(self, cls: Any, func: Any = None) -> Any: ...


def place(func: Callable[[object], str]) -> Place:
    """A ``functools.singledispatch`` place, typed so that the type checker sees the kind it is given."""
    return cast(Place, singledispatch(func))



@place
def markdown(value: object) -> str:
    """Text for a Markdown page."""
    raise _unkinded("a Markdown page", value)


@markdown.register
def _(value: InlineMarkdown) -> str:
    return md(value)


@markdown.register
def _(value: MarkdownBlock) -> str:
    return md_block(value)


@markdown.register
def _(value: PlainText) -> str:
    return plain_md(value)


@markdown.register
def _(value: Ident) -> str:
    return str(value)  # lowercase letters, digits and hyphens: nothing to escape


@markdown.register(Address)
@markdown.register(Url)
def _(value: Text) -> str:
    return re.sub(r"[\s<>]", lambda m: f"%{ord(m.group()):02X}", value)  # a link target, as in [title](<url>)


@markdown.register
def _(value: FilePath) -> str:
    return _code(value)


@place
def link_text(value: object) -> str:
    """Text inside a Markdown link's brackets: links can't nest, so their syntax is dropped."""
    raise _unkinded("a link text", value)


@link_text.register
def _(value: InlineMarkdown) -> str:
    return unlinked_md(value)


@link_text.register
def _(value: PlainText) -> str:
    return plain_md(value)


@place
def html(value: object) -> str:
    """Text for an HTML block (sheets, packet, lists): rendered as it reads on the runbook page."""
    raise _unkinded("an HTML block", value)


@html.register
def _(value: InlineMarkdown) -> str:
    return text_quotes(inline_html(value))


@html.register
def _(value: MarkdownBlock) -> str:
    return text_quotes(block_html(value))


# A tag as the sanitizer writes one (every attribute value in double quotes, which may hold a '>'), or the text between.
_TAG = re.compile(r'(<[^">]*(?:"[^"]*"[^">]*)*>)')


def text_quotes(fragment: str) -> str:
    """``fragment`` (HTML the sanitizer wrote) with each double quote of its text written ``&quot;``: so no text of an
    HTML block reads as an attribute (``layout.relocate`` moves a block's relative addresses by their attribute's
    syntax, `` href="``, which an item's text may hold: ``Set href="/x"``); the browser shows the same.

    >>> text_quotes('Set href="x" <a href="y" title="a > b">"go"</a>')
    'Set href=&quot;x&quot; <a href="y" title="a > b">&quot;go&quot;</a>'
    """
    if '"' not in fragment:
        return fragment
    parts = _TAG.split(fragment)
    return "".join(part if n % 2 else part.replace('"', "&quot;") for n, part in enumerate(parts))


@html.register(PlainText)
@html.register(Ident)
@html.register(FilePath)
@html.register(Url)
@html.register(Address)
def _(value: Text) -> str:
    return _html.escape(value, quote=True)


@place
def attr(value: object) -> str:
    """Text for an HTML attribute, or the text of a raw-HTML element: escaped, link syntax dropped."""
    raise _unkinded("an HTML attribute", value)


@attr.register(InlineMarkdown)
def _(value: Text) -> str:
    return attr_text(value)


@attr.register(PlainText)
@attr.register(Ident)
@attr.register(FilePath)
@attr.register(Url)
@attr.register(Address)
def _(value: Text) -> str:
    return _html.escape(value, quote=True)


@place
def comment(value: object) -> str:
    """Text inside an HTML comment: nothing in it can end the comment."""
    raise _unkinded("an HTML comment", value)


@comment.register(FilePath)
@comment.register(PlainText)
@comment.register(Ident)
def _(value: Text) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("-", "&#45;")


def yaml_string(text: str) -> str:
    r"""A YAML double-quoted scalar holding exactly ``text``: every character that is not printable
    (line breaks, controls, format characters) written as an escape, so nothing can end the scalar or
    the front matter. Text that is not Unicode (a non-UTF-8 file name) shows U+FFFD.

    >>> print(yaml_string('a\nb: "c" \\ \u2028'))
    "a\u000ab: \"c\" \\ \u2028"

    Nor can it hold a command of a CI runner, whose log the YAML may be printed in: the '#' of '##[' (GitHub Actions)
    and '##vso[' (Azure Pipelines) is the escape \x23 (a '::' can only follow the opening quote).

    >>> print(yaml_string("::error::x ##[set-output name=v;]go"))
    "::error::x \x23#[set-output name=v;]go"
    """
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif 0xD800 <= code < 0xE000:
            out.append("\ufffd")
        elif ch.isprintable() and code not in (0xFEFF,):
            out.append(ch)
        else:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
    quoted = '"' + "".join(out) + '"'
    return re.sub(r"#(?=#(?:vso)?\[)", r"\\x23", quoted) if "##" in quoted else quoted


@place
def front_matter(value: object) -> str:
    """A value of YAML front matter: one scalar, quoted unless it is a plain path."""
    raise _unkinded("front matter", value)


@front_matter.register(FilePath)
@front_matter.register(PlainText)
@front_matter.register(Ident)
def _(value: Text) -> str:
    return str(value) if re.fullmatch(r"[A-Za-z0-9_./][A-Za-z0-9_./ -]*", value) and not value.endswith(" ") else yaml_string(value)


def head_title(text: str) -> str:
    """A page title as MkDocs and Zensical get it (the navigation, ``title:`` in front matter): link syntax
    dropped, HTML-escaped. Both themes print ``page.meta.title`` and navigation titles as they are, and every
    generated page that has a title in the navigation gives it in front matter too, so ``<title>`` never goes
    through ``striptags`` (which reads ``&lt;`` back as ``<``) on a generated page.

    A mark of the data that sets a direction goes (:func:`unmarked`): in a browser's tab one set the whole line's.

    >>> head_title('Deploy </title><script> & "[run](x)"'), head_title("\u200fRedis down")
    ('Deploy &lt;/title&gt;&lt;script&gt; &amp; &quot;run&quot;', 'Redis down')
    """
    return _html.escape(LINK.sub(r"\1", unmarked(text)), quote=True)


@place
def title(value: object) -> str:
    """A page title for the engine: the navigation, and ``title:`` in front matter (see :func:`head_title`)."""
    raise _unkinded("a page title", value)


@title.register(InlineMarkdown)
@title.register(PlainText)
@title.register(Ident)
def _(value: Text) -> str:
    return head_title(value)


def front_matter_title(value: Text) -> str:
    """``title:`` of a page's front matter: the page title, as a YAML scalar."""
    return yaml_string(title(value))


@place
def css(value: object) -> str:
    """Text in a CSS string (print headers in ``<style>``): CSS-escaped, not HTML-escaped."""
    raise _unkinded("a CSS string", value)


@css.register(InlineMarkdown)
def _(value: Text) -> str:
    return css_string(LINK.sub(r"\1", value))


@css.register(PlainText)
@css.register(Ident)
@css.register(FilePath)
@css.register(Url)
def _(value: Text) -> str:
    return css_string(value)


def css_string(text: str) -> str:
    """A CSS string literal, safe inside a <style> element: quotes, backslashes, '<', '>', '&' and
    every character that is not printable written as CSS escapes.

    >>> css_string('Say "hi" </style>')
    '"Say \\\\22 hi\\\\22  \\\\3c /style\\\\3e "'
    """
    return '"' + "".join(f"\\{ord(ch):x} " if ch in '"\\<>&' or not ch.isprintable() else ch for ch in text) + '"'


@place
def search(value: object) -> str:
    """Text for a search entry's title, text or breadcrumb, which both engines show as HTML (element content, never an
    attribute): '&', '<' and '>' escaped, quotes left as they are (Zensical does not read numeric references back)."""
    raise _unkinded("a search entry", value)


@search.register(InlineMarkdown)
def _(value: Text) -> str:
    escaped = _html.escape(strip_links(value), quote=False)
    return _SEARCH_CODE.sub(r"<code>\1</code>", escaped) if "`" in escaped else escaped


@search.register(PlainText)
@search.register(Ident)
@search.register(MarkdownBlock)
def _(value: Text) -> str:
    return _html.escape(value, quote=False)


_SEARCH_CODE = re.compile(r"`([^`]+)`")


@place
def script_text(value: object) -> str:
    """Text a page's script shows as a text node (``textContent``: the live meeting's list of blockers): the words as
    the built page shows them (inline Markdown read as ``html`` reads it, links' text for links, then its text: not
    its Markdown source); nothing escaped, as a text node holds no markup.

    >>> script_text(InlineMarkdown("Run `make <x>` ([guide](https://x.test))")), script_text(PlainText("a <b> & c"))
    ('Run make <x> (guide)', 'a <b> & c')
    >>> script_text(InlineMarkdown(r"**Now** &amp; \\* _it_ <img src=x>"))
    'Now &amp; * it <img src=x>'
    """
    raise _unkinded("a script's text node", value)


@script_text.register(InlineMarkdown)
def _(value: Text) -> str:
    text = strip_links(value)
    if not _INLINE_SYNTAX.search(text):
        return str(text)  # nothing Markdown would change (most item texts)
    return _rendered_text(str(text))


@lru_cache(maxsize=1 << 16)
def _rendered_text(text: str) -> str:
    """The text of one line of inline Markdown as rendered (kept: each version of a live meeting asks for the same texts)."""
    import nh3

    return _html.unescape(nh3.clean(inline_html(text), tags=set()))


@script_text.register(PlainText)
@script_text.register(Ident)
def _(value: Text) -> str:
    return str(value)


@place
def words(value: object) -> str:
    """A text as plain words for another system's plain-text field (an alarm's description in CloudWatch and Terraform,
    which notifications carry to e-mail and chat): what the site shows, not its Markdown (a link's text without its
    address, emphasis without its asterisks), as :func:`script_text` gives it.

    >>> words(InlineMarkdown("**Errors** high: [see](https://x.test/phish) `5xx`"))
    'Errors high: see 5xx'
    """
    raise _unkinded("plain words for another system", value)


# What a chat tool reads in a message's text as a mention where a notification posts it as it is (an alarm's description,
# which Slack integrations put in a message unescaped): Slack's '<!channel>', '<!here>', '<@U123>', '<#C123>',
# '<!subteam^ID>', and a name after '@' ('@here', '@channel', '@oncall', as Slack with link_names, Discord, Mattermost and
# Teams read them). A word joiner (U+2060) follows each sign: the same text to a reader, no mention to the tool.
_CHAT_SIGN = re.compile(r"<(?=[!@#])|(?<![A-Za-z0-9])@(?=[A-Za-z0-9_])")


@words.register(InlineMarkdown)
@words.register(PlainText)
@words.register(Ident)
def _(value: Text) -> str:
    """The words, each mention sign a chat tool reads followed by a word joiner (:data:`_CHAT_SIGN`): a runbook titled
    'Service down <!channel>' pinged the whole channel at every alarm where its description is posted to Slack.

    >>> words(InlineMarkdown("Down <!channel> @here, ask a@b.test")).replace("\u2060", "+")
    'Down <+!channel> @+here, ask a@b.test'
    """
    text = script_text(value)
    return _CHAT_SIGN.sub(lambda m: m.group() + "\u2060", text) if "<" in text or "@" in text else text


def script_json(value: object, **options: Any) -> str:
    """JSON inside a ``<script>`` element (or a script's string): '<', '>' and '&' as JSON escapes, so no text in it
    can end the element or open a comment.

    >>> print(script_json({"a": "</script><!--"}))
    {"a": "\\u003c/script\\u003e\\u003c!--"}
    """
    import json

    return json_inert(json.dumps(value, **options))


def json_inert(text: str) -> str:
    """JSON text with '<', '>' and '&' as JSON escapes (they stand only inside its strings): the same data to a JSON
    reader, and no markup to a browser or host that takes the file for HTML, or a page that inlines it. The JSON files
    the site serves and the export writes (checklist.json, runbook-links.json, ``export --format json``) go through it,
    as a ``<script>``'s JSON does (:func:`script_json`).

    >>> print(json_inert('{"title": "R&D <b> ##[set-output name=v;]go"}'))
    {"title": "R\\u0026D \\u003cb\\u003e \\u0023#[set-output name=v;]go"}
    """
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _CI_COMMAND.sub(_json_ci, text) if "##" in text else text  # and no command of a CI runner, printed in a log


def _json_ci(found: re.Match[str]) -> str:
    """A '#' that opens a CI runner's '##[' or '##vso[' in a JSON string, as a JSON escape (a '::' cannot open a line of
    JSON we write: each starts with blanks and a quote or a bracket)."""
    return found.group(0) if found.group(2) else "\\u0023"


def terminal(value: str) -> str:
    r"""Any text for a terminal: control characters and direction overrides shown as escapes, never sent.

    Whatever its kind: a message names data too, and nothing written to a terminal may steer it.

    >>> terminal("ok\x1b[31m red\u202e")
    'ok\\x1b[31m red\\u202e'

    A title the program isolated (``bidi``, closed on its line, nothing inside steering) is kept so; any other isolate
    is shown as an escape:

    >>> terminal("3. \u2068שלב 3\u2069") == "3. \u2068שלב 3\u2069", terminal("\u2068x")
    (True, '\\u2068x')

    Nor may it steer the CI job whose log it is: a command a runner reads there (GitHub Actions' '::error::',
    '::add-mask::', '::stop-commands::' opening a line, after blanks; its '##[set-output ...]' and Azure Pipelines'
    '##vso[task.setvariable ...]' anywhere in a line) has its first character shown as an escape. `gate` in a release
    pipeline printed a checklist titled '::error title=Approved::GO' as an annotation, and a blocker's
    '##[set-output name=verdict;]go' set the step's output.

    >>> print(terminal("::error::GO\n  ##[set-output name=v;]go ##vso[task.setvariable]x a::b"))
    \x3a:error::GO
      \x23#[set-output name=v;]go \x23#vso[task.setvariable]x a::b
    """
    text = text if (text := str(value)).isprintable() else _terminal(text)
    return ci_code(text)


def ci_code(code: str) -> str:
    r"""Code (a code span or block) of a file the tool prints, which a CI job's log may show: a command of its runner
    (:data:`_CI_COMMAND`) has its first character shown as :func:`terminal` shows it, the one way code has to write it
    otherwise (no character reference works in code).

    >>> print(ci_code("::error::x ##[set-output name=v;]go a::b"))
    \x3a:error::x \x23#[set-output name=v;]go a::b
    """
    if "::" not in code and "##" not in code:
        return code
    return _CI_COMMAND.sub(lambda m: (m.group(1) or "") + ("\\x3a" if m.group(2) else "\\x23"), code)


def ci_command(text: str) -> bool:
    """Whether a text holds what a CI runner reads as a command in a job's log (:data:`_CI_COMMAND`)."""
    return ("::" in text or "##" in text) and _CI_COMMAND.search(text) is not None


def ci_yaml(text: str) -> str:
    r"""YAML text the tool prints whose every scalar that holds a command of a CI runner is double-quoted: that command's
    first character as a YAML escape (the same text to a YAML reader).

    >>> print(ci_yaml('a: "##[set-output name=v;]go\\n  ::error::x"\nb: "x\n  ::warning::y"'))
    a: "\x23#[set-output name=v;]go\n  ::error::x"
    b: "x
      \x3a:warning::y"
    """
    return ci_code(text)


_CI_LINE = re.compile(r"^([ \t\f\v]*):(?=:)")


# What a CI runner reads as a command in a job's log: '::' opening a line (GitHub Actions' workflow commands, after leading
# blanks, as the runner trims them), and '##[' (its first syntax) or '##vso[' (Azure Pipelines') anywhere in a line.
_CI_COMMAND = re.compile(r"^([ \t\f\v]*)(:)(?=:)|()#(?=#(?:vso)?\[)", re.MULTILINE)


def _backtick_runs(line: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The code spans of one line as CommonMark reads them, and the runs of backticks it leaves unmatched (literal text,
    which a backtick of a later line could close): (start, end) each. A backslash escapes a backtick outside code only.

    >>> _backtick_runs("a `<b>` \\\\`x `` c")
    ([(2, 7)], [(12, 14)])
    """
    spans, unmatched, i, n = [], [], 0, len(line)
    while i < n:
        if line[i] == "\\":
            i += 2
            continue
        if line[i] != "`":
            i += 1
            continue
        j = i
        while j < n and line[j] == "`":
            j += 1
        closing = re.compile("(?<!`)" + "`" * (j - i) + "(?!`)").search(line, j)
        if closing is None:
            unmatched.append((i, j))
            i = j
        else:
            spans.append((i, closing.end()))
            i = closing.end()
    return spans, unmatched


_SHORTCODE_COLON = re.compile(r"(?<![\w:]):(?=[a-z0-9_+-]+:(?![\w:]))")  # ':x:', which GitHub (and import) shows as an emoji


_TEMPLATE_BRACE = re.compile(r"\{(?=[:%]|\{[<%])")  # '{: .x }', '{% raw %}', '{{< hint >}}': a site generator's, which import leaves out
_ROLE_BRACE = re.compile(r"\{(?=[a-z][\w:.+-]*\}$)")  # '{doc}' right before a code span: a MyST role to import


# A tracker's reference in the text of a rendered Markdown file (GitHub's, GitLab's: read in the HTML's text, after every
# character reference is decoded, so '&#64;bob' pings as '@bob' does): a mention ('@bob', '@org/team', GitLab's '@all';
# not a name's '@' after a letter or digit, 'a@b', but after an '_', which may be emphasis that ends a text), an issue's
# or pull request's number ('#12', 'repo#12', 'GH-12'), GitLab's merge request ('!12'), epic ('&12') and snippet ('$12').
# Each one's sign is followed by a word joiner (U+2060, '&#8288;'): the same visible text (no width, no line break),
# which neither reads as a reference (the user's name or the number must follow the sign; a backslash before it is
# Markdown's escape, gone from the text), and which import drops as every zero-width character (``source.decoded``).
_TRACKER_SIGN = re.compile(r"(?<![A-Za-z0-9])@(?=\\?[A-Za-z0-9_])|[#!&$](?=[0-9])|(?<![A-Za-z0-9])[Gg][Hh]\\?-(?=[0-9])")
# What GitHub and GitLab link as they are (cmark-gfm's autolink extension, extensions/autolink.c), whose text is no
# reference and must stay as written (a joiner would be part of the address): a bare address (http://, https:// or ftp://
# after no letter, or www. after a line's start, a blank or '*_~(', then a host's character, to the next blank: the '<'
# that would end it is written '&lt;'), an e-mail address (after no '/', its domain's last character a letter), and an
# inline link's destination ('](...)', one level of parentheses inside).
_AUTOLINKED = re.compile(
    r"(?:(?<![A-Za-z])(?:https?|ftp)://|(?<![^ \t\n\v\f\r*_~(])www\.)[^\W_][^ \t\n\v\f\r]*"
    r"|(?<![A-Za-z0-9.+_/-])[A-Za-z0-9.+_-]+@[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.[A-Za-z0-9_-]*[A-Za-z](?![A-Za-z0-9_-])"
)
_DESTINATION = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)")
_JOINER = "\x05"  # the word joiner's place, written as its reference once the text is escaped (no text holds a control)


def unreferenced(text: str, links: bool = True) -> str:
    """``text`` (of the data, outside code) with a word joiner after the sign of every reference a tracker would read
    in it (:data:`_TRACKER_SIGN`), outside what is linked as written (an address, an e-mail address and, where ``links``,
    a Markdown link's destination), as :data:`_JOINER`.

    >>> unreferenced("Ask @bob re #12, GH-3 and !4 (a@b.test, [@x](https://x.test/#5) https://x.test/#6)").replace(_JOINER, "+")
    'Ask @+bob re #+12, GH-+3 and !+4 (a@b.test, [@+x](https://x.test/#5) https://x.test/#6)'
    """
    if not any(sign in text for sign in "@#!&$-"):
        return text
    if links and "](" in text:
        out, i = [], 0
        for found in _DESTINATION.finditer(text):
            out += [unreferenced(text[i : found.start()], links=False), found.group()]
            i = found.end()
        return "".join(out) + unreferenced(text[i:], links=False)
    out, i = [], 0
    for found in _AUTOLINKED.finditer(text):
        out += [_TRACKER_SIGN.sub(_joined, text[i : found.start()]), found.group()]
        i = found.end()
    return "".join(out) + _TRACKER_SIGN.sub(_joined, text[i:])


def _joined(found: re.Match[str]) -> str:
    return found.group() + _JOINER


_SHOWN_BACKSLASH = "\x06"  # a backslash the site shows, written as its reference once the text is escaped


def _gfm_backslash(found: re.Match[str]) -> str:
    """A backslash and what follows it: an escape where the site reads one (:data:`_CORE_ESCAPES`), else a backslash
    that shows, as on the site: CommonMark escapes every ASCII punctuation character, so '\\$8' and '\\<' showed
    '&#36;8' and '&lt;' on GitHub (the backslash escaped the reference's '&' written for them)."""
    after = found.group(1)
    return found.group() if after and after in _CORE_ESCAPES else _SHOWN_BACKSLASH + after


def _outside_code(text: str, links: bool = True) -> str:
    text = _GFM_BACKSLASH.sub(_gfm_backslash, text) if "\\" in text else text
    text = unreferenced(text, links)
    text = _SHORTCODE_COLON.sub("&#58;", text.replace("&", "&amp;").replace("<", "&lt;").replace("[[", "&#91;["))  # '[[x]]' a wiki link to import
    text = text.replace("%%", "&#37;%")  # '%% x %%' an Obsidian comment, which import leaves out
    text = text.replace("$", "&#36;")  # '$100 and $50' math to GitHub and GitLab (the site shows it as text: escape._MATH)
    if "##" in text or "::" in text:  # no command of a CI runner where the file is printed in a job's log (_CI_COMMAND)
        text = _CI_COMMAND.sub(lambda m: (m.group(1) or "") + ("&#58;" if m.group(2) else "&#35;"), text)
    text = _TEMPLATE_BRACE.sub("&#123;", _ROLE_BRACE.sub("&#123;", text))
    text = text.replace(_JOINER, "&#8288;") if _JOINER in text else text
    return text.replace(_SHOWN_BACKSLASH, "&#92;") if _SHOWN_BACKSLASH in text else text


_GFM_BACKSLASH = re.compile(r"\\(.?)", re.S)


def gfm_line(line: str) -> str:
    """One line of the data's Markdown for a CommonMark renderer, showing what the site shows: '&' and '<' as character
    references outside code spans (no HTML, no entity, no autolink), and so the colon that opens an emoji shortcode
    (':x:', which GitHub shows as an emoji and import reads as one), and a backtick no span of the line closes as one too
    (so no span runs into a later text or line); code spans, links and emphasis as written.

    >>> gfm_line("Run `make <x>` & <img src=x onerror=y> ` :x: at 10:30:00")
    'Run `make <x>` &amp; &lt;img src=x onerror=y> &#96; &#58;x: at 10:30:00'
    """
    spans, unmatched = _backtick_runs(line)
    if not spans and not unmatched:
        return _outside_code(line)
    kept = {start: (end, ci_code(line[start:end])) for start, end in spans} | {start: (end, "&#96;" * (end - start)) for start, end in unmatched}
    out, i = [], 0
    for start in sorted(kept):
        end, text = kept[start]
        out += [_outside_code(line[i:start]), text]
        i = end
    return "".join(out) + _outside_code(line[i:])


# A check box opening a line's text ('- [ ] x', or set in bold: '**[x]**'): in a Markdown block, a box of the data's
# prose, not an item; and an admonition's fence (':::tip'), which import reads as one.
# Room in the box or none before it ('- [ x ]', '-[ ]') is read as a box too.
_TASK_BOX = re.compile(rf"^({_CONTAINER}(?:[-+]|\d{{1,9}}[.)])?)((?:\*\*|__|\*|_)?)\[([ \t]*[xX]?[ \t]*)\](?![(\[:])")  # '[x](…)' a link
_CALLOUT_OPENING = re.compile(r"^([ \t]*(?:>[ \t]*)+)\[(?=![A-Za-z][\w-]*\])")  # '> [!NOTE]', which import reads as a label
_COLON_FENCE = re.compile(rf"^({_CONTAINER}):(?=::+[ \t]*\{{?[A-Za-z])")
# A GitLab quick action or a Prow command on a line of its own ('/label ~"meta: release"', '/assign @me', '/kind bug').
QUICK_ACTION = re.compile(
    r"^ {0,3}/(?:label|unlabel|relabel|assign|unassign|assign_reviewer|reviewer|unassign_reviewer|milestone|remove_milestone|cc"
    r"|due|remove_due_date|estimate|spend|confidential|lock|unlock|weight|epic|iteration|health_status|severity|priority|kind|area"
    r"|sig|triage|lifecycle|approve|hold|retitle|draft|ready|copy_metadata|subscribe|unsubscribe|todo|award|link|parent_epic"
    r"|child_epic|promote|duplicate|relate|blocks|blocked_by|shrug|tableflip|type|status|release-note|release-note-none)"
    r"(?:[ \t]+\S.*)?[ \t]*$"
)
# Boxes, ticks and crosses drawn as characters, which import reads as boxes opening a list item or filling a cell; an
# hourglass ('⏳ Push the tag', a status list's step still to do) is an open box.
DRAWN_OPEN, DRAWN_DONE, DRAWN_CROSS = "⬜□▢🔲◻☐⏳⌛", "✅✓✔☑🗹■", "❌✗✘❎"
_DRAWN = f"[{DRAWN_OPEN}{DRAWN_DONE}{DRAWN_CROSS}]"
_DRAWN_ITEM = re.compile(rf"^({_CONTAINER})({_DRAWN})")
_CONTAINER_ITEM = re.compile(r"^[ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]")  # a list item's line
_KEYWORD_TASK = re.compile(rf"^({_CONTAINER})(?=(?:TODO|DOING|NOW|LATER|WAITING|WAIT|IN-PROGRESS|DONE|CANCELED|CANCELLED)[ \t]+\S)(.)")
_MKDOCS_BLOCK = re.compile(r"^([ \t]*)([!?=])(?=[!?=]{2}\+?[ \t]+\S)")  # '!!! note', '=== "Tab"': MkDocs' blocks, which import reads
_WIDE_BOX = re.compile(rf"^({_CONTAINER})［(?=[ xXｘＸ\u00a0\u3000]?］)")  # '［ ］ x', a full-width box to import
_LETTERED_BOX = re.compile(r"^([ \t]*(?:[A-Za-z]|[ivxIVX]{1,5})[.)][ \t]+)\[(?=[ xX]\])")  # 'a. [ ] x', a sub-step to import
_DRAWN_CELL = re.compile(rf"(\|[ \t]*)({_DRAWN})(?=\ufe0f?[ \t]*(?:\||$))")


def gfm_block(text: str) -> str:
    """A Markdown block of the data for a CommonMark renderer: code blocks as fences their code cannot close (as
    ``md_block`` writes them), every other line as :func:`gfm_line` makes it, its quote markers kept, no heading ('#'
    wherever one opens a heading, a setext underline: as character references), as on the site, and no check box
    ('- [ ]', which ``import`` would read as an item of the checklist: its bracket as a character reference); nor a
    reference or footnote definition ('[g]: https://…', '[^1]: …'), which applies to the whole file: a note's made an
    '[g]' of another item's text its link (its bracket as a character reference: shown as written, read back as written).

    >>> print(gfm_block("> <b>x</b>\\n- # y\\n- [ ] z\\n\\n```\\n<b>\\n```"))
    > &lt;b>x&lt;/b>
    - &#35; y
    - &#91; ] z
    <BLANKLINE>
    ```
    <b>
    ```
    """
    lines = text.strip().splitlines()
    code = {t.map[0]: t for t in _parser().parse("\n".join(lines)) if t.type in ("fence", "code_block") and t.map}
    out: list[str] = []
    number = 0
    while number < len(lines):
        token = code.get(number)
        if token is not None:  # as a fence: an indented block after a heading made text would go on its paragraph
            out += [ci_code(line) for line in _code_lines(lines[number], token)]
            number = token.map[1]
            continue
        line = _TASK_BOX.sub(r"\1\2&#91;\3]", _HASH_HEADING.sub(r"\1&#35;", gfm_line(lines[number])))
        line = _COLON_FENCE.sub(r"\1&#58;", line)
        line = _CALLOUT_OPENING.sub(r"\1&#91;", line)
        line = line.replace("/", "&#47;", 1) if QUICK_ACTION.match(line) else line  # a line GitLab and import would run
        line = _LETTERED_BOX.sub(r"\1&#91;", line)
        line = _WIDE_BOX.sub(r"\1&#65339;", line)
        line = "&#58;" + line[1:] if re.match(r":[ \t]+\S", line) else line  # ': a definition', which import reads as one
        line = _MKDOCS_BLOCK.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line)
        line = _KEYWORD_TASK.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line) if _CONTAINER_ITEM.match(line) else line
        line = _DRAWN_ITEM.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line)
        line = _CI_LINE.sub(r"\1&#58;", line)  # '::error::' opening a line of notes: no command of a CI runner in a log
        line = _inert_definitions(line) if "]:" in line else line  # no definition of the whole file ('[g]: https://…')
        line = _DRAWN_CELL.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line) if line.lstrip().startswith("|") else line
        under = _UNDERLINE.match(line)
        if under is not None and out and out[-1].strip():
            line = f"{under.group(1)}&#{ord(under.group(2))};{under.group(3)}"
        out.append(line)
        number += 1
    return "\n".join(out)


@place
def gfm(value: object) -> str:
    """Text for a Markdown file that others render (``export --format markdown``: GitHub, GitLab, any CommonMark
    renderer, some of which let raw HTML through) and ``import`` reads back (it reads character references as their
    characters): it shows there what the site shows, raw HTML as text, and makes no heading of the file's own."""
    raise _unkinded("an exported Markdown file", value)


# What CommonMark and GitHub read as inline syntax of one line, outside what gfm_line already writes as a reference: a
# backslash escape, a code span, emphasis, a link's or image's brackets, a strike, a table's cell, math.
_GFM_PLAIN = {ord(c): f"&#{ord(c)};" for c in "\\`*_[]~|$"}


@gfm.register(PlainText)
def _(value: PlainText) -> str:
    """Plain text shows as written, as on the site (:func:`plain_md`): a signer's name '[l](https://x.test)' was a link
    on GitHub, '*em*' emphasis, '`x`' code. Each character a renderer reads as syntax is a character reference, which
    import reads back as the character; nor does it open a block where the file puts it at a line's start.

    >>> print(gfm(PlainText("*Ops* `x` [l](https://x.test) a|b ~~s~~ <b> :x:")))
    &#42;Ops&#42; &#96;x&#96; &#91;l&#93;(https://x.test) a&#124;b &#126;&#126;s&#126;&#126; &lt;b> &#58;x:
    """
    line = _outside_code(value, links=False).translate(_GFM_PLAIN)
    return _GFM_OPENER.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line, count=1)


@gfm.register(InlineMarkdown)
def _(value: Text) -> str:
    line = gfm_closed(value)  # nor a block where the file puts it at a line's start (a rollback's 'when'): a reference
    line = _GFM_OPENER.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", line, count=1)
    line = gfm_emphasis_closed(line) if "*" in line or "_" in line else line
    return gfm_strike_closed(line) if "~" in line else line


@lru_cache(maxsize=1 << 12)
def gfm_strike_closed(line: str) -> str:
    """A line of the Markdown export whose every '~' that strikes none of it through alone, as GitHub's Markdown reads it
    (one or two tildes each side: markdown-it's strikethrough reads two, so one alone is always written), is a character
    reference (as :func:`gfm_emphasis_closed` for emphasis): a label 'Go ~~now' and its text 'later~~ ok' struck our ' - '
    through on GitHub. Import reads the references back as the characters.

    >>> gfm_strike_closed("Go ~~now `~~` and ~~this~~ H~2~O")
    'Go &#126;&#126;now `~~` and ~~this~~ H&#126;2&#126;O'
    """
    at = _gfm_tildes(line)
    if not at:
        return line
    shown = _gfm_struck(line)
    if "<s>" not in shown:
        return _references(line, at)
    return _kept_delimiters(line, at, lambda candidate: _gfm_struck(candidate) == shown, _gfm_lone_tildes, _gfm_tildes)


def _gfm_tildes(line: str) -> list[int]:
    return _gfm_delimiters(line, "~")


def _gfm_lone_tildes(line: str) -> int:
    shown, text = _gfm_struck(line), _html.unescape(line)
    return shown.count("~") - (text.count("~") - len(_gfm_tildes(line)))


def _gfm_struck(line: str) -> str:
    return _html.unescape(_gfm_strike_parser().renderInline(line))


@lru_cache(maxsize=1)
def _gfm_strike_parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("strikethrough")


@lru_cache(maxsize=1 << 12)
def gfm_emphasis_closed(line: str) -> str:
    """A line of the Markdown export (:func:`gfm_closed`'s) whose every '*' and '_' that makes no emphasis of it alone, as
    CommonMark reads it, is a character reference (as :func:`_emphasis_closed` for a page): an option's label 'Go *now'
    and its text 'later* ok' share a line there ('- [ ] **{label}** - {text}'), and put our ' - ' in italics on GitHub.
    Import reads the references back as the characters.

    >>> gfm_emphasis_closed("Go *now `a*` and *this*"), gfm_emphasis_closed("a_b __c")
    ('Go &#42;now `a*` and *this*', 'a&#95;b &#95;&#95;c')
    """
    return _lone_delimiters(line, _gfm_delimiters, (_gfm_alone,), _gfm_held)


def _gfm_held(line: str) -> str:
    """A line of the export as CommonMark reads it inside the export's '**{label}**' (:func:`_held`)."""
    return _gfm_alone(f"**{line}**")


_GFM_DELIMITER = re.compile(r"&#?\w+;|\\.|\]\((?:\s*<[^<>\n]*>[^)]*|[^)]*)\)|([*_~])", re.S)


def _gfm_delimiters(line: str, kinds: str = "*_") -> list[int]:
    spans, _ = _backtick_runs(line)
    code = {n for start, end in spans for n in range(start, end)}
    return [found.start(1) for found in _GFM_DELIMITER.finditer(line) if found.group(1) and found.group(1) in kinds and found.start(1) not in code]


def _gfm_alone(line: str) -> str:
    return _html.unescape(_gfm_parser().renderInline(line))


@lru_cache(maxsize=1)
def _gfm_parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


# What opens a block at a line's start in CommonMark (gfm_line leaves '>' as it is): a heading, a quote, a list's marker
# or number, a rule, a fence, a check box, an admonition's ':::'.
_GFM_OPENER = re.compile(r"^([ \t]*\d{0,9})(#|>|[-+*](?=[ \t]|$)|(?<=\d)[.)](?=[ \t]|$)|[-*_](?=[-*_ \t]*$)|~(?=~~)|:(?=::)|\[(?=[ xX]\]))")


_HELD = {"[": "\x01", "]": "\x02", "(": "\x03", ")": "\x04"}  # no text of the data holds a control character


def gfm_closed(line: str) -> str:
    """:func:`gfm_line` of an inline text, its every '[', ']', '(' and ')' that nothing of the text closes (outside its
    code spans) a character reference: in the export, a decision option's label and text share a line, as a rollback
    step's title and text do, and an '[' of one with a '](address)' of the other made a link of our words between
    (and import read it back so). Import reads the references back as the characters.

    >>> gfm_closed("Go [ `a(` [x](y) z)")
    'Go &#91; `a(` [x](y) z&#41;'
    """
    if not any(ch in line for ch in "[]()"):
        return gfm_line(line)
    spans, _ = _backtick_runs(line)
    code = {n for start, end in spans for n in range(start, end)}
    opened: dict[str, list[int]] = {"[": [], "(": []}
    lone: set[int] = set()
    n = 0
    while n < len(line):
        ch = line[n]
        if n in code or ch not in "[]()\\":
            n += 1
            continue
        if ch == "\\":
            n += 2
            continue
        if ch in "[(":
            opened[ch].append(n)
        elif opened["[" if ch == "]" else "("]:
            opened["[" if ch == "]" else "("].pop()
        else:
            lone.add(n)
        n += 1
    lone.update(opened["["], opened["("])
    if not lone:
        return gfm_line(line)
    held = gfm_line("".join(_HELD[ch] if n in lone else ch for n, ch in enumerate(line)))
    return held.translate({ord(v): f"&#{ord(k)};" for k, v in _HELD.items()})


@gfm.register
def _(value: MarkdownBlock) -> str:
    return gfm_block(value)


@gfm.register
def _(value: Ident) -> str:
    return str(value)


def gfm_anchor(ident: str) -> str:
    """An id as the Markdown export writes it after a heading or an item, ``{#id}``, which import reads back: an id of
    digits first ('12', '3-rollback') with a word joiner after its '#', as after 'gh-' (:func:`unreferenced`): GitHub
    and GitLab read '{#12}' as a reference to issue 12.

    >>> gfm_anchor("12-x"), gfm_anchor("a-1"), gfm_anchor("gh-7")
    ('{#&#8288;12-x}', '{#a-1}', '{#gh-&#8288;7}')
    """
    return "{#" + unreferenced("#" + ident)[1:].replace(_JOINER, "&#8288;") + "}"


def gfm_cell(value: Text) -> str:
    """Text for a cell of a table in the Markdown export: :func:`gfm`'s, each '|' escaped (in code spans too, as GitHub's
    tables read a cell before its Markdown), so no text splits its row.

    >>> gfm_cell(InlineMarkdown("Tech | Lead `a|b`"))
    'Tech \\\\| Lead `a\\\\|b`'
    """
    return gfm(value).replace("|", "\\|")


def yaml_comment(value: str) -> str:
    """Any text for a comment line of a YAML file the tool writes (the import's header names its source file): every
    character that is not printable (a line break, which would end the comment and begin a key) shown as an escape.

    >>> yaml_comment("Imported from x\\nowner: me #.md")
    'Imported from x\\\\x0aowner: me #.md'
    """
    text = text if (text := str(value)).isprintable() else "".join(
        ch if ch.isprintable() else f"\\u{ord(ch):04x}" if ord(ch) > 0xFF else f"\\x{ord(ch):02x}" for ch in text
    )
    return ci_code(text)  # nor a command of a CI runner, where the file is printed in a job's log


def csv_cell(value: object) -> object:
    r"""A value for a CSV cell: a text that would start a formula gets a leading apostrophe (OWASP).

    >>> csv_cell("=1+1"), csv_cell("-2"), csv_cell("ok"), csv_cell(3)
    ("'=1+1", "'-2", 'ok', 3)

    Nor a command of a CI runner, where the CSV is printed in a job's log (``export --format csv`` in a pipeline): its
    first character shown as :func:`terminal` shows it (:func:`ci_code`), as a CSV has no escape of its own.

    >>> print(csv_cell("a\n  ::error::x ##[set-output name=v;]go"))
    a
      \x3a:error::x \x23#[set-output name=v;]go
    """
    if not isinstance(value, str):
        return value
    if "##" in value or "::" in value:  # nor, printed in a CI job's log, a command of its runner: CSV has no escape
        value = ci_code(value)
    return "'" + value if starts_formula(value) else value


def starts_formula(text: str) -> bool:
    r"""Whether a spreadsheet may read ``text`` as a formula: its first character a blank of a line's start (tab, return,
    line feed), or the first it shows, past blanks (which a spreadsheet trimming spaces drops) and what shows as nothing
    (a soft hyphen, a zero-width space), one of '=', '+', '-', '@' read as NFKC reads it (a full-width '＝' is '=').

    >>> [starts_formula(t) for t in ("=1", " =1", "\u00ad=1", "\uff1d1", "\n=1", "ok", "a=1", "\uff21")]
    [True, True, True, True, True, False, False, False]
    """
    if text[:1] in ("\t", "\r", "\n"):
        return True
    first = shown(text).lstrip()[:1]
    return unicodedata.normalize("NFKC", first)[:1] in ("=", "+", "-", "@") if first else False


def csv_table(rows: Iterable[Sequence[object]]) -> str:
    """The text of a CSV the tool writes (`export --format csv`, `links --format csv`): every cell through
    :func:`csv_cell`, and every field quoted, so a separator in a text stays inside its cell for a spreadsheet that
    separates by ';' or a tab (Excel in most of Europe): 'x;=HYPERLINK(...)' unquoted was two cells there, the second a
    formula (OWASP: quote every field as well).

    >>> print(csv_table([["id", "text"], ["a", "x;=1+1"], ["b", "=2"]]), end="")
    "id","text"
    "a","x;=1+1"
    "b","'=2"
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in rows:
        writer.writerow([csv_cell(cell) for cell in row])
    return out.getvalue()
