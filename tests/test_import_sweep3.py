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


def test_comments_on_lines_of_their_own_keep_a_table_and_a_list_whole(tmp_path: Path) -> None:
    """A release template's commented-out row ('<!-- | Mock stage | [ ] | -->') ended its table: the rows after it
    were text and their boxes lost; a commented-out step between items split the list."""
    source = (
        "# Cut a release\n\n## Steps\n\n1. [ ] Check the signal\n<!-- Uncomment for minor releases\n1. [ ] Mock stage\n-->\n"
        "1. [ ] Stage\n<!-- checklist-site: nothing -->\n\n## History\n\n| Step | Done |\n| --- | --- |\n<!-- | Mock stage | [ ] | -->\n"
        "| Stage | [ ] |\n<!--\n| Mock release | [ ] |\n-->\n| Release | [x] |\n"
    )
    c, written = _import(tmp_path, source)
    assert [[i.text for i in g.items] for s in c.sections for g in s.groups] == [["Check the signal", "Stage"], ["Stage", "Release"]]
    assert c.sections[0].groups[0].ordered and _done(tmp_path) == {"release"}
    assert "4 check box(es); 4 written" in written.summary[0] and any("unknown checklist-site hint" in w for w in written.warnings)


def test_emoji_shortcodes_are_the_emoji_they_show(tmp_path: Path) -> None:
    """'- :white_check_mark: Backups verified' (GitHub shows the emoji) kept ':white_check_mark:' in the text and no
    tick; a heading's ':rocket:' was no icon."""
    source = (
        "# Go-live\n\n## :rocket: Deploy\n\n- :white_check_mark: Backups verified\n- :white_large_square: DNS switched\n"
        "- :x: Load test `:x:`\n\n## Notes\n\n| Check | Done |\n|---|---|\n| Smoke | [ ] |\n\nAt 10:30:00 :thumbsup: :nosuch:\n"
    )
    c, _ = _import(tmp_path, source)
    assert (c.sections[0].title, c.sections[0].icon) == ("Deploy", "🚀")
    assert [i.text for i in c.sections[0].all_items()] == ["Backups verified", "DNS switched", "Load test `:x:`"]
    assert _done(tmp_path) == {"backups-verified"} and "At 10:30:00 👍 :nosuch:" in c.sections[1].notes


