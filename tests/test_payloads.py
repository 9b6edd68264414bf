"""Script payloads in every field of every file kind, and in file names: refused with a located error, or shown as text.

The documents are made by walking the format declaration (the model's ``declared`` attributes, as Specs), so a
field added later is covered without anyone listing it here. Each (field, payload) case is
checked in-process; the payloads that pass ``check`` are then built together, once per session,
into one real MkDocs site that the post-build scan, an HTML parser and Chromium examine.
"""

from __future__ import annotations

import copy
import csv
import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.exchange.export import as_csv
from generator.format import types as t
from generator.format.model import Data
from generator.format.schema import CHECKLIST, FILE_KINDS, RUNBOOKS, STATUS, Spec
from generator.format.validate import check_runbooks, check_status, load_all, load_data_file

from .conftest import TABS, loaded, make_project, run_cli, serve_dir
from .htmltree import parse

# The classes of OWASP's XSS filter-evasion cheat sheet, and Markdown's own tricks. The second
# element is what must show as text when the payload is accepted (None: only rejection is right).
PAYLOADS: list[tuple[str, str]] = [
    ("script-tag", "<script>alert('p1')</script>"),
    ("img-onerror", "<img src=x onerror=alert('p2')>"),
    ("svg-onload", "<svg/onload=alert('p3')>"),
    ("mixed-case-scheme-tag", "<IMG SRC=JaVaScRiPt:alert('p4')>"),
    ("entity-scheme-tag", '<a href="&#106;avascript:alert(5)">p5</a>'),
    ("attribute-breakout", "\"><script>alert('p6')</script>"),
    ("comment-breakout", "--><script>alert('p7')</script><!--"),
    ("iframe-srcdoc", "<iframe srcdoc=\"<script>alert('p8')</script>\"></iframe>"),
    ("details-ontoggle", "<details open ontoggle=alert('p9')>"),
    ("md-link", "[p10](javascript:alert(10))"),
    ("md-link-mixed-case", "[p11](JaVaScRiPt:alert(11))"),
    ("md-link-entity", "[p12](&#x6A;avascript:alert(12))"),
    ("md-link-tab", "[p13](java&#9;script:alert(13))"),
    ("md-link-space", "[p14](javascript:alert(1 + 14))"),
    ("md-link-pointy", "[p15](<javascript:alert(15)>)"),
    ("md-image", "![p16](javascript:alert(16))"),
    ("md-vbscript", "[p17](vbscript:msgbox(17))"),
    ("md-data", "[p18](data:text/html;base64,PHNjcmlwdD5hbGVydCgxOCk8L3NjcmlwdD4=)"),
    ("md-autolink", "<javascript:alert(19)>"),
    ("md-reference", "[p20][r]\n\n[r]: javascript:alert(20)"),
    ("md-reference-cr", "[p21][r]\r[r]: javascript:alert(21)"),
    ("md-link-line-break", "[p22](java\nscript:alert(22))"),
    ("md-attr-list", "p23 {: onclick=alert('p23') }"),
    ("md-heading-attr", "# p24 {#evil onclick=alert(24)}"),
    ("md-code-span", "`<script>alert('p25')</script>`"),
    ("md-indented-fence", "p26\n\n    ```\n<img src=x onerror=alert('p26')>"),
    ("md-fence", "```html\n<script>alert('p27')</script>\n```"),
    ("md-unclosed-tilde-fence", "~~~\n<img src=x onerror=alert('p28')>"),
    ("md-fence-attributes", "``` { .x onclick=alert(29) }\np29\n```"),
    ("md-nested-fence", "- p30\n\n    ```\n    <img src=x onerror=alert('p30')>\n    ```\n\n> ```\n> <img src=x onerror=alert('p30b')>"),
    ("md-html-comment", "<!-- p31 --><img src=x onerror=alert('p31')>"),
    ("md-raw-block", "<div markdown=\"1\">\n<img src=x onerror=alert('p32')>\n</div>"),
    ("ansi", "p33 \x1b[31mred"),
    ("bidi", "p34 \u202etxt.exe"),
    ("formula", '=HYPERLINK("https://evil.example","p35")'),
    # Places outside the content: the head (<title>), raw-text elements, CSS strings in print styles, script JSON.
    ("title-breakout", "</title><script>alert('p36')</script>"),
    ("textarea-breakout", "</textarea><img src=x onerror=alert('p37')>"),
    ("style-breakout", "</style><script>alert('p38')</script>"),
    ("css-string-breakout", '"; } body { background: url(https://evil.example/p39) } x { content: "'),
    ("escaped-entities", "&lt;/title&gt;&lt;script&gt;alert('p40')&lt;/script&gt;"),
    ("script-json-breakout", "</script><!--<script>alert('p41')</script>"),
]
IDS = [name for name, _ in PAYLOADS]
ALLOWED_TEXT = {t.InlineMarkdown, t.MarkdownBlock, t.PlainText}


