"""Shapes a thirteenth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from generator.exchange.importer import import_markdown
from generator.exchange.importing import run_import, tables_beside
from generator.exchange.marks import Markers
from generator.exchange.walk import Options

# ---- a page that shows the syntax of task lists is no checklist, in every markup ----------------------------------

_SYNTAX = {
    "x.md": "# Writing on the forge\n\nLists\n-----\n\nStart each line with `-`.\n\n- one\n- two\n\nTask lists\n----------\n\n"
    "To make a task list, start list items with a hyphen, a space and `[ ]`. Mark one done with `[x]`.\n\n"
    "- [x] Finish the changes\n- [ ] Push the commits\n\nFootnotes\n---------\n\nAdd a footnote with `[^1]`.\n",
    "x.rst": "Writing on the forge\n====================\n\nLists\n-----\n\nStart each line with ``-``.\n\n- one\n- two\n\nTask lists\n----------\n\n"
    "To make a task list, start list items with a hyphen, a space and ``[ ]``. Mark one done with ``[x]``.\n\n"
    "- [x] Finish the changes\n- [ ] Push the commits\n\nFootnotes\n---------\n\nAdd a footnote.\n",
    "x.adoc": "= Writing on the forge\n\n== Lists\n\nStart each line with `*`.\n\n* one\n* two\n\n== Task lists\n\n"
    "To make a task list, start list items with a star, a space and `[ ]`. Mark one done with `[x]`.\n\n"
    "* [x] Finish the changes\n* [ ] Push the commits\n\n== Footnotes\n\nAdd a footnote.\n",
    "x.org": "#+title: Writing on the forge\n\n* Lists\nStart each line with =-=.\n- one\n- two\n* Task lists\n"
    "To make a task list, start list items with a hyphen, a space and =[ ]=. Mark one done with =[X]=.\n"
    "- [X] Finish the changes\n- [ ] Push the commits\n* Footnotes\nAdd a footnote.\n",
    "x.html": "<html><body><h1>Writing on the forge</h1>\n<h2>Lists</h2><p>Start each line with <code>-</code>.</p><ul><li>one</li></ul>\n"
    "<h2>Task lists</h2>\n<p>To make a task list, start list items with a hyphen, a space and <code>[ ]</code>.</p>\n"
    '<ul><li><input type="checkbox" checked disabled> Finish the changes</li><li><input type="checkbox" disabled> Push the commits</li></ul>\n'
    "<h2>Footnotes</h2><p>Add a footnote.</p>\n</body></html>\n",
    "x.wiki": "= Writing on the forge =\n\n== Lists ==\nStart each line with <code>*</code>.\n* one\n\n== Task lists ==\n"
    "To make a task list, start list items with a star, a space and <code>[ ]</code>.\n* [x] Finish the changes\n* [ ] Push the commits\n\n"
    "== Footnotes ==\nAdd a footnote.\n",
    # a cheat sheet: headings of the features it documents, each over its fenced Markdown, no prose
    "cheat.md": "# Markdown cheat sheet\n\n## Tables\n\n```markdown\n| a | b |\n|---|---|\n```\n\n## Lists\n\n```markdown\n- Item\n```\n\n"
    "### Task Lists\n\n```markdown\n- [x] Finish the changes\n- [ ] Push the commits\n```\n\n## Blockquotes\n\n```markdown\n> quote\n```\n",
    # a renderer's README: one section on task lists, what they render as
    "readme.md": "# mdlite\n\nA small Markdown renderer.\n\n## Task lists\n\nTask lists are rendered as disabled checkboxes:\n\n"
    "- [x] Finish the changes\n- [ ] Push the commits\n\n## License\n\nMIT\n",
}


@pytest.mark.parametrize("name", sorted(_SYNTAX))
def test_a_page_showing_the_syntax_of_task_lists_is_no_checklist(name: str) -> None:
    """A dialect's documentation ('Task lists' over 'To make a task list, start list items with … `[ ]`' and the
    boxes it renders), a cheat sheet's 'Task Lists' among 'Tables' and 'Blockquotes', a renderer's README section: its
    boxes were read as a checklist of 'Finish the changes', 'Push the commits' (no 'for example' led into them). They
    show what the syntax looks like: refused as examples, said at the first, in every markup."""
    imported = import_markdown(_SYNTAX[name], name)
    assert imported.about is not None and "syntax of task lists" in imported.about[1], imported.about
    line = imported.source.place(imported.about[0])[0]
    assert "Finish the changes" in _SYNTAX[name].split("\n")[line - 1], (line, imported.about)


def test_a_task_list_section_of_a_checklist_is_read() -> None:
    """A heading 'Task list' over a checklist's own steps, prose that leads into them, no word of markup: its boxes."""
    for source in (
        "# Launch\n\n## Task list\n\nBefore the launch:\n\n- [ ] Backups restored\n- [ ] DNS switched\n",
        "# Launch\n\n## Checkboxes to tick\n\n- [ ] Backups restored\n- [ ] DNS switched\n\n## Links\n\n- [ ] Status page\n",
    ):
        imported = import_markdown(source, "x.md")
        assert imported.about is None and "Backups restored" in [i.text for i in imported.draft.all_items()], imported.about


