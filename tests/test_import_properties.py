"""Import is total and the round trip closed: properties over generated Markdown and generated checklists (hypothesis)."""

from __future__ import annotations

import datetime
import io
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.errors import CheckFailed
from generator.exchange.drafts import dump
from generator.exchange.export import as_markdown
from generator.exchange.importer import Options, import_markdown
from generator.exchange.importing import run_import
from generator.format.model import Attendee, Checklist, Data, DecisionRecord, ItemState, RoleApproval, Signoff, State, Status, Vote
from generator.format.types import Ident, InlineMarkdown, Name, PlainText
from generator.format.validate import load_all, load_data_file

from .conftest import FIXTURES, ROOT, load_checklist

TODAY = datetime.date(2026, 1, 12)
HEADS = ["Sign-off", "Approvals", "Rollback", "How to use", "Post-launch", "Metrics to track", "Contents"]
WORDS = ["deploy", "backup", "Restore", "the", "API", "tokens", "`make test`", "logs", "on-call", "Проверка", "резервных", "数据库", "备份", "Ελέγχος", "café"]
MARKS = ["", "🔴 ", "(Critical) ", "**High** ", "[Low] ", "🟢 ", "✅ "]
TAILS = ["", " (Required)", " (optional)", " 🔴", " [High]", " **must**"]
ODD = [
    "<!-- a `code` comment -->",
    "<b>bold</b>",
    "[x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "\x07bell",
    "\u202eevil",
    "<iframe srcdoc='x'>",
    "&#x6A;",
]

THIRD = [
    "- [ ] a\n<!-- later\n- [ ] b\n-->\n- [x] c",
    "| T | D |\n|---|---|\n<!-- | x | [ ] | -->\n| y | [ ] |",
    ":::tip[Before]\n- [ ] in a tip\n:::",
    "```{note}\n:class: x\n- [x] in a note\n```",
    "::: mermaid\ngraph\n:::",
    "```[tasklist]\n### Tasks\n- [ ] listed\n```",
    "- :white_check_mark: done\n- :white_large_square: open",
    "| Done | Name |\n|---|---|\n| ✅ | a |\n| ⬜ | b |",
    "1. [ ] step\n   a. [ ] lettered\n   ii. [x] roman",
    "| UI | <ul><li> - [ ] one </li><li> - [x] two </li></ul> |",
    '/label ~"release"\n/assign @me',
    "| Task | Done |\n|---|---|\n| a | **[ ]** |\n- *[x]* b",
    "See {doc}`/x` and {ref}`t <y>`",
    "<table><tr><td>a</td><td>☐</td></tr></table>",
    "- [ ] a {: .x }\n{% raw %}\n{{< hint >}}\n- [x] b\n{{< /hint >}}",
    "- TODO k\n- DONE l\n  collapsed:: true\n- [[w]]",
    "- [\u00a0] n\n- ［ ］ w",
    '!!! note "Before"\n    - [ ] in a note\n\n=== "Tab"\n\n    - [x] in a tab',
    "```markdown\n- [ ] in a markdown block\n```",
    "Term\n: [ ] defined\n: [x] twice",
    "```\n□ drawn in code\n✓ ticked\n```\n\n▢ drawn\n✅ tick",
    "- [ x ] roomy\n-[ ] tight\n- [  ] wide",
    "- [ ] parent\n            - [ ] too deep\n\n          - [x] after a blank",
    "> [!todo]- Week\n> - [ ] in a callout\n\n> [!NOTE]\n> a note",
    "[ ] bare\n\t[ ] nested bare\n\t\t[x] deeper",
    "- [ ] a %% hidden %% b\n%% kanban\n- [ ] commented out\n%%\n- [ ] at 90%%",
    "- &#9745; by reference\n&#9744; bare reference",
    "Devices:\n* [ ] Pixel 8\n\nRelease:\n* [x] Tag\n\nNotes:",
    "**Engineering:** (Priya owns)\n- [ ] GitHub\n\n**Sales**: David\n- [x] CRM",
    "|  |  |\n|---|---|\n| Build number |  |\n|  |  |",
    "## 2 Working Days Before\n\n## 1 Setup\n\n## 2 Deploy",
]
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
text = st.one_of(words, st.tuples(words, st.sampled_from(ODD)).map(" ".join), st.text(max_size=30))


