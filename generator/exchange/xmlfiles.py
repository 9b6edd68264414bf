"""Checklists kept as XML, read safely: documents (DocBook, DITA), a Jira XML export, XML data (a standard's export
that mirrors its JSON), and the zipped XML of spreadsheets and OpenDocument text (.xlsx, .ods, .odt).

Every part is parsed by Python's expat with no entity declared: a part that declares one (a bomb's 'billion laughs',
an external entity) is not read; a document type named by its public id alone (DITA's, DocBook's) is, its DTD never
fetched, a named character reference it would define ('&nbsp;') read as HTML's. Nothing is fetched from a network.
"""

from __future__ import annotations

import csv
import html.entities
import io
import json
import re
import zipfile
from typing import Any
from xml.etree import ElementTree

from ..format.types import whole_number

LIMIT = 20_000_000  # a zipped part's XML, unpacked: no more is read (a zip bomb is refused)
_ROWS = 20_000  # a spreadsheet's rows and columns read at most (a repeated empty row of a million is none)


class _Stop(Exception):
    pass


def declares_entities(data: bytes, doctype: bool = False) -> bool:
    """Whether the XML declares an entity (or, unless ``doctype``, a document type at all), as the parser reads it in
    whatever encoding it is written; read up to the first element, which no declaration follows. An unreadable part
    declares one (it is not read).

    >>> declares_entities(b'<!DOCTYPE t [<!ENTITY a "aaaa">]><t>&a;</t>', doctype=True), declares_entities(b"<t/>")
    (True, False)
    >>> declares_entities(b'<!DOCTYPE task PUBLIC "-//OASIS//DTD DITA Task//EN" "task.dtd"><task/>', doctype=True)
    False
    """
    from xml.parsers import expat

    declared = False

    def stop(*_: object) -> None:
        raise _Stop

    def declaration(*_: object) -> None:
        nonlocal declared
        declared = True
        raise _Stop

    parser = expat.ParserCreate()
    if not doctype:
        parser.StartDoctypeDeclHandler = declaration
    parser.EntityDeclHandler = declaration
    parser.UnparsedEntityDeclHandler = declaration
    parser.StartElementHandler = stop
    try:
        parser.Parse(data, True)
    except _Stop:
        return declared
    except expat.ExpatError:
        return True
    return declared


_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_OWN = {"amp", "lt", "gt", "quot", "apos"}


def safe_root(data: bytes, doctype: bool = False) -> ElementTree.Element | None:
    """The XML's root element, or None where it declares an entity (see :func:`declares_entities`) or is no XML. A
    named character reference of HTML's ('&nbsp;', '&mdash;', which a DITA or DocBook DTD defines) is read as that
    character (its number), the DTD never read.

    >>> safe_root(b'<!DOCTYPE t PUBLIC "-//X//EN" "t.dtd"><t>a&nbsp;b</t>', doctype=True).text
    'a\\xa0b'
    >>> safe_root(b'<!DOCTYPE t [<!ENTITY a "aaaa">]><t>&a;</t>', doctype=True) is None
    True
    """
    if len(data) > LIMIT or declares_entities(data, doctype):
        return None

    def numbered(found: re.Match[bytes]) -> bytes:
        name = found.group(1).decode("ascii")
        if name in _XML_OWN or (name + ";") not in html.entities.html5:
            return found.group(0)
        return "".join(f"&#{ord(ch)};" for ch in html.entities.html5[name + ";"]).encode("ascii")

    if b"&" in data and b"<!DOCTYPE" in data[:4096]:
        data = re.sub(_NAMED.pattern.encode(), numbered, data)
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, ValueError):
        return None


def local(tag: object) -> str:
    """An element's name without its namespace ('{http://docbook.org/ns/docbook}para' is 'para')."""
    return tag.rsplit("}", 1)[-1].split(":")[-1].lower() if isinstance(tag, str) else ""