# ---- a tracker's priorities: P0 and a blocker critical, in every reader, said in the report ------------------------

_LEVELS = [
    ("- [ ] [P0] Backups restored", True, None),
    ("- [ ] **P1:** Alerts routed", False, "high"),
    ("- [ ] P2: Docs updated", False, "medium"),
    ("- [ ] Docs updated (P3)", False, "low"),
    ("- [ ] **Blocker** DNS cutover", True, None),
    ("- [ ] [SEV1] Paging tested", True, None),
    ("- [ ] (Must have) SSO", True, None),
    ("- [ ] Should have: dark mode", False, "high"),
    ("- [ ] Could have: confetti", False, "low"),
    ("- [ ] Won't have: a mobile app", False, "post-launch"),
    ("- [ ] Won’t have: a mobile app", False, "post-launch"),
    ("- [ ] Raise P0 incidents to the pager", False, None),
]


@pytest.mark.parametrize(("line", "critical", "priority"), _LEVELS)
def test_a_trackers_priorities_map_as_a_launch_team_reads_them(line: str, critical: bool, priority: str | None) -> None:
    """'P0', 'P1', 'P2' (and SEV1, MoSCoW's 'Must have', 'Won't have') stayed words of the text: nothing critical in a
    launch plan ranked so. P0, a blocker, SEV0/1 and a must have are critical, P1 and should high, P2 medium, P3 and
    could low, won't have after the launch; a P0 in a sentence stays a word."""
    item = import_markdown(f"# Launch\n\n{line}\n", "x.md").draft.all_items()[0]
    assert (item.critical, item.priority.value if item.priority else None) == (critical, priority), item


def test_priorities_read_alike_in_csv_and_data_and_the_report_says_the_mapping(tmp_path: Path) -> None:
    """A CSV's Priority column and a data file's 'priority:' read P0 as the Markdown does; import's report says
    what each marker read was taken to mean and how to change it, and --marker changes it."""
    csv = tmp_path / "plan.csv"
    csv.write_text("Task,Priority\nBackups restored,P0\nDocs updated,P2\n", encoding="utf-8")
    data = tmp_path / "plan.yaml"
    data.write_text("tasks:\n  - name: Backups restored\n    done: false\n    priority: P0\n  - name: Docs updated\n    done: false\n    priority: P2\n")
    for source in (csv, data):
        written = run_import(source, None, tmp_path / "docs", today=datetime.date(2026, 12, 7))
        text = next(iter(written.files.values()))
        assert "critical: true" in text and "priority: medium" in text, text
        said = [line for line in written.summary if "markers read" in line]
        assert said and "P0 → critical" in said[0] and "P2 → medium" in said[0] and "--marker" in said[0], written.summary
    other = run_import(csv, None, tmp_path / "docs", markers=["P0=high"], today=datetime.date(2026, 12, 7))
    assert "critical: true" not in next(iter(other.files.values()))
    plain = Markers.default()
    plain.read("Backups restored")
    assert plain.report() == ""


# ---- a readiness review kept as data: gates with criteria, status, owner, severity ---------------------------------