@st.composite
def task(draw: st.DrawFn, depth: int = 0) -> str:
    indent = "  " * depth
    marker = draw(st.sampled_from(["-", "*", "+", "1.", "2)"]))
    box = draw(st.sampled_from(["[ ]", "[x]", "[X]"]))
    line = f"{indent}{marker} {box} {draw(st.sampled_from(MARKS))}{draw(text)}{draw(st.sampled_from(TAILS))}"
    subs = draw(st.lists(task(depth + 1), max_size=2)) if depth < 4 else []
    plain = [f"{indent}  - {draw(words)}"] if draw(st.booleans()) else []
    return "\n".join([line, *plain, *subs])


@st.composite
def block(draw: st.DrawFn) -> str:
    kind = draw(st.integers(0, 14))
    if kind == 0:
        return f"{'#' * draw(st.integers(1, 6))} {draw(st.sampled_from(['', '1.2 ', '🔴 ', 'Section 3: ']))}{draw(text)}{draw(st.sampled_from(TAILS))}"
    if kind == 1:
        return f"{'#' * draw(st.integers(1, 4))} {draw(st.sampled_from(HEADS))}"
    if kind in (2, 3, 4):
        return "\n".join(draw(st.lists(task(), min_size=1, max_size=4)))
    if kind == 5:
        return f"**{draw(words)}**{draw(st.sampled_from([':', '']))}"
    if kind == 6:
        return "\n".join(f"- {draw(text)}" for _ in range(draw(st.integers(1, 3))))
    if kind == 7:
        cells = draw(st.sampled_from(["[ ]", "[x] done", "", "[X]"]))
        return f"| Task | Owner | Done |\n|---|---|---|\n| {draw(words)} | {draw(words)} | {cells} |\n| {draw(text).replace('|', '/')} | PM | [ ] |"
    if kind == 8:
        return "```\n" + draw(st.sampled_from(["QA Lead: ________ Date: ______", "Name: ____ Date: ____\nSignature: ______", "echo hi"])) + "\n```"
    if kind == 9:
        return draw(st.sampled_from(["- [ ] GO: ready", "- [ ] ✅ **GO** - ready\n- [x] ⛔ **NO-GO** - not", "Name: ____ Date: ____"]))
    if kind == 10 and draw(st.booleans()):
        return draw(st.sampled_from(["> [!NOTE]\n> - [ ] quoted box\n>   - [x] its sub-box", "> - [x] quoted\n>\n> > - [ ] twice quoted"]))
    if kind == 10:
        return draw(
            st.sampled_from(["---", "> " + draw(words), "<details><summary>More</summary>\n\nx\n\n</details>", '<div>\n<a href="javascript:x">y</a>\n</div>'])
        )
    if kind == 11:
        return "| Role | Name | Approved |\n|---|---|---|\n| QA Lead | | [ ] |\n| Product | | [x] |"
    if kind == 12:
        return "\n\n".join(draw(words) for _ in range(draw(st.integers(1, 30))))
    if kind == 13:  # shapes the third sweep read (comments, admonitions, shortcodes, drawn boxes, lettered steps …)
        return draw(st.sampled_from(THIRD))
    return draw(text)


@st.composite
def markdown(draw: st.DrawFn) -> str:
    front = draw(st.sampled_from(["", "---\ntitle: T\nowner: me\nweird: [1]\n---\n", "\ufeff", "\ufeff---\ntitle: Bom\n---\n"]))
    blocks = draw(st.lists(block(), max_size=12))
    at = draw(st.integers(0, len(blocks)))
    blocks.insert(at, draw(task()))
    return front + "\n\n".join(blocks) + "\n"


def _loads_everywhere(text: str) -> Any:
    """The YAML read by libyaml, PyYAML's pure parser and ruamel: all three must agree."""
    fast = yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506 - the safe loader
    pure = yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506
    ruamel = YAML(typ="safe", pure=True).load(io.StringIO(text))
    assert fast == pure == ruamel
    return fast


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(markdown())
@example("- [ ] \n  - deploy\n")  # a box with nothing after it but a list under it: kept, its text not left empty
def test_any_markdown_with_a_box_imports_and_accounts_for_every_box(tmp_path_factory: pytest.TempPathFactory, source: str) -> None:
    folder = tmp_path_factory.mktemp("md")
    path = folder / "any.md"
    path.write_text(source, encoding="utf-8", errors="surrogatepass")
    try:
        written = run_import(path, folder / "data" / "any.yaml", folder / "docs", today=TODAY)  # raises if the result would fail check
    except CheckFailed as refused:  # its only boxes have nothing after them ('- [ ] '): blanks to fill in, no checklist
        assert "has nothing after it" in refused.issues[0].message, refused.issues
        return
    assert not [line for line in written.summary if "not written" in line]
    for file, content in written.files.items():
        if file.suffix == ".yaml":
            _loads_everywhere(content)
        else:
            assert "<iframe" not in content and "javascript:" not in content.lower().replace("\\", "")