# ---- documents made from the declaration -------------------------------------------------------


class Doc:
    """A valid set of files (checklist, runbooks, status) with every field of every spec present."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.counter = itertools.count(1)

    def ident(self) -> str:
        return f"{self.prefix}-{next(self.counter)}"

    def value(self, spec: Spec, field: t.Field) -> Any:
        kind = field.type
        if isinstance(kind, t.Id):
            return self.ident()
        if isinstance(kind, t.Line):
            return f"{self.prefix} {spec.name} {field.name}"  # unique: some names (alarm names) must be
        if isinstance(kind, t.Markdown):
            return f"The {spec.name} {field.name}."
        if isinstance(kind, t.UrlType):
            return "https://example.com/dashboard"
        if isinstance(kind, t.AddressType):
            return kind.example  # tel:, https: or mailto:, as the field wants
        if isinstance(kind, t.VarName):
            return f"{self.prefix}_VAR".replace("-", "_").upper()  # unique: documents are merged, and a name is declared once
        if isinstance(kind, t.PeriodType):
            return "3 months"
        if isinstance(kind, t.Bool):
            return field.name != "alarm"  # an alarm needs its runbook: files() makes one
        if isinstance(kind, t.Date):
            return "2026-01-12"
        if isinstance(kind, t.Choice):
            return kind.choices[0]
        if isinstance(kind, t.Ids):
            return [self.ident()] if field.name == "former_ids" else []
        if isinstance(kind, t.Lines):
            return [f"{self.prefix} {spec.name} {field.name}"]
        if isinstance(kind, t.List):
            return [self.mapping(kind.spec)]
        if isinstance(kind, t.Object):
            return self.mapping(kind.spec)
        if isinstance(kind, t.IdMap):
            return {}  # filled with real ids by files()
        raise AssertionError(f"the payload test does not know how to fill {type(kind).__name__}: teach Doc.value")

    def mapping(self, spec: Spec) -> dict[str, Any]:
        # A spec holding itself (an item's sub-items) is left out once: the item's fields are covered.
        return {f.name: self.value(spec, f) for f in spec.fields if not (isinstance(f.type, t.List) and f.type.spec is spec)}

    def files(self) -> dict[str, dict[str, Any]]:
        checklist = self.mapping(CHECKLIST)
        checklist["id"] = self.prefix
        item = checklist["sections"][0]["groups"][0]["items"][0]
        item["alarm"] = True
        runbooks = self.mapping(RUNBOOKS)
        runbooks["checklist"] = self.prefix
        runbooks["runbooks"][0].update(item=item["id"], related=[item["id"]])
        status = self.mapping(STATUS)
        status["checklist"] = self.prefix
        group = checklist["sections"][0]["groups"][0]
        role = checklist["final_signoff"]["approval"]["roles"][0]
        status["items"] = {item["id"]: {f.name: self.value(STATUS, f) for f in _spec(STATUS, "items").fields}}
        status["items"][item["id"]].update(state="waived", reason="The reason.", approver="An approver", by="Someone")
        status["signoffs"] = {group["id"]: {f.name: self.value(STATUS, f) for f in _spec(STATUS, "signoffs").fields}}
        status["approvals"] = {role["id"]: {**{f.name: self.value(STATUS, f) for f in _spec(STATUS, "approvals").fields}, "decision": "no-go"}}
        status["decision"]["decision"] = "no-go"
        return {"checklist": checklist, "runbooks": runbooks, "status": status}


def _spec(parent: Spec, name: str) -> Spec:
    field = parent.field(name)
    assert field is not None
    return field.type.specs()[0]


def places(doc: dict[str, Any], spec: Spec, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Spec, t.Field]]:
    """(path to a mapping, its spec, a field) for one mapping of every spec in a document: every field of the format."""
    seen: set[str] = set()

    def visit(node: Any, spec: Spec, path: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Spec, t.Field]]:
        if spec.name in seen or not isinstance(node, dict):
            return
        seen.add(spec.name)
        for field in spec.fields:
            yield path, spec, field
        for field in spec.fields:
            inner = field.type.specs()
            value = node.get(field.name)
            if not inner or value is None:
                continue
            if isinstance(value, list):
                yield from (p for child_index, child in enumerate(value[:1]) for p in visit(child, inner[0], (*path, field.name, child_index)))
            elif isinstance(value, dict) and isinstance(field.type, t.IdMap):
                yield from (p for key in list(value)[:1] for p in visit(value[key], inner[0], (*path, field.name, "*")))
            else:
                yield from visit(value, inner[0], (*path, field.name))

    yield from visit(doc, spec, path)


def cases() -> dict[tuple[str, tuple[Any, ...], str], t.Field]:
    """(file kind, path, field name) -> the field, for every field of every file kind."""
    out = {}
    files = Doc("base").files()
    for (_, root), kind in zip(FILE_KINDS, ("checklist", "runbooks", "status"), strict=True):
        for path, _, field in places(files[kind], root):
            out[kind, path, field.name] = field
    return out


CASES = cases()
TEXTUAL = {case: isinstance(field.type, (t.Line, t.Markdown, t.Lines)) for case, field in CASES.items()}


def put(files: dict[str, Any], kind: str, path: tuple[Any, ...], name: str, value: Any) -> None:
    node = files[kind]
    for step in path:
        node = next(iter(node.values())) if step == "*" else node[step]  # "*": the first entry of an id map
    node[name] = value


def write(folder: Path, files: dict[str, Any], names: dict[str, str] | None = None, only: str | None = None) -> list[tuple[Path, str]]:
    """The files as YAML (JSON is YAML, and quick to write: control characters go in as \\u escapes)."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for kind, doc in files.items():
        name = (names or {}).get(kind, f"{kind}.yaml")
        path = folder / name
        if only in (None, kind):
            path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
        out.append((path, f"data/{name}"))
    return out