_REVIEW_JSON = """{
  "service": "payments-api",
  "review": "Production readiness review",
  "gates": [
    {"id": "PRR-1", "name": "Service level objectives defined", "category": "Reliability",
     "criteria": ["Availability SLO written down", "Latency SLO with an error budget"],
     "status": "pass", "owner": "Dana Wu", "severity": "blocker", "evidence": "https://wiki.example.org/slo"},
    {"id": "PRR-2", "name": "Runbooks for every page", "category": "Reliability", "criteria": ["Each alert links a runbook"],
     "status": "fail", "owner": "Sam Ortiz", "severity": "major", "notes": "Two alerts lack runbooks."},
    {"id": "PRR-3", "name": "Penetration test reviewed", "category": "Security", "status": "waived", "required": true,
     "owner": ["Lee Park", "Ana Ruiz"]}
  ]
}
"""
_REVIEW_YAML = """service: payments-api
review: Production readiness review
gates:
  - id: PRR-1
    name: Service level objectives defined
    category: Reliability
    criteria:
      - Availability SLO written down
      - Latency SLO with an error budget
    status: pass
    owner: Dana Wu
    severity: blocker
    evidence: https://wiki.example.org/slo
  - id: PRR-2
    name: Runbooks for every page
    category: Reliability
    criteria: [Each alert links a runbook]
    status: fail
    owner: Sam Ortiz
    severity: major
    notes: Two alerts lack runbooks.
  - id: PRR-3
    name: Penetration test reviewed
    category: Security
    status: waived
    required: true
    owner: [Lee Park, Ana Ruiz]
"""


@pytest.mark.parametrize(("name", "source"), [("prr.json", _REVIEW_JSON), ("prr.yaml", _REVIEW_YAML)])
def test_a_readiness_reviews_gates_keep_their_state_level_owner_and_criteria(tmp_path: Path, name: str, source: str) -> None:
    """A production readiness review kept as JSON or YAML: gates with a category, criteria, a status of the review's
    words ('pass', 'fail', 'waived'), an owner and a severity. Only the names were read, all open, under 'Checklist':
    now each category a section, 'pass' ticked and 'waived' n/a, a blocker severity or 'required: true' critical, the
    owners recorded, the criteria, the evidence and the notes lines of the details, the title what it reviews."""
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    written = run_import(path, tmp_path / "data" / "prr.yaml", tmp_path / "docs", today=datetime.date(2026, 12, 7))
    checklist = written.files[tmp_path / "data" / "prr.yaml"]
    status = written.files[tmp_path / "data" / "prr.status.yaml"]
    record = next(text for p, text in written.files.items() if p.parent.name == "prr.record")
    assert 'title: "Production readiness review: payments-api"' in checklist, checklist
    assert [line.strip() for line in checklist.split("\n") if line.strip().startswith("title:")][1:] == [
        "title: Reliability", "title: Reliability", "title: Security", "title: Security"], checklist
    assert "text: Service level objectives defined, critical: true" in checklist.replace("\n            ", ", ").replace(
        "- id: service-level-objectives-defined, ", ""), checklist
    for said in ("- Availability SLO written down", "- Latency SLO with an error budget", "Evidence: https://wiki.example.org/slo",
                 "Severity: major", "Notes: Two alerts lack runbooks.", "- Each alert links a runbook"):
        assert said in checklist, (said, checklist)
    assert "PRR-" not in checklist and "Owner" not in checklist
    assert "service-level-objectives-defined: {state: done" in status and "penetration-test-reviewed: {state: n/a" in status, status
    assert "runbooks-every-page" not in status
    assert "to: Dana Wu" in record and "to: Sam Ortiz" in record and 'to: "Lee Park, Ana Ruiz"' in record, record
    assert "critical: true" in checklist.split("penetration-test-reviewed")[1], checklist


# ---- Jira's JSON export: issues, their sub-tasks and checklist custom fields ----------------------------------------

