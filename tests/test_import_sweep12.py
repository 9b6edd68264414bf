"""Shapes a twelfth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import json

import pytest

from generator.exchange.importer import import_markdown

# ---- a rule between runs of boxes sets them apart, in every markup ---------------------------------------------

_RULED = {
    "x.md": "# Release\n\n## Before\n\n- [ ] Freeze main\n- [ ] Run tests\n\n---\n\n- [ ] Tag it\n- [ ] Publish\n\n***\n\n- [ ] Announce\n",
    "x.html": '<html><body><h1>Release</h1><h2>Before</h2>\n<ul><li><input type="checkbox"> Freeze main</li>'
    '<li><input type="checkbox"> Run tests</li></ul><p>Both on the build host.</p>\n<hr>\n<ul><li><input type="checkbox"> Tag it</li>'
    '<li><input type="checkbox"> Publish</li></ul>\n<hr/>\n<ul><li><input type="checkbox"> Announce</li></ul>\n</body></html>\n',
    "x.rst": "Release\n=======\n\nBefore\n------\n\n- [ ] Freeze main\n- [ ] Run tests\n\n----------\n\n- [ ] Tag it\n- [ ] Publish\n\n"
    "----------\n\n- [ ] Announce\n",
    "x.adoc": "= Release\n\n== Before\n\n* [ ] Freeze main\n* [ ] Run tests\n\n'''\n\n* [ ] Tag it\n* [ ] Publish\n\n'''\n\n* [ ] Announce\n",
    "x.org": "#+title: Release\n\n* Before\n- [ ] Freeze main\n- [ ] Run tests\n-----\n- [ ] Tag it\n- [ ] Publish\n-----\n- [ ] Announce\n",
}


@pytest.mark.parametrize("name", sorted(_RULED))
def test_a_rule_between_runs_of_boxes_starts_a_group(name: str) -> None:
    """A checklist that sets runs of boxes apart with a horizontal rule under one heading ('---', '***'; HTML's '<hr>',
    reStructuredText's transition, AsciiDoc's three quotes, org's '-----'): the runs were one group, and AsciiDoc's rule
    was a note of three quotes. Each run is a group of the heading's, numbered after the first; a rule before a heading
    changes nothing."""
    draft = import_markdown(_RULED[name], name).draft
    groups = [(g.title, [i.text for i in g.items]) for s in draft.sections for g in s.groups]
    assert groups == [
        ("Before", ["Freeze main", "Run tests"]),
        ("Before (2)", ["Tag it", "Publish"]),
        ("Before (3)", ["Announce"]),
    ], groups
    assert not any("'''" in n or n.strip() in ("***", "---") for s in draft.sections for n in s.notes), draft.sections[0].notes


def test_a_rule_before_a_heading_or_between_paragraphs_changes_nothing() -> None:
    source = "# Go-live\n\nRead this first.\n\n---\n\n## Prep\n\n- [ ] Back up\n- [ ] Drain\n\n---\n\n## Go\n\n- [ ] Switch\n\n---\n\n_Reviewed by ops._\n"
    draft = import_markdown(source, "x.md").draft
    assert [(s.title, [g.title for g in s.groups]) for s in draft.sections] == [("Prep", ["Prep"]), ("Go", ["Go"])], draft.sections


# ---- an article about checklists is no checklist -------------------------------------------------------------------

_POST = (
    "# How to write a good release checklist\n\nA checklist helps a team ship. This post looks at what makes one useful.\n\n"
    "## Keep items short\n\nEach item should be one action. For example:\n\n```markdown\n- [ ] Tag the release\n- [ ] Publish the notes\n```\n\n"
    "## Show the result\n\nIn an issue, the list looks like this:\n\n> - [ ] Run the smoke tests\n> - [x] Freeze main\n\nHappy shipping!\n"
)
_POSTS = {
    "x.md": _POST,
    "x.mdx": 'import { Callout } from "@/components";\n\n' + _POST,
    "x.html": "<html><body><h1>How to write a good release checklist</h1><p>A checklist helps a team ship.</p>\n"
    "<p>Each item should be one action. For example:</p>\n<pre>- [ ] Tag the release\n- [ ] Publish the notes</pre>\n</body></html>\n",
    "x.rst": "How to write a good release checklist\n======================================\n\nEach item should be one action. For example::\n\n"
    "    - [ ] Tag the release\n    - [ ] Publish the notes\n",
    "x.adoc": "= How to write a good release checklist\n\nEach item should be one action. For example:\n\n----\n* [ ] Tag the release\n"
    "* [ ] Publish the notes\n----\n",
    "x.org": "#+title: How to write a good release checklist\n\nEach item should be one action. For example:\n\n#+BEGIN_EXAMPLE\n"
    "- [ ] Tag the release\n- [ ] Publish the notes\n#+END_EXAMPLE\n",
}


@pytest.mark.parametrize("name", sorted(_POSTS))
def test_an_article_whose_boxes_are_examples_is_no_checklist(name: str) -> None:
    """A blog post on writing checklists shows its boxes as examples: in a code block after 'For example:', in a quote
    after 'looks like this:'. Their boxes were its items (the post's quote a checklist of two; its fenced example read
    as Markdown where nothing else had a box). It is an article about checklists: nothing to import, said at its first
    example, whatever the markup."""
    imported = import_markdown(_POSTS[name], name)
    assert imported.about is not None and "examples" in imported.about[1], imported.about
    line = imported.about[0]
    assert "Tag the release" in _POSTS[name].split("\n")[imported.source.place(line)[0] - 1], imported.source.place(line)


def test_an_article_of_advice_under_a_title_about_checklists_is_no_checklist() -> None:
    """A post titled about checklists ('Why every team needs a launch checklist'), paragraphs of prose and a short
    list of what to put on one: the bullets were read as its checks. It is an article, said at its title; a checklist
    of plain bullets under a lead-in ('Release checklist', 'Go through this before tagging.') is read as before."""
    post = "---\ntitle: Why every team needs a launch checklist\n---\n\nPilots use checklists because memory fails. Teams are no different.\n\n"
    post += "A good list is short. Five to nine items per pause is plenty. Things worth adding:\n\n- Rollback plan written down\n- On-call named\n\n"
    post += "Anything a machine can check, let it check. Your CI knows whether the tests pass.\n"
    imported = import_markdown(post, "x.mdx")
    assert imported.about is not None and imported.about[0] == 2, imported.about
    plain = import_markdown("# Release checklist\n\nGo through this before tagging. It takes ten minutes.\n\n- Tag it\n- Push it\n", "x.md")
    assert plain.about is None and [i.text for i in plain.draft.sections[0].groups[0].items] == ["Tag it", "Push it"]


def test_a_template_to_copy_and_a_checklist_beside_examples_are_read() -> None:
    """A docs page's template to copy ('Copy this into .github/:' over a fenced task list) is the checklist, as before;
    so are a file's own boxes beside a quoted example, the example kept as a note."""
    template = import_markdown("# PR template\n\nCopy this into .github/:\n\n```markdown\n- [ ] Tests added\n- [ ] Docs updated\n```\n", "x.md")
    assert template.about is None and [i.text for i in template.draft.sections[0].groups[0].items] == ["Tests added", "Docs updated"]
    own = import_markdown("# Deploy\n\n- [ ] Drain\n- [ ] Switch\n\nA done list looks like this:\n\n> - [x] Drain\n", "x.md")
    items = [i.text for s in own.draft.sections for g in s.groups for i in g.items]
    assert own.about is None and items == ["Drain", "Switch"], items


# ---- trackers' exports: a Trello board, a Jira CSV of sub-tasks, GitHub Projects' and Notion's CSV -----------------

_BOARD = {
    "name": "Website launch",
    "desc": "Everything for the May launch.",
    "lists": [
        {"id": "l2", "name": "Doing", "closed": False, "pos": 2},
        {"id": "l1", "name": "To Do", "closed": False, "pos": 1},
        {"id": "l3", "name": "Old ideas", "closed": True, "pos": 3},
    ],
    "cards": [
        {"id": "c1", "name": "DNS cut-over", "desc": "Move the apex record.", "closed": False, "idList": "l1", "pos": 1, "idMembers": ["m1"],
         "labels": [{"name": "Critical", "color": "red"}, {"name": "Infra"}], "due": "2026-05-02T09:00:00.000Z", "dueComplete": False},
        {"id": "c2", "name": "Content freeze", "desc": "", "closed": False, "idList": "l2", "pos": 1, "idMembers": [], "labels": []},
        {"id": "c3", "name": "Press release", "desc": "", "closed": False, "idList": "l1", "pos": 2, "idMembers": [], "dueComplete": True},
        {"id": "c4", "name": "Archived card", "closed": True, "idList": "l1", "pos": 3},
        {"id": "c5", "name": "On an archived list", "closed": False, "idList": "l3", "pos": 1},
    ],
    "checklists": [
        {"id": "k1", "name": "Checklist", "idCard": "c1", "pos": 1, "checkItems": [
            {"name": "Switch the A record", "state": "incomplete", "pos": 2, "idMember": "m2"},
            {"name": "Lower the TTL", "state": "complete", "pos": 1, "idMember": None}]},
        {"id": "k2", "name": "Pages", "idCard": "c2", "pos": 1, "checkItems": [{"name": "Home", "state": "complete", "pos": 1}]},
        {"id": "k3", "name": "Sign-off", "idCard": "c2", "pos": 2, "checkItems": [{"name": "Legal", "state": "incomplete", "pos": 1}]},
    ],
    "members": [{"id": "m1", "fullName": "Ana Ruiz"}, {"id": "m2", "fullName": "Bo Chen"}],
    "actions": [{"type": "updateCheckItemStateOnCard", "data": {"checkItem": {"name": "Lower the TTL"}}}],
}


@pytest.mark.parametrize("indent", [None, 2])
def test_a_trello_boards_export_gives_lists_cards_and_their_checklists(indent: int | None) -> None:
    """A Trello board's JSON export (minified as Trello writes it, or indented): its checklists were sections named
    'Checklist' and 'Pages', the cards, their lists, members, labels, due dates and descriptions lost, the items out of
    their order. Each open list is a section in the board's order, each open card an item in it (ticked where marked
    complete; its members its owners, a 'Critical' label its level, its other labels, due date and description its
    details), its checklists' items its sub-items in order (ticked where complete, a member their owner); a card's
    several checklists each a sub-item over theirs. Archived lists and cards are left out."""
    imported = import_markdown(json.dumps(_BOARD, indent=indent), "board.json")
    draft = imported.draft
    assert draft.title == "Website launch" and [s.title for s in draft.sections] == ["To Do", "Doing"], draft.sections
    dns, press = draft.sections[0].groups[0].items
    assert (dns.text, dns.owner, dns.critical, press.text, press.ticked) == ("DNS cut-over", "Ana Ruiz", True, "Press release", True), dns
    assert "Labels: Infra" in "\n".join(dns.details) and "Move the apex record." in "\n".join(dns.details)
    assert str(dns.due) == "2026-05-02" and "Due:" not in "\n".join(dns.details), dns  # with its owner's 'assign' (test_import_sweep15)
    assert [(i.text, i.ticked, i.owner) for i in dns.items] == [("Lower the TTL", True, ""), ("Switch the A record", False, "Bo Chen")], dns.items
    freeze = draft.sections[1].groups[0].items[0]
    assert [(i.text, [j.text for j in i.items]) for i in freeze.items] == [("Pages", ["Home"]), ("Sign-off", ["Legal"])], freeze.items
    assert "Archived" not in json.dumps([i.text for i in draft.all_items()]) and "archived list" not in json.dumps([i.text for i in draft.all_items()])


def test_a_trackers_csv_nests_sub_tasks_under_their_parent_and_reads_its_assignees() -> None:
    """A Jira CSV export's sub-tasks ('Parent id' 10010 under the story of 'Issue id' 10010) were items beside it, the
    parent's id a detail; GitHub Projects' 'Assignees' and Notion's 'Assign' column were details, no owner. Each
    sub-task is a sub-item of its parent, the rows after them in place; the column names the owner."""
    jira = "Summary,Issue key,Issue id,Parent id,Issue Type,Status,Assignee,Sub-tasks\nRelease 4.2,REL-10,10010,,Story,In Progress,Ana,\"10011, 10012\"\n"
    jira += "Rotate the key,REL-14,10014,,Task,Done,Cy,\nFreeze the branch,REL-11,10011,10010,Sub-task,Done,Ana,\n"
    jira += "Run the suite,REL-12,10012,10010,Sub-task,To Do,Bo,\n"
    items = import_markdown(jira, "jira.csv").draft.sections[0].groups[0].items
    assert [(i.text, [(j.text, j.ticked, j.owner) for j in i.items]) for i in items] == [
        ("Release 4.2", [("Freeze the branch", True, "Ana"), ("Run the suite", False, "Bo")]),
        ("Rotate the key", []),
    ], items
    assert not any("Parent id" in d or "Sub-tasks" in d for d in items[0].items[0].details + items[0].details), items[0]
    github = "Title,URL,Assignees,Status,Labels\nFreeze the branch,https://github.com/a/b/issues/1,ana,Done,release\nTag it,,bo,Todo,\n"
    notion = "Name,Assign,Done,Due\nBook the venue,Ana Ruiz,Yes,\"May 2, 2026\"\nSend invitations,Bo Chen,No,\n"
    for source, name in ((github, "project.csv"), (notion, "db.csv")):
        rows = import_markdown(source, name).draft.sections[0].groups[0].items
        assert [(i.ticked, i.owner) for i in rows][:2] in ([(True, "ana"), (False, "bo")], [(True, "Ana Ruiz"), (False, "Bo Chen")]), rows


# ---- to-do formats: todo.txt's dates, TaskPaper's notes, a Confluence template's placeholders ----------------------


def test_todo_txt_dates_after_a_priority_are_no_words_of_the_task() -> None:
    """todo.txt writes a task's creation date after its priority ('(A) 2026-04-01 Renew the certificate') and a done
    task's priority before its dates ('x (C) 2026-04-03 2026-04-01 Order the badges'): the dates were the text's first
    words, and the done task was no tick. They are left out, as a done task's dates were; a line opening with a date
    alone keeps it."""
    source = "(A) 2026-04-01 Renew the certificate +web @ops\nx (C) 2026-04-03 2026-04-01 Order the badges\n2026-04-05 Call the venue\n"
    items = import_markdown(source, "todo.txt").draft.sections[0].groups[0].items
    assert [(i.text, i.ticked) for i in items] == [
        ("Renew the certificate +web @ops", False),
        ("Order the badges", True),
        ("2026-04-05 Call the venue", False),
    ], items


def test_a_taskpaper_note_is_its_tasks_details_or_its_projects_note() -> None:
    """TaskPaper's notes (lines neither a task nor a project): one indented under a task was more of its text, and one
    at its project's level ran into the task above ('Confirm the catering Notes about the venue.'). A note under a
    task is its details; one at the project's level a note of the project."""
    source = "Launch:\n\t- Renew the cert @due(2026-04-20)\n\t\tAsk Bo for the CSR.\n\t- Book the flights @done(2026-04-03)\n\tVenue:\n"
    source += "\t\t- Confirm the catering\n\t\tNotes about the venue.\n\t\t- Print the badges\n"
    draft = import_markdown(source, "x.taskpaper").draft
    groups = {g.title: g.items for s in draft.sections for g in s.groups}
    assert [(i.text, i.details) for i in groups["Launch"]] == [("Renew the cert @due(2026-04-20)", ["Ask Bo for the CSR."]), ("Book the flights", [])]
    assert [i.text for i in groups["Venue"]] == ["Confirm the catering", "Print the badges"], groups["Venue"]
    assert "Notes about the venue." in "\n".join(n for s in draft.sections for n in s.notes)


def test_a_confluence_templates_placeholder_is_a_blank() -> None:
    """A Confluence page template in storage format holds placeholders, the editor's hints shown on no page ('<ac:task-body>
    <ac:placeholder>Action item</ac:placeholder></ac:task-body>'): the hint was an item's text. A task of a placeholder
    alone is a blank to fill in, left out as '- [ ] ' is; the hints are no notes."""
    task = "<ac:task><ac:task-id>{n}</ac:task-id><ac:task-status>{s}</ac:task-status><ac:task-body>{b}</ac:task-body></ac:task>"
    page = "<h2>Discussion</h2>\n<p><ac:placeholder>Notes</ac:placeholder></p>\n<h2>Action Items</h2>\n<ac:task-list>\n"
    page += task.format(n=1, s="complete", b="Send the minutes") + "\n" + task.format(n=2, s="incomplete", b="<ac:placeholder>Action item</ac:placeholder>")
    draft = import_markdown(page + "\n</ac:task-list>\n", "x.html").draft
    assert [(i.text, i.ticked) for s in draft.sections for g in s.groups for i in g.items] == [("Send the minutes", True)]
    assert "Notes" not in "\n".join(n for s in draft.sections for n in s.notes).replace("**", "")


def test_status_columns_are_read_across_a_files_tables() -> None:
    """A security checklist of a table for each category, a Status column in each ('Implemented' in every row of one,
    'Partial' and 'Process' in another, 'N/A'): no table said both done and not yet alone, so none was read and the
    file gave its two note bullets as its items. The file's Status columns are read together: 'Implemented' ticks, 'N/A'
    is n/a, a word of its own ('Process', one row in four at most) an open box that says it in its details."""
    head = "| ID | Requirement | Status | How to test |\n|---|---|---|---|\n"
    source = "# Security checklist\n\n## Authentication\n\n" + head
    source += "| A-1 | Hash passwords | Implemented | log in |\n| A-2 | Expire sessions | Implemented | wait |\n"
    source += "\n## Threat model\n\n" + head + "| T-1 | Draw the data flow | Partial | read it |\n| T-2 | Map the OWASP Top 10 | N/A | - |\n"
    source += "| T-3 | Review it yearly | Process | ask |\n| T-4 | Rate the risks | Implemented | read it |\n"
    source += "\n## Notes\n\n- T-2: no web front end.\n"
    draft = import_markdown(source, "x.md").draft
    items = {i.text: i for i in draft.all_items()}
    assert list(items) == ["Hash passwords", "Expire sessions", "Draw the data flow", "Map the OWASP Top 10", "Review it yearly", "Rate the risks"]
    assert [(i.ticked, i.cancelled) for i in items.values()] == [(True, False), (True, False), (False, False), (False, True), (False, False), (True, False)]
    assert "Status: Process" in "\n".join(items["Review it yearly"].details) and "Status: Partial" in "\n".join(items["Draw the data flow"].details)


def test_an_issue_forms_yaml_saved_as_a_markdown_template_is_read_as_the_form() -> None:
    """A pull request template written as an issue form's YAML but saved as PULL_REQUEST_TEMPLATE.md ('name: Pull
    Request', 'body:', '- type: markdown' whose value holds the checklist): its YAML was read as Markdown, a group titled
    'type: markdown attributes: value: | ## Summary …' over the boxes. It is read as the form it is: its name the
    title, the markdown element's headings and boxes the checklist."""
    source = "name: Pull Request\ndescription: Submit your changes\nbody:\n  - type: markdown\n    attributes:\n      value: |\n"
    source += "        ## Summary\n        Describe the change.\n\n        ## Checklist\n        - [ ] Tests pass\n        - [ ] Docs updated\n"
    draft = import_markdown(source, "PULL_REQUEST_TEMPLATE.md").draft
    assert draft.title == "Pull Request" and [(g.title, [i.text for i in g.items]) for s in draft.sections for g in s.groups] == [
        ("Checklist", ["Tests pass", "Docs updated"])
    ], draft.sections


@pytest.mark.parametrize("name", ["template.js", "template.py"])
def test_a_checklist_kept_as_a_programs_array_of_objects_gives_its_items(name: str) -> None:
    """An inspection app keeps its checklist as an array of objects ('const DEFAULT_CHECKLIST = [{ id: "fire", label:
    "Fire exits clear", defaultSeverity: "critical" }, …]', a Python list of dicts alike): the program was read as
    Markdown, its doc comment's lines the items and its code their text. Each object is an item, its text the key of
    the most words, its severity its level, its steps its sub-items; the code is left out."""
    js = '/**\n * Inspection checklist.\n * Each item has: id, label, defaultSeverity.\n */\nconst DEFAULT_CHECKLIST = [\n'
    js += '  { id: "fire", label: "Fire exits clear", defaultSeverity: "critical" },\n  { id: "permits", label: \'Permits shown\', defaultSeverity: "low",'
    js += ' steps: ["Business permit", "Health permit"] },\n];\n\nfunction getTemplate() {\n  return DEFAULT_CHECKLIST.map((item) => ({ ...item }));\n}\n'
    py = '"""Inspection checklist."""\n\nDEFAULT_CHECKLIST = [\n    {"id": "fire", "label": "Fire exits clear", "severity": "critical"},\n'
    py += '    {"id": "permits", "label": "Permits shown", "severity": "low", "steps": ["Business permit", "Health permit"]},  # each\n]\n'
    py += "\n\ndef template():\n    return list(DEFAULT_CHECKLIST)\n"
    items = import_markdown(js if name.endswith(".js") else py, name).draft.sections[0].groups[0].items
    assert [(i.text, i.critical, [j.text for j in i.items]) for i in items] == [
        ("Fire exits clear", True, []),
        ("Permits shown", False, ["Business permit", "Health permit"]),
    ], items


def test_an_outliners_heading_blocks_are_headings_and_its_queries_are_left_out() -> None:
    """A Logseq page of heading blocks over tasks ('- ## Preparations' over '\\t- TODO Charge the radio', its id:: under
    the heading), with a block of properties alone and a query: the tasks were items of groups titled 'Items', the
    property block and the query items too, a task's properties ('labor:: 2 hours') more of its text. Each heading block
    is its heading, its tasks under it, a task's property a line of its details (an empty one, or a plugin's macro, none);
    the rest is left out."""
    page = "icon:: ✈️\n\n- ## Preparations {{renderer :todomaster}}\n  id:: 66ff5f38-b9d4\n\t- TODO Staff arrangement\n\t  labor:: 2 hours\n\t  date::\n"
    page += "\t- DONE Charge the radio\n\t\t- Both units\n"
    page += "- ## Post tasks\n\t- TODO Scan the form\n- query-table:: true\n  #+BEGIN_QUERY\n  {:title \"All\" :query [:find ?b]}\n  #+END_QUERY\n"
    draft = import_markdown(page, "Flight Check.md").draft
    shape = [(s.title, [(i.text, i.ticked, "\n".join(i.details)) for g in s.groups for i in g.items]) for s in draft.sections]
    assert shape == [
        ("Preparations", [("Staff arrangement", False, "- labor: 2 hours"), ("Charge the radio", True, "- Both units")]),
        ("Post tasks", [("Scan the form", False, "")]),
    ], shape


def test_a_title_that_is_the_files_path_is_its_name_in_words() -> None:
    """A pull request template pasted under the path it is kept at ('# .github/pull_request_template.md' over a fenced
    template) was titled '.github/pull_request_template.md'. The file's name in words is the title."""
    source = "# .github/pull_request_template.md\n\n```markdown\n## Testing\n- [ ] Unit tests added\n```\n"
    assert import_markdown(source, "x.md").draft.title == "Pull request template"