@st.composite
def mixed_list(draw: st.DrawFn) -> str:
    """One list of boxes and plain items holding boxes (labelled lists), in any order, bulleted or numbered."""
    lines: list[str] = []
    for n in range(draw(st.integers(1, 7))):
        marker = draw(st.sampled_from(["-", "1."]))
        if draw(st.booleans()):
            lines.append(f"{marker} [ ] box {n}")
        else:
            lines += [f"{marker} stage {n}", *(f"   - [ ] step {n}.{m}" for m in range(draw(st.integers(1, 2))))]
    return "\n".join(lines)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(markdown(), st.lists(mixed_list(), min_size=1, max_size=3).map(lambda lists: "# T\n\n## S\n\n" + "\n\nText.\n\n".join(lists) + "\n")))
def test_every_section_shows_its_boxes_in_the_order_of_the_source(source: str) -> None:
    """A group shows its items before its labelled lists, so boxes after a labelled list go on in a group of their own:
    read in the order the site shows them (groups, each its items then its lists), a section's boxes keep the source's order."""
    imported = import_markdown(source, "any.md", Options(today=TODAY))
    for section in imported.draft.sections:
        lines = [item.line for item in section.all_items()]
        assert lines == sorted(lines), (section.title, [(i.line, i.text) for i in section.all_items()])


# ---- the round trip: export --format markdown, then import


def _blocks(text: str | None) -> str:
    """Markdown without its blank lines: a blank line between two blocks is not content."""
    return "\n".join(line for line in (text or "").splitlines() if line.strip())


def _shape(c: Checklist) -> Any:
    def items(found: tuple[Any, ...]) -> list[Any]:
        return [(i.id, i.text, i.critical, i.priority, i.ordered, _blocks(i.details), items(i.items)) for i in found]

    return (
        c.id,
        c.title,
        [
            (
                s.id,
                s.title,
                s.priority,
                _blocks(s.notes),
                [
                    (g.id, g.title, g.priority, g.signoff, g.ordered, items(g.items), [(x.id, x.label, x.ordered, items(x.items)) for x in g.lists])
                    for g in s.groups
                ],
            )
            for s in c.sections
        ],
        c.final_signoff and [(r.id, r.title) for r in c.final_signoff.approval.roles],
        c.final_signoff and [(o.id, o.label, o.text) for o in c.final_signoff.decision.options],
    )


def _round_trip(c: Checklist, folder: Path) -> Checklist:
    (folder / "x.md").write_text(as_markdown(Data((c,))), encoding="utf-8")
    written = run_import(folder / "x.md", folder / "data" / f"{c.id}.yaml", folder / "docs", today=TODAY)
    out = folder / "again.yaml"
    out.write_text(next(iter(written.files.values())), encoding="utf-8")
    again, issues = load_checklist(out, out.name)
    assert again is not None and not issues
    return again


title_words = st.lists(
    st.sampled_from(["Deploy", "backup", "API", "tokens", "`make`", "Проверка", "数据库", "logs", "café", "and", "web", "rota"]), min_size=1, max_size=5
)
priority = st.sampled_from([None, "high", "medium", "low", "post-launch"])


@st.composite
def item_data(draw: st.DrawFn, n: list[int], depth: int = 1) -> dict[str, Any]:
    n[0] += 1
    data: dict[str, Any] = {"id": f"item-{n[0]}", "text": " ".join(draw(title_words)) + f" {n[0]}"}
    if draw(st.booleans()):
        data["critical"] = True
    elif (p := draw(priority)) is not None:
        data["priority"] = p
    if draw(st.integers(0, 3)) == 0:
        data["details"] = " ".join(draw(title_words)) + "\n\n- " + " ".join(draw(title_words))
    if depth < 3 and draw(st.integers(0, 3)) == 0:
        data["items"] = draw(st.lists(item_data(n, depth + 1), min_size=1, max_size=2))
        data["ordered"] = draw(st.booleans())
    return data