# ---- check: every field, every payload ---------------------------------------------------------


def test_every_field_of_every_file_kind_is_covered() -> None:
    declared = {
        (kind, spec.name, f.name)
        for (_, root), kind in zip(FILE_KINDS, ("checklist", "runbooks", "status"), strict=True)
        for spec in t.walk(root)
        for f in spec.fields
    }
    files = Doc("base").files()
    walked = {
        (kind, spec.name, field.name)
        for (_, root), kind in zip(FILE_KINDS, ("checklist", "runbooks", "status"), strict=True)
        for _, spec, field in places(files[kind], root)
    }
    assert walked == declared
    assert len(declared) > 100


def test_the_base_documents_are_valid(tmp_path: Path) -> None:
    data, issues = load_all(write(tmp_path, Doc("base").files()))
    assert issues == [], "\n".join(i.format() for i in issues)
    assert len(data.checklists) == len(data.runbook_sets) == len(data.statuses) == 1


_SLOT = "payload-slot"
_SLOT_JSON = json.dumps(_SLOT)


def _with_slot(base: dict[str, Any], kind: str, path: tuple[Any, ...], field: str) -> str:
    """The file ``write`` writes for ``kind`` with a marker in ``field``: each payload goes in its place (json.dumps of a
    string is what the indented dump writes of it), the file byte for byte the one written with the payload put there.
    One dump per field instead of a copy of the document and a dump per payload and field (a third of the cases' time)."""
    files = {kind: copy.deepcopy(base[kind])}
    put(files, kind, path, field, _SLOT)
    text = json.dumps(files[kind], indent=1)
    assert text.count(_SLOT_JSON) == 1, (kind, path, field)
    return text


def test_a_payload_put_in_its_slot_is_the_file_written_with_the_payload() -> None:
    base = Doc("base").files()
    for (kind, path, field), (_, payload) in zip(CASES, itertools.cycle(PAYLOADS)):
        files = {kind: copy.deepcopy(base[kind])}
        put(files, kind, path, field, payload)
        assert _with_slot(base, kind, path, field).replace(_SLOT_JSON, json.dumps(payload)) == json.dumps(files[kind], indent=1), (kind, path, field)


