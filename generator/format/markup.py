"""Where the Markdown of a data text links to, read as markdown-it and as the site's Python-Markdown read it.

Links, images, autolinks and reference definitions are found on the parsed Markdown, after
entity decoding; each address must be http, https, mailto, tel or relative. Python-Markdown is
asked too, because it is more lenient than CommonMark about what a link is (spaces inside
the address, for one); what it would link is checked the same way.
"""

from __future__ import annotations

import html
import re
from functools import lru_cache
from html.parser import HTMLParser
from typing import Any, Iterator

from typing_extensions import override

SAFE_SCHEMES = ("http", "https", "mailto", "tel")  # tel: a phone number to call, from a contact
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
# Browsers drop these before reading a scheme: "java\tscript:" is "javascript:".
_IGNORED = re.compile(r"[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def scheme(url: str) -> str:
    """The scheme of an address as a browser reads it (entities decoded, blanks dropped); '' for a relative address.

    >>> scheme(" JaVa\\tScript:alert(1)"), scheme("docs/x.md#a"), scheme("&#x48;TTPS://x.test")
    ('JaVaScript', '', 'HTTPS')
    """
    found = _SCHEME.match(_IGNORED.sub("", html.unescape(url)))
    return found.group(1) if found else ""


def allowed(url: str) -> bool:
    """Whether a link may point there: http, https, mailto, tel or a relative address."""
    found = scheme(url).lower()
    return found == "" or found in SAFE_SCHEMES


@lru_cache(maxsize=1)
def _markdown_it() -> Any:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark")
    parser.validateLink = lambda url: True  # type: ignore[method-assign]  # noqa: ARG005  # see every link, to name the bad ones
    return parser


def _markdown_it_links(text: str, block: bool) -> Iterator[str]:
    env: dict = {}
    parser = _markdown_it()
    tokens = parser.parse(text, env) if block else parser.parseInline(text, env)
    stack = list(tokens)
    while stack:
        token = stack.pop(0)
        for name in ("href", "src"):
            value = token.attrGet(name) if token.attrs else None
            if value is not None:
                yield str(value)
        stack[:0] = token.children or []
    for ref in env.get("references", {}).values():
        yield ref["href"]


class _Hrefs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    @override
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name in ("href", "src", "action", "formaction", "data", "poster")]


@lru_cache(maxsize=1)
def _python_markdown() -> Any:
    import markdown

    return markdown.Markdown()