@st.composite
def checklist_data(draw: st.DrawFn) -> dict[str, Any]:
    n = [0]
    sections = []
    for s in range(draw(st.integers(1, 3))):
        groups = []
        for g in range(draw(st.integers(1, 3))):
            group: dict[str, Any] = {"id": f"g-{s}-{g}", "title": " ".join(draw(title_words)), "items": draw(st.lists(item_data(n), min_size=1, max_size=3))}
            group["signoff"] = draw(st.booleans())
            group["ordered"] = draw(st.booleans())
            if (p := draw(priority)) is not None:
                group["priority"] = p
            if draw(st.integers(0, 3)) == 0:
                label, ordered = " ".join(draw(title_words)), draw(st.booleans())
                group["lists"] = [{"id": f"l-{s}-{g}", "label": label, "ordered": ordered, "items": draw(st.lists(item_data(n), min_size=1, max_size=2))}]
            groups.append(group)
        priority_ = draw(st.sampled_from(["critical", "high", "medium", "low"]))
        section: dict[str, Any] = {"id": f"s-{s}", "title": " ".join(draw(title_words)), "priority": priority_, "groups": groups}
        if draw(st.booleans()):
            section["notes"] = " ".join(draw(title_words)) + ".\n\n" + " ".join(draw(title_words)) + "."
        sections.append(section)
    data: dict[str, Any] = {"id": "generated", "title": "Generated", "sections": sections}
    if draw(st.booleans()):
        roles = [{"id": f"role-{n}", "title": " ".join(draw(title_words))} for n in range(draw(st.integers(1, 3)))]
        options = [{"id": "go", "label": "GO", "text": " ".join(draw(title_words))}, {"id": "no-go", "label": "NO-GO", "text": " ".join(draw(title_words))}]
        data["final_signoff"] = {
            "title": "Final Sign-off",
            "approval": {"id": "approval", "title": "Approval", "roles": roles},
            "decision": {"id": "decision", "title": "Decision", "options": options},
        }
    return data


def _written_and_loaded(data: dict[str, Any], folder: Path) -> Any:
    """The generated checklist written to ``folder`` as YAML and loaded back (it must be valid)."""
    path = folder / "generated.yaml"
    path.write_text(dump(data, []), encoding="utf-8")
    original, issues = load_checklist(path, path.name)
    assert original is not None and not issues, [i.format() for i in issues]
    return original


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(checklist_data())
def test_export_then_import_is_the_identity_on_generated_checklists(tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]) -> None:
    folder = tmp_path_factory.mktemp("rt")
    original = _written_and_loaded(data, folder)
    assert _shape(_round_trip(original, folder)) == _shape(original)


@pytest.mark.parametrize("path", [FIXTURES / "mini" / "mini.yaml", ROOT / "data" / "realserv-launch.yaml"], ids=["mini", "realserv"])
def test_export_then_import_is_the_identity_on_every_checklist_fixture(tmp_path: Path, path: Path) -> None:
    original, _ = load_checklist(path, path.name)
    assert original is not None
    assert _shape(_round_trip(original, tmp_path)) == _shape(original)


SHAPES = sorted((FIXTURES / "import").glob("*.md"))


@pytest.mark.parametrize("path", SHAPES, ids=[p.stem for p in SHAPES])
def test_every_imported_fixture_exports_and_imports_again_unchanged(tmp_path: Path, path: Path) -> None:
    written = run_import(path, tmp_path / "data" / f"{path.stem}.yaml", tmp_path / "docs", today=TODAY)
    first = tmp_path / "first.yaml"
    first.write_text(next(iter(written.files.values())), encoding="utf-8")
    _loads_everywhere(first.read_text(encoding="utf-8"))
    imported, issues = load_checklist(first, first.name)
    assert imported is not None and not issues
    assert _shape(_round_trip(imported, tmp_path)) == _shape(imported)


