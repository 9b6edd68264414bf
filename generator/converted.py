"""The generated pages' Markdown converted by substitution: the HTML, table of contents and anchors MkDocs' conversion gives.

MkDocs converts every page's Markdown with a Python-Markdown of its own, 2-3 ms for a section page of a large
checklist (ten headings, each with its slot): at 10,000 items 0.25 s of MkDocs' 0.6 s, on the build's critical path.
Yet the pages the generator writes are made of a few *forms* of block only: raw HTML lines (the slots, the meta line),
a heading with its id, a link styled as a button, a line of text. So where every text of a page is *plain*
(:data:`_PLAIN`: no character that an inline pattern of the :data:`KNOWN` extensions reads, so Markdown gives it as it
is), each block is the conversion of its form (the block with its text, id and address replaced by markers), which a
Python-Markdown configured as MkDocs configures it converts once per build, with the page's values put back; its links
go through MkDocs' own ``path_to_url``, so they are checked, rewritten and noted (anchors) as before.

Trusted only once proved: the first page of each sequence of forms (its *skeleton*) is converted both ways, and the
skeleton is used only if the two give the same content, table of contents, title and anchors; where they differ (a toc
configured otherwise, say), MkDocs converts every page of that skeleton as before. A Markdown extension not known to
leave plain text alone turns it off for the build, and so does ``CHECKLIST_SITE_NO_CONVERTED`` (the tests compare both).
Hand-written pages, generated pages with any other block, and pages whose values Markdown reads otherwise than their forms
(a tab it expands, a text that is toc's ``marker:``, Markdown a later plugin changed) are converted by MkDocs as before.
"""

from __future__ import annotations

import contextlib
import html
import logging
import os
import re
import secrets
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .format.bidi import FSI, PDI

