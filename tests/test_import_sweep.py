"""Shapes a second sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import CheckFailed
from generator.exchange.importing import _wide, decode_source, run_import, write_all
from generator.format.model import Checklist
from generator.format.validate import load_data_file

from .conftest import load_checklist

TODAY = datetime.date(2026, 1, 12)


def _import(tmp_path: Path, source: str | bytes, name: str = "x", suffix: str = ".md") -> tuple[Checklist, Any]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(source.encode("utf-8") if isinstance(source, str) else source)
    written = run_import(path, tmp_path / "data" / f"{name}.yaml", tmp_path / "docs", today=TODAY)
    write_all(written.files)
    checklist, issues = load_checklist(tmp_path / "data" / f"{name}.yaml", f"{name}.yaml")
    assert checklist is not None and not issues
    return checklist, written


def _items(c: Checklist) -> list[tuple[str, str]]:
    return [(i.text, i.id) for b in (*c.sections, *c.parts) for i in b.all_items()]


def _states(tmp_path: Path, name: str = "x") -> dict[str, str]:
    status, issues = load_data_file(tmp_path / "data" / f"{name}.status.yaml", f"{name}.status.yaml")
    assert not issues and status is not None
    return {e.id: e.state.value for e in status.items}  # type: ignore[union-attr]


# ---- encodings: a checklist saved by Notepad or PowerShell (UTF-16, with or without a byte order mark)

RELEASE = "# Release 2.0\n\n## Before\n\n- [ ] Freeze the `main` branch\n- [x] Tell support – “today”\n\n## After\n\n1. [ ] Tag v2.0\n"
WORDS = ["Freeze", "the", "`main`", "Проверка", "резервных", "копий", "数据库备份已验证", "一", "café", "Ελέγχος", "✅", "🔴", "(v2.0)"]
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
_LINES = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(lambda w: f"- [ ] {' '.join(w)}"), min_size=1, max_size=8)


@settings(max_examples=100, deadline=None)
@given(_TEXT, st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32"]))
def test_any_text_reads_back_in_utf8_or_with_a_byte_order_mark(text: str, encoding: str) -> None:
    """Any text saved in UTF-8, or with a byte order mark in UTF-8, UTF-16 or UTF-32, reads back as it was (the mark
    left out); no UTF-8 text is taken for UTF-16 (its zero bytes would be NULs, a control no checklist holds)."""
    assert decode_source(text.encode(encoding)) == (text.removeprefix("\ufeff") if encoding == "utf-8" else text)
    assert _wide(text.encode("utf-8")) == ""


@settings(max_examples=60, deadline=None)
@given(_LINES, st.sampled_from(["utf-16-le", "utf-16-be"]))
def test_a_checklist_in_utf16_without_a_mark_is_told_by_its_zero_bytes(lines: list[str], encoding: str) -> None:
    """Task lines in any script (Cyrillic, CJK, emoji alone) saved as UTF-16 without a byte order mark read back."""
    text = "\n".join(lines) + "\n"
    assert decode_source(text.encode(encoding)) == text


def test_a_checklist_saved_in_utf16_imports_as_its_utf8_copy(tmp_path: Path) -> None:
    """A Windows editor's 'Unicode' file was read as Windows-1252: 173 items of 'R e l e a s e' from 99 boxes."""
    plain, _ = _import(tmp_path / "a", RELEASE)
    for n, data in enumerate([b"\xff\xfe" + RELEASE.encode("utf-16-le"), b"\xfe\xff" + RELEASE.encode("utf-16-be"), RELEASE.encode("utf-16-le")]):
        wide, _ = _import(tmp_path / f"w{n}", data)
        assert wide.title == plain.title == "Release 2.0" and _items(wide) == _items(plain)
        assert [i[0] for i in _items(wide)] == ["Freeze the `main` branch", "Tell support – “today”", "Tag v2.0"]
    latin, _ = _import(tmp_path / "c", RELEASE.replace("“", '"').replace("”", '"').encode("cp1252"))
    assert [i[0] for i in _items(latin)][1] == 'Tell support – "today"'  # not UTF-8: Windows-1252, as before


# ---- front matter in TOML, as Hugo writes it