@st.composite
def signed_checklist_data(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(checklist_data())
    roles = [{"id": f"role-{n}", "title": " ".join(draw(title_words))} for n in range(draw(st.integers(1, 3)))]
    options = [{"id": "go", "label": "GO", "text": " ".join(draw(title_words))}, {"id": "no-go", "label": "NO-GO", "text": " ".join(draw(title_words))}]
    decision: dict[str, Any] = {"id": "decision", "title": "Decision", "options": options}
    if draw(st.booleans()):
        decision["notes"] = draw(st.sampled_from(["Remarks", "Blockers and risks", "Notes"]))
    if draw(st.booleans()):
        decision["notes_hint"] = " ".join(draw(title_words))
    data["final_signoff"] = {"title": "Final Sign-off", "approval": {"id": "approval", "title": "Approval", "roles": roles}, "decision": decision}
    return data


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(signed_checklist_data())
def test_export_then_import_writes_the_final_signoff_as_it_was(tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]) -> None:
    """The sign-off's keys come back as written, none added: a decision without a notes label gets none (export prints the default's)."""
    folder = tmp_path_factory.mktemp("rt")
    original = _written_and_loaded(data, folder)
    exported = as_markdown(Data((original,)))
    (folder / "x.md").write_text(exported, encoding="utf-8")
    written = run_import(folder / "x.md", folder / "data" / "generated.yaml", folder / "docs", today=TODAY)
    again = yaml.safe_load(next(iter(written.files.values())))
    assert again["final_signoff"] == data["final_signoff"]
    (folder / "again.yaml").write_text(next(iter(written.files.values())), encoding="utf-8")
    reloaded, _ = load_checklist(folder / "again.yaml", "again.yaml")
    assert reloaded is not None and as_markdown(Data((reloaded,))) == exported  # export -> import -> export: a fixed point


# Words an importer reads markers from (a priority, criticality, a target), mixed with plain ones: an item's text made
# of them comes back from export and import as that text, with the flags the item has and no others.
MARKISH = st.sampled_from(
    ["🔴", "🟡", "⚠️", "(!)", "[High]", "(low)", "**[Critical]**", "_Medium_", "CRITICAL:", "High:", "- high", "MUST", "REQUIRED",
     "(target: 5 ms)", "【高】", "Deploy", "backup", "the", "`🔴`", "`MUST`", "`(Critical)`", "``[High] `x` ``", "P1", "ok", "&", "café", "1.", "#2"]
)  # fmt: skip


MARKED_ITEMS = st.lists(st.tuples(st.lists(MARKISH, min_size=1, max_size=5), st.booleans(), st.sampled_from([None, "high", "low"]), st.booleans()), max_size=6)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(MARKED_ITEMS)
def test_an_item_whose_text_holds_markers_comes_back_with_its_own_flags_only(tmp_path_factory: pytest.TempPathFactory, items: list[Any]) -> None:
    folder = tmp_path_factory.mktemp("marks")
    rows = []
    for n, (words, critical, level, target) in enumerate(items):
        text = " ".join(words)
        row = {"id": f"i{n}", "text": text, "critical": critical, "priority": level, "target": "5 ms" if target else None}
        rows.append({k: v for k, v in row.items() if v not in (None, False)})
    if not rows:
        return
    section = {"id": "s", "title": "S", "priority": "high", "groups": [{"id": "g", "title": "G", "items": rows}]}
    data = {"id": "m", "title": "Marks", "version": "1", "sections": [section]}
    original = _written_and_loaded(data, folder)
    again = _round_trip(original, folder)
    got = [(i.id, i.text, i.critical, i.priority, i.target) for i in again.sections[0].groups[0].items]
    assert got == [(i.id, i.text, i.critical, i.priority, i.target) for i in original.sections[0].groups[0].items]