log = logging.getLogger("checklist_site")
OFF = "CHECKLIST_SITE_NO_CONVERTED"
# Extensions that leave a plain text as it is (they act on syntax a plain text has not got: fences, tables, attribute
# lists, admonitions, ...); MkDocs adds toc, tables and fenced_code itself.
KNOWN = frozenset(
    {
        "admonition",
        "attr_list",
        "codehilite",
        "def_list",
        "fenced_code",
        "footnotes",
        "md_in_html",
        "sane_lists",
        "tables",
        "toc",
        "pymdownx.details",
        "pymdownx.highlight",
        "pymdownx.superfences",
        "pymdownx.tabbed",
        "pymdownx.tasklist",
    }
)
# A plain text: no backslash, backtick, emphasis, bracket, angle bracket, ampersand, quote, brace, hash, pipe, tilde,
# caret, equals, plus or dollar sign, no space at either end or doubled; its other characters are checked by category.
_PLAIN = re.compile(r"[^\s\\`*_\[\]<>&\"{}#|~^=+$](?:[^\s\\`*_\[\]<>&\"{}#|~^=+$]| (?! ))*(?<! )")
_HEADING = re.compile(r"(?P<level>#{1,6}) (?P<text>[^\n]+?)(?: \{#(?P<id>[A-Za-z][A-Za-z0-9_-]*)\})?")
_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\((?P<href>[A-Za-z0-9_./-]+\.md(?:#[A-Za-z0-9_-]+)?)\)(?P<attrs>\{[ .A-Za-z0-9_-]*\})?")
# A line that is a paragraph (not a list item, quote or heading: plain). Digits as Python-Markdown's lists read them (\d: any
# script's, '١. Check' is a list item too).
_TEXT = re.compile(r"(?!\d+[.)])[^\n]+")
_RAW_LINE = re.compile(r"<(div|p)(?: [^<>\n]*)?>(?:(?!</?(?:div|p)\b)[^\n])*</\1>|<!--(?:(?!--)[^\n])*-->")
_JSON_LINE = re.compile(r'<script type="application/json"(?: id="[A-Za-z0-9_.:-]+")?>[^<\n]*</script>')  # data for the page's script
_RAW_ID = re.compile(r' id="([A-Za-z0-9_.:-]+)"')  # an anchor in a raw line (a former id's), as MkDocs finds it there
_RAW_TEXT = "script|style|pre|textarea|title|xmp|iframe|noembed|noframes|noscript|plaintext"  # elements whose text is not HTML
_RAW_UNSAFE = re.compile(rf"\s(?:name|markdown)=|\sid=(?!\"[A-Za-z0-9_.:-]+\")|<(?:{_RAW_TEXT})\b", re.I)
_BLANK = re.compile(r"\n(?:[ \t]*\n)+")  # blank lines; the next block keeps its indentation (four spaces: a code block)
_COMMENT = re.compile(r"<!--(?:(?!--)[^\n])*-->")  # no anchor in a comment: MkDocs' HTML parser reads none there
# What Python-Markdown changes before it reads a page (tabs expanded, STX and ETX removed, CR a line end): none on a page
# converted here (a raw line keeps them otherwise: a data file named with a tab, in the comment that names it).
_NORMALIZED = re.compile("[\t\r\x02\x03]")
_HREF = re.compile(r' href="([^"]*)"')
_ID = re.compile(r' id="([^"]*)"')


def _open_comment(line: str) -> bool:
    """Whether a comment opens on the line and does not close there (MkDocs' HTML parser would read on in it)."""
    return "<!--" in line and not line.startswith("<!--") and "<!--" in _COMMENT.sub("", line)  # a comment line is whole


def plain(text: str) -> bool:
    """Whether Markdown gives ``text`` as it is: no character an inline pattern reads, none HTML escapes, no control but
    the isolates of a numbered title (``format/bidi.py``: plain characters to Markdown and toc, whose slug drops them)."""
    return bool(_PLAIN.fullmatch(text)) and all(unicodedata.category(c)[0] not in "CZ" or c in _KEPT for c in text)


_KEPT = f" {FSI}{PDI}"


@dataclass(frozen=True)
class _Block:
    form: tuple[str, ...]  # what its conversion is made from: ('raw',), ('h', '2'), ('a', '{ .md-button }'), ('p',)
    text: str = ""  # the raw HTML, or the plain text
    id: str = ""
    href: str = ""


def blocks(markdown: str) -> list[_Block] | None:
    """The page's blocks, or None if one is not of a form this module converts (or its text is not plain)."""
    if _NORMALIZED.search(markdown):
        return None
    out: list[_Block] = []
    for chunk in _BLANK.split(markdown.strip("\n")):
        block = _block(chunk)
        if block is None:
            return None
        out.append(block)
    ids = [b.id for b in out if b.id]
    return out if len(ids) == len(set(ids)) else None


def _block(chunk: str) -> _Block | None:
    if chunk.startswith("<"):
        lines = chunk.split("\n")
        rest = [line for line in lines if not _JSON_LINE.fullmatch(line)]
        if all(_RAW_LINE.fullmatch(line) for line in rest) and not any(_RAW_UNSAFE.search(line) or _open_comment(line) for line in rest):
            return _Block(("raw",), chunk)
        return None
    if "\n" in chunk:
        return None
    if m := _HEADING.fullmatch(chunk):
        form = ("h", str(len(m["level"])), "id" if m["id"] else "auto")  # auto: the id toc makes of the text
        return _Block(form, m["text"], m["id"] or "") if plain(m["text"]) else None
    if m := _LINK.fullmatch(chunk):
        return _Block(("a", m["attrs"] or ""), m["text"], href=m["href"]) if plain(m["text"]) else None
    if _TEXT.fullmatch(chunk) and plain(chunk) and chunk[0].isalnum():
        return _Block(("p",), chunk)
    return None


@dataclass
class _Form:
    """A form's conversion, cut at its markers, and the table-of-contents entry it makes (None: none)."""

    html: str
    token: dict[str, Any] | None


@dataclass
class Converted:
    """Per build: the forms converted, the skeletons proved, and the pages converted by substitution."""

    config: Any = None
    enabled: bool = True
    nonce: str = field(default_factory=lambda: secrets.token_hex(6))
    forms: dict[tuple[str, ...], _Form | None] = field(default_factory=dict)
    skeletons: dict[tuple[tuple[str, ...], ...], bool] = field(default_factory=dict)  # proved (True) or failed (False)
    count: int = 0
    _md: Any = None

    def on_page_markdown(self, markdown: str, page: Any, config: Any) -> None:
        """Have ``page`` converted by substitution when all its blocks have converted forms and its skeleton is not failed."""
        if self.config is None:  # the build's first page: on unless an extension is not known to leave a plain text alone
            self.config = config
            names = [e if isinstance(e, str) else "" for e in config["markdown_extensions"]]
            self.enabled = not os.environ.get(OFF) and all(name.removeprefix("markdown.extensions.") in KNOWN for name in names)
        if not self.enabled:
            return
        found = blocks(markdown)
        if found is None or not all(self._form(b.form) is not None for b in found) or self._marked(found):
            return
        skeleton = tuple(b.form for b in found)
        proved = self.skeletons.get(skeleton)
        if proved is False:
            return
        page.render = lambda config, files: self._render(page, (markdown, found, skeleton), config, files)

    def _marked(self, found: list[_Block]) -> bool:
        """Whether a text is toc's marker (``marker:``): a paragraph or link of it alone is the table of contents then."""
        processors = self._markdown().treeprocessors
        marker = getattr(processors["toc"], "marker", "") if "toc" in processors else ""
        return bool(marker) and any(b.text == marker for b in found if b.form != ("raw",))

    def _render(self, page: Any, seen: tuple[str, list[_Block], tuple[tuple[str, ...], ...]], config: Any, files: Any) -> None:
        from mkdocs.structure.pages import Page

        markdown, found, skeleton = seen
        if page.markdown != markdown:  # a plugin after ours changed the page (a hook of a lower priority): MkDocs converts it
            Page.render(page, config, files)
            return
        if self.skeletons.get(skeleton) is None:  # its first page: MkDocs' own conversion too, and the two compared
            Page.render(page, config, files)
            with _quiet():  # its warnings were MkDocs' to give
                mine = self._convert(page, found, files)
            proved = mine is not None and _state(page) == _seen(mine)
            self.skeletons[skeleton] = proved
            if not proved:
                log.debug("  pages of the form of %s converted by MkDocs: its conversion differs", page.file.src_uri)
            return
        mine = self._convert(page, found, files)
        if mine is None:
            Page.render(page, config, files)
            return
        self.count += 1
        _apply(page, mine)

    def _convert(self, page: Any, found: list[_Block], files: Any) -> tuple[Any, ...] | None:
        """The page's (content, toc tokens, title, anchor ids, links to anchors), or None where MkDocs must convert it."""
        from markdown.extensions.toc import nest_toc_tokens
        from mkdocs.structure.pages import _RelativePathTreeprocessor

        links = _RelativePathTreeprocessor(page.file, files, self.config)
        parts, tokens, ids = [], [], set()
        found = self._identified(found)
        for n, block in enumerate(found):
            if block.form == ("raw",):
                parts.append(block.text if n == len(found) - 1 else block.text + "\n")
                ids.update(_RAW_ID.findall(_COMMENT.sub("", block.text) if "<!--" in block.text else block.text))
                continue
            form = self.forms[block.form]
            assert form is not None
            out = self._fill(form.html, block)
            out = _HREF.sub(lambda m: f' href="{_attribute(links.path_to_url(html.unescape(m[1])))}"', out)
            ids.update(_ID.findall(out))
            parts.append(out)
            if form.token is not None:
                tokens.append({**{k: self._fill(v, block) if isinstance(v, str) else v for k, v in form.token.items()}})
        title = found[0].text if found and found[0].form[:2] == ("h", "1") else None
        nested: Any = nest_toc_tokens(tokens)  # type: ignore[arg-type]  # dicts as toc makes them
        return "\n".join(parts), _toc(nested), title, ids, links.links_to_anchors

    def _identified(self, found: list[_Block]) -> list[_Block]:
        """The headings without an id given the id toc gives them: its slug of the text, unique among the page's ids."""
        from markdown.extensions.toc import unique

        if not any(b.form[-1:] == ("auto",) for b in found):
            return found
        toc = self._markdown().treeprocessors["toc"]
        used = {b.id for b in found if b.id}
        return [replace(b, id=unique(toc.slugify(b.text, toc.sep), used)) if b.form[-1:] == ("auto",) else b for b in found]

    def _fill(self, text: str, block: _Block) -> str:
        return text.replace(self._mark("text"), block.text).replace(self._mark("id"), block.id).replace(self._mark("href"), block.href)

    def _mark(self, what: str) -> str:
        return f"clsite{what}{self.nonce}" + (".md" if what == "href" else "")

    def _form(self, form: tuple[str, ...]) -> _Form | None:
        if form == ("raw",):
            return _Form("", None)
        if form not in self.forms:
            self.forms[form] = self._converted_form(form)
        return self.forms[form]

    def _markdown(self) -> Any:
        """A Python-Markdown configured as MkDocs configures it (without MkDocs' own steps: links are done here)."""
        import markdown

        if self._md is None:
            self._md = markdown.Markdown(extensions=self.config["markdown_extensions"], extension_configs=self.config["mdx_configs"] or {})
        return self._md

    def _converted_form(self, form: tuple[str, ...]) -> _Form | None:
        """A form converted by a Python-Markdown configured as MkDocs configures it; None if it is not one block."""

        text, ident, href = self._mark("text"), self._mark("id"), self._mark("href")
        if form[0] == "h" and form[2] == "auto" and "toc" not in self._markdown().treeprocessors:
            return None  # no toc: no id
        source = {"h": lambda: f"{'#' * int(form[1])} {text} {{#{ident}}}", "a": lambda: f"[{text}]({href}){form[-1]}", "p": lambda: text}[form[0]]()
        converter = self._markdown()
        converter.reset()
        out = converter.convert(source)
        tokens = list(getattr(converter, "toc_tokens", []))
        if "\n" in out or out.count(text) != 1 or len(tokens) > 1 or tokens and tokens[0].get("children"):
            return None
        token = {k: v for k, v in tokens[0].items() if k != "children"} if tokens else None
        return _Form(out, token)


def _attribute(value: str) -> str:
    """An attribute's value as Python-Markdown's serializer writes it."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


class _Drop(logging.Filter):
    def filter(self, _record: logging.LogRecord) -> bool:
        return False


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """MkDocs' page warnings dropped (the links of a page converted twice are checked once)."""
    logger, drop = logging.getLogger("mkdocs.structure.pages"), _Drop()
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def _seen(state: tuple[Any, ...]) -> tuple[Any, ...]:
    """``state`` as MkDocs' conversion leaves it: the links to anchors noted unless MkDocs logs at its debug level."""
    from mkdocs.structure import pages

    return (*state[:4], state[4] if pages.log.getEffectiveLevel() > logging.DEBUG else None)


def _toc(tokens: list[dict[str, Any]]) -> tuple[Any, ...]:
    return tuple((t["level"], t["id"], t["name"], _toc(t["children"])) for t in tokens)


def _state(page: Any) -> tuple[Any, ...]:
    """What MkDocs' conversion set on ``page``, as :meth:`Converted._convert` gives it."""

    def toc(items: Any) -> tuple[Any, ...]:
        return tuple((i.level, i.id, i.title, toc(i.children)) for i in items)

    return page.content, toc(page.toc.items), page._title_from_render, page.present_anchor_ids, page.links_to_anchors


def _apply(page: Any, state: tuple[Any, ...]) -> None:
    from mkdocs.structure import pages
    from mkdocs.structure.toc import AnchorLink, TableOfContents

    def links(entries: tuple[Any, ...]) -> list[Any]:
        out = []
        for level, ident, title, children in entries:
            link = AnchorLink(title, ident, level)
            link.children = links(children)
            out.append(link)
        return out

    content, toc, title, ids, anchors = state
    items = links(toc)
    if items:
        items[0].active = True  # as mkdocs.structure.toc.get_toc marks it
    page.content, page.toc, page._title_from_render, page.present_anchor_ids = content, TableOfContents(items), title, ids
    if pages.log.getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = anchors
