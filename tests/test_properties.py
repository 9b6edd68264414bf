"""Property tests: generated checklists always build (their packet a document of one <h1>); mutated files give a located error or build."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import Project, build
from generator.format.validate import load_all
from generator.site.render import render

from .conftest import FIXTURES, data_files, make_project
from .htmltree import article, parse

# Text that is literal in Markdown once the generator has made it inert: HTML and attribute-list
# characters included, emphasis and link syntax left out so the shown text equals the data.
TEXT_CHARS = string.ascii_letters + string.digits + " <>&{}#:;'\"=/.,-%+?@$^|~é→🔴"
# ... and no autolink: '<lE:M#md'>' is one (CommonMark: a scheme of 2-32 letters, then ':'), to an address the check
# refuses ('le:'), and '<a@b.c>' one shown without its brackets (found in a fresh clone's run, after 5 minutes of shrinking)
AUTOLINK = re.compile(r"<[^\s<>]*[:@][^\s<>]*>")
texts = st.text(TEXT_CHARS, min_size=1, max_size=60).map(lambda t: " ".join(t.split())).filter(lambda t: bool(t) and not AUTOLINK.search(t))
ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)


@st.composite
def checklists(draw: st.DrawFn) -> dict:
    used: set[str] = {"index", "critical", "final-signoff", "sheets", "packet", "cover", "minutes", "critical-items", "cl-moved", "cl-sections"}

    def new_id() -> str:
        ident = draw(ids.filter(lambda i: i not in used))
        used.add(ident)
        return ident

    def item(depth: int) -> dict:
        out = {"id": new_id(), "text": draw(texts)}
        if draw(st.booleans()):
            out["critical"] = True
        if depth < 2 and draw(st.integers(0, 4)) == 0:
            out["items"] = [item(depth + 1) for _ in range(draw(st.integers(1, 3)))]
            out["ordered"] = draw(st.booleans())
        return out

    sections = []
    for _ in range(draw(st.integers(1, 3))):
        groups = [
            {
                "id": new_id(),
                "title": draw(texts),
                "items": [item(0) for _ in range(draw(st.integers(1, 4)))],
                "signoff": draw(st.booleans()),
                "ordered": draw(st.booleans()),
            }
            for _ in range(draw(st.integers(1, 3)))
        ]
        sections.append(
            {"id": new_id(), "title": draw(texts), "priority": draw(st.sampled_from(["critical", "high", "medium", "low", "post-launch"])), "groups": groups}
        )
    return {"id": new_id(), "title": draw(texts), "version": "1.0", "sections": sections}


def _walk(items: list[dict]) -> list[dict]:
    out = []
    for i in items:
        out.append(i)
        out += _walk(i.get("items", []))
    return out


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(doc=checklists())
def test_any_valid_checklist_builds_with_exactly_its_items(doc: dict, tmp_path_factory) -> None:
    project_dir = make_project(tmp_path_factory.mktemp("prop") / "p", data=FIXTURES / "mini" / "mini.yaml")
    for f in (project_dir / "data").iterdir():
        f.unlink()
    (project_dir / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project_dir / "data" / "c.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build(Project.at(project_dir))
    for section in doc["sections"]:
        page = article(parse(project_dir / "site" / "checklists" / doc["id"] / section["id"] / "index.html"))
        shown = {}
        lists = {li.attrs["id"]: li.parent.tag for li in page.find_all("li", "task-list-item") if li.parent is not None}
        for group in section["groups"]:
            assert {lists[i["id"]] for i in group["items"]} == {"ol" if group["ordered"] else "ul"}, group["id"]
        for li in page.find_all("li", "task-list-item"):
            text = li.own_text().strip()
            shown[li.attrs["id"]] = text.removeprefix("Critical ").strip() if li.find_all("span", "cl-badge") else text
        expected = {i["id"]: " ".join(i["text"].split()) for g in section["groups"] for i in _walk(g["items"])}
        assert shown == expected
    folder = project_dir / "site" / "checklists" / doc["id"]
    packet = _outline(folder / "packet" / "index.html")
    assert [level for level, _ in packet].count(1) == 1 and packet[0][0] == 1, packet  # the cover's title, the page's one h1
    assert all(b <= a + 1 for (a, _), (b, _) in zip(packet, packet[1:], strict=False)), packet  # no level skipped
    sheets = [text for level, text in packet if level == 2 and text.startswith("Section ")]
    assert len(sheets) == len(doc["sections"]), packet  # each sheet a part of the packet, its groups under it
    for section in doc["sections"]:
        own = _outline(folder / "sheets" / section["id"] / "index.html")
        assert [level for level, _ in own] == [1] + [2] * len(section["groups"]), own  # its own page: its title the h1


def _outline(page: Path) -> list[tuple[int, str]]:
    """The headings of a page's content, as (level, text)."""
    content = article(parse(page))
    return [(int(e.tag[1]), e.text().strip()) for e in content.iter() if e.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}]