# A record's texts: names and remarks made of words and of the characters Markdown, HTML and the record's own lines
# ('**By**: …') read something in, each one line as the format holds them.
RECORD_TEXT = st.lists(
    st.sampled_from(["Priya", "Arun Kumar", "José", "the", "ships in 1.1", "**By**:", "**x**", "*", "_", "`a`", "`", "<b>", "&amp;", "&", "#", "1.",
                     "- [x]", "[x](#y)", "{#id}", "<!-- checklist-site: record -->", "\\", "~~", "|", ":", "·", "(CTO)", "Date: 2026-01-01"]),
    min_size=1, max_size=5,
).map(" ".join)  # fmt: skip
RECORDED = st.tuples(
    st.sampled_from(list(State)), RECORD_TEXT, st.one_of(st.none(), st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31))),
    st.one_of(st.just(""), RECORD_TEXT), RECORD_TEXT, st.one_of(st.just(""), RECORD_TEXT),
)  # fmt: skip


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(["jwt-validation", "dashboards", "dash-latency", "deploy-api", "db-main", "read-first"]), RECORDED, min_size=1))
def test_a_record_of_every_state_exports_and_imports_back_as_it_was(tmp_path_factory: pytest.TempPathFactory, records: dict[str, Any]) -> None:
    """team13's leftover 1: the Markdown export said done or open only ([x], [ ]), so an item recorded n/a or waived came
    back open, and every item 'by imported' on the day of the import. Each item's record is under it now, and import
    reads it back: the same states, who, when, why and who accepted the risk."""
    mini, _ = load_checklist(FIXTURES / "mini" / "mini.yaml", "mini.yaml")
    assert mini is not None
    critical = {item.id for *_, item in mini.critical_items()}
    states = []
    for ident, (state, by, day, note, reason, approver) in records.items():
        waived = state is State.WAIVED
        states.append(
            ItemState(
                id=Ident(ident), state=state, by=Name(by), date=day, note=InlineMarkdown(note),
                reason=InlineMarkdown(reason if waived else ""), approver=Name((approver or (by if ident in critical else "")) if waived else ""),
            )
        )  # fmt: skip
    status = Status(checklist=Ident("mini"), items=tuple(states))
    folder = tmp_path_factory.mktemp("record")
    (folder / "x.md").write_text(as_markdown(Data((mini,), statuses=(status,))), encoding="utf-8")
    written = run_import(folder / "x.md", folder / "data" / "mini.yaml", folder / "docs", today=TODAY)
    kept = next(text for path, text in written.files.items() if path.name.endswith(".status.yaml"))
    (folder / "mini.status.yaml").write_text(kept, encoding="utf-8")
    again, issues = load_data_file(folder / "mini.status.yaml", "mini.status.yaml")
    assert not issues and isinstance(again, Status)

    def record(s: Status) -> list[Any]:
        return sorted((e.id, e.state, e.by, e.date, e.note, e.reason, e.approver) for e in s.items)

    assert record(again) == record(status)