def _python_markdown_links(text: str) -> list[str]:
    converter = _python_markdown()
    converter.reset()
    parser = _Hrefs()
    parser.feed(converter.convert(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")))
    return parser.found


# What may make a link, counted without reading Markdown: a bracket before an address or a label ('](', '][', '] ['), an
# autolink ('<https:'); and, where the text defines a reference ('[r]: https://…'), any bracket ('[r]' alone links).
_LINKISH = re.compile(r"(?<!\\)\][ \t]?[(\[]|<(?:https?|mailto|tel):", re.IGNORECASE)
_BRACKET = re.compile(r"(?<!\\)\[")
_DEFINITION = re.compile(r"^[ \t>]*\[[^\]\n]+\]:", re.MULTILINE)


def link_count(text: str) -> int:
    """How many links a Markdown text may hold, at most, counted in one pass: Python-Markdown (the site's reader, and
    the check's) takes time that grows with the square of a paragraph's links, 7 s for a block of 600.

    >>> link_count("[a](b) and [c][d], <https://x.test>"), link_count("[r] [r] [x]\\n\\n[r]: https://x.test"), link_count("[ ] a [b]")
    (3, 4, 0)
    >>> link_count(r"\\[a\\](b) in words")  # written as text
    0
    """
    return len(_BRACKET.findall(text)) if "]:" in text and _DEFINITION.search(text) else len(_LINKISH.findall(text))


def link_targets(text: str, block: bool = False) -> list[str]:
    """Every address a Markdown text links to, as markdown-it and the site's Python-Markdown read it, each once.

    Each text is parsed once (the importer asks again of the same text as it repairs it): a parser's time grows faster
    than the text on bracket-heavy lines, so it is asked only where a link can be: an inline link or image is written
    ']' then '(' at once, a reference definition ']' then ':', an autolink '<' (CommonMark); Python-Markdown, which reads
    '<' as text here, needs one of the first two.

    >>> link_targets("[[[ not a link ]]] [x] (y)"), link_targets("[x](y) <https://x.test>")
    ([], ['y', 'https://x.test'])
    """
    return list(_link_targets(text, block))


@lru_cache(maxsize=32768)  # a large file's texts, each asked twice as the importer settles them (10,000 steps)
def _link_targets(text: str, block: bool) -> tuple[str, ...]:
    linked = "](" in text or "]:" in text
    if not linked and "<" not in text:
        return ()  # no link, autolink or definition can be written without one of these
    found = list(_markdown_it_links(text, block))
    if linked:
        found += _python_markdown_links(text) if _scans(text) <= _SCAN_BUDGET else _after_brackets(text)
    return tuple(dict.fromkeys(found))


# Python-Markdown reads a link's address from its '(' to the ')' that closes it, however far (markdown-it stops at 32
# nested '('): a paragraph of thousands of '[a](' took it minutes. Past this many characters scanned at most (each
# '](' of a paragraph times the paragraph's length; a paragraph of 4,000 characters and 100 links is 400,000), its
# links are not read by it: the address each ']('' or ']:' may open stands for them, as far as it can hold a scheme.
_SCAN_BUDGET = 2_000_000
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_OPENS = re.compile(r"\](?:\(|:)\s*<?")
# What an address can hold before its scheme's ':' as a browser reads it: letters, digits, '+.-', character references
# ('&#106;'), backslashes, and what a browser drops (blanks, controls, invisible characters); never '[', ']', '(', ')'.
_SCHEME_PREFIX = re.compile(r"[\w+.\-&#;\\\s\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]*:?")


def _scans(text: str) -> int:
    """How many characters Python-Markdown may scan for links' addresses, at most."""
    return sum(p.count("](") * len(p) for p in _PARAGRAPHS.split(text))


def _after_brackets(text: str) -> list[str]:
    """The start of the address after each '](' and ']:' (as far as a scheme can reach), linked or not: in linear time,
    every scheme Python-Markdown could link, and more (an address that no link opens is named too: safe, not exact).

    >>> _after_brackets("[a](java&#x09;script:x) [b](<https://x.test/a b>) [c]( docs/x.md) [d](")
    ['java&#x09;script:', 'https:', 'docs']
    """
    starts = (_SCHEME_PREFIX.match(text, m.end()).group().strip() for m in _OPENS.finditer(text))  # type: ignore[union-attr]
    return [s for s in starts if s]


def bad_links(text: str, block: bool = False) -> list[str]:
    """The addresses in a Markdown text that may not be linked, as written after decoding ('' when none)."""
    return [url for url in link_targets(text, block) if not allowed(url)]


@lru_cache(maxsize=1)
def _blocks() -> Any:
    """The block structure only (code blocks): no inline parse, whose time grows faster than a bracket-heavy text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").disable("inline")


def code_blocks(text: str) -> list[str]:
    r"""The contents of the code blocks (fenced and indented) of a Markdown text, as markdown-it reads them.

    >>> code_blocks("Run:\n\n```sh\nls -l\n```\n\n    indented\n")
    ['ls -l\n', 'indented\n']
    """
    return [t.content for t in _blocks().parse(text) if t.type in ("fence", "code_block")]


def code_in(text: str, block: bool) -> list[str]:
    r"""The code of a Markdown text as markdown-it reads it: the contents of its code spans, and of a block's code blocks
    (fenced and indented); what the site writes as code and a reader copies into a terminal.

    >>> code_in("Run `ls -l` then:\n\n```sh\nrm x\n```\n", block=True), code_in("a ``b`c`` d", block=False)
    (['ls -l', 'rm x\n'], ['b`c'])
    """
    env: dict = {}
    parser = _markdown_it()
    stack = list(parser.parse(text, env) if block else parser.parseInline(text, env))
    found = []
    while stack:
        token = stack.pop(0)
        if token.type in ("code_inline", "fence", "code_block"):
            found.append(token.content)
        stack[:0] = token.children or []
    return found


def code_span_rule() -> dict[str, str]:
    """What the Record panel (checklist.js's codeSpans) needs to find the code spans of one line of Markdown as
    :func:`code_in` finds them, taken from the markdown-it it uses: where a '<' opens raw HTML or an autolink, whose
    backticks are none of a code span's. Python's expressions, which JavaScript reads alike."""
    from markdown_it.common.html_re import HTML_TAG_RE
    from markdown_it.rules_inline.autolink import AUTOLINK_RE, EMAIL_RE

    return {"html": HTML_TAG_RE.pattern, "autolink": AUTOLINK_RE.pattern, "email": EMAIL_RE.pattern}


def code_lines(text: str) -> list[int]:
    r"""The numbers (from 0) of the lines of a Markdown text inside its code blocks, fences included.

    >>> code_lines("Run:\n\n```sh\nls -l\n```\n")
    [2, 3, 4]
    """
    return [n for t in _blocks().parse(text) if t.type in ("fence", "code_block") and t.map for n in range(*t.map)]