MUTATION_CHARS = " :-{}[]\"'#&*!|>\t\n\r\\%@`,?ab1é\x00"
BASE = (FIXTURES / "mini" / "mini.yaml").read_text(encoding="utf-8")


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = BASE
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "dup-line", "swap-lines", "indent"]))
        pos = draw(st.integers(0, len(text)))
        lines = text.split("\n")
        n = draw(st.integers(0, len(lines) - 1))
        if kind == "delete":
            text = text[:pos] + text[pos + draw(st.integers(1, 20)) :]
        elif kind == "insert":
            text = text[:pos] + draw(st.text(MUTATION_CHARS, min_size=1, max_size=8)) + text[pos:]
        elif kind == "dup-line":
            text = "\n".join(lines[: n + 1] + [lines[n]] + lines[n + 1 :])
        elif kind == "swap-lines":
            m = draw(st.integers(0, len(lines) - 1))
            lines[n], lines[m] = lines[m], lines[n]
            text = "\n".join(lines)
        else:
            lines[n] = draw(st.sampled_from([" ", "  ", "\t", ""])) + lines[n].lstrip(" ")
            text = "\n".join(lines)
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=mutated())
def test_mutated_files_give_a_located_error_or_a_valid_checklist(text: str, tmp_path_factory) -> None:
    folder = tmp_path_factory.mktemp("mut")
    (folder / "m.yaml").write_bytes(text.encode("utf-8", "surrogatepass"))
    data, issues = load_all([(p, p.name) for p in data_files(folder)])
    for issue in issues:
        assert issue.loc.file == "m.yaml"
        assert issue.loc.line >= 1 and issue.loc.column >= 1, issue.format()
        assert issue.message and issue.hint, issue.format()
    if not issues:
        assert render(data).pages


_PIECES = st.sampled_from(['href="', 'src="', '"', " ", "x/", "../", "#a", "`", "**", "[k](k.md)", "<b>", "&", "=", "a", "\\", "'"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(_PIECES, min_size=1, max_size=12).map("".join), block=st.booleans())
def test_a_block_moved_to_a_page_in_another_folder_says_the_same_words(text: str, block: bool) -> None:
    """A block's relative addresses are moved to the page it is put in (layout.relocate, by their attribute's syntax); a
    text of the data holding that syntax (`Set href="x"`) reads the same wherever its block is put: its double quotes
    are &quot; in an HTML block (escape.text_quotes)."""
    import html

    import nh3

    from generator.format.types import InlineMarkdown, MarkdownBlock
    from generator.site import escape
    from generator.site.layout import relocate

    written = escape.html(MarkdownBlock(text) if block else InlineMarkdown(text))
    moved = relocate(written, "checklists/c", "checklists/c/sheets/s")

    def words(fragment: str) -> str:
        return html.unescape(nh3.clean(fragment, tags=set()))

    assert words(moved) == words(written)
    assert moved.count("<") == written.count("<")