@pytest.fixture(scope="session")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str, tuple[Any, ...], str], list]:
    """For each payload and field: the issues `check` reports ([] when the payload is accepted)."""
    folder = tmp_path_factory.mktemp("cases")
    out = {}
    base = Doc("base").files()
    paths = dict(zip(base, write(folder, base), strict=True))
    loaded = {kind: load_data_file(*paths[kind])[0] for kind in base}
    slots = {case: _with_slot(base, *case) for case in CASES}
    for (name, payload), (kind, path, field) in itertools.product(PAYLOADS, CASES):
        if not TEXTUAL[kind, path, field] and name not in IDS[:3]:
            continue  # a number, date, id, list or mapping refuses every text alike: three payloads say so
        paths[kind][0].write_text(slots[kind, path, field].replace(_SLOT_JSON, json.dumps(payload)), encoding="utf-8")
        one, issues = load_data_file(*paths[kind])
        if not issues:  # the cross-file rules of load_all, with the other two files as they were
            mine = {**loaded, kind: one}
            data = Data((mine["checklist"],), mine["runbooks"].runbooks, (mine["runbooks"],), (mine["status"],))
            issues = [*check_runbooks(data), *check_status(data)]
        out[name, kind, path, field] = issues  # the next case writes its file whole: no need to put this one back
    return out


@pytest.mark.parametrize("name", IDS)
def test_each_payload_in_each_field_is_refused_with_a_location_or_accepted_as_text(name: str, outcomes: dict) -> None:
    for (payload, kind, path, field), issues in outcomes.items():
        if payload != name:
            continue
        for issue in issues:
            assert issue.loc.line > 0 and issue.loc.column > 0 and issue.hint, (kind, path, field, issue.format())
            assert issue.loc.file.startswith("data/"), issue.format()


def test_script_links_are_refused_in_every_markdown_field(outcomes: dict) -> None:
    markdown_fields = {
        (kind, path, f.name)
        for (_, root), kind in zip(FILE_KINDS, ("checklist", "runbooks", "status"), strict=True)
        for path, _, f in places(Doc("base").files()[kind], root)
        if getattr(f.type, "kind", None) in (t.InlineMarkdown, t.MarkdownBlock) or isinstance(f.type, t.Markdown)
    }
    assert len(markdown_fields) > 30
    for name in (
        "md-link",
        "md-link-mixed-case",
        "md-link-entity",
        "md-link-tab",
        "md-link-space",
        "md-image",
        "md-vbscript",
        "md-data",
        "md-autolink",
        "md-reference",
        "md-link-pointy",
    ):
        for kind, path, field in markdown_fields:
            issues = outcomes[name, kind, path, field]
            assert issues, f"{name} accepted in {kind} {path} {field}"
            assert any("links to '" in i.message and "addresses are not allowed" in i.message for i in issues) or "spans several lines" in issues[0].message, (
                issues[0].format()
            )


def test_one_line_texts_refuse_control_characters_and_direction_overrides(outcomes: dict) -> None:
    for (name, kind, path, field), issues in outcomes.items():
        if name in ("ansi", "bidi", "md-reference-cr"):
            assert issues, (name, kind, path, field)


def accepted(outcomes: dict, name: str) -> list[tuple[str, tuple[Any, ...], str]]:
    return [(kind, path, field) for (payload, kind, path, field), issues in outcomes.items() if payload == name and not issues]


def placed(outcomes: dict) -> list[str]:
    """The payloads some field accepts: each has a document of its own in the payload site (the others, refused
    everywhere, are proved by their issues alone)."""
    names = [name for name in IDS if accepted(outcomes, name)]
    assert len(names) >= 30, names
    return names


# ---- build: everything accepted, together, once ------------------------------------------------

FILE_NAME_PAYLOADS = [
    "\"><img src=x onerror=alert('f1')>",
    "--><img src=x onerror=alert('f2')><!--",
    "`<img src=x onerror=alert('f3')>`",
    "a\nsource: evil",
    "x'; alert('f5')",
    "n\ntemplate: redirect.html\nlocation: javascript:alert('f6')",
    "x -->\n---\ntitle: f7\u2028\u0085",
]