_JIRA = {
    "startAt": 0,
    "total": 2,
    "issues": [
        {"id": "10001", "key": "REL-12", "fields": {
            "summary": "Release 4.2 go-live", "issuetype": {"name": "Story"},
            "status": {"name": "In Progress", "statusCategory": {"key": "indeterminate"}}, "priority": {"name": "Blocker"},
            "assignee": {"displayName": "Ana Ruiz"},
            "description": {"type": "doc", "content": [{"type": "paragraph", "content": [{"type": "text", "text": "Cut over on Tuesday."}]}]},
            "subtasks": [
                {"key": "REL-13", "fields": {"summary": "Freeze the branch", "status": {"name": "Done", "statusCategory": {"key": "done"}}}},
                {"key": "REL-14", "fields": {"summary": "Run the smoke suite", "status": {"name": "To Do", "statusCategory": {"key": "new"}}}},
            ],
            "customfield_10400": "## Before\n- Confirm the rollback plan\n+ Notify support\nx Post in the old channel",
            "customfield_10500": None,
        }},
        {"id": "10003", "key": "REL-14", "fields": {
            "summary": "Run the smoke suite", "parent": {"key": "REL-12"}, "status": {"name": "To Do", "statusCategory": {"key": "new"}},
            "assignee": {"displayName": "Bo Chen"},
            "customfield_10600": [{"name": "Login works", "checked": True}, {"name": "Checkout works", "checked": False, "mandatory": True}],
        }},
    ],
}


def test_a_jira_json_export_gives_issues_sub_tasks_and_checklists(tmp_path: Path) -> None:
    """A Jira JSON export (the search API's 'issues', each its 'key' and 'fields'): read as data, its issues, its
    sub-tasks and their checklist fields were one flat list of every mapping with a name, the sub-task twice, no state,
    no owner. Each issue is an item (done by its status's category, its priority its level, its assignee its owner, its
    key and description its details), its sub-tasks and checklist fields' items (Checklist for Jira's entries, Smart
    Checklist's '-', '+' and 'x' lines) its sub-items; a sub-task the export also lists on its own is read once, whole."""
    path = tmp_path / "jira.json"
    path.write_text(json.dumps(_JIRA, indent=2), encoding="utf-8")
    written = run_import(path, tmp_path / "data" / "rel.yaml", tmp_path / "docs", today=datetime.date(2026, 12, 7))
    draft = import_markdown(path.read_text(encoding="utf-8"), str(path)).draft
    tree = [(i.text, i.critical, [(s.text, s.critical, [t.text for t in s.items]) for s in i.items]) for i in draft.all_items() if i.items]
    assert tree[0] == ("Release 4.2 go-live", True, [
        ("Freeze the branch", False, []), ("Run the smoke suite", False, ["Login works", "Checkout works"]),
        ("Confirm the rollback plan", False, []), ("Notify support", False, []), ("Post in the old channel", False, [])]), tree
    status = written.files[tmp_path / "data" / "rel.status.yaml"]
    for said in ("freeze-branch: {state: done", "login-works: {state: done", "notify-support: {state: done", "post-old-channel: {state: n/a"):
        assert said in status, (said, status)
    assert "release-42-go-live" not in status and "confirm-rollback-plan" not in status
    record = next(text for p, text in written.files.items() if p.parent.name == "rel.record")
    assert "to: Ana Ruiz" in record and "to: Bo Chen" in record, record
    checklist = written.files[tmp_path / "data" / "rel.yaml"]
    assert "Cut over on Tuesday." in checklist and "Key: REL-12" in checklist and "Checkout works, critical: true" in checklist, checklist
    assert checklist.count("Run the smoke suite") == 1 and "10001" not in checklist


# ---- Notion's Markdown export: a database linked from its place on the page, its CSV beside it ---------------------

_NOTION_PAGE = """# Launch plan

Owner: Ana Ruiz
Status: In progress

<aside>
💡 Run this list top to bottom on launch morning.

</aside>

## Before

- [ ] Freeze the main branch
- [x] Back up the database

<details>
<summary>Monitoring</summary>

- [ ] Dashboards open

</details>

## Tasks

[Launch tasks](Launch%20plan%201a2b3c4d/Launch%20tasks%209f8e7d6c.csv)

[Elsewhere](../other.csv)

## After

- [ ] Post the announcement
"""