# A checklist of three groups with a sign-off (and one without) and three approver roles, for the sign-offs' and
# approvals' round trip.
SIGNED = """id: signed
title: Signed
sections:
  - id: build
    title: Build
    priority: critical
    groups:
      - {id: compile, title: Compile, items: [{id: cc, text: Compiles}]}
      - {id: tests, title: Tests, items: [{id: unit, text: Unit tests, critical: true}, {id: e2e, text: End to end}]}
      - {id: docs, title: Docs, signoff: false, items: [{id: guide, text: Guide}]}
  - id: ship
    title: Ship
    priority: high
    groups:
      - {id: deploy, title: Deploy, items: [{id: roll, text: Roll out}]}
final_signoff:
  approval:
    id: approval
    title: Approval
    roles:
      - {id: tech-lead, title: Tech Lead}
      - {id: qa, title: QA}
      - {id: cto, title: CTO}
  decision:
    id: decision
    title: Decision
    options:
      - {id: go, label: GO, text: Ready}
      - {id: no-go, label: NO-GO, text: Not ready}
"""
DAY = st.one_of(st.none(), st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31)))
SIGNOFFS = st.dictionaries(st.sampled_from(["compile", "tests", "deploy"]), st.tuples(RECORD_TEXT, DAY, st.booleans(), st.one_of(st.just(""), RECORD_TEXT)))
APPROVALS = st.dictionaries(st.sampled_from(["tech-lead", "qa", "cto"]), st.tuples(RECORD_TEXT, st.sampled_from(list(Vote)), DAY))
ATTENDEES = st.lists(st.tuples(RECORD_TEXT, st.one_of(st.just(""), RECORD_TEXT), RECORD_TEXT), max_size=3, unique_by=lambda a: a[0].lower())
DECISIONS = st.one_of(st.none(), st.tuples(st.sampled_from(list(Vote)), RECORD_TEXT, DAY, st.lists(RECORD_TEXT, max_size=3)))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(SIGNOFFS, APPROVALS, DECISIONS, st.booleans(), ATTENDEES)
@example(
    {"tests": ("Priya Date: 2026-01-01", datetime.date(2026, 1, 2), True, "**Note**: x")}, {"cto": ("Meera (GO)", Vote.NO_GO, None)},
    (Vote.NO_GO, "Meera", datetime.date(2026, 1, 3), ["**Blocker**: x", "load test"]), True, [("Meera", "CTO", "**By**: Priya")],
)  # fmt: skip
def test_sign_offs_and_approvals_export_and_import_back_as_the_record_s(
    tmp_path_factory: pytest.TempPathFactory, signoffs: dict[str, Any], approvals: dict[str, Any], decided: Any, run: bool, came: list[Any]
) -> None:
    """team14's leftover 1: the Markdown export's sign-off lines and approvals table said who signed and approved, and
    import read them as the checklist's groups and roles only: the record's sign-offs and approvals were lost (a name
    holding ' Date: ' or ' (GO)' could not even be told from the line). Each is a record under its hint now, read back
    as the record's: into a new checklist's status file (who, when, the note, the decision) and, with --run, into the
    run's entries by who signed or approved (with items open too), which fold to the same sign-offs and approvals. The
    Go / No-Go decision too: who announced it, when and its blockers (its box came back by 'imported', the blockers lost),
    and, with --run, the minutes' attendees, their roles and who recorded them (a status file holds none)."""
    folder = tmp_path_factory.mktemp("signed")
    (folder / "data").mkdir()
    (folder / "data" / "signed.yaml").write_text(SIGNED, encoding="utf-8")
    checklist, issues = load_checklist(folder / "data" / "signed.yaml", "signed.yaml")
    assert checklist is not None and not issues
    signed = tuple(Signoff(id=Ident(g), name=Name(n), date=d, with_open=o, note=InlineMarkdown(note)) for g, (n, d, o, note) in signoffs.items())
    approved = tuple(RoleApproval(id=Ident(r), name=Name(n), decision=v, date=d) for r, (n, v, d) in approvals.items())
    decision = None
    if decided is not None:
        vote, by, day, blockers = decided
        decision = DecisionRecord(decision=vote, by=Name(by), date=day, blockers=tuple(InlineMarkdown(b) for b in blockers))
    attendees = tuple(Attendee(name=PlainText(n), role=PlainText(r), by=PlainText(b)) for n, r, b in came)
    status = Status(checklist=Ident("signed"), signoffs=signed, approvals=approved, decision=decision, attendees=attendees)
    (folder / "x.md").write_text(as_markdown(Data((checklist,), statuses=(status,))), encoding="utf-8")

    def record(s: Status, dated: bool = True) -> list[Any]:
        return [
            sorted((g.id, g.name, g.date if dated else None, g.note, g.with_open if not dated else None) for g in s.signoffs),
            sorted((a.id, a.name, a.decision, a.date if dated else None) for a in s.approvals),
            s.decision and (s.decision.decision, s.decision.by, s.decision.date if dated else None, s.decision.blockers),
        ]

    if not run:  # a new checklist: its status file, which holds no 'with items open'
        written = run_import(folder / "x.md", folder / "out" / "signed.yaml", folder / "docs", today=TODAY)
        texts = [text for path, text in written.files.items() if path.name.endswith(".status.yaml")]
        if not signoffs and not approvals and decided is None:
            assert not texts
            return
        (folder / "signed.status.yaml").write_text(texts[0], encoding="utf-8")
        again, issues = load_data_file(folder / "signed.status.yaml", "signed.status.yaml")
        assert not issues and isinstance(again, Status)
        assert record(again) == record(status)
        return
    written = run_import(folder / "x.md", folder / "data" / "signed.yaml", folder / "docs", today=TODAY, run="v2")
    for path, text in written.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    data, issues = load_all([(p, str(p)) for p in sorted((folder / "data").rglob("*.yaml"))])
    assert not [i for i in issues if i.severity == "error"], issues
    folded = data.status("signed")
    assert folded is not None and folded.run == "v2"
    assert record(folded, dated=False) == record(status, dated=False)  # the run's entries are dated as its start
    assert sorted((a.name, a.role, a.by) for a in folded.attendees) == sorted(came)
    assert all(e.by == g.name for g in folded.signoffs for e in folded.entries if any(c.signoff == g.id for c in e.changes))
