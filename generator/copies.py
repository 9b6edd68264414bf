"""The pages of a long run (a checklist's sections, the alarm runbooks) written from the theme's own rendering of a prototype.

Material renders its whole page template for every page, about 4 ms a page, though the pages of one
run differ only in a few values: the page's title, URL and content, its table of contents, its
previous and next pages, and the run's window of the navigation (``engine.NavWindow``). So, in a
windowed run, the theme renders each *shape* of page (where the page stands in its window, which
neighbours it has) once as a prototype: the page of that shape it renders first, with every value
that differs between pages replaced by a marker (a nonce that no page holds). Every other page of the
shape is that prototype with the markers replaced by its own values, each as the template prints it
(a title as it is, escaped or with its tags stripped where the template filters it: the marker reads
differently after each filter; an address through MkDocs' ``url``
filter, relative to the page; the table of contents rendered by the theme's own ``toc.html``). MkDocs
converts the page's Markdown as before (links and anchors are checked as before, the search plugin
indexes the page as before); only the theme's rendering is skipped, by a template that
extends ``main.html`` unless the page is one to copy.

A shape is trusted only once proved: the prototype filled with the values of the page it was made
from, and with those of a second page of the shape that the theme rendered whole, must give both
pages byte for byte. Until then, and for a shape that fails the proof (a theme that prints another
value of the page), every page is rendered by the theme. A copy that still holds a marker is
rendered by the theme too. So the pages are the theme's, whatever the theme.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from typing import Any

import jinja2
from markupsafe import Markup, escape

TEMPLATE = "checklist-site/copy.html"  # the template of every page of a windowed run
COPY = "checklist_site_copy"  # set in the context of a page written from its prototype
# A page to copy renders a line the copy then replaces; any other page is main.html as the theme has it.
SOURCE = "{% if " + COPY + " %}<!-- written from its prototype -->\n{% else %}{% extends 'main.html' %}{% endif %}"
OFF = "CHECKLIST_SITE_NO_COPIES"  # set: the theme renders every page (tests compare the two)


class _Stand:
    """A page or link as the prototype shows it: ``item`` with some attributes replaced."""

    url: str
    title: str
    content: str
    canonical_url: str
    toc: list[Any]
    meta: dict[str, Any]

    def __init__(self, item: Any, **replaced: Any) -> None:
        self._item = item
        self.__dict__.update(replaced)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._item, name)


@dataclass
class _Page:
    """A page of a windowed run as the build saw it: its context, its shape, and the run's items in its window."""

    page: Any
    context: dict[str, Any]
    shape: tuple[Any, ...]
    slots: list[Any]  # the run's items in the page's navigation window, in order (the page itself among them)


@dataclass
class _Prototype:
    """The theme's rendering of a prototype, cut at its markers: literal text, and the names of the values between."""

    parts: list[str]  # literal text at even positions, a value's name ('title', 'slot-3-url', 'toc', ...) at odd ones

    def fill(self, values: dict[str, str]) -> str:
        return "".join(part if n % 2 == 0 else values[part] for n, part in enumerate(self.parts))


