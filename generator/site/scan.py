"""After a build, read the generated pages with an HTML parser and refuse any markup that could run script.

Defence in depth: escaping (``escape.py``) and the link check already keep data text inert; this
scan proves it on the built HTML, whatever the engine (MkDocs or Zensical). In the page content
and the navigation (where data text lands) it refuses ``<script>`` (but our JSON), ``<iframe>``,
``<object>``, ``<embed>``, ``<frame>``, ``<base>``, ``<meta http-equiv>``, and anywhere on the page
event-handler attributes, ``srcdoc`` and addresses with a scheme other than http, https, mailto
(or the theme's ``data:`` images). A hit names the page and, when the data holds the offending
text, the field it came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ..format.markup import allowed, scheme
from ..format.model import Data
from ..format.schema import fields_of
from ..format.types import Text

_URL_ATTRS = {"href", "src", "action", "formaction", "data", "poster", "background", "xlink:href", "ping", "cite", "codebase", "manifest", "lowsrc", "dynsrc"}
_NEVER_IN_CONTENT = {"script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Hit:
    page: str
    what: str  # what was found, in words
    evidence: str  # the text to look for in the data


class _Scanner(HTMLParser):
    """Walks one page; ``depth`` counts how deep inside content or navigation the parser is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[bool] = []  # per open element: is it (inside) content or navigation
        self.found: list[tuple[str, str]] = []

    def _inside(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)
        if tag in ("title", "textarea"):  # their content is text to a browser (RCDATA), tags and all
            self.set_cdata_mode(tag)
        if tag not in _VOID:
            # Where data text lands: the article and the navigation (not the theme's header bar, whose
            # palette switch is a script of the theme's own).
            inside = self._inside() or tag == "article"
            if not inside and tag == "nav":
                inside = "md-header" not in (dict(attrs).get("class") or "")
            self.stack.append(inside)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._check(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in _VOID and self.stack:
            self.stack.pop()

    def _check(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if (tag in _NEVER_IN_CONTENT or tag == "meta") and self._inside():
            ours = tag == "script" and values.get("type") == "application/json"
            if not ours and (tag != "meta" or "http-equiv" in values):
                shown = " ".join(f"{name}={value!r}" for name, value in values.items())[:120]
                self.found.append((f"a <{tag}> element in the content ({shown or 'no attributes'})", f"<{tag}"))
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append((f"an event-handler attribute {name}={value!r} on <{tag}>", value or name))
            elif name == "srcdoc":
                self.found.append((f"a srcdoc attribute on <{tag}>", value))
            elif name in _URL_ATTRS and not allowed(value) and not _theme_data(tag, name, value):
                self.found.append((f"a {scheme(value)}: address in {name} of <{tag}>", value))


def _theme_data(tag: str, name: str, value: str) -> bool:
    """The theme's own inline images and icons (data:image/svg+xml, ...) are not links."""
    return tag in ("img", "link", "source") and name in ("src", "href") and scheme(value).lower() == "data" and value[5:].lower().startswith("image/")


def scan_page(path: Path, page: str) -> list[Hit]:
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
    scanner.close()
    return [Hit(page, what, evidence) for what, evidence in scanner.found]


def scan(site: Path, folders: Iterable[str]) -> list[Hit]:
    """Every hit in the built pages under ``folders`` of ``site`` (the generated part of the site)."""
    hits: list[Hit] = []
    for folder in folders:
        for path in sorted((site / folder).rglob("*.html")):
            hits += scan_page(path, path.relative_to(site).as_posix())
    return hits


def _texts(data: Data) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the data, found by walking the format declaration."""
    for root in (*data.checklists, *data.runbook_sets, *data.statuses):
        for field, value, owner in fields_of(root):
            if isinstance(value, Text):
                yield f"'{field}' at {owner.loc}", value
        yield "the file name", root.source


def origin(data: Data, evidence: str) -> str:
    """Where in the data a piece of the page came from, when a text holds it; '' when none does."""
    needle = evidence.strip().lower()
    if len(needle) < 3:
        return ""
    for where, text in _texts(data):
        if needle in text.lower():
            return where
    return ""