def test_toml_front_matter_gives_the_metadata_as_yaml_front_matter_does(tmp_path: Path) -> None:
    """'+++' front matter showed as text in the first section's notes and the title came from the file name."""
    source = '+++\ntitle = "Go-live 3.1"\nowner = "Platform team"\ndate = 2024-05-01\ntags = ["ops", "release"]\n+++\n\n## Prepare\n\n- [ ] Book the window\n'
    c, written = _import(tmp_path, source)
    assert (c.title, c.owner, str(c.updated)) == ("Go-live 3.1", "Platform team", "2024-05-01")
    assert "+++" not in (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")
    assert any("front matter key not used" in w and "x.md:5" in w for w in written.warnings)  # tags, at its own line
    broken, _ = _import(tmp_path / "b", "+++\nthis is = = not toml\n+++\n\n## Prepare\n\n- [ ] Book the window\n")
    assert "not toml" in broken.sections[0].notes  # not TOML: the lines stay, as a YAML block that is no mapping does


# ---- boxes escaped by an export (Google Docs, Notion, pandoc)


def test_boxes_with_escaped_brackets_are_boxes_where_a_box_may_stand(tmp_path: Path) -> None:
    """A Google Docs export wrote the open steps '* \\[ \\] **Step 5b**' and the done ones '* [x] …': only the done
    ones were items, the open ones text in the notes."""
    source = (
        "# Parser\n\n## Steps\n\n"
        "* [x] **Step 1: Extract**: text and images\n"
        "* \\[ \\] **Step 2: Merge**: answers and questions\n"
        "* \\[x\\] **Step 3: Check**: the counts\n\n"
        "\\[ \\] Ship the dataset\n\n"
        "| Done | Task |\n|---|---|\n| \\[ \\] | Write the changelog |\n| \\[x\\] | Tag the release |\n\n"
        "Type \\[ \\] in a cell to show a box.\n"
    )
    c, written = _import(tmp_path, source.replace("# Parser\n\n## Steps", "# **Parser**\n\n## **Steps** {#parse-steps}"))
    assert (c.title, c.sections[0].title, c.sections[0].id) == ("Parser", "Steps", "parse-steps")  # bold over a whole heading: left out
    assert [t for t, _ in _items(c)] == [
        "**Step 1: Extract**: text and images",
        "**Step 2: Merge**: answers and questions",
        "**Step 3: Check**: the counts",
        "Ship the dataset",
        "Write the changelog",
        "Tag the release",
    ]
    assert set(_states(tmp_path)) == {"step-1-extract-text", "step-3-check-counts", "tag-release"}
    assert "Type \\[ \\] in a cell" in c.sections[0].notes  # in a sentence: text, as a reader sees it
    assert any("escaped brackets" in w and "lines 6, 7, 9, 13, 14" in w for w in written.warnings)


# ---- Obsidian's custom task states


def test_other_task_states_in_a_task_list_are_open_boxes_and_brackets_elsewhere_text(tmp_path: Path) -> None:
    """A vault's list of alternate checkboxes ('- [D] Date', '- [@] Person', '- [~] Conflict') kept 9 of its 38 boxes:
    the other 29 went to the section's notes, out of their place."""
    source = (
        "# Novel\n\n## Chapter 3\n\n- [ ] Outline the scene\n- [D] Set the date\n- [@] Meet the editor\n  - [~] Settle the conflict\n"
        "- [x] Name the inn\n- [-] Drop the prologue\n\n"
        "Sources:\n\n- [1] Smith, *Inns of Kent*, 2020\n- [2] Jones, *Roads*, 2019\n"
    )
    c, written = _import(tmp_path, source)
    assert [t for t, _ in _items(c)] == ["Outline the scene", "Set the date", "Meet the editor", "Settle the conflict", "Name the inn", "Drop the prologue"]
    assert _states(tmp_path) == {"name-inn": "done", "drop-prologue": "n/a"}
    assert "[1] Smith" in c.sections[0].notes  # a list without a task: its brackets are text
    assert any("task state other than" in w and "lines 6, 7, 8" in w for w in written.warnings)


def test_a_tick_in_the_brackets_is_done_and_obsidian_tasks_priorities_are_priorities(tmp_path: Path) -> None:
    """'- [√] compressor' (a to-do list's done item) and Obsidian Tasks' '⏫' (high), '🔼', '🔽', '[priority:: high]'
    were read as nothing: an open item of no priority with the emoji in its text."""
    source = (
        "# Synth\n\n## Later\n\n- [ ] Global mod matrix\n- [√] Compressor\n- [✔️] Limiter\n\t- [ ] Sidechain ⏫ 📅 2026-02-01\n"
        "- [ ] Suggest notes 🔽\n- [ ] Undo node delete 🔼 [priority:: high]\n"
    )
    c, _ = _import(tmp_path, source)
    items = [(i.text, i.priority.value if i.priority else None) for b in c.sections for i in b.all_items()]
    assert items == [
        ("Global mod matrix", None),
        ("Compressor", None),
        ("Limiter", None),
        ("Sidechain", "high"),  # its due date a line of its details (test_import_sweep13)
        ("Suggest notes", "low"),
        ("Undo node delete", "high"),  # the strongest of its marks
    ]
    assert set(_states(tmp_path)) == {"compressor", "limiter"}


# ---- a checklist printed as tables, its Status column left empty for the ticks


def test_a_table_with_an_empty_status_column_is_a_table_of_boxes(tmp_path: Path) -> None:
    """A release readiness template of seven such tables (30 rows) and no box: its six metadata bullets were read as
    the items ('**Environment:** `<UAT / Prod>`') and every row stayed a table in the notes."""
    source = (
        "# Bakery opening\n\n## 1. Shop details\n\n- **Opening day:** `<DD-MMM-YYYY>`\n- **Manager:** `<name>`\n\n"
        "## 2. Kitchen ✅\n\n| Item | Status (✅/⚠️/❌) | Owner | Notes |\n|---|---|---|---|\n"
        "| Ovens serviced |  | Sam |  |\n| **Fridges at 4 °C:** checked | | Ana | log it |\n\n"
        "## 3. Go / No-Go\n\n| Criteria | Weight | Threshold | Status (Pass/Fail) |\n|---|---|---|---|\n"
        "| Health inspection passed | **CRITICAL** | certificate on the wall |  |\n| Card reader works | MEDIUM | test sale |  |\n\n"
        "## 4. Suppliers\n\n| Supplier | Status |\n|---|---|\n| Flour | ✅ |\n| Milk | ❌ |\n"
    )
    c, written = _import(tmp_path, source)
    items = {i.text: i for b in c.sections for i in b.all_items()}
    assert list(items) == ["Ovens serviced", "**Fridges at 4 °C:** checked", "Health inspection passed", "Card reader works"]
    assert items["Health inspection passed"].critical and items["Card reader works"].priority.value == "medium"  # type: ignore[union-attr]
    assert items["**Fridges at 4 °C:** checked"].details == "Notes: log it"
    assert "Opening day" in c.sections[0].notes and "| Flour | ✅ |" in c.sections[-1].notes  # a filled Status column is text
    assert any("Status column left empty" in w and "lines 10, 17" in w for w in written.warnings)


# ---- AsciiDoc attributes, an HTML form's title row, a marker in code


def test_asciidoc_attributes_are_put_in_and_a_link_in_monospace_stays_one_link(tmp_path: Path) -> None:
    """A release checklist's '{crates-io-url}[crates.io]' stayed as written and '`link:CHANGELOG.adoc[]`' became the
    text '`[CHANGELOG.adoc](CHANGELOG.adoc)`'."""
    source = (
        "= Release Checklist\n:registry-url: https://crates.example/\n:tool: cargo\n\n"
        ". Update `link:CHANGELOG.adoc[]` (rename the unreleased header)\n"
        ". Publish to {registry-url}[the registry] using `{tool} publish`\n"
        ". Tell the list{nbsp}(see `link:https://lists.example/dev[dev]`)\n"
    )
    c, _ = _import(tmp_path, source, suffix=".adoc")
    assert [t for t, _ in _items(c)] == [
        "Update `CHANGELOG.adoc` (rename the unreleased header)",  # a relative link: text, as in Markdown
        "Publish to [the registry](https://crates.example/) using `cargo publish`",  # in monospace too, as AsciiDoc reads it
        "Tell the list (see [`dev`](https://lists.example/dev))",
    ]


def test_an_html_forms_title_row_and_rows_over_several_lines_keep_its_table(tmp_path: Path) -> None:
    """A form saved as HTML, its table headed by one cell over all columns and each row over several lines, was
    refused: 'no check boxes found' (the title row made a header of one column, and the rows' lines a table each)."""
    row = '    <tr>\n        <td>0{n}</td>\n        <td>{what}</td>\n        <td>\n            <input type="checkbox"{on} />\n        </td>\n    </tr>\n'
    rows = "".join(row.format(n=n, what=what, on=" checked" if n == 2 else "") for n, what in enumerate(["Ovens", "Fridges", "Extractor"], 1))
    title = '    <tr>\n        <th colspan="3">Kitchen checks before opening</th>\n    </tr>\n'
    source = f'<table class="form">\n{title}    <tr><th>#</th><th>Item</th><th>Done</th></tr>\n{rows}</table>\n'
    c, written = _import(tmp_path, source, suffix=".html")
    assert [t for t, _ in _items(c)] == ["Ovens", "Fridges", "Extractor"] and set(_states(tmp_path)) == {"fridges"}
    assert "Kitchen checks before opening" in c.sections[0].notes


def test_a_marker_in_code_is_code(tmp_path: Path) -> None:
    """'Replace the `🔴` badge' was a critical item whose code lost its emoji ('Replace the ` ` badge')."""
    c, _ = _import(tmp_path, "# T\n\n## S\n\n- [ ] Replace the `🔴` badge with text\n- [ ] Grep for `MUST` and ``(Critical)`` 🔴\n")
    items = [i for b in c.sections for i in b.all_items()]
    assert [(i.text, i.critical) for i in items] == [("Replace the `🔴` badge with text", False), ("Grep for `MUST` and ``(Critical)``", True)]


# ---- a checklist set in a code block to print and tick


def test_ballot_boxes_in_a_plain_code_block_are_items_and_a_task_list_in_code_stays_code(tmp_path: Path) -> None:
    """A deployment plan whose only boxes stood in a code block ('☐ Pre-flight verification complete') was refused
    ('no check boxes found'); a print-and-follow sheet's 28 steps in code blocks were the details of its 7 headings."""
    source = (
        "# Bake day\n\n## ☐ Before dawn\n\n```\n☐ 1. Light the oven\n☐ 2. Weigh the flour:\n      scale --tare\n"
        "      (500 g a loaf)\n\nOption B: rye\n──────────────\n☐ 3. Soak the rye\n   ☑ Rye bought\n```\n\n"
        "## Syntax\n\n```markdown\n- [ ] a task, as Markdown writes it\n```\n\n```python\nprint('☐ not a box')\n```\n"
    )
    c, written = _import(tmp_path, source)
    oven = c.sections[0].groups[0].items[0]
    assert oven.text == "Before dawn" and [(i.text, [s.text for s in i.items]) for i in oven.items] == [
        ("1. Light the oven", []),
        ("2. Weigh the flour: `scale --tare` `(500 g a loaf)`", []),
        ("3. Soak the rye", ["Rye bought"]),
    ]
    assert set(_states(tmp_path)) == {"rye-bought"}
    notes = "\n".join(s.notes for s in c.sections)
    assert "- [ ] a task, as Markdown writes it" in notes and "print('☐ not a box')" in notes  # code stays code
    assert any("plain code block" in w and "lines 6, 7, 13, 14" in w for w in written.warnings)


def test_a_file_of_a_format_import_does_not_read_is_refused_with_what_it_reads(tmp_path: Path) -> None:
    """A board's JSON export, a Word document or any binary file was refused with the Markdown hint alone."""
    for name, data in [("board.json", b'{"cards": [{"name": "DNS", "closed": false}]}'), ("plan.docx", b"PK\x03\x04\x00\x00binary")]:
        (tmp_path / name).write_bytes(data)
        with pytest.raises(CheckFailed) as refused:
            run_import(tmp_path / name, tmp_path / "data" / "x.yaml", tmp_path / "docs", today=TODAY)
        issue = refused.value.issues[0]
        assert (issue.loc.file, issue.loc.line) == (str(tmp_path / name), 1) and "import reads Markdown, org-mode" in issue.hint
    assert "the file is JSON" in _hint(tmp_path / "board.json") and "the file is a Word document" in _hint(tmp_path / "plan.docx")


def _hint(path: Path) -> str:
    with pytest.raises(CheckFailed) as refused:
        run_import(path, None, path.parent / "docs", today=TODAY)
    return refused.value.issues[0].hint


def test_an_org_outline_of_headlines_alone_has_its_leaves_as_open_boxes(tmp_path: Path) -> None:
    """A pilot's checklist kept as an org outline ('* Pre-flight', '** Fuel level', '** Exterior inspection' with
    '*** Tires: inflated') has no box, keyword or list: it was refused ('no check boxes found')."""
    source = (
        "#+TITLE: PA-18 checklist\n\n* Pre-flight\n** Fuel level\n** Oil level: 4-6\n** Exterior inspection\n*** Tires: inflated\n"
        "*** Pitot cover: off\n* Start\n** Master on\n** Notes for instructors\nBrief the air work before the start.\n"
    )
    c, written = _import(tmp_path, source, suffix=".org")
    assert c.title == "PA-18 checklist"
    assert [(s.title, [(g.title, [i.text for i in g.items]) for g in s.groups]) for s in c.sections] == [
        ("Pre-flight", [("Pre-flight", ["Fuel level", "Oil level: 4-6"]), ("Exterior inspection", ["Tires: inflated", "Pitot cover: off"])]),
        ("Start", [("Start", ["Master on"])]),
    ]
    assert "Brief the air work" in c.sections[1].notes  # a headline with a body is no item
    assert any("read as open boxes" in w for w in written.warnings)


def test_an_item_text_that_opens_with_a_number_renders_its_inline_markdown() -> None:
    """'8. Download the weights `Link: https://…`' (a printed sheet's numbered step) showed its backticks on the page:
    Markdown read a list there, and the renderer fell back to the text as written."""
    from generator.format.types import InlineMarkdown
    from generator.site.items import text_html

    assert str(text_html(InlineMarkdown("8. Download from `https://d.test/w`"))) == '8. Download from <code><span class="cl-word">https://d.test/w</span></code>'
    assert str(text_html(InlineMarkdown("2) Run **now** - then `ls`"))) == "2) Run <strong>now</strong> - then <code>ls</code>"
    assert str(text_html(InlineMarkdown("* Star `x`"))) == "* Star <code>x</code>"
    assert str(text_html(InlineMarkdown("#task `space` Unchecked"))) == "#task <code>space</code> Unchecked"  # a vault's tag first


def test_an_empty_box_under_a_rollback_heading_alone_imports() -> None:
    """Found by the property on any Markdown: '# Rollback' over an empty '- [ ] ' and nothing else boxed made an item
    of no text, and the import refused its own draft ('this is a bug in the importer'). A box with nothing after it is
    a blank to fill in, no item (sixth sweep): the file is refused at that box, saying so."""
    from generator.exchange.importer import import_markdown
    from generator.exchange.walk import BLANK

    imported = import_markdown("# Rollback\n\n- [ ] \n\n**deploy**:\n\n# deploy\n\n# deploy\n", "rb.md")
    assert [i.text for i in imported.draft.all_items()] == [] and list(imported.placed.values()) == [BLANK]


def test_jira_wiki_markup_reads_as_the_markdown_it_means(tmp_path: Path) -> None:
    """A release ticket's checklist in Jira's wiki markup ('h2.', '* (/) Branch cut', '** (x) JRA-101 fixed') was
    read as Markdown: its headings paragraphs, and no box at all (its bullets read as plain ones, '(/)' in the text)."""
    source = (
        "h1. Release 4.2 checklist\n\nOwner: [~jsmith], see [the runbook|https://wiki.example/runbook]\n\nh2. Before the freeze\n"
        "* (/) Branch {{release/4.2}} cut from *main*\n* (x) All blockers closed\n** (x) JRA-101 fixed\n** (/) JRA-102 fixed\n"
        "* [ ] Notes drafted\n\nh2. Deploy\n# [ ] Stop the workers\n{code:bash}\n* [ ] not a box: code\n{code}\n# [x] Start the workers\n"
    )
    for name in ("release.jira", "release.txt"):  # by its suffix, or by its first lines
        c, written = _import(tmp_path / name, source, suffix="." + name.split(".")[1])
        assert c.title == "Release 4.2 checklist" and [s.title for s in c.sections] == ["Before the freeze", "Deploy"]
        items = [(i.text, [x.text for x in i.items]) for s in c.sections for i in s.groups[0].items]
        assert items == [
            ("Branch `release/4.2` cut from **main**", []),
            ("All blockers closed", ["JRA-101 fixed", "JRA-102 fixed"]),
            ("Notes drafted", []),
            ("Stop the workers", []),
            ("Start the workers", []),
        ]
        assert set(_states(tmp_path / name)) == {"branch-release-42-cut", "jra-102-fixed", "start-workers"}
        assert "@jsmith" in c.sections[0].notes and "[the runbook](https://wiki.example/runbook)" in c.sections[0].notes
    table = "h1. Release\n\nh2. Checks\n\n||Task||Done||Note||\n|Backups verified|(/)|Ann|\n|DNS switched|(x)|Bo|\n|Tell {{support}}| |Cy|\n"
    c, _ = _import(tmp_path / "t", table, suffix=".jira")
    assert [(i.text, i.details) for i in c.sections[0].all_items()] == [("Backups verified", "Note: Ann"), ("DNS switched", "Note: Bo")]
    assert set(_states(tmp_path / "t")) == {"backups-verified"} and "Tell `support` | Cy" in c.sections[0].notes


def test_a_mediawiki_table_with_box_cells_is_a_table_of_items(tmp_path: Path) -> None:
    """A wiki's kit list as a table ('{|', '! Item !! Packed', '| Tent || {{Done}}', rows over several lines) had its
    rows as raw wiki lines in the notes and not one box (a leftover of the first sweep)."""
    source = (
        "== Packing ==\n{| class=\"wikitable\"\n|+ Kit list\n! Item !! Packed !! Notes\n|-\n| Tent || {{Done}} || two-person\n|-\n"
        "| Stove\n| {{Not done}}\n| gas: check\n|-\n| style=\"color:red\" | Maps || [ ] || [[Trip:Map|map]]\n|}\n\n"
        "{| class=\"wikitable\"\n! A !! B\n|-\n| plain || table\n|}\n"
    )
    c, _ = _import(tmp_path, source, suffix=".wiki")
    items = c.sections[0].groups[0].items
    assert [(i.text, i.details) for i in items] == [("Tent", "Notes: two-person"), ("Stove", "Notes: gas: check"), ("Maps", "Notes: map")]
    assert set(_states(tmp_path)) == {"tent"} and "**Kit list**" in c.sections[0].notes and "| plain | table |" in c.sections[0].notes


def test_an_asciidoc_table_with_box_cells_is_a_table_of_items(tmp_path: Path) -> None:
    """An AsciiDoc checklist as a table ('|===', '|Check the bilge |[x] |Ann', a row's cells on lines of their own)
    had its rows as text and not one box (a leftover of the first sweep)."""
    source = (
        "= Boat\n\n== Before sailing\n\n[cols=\"3,1,2\",options=\"header\"]\n|===\n|Task |Done |Note\n|Check the bilge |[x] |Ann\n"
        "|Fuel the tank |[ ] |Bo\n|Radio check\n|[ ]\n|Cy\n|===\n\n.Plain\n|===\n|A |B\n\n|plain |table\n|===\n\n"
        "[%header,cols=2]\n|===\n|Item\n|State\n\n|Lifejackets\n|☐\n|===\n"
    )
    c, _ = _import(tmp_path, source, suffix=".adoc")
    items = [(i.text, i.details) for g in c.sections[0].groups for i in g.items]
    assert items == [("Check the bilge", "Note: Ann"), ("Fuel the tank", "Note: Bo"), ("Radio check", "Note: Cy"), ("Lifejackets", "")]
    assert set(_states(tmp_path)) == {"check-bilge"} and "| plain | table |" in c.sections[0].notes  # no box: a table in the notes


def test_an_rst_list_table_is_a_table_its_box_cells_items_and_nothing_of_it_lost(tmp_path: Path) -> None:
    """A release checklist's '.. list-table::' was left out whole with the other directives: its rows, a ticked box
    among them, were neither items nor notes, and no warning said so."""
    source = (
        "Release Checklist\n#################\n\n.. list-table:: Development\n   :widths: 35 10 30\n   :header-rows: 1\n\n"
        "   * - Item\n     - Status\n     - Comment\n   * - Design work completed\n     - Pending\n     -\n"
        "   * - Design work reviewed\n     - [x]\n     - by Ann,\n       twice\n\nThen tag it.\n\n"
        ".. list-table::\n\n   * - Mirror\n     - https://mirror.example\n\n* [ ] Tag the release\n"
    )
    c, _ = _import(tmp_path, source, suffix=".rst")
    assert [(i.text, i.details) for i in c.sections[0].groups[0].items] == [("Design work reviewed", "Comment: by Ann, twice"), ("Tag the release", "")]
    notes = c.sections[0].notes
    assert "**Development**" in notes and "Design work completed | Pending" in notes and "Then tag it." in notes
    assert "| Mirror | https://mirror.example |" in notes and "| | |" not in notes  # a table without a box: prose
    assert set(_states(tmp_path)) == {"design-work-reviewed"}


def test_lists_of_drawn_boxes_ticks_and_crosses_are_task_lists(tmp_path: Path) -> None:
    """A status list ('- ✅ Backups verified', '- ⬜ DNS switched', '- ❌ Pen test') kept its glyphs in the texts and
    recorded no tick; a redesign report of numbered '✅ **Overview**' lines (no box at all) likewise."""
    source = (
        "# Launch\n\n## Status\n\n- ✅ Backups verified\n- ⬜ DNS switched\n  - ✔️ TTL lowered\n- ❌ Pen test\n- □ Certificates renewed\n\n"
        "## Features\n\n- [ ] Ship it\n\nWhat it has:\n\n- ✅ Fast\n- ❌ No GC\n"
    )
    c, written = _import(tmp_path / "a", source)
    assert [(i.text, [s.text for s in i.items]) for i in c.sections[0].groups[0].items] == [
        ("Backups verified", []), ("DNS switched", ["TTL lowered"]), ("Pen test", []), ("Certificates renewed", [])
    ]  # fmt: skip
    assert set(_states(tmp_path / "a")) == {"backups-verified", "ttl-lowered"}
    assert "- ✅ Fast" in c.sections[1].notes  # ticks and crosses alone: a feature list, text
    report = "# Redesign\n\n## Pages\n\n1. ✅ **Overview** - hero sections\n2. ✅ **Setup** - five steps\n3. **Events** - playground\n"
    c, _ = _import(tmp_path / "b", report)
    assert [i.text for i in c.sections[0].groups[0].items] == ["**Overview** - hero sections", "**Setup** - five steps", "**Events** - playground"]
    assert set(_states(tmp_path / "b")) == {"overview-hero-sections", "setup-five-steps"}


def test_tables_side_by_side_in_one_are_read_one_after_the_other(tmp_path: Path) -> None:
    """A process form printed in two halves ('# | Item | Yes/No | | # | Item | Yes/No', items 01-15 left and 16-27
    right) gave 15 items of its 26 boxes, the right half's texts in their details."""
    rows = (
        "| 01 | Reaction exothermic | [ ] | | 04 | Pressure | [x] |\n| 02 | Flammability | [ ] | ` | 05 | Sample | [ ] |\n"
        "| 03 | Toxicity | [ ] | | 06 | Others: | |\n"
    )
    c, written = _import(tmp_path, f"# Process checklist\n\n| # | Item | Yes/No | | # | Item | Yes/No |\n|---|---|---|---|---|---|---|\n{rows}")
    assert [i.text for i in c.sections[0].groups[0].items] == ["Reaction exothermic", "Flammability", "Toxicity", "Pressure", "Sample"]
    assert set(_states(tmp_path)) == {"pressure"} and "Others:" in c.sections[0].notes
    assert "5 check box(es); 5 written" in written.summary[0]


def test_how_to_use_prose_after_a_section_stays_where_it_stood(tmp_path: Path) -> None:
    """A readiness checklist's '## Purpose' paragraph then '## How to Use This Checklist' list came out list first:
    the instructions' prose went before every section's."""
    source = (
        "# Readiness\n\n## Purpose\n\nThis checklist gates the release.\n\n## How to Use This Checklist\n\n1. **Start early**: two weeks ahead\n"
        "2. **Assign owners**: one for each item\n\n## Planning\n\n- [ ] Scope defined\n"
    )
    c, _ = _import(tmp_path, source)
    notes = c.sections[0].notes
    assert notes.index("This checklist gates") < notes.index("**How to Use This Checklist**") < notes.index("1. **Start early**")
    assert "1. **Start early**: two weeks ahead\n2. **Assign owners**" in notes  # one list, as written


def test_steps_numbered_as_an_outline_are_sub_items(tmp_path: Path) -> None:
    """A cutover runbook typed as an outline ('1. Preparation', '1.1 Take a backup', '1.2.1 Restore it') gave two
    items: 'Preparation 1.1 Take a backup 1.2 Verify the backup 1.2.1 Restore it on staging' and the like."""
    source = "# Cutover\n\n## Steps\n\n1. Preparation\n1.1 Take a backup\n1.2 Verify the backup\n1.2.1 Restore it on staging\n2. Deployment\n2.1 Stop it\n"
    c, _ = _import(tmp_path, source)
    tree = [(i.text, [(s.text, [x.text for x in s.items]) for s in i.items]) for i in c.sections[0].groups[0].items]
    assert tree == [
        ("Preparation", [("1.1 Take a backup", []), ("1.2 Verify the backup", ["1.2.1 Restore it on staging"])]),
        ("Deployment", [("2.1 Stop it", [])]),
    ]


def test_a_task_or_a_paragraph_in_a_table_cell_keeps_its_row(tmp_path: Path) -> None:
    """Confluence puts a cell's text in a paragraph and a Done column's task in a task list: each started a block of
    its own, so the rows came apart ('(no text)' items, the owners a table of their own)."""
    task = "<ac:task-list><ac:task><ac:task-id>{n}</ac:task-id><ac:task-status>{s}</ac:task-status><ac:task-body>&nbsp;</ac:task-body></ac:task></ac:task-list>"
    rows = "".join(
        f"<tr><td><p>{what}</p></td><td>{task.format(n=n, s=state)}</td><td><p>{who}</p></td></tr>\n"
        for n, (what, state, who) in enumerate([("Backups verified", "complete", "Ann"), ("DNS switched", "incomplete", "Bo")])
    )
    source = f"<h1>Go-live</h1>\n<h2>Infrastructure</h2>\n<table><tbody>\n<tr><th>Task</th><th>Done</th><th>Note</th></tr>\n{rows}</tbody></table>\n"
    nested = '<table><tr><td><ul><li class="checked">x</li></ul></td></tr></table>'  # a table in a task in a list: no error
    source += f'<ul><li>Lists <ul class="task-list"><li class="task-list-item checked">{nested}</li></ul></li></ul>\n'
    c, _ = _import(tmp_path, source, suffix=".html")
    assert [(i.text, i.details) for i in c.sections[0].groups[0].items][:2] == [("Backups verified", "Note: Ann"), ("DNS switched", "Note: Bo")]
    assert "backups-verified" in _states(tmp_path)


def test_a_checklist_kept_as_data_by_another_tool_imports_its_tasks(tmp_path: Path) -> None:
    """A to-do app's YAML ('checklist: - name: Backups, done: true') was read as Markdown: items 'name: Backups
    verified done: true'; a board's JSON export (checklists of checkItems with a state) was refused."""
    listed = "title: Release\nowner: Ops\nchecklist:\n  - name: Backups verified\n    done: true\n  - name: DNS switched\n    done: false\n"
    c, _ = _import(tmp_path / "y", listed, suffix=".yaml")
    assert c.title == "Release" and [i.text for i in c.sections[0].groups[0].items] == ["Backups verified", "DNS switched"]
    assert set(_states(tmp_path / "y")) == {"backups-verified"}
    board = (
        '{"name": "Launch board", "lists": [{"name": "Doing", "closed": false}], "cards": [{"name": "Prepare"}], "checklists": ['
        '{"name": "Pre", "checkItems": [{"name": "Backups", "state": "complete"}, {"name": "DNS", "state": "incomplete"}]},'
        ' {"name": "Post", "checkItems": [{"name": "Tell support", "state": "incomplete"}]}]}'
    )
    c, _ = _import(tmp_path / "j", board, suffix=".json")
    assert c.title == "Launch board"
    assert [(s.title, [i.text for i in s.all_items()]) for s in c.sections] == [("Pre", ["Backups", "DNS"]), ("Post", ["Tell support"])]
    assert set(_states(tmp_path / "j")) == {"backups"}


def test_checklist_yaml_is_refused_as_nothing_to_import(tmp_path: Path) -> None:
    """Importing a data/*.yaml read its YAML lines as Markdown: 291 items of the shipped checklist's keys."""
    from .conftest import ROOT

    with pytest.raises(CheckFailed) as refused:
        run_import(ROOT / "data" / "realserv-launch.yaml", tmp_path / "data" / "x.yaml", tmp_path / "docs", today=TODAY)
    assert "checklist YAML already" in refused.value.issues[0].message and refused.value.issues[0].loc.line == 1


def test_a_checkbox_input_in_a_markdown_list_item_or_table_cell_is_a_box(tmp_path: Path) -> None:
    """A page's HTML pasted into Markdown ('| <input type="checkbox"> | Backups verified |', '- <input type="checkbox"
    checked disabled> Tell support'): the table stayed prose and the item's text held the raw tag."""
    source = (
        '# Go-live\n\n## Checks\n\n| Done | Task |\n|---|---|\n| <input type="checkbox"> | Backups verified |\n'
        '| <input type="checkbox" checked> | DNS switched |\n\n- <input type="checkbox" checked disabled> Tell support\n'
    )
    c, written = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Backups verified", "DNS switched", "Tell support"]
    assert set(_states(tmp_path)) == {"dns-switched", "tell-support"}
    assert any("checkbox input" in w and "lines 7, 8, 10" in w for w in written.warnings)


def test_a_line_break_tag_is_a_line_break_not_text(tmp_path: Path) -> None:
    """'<br>' (in a table cell, GitHub's only line break) showed as '<br>' in the item's text and details."""
    c, _ = _import(tmp_path, "# T\n\n## S\n\n- [ ] Backups<br>then restore\n\n| Done | Step | Checks |\n|---|---|---|\n| [ ] | Deploy | smoke<br/>logs |\n")
    assert [(i.text, i.details) for i in c.sections[0].all_items()] == [("Backups then restore", ""), ("Deploy", "Checks: smoke logs")]


def test_the_pages_of_an_import_go_to_the_project_whose_data_it_writes(tmp_path: Path) -> None:
    """'import FILE -o other/data/x.yaml' run from another folder wrote the notes' page to that folder's docs/: the
    other project's strict build then refused the link to it."""
    from .conftest import run_cli

    project = tmp_path / "site"
    assert run_cli("init", str(project), "--empty").returncode == 0
    long = "\n\n".join(f"Paragraph {n} of the background, " + "words " * 80 for n in range(12))
    (tmp_path / "plan.md").write_text(f"# Plan\n\n## Background\n\n{long}\n\n- [ ] Book the room\n", encoding="utf-8")
    assert run_cli("import", str(tmp_path / "plan.md"), "-o", str(project / "data" / "plan.yaml"), cwd=tmp_path).returncode == 0
    assert (project / "docs" / "imported" / "plan" / "background.md").is_file() and not (tmp_path / "docs").exists()


def test_several_boxes_in_one_table_cell_are_the_rows_sub_items(tmp_path: Path) -> None:
    """'| Chrome | [x] desktop<br>[ ] mobile |' (a PR template's browser matrix) gave one item, its second box text
    in the details ('Tested: desktop<br>[ ] mobile')."""
    rows = "| Chrome | [x] desktop<br>[ ] mobile |\n| Safari | [x] desktop<br/>[x] mobile |\n| Edge | [ ] |\n"
    source = f"# PR\n\n## Tested\n\n| Browser | Tested |\n|---|---|\n{rows}"
    c, written = _import(tmp_path, source)
    items = c.sections[0].groups[0].items
    assert [(i.text, [s.text for s in i.items]) for i in items] == [("Chrome", ["desktop", "mobile"]), ("Safari", ["desktop", "mobile"]), ("Edge", [])]
    assert "5 check box(es); 5 written" in written.summary[0]
    done = {items[0].items[0].id, items[1].id, *(s.id for s in items[1].items)}  # Safari: done, as all its boxes are
    assert set(_states(tmp_path)) == done


def test_boxes_typed_loosely_are_boxes(tmp_path: Path) -> None:
    """A plain text checklist's '[] Backups verified', '[x]DNS switched' and '- []Notes drafted' were text, and '* [ ]Tag'
    an item whose text held its box."""
    source = "Release checklist\n\n[] Backups verified\n[x]DNS switched\n- [] Tell support\n- []Notes drafted\n* [ ]Tag\n\nSee [x](https://x.test).\n"
    c, written = _import(tmp_path, source, suffix=".txt")
    assert [i.text for i in c.sections[0].all_items()] == ["Backups verified", "DNS switched", "Tell support", "Notes drafted", "Tag"]
    assert set(_states(tmp_path)) == {"dns-switched"} and any("typed loosely" in w for w in written.warnings)