def test_admonitions_read_their_body_as_markdown(tmp_path: Path) -> None:
    """':::tip[Before you start]' … ':::' (Docusaurus) and MyST's '```{note}' held boxes: the first item's text
    ended in ':::', the second's box was code; a mermaid body stays code."""
    source = (
        "# Upgrade\n\n## Prepare\n\n:::tip[Before you start]\n\n- [ ] Back up the database\n\n:::\n\n```{note}\n:class: tip\n- [ ] Read the notes\n```\n\n"
        "::: mermaid\ngraph TD; A-->B\n:::\n\n```{code-block} sh\n- [ ] not a box\n```\n"
    )
    c, written = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Back up the database", "Read the notes"]
    assert [g.title for g in c.sections[0].groups] == ["Before you start", "Note"]
    text = (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")
    assert "```mermaid\n" in text and "```sh\n" in text and ":::" not in text and ":class:" not in text and "{note}" not in text


def test_html_list_items_opening_with_a_ballot_box_and_hard_breaks_in_an_item(tmp_path: Path) -> None:
    """'<ul><li>☐ Backups verified</li>' (a word processor's checklist saved as HTML) was refused ('no check boxes
    found'); an item's hard break ('Tag\\' then '  with signature') kept the backslash in its text."""
    source = "# Kit\n\n<ul>\n<li>☐ Backups verified</li>\n<li>☑ DNS switched</li>\n</ul>\n\n- [ ] Tag\\\n  with signature\n"
    c, _ = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Backups verified", "DNS switched", "Tag with signature"]
    assert _done(tmp_path) == {"dns-switched"}


def test_what_the_new_readers_key_on_is_exported_as_text_and_reads_back_so(tmp_path: Path) -> None:
    """Export -> import stays the identity for texts holding a shortcode (':x:'), a box in bold at a line's start or an
    admonition's fence: import now reads those as an emoji, a box and an admonition."""
    from generator.exchange.export import as_markdown
    from generator.format.model import Data

    notes = "**[ ]** stays text\\n\\n:::tip not an admonition\\n\\n[x](https://x.test) a link\\n\\n"
    notes += "- ⬜ Pending\\n- ✅ Done\\n\\n| A | B |\\n|---|---|\\n| ⬜ | x |"
    notes += "\\n\\n/assign @me\\n\\n1. Step\\n   a. [ ] lettered\\n- TODO keyword [[wiki]]\\n- ［ ］ wide\\n\\n!!! note not one\\n\\nTerm\\n: not a definition"
    yaml_text = (
        "id: rt\ntitle: RT\nsections:\n  - id: s\n    title: S\n    priority: high\n"
        f'    notes: "{notes}"\n    groups:\n      - id: g\n        title: G\n        items:\n'
        '          - {id: reply, text: "Reply with :x: or :+1: at 10:30:00"}\n          - {id: plain, text: "Plain {doc}`x` {: .x } {% raw %}"}\n'
    )
    (tmp_path / "rt.yaml").write_text(yaml_text, encoding="utf-8")
    original, issues = load_checklist(tmp_path / "rt.yaml", "rt.yaml")
    assert original is not None and not issues
    markdown = as_markdown(Data((original,)))
    again, _ = _import(tmp_path / "again", markdown, "rt")
    assert [i.text for i in again.sections[0].all_items()] == [i.text for i in original.sections[0].all_items()]
    assert again.sections[0].notes.split() == original.sections[0].notes.split()


def test_a_table_column_of_drawn_boxes_and_ticks_is_a_column_of_boxes(tmp_path: Path) -> None:
    """A tracking sheet's Done column of ':white_check_mark:' and ':white_large_square:' (or '✅', '⬜') was a table in
    the notes and not one box; a column of ticks and crosses alone (a support matrix) stays text."""
    source = (
        "# Services\n\n## Atomic\n\n| Done | Name | File |\n|----|----|----|\n| :white_check_mark: | Activity | activity.py |\n"
        "| :white_large_square: | Billing | billing.py |\n| ✅ | Users | users.py |\n\n"
        "## Support\n\n| Feature | Linux |\n|---|---|\n| Sync | ✅ |\n| Push | ❌ |\n"
    )
    c, written = _import(tmp_path, source)
    expected = [("Activity", "File: activity.py"), ("Billing", "File: billing.py"), ("Users", "File: users.py")]
    assert [(i.text, i.details) for i in c.sections[0].all_items()] == expected
    assert _done(tmp_path) == {"activity", "users"} and "| Sync | ✅ |" in c.sections[0].notes + "".join(s.notes for s in c.sections)


def test_a_jupyter_notebook_gives_its_markdown_cells(tmp_path: Path) -> None:
    """A notebook whose Markdown cells held a task list was refused ('no check boxes found'), as if it had none."""
    import json

    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": ["# Analysis\n", "\n", "## Data\n", "\n", "- [ ] Load the data\n", "- [x] Clean it"]},
        {"cell_type": "code", "execution_count": 1, "metadata": {}, "outputs": [], "source": ["# - [ ] not a box\n", "x = 1"]},
        {"cell_type": "markdown", "metadata": {}, "source": "## Model\n\n- [ ] Train"},
    ]
    source = json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1)
    c, written = _import(tmp_path, source, suffix=".ipynb")
    assert c.title == "Analysis"
    assert [(s.title, [i.text for i in s.all_items()]) for s in c.sections] == [("Data", ["Load the data", "Clean it"]), ("Model", ["Train"])]
    assert _done(tmp_path) == {"clean-it"} and "3 check box(es); 3 written" in written.summary[0]
    from generator.exchange.importer import import_markdown

    line = next(n for n, x in enumerate(source.split("\n"), 1) if "Load the data" in x)
    assert [b.line for b in import_markdown(source, "x.ipynb").boxes][0] == line  # the file's own line