def test_a_notion_pages_database_exported_beside_it_is_read_where_it_is_linked(tmp_path: Path) -> None:
    """A Notion page exported as Markdown and CSV: its inline database is a link ('[Launch tasks](Launch%20plan%20…/
    Launch%20tasks%20….csv)') to a CSV file in the page's folder. The tasks were lost, the section 'Tasks' a note of
    its neighbour. The rows are read where the link stands, as a CSV file's are (Status 'Done' ticked, Assign its
    owner, Priority its level); a link out of the page's folder stays a link. Its callout and toggle as before."""
    page = tmp_path / "export" / "Launch plan 1a2b3c4d.md"
    folder = page.parent / "Launch plan 1a2b3c4d"
    folder.mkdir(parents=True)
    page.write_text(_NOTION_PAGE, encoding="utf-8")
    (folder / "Launch tasks 9f8e7d6c.csv").write_text("Name,Status,Assign,Priority\nDNS cutover,Done,Bo Chen,P0\nSmoke tests,Not started,,P1\n")
    (tmp_path / "other.csv").write_text("Name,Status\nNot this one,Done\n")
    written = run_import(page, tmp_path / "data" / "launch.yaml", tmp_path / "docs", today=datetime.date(2026, 12, 7))
    checklist = written.files[tmp_path / "data" / "launch.yaml"]
    draft = import_markdown(_NOTION_PAGE, str(page), Options(beside=tables_beside(page, _NOTION_PAGE))).draft
    sections = [(s.title, [i.text for g in s.groups for i in g.items]) for s in draft.sections]
    assert sections == [("Before", ["Freeze the main branch", "Back up the database", "Dashboards open"]),
                        ("Tasks", ["DNS cutover", "Smoke tests"]), ("After", ["Post the announcement"])], sections
    assert "Not this one" not in checklist and "dns-cutover, text: DNS cutover, critical: true" in checklist, checklist
    status = written.files[tmp_path / "data" / "launch.status.yaml"]
    assert "dns-cutover: {state: done" in status and "smoke-tests" not in status, status
    record = next(text for p, text in written.files.items() if p.parent.name == "launch.record")
    assert "{assign: dns-cutover, to: Bo Chen}" in record, record


# ---- the thirteenth sweep's shapes --------------------------------------------------------------------------------


def _items(source: str, name: str) -> list[tuple[str, bool, str | None, bool, list[str]]]:
    draft = import_markdown(source, name).draft
    return [(i.text, i.critical, i.priority.value if i.priority else None, i.ticked or i.cancelled, i.details) for i in draft.all_items()]


def test_org_and_logseq_priority_cookies_planning_lines_and_clock_drawers() -> None:
    """Org headlines and Logseq tasks with a priority cookie ('[#A]'), a planning line ('SCHEDULED: <…>', 'DEADLINE:')
    and a clock drawer (':LOGBOOK:' … ':END:'): org dropped the cookie and the dates; Logseq ran the drawer, the cookie
    and the dates into the task's text. The cookie is its level as todo.txt's '(A)' is (A high, B medium, C low), the
    planning line a line of its details, the clock drawer left out (the tool's bookkeeping), in both."""
    org = "#+title: Launch\n* Launch\n** TODO [#A] Fix the pager\n   SCHEDULED: <2026-12-08 Tue>\n   :LOGBOOK:\n   CLOCK: [2026-12-01 Tue 10:00]\n"
    org += "   :END:\n** TODO [#C] Tidy the wiki\n   DEADLINE: <2026-12-20 Sun>\n"
    logseq = "- Launch\n\t- LATER [#A] Fix the pager\n\t  SCHEDULED: <2026-12-08 Tue>\n\t  :LOGBOOK:\n\t  CLOCK: [2026-12-01 Tue 10:00]\n\t  :END:\n"
    logseq += "\t- TODO [#C] Tidy the wiki\n\t  DEADLINE: <2026-12-20 Sun>\n"
    for source, name in ((org, "x.org"), (logseq, "x.md")):
        items = [(t, p, " ".join(d).removeprefix("- ")) for t, _, p, _, d in _items(source, name)]  # a line or a bullet of details
        assert items == [("Fix the pager", "high", "Scheduled: 2026-12-08 Tue"), ("Tidy the wiki", "low", "Deadline: 2026-12-20 Sun")], (name, items)