@dataclass
class Copies:
    """Per build: which pages are copied, the prototypes, and the pages the theme renders whole to prove them."""

    window: Any  # engine.NavWindow
    env: Any = None
    nonce: str = field(default_factory=lambda: "cs" + secrets.token_hex(8))
    pages: dict[str, _Page] = field(default_factory=dict)  # src -> page
    prototypes: dict[tuple[Any, ...], _Prototype | None] = field(default_factory=dict)  # None: failed its proof
    first: dict[tuple[Any, ...], tuple[_Page, str]] = field(default_factory=dict)  # the first page of a shape, as the theme rendered it
    copied: int = 0
    toc: Any = None  # the template rendering the theme's table of contents alone

    @property
    def enabled(self) -> bool:
        return bool(self.window.runs) and not os.environ.get(OFF)

    def on_env(self, env: Any) -> Any:
        if self.enabled:
            env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({TEMPLATE: SOURCE}), env.loader])
        self.env = env
        return env

    def on_page_markdown(self, page: Any) -> None:
        if self.enabled and page.file.src_uri in self.window.where and "template" not in page.meta:
            page.meta["template"] = TEMPLATE

    def on_page_context(self, context: dict[str, Any], page: Any) -> None:
        """Note the page; mark it to be copied when its shape's prototype is proved."""
        if page.meta.get("template") != TEMPLATE:
            return
        slots, shape = self.window.slots(context["nav"], page)
        shape += (page.previous_page is not None, page.next_page is not None, page.canonical_url is not None)
        shape += (_toc_shape(page.toc), "\u003ch1" in (page.content or ""), tuple(sorted((k, repr(v)) for k, v in page.meta.items() if k != "title")))
        self.pages[page.file.src_uri] = _Page(page, context, shape, slots)
        context[COPY] = self.prototypes.get(shape) is not None

    def on_post_page(self, output: str, page: Any) -> str:
        """A copied page's HTML; a page the theme rendered proves (or makes) its shape's prototype."""
        seen = self.pages.get(page.file.src_uri)
        if seen is None:
            return output
        if seen.context.get(COPY):
            prototype = self.prototypes[seen.shape]
            assert prototype is not None
            copy = self._fill(prototype, seen)
            if copy is not None:
                self.copied += 1
                return copy
            return self._render(seen)  # a value the prototype cannot take: the theme renders it
        first = self.first.setdefault(seen.shape, (seen, output))
        if first[0] is not seen and seen.shape not in self.prototypes:  # the shape's second page: make its prototype, prove it on both
            self.prototypes[seen.shape] = self._proved(seen, output, first)
            del self.first[seen.shape]
        return output

    def _proved(self, seen: _Page, output: str, first: tuple[_Page, str]) -> _Prototype | None:
        """The prototype of ``seen``'s shape if, filled in, it gives both pages as the theme rendered them; else None."""
        try:
            prototype = self._prototype(seen)
            proved = prototype is not None and all(self._fill(prototype, page) == text for page, text in (first, (seen, output)))
        except jinja2.TemplateError:  # a theme without Material's partials (toc.html, language.html): it renders every page
            return None
        return prototype if proved else None

    def _render(self, seen: _Page) -> str:
        context = dict(seen.context)
        context[COPY] = False
        return self.env.get_template(TEMPLATE).render(context)

    def _prototype(self, seen: _Page) -> _Prototype | None:
        """The page rendered with a marker for every value that differs between pages of its shape."""
        page, mark = seen.page, self._marker
        markers: dict[str, str] = {}

        def title(name: str) -> str:
            raw = mark(name) + "'&amp;"  # printed escaped (| e), with tags stripped (| striptags) or both, it reads otherwise
            for form, printed in _forms(raw).items():
                markers[printed] = f"{name}:{form}"
            return raw

        def url(name: str) -> str:
            marked = mark(name) + "/"
            markers[_printed(context, marked)] = name
            return marked

        context = dict(seen.context)
        stand = _Stand(page, title=title("title"), content=mark("content") + ("\u003ch1" if "\u003ch1" in (page.content or "") else ""), active=True)
        markers[stand.content] = "content"
        context["page"] = stand
        stand.url = _own_url(page.url, mark("self"))
        markers[_printed(context, stand.url)] = "self"
        if "title" in page.meta:
            stand.meta = {**page.meta, "title": title("meta-title")}
        if page.canonical_url is not None:
            stand.canonical_url = mark("canonical")
            markers[stand.canonical_url] = "canonical"
        for side in ("previous_page", "next_page"):
            neighbour = getattr(page, side)
            if neighbour is not None:
                setattr(stand, side, _Stand(neighbour, title=title(side + "-title"), url=url(side + "-url")))
        toc = list(page.toc)
        if toc:
            stand.toc = [_Stand(toc[0], url="#" + mark("skip")), *toc[1:]]
            markers[_printed(context, stand.toc[0].url)] = "skip"
        stands = []
        for n, item in enumerate(seen.slots):
            if item is page:
                stands.append(stand)
            else:
                stands.append(_Stand(item, title=title(f"slot-{n}-title"), url=url(f"slot-{n}-url"), active=False))
        context["nav"] = self.window.replace(context["nav"], dict(zip(map(id, seen.slots), stands, strict=True)))
        context[COPY] = False
        toc_html = self._toc(context)
        text = self.env.get_template(TEMPLATE).render(context)
        return _cut(text, toc_html, markers, re.compile(rf"(?:\.\./)*#?{self.nonce}[a-z0-9]+{self.nonce}(?:/|\.html|'&amp;|&#39;&amp;(?:amp;)?|'&|\u003ch1)?"))

    def _marker(self, name: str) -> str:
        return f"{self.nonce}{re.sub(r'[^a-z0-9]', '', name)}{self.nonce}"

    def _toc(self, context: dict[str, Any]) -> str:
        """The theme's table of contents of the page of ``context`` (what base.html and the navigation include)."""
        if self.toc is None:
            self.toc = self.env.from_string('{% import "partials/language.html" as lang with context %}{% include "partials/toc.html" %}')
        return str(self.toc.render(context))

    def _fill(self, prototype: _Prototype, seen: _Page) -> str | None:
        """The prototype with the values of ``seen``; None when a marker is left (a value the theme prints otherwise)."""
        values = self._values(seen)
        if not all(name in values for name in prototype.parts[1::2]):
            return None
        out = prototype.fill(values)
        return None if self.nonce in out else out

    def _values(self, seen: _Page) -> dict[str, str]:
        page, context = seen.page, seen.context
        values: dict[str, str] = {"content": page.content or "", "toc": self._toc(context), "self": _printed(context, page.url)}

        def title(name: str, value: Any) -> None:
            values.update({f"{name}:{form}": printed for form, printed in _forms(str(value)).items()})  # None prints as "None"

        title("title", page.title)
        if "title" in page.meta:
            title("meta-title", page.meta["title"])
        values["canonical"] = page.canonical_url or ""
        for side in ("previous_page", "next_page"):
            neighbour = getattr(page, side)
            if neighbour is not None:
                title(side + "-title", neighbour.title)
                values[side + "-url"] = _printed(context, neighbour.url)
        toc = list(page.toc)
        if toc:
            values["skip"] = _printed(context, toc[0].url)
        for n, item in enumerate(seen.slots):
            if item is not page:
                title(f"slot-{n}-title", item.title)
                values[f"slot-{n}-url"] = _printed(context, item.url)
        return values


