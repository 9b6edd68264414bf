"""A Word document (.docx) as the lines of text it shows: a checklist typed in Word, a paragraph a line.

Its paragraphs in order, a heading style's (Title, heading 1 … 6) a Markdown heading, a list paragraph (bulleted or
numbered) an item nested by its level, a table's rows a Markdown table; a check box content control or a ballot
box shows as the character it draws ('☐', '☒'), and a Wingdings box as the ballot box it looks like. What it does
not read (a file that is no Word document, a damaged one, one that declares entities) gives None: the caller
refuses it as before, telling the user to save it as a format import reads.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LIMIT = 20_000_000  # the document's XML, unpacked: no more is read (a zip bomb is refused)
# Wingdings' boxes as Word's symbol runs draw them (w:sym w:char): open, ticked, crossed.
_SYMBOLS = {"F0A8": "☐", "F06F": "☐", "F071": "☐", "F072": "☐", "F0FE": "☑", "F0FC": "☑", "F0FD": "☒", "F078": "☒"}


def _xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.file_size > _LIMIT:
        return None
    data = archive.read(info)
    if _declares_a_type(data):  # Word writes none: entities are a bomb's, not a document's
        return None
    return ElementTree.fromstring(data)


class _Stop(Exception):
    pass


def _declares_a_type(data: bytes) -> bool:
    """Whether the XML declares a document type (where entities are declared), as the XML parser reads it, in whatever
    encoding the part is written: looked for as bytes, '<!DOCTYPE' in UTF-16 went by, and its entities were expanded
    into the checklist. Read up to the first element, which no declaration follows; an unreadable part declares one."""
    from xml.parsers import expat

    def stop(*_: object) -> None:
        raise _Stop

    declared = False

    def declaration(*_: object) -> None:
        nonlocal declared
        declared = True
        raise _Stop

    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = declaration
    parser.StartElementHandler = stop
    try:
        parser.Parse(data, True)
    except _Stop:
        return declared
    except expat.ExpatError:
        return True
    return declared


def _headings(styles: ElementTree.Element | None) -> dict[str, int]:
    """Each heading style's id and its level ('Heading1': 2, a localised '1': 2; the Title 1)."""
    levels: dict[str, int] = {}
    for style in styles.iter(f"{_W}style") if styles is not None else ():
        name = style.find(f"{_W}name")
        shown = (name.get(f"{_W}val") or "").lower() if name is not None else ""
        found = re.fullmatch(r"heading ([1-6])", shown)
        if found or shown == "title":
            levels[style.get(f"{_W}styleId") or ""] = min(int(found.group(1)) + 1, 6) if found else 1
    return levels


def _text(element: ElementTree.Element) -> str:
    out: list[str] = []
    for node in element.iter():
        if node.tag == f"{_W}t" and node.text:
            out.append(node.text)
        elif node.tag == f"{_W}tab":
            out.append("\t")
        elif node.tag in (f"{_W}br", f"{_W}cr"):
            out.append(" ")
        elif node.tag == f"{_W}sym":
            out.append(_SYMBOLS.get((node.get(f"{_W}char") or "").upper(), ""))
    return "".join(out)


def _paragraph(p: ElementTree.Element, headings: dict[str, int]) -> str:
    text = _text(p).strip()
    style = p.find(f"{_W}pPr/{_W}pStyle")
    level = headings.get(style.get(f"{_W}val") or "", 0) if style is not None else 0
    listed = p.find(f"{_W}pPr/{_W}numPr/{_W}ilvl")
    if text and level:
        return "#" * level + " " + text
    if text and (listed is not None or p.find(f"{_W}pPr/{_W}numPr") is not None):
        depth = int(listed.get(f"{_W}val") or 0) if listed is not None else 0
        return "  " * min(depth, 8) + "- " + text
    return text


def _cell(cell: ElementTree.Element) -> str:
    return " ".join(" ".join(_text(p).split()) for p in cell.iter(f"{_W}p")).strip().replace("|", "\\|")


def _table(table: ElementTree.Element) -> list[str]:
    rows = [[_cell(cell) for cell in row.findall(f"{_W}tc")] for row in table.findall(f"{_W}tr")]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return ["", lines[0], "|" + " --- |" * width, *lines[1:], ""]


def docx_text(data: bytes) -> str | None:
    """The document's text as lines (see the module), or None when it is no Word document import can read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            document = _xml(archive, "word/document.xml")
            headings = _headings(_xml(archive, "word/styles.xml"))
    except (zipfile.BadZipFile, ElementTree.ParseError, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return None
    body = document.find(f"{_W}body") if document is not None else None
    if body is None:
        return None
    lines: list[str] = []
    for block in body:
        if block.tag == f"{_W}p":
            lines.append(_paragraph(block, headings))
        elif block.tag == f"{_W}tbl":
            lines += _table(block)
        elif block.tag == f"{_W}sdt":  # a content control around paragraphs: what it holds
            lines += [_paragraph(p, headings) for p in block.iter(f"{_W}p")]
    return "\n".join(lines) + "\n"