def test_obsidian_tasks_dates_and_recurrence_are_details() -> None:
    """Obsidian Tasks writes a task's dates after its text ('📅 2026-12-10', '✅ 2026-12-02', '🛫', '⏳', '➕', '❌') and
    its recurrence ('🔁 every week'): they were words of the text. They are lines of its details, its priority sign
    read as before."""
    source = "# Week\n\n- [ ] Call the venue 📅 2026-12-10 ⏫\n- [x] Book the caterer ✅ 2026-12-02\n- [ ] Water the plants 🔁 every week ⏳ 2026-12-08\n"
    source += "- [-] Order balloons ❌ 2026-12-03\n"
    items = [(t, p, done, [d.lstrip("- ") for d in " ".join(det).split("\n") if d]) for t, _, p, done, det in _items(source, "x.md")]
    assert [(t, p, done) for t, p, done, _ in items] == [
        ("Call the venue", "high", False), ("Book the caterer", None, True), ("Water the plants", None, False), ("Order balloons", None, True)], items
    said = " | ".join(" ".join(d) for *_, d in items)
    for part in ("Due: 2026-12-10", "Done: 2026-12-02", "Repeats: every week", "Scheduled: 2026-12-08", "Cancelled: 2026-12-03"):
        assert part in said, (part, said)


def test_a_box_less_files_table_of_checks_beats_its_particulars_and_rules() -> None:
    """A readiness checklist of tables ('| # | Check | Pass Criteria | Severity |', 🔴 and 🟡) under a card of particulars
    ('- **ID:** release-readiness', '- **Squad:** qa', '- **Used by:** …') and a gate rule's bullets: its particulars
    and rules were its items, the tables notes. A table naming a column of checks is read before plain bullets where its
    rows outnumber them, and particulars in bold with the colon inside ('**ID:**') are particulars."""
    source = "# Release Readiness Checklist\n\n## Meta\n- **ID:** release-readiness\n- **Squad:** qa\n- **Used by:** qa-lead\n"
    source += "- **Trigger:** Before any release\n- **Type:** quality-gate\n\n## Items\n\n### Code Quality\n\n| # | Check | Pass Criteria | Severity |\n"
    source += "|---|---|---|---|\n| 1 | Build succeeds | Build completes | 🔴 |\n| 2 | Tests pass | All pass | 🔴 |\n"
    source += "| 3 | API docs updated | Docs reflect changes | 🟡 |\n\n"
    source += "## Gate Rule\n- **Pass:** All 🔴 items pass\n- **Fail:** Any 🔴 item fails\n"
    items = [(t, c, p) for t, c, p, _, _ in _items(source, "x.md")]
    assert items == [("Build succeeds", True, None), ("Tests pass", True, None), ("API docs updated", False, "medium")], items


def test_trackers_csv_lists_parents_by_name_checklist_cells_and_no_priority() -> None:
    """Asana's 'Parent task' names its parent's task, Linear's 'Parent issue' its ID, ClickUp writes assignees and tags
    in brackets ('[Ana Ruiz]', '[]') and a task's checklists as JSON in one cell, Linear says 'No priority': the sub-tasks
    stood at the top level, the owner was '[Ana Ruiz]' (not recorded), the checklists a line of JSON, '(No priority)'
    ended the text. Now a sub-item under its parent, the owner recorded, the checklist's steps sub-items, no level."""
    asana = "Task ID,Name,Section/Column,Assignee,Assignee Email,Parent task\n1,Write the notes,Before,Bo Chen,bo@example.org,\n"
    asana += "2,Proofread the notes,Before,,,Write the notes\n"
    clickup = 'Task ID,Task Name,Status,Assignees,Tags,Priority,Checklists\n86a1,DNS cutover,to do,[Ana Ruiz],[],normal,'
    clickup += '"{""Cutover"":[""Lower the TTL"",""Switch the record""]}"\n'
    linear = "ID,Title,Status,Priority,Assignee,Parent issue\nENG-102,Load test checkout,In Progress,High,Bo Chen,\n"
    linear += "ENG-104,Write the report,Todo,No priority,,ENG-102\n"
    expected = {
        "asana.csv": [("Write the notes", ["Proofread the notes"])],
        "clickup.csv": [("DNS cutover", ["Lower the TTL", "Switch the record"])],
        "linear.csv": [("Load test checkout", ["Write the report"])],
    }
    for name, source in (("asana.csv", asana), ("clickup.csv", clickup), ("linear.csv", linear)):
        draft = import_markdown(source, name).draft
        tree = [(i.text, [s.text for s in i.items]) for s in draft.sections for g in s.groups for i in g.items]
        assert tree == expected[name], (name, tree)
        owners = {i.owner for i in draft.all_items() if i.owner}
        assert owners <= {"Bo Chen", "Ana Ruiz"} and owners, (name, owners)
        assert not any("[" in d or "@" in d for i in draft.all_items() for d in i.details), [i.details for i in draft.all_items()]
    report = import_markdown(linear, "linear.csv").draft.all_items()[1]
    assert (report.text, report.priority) == ("Write the report", None), report