def _cut(text: str, toc: str, markers: dict[str, str], marker: re.Pattern[str]) -> _Prototype | None:
    """The prototype's text cut at the table of contents ``toc`` and at every marker (as printed: ``markers``); None when
    the table of contents is not there or a marker is printed in a way not foreseen."""
    if not toc.strip() or toc not in text:
        return None
    parts: list[str] = []
    for n, chunk in enumerate(text.split(toc)):
        if n:
            parts.append("toc")
        at = 0
        for found in marker.finditer(chunk):
            name = markers.get(found.group(0))
            if name is None:
                return None
            parts += [chunk[at : found.start()], name]
            at = found.end()
        parts.append(chunk[at:])
    return _Prototype(parts)


def _forms(title: str) -> dict[str, str]:
    """A title as the theme's templates print it: as it is, ``| e``, ``| striptags`` and ``| striptags | e``."""
    stripped = Markup(title).striptags()
    return {"raw": title, "e": str(escape(title)), "striptags": stripped, "striptags-e": str(escape(stripped))}


def _own_url(url: str, marker: str) -> str:
    """``url`` (a page's, in either URL style) with its own name replaced by ``marker``: same folder, same style.

    >>> _own_url("checklists/c/s1/", "M"), _own_url("checklists/c/s1.html", "M"), _own_url("s1/", "M")
    ('checklists/c/M/', 'checklists/c/M.html', 'M/')
    """
    if url.endswith("/"):
        folder, suffix = url[:-1].rpartition("/")[0], "/"
    else:
        folder, _, name = url.rpartition("/")
        suffix = name[name.rfind(".") :] if "." in name else ""
    return (folder + "/" if folder else "") + marker + suffix


def _printed(context: dict[str, Any], url: str) -> str:
    """An address as the template prints it through MkDocs' ``url`` filter, relative to the context's page."""
    from mkdocs.utils import normalize_url

    return normalize_url(str(url), page=context["page"], base=context["base_url"])


def _toc_shape(toc: Any) -> tuple[int, bool]:
    """What the theme decides from a table of contents: the first heading's level, and whether it shows entries."""
    entries = list(toc)
    if not entries:
        return 0, False
    shown = entries[0].children if entries[0].level == 1 else entries
    return entries[0].level, bool(shown)
