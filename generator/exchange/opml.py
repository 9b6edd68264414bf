"""An outline in OPML (WorkFlowy's, Dynalist's, OmniOutliner's export) written again as the Markdown the walk reads."""

from __future__ import annotations

from html.parser import HTMLParser


class LinearParser(HTMLParser):
    """Python's HTMLParser in time linear in the text it is fed at once (then closed).

    After the text's last '>', a '<' opens nothing that could close (no tag, comment, declaration or instruction ends
    without one): HTMLParser read from each such '<' on to the end of the text before it took the '<' as text (16,000
    of '<a' took 16 s, quadratic); written '&lt;' first (``feed``), each is that text at once. A comment found unclosed
    at one place is known unclosed at every later one (each was looked for on to the end: '<!--x>' over and over)."""

    _unclosed: tuple[int, int] | None = None  # (the text's length, the first place no '-->' follows)

    def feed(self, data: str) -> None:
        cut = data.rfind(">") + 1
        super().feed(data[:cut] + data[cut:].replace("<", "&lt;") if "<" in data[cut:] else data)

    def parse_comment(self, i: int, report: bool = True) -> int:
        if self._unclosed is not None and self._unclosed[0] == len(self.rawdata) and i >= self._unclosed[1]:
            return -1
        found: int = super().parse_comment(i, report)
        if found < 0:
            self._unclosed = (len(self.rawdata), i)
        return found


_DONE = ("true", "yes", "1", "checked", "done")


class _Outline(LinearParser):
    """Each outline element's depth, text, state and line; the head's title and its line."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str, bool, bool]] = []  # (line, depth, text, done, has children)
        self.notes: dict[int, str] = {}  # an outline's note (WorkFlowy's, Dynalist's '_note'), by its place in found
        self.depth = 0
        self.title: tuple[int, str] | None = None
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._outline(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._outline(tag, attrs, closed=True)

    def _outline(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if tag == "title":
            self._in_title = not closed
            return
        if tag != "outline":
            return
        found = {k.lower(): v or "" for k, v in attrs}
        if self.found and self.found[-1][1] == self.depth - 1:
            line, depth, text, done, _ = self.found[-1]
            self.found[-1] = (line, depth, text, done, True)  # its parent has a child
        done = any(found.get(key, "").lower() in _DONE for key in ("_complete", "complete", "_checked", "checked", "done"))
        note = (found.get("_note") or found.get("note") or "").strip()
        if note:
            self.notes[len(self.found)] = note
        self.found.append((self.getpos()[0], self.depth, " ".join((found.get("text") or found.get("title") or "").split()), done, False))
        self.depth += 0 if closed else 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "outline":
            self.depth = max(self.depth - 1, 0)
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title and data.strip():
            self.title = (self.getpos()[0], " ".join(data.split()))


def opml(lines: list[str]) -> list[str]:
    """OPML: the head's title the title; an outline of the top level with outlines in it a section, every other one a
    task item nested by its depth, ticked where it is complete ('_complete="true"', as WorkFlowy and Dynalist mark
    one), its note ('_note') its details; each on a line of its own, in order (outlines written on one line, as an
    outliner's export without line breaks has them all, were read as the first alone).

    >>> opml(['<opml><head><title>Launch</title></head><body>', '<outline text="Prep">',
    ...       '<outline text="Back up" _complete="true"/>', '<outline text="Freeze" _note="Tell the&#10;team">',
    ...       '<outline text="Tell"/></outline>', '</outline>', '<outline text="Go"/><outline text="Wave"/>', '</body></opml>'])
    ['# Launch', '', '', '## Prep', '', '- [x] Back up', '- [ ] Freeze', '', '  Tell the', '  team', '', '  - [ ] Tell', '- [ ] Go', '- [ ] Wave']
    """
    parser = _Outline()
    parser.feed("\n".join(lines))
    parser.close()
    out = [f"# {parser.title[1]}", ""] if parser.title else []
    sections = any(depth == 0 and children for _, depth, _, _, children in parser.found)
    for number, (_, depth, text, done, children) in enumerate(parser.found):
        if not text:
            continue
        note = [x.strip() for x in parser.notes.get(number, "").splitlines() if x.strip()]
        if sections and depth == 0 and children:
            out += ["", f"## {text}", "", *(note and [*note, ""])]
            continue
        level = min(depth - 1 if sections and depth else depth, 5)
        out.append("  " * level + f"- [{'x' if done else ' '}] {text}")
        if note:
            out += ["", *("  " * (level + 1) + x for x in note), ""]
    return out