def _words(element: ElementTree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


# ---- documents: DocBook and DITA -------------------------------------------------------------------------------------

_SECTIONS = {"book", "article", "chapter", "section", "sect1", "sect2", "sect3", "sect4", "sect5", "simplesect", "appendix", "preface",
             "part", "refsection", "topic", "task", "concept", "reference", "troubleshooting", "glossentry", "bookmap", "map"}  # fmt: skip
_LISTS = {"itemizedlist": "-", "orderedlist": "1.", "ul": "-", "ol": "1.", "sl": "-", "steps": "1.", "steps-unordered": "-",
          "substeps": "1.", "procedure": "1.", "choices": "-", "simplelist": "-", "stepalternatives": "-", "checklist": "-",
          "check-list": "-"}  # fmt: skip
_ITEMS = {"listitem", "li", "sli", "step", "substep", "choice", "member", "item"}  # an 'item' only in a list ('<check-list>')
_CODE = {"programlisting", "screen", "codeblock", "pre", "literallayout", "synopsis", "msgblock"}
_TABLES = {"table", "informaltable", "simpletable", "properties"}
_ROW_TAGS = {"row", "strow", "sthead", "prophead", "property"}
_CELL_TAGS = {"entry", "stentry", "proptype", "propvalue", "propdesc"}
_SKIPPED = {"info", "prolog", "indexterm", "bookinfo", "articleinfo", "titleabbrev", "remark", "draft-comment", "related-links", "metadata"}
# A task's step: its command the item, what follows it (its info, example, result) its details.
_STEP_PARTS = {"cmd"}
DOCUMENT_TAGS = {"para", "simpara", "itemizedlist", "orderedlist", "listitem", "procedure", "step", "cmd", "steps", "taskbody", "conbody",
                 "refbody", "li", "ul", "ol", "sect1", "chapter", "check-list", "checklist"}  # fmt: skip


def is_document(root: ElementTree.Element) -> bool:
    """Whether the XML is a document (DocBook, DITA) rather than data: its root a section's, or a paragraph's or list's
    elements in it."""
    return local(root.tag) in _SECTIONS or any(local(e.tag) in DOCUMENT_TAGS for e in root.iter())


def _title(element: ElementTree.Element) -> ElementTree.Element | None:
    return next((c for c in element if local(c.tag) in ("title", "refname", "glossterm")), None)


def document_lines(root: ElementTree.Element) -> list[str]:
    """A DocBook or DITA document as the Markdown it means: each section's title a heading by its depth (the root's
    the title), paragraphs, lists nested (a procedure's and a task's steps numbered, a step's command the item and
    its info and result its details), code fenced, tables as tables.

    >>> root = ElementTree.fromstring(
    ...     '<task id="t"><title>Cut over</title><taskbody><prereq><p>Tell support.</p></prereq><steps>'
    ...     '<step><cmd>Lower the TTL.</cmd><info>Two hours before.</info></step>'
    ...     '<step><cmd>Switch DNS.</cmd><substeps><substep><cmd>Check it.</cmd></substep></substeps></step>'
    ...     '</steps></taskbody></task>')
    >>> document_lines(root)
    ['# Cut over', '', 'Tell support.', '', '1. Lower the TTL.', '', '   Two hours before.', '', '1. Switch DNS.', '   1. Check it.', '']
    """
    out: list[str] = []
    _block(root, 0, "", out)
    return out


def _block(element: ElementTree.Element, depth: int, indent: str, out: list[str]) -> None:
    name = local(element.tag)
    if name in _SKIPPED or name == "title" or isinstance(element.tag, str) is False:
        return
    if name in _SECTIONS:
        title = _title(element)
        if title is not None and _words(title):
            out += [f"{'#' * min(depth + 1, 6)} {_words(title)}", ""]
        for child in element:
            if child is not title:
                _block(child, depth + 1, indent, out)
        return
    if name == "section" or (_title(element) is not None and name not in _LISTS and name not in _TABLES):
        title = _title(element)
        if title is not None and _words(title):
            out += [f"{'#' * min(depth + 1, 6)} {_words(title)}", ""]
        for child in element:
            if child is not title:
                _block(child, depth + 1, indent, out)
        return
    if name in _LISTS:
        for item in element:
            if local(item.tag) in _ITEMS:
                _item(item, _LISTS[name], depth, indent, out)
            elif local(item.tag) not in ("title",):
                _block(item, depth, indent, out)
        if not indent:
            out.append("")
        return
    if name in _CODE:
        fence = "```"
        out += [f"{indent}{fence}", *(indent + line for line in "".join(element.itertext()).strip("\n").split("\n")), f"{indent}{fence}", ""]
        return
    if name in _TABLES:
        out += _table(element, indent)
        return
    children = [c for c in element if isinstance(c.tag, str)]
    if children and all(local(c.tag) not in _INLINE for c in children) and not (element.text or "").strip():
        for child in children:
            _block(child, depth, indent, out)
        return
    words = _words(element)
    if words:
        out += [indent + words, ""]


_INLINE = {"emphasis", "b", "i", "u", "codeph", "code", "literal", "filename", "command", "option", "uicontrol", "wintitle", "menucascade",
           "xref", "link", "ulink", "ph", "term", "keyword", "varname", "userinput", "systemoutput", "parmname", "apiname", "guilabel",
           "guibutton", "guimenu", "replaceable", "quote", "citetitle", "tm", "sup", "sub", "q", "cite", "abbrev", "acronym", "tt"}  # fmt: skip


def _item(item: ElementTree.Element, marker: str, depth: int, indent: str, out: list[str]) -> None:
    """A list item: its first paragraph (or a step's command, or its own words) the item's line, then its other
    blocks indented under it."""
    inner = indent + " " * (len(marker) + 1)
    parts = [c for c in item if isinstance(c.tag, str)]
    lead = (item.text or "").strip()
    first = next((c for c in parts if local(c.tag) in _STEP_PARTS), None)
    if first is None and not lead and parts and local(parts[0].tag) in ("para", "simpara", "p", "cmd", "shortdesc"):
        first = parts[0]
    if lead or (parts and all(local(c.tag) in _INLINE for c in parts)):
        out.append(f"{indent}{marker} {_words(item)}")
        return
    out.append(f"{indent}{marker} {_words(first) if first is not None else ''}".rstrip())
    rest = [c for c in parts if c is not first]
    for child in rest:
        if local(child.tag) in _LISTS:
            _block(child, depth, inner, out)
        elif local(child.tag) == "info":  # a DITA step's info (DocBook's <info> is a section's metadata)
            out += ["", inner + _words(child), ""] if _words(child) else []
        else:
            out.append("")
            _block(child, depth, inner, out)


def _table(element: ElementTree.Element, indent: str) -> list[str]:
    rows = [[" ".join(_words(c).split()).replace("|", "\\|") for c in row if local(c.tag) in _CELL_TAGS]
            for row in element.iter() if local(row.tag) in _ROW_TAGS]  # fmt: skip
    rows = [r for r in rows if r]
    if not rows:
        return []
    width = max(len(r) for r in rows)
    lines = [indent + "| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
    return ["", lines[0], indent + "|" + " --- |" * width, *lines[1:], ""]


# ---- a Jira XML export (its RSS of issues) ---------------------------------------------------------------------------


def jira_rss(root: ElementTree.Element) -> dict[str, Any] | None:
    """A Jira XML export ('Export XML' of a search: an RSS channel of items, each its key, summary, status and
    statusCategory, priority, assignee, due date, type and sub-tasks) as the JSON export's issues, which import reads;
    a sub-task its parent's, with its own fields. None where the XML is no such export.

    >>> rss = ElementTree.fromstring('<rss><channel><item><key>OPS-1</key><summary>Cut over</summary>'
    ...     '<status>Done</status><statusCategory key="done"/><subtasks><subtask>OPS-2</subtask></subtasks></item>'
    ...     '<item><key>OPS-2</key><summary>Lower the TTL</summary><status>Open</status><parent>OPS-1</parent></item></channel></rss>')
    >>> [(i["key"], i["fields"]["summary"], [s["key"] for s in i["fields"]["subtasks"]]) for i in jira_rss(rss)["issues"]]
    [('OPS-1', 'Cut over', ['OPS-2']), ('OPS-2', 'Lower the TTL', [])]
    """
    if local(root.tag) != "rss":
        return None
    items = [e for e in root.iter() if local(e.tag) == "item" and any(local(c.tag) == "key" for c in e)]
    if not items:
        return None
    issues: dict[str, dict[str, Any]] = {}
    for item in items:
        field = {local(c.tag): c for c in item}
        key = _words(field["key"])

        def said(name: str, field: dict[str, ElementTree.Element] = field) -> str:
            found = field.get(name)
            return _words(found) if found is not None else ""

        fields: dict[str, Any] = {"summary": said("summary") or re.sub(r"^\[[^\]]*\]\s*", "", said("title"))}
        category = field.get("statuscategory")
        fields["status"] = {"name": said("status"), **({"statusCategory": {"key": category.get("key", "")}} if category is not None else {})}
        if said("resolution") and said("resolution").lower() not in ("unresolved", "") and category is None:
            fields["status"]["statusCategory"] = {"key": "done"}
        for name, key_name, shape in (("priority", "priority", "name"), ("assignee", "assignee", "displayName"), ("type", "issuetype", "name")):
            if said(name) and said(name).lower() != "unassigned":
                fields[key_name] = {shape: said(name)}
        if said("due"):
            fields["duedate"] = said("due")
        if said("description"):
            fields["description"] = " ".join(re.sub(r"<[^>]*>", " ", html.unescape(said("description"))).split())
        if said("parent"):
            fields["parent"] = {"key": said("parent")}
        subtasks = field.get("subtasks")
        fields["subtasks"] = [_words(s) for s in subtasks if local(s.tag) == "subtask"] if subtasks is not None else []
        issues[key] = {"key": key, "fields": fields}
    for issue in issues.values():
        issue["fields"]["subtasks"] = [issues.get(k, {"key": k, "fields": {"summary": k}}) for k in issue["fields"]["subtasks"]]
    channel = next((e for e in root.iter() if local(e.tag) == "channel"), None)
    title = next((_words(c) for c in channel if local(c.tag) == "title"), "") if channel is not None else ""
    return {**({"title": title} if title else {}), "issues": list(issues.values())}


# ---- data: XML that mirrors JSON -------------------------------------------------------------------------------------

_ITEMISH = {"item", "entry", "row", "record", "task", "element", "value", "requirement", "check", "control"}


def _listed(element: ElementTree.Element) -> bool:
    names = [c.tag.rsplit("}", 1)[-1] for c in element if isinstance(c.tag, str)]
    return bool(names) and len(set(names)) == 1 and (len(names) > 1 or names[0].lower() in _ITEMISH) and not element.attrib


def as_data(element: ElementTree.Element, lists: frozenset[str] | None = None) -> Any:
    """XML data as the JSON it mirrors: an element of text its text; one whose children share a name (several, or an
    'item' of its own) a list; any other a mapping of its children by name (a name repeated a list), its attributes
    keys too. A standard's XML export (ASVS ships it beside its JSON) reads as its JSON does.

    >>> as_data(ElementTree.fromstring('<root><Name>ASVS</Name><Items><item><Id>V1</Id></item></Items></root>'))
    {'Name': 'ASVS', 'Items': [{'Id': 'V1'}]}
    >>> as_data(ElementTree.fromstring('<r><s><Items><item>a</item><item>b</item></Items></s><s><Items/></s></r>'))
    [{'Items': ['a', 'b']}, {'Items': []}]
    """
    if lists is None:  # an empty element of a name that is a list elsewhere is an empty list ('<Items></Items>', JSON's [])
        lists = frozenset(e.tag for e in element.iter() if isinstance(e.tag, str) and _listed(e))
    children = [c for c in element if isinstance(c.tag, str)]
    attributes = {local(k): v for k, v in element.attrib.items()}
    if not children:
        text = " ".join((element.text or "").split())
        if not text and not attributes and element.tag in lists:
            return []
        return {**attributes, "text": text} if attributes and text else attributes or text
    names = [c.tag.rsplit("}", 1)[-1] for c in children]
    if _listed(element):
        return [as_data(c, lists) for c in children]
    found: dict[str, Any] = dict(attributes)
    for name, child in zip(names, children, strict=True):
        value = as_data(child, lists)
        if names.count(name) > 1:
            found.setdefault(name, []).append(value)
        else:
            found[name] = value
    return found


def data_lines(root: ElementTree.Element) -> list[str]:
    """XML data as JSON lines, which import's data reader reads (a Jira XML export as its JSON export's issues)."""
    tree = jira_rss(root) or as_data(root)
    return json.dumps(tree, indent=1, ensure_ascii=False).split("\n")


# ---- zipped XML: spreadsheets and OpenDocument text ------------------------------------------------------------------

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _part(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return safe_root(archive.read(info)) if info.file_size <= LIMIT else None


def _column(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference.upper())
    number = 0
    for ch in letters.group(0) if letters else "A":
        number = number * 26 + ord(ch) - 64
    return number - 1


_HYPERLINK = re.compile(r'HYPERLINK\(\s*"([^"]*)"\s*[,;]\s*"([^"]*)"\s*\)', re.I)  # the formula's '=' and spaces taken off first


def _hyperlink(formula: str) -> str:
    """What a HYPERLINK formula shows, where the sheet keeps no value for it (a generated sheet's): its words, a link
    to its address where that is a web address.

    >>> _hyperlink('HYPERLINK("https://x.test/a", "Fingerprint the server")'), _hyperlink("SUM(A1:A3)")
    ('[Fingerprint the server](https://x.test/a)', '')
    """
    found = _HYPERLINK.fullmatch(formula.strip().removeprefix("=").lstrip())  # ('\s*=?\s*' in it: a run of spaces read in time its square)
    if found is None:
        return ""
    address, words = found.group(1).strip(), " ".join(found.group(2).split())
    return f"[{words}]({address})" if words and re.match(r"https?://[^\s()<>]+$", address) else words or address


def _xlsx_sheets(archive: zipfile.ZipFile) -> list[tuple[str, list[list[str]]]]:
    book = _part(archive, "xl/workbook.xml")
    if book is None:
        return []
    links = _part(archive, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): (r.get("Target") or "").lstrip("/") for r in (links if links is not None else [])}
    strings_root = _part(archive, "xl/sharedStrings.xml")
    strings = ["".join(t.text or "" for t in si.iter(f"{_S}t")) for si in (strings_root if strings_root is not None else [])]
    sheets = []
    for sheet in book.iter(f"{_S}sheet"):
        target = targets.get(sheet.get(f"{_R}id"), "")
        root = _part(archive, target if target.startswith("xl/") else "xl/" + target) if target else None
        if root is None:
            continue
        rows: list[list[str]] = []
        for row in root.iter(f"{_S}row"):
            cells: list[str] = []
            for cell in row.iter(f"{_S}c"):
                at = min(_column(cell.get("r") or "A"), _ROWS) if cell.get("r") else len(cells)
                kind, value = cell.get("t"), cell.find(f"{_S}v")
                text = value.text or "" if value is not None else ""
                shared = whole_number(text, len(strings) - 1) if kind == "s" else None
                if shared is not None:
                    text = strings[shared]
                elif kind == "inlineStr":
                    text = "".join(t.text or "" for t in cell.iter(f"{_S}t"))
                elif kind == "b":
                    text = "TRUE" if text == "1" else "FALSE"
                if not text and (formula := cell.find(f"{_S}f")) is not None:
                    text = _hyperlink(formula.text or "")
                cells += [""] * (at - len(cells))
                cells.append(text)
            number = whole_number(row.get("r") or "", _ROWS) or len(rows) + 1
            rows += [[] for _ in range(min(number, _ROWS) - 1 - len(rows))]
            rows.append(cells)
            if len(rows) >= _ROWS:
                break
        sheets.append((sheet.get("name") or "", rows))
    return sheets


def _count(said: str | None) -> int:
    """A repeat count of OpenDocument's ('number-rows-repeated'): 1 unless given, at most the rows read."""
    return min(whole_number(said or "", 10**9) or 1, _ROWS)


def _ods_sheets(content: ElementTree.Element) -> list[tuple[str, list[list[str]]]]:
    sheets = []
    for table in content.iter(f"{_TABLE}table"):
        rows: list[list[str]] = []
        for row in table.iter(f"{_TABLE}table-row"):
            cells: list[str] = []
            for cell in row:
                if cell.tag not in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
                    continue
                text = "\n".join(" ".join("".join(p.itertext()).split()) for p in cell.iter(f"{_TEXT}p"))
                repeat = _count(cell.get(f"{_TABLE}number-columns-repeated")) if text else 1
                cells += [text] * repeat
            while cells and not cells[-1]:
                cells.pop()
            repeat = _count(row.get(f"{_TABLE}number-rows-repeated")) if cells else 1
            rows += [cells] * repeat
            if len(rows) >= _ROWS:
                break
        sheets.append((table.get(f"{_TABLE}name") or "", rows))
    return sheets


def spreadsheet_csv(sheets: list[tuple[str, list[list[str]]]]) -> str | None:
    """A spreadsheet's rows as CSV, which import reads as a CSV file's: its first sheet with a head and a row; where
    several sheets share one head, every sheet, a 'Section' column of its name first (a sheet for each phase).
    None where no sheet has a row under a head.

    >>> print(spreadsheet_csv([("Before", [["Task", "Done"], ["Back up", "x"]]), ("After", [["Task", "Done"], ["Tell", ""]])]), end="")
    Section,Task,Done
    Before,Back up,x
    After,Tell,
    """
    trimmed = []
    for name, rows in sheets:
        while rows and not any(rows[-1]):
            rows = rows[:-1]
        if len([r for r in rows if any(r)]) >= 2:
            trimmed.append((name, rows))
    if not trimmed:
        return None
    head = [h.strip().lower() for h in next(r for r in trimmed[0][1] if any(r))]
    same = len(trimmed) > 1 and all([h.strip().lower() for h in next(r for r in rows if any(r))] == head for _, rows in trimmed)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if same and "section" not in head:
        writer.writerow(["Section", *next(r for r in trimmed[0][1] if any(r))])
        for name, rows in trimmed:
            body = rows[rows.index(next(r for r in rows if any(r))) + 1 :]
            writer.writerows([name, *r] if any(r) else [] for r in body)
    else:
        writer.writerows(trimmed[0][1])
    return out.getvalue()


def _odt_lines(body: ElementTree.Element) -> list[str]:
    out: list[str] = []

    def words(element: ElementTree.Element) -> str:
        return " ".join("".join(element.itertext()).split())

    def walk(element: ElementTree.Element, depth: int) -> None:
        for child in element:
            if child.tag == f"{_TEXT}h":
                level = whole_number(child.get(f"{_TEXT}outline-level") or "", 10) or 1
                out.extend([f"{'#' * min(level + 1, 6)} {words(child)}", ""] if words(child) else [])
            elif child.tag == f"{_TEXT}p":
                out.extend([words(child), ""] if words(child) else [])
            elif child.tag == f"{_TEXT}list":
                for item in child:
                    if item.tag not in (f"{_TEXT}list-item", f"{_TEXT}list-header"):
                        continue
                    paragraphs = [p for p in item if p.tag in (f"{_TEXT}p", f"{_TEXT}h")]
                    if paragraphs and words(paragraphs[0]):
                        out.append("  " * depth + "- " + words(paragraphs[0]))
                    for inner in item:
                        if inner.tag == f"{_TEXT}list":
                            walk_list(inner, depth + 1)
                if depth == 0:
                    out.append("")
            elif child.tag == f"{_TABLE}table":
                rows = [[words(c).replace("|", "\\|") for c in r if c.tag == f"{_TABLE}table-cell"] for r in child.iter(f"{_TABLE}table-row")]
                rows = [r for r in rows if any(r)]
                if rows:
                    width = max(len(r) for r in rows)
                    lines = ["| " + " | ".join(r + [""] * (width - len(r))) + " |" for r in rows]
                    out.extend(["", lines[0], "|" + " --- |" * width, *lines[1:], ""])
            elif child.tag in (f"{_TEXT}section", f"{_TEXT}soft-page-break") or child.tag.startswith(_TEXT):
                walk(child, depth)

    def walk_list(element: ElementTree.Element, depth: int) -> None:
        holder = ElementTree.Element("holder")
        holder.append(element)
        walk(holder, depth)

    walk(body, 0)
    return out


def zipped_text(data: bytes) -> tuple[str, str] | None:
    """A zipped XML file's text and the suffix to read it as: a spreadsheet's (.xlsx, .ods) rows as CSV, an
    OpenDocument text's (.odt) paragraphs, headings, lists and tables as Markdown. None where it is neither (or
    damaged, or declares an entity)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                found = spreadsheet_csv(_xlsx_sheets(archive))
                return (found, ".csv") if found is not None else None
            content = _part(archive, "content.xml") if "content.xml" in names else None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return None
    if content is None:
        return None
    spreadsheet = content.find(f"{_OFFICE}body/{_OFFICE}spreadsheet")
    if spreadsheet is not None:
        found = spreadsheet_csv(_ods_sheets(spreadsheet))
        return (found, ".csv") if found is not None else None
    text = content.find(f"{_OFFICE}body/{_OFFICE}text")
    return ("\n".join(_odt_lines(text)) + "\n", ".md") if text is not None else None