GROUPS = 5  # checklists in the payload site: payloads n, n + 5, n + 10, ... share checklist g{n}


def group_of(number: int) -> int:
    return number % GROUPS


def merged(members: list[dict[str, Any]], spec: Spec) -> dict[str, Any]:
    """Several documents of one file kind as one: every list and id map holds the entries of all of
    them; a one-line text the members' texts side by side, so each payload keeps its place (and its
    marker, p1 ... p35); any other single value is the first member's."""
    out = dict(members[0])
    for field in spec.fields:
        values = [m[field.name] for m in members if field.name in m]
        if not values:
            continue
        if isinstance(field.type, (t.List, t.Lines, t.Ids)):
            out[field.name] = [v for value in values for v in value]
        elif isinstance(field.type, t.IdMap):
            out[field.name] = {k: v for value in values for k, v in value.items()}
        elif isinstance(field.type, t.Object):
            out[field.name] = merged(values, field.type.spec)
        elif isinstance(field.type, t.Line):
            out[field.name] = " ".join(dict.fromkeys(values))
    return out


@pytest.fixture(scope="session")
def payload_project(outcomes: dict, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project of a few checklists, each with runbooks and status, holding the payloads of its
    group (:data:`GROUPS`): each payload, in a document of its own ids, in every field that accepts it (a payload
    that every field refuses has none: its document would hold nothing the others do not, in pages of its own)."""
    project = make_project(tmp_path_factory.mktemp("payload-site") / "p", data=Path(__file__).parent / "fixtures" / "mini" / "mini.yaml")
    (project / "data" / "mini.yaml").unlink()
    (project / "docs" / "index.md").write_text("# Payloads\n", encoding="utf-8")
    members: dict[int, list[dict[str, Any]]] = {}
    for number, (name, _) in enumerate(PAYLOADS):
        if not accepted(outcomes, name):
            continue
        files = Doc(f"p{number}").files()
        for kind, path, field in accepted(outcomes, name):
            put(files, kind, path, field, dict(PAYLOADS)[name])
        members.setdefault(group_of(number), []).append(files)
    for group, docs in members.items():
        files = {kind: merged([d[kind] for d in docs], root) for (_, root), kind in zip(FILE_KINDS, ("checklist", "runbooks", "status"), strict=True)}
        files["checklist"]["id"] = files["runbooks"]["checklist"] = files["status"]["checklist"] = f"g{group}"
        # Every name of FILE_NAME_PAYLOADS is used: checklists take them from the third on, runbook and status files from the first.
        tags = {kind: FILE_NAME_PAYLOADS[(group + (2 if kind == "checklist" else 0)) % len(FILE_NAME_PAYLOADS)] for kind in files}
        write(project / "data", files, {kind: f"{group:02d}-{kind}-{tags[kind]}.yaml" for kind in files})
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    return project


def test_the_payload_site_builds_and_passes_the_scan(payload_project: Path, outcomes: dict) -> None:
    pages = sorted((payload_project / "site" / "checklists").rglob("*.html"))
    assert len(pages) >= 10 * GROUPS + 2 * len(placed(outcomes))  # a section and its sheet for each payload placed


def test_accepted_payloads_show_as_text(payload_project: Path, outcomes: dict) -> None:
    shown_count = 0
    for number, (name, payload) in enumerate(PAYLOADS):
        if not accepted(outcomes, name) or "\n" in payload:
            continue
        shown_count += 1
        page = parse(payload_project / "site" / "checklists" / f"g{group_of(number)}" / "index.html")
        shown = page.text()
        literal = payload.strip("`") if name == "md-code-span" else payload
        assert literal in shown, (name, literal)
    assert shown_count >= 15


def test_markdown_blocks_show_their_code_literally(payload_project: Path) -> None:
    number = IDS.index("md-indented-fence")
    text = parse(payload_project / "site" / "checklists" / f"g{group_of(number)}" / "index.html").text()
    assert "<img src=x onerror=alert('p26')>" in text
    number = IDS.index("md-fence")
    page = payload_project / "site" / "checklists" / f"g{group_of(number)}"
    section = next(p for p in sorted(page.rglob("index.html")) if "alert(&#39;p27&#39;)" in p.read_text(encoding="utf-8") or "alert('p27')" in parse(p).text())
    assert "<script>alert('p27')</script>" in parse(section).text()


def test_file_names_are_escaped_where_they_land(payload_project: Path) -> None:
    for number in range(GROUPS):
        md_page = (payload_project / "docs" / "checklists" / f"g{number}" / "index.md").read_text(encoding="utf-8")
        front, body = md_page.split("---\n")[1], md_page.split("\n---\n", 1)[1]
        comment = body.split("<!--", 1)[1].split("-->", 1)[0]
        assert yaml.safe_load(front)["source"].startswith(f"data/{number:02d}-checklist-"), front
        assert "Do not edit" in comment and ">" not in comment and "--" not in comment, comment
    index = (payload_project / "docs" / "checklists" / "index.md").read_text(encoding="utf-8")  # every file name, joined
    front = yaml.safe_load(index.split("---\n")[1])
    assert set(front) == {"generator", "source", "render_macros"} and "template: redirect.html" in front["source"], front
    body = index.split("\n---\n", 1)[1]
    assert body.count("-->") == 1 and body.startswith("<!-- Generated by checklist-site from data/00"), body[:300]
    assert 'http-equiv="refresh"' not in (payload_project / "site" / "checklists" / "index.html").read_text(encoding="utf-8")


def test_every_head_and_search_entry_holds_the_data_as_text(payload_project: Path) -> None:
    from selectolax.lexbor import LexborHTMLParser

    site = payload_project / "site"
    pages = [p for p in sorted(site.rglob("*.html")) if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8")]
    shapes = set()
    for page in pages:
        head = LexborHTMLParser(page.read_bytes(), scripting=True).head
        assert head is not None and len(head.css("title")) == 1, page
        shapes.add(tuple(f"{node.tag}:{node.attributes.get('name') or node.attributes.get('http-equiv') or ''}" for node in head.iter() if node.tag != "link"))
    assert len(shapes) == 1, shapes  # the theme's head, whatever the data
    number = IDS.index("title-breakout")
    pages = sorted((site / "checklists" / f"g{group_of(number)}").rglob("*.html"))
    titles = [LexborHTMLParser(page.read_bytes()).css_first("title").text() for page in pages]
    assert any("</title><script>alert('p36')</script>" in title for title in titles), titles
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in index["docs"]:
        for key in ("title", "text"):
            body = LexborHTMLParser(f"<body>{entry[key]}</body>", scripting=True).body
            for node in body.traverse() if body is not None else ():
                assert node.tag in ("body", "-text", "code", "p", "strong", "em", "a", "mark", "br", "span", "ul", "ol", "li", "pre"), (key, entry)
                assert not [a for a in node.attributes if a.startswith("on")], (key, entry)


def test_csv_export_neutralises_formulas(payload_project: Path) -> None:
    result = run_cli("-C", str(payload_project), "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert any("HYPERLINK" in cell for row in rows for cell in row)
    for row in rows:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell


def test_terminal_output_carries_no_control_characters(tmp_path: Path) -> None:
    files = Doc("t").files()
    files["checklist"]["sections"][0]["id"] = "bad\x1b[2J\u202eid"
    write(tmp_path, files)
    result = run_cli("check", str(tmp_path))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr
    assert "\\x1b[2J\\u202eid" in result.stderr


def test_the_csv_rule_in_one_function() -> None:
    from generator.site.escape import csv_cell

    data, _ = load_all([])
    assert as_csv(data, "").startswith('"checklist","section",')  # every field quoted (escape.csv_table)
    assert [csv_cell(v) for v in ("=1", "+1", "-1", "@x", "\tx", "\rx", "ok")] == ["'=1", "'+1", "'-1", "'@x", "'\tx", "'\rx", "ok"]


# ---- Chromium: every page, every link ------------------------------------------------------------

_RECORD_CLICKS = """
window.__clicked = [];
document.addEventListener('click', (event) => {
  const link = event.target.closest('a[href]');
  if (!link) return;
  window.__clicked.push(link.protocol);
  if (['http:', 'https:', 'mailto:', 'tel:'].includes(link.protocol)) event.preventDefault();
}, true);
"""
# The links of a page, clicked in it: safe addresses are recorded and stopped by the listener above,
# anything else would go ahead (and run, or navigate away). The sidebars (the site's navigation,
# the same on every page of a folder) are clicked on the first page of each folder only.
_CLICK = """(all) => {
  const links = [...document.querySelectorAll('a[href]')].filter((a) => all || !a.closest('.md-sidebar'));
  links.forEach((a) => a.click());
  return links.length;
}"""


def _folder(page: str) -> str:
    """The checklist's folder (or runbooks/) a page belongs to: its navigation is clicked once.

    >>> _folder("checklists/g1/sheets/x"), _folder("runbooks/p1-1"), _folder("checklists")
    ('checklists/g1', 'runbooks', 'checklists')
    """
    parts = page.split("/")
    return "/".join(parts[:1] if parts[0] == "runbooks" else parts[:2])


@pytest.mark.browser
def test_chromium_opens_every_page_and_clicks_every_link_without_running_script(payload_project: Path, outcomes: dict, browser) -> None:
    """Every page whose content is its own; of the pages written from one block or one template, one
    in each folder: a sheet's page is its checklist's frame holding the same block as the packet
    (opened), and a renamed page's redirect page holds only its title and new address (and sends
    the browser on to that page, opened too). Every page is read whole by the scan and by the HTML
    parser tests above."""
    site = payload_project / "site"
    every = sorted(p for folder in ("checklists", "runbooks") for p in (site / folder).rglob("index.html"))
    assert len(every) >= 10 * GROUPS + 2 * len(placed(outcomes))
    redirects = [p for p in every if 'http-equiv="refresh"' in p.read_text(encoding="utf-8")]
    sheets = [p for p in every if p.parent.parent.name == "sheets" and p not in redirects]
    sampled = [*sheets, *redirects]
    kept = {(p in sheets, p.parent.parent): p for p in reversed(sampled)}.values()  # the first of each kind in each folder
    pages = [p for p in every if p not in sampled or p in kept]
    assert len([p for p in kept if p in sheets]) == GROUPS and all((p.parent.parent.parent / "packet" / "index.html") in pages for p in kept if p in sheets)
    assert {p.parent.parent.name for p in kept if p in redirects} >= {"runbooks", "sheets", *(f"g{n}" for n in range(GROUPS))}
    # Without the site's service worker (checklist-sw.js, test_oncall's): on every page with a command (each payload's
    # runbook) it was registered for that page's folder and fetched and kept the page and every file it loaded again,
    # the slowest pages of this test; what it does is no payload's, and the pages' scripts run as before.
    context = browser.new_context(service_workers="block")
    context.add_init_script(_RECORD_CLICKS)
    dialogs: list[str] = []
    # Nothing may leave the machine: a request elsewhere is a payload at work (the site fetches no fonts).
    # Watched, not intercepted: routing every request through Playwright doubled the time of each page.
    outside: list[str] = []
    errors: list[str] = []
    tabs = [context.new_page() for _ in range(TABS)]
    for tab in tabs:
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.on("request", lambda request: None if request.url.startswith(("http://127.0.0.1", "data:", "blob:")) else outside.append(request.url))
        # The search index is served without its documents (loading them on every page would take most of the time).
        tab.on("pageerror", lambda exc: errors.append(str(exc)))
    for tab in tabs:  # the watch works: a dialog opened by a script in any tab is seen
        tab.evaluate("alert('canary')")
    assert dialogs == ["canary"] * TABS
    dialogs.clear()
    protocols: set[str] = set()
    clicked, navigated = 0, set[str]()
    with serve_dir(site, without_search=True) as base:
        paths = {base + html.parent.relative_to(site).as_posix() + "/": html for html in pages}
        for tab, url in loaded(tabs, list(paths)):
            folder = _folder(paths[url].parent.relative_to(site).as_posix())
            clicked += tab.evaluate(_CLICK, folder not in navigated)
            navigated.add(folder)
            protocols |= set(tab.evaluate("window.__clicked"))
            redirect = 'http-equiv="refresh"' in paths[url].read_text(encoding="utf-8")  # a renamed page's redirect (former_ids)
            assert tab.url == url or (redirect and tab.url.startswith(base)), f"a click on {url} navigated to {tab.url}"
    context.close()
    assert dialogs == []
    assert errors == []
    assert outside == []
    assert len(navigated) == GROUPS + 2, navigated  # checklists/ itself, and runbooks/
    assert clicked > 1000
    assert protocols <= {"http:", "https:", "mailto:", "tel:"}, protocols