def test_quick_actions_tasklist_blocks_and_task_lists_in_table_cells(tmp_path: Path) -> None:
    """A GitLab template's '/label ~"meta: release"' and Prow's '/kind bug' showed in the notes as text; GitHub's
    '```[tasklist]' block was code, its boxes lost; a cell's '<ul><li> - [ ] Task one </li>…</ul>' (as GitLab's docs
    advise) was a table in the notes, its boxes lost."""
    source = (
        '/label ~"meta: release"\n\n# Epic\n\n```[tasklist]\n### Tasks\n- [ ] Draft the plan\n- [x] Book the room\n```\n\n'
        "| Area | Tasks |\n|---|---|\n| UI | <ul><li> - [ ] Task one </li><li> - [x] Task two </li></ul> |\n\n/etc/hosts is updated by hand.\n/kind feature\n"
    )
    c, written = _import(tmp_path, source)
    items = [i for g in c.sections[0].groups for i in g.items]
    assert [(i.text, [s.text for s in i.items]) for i in items] == [("Draft the plan", []), ("Book the room", []), ("UI", ["Task one", "Task two"])]
    assert c.sections[0].title == "Tasks" and "/etc/hosts is updated by hand." in c.sections[0].notes
    text = (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")
    assert "/label" not in text and "/kind" not in text and "tasklist" not in text and "<li>" not in text
    assert "4 check box(es); 4 written" in written.summary[0] and _done(tmp_path) == {"book-room", items[2].items[1].id}


def test_myst_roles_are_their_title_or_their_target_as_code(tmp_path: Path) -> None:
    """A MyST release process ('Update references in {doc}`/usage/the_basics`') kept '{doc}' in the item's text."""
    source = "# Release\n\n## Steps\n\n- [ ] Update {doc}`/usage/the_basics` and {ref}`the guide <guide>`\n- [ ] Keep `{doc}` as code\n"
    c, _ = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Update `/usage/the_basics` and the guide", "Keep `{doc}` as code"]


def test_lettered_sub_steps_and_ballot_boxes_in_html_table_cells(tmp_path: Path) -> None:
    """A procedure typed by hand ('1. [ ] Prepare', '   a. [ ] Back up the database', '   ii. [ ] Full rollout'): the
    sub-steps were more of the step's text, their boxes text; an HTML table's '<td>☐</td>' cells were text run
    together in the notes ('Backups☐')."""
    source = (
        "# Upgrade\n\n## Steps\n\n1. [ ] Prepare\n   a. [ ] Back up the database\n   b. [x] Tell the users\n2. [ ] Deploy\n"
        "   i. [ ] Canary\n   ii. [ ] Full rollout\n\nThen:\n\nb. [ ] stays a line of text\n\n"
        "<table>\n<tr><th>Task</th><th>Done</th></tr>\n<tr><td>Backups</td><td>☐</td></tr>\n<tr><td>DNS</td><td>☑</td></tr>\n</table>\n"
    )
    c, _ = _import(tmp_path, source)
    items = [i for g in c.sections[0].groups for i in g.items]
    expected = [("Prepare", ["Back up the database", "Tell the users"]), ("Deploy", ["Canary", "Full rollout"]), ("Backups", []), ("DNS", [])]
    assert [(i.text, [s.text for s in i.items]) for i in items] == expected and items[0].ordered
    assert _done(tmp_path) == {"tell-users", "dns"} and "b. [ ] stays a line of text" in c.sections[0].notes.replace("\\", "")


def test_an_html_table_of_one_row_with_a_box_is_a_row_to_tick(tmp_path: Path) -> None:
    """'<table><tr><td>Backups</td><td>☐</td></tr></table>' (found by the property on any Markdown): its one row was read
    as the table's head, the box counted and not written."""
    c, written = _import(tmp_path, "- [ ] Deploy\n\n<table><tr><td>Backups</td><td>☐</td></tr></table>\n")
    assert [i.text for i in c.sections[0].all_items()] == ["Deploy", "Backups"] and "2 check box(es); 2 written" in written.summary[0]


def test_quoted_sub_tasks_are_sub_items_and_inline_html_formatting_is_markdown(tmp_path: Path) -> None:
    """'- [x] Tag' with '  > - [ ] quoted sub-task' under it: the quoted boxes were the item's details, counted and not
    written; 'Press <kbd>Ctrl</kbd>+<kbd>C</kbd>' showed its tags on the page (the site shows HTML in a text as text)."""
    source = "# R\n\n## S\n\n- [x] Tag\n  > - [ ] quoted sub-task\n  > - [x] another\n- [ ] Press <kbd>Ctrl</kbd>+<kbd>C</kbd>, H<sub>2</sub>O <b>now</b>\n"
    c, written = _import(tmp_path, source)
    items = c.sections[0].groups[0].items
    assert [(i.text, [s.text for s in i.items]) for i in items] == [("Tag", ["quoted sub-task", "another"]), ("Press `Ctrl`+`C`, H₂O **now**", [])]
    assert "4 check box(es); 4 written" in written.summary[0]


def test_an_outliners_tasks_are_boxes_and_wiki_links_their_words(tmp_path: Path) -> None:
    """A Logseq page ('- TODO Freeze main', '- DONE Tag', 'collapsed:: true', '[[Release notes]]') read as plain
    bullets: 'TODO Freeze main' an open item, DONE no tick, the property more of the text, the link's brackets kept."""
    source = (
        "- Release 2.0\n\t- TODO Freeze main\n\t- DONE Tag the release\n\t  collapsed:: true\n\t\t- LATER Write [[Release notes]]\n"
        "\t- CANCELED Old step\n\t- Read [[Runbook|the runbook]] and `[[code]]`\n"
    )
    c, _ = _import(tmp_path, source)
    items = c.sections[0].groups[0].lists[0].items if c.sections[0].groups[0].lists else c.sections[0].groups[0].items
    assert [(i.text, [s.text for s in i.items]) for i in items] == [
        ("Freeze main", []),
        ("Tag the release", ["Write Release notes"]),
        ("Old step", []),
    ] and "Read the runbook and `[[code]]`" in str(c.sections[0].notes) + str([g.title for g in c.sections[0].groups])
    states = load_data_file(tmp_path / "data" / "x.status.yaml", "s.yaml")[0]
    assert {e.id: e.state.value for e in states.items} == {"tag-release": "done", "old-step": "n/a"}  # type: ignore[union-attr]


def test_a_file_of_tables_without_a_box_is_told_how_its_rows_become_items(tmp_path: Path) -> None:
    """A standard's requirement tables ('| # | Description | L1 |' rows, no box, no column to tick) were refused with
    the task-list hint alone; the hint now says how a table's rows become items, and doing so imports them."""
    import pytest

    from generator.errors import CheckFailed

    table = "# V2 Authentication\n\n| # | Description | L1 |\n|---|---|---|\n| 2.1.1 | Verify passwords are 12 characters | ✓ |\n"
    (tmp_path / "asvs.md").write_text(table, encoding="utf-8")
    with pytest.raises(CheckFailed) as refused:
        run_import(tmp_path / "asvs.md", tmp_path / "data" / "asvs.yaml", tmp_path / "docs", today=TODAY)
    issue = refused.value.issues[0]
    assert (issue.loc.line, issue.loc.column) == (1, 1) and "a 'Done' column left empty" in issue.hint
    c, _ = _import(tmp_path / "done", table.replace("| L1 |", "| L1 | Done |").replace("|---|---|---|", "|---|---|---|---|").replace("| ✓ |", "| ✓ | |"))
    assert [i.text for i in c.sections[0].all_items()] == ["Verify passwords are 12 characters"]


def test_boxes_with_a_no_break_space_or_full_width_brackets_are_boxes(tmp_path: Path) -> None:
    """Copied from a web page ('- [\u00a0] Backups', '-\u00a0[ ] DNS') or typed with a CJK input method ('- ［ ］ 检查备份',
    '- [\u3000] タスク', '- ［ｘ］ 完了'): the boxes were text, the items lost."""
    source = "# 发布\n\n## 检查\n\n- [\u00a0] Backups\n-\u00a0[ ] DNS\n- ［ ］ 检查备份\n- [\u3000] タスク\n- ［ｘ］ 完了\n- 【 】 not a box\n"
    c, written = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Backups", "DNS", "检查备份", "タスク", "完了"]
    assert "5 check box(es); 5 written" in written.summary[0] and len(_done(tmp_path)) == 1


def test_a_box_in_a_tables_head_and_quoted_boxes_under_a_plain_item_are_written(tmp_path: Path) -> None:
    """Found by a fuzz of this sweep's shapes: a table whose first row to tick was written as its head ('| Backups |
    [ ] |' then '|---|---|') and boxes quoted under a plain item ('- Stage' then '  > - [x] Deploy') were counted
    and not written."""
    source = "# R\n\n## S\n\n| Backups | [ ] |\n|---|---|\n| DNS | [x] |\n\n- Stage\n  > - [x] Deploy\n  > - [ ] Verify\n"
    c, written = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Backups", "DNS", "Deploy", "Verify"]
    assert [li.label for g in c.sections[0].groups for li in g.lists] == ["Stage"] and "4 check box(es); 4 written" in written.summary[0]


def test_textile_blocks_without_blank_lines_and_boxes_under_a_go_option(tmp_path: Path) -> None:
    """Found by the fuzz: a Textile 'bc..' block ended by the next signature without a blank line crashed the reader
    (max() of nothing); a box under a Go option ('- [ ] GO: ready' then '  - [x] Smoke tests green') was not written."""
    c, _ = _import(tmp_path / "t", "h1. T\n\n* [ ] Build\n\nbc.. make\np. After\nbc. end", suffix=".textile")
    assert [i.text for i in c.sections[0].all_items()] == ["Build"] and "After" in str(c.sections[0].notes) + str(c.sections[0].groups[0].items[0].details)
    source = "# T\n\n## S\n\n- [ ] Deploy\n\n## Sign-off\n\n- [ ] GO: ready\n  - [x] Smoke tests green\n- [ ] NO-GO: not ready\n  > - [ ] Quoted\n"
    c, written = _import(tmp_path / "g", source)
    texts = [i.text for s in c.sections for i in s.all_items()]
    assert "Smoke tests green" in texts and "Quoted" in texts and "5 check box(es); 5 written" in written.summary[0]
    _, rolled = _import(tmp_path / "r", "# T\n\n## S\n\n- [ ] Deploy\n\n## Rollback\n\n1. Stop the service\n   > - [x] Drained\n")
    assert "2 check box(es); 2 written" in rolled.summary[0]
    _, nested = _import(tmp_path / "n", "# T\n\n## S\n\n- [ ] Deploy\n\n## Rollback\n\n- [ ] Revert\n\n   * - Stop\n       - [x] Drained\n")
    assert "3 check box(es); 3 written" in nested.summary[0]  # a step that is a list alone: its boxes
    assert c.final_signoff is not None and [o.label for o in c.final_signoff.decision.options] == ["GO", "NO-GO"]


def test_a_site_generators_markup_is_left_out(tmp_path: Path) -> None:
    """A Jekyll or Hugo page's checklist: 'Backups verified {: .important }', '{% raw %}', '{{< hint info >}}' … '{{<
    /hint >}}' and the '* TOC' / '{:toc}' placeholder ended items' texts and stood in the notes."""
    source = (
        "# Launch\n{: .no_toc }\n\n1. TOC\n{:toc}\n\n## Before\n\n- [ ] Backups verified {: .important }\n- [x] DNS {% include badge.html %}\n\n"
        '{{< details "Before you start" >}}\n- [ ] Inside a shortcode\n{{< /details >}}\n\n{% raw %}\n- [ ] Inside raw\n{% endraw %}\n'
    )
    c, _ = _import(tmp_path, source)
    assert [i.text for i in c.sections[0].all_items()] == ["Backups verified", "DNS", "Inside a shortcode", "Inside raw"]
    text = (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")
    assert "{:" not in text and "{%" not in text and "{{<" not in text and "TOC" not in text and "Before you start" in text


def test_mkdocs_admonitions_and_tabs_read_their_indented_body(tmp_path: Path) -> None:
    """'!!! note "Before you start"' with '    - [ ] Back up the database' under it (Material for MkDocs): CommonMark read
    the body as more of the line above, the box lost in its text; a tab's ('=== "Linux"') likewise."""
    source = (
        '# Upgrade\n\n## Prepare\n\n!!! note "Before you start"\n    - [ ] Back up the database\n\n    Keep the dump.\n\n'
        '=== "Linux"\n\n    - [x] apt upgrade\n\n=== "macOS"\n\n    - [ ] brew upgrade\n\nAfter the tabs.\n'
    )
    c, written = _import(tmp_path, source)
    assert [(g.title, [i.text for i in g.items]) for g in c.sections[0].groups] == [
        ("Before you start", ["Back up the database"]), ("Linux", ["apt upgrade"]), ("macOS", ["brew upgrade"])
    ]
    assert "Keep the dump." in str([i.details for g in c.sections[0].groups for i in g.items]) + c.sections[0].notes
    assert "3 check box(es); 3 written" in written.summary[0] and _done(tmp_path) == {"apt-upgrade"}


def test_a_checklist_shown_in_a_markdown_code_block_is_read_when_the_file_has_no_other_box(tmp_path: Path) -> None:
    """A docs page presenting a PR template to copy ('```markdown' … '```') was refused ('no check boxes found'); a
    file with boxes of its own keeps such a block as code (an example shown)."""
    template = "# Pull Request Template\n\n```markdown\n## PR Checklist\n\n- [ ] Docs updated\n- [ ] Tests added\n```\n"
    c, written = _import(tmp_path / "t", template)
    assert [i.text for i in c.sections[0].all_items()] == ["Docs updated", "Tests added"] and "```" not in str(c.sections[0].notes)
    c, _ = _import(tmp_path / "e", "# Real\n\n- [ ] Ship it\n\n```md\n- [ ] an example\n```\n")
    assert [i.text for i in c.sections[0].all_items()] == ["Ship it"]


def test_definition_lists_and_labels_before_the_first_section_label_their_boxes(tmp_path: Path) -> None:
    """A definition list ('Backups' then ': [ ] verified on a test host', pandoc, PHP Markdown Extra) was refused ('no
    check boxes found': one paragraph); a '**Label**' over boxes before the first section went to the notes while the
    next label named its list."""
    source = "# Move\n\nBackups\n: [ ] verified on a test host\n: [x] restored once\n\nDNS\n: [ ] switched\n\nA line: with a colon\n"
    c, written = _import(tmp_path / "d", source)
    assert [(g.title, [i.text for i in g.items]) for g in c.sections[0].groups] == [
        ("Backups", ["verified on a test host", "restored once"]), ("DNS", ["switched"])
    ]
    assert "A line: with a colon" in c.sections[0].notes and "3 check box(es); 3 written" in written.summary[0]
    c, _ = _import(tmp_path / "l", "# Defs\n\n**Backups**\n- [ ] a\n\n**DNS**\n- [x] b\n")
    assert [g.title for g in c.sections[0].groups] == ["Backups", "DNS"] and "**Backups**" not in c.sections[0].notes
