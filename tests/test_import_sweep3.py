"""Shapes a third sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from generator.exchange.importing import run_import, write_all
from generator.format.model import Checklist
from generator.format.validate import load_data_file

from .conftest import load_checklist

TODAY = datetime.date(2026, 1, 12)


def _import(tmp_path: Path, source: str, name: str = "x", suffix: str = ".md") -> tuple[Checklist, Any]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(source.encode("utf-8"))
    written = run_import(path, tmp_path / "data" / f"{name}.yaml", tmp_path / "docs", today=TODAY)
    write_all(written.files)
    checklist, issues = load_checklist(tmp_path / "data" / f"{name}.yaml", f"{name}.yaml")
    assert checklist is not None and not issues
    return checklist, written


def _done(tmp_path: Path, name: str = "x") -> set[str]:
    status, issues = load_data_file(tmp_path / "data" / f"{name}.status.yaml", f"{name}.status.yaml")
    assert not issues
    return {e.id for e in status.items} if status is not None else set()  # type: ignore[union-attr]


def test_boxes_in_bold_or_italics_are_boxes(tmp_path: Path) -> None:
    """A template that makes its boxes stand out ('| Backups | **[ ]** |', '- *[x]* Tag', '**[ ] Freeze main**')
    was refused ('no check boxes found'), or its items held the asterisks and brackets."""
    source = (
        "# Release\n\n## Checks\n\n| Task | Done |\n|---|---|\n| Backups verified | **[ ]** |\n| DNS switched | **[x]** |\n\n"
        "- *[x]* Tag the release\n- __[ ]__ Tell support\n\n**[ ] Freeze main** before noon\n\nWrite **[ ]** where a box goes.\n"
    )
    c, written = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Backups verified", "DNS switched", "Tag the release", "Tell support", "**Freeze main** before noon"]
    assert _done(tmp_path) == {"dns-switched", "tag-release"}
    assert "5 check box(es); 5 written" in written.summary[0] and any("bold or italics" in w for w in written.warnings)
    assert "Write **[ ]** where a box goes." in c.sections[0].notes


def test_a_jira_table_right_under_a_heading_and_textile_code_blocks(tmp_path: Path) -> None:
    """Confluence's 'h2. Checks' then '||Task||Done||' with no blank line between gave no box (a table needs one
    before it in Markdown); Textile's 'bc.' blocks were text ('bc. make release make publish' in the notes)."""
    jira = "h1. Go-live\n\nh2. Checks\nTick each row:\n||Task||Done||\n|Backups verified|(/)|\n|DNS switched|(x)|\n\n"
    jira += "h2. After\n||Task||Done||\n|Tell support|(x)|\n"
    c, _ = _import(tmp_path / "j", jira, suffix=".jira")
    assert [(s.title, [i.text for i in s.all_items()]) for s in c.sections] == [("Checks", ["Backups verified", "DNS switched"]), ("After", ["Tell support"])]
    assert "Tick each row:" in c.sections[0].notes and _done(tmp_path / "j") == {"backups-verified"}
    textile = "h1. Release\n\nh2. Steps\n\n* [ ] Build\n* [x] Tag\n\nbc. make release\n* not an item\n\n* [ ] Announce\n\n"
    textile += "bc.. cat <<EOF\n\n* [ ] nor this\n\np(note). After the code\n\nbq. Quoted\n"
    c, written = _import(tmp_path / "t", textile, suffix=".textile")
    items = list(c.sections[0].all_items())
    assert [i.text for i in items] == ["Build", "Tag", "Announce"] and "3 check box(es); 3 written" in written.summary[0]
    assert items[1].details == "```\nmake release\n* not an item\n```" and items[2].details.startswith("```\ncat <<EOF\n\n* [ ] nor this\n```")
    assert "After the code" in c.sections[0].notes and "> Quoted" in c.sections[0].notes and "p(note)" not in c.sections[0].notes