def test_a_bold_level_in_parentheses_or_after_a_dash_is_read() -> None:
    """A privacy review's '- [ ] Record the lawful basis **(Required)**' and '- [ ] Deletion within 30 days — **Blocker**':
    the first kept its stars and parentheses as text, the second lost its word but kept the dash. Both are markers now."""
    items = [(t, c) for t, c, *_ in _items("# Review\n\n- [ ] Record the basis **(Required)**\n- [ ] Delete within 30 days — **Blocker**\n"
                                          "- [ ] **(High)** Export works\n", "x.md")]
    assert items == [("Record the basis", True), ("Delete within 30 days", True), ("Export works", False)], items


def test_roam_to_dos_are_boxes() -> None:
    """Roam writes a to-do '{{[[TODO]]}} Freeze the branch', a done one '{{[[DONE]]}} …': read as '{{TODO}} Freeze'."""
    source = "- Launch checklist\n    - {{[[TODO]]}} Freeze the branch\n    - {{[[DONE]]}} Back up the database\n"
    assert [(t, done) for t, _, _, done, _ in _items(source, "x.md")] == [("Freeze the branch", False), ("Back up the database", True)]


def test_a_google_docs_html_checklist_and_title() -> None:
    """Google Docs' HTML export draws a checklist's boxes with its style sheet ('.lst-kix_a-0>li:before{content:"\\0025a1"}')
    and writes the title as a paragraph of class 'title': the items were plain bullets in a note, the title a note. The
    list's items are boxes (a ticked bullet ticked), the title the checklist's."""
    page = ('<html><head><style type="text/css">.lst-kix_a-0>li:before{content:"\\0025a1   "}.lst-kix_b-0>li:before{content:"\\002611   "}'
            '.c1{font-weight:700}</style></head><body><p class="c3 title"><span>Launch day runbook</span></p><h2><span>Before 09:00</span></h2>'
            '<ul class="c0 lst-kix_a-0 start"><li class="c3 li-bullet-0"><span>Freeze the branch</span></li></ul>'
            '<ul class="c0 lst-kix_b-0 start"><li class="c3 li-bullet-0"><span>Back up the database</span></li></ul>'
            '<ul class="c0 lst-kix_c-0 start"><li><span>A plain bullet</span></li></ul></body></html>\n')
    imported = import_markdown(page, "x.html")
    assert imported.draft.title == "Launch day runbook", imported.draft.title
    items = [(i.text, i.ticked) for i in imported.draft.all_items()]
    assert items == [("Freeze the branch", False), ("Back up the database", True)], items


@pytest.mark.parametrize("name", ["x.md", "x.csv"])
def test_a_moscow_column_is_the_items_level(name: str) -> None:
    """An MVP scope's 'MoSCoW' column ('Must have', 'Could have', 'Won't have'): a line of the details, no level; it is
    the priority column it is, in a Markdown table and a CSV file alike."""
    rows = [("Log in with SSO", "Must have"), ("Dark mode", "Could have"), ("Mobile app", "Won't have")]
    if name == "x.md":
        source = "# MVP scope\n\n| Feature | MoSCoW | Status |\n|---|---|---|\n" + "".join(f"| {a} | {b} | |\n" for a, b in rows)
    else:
        source = "Feature,MoSCoW\n" + "".join(f"{a},{b}\n" for a, b in rows)
    items = [(t, c, p) for t, c, p, _, _ in _items(source, name)]
    assert items == [("Log in with SSO", True, None), ("Dark mode", False, "low"), ("Mobile app", False, "post-launch")], items
