"""Items as markup, built here only: the HTML task list of a runbook page and the one of a sheet.

Both spell an item the same way: badges (critical, priority), the text, the target, the recorded
state; the runbook page adds the item's anchor, former ids and runbook link, the sheet adds nothing
a printed page cannot show.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from markupsafe import Markup

from ..format.bidi import right_to_left
from ..format.model import Checklist, Group, Item, ItemState, Section, State
from ..format.types import InlineMarkdown, MarkdownBlock, PlainText, Text  # noqa: F401 (InlineMarkdown, MarkdownBlock, PlainText: doctests)
from . import escape
from .layout import DIRECTORY_URLS, Urls

_HREF = re.compile(r'\b(href|src)="([^"]*)"')
_ABSOLUTE = re.compile(r"^([a-z][a-z0-9+.-]*:|#|/)", re.IGNORECASE)


def badges(item: Item) -> str:
    """The critical badge and the priority label, each followed by a space ('' for neither)."""
    badge = '<span class="cl-badge">Critical</span> ' if item.critical else ""
    if item.priority:
        badge += f'<span class="cl-item-priority">{item.priority.label}</span> '
    return badge


def is_done(entry: ItemState | None) -> bool:
    return entry is not None and entry.state is State.DONE


def state_note(entry: ItemState | None) -> str:
    """The recorded state of an item as a short inline label for the runbook page ('' for open items).

    >>> state_note(ItemState(id="x", state=State.WAIVED, by=PlainText("Arun <a>"), reason=PlainText("ships in 1.1"), approver=PlainText("Meera")))
    ' <span class="cl-state cl-state--waived">waived · reason: ships in 1.1, accepted by Meera · Arun &lt;a&gt;</span>'
    """
    if entry is None or (entry.state is State.OPEN and not entry.owner):
        return ""
    def place(text: Text) -> str:  # a name, a reason: isolated when written right to left (as shown_html)
        return f"<bdi>{escape.html(text)}</bdi>" if right_to_left(text) else escape.html(text)

    owner = f"owner {place(entry.owner)}" + (f", due {entry.due}" if entry.due else "") if entry.owner else ""
    if entry.state is State.OPEN:
        return f' <span class="cl-state cl-state--open">{owner}</span>'
    parts = [entry.state.value]
    if entry.state is State.WAIVED:
        parts.append(f"reason: {place(entry.reason)}" + (f", accepted by {place(entry.approver)}" if entry.approver else ""))
    parts += [p for p in (place(entry.by) if entry.by else "", str(entry.date) if entry.date else "", owner) if p]
    return f' <span class="cl-state cl-state--{entry.state.name.lower()}">{" · ".join(parts)}</span>'


def alias(ident: str) -> str:
    """An empty target that keeps a former (or secondary) id's links working: a span, not an empty link,
    which screen readers would announce as a link without a name.

    >>> alias("jwt-check")
    '<span class="cl-anchor" id="jwt-check"></span>'
    """
    return f'<span class="cl-anchor" id="{escape.attr_text(ident)}"></span>'


def runbook_list(
    items: Iterable[Item],
    ordered: bool = False,
    runbooks: dict[str, str] | None = None,
    states: dict[str, ItemState] | None = None,
    urls: Urls = DIRECTORY_URLS,
) -> Markup:
    """Items as a runbook page shows them: finished HTML, put into the page's slot after the build.

    The task list Python-Markdown's tasklist extension makes, with each item's id on its ``<li>``
    (the browser adds the ¶ permalink, overrides/main.html) and former ids as empty anchors inside
    it. ``runbooks`` maps alarm item ids to their runbook pages (source links from the checklist's
    folder); ``states`` holds recorded progress: done items are ticked and every state is labelled.
    Data text goes in through ``text_html`` (``escape.html`` by kind) only.
    """
    tag = "ol" if ordered else "ul"
    out = [f'<{tag} class="task-list">']
    for item in items:
        entry = states.get(item.id) if states else None
        checked = " checked" if is_done(entry) else ""
        target = f" (target: {shown_html(item.target, urls)})" if item.target else ""
        aliases = "".join(alias(former) for former in item.former_ids)
        runbook = ""
        if runbooks and item.id in runbooks:
            runbook = f' <a class="cl-runbook-link" href="{escape.attr_text(urls.href(runbooks[item.id]))}">Runbook</a>'
        details = f'<div class="cl-details">{text_html(item.details, urls)}</div>' if item.details else ""
        nested = runbook_list(item.items, item.ordered, runbooks, states, urls) if item.items else ""
        out.append(
            f'<li class="task-list-item" id="{escape.attr_text(item.id)}"><label class="task-list-control"><input type="checkbox" disabled{checked}/>'
            f'<span class="task-list-indicator"></span></label> {aliases}{badges(item)}{shown_html(item.text, urls)}{target}'
            f"{state_note(entry)}{runbook}{details}{nested}</li>"
        )
    out.append(f"</{tag}>")
    return Markup("\n".join(out))


_SOURCE_LINK = re.compile(r'\b(?:href|src)="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^"]*)"')


def text_links(texts: Iterable[Text | None]) -> list[str]:
    """The relative addresses the texts link to, as written in the data (``guide.md#setup``, ``#top``).

    >>> text_links([InlineMarkdown("See [g](guide.md#x), [w](https://x.test)"), None, MarkdownBlock("[t](#top)")])
    ['guide.md#x', '#top']
    """
    found: list[str] = []
    for text in texts:
        if text and "](" in text:  # a relative address is only ever written as a link
            found += [html.unescape(m.group(1)) for m in _SOURCE_LINK.finditer(escape.html(text))]
    return list(dict.fromkeys(found))


def item_links(items: Iterable[Item]) -> list[str]:
    """The relative addresses the items' texts (text, target, details) link to, sub-items' included."""
    return text_links(text for top in items for item in top.walk() for text in (item.text, item.target, item.details))


def item_ids(items: Iterable[Item]) -> list[str]:
    """The ids a list of items puts on its page, former ids included, in page order."""
    return [ident for top in items for item in top.walk() for ident in (item.id, *item.former_ids)]


@lru_cache(maxsize=1 << 16, typed=True)  # an item's text is shown on its runbook page, its sheet, the packet and lists
def text_html(text: Text, urls: Urls = DIRECTORY_URLS) -> Markup:
    """A data text as HTML, as it reads on the runbook page: ``escape.html`` by its kind (inline, or a
    Markdown block such as an item's details), sanitized, with relative links in the site's URL style.

    >>> text_html(InlineMarkdown("Rate limit < 100 req/s")), text_html(InlineMarkdown("Run `make` **now**"))
    (Markup('Rate limit &lt; 100 req/s'), Markup('Run <code>make</code> <strong>now</strong>'))
    >>> text_html(InlineMarkdown("See [the guide](guide.md#setup) and [x](https://x.test)"))
    Markup('See <a href="guide/#setup">the guide</a> and <a href="https://x.test">x</a>')
    >>> text_html(MarkdownBlock("Check `<b>` first.\\n\\nSee [the guide](guide.md)."))
    Markup('<p>Check <code><span class="cl-word">&lt;b&gt;</span></code> first.</p>\\n<p>See <a href="guide/">the guide</a>.</p>')
    """
    return Markup(_relinked(escape.html(text), urls))


@lru_cache(maxsize=1 << 16, typed=True)  # pure, as text_html: an item's text is shown 4 times a render (0.1 s at 10,000 items)
def shown_html(text: Text, urls: Urls = DIRECTORY_URLS) -> Markup:
    """A line of data text among our words (an item's text next to its box and badges, a blocker's subject after
    'Critical item not done: ', an owner, a reason): :func:`text_html`, isolated in a ``<bdi>`` when it holds
    right-to-left letters (``bidi.right_to_left``), so it is laid out in its own direction, its final '.' or number
    at its end, and leaves ours in their order. Texts of left-to-right scripts, which cannot reorder, stay bare.

    >>> shown_html(InlineMarkdown("Deploy `api` 2.")), shown_html(InlineMarkdown("לפרוס את `api` 2."))
    (Markup('Deploy <code>api</code> 2.'), Markup('<bdi>לפרוס את <code>api</code> 2.</bdi>'))
    """
    out = text_html(text, urls)
    return Markup(f"<bdi>{out}</bdi>") if right_to_left(text) else out


@lru_cache(maxsize=1 << 16, typed=True)
def link_text_html(text: Text, urls: Urls = DIRECTORY_URLS) -> Markup:
    """A data text inside a link of ours (a blocker, a critical item in its list): :func:`shown_html` with its link syntax
    dropped (``escape.strip_links``), of its kind still.

    >>> link_text_html(InlineMarkdown("See [the guide](guide.md) <b>"))
    Markup('See the guide &lt;b&gt;')
    """
    return shown_html(type(text)(escape.strip_links(text)), urls)


def _relinked(out: str, urls: Urls) -> str:
    """Relative source links (``guide.md#x``) of rendered data text in the built site's URL style."""
    if 'href="' in out or 'src="' in out:
        out = _HREF.sub(lambda m: f'{m.group(1)}="{_relative_link(m.group(2), urls)}"', out)
    return out


def _relative_link(url: str, urls: Urls) -> str:
    if _ABSOLUTE.match(url):
        return url
    return urls.href(html.unescape(url)).replace('"', "%22")


def record_line(entry: ItemState | None, urls: Urls = DIRECTORY_URLS) -> Markup:
    """What the record says of an item, printed under it: state, reason and approver, who, when, note.
    The reason and the note read as on the runbook page (inline Markdown: ``text_html``).

    >>> record_line(ItemState(id="x", state=State.WAIVED, by="Arun", reason="ships in 1.1", approver="Meera"))
    Markup('<span class="cl-record-line">Waived: ships in 1.1 · accepted by Meera · recorded by Arun</span>')
    >>> record_line(None), record_line(ItemState(id="x", state=State.OPEN))
    (Markup(''), Markup(''))
    >>> record_line(ItemState(id="x", state=State.DONE, by="Priya", note=InlineMarkdown("see **1.1**, [the plan](https://x.test) <b>")))
    Markup('<span class="cl-record-line">Done · by Priya — note: see <strong>1.1</strong>, <a href="https://x.test">the plan</a> &lt;b&gt;</span>')
    """
    if entry is None or (entry.state is State.OPEN and not entry.note and not entry.owner and entry.replaced() is None):
        return Markup("")
    def shown(text: str) -> Markup:
        return shown_html(text, urls) if isinstance(text, Text) else Markup.escape(text)

    label = {State.DONE: "Done", State.NOT_APPLICABLE: "N/A", State.WAIVED: "Waived", State.OPEN: "Open"}[entry.state]
    parts = [Markup("{}: {}").format(label, shown(entry.reason)) if entry.state is State.WAIVED and entry.reason else Markup.escape(label)]
    if entry.approver:
        parts.append(Markup("accepted by {}").format(entry.approver))
    who = ("recorded by " if entry.state is State.WAIVED else "by ") + entry.by if entry.by else ""
    parts += [Markup.escape(p) for p in (who, f"on {entry.date}" if entry.date else "") if p]
    earlier = entry.replaced()
    if earlier is not None:
        parts.append(Markup("changed from {}'s {}").format(earlier.by, earlier.state.value))
    if entry.owner:
        parts.append(Markup.escape(f"owner {entry.owner}" + (f", due {entry.due}" if entry.due else "")))
    note = Markup(" — note: {}").format(shown(entry.note)) if entry.note else Markup("")
    return Markup('<span class="cl-record-line">{}</span>').format(Markup(" · ").join(parts) + note)


def task_list(
    items: Iterable[Item], states: dict[str, ItemState] | None = None, ordered: bool = False, urls: Urls = DIRECTORY_URLS, top: bool = True
) -> Markup:
    """Items as the task list Python-Markdown's tasklist extension makes, without anchors: for paper.

    Top-level items carry ``data-u``: a page may break between them, never inside one. What the
    record says of an item (``states``) prints under it as a line of its own.
    """
    tag = "ol" if ordered else "ul"
    out = [f'<{tag} class="task-list">']
    unit = " data-u" if top else ""
    for item in items:
        entry = states.get(item.id) if states else None
        checked = " checked" if is_done(entry) else ""
        target = f" (target: {shown_html(item.target, urls)})" if item.target else ""
        nested = task_list(item.items, states, item.ordered, urls, top=False) if item.items else ""
        out.append(
            f'<li class="task-list-item"{unit}><label class="task-list-control"><input type="checkbox" disabled{checked}/>'
            f'<span class="task-list-indicator"></span></label> {badges(item)}{shown_html(item.text, urls)}{target}'
            f"{record_line(entry, urls)}{nested}</li>"
        )
    out.append(f"</{tag}>")
    return Markup("\n".join(out))


def critical_task_list(rows: Iterable[tuple[Section, Group, Item]], states: dict[str, ItemState] | None = None, urls: Urls = DIRECTORY_URLS) -> Markup:
    """A section's critical items on the critical-items sheet: a box (ticked when done), the item's text and the number of
    its group on the section sheets (``rows`` from :func:`critical_by_section`). One pass here, as :func:`task_list`:
    a row of the template was a macro call and five of its expressions each (0.05 s at 4,000 critical items).

    >>> s = Section(id="s", title="S", number=3, groups=(Group(id="a", title="A", items=()), Group(id="b", title="B", items=())))
    >>> item = Item(id="x", text=InlineMarkdown("Keys < 90 days"), critical=True)
    >>> out = critical_task_list([(s, s.groups[1], item)], {"x": ItemState(id="x", state=State.DONE)})
    >>> out.count("<li "), "disabled checked/>" in out, out.split("</label> ")[1]
    (1, True, Markup('Keys &lt; 90 days <span class="cl-group-ref">3.2</span></li>\\n</ul>'))
    """
    out = ['<ul class="task-list">\n']
    numbers: dict[int, int] = {}  # id(group) -> its number in its section
    for section, group, item in rows:
        n = numbers.get(id(group))
        if n is None:
            n = numbers[id(group)] = section.groups.index(group) + 1
        checked = " checked" if is_done(states.get(item.id) if states else None) else ""
        out.append(
            f'<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled{checked}/><span class="task-list-indicator">'
            f'</span></label> {shown_html(item.text, urls)} <span class="cl-group-ref">{Markup.escape(section.number)}.{n}</span></li>\n'
        )
    out.append("</ul>")
    return Markup("".join(out))


def critical_by_section(c: Checklist) -> dict[str, list[tuple[Section, Group, Item]]]:
    """The critical items of each section (every section has an entry), with their section and group."""
    out: dict[str, list[tuple[Section, Group, Item]]] = {s.id: [] for s in c.sections}
    for section, group, item in c.critical_items():
        out[section.id].append((section, group, item))
    return out
