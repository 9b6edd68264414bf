"""Shapes a fourteenth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import pytest

from generator.exchange.importer import import_markdown

# ---- todo.txt: its due and threshold dates are the task's dates, lines of its details ------------------------------


def test_todo_txt_due_and_threshold_dates_are_lines_of_the_details() -> None:
    """todo.txt's 'due:2026-04-01' and 't:2026-03-25' (the day a task may start) stayed words of the task's text, and a
    list of long lines was read as prose (no item at all). Each is a line of the task's details, as Obsidian Tasks'
    '📅' and '🛫' are; other key:values ('rec:1w') and projects and contexts stay words of the text."""
    source = (
        "(A) 2026-03-01 Renew the TLS certificate for the public API gateway +infra @ops due:2026-04-01 t:2026-03-25\n"
        "x 2026-03-02 2026-03-01 Review the pull request that moves the builds to the new runners +ci due:2026-03-05\n"
        "(B) Rotate the on-call schedule before the holidays start rec:1w @team\n"
        "Post the maintenance window on the status page t:2026-03-20\n"
    )
    items = import_markdown(source, "todo.txt").draft.all_items()
    assert [(i.text, i.ticked, i.priority.value if i.priority else None, i.details) for i in items] == [
        ("Renew the TLS certificate for the public API gateway +infra @ops", False, "high", ["- Due: 2026-04-01\n- Start: 2026-03-25"]),
        ("Review the pull request that moves the builds to the new runners +ci", True, None, ["- Due: 2026-03-05"]),
        ("Rotate the on-call schedule before the holidays start rec:1w @team", False, "medium", []),
        ("Post the maintenance window on the status page", False, None, ["- Start: 2026-03-20"]),
    ], items


def test_a_text_file_with_a_todo_txt_line_among_its_checks_is_read_as_before() -> None:
    """A typed list of checks with one todo.txt line among them is no todo.txt file: its lines as they were read."""
    source = "Release checklist\n\nTag the release\nBuild the images\nx 2026-03-02 Tell support due:2026-03-05\nPublish the notes\n"
    items = import_markdown(source, "notes.txt").draft.all_items()
    assert [(i.text, i.ticked) for i in items][-2:] == [("Tell support due:2026-03-05", True), ("Publish the notes", False)], items


# ---- Confluence mentions: the user's name where the export holds it, the assignee of a task -------------------------

_STORAGE = (
    "<h1>Release 4.2</h1>\n<ac:task-list>\n"
    '<ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body><ac:link><ri:user ri:username="jdoe"/>'
    "<ac:plain-text-link-body><![CDATA[Jane Doe]]></ac:plain-text-link-body></ac:link> Review the rollback plan</ac:task-body></ac:task>\n"
    '<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status><ac:task-body>Freeze main, ask <ac:link><ri:user ri:account-id="557058:f1c2"/>'
    "</ac:link> to confirm</ac:task-body></ac:task>\n"
    '<ac:task><ac:task-id>3</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body><ac:link><ri:user ri:username="bo.chen"/></ac:link> '
    'Tag the release <time datetime="2026-12-10"/></ac:task-body></ac:task>\n'
    "</ac:task-list>\n"
)
_EXPORTED = (
    "<html><head><title>Ops : Release 4.2</title></head><body>\n<h1>Release 4.2</h1>\n"
    '<ul class="inline-task-list" data-inline-tasks-content-id="9">\n'
    '<li data-inline-task-id="1"><span><a class="confluence-userlink user-mention" data-username="jdoe" href="/display/~jdoe">Jane Doe</a>'
    " Review the rollback plan</span></li>\n"
    '<li class="checked" data-inline-task-id="2"><span>Freeze main, ask <span class="user-mention" data-account-id="557058:f1c2"></span>'
    " to confirm</span></li>\n"
    '<li data-inline-task-id="3"><span><a class="confluence-userlink user-mention" data-username="bo.chen" href="https://x.test/people/1"></a>'
    ' Tag the release <time datetime="2026-12-10" class="date-upcoming">10 Dec 2026</time></span></li>\n'
    "</ul>\n</body></html>\n"
)


@pytest.mark.parametrize(("name", "source"), [("storage.html", _STORAGE), ("exported.html", _EXPORTED)], ids=["storage", "exported"])
def test_a_confluence_mention_is_the_users_name_and_a_tasks_first_its_assignee(name: str, source: str) -> None:
    """A mention holds the user's id, not the name the page shows: the storage format's was '@user' (or the user name
    run into its link body: '@jdoeJane Doe'), an exported page's empty link '[](https://…)' and an empty span nothing
    at all; a date's words were said after its own ('2026-12-1010 Dec 2026'; now the task's due date). The name shown (a link body, the link's
    words), else the user name the export holds ('@bo.chen'), else '@(mention)', which says one was there; a task's
    first mention its assignee (Confluence's), no words of its text where the task opens with it."""
    items = import_markdown(source, name).draft.all_items()
    assert [(i.text, i.ticked, i.owner) for i in items] == [
        ("Review the rollback plan", False, "Jane Doe"),
        ("Freeze main, ask @(mention) to confirm", True, ""),
        ("Tag the release", False, "bo.chen"),
    ], items
    assert [str(i.due) for i in items] == ["None", "None", "2026-12-10"], items  # the task's date its due date (test_import_sweep15)


def test_a_mention_outside_a_task_is_its_name_in_the_text() -> None:
    """A mention in prose is the name shown, no one's assignment."""
    source = '<p>Owner of the page: <ac:link><ri:user ri:username="ana"/></ac:link>.</p>\n<ul><li><input type="checkbox"> Back up</li></ul>\n'
    imported = import_markdown(source, "x.html")
    notes = "\n".join(n for s in imported.draft.sections for n in s.notes)
    assert "@ana" in notes and [i.owner for i in imported.draft.all_items()] == [""], (notes, imported.draft)


# ---- Smart Checklist (a Jira app): its headers are groups, its status marks the items' states ------------------------

_SMART = (
    "# Definition of Done\n- Code reviewed by a second engineer\n+ Unit tests written\n~ Docs updated\n> Only for API changes\n"
    "x Performance test\n## QA\n* Smoke test passed on staging\n+ Release notes drafted\n"
)


@pytest.mark.parametrize("name", ["smart.md", "smart.txt"])
def test_smart_checklists_status_marks_are_states_and_its_headers_groups(name: str) -> None:
    """Smart Checklist's text ('- ' to do, '+ ' done, '~ ' in progress, 'x ' skipped, '> ' details, '#' headers): its
    '+', '~' and 'x' lines ran into the item above ('Unit tests written ~ Docs updated x Performance test') and its
    '>' line was a quote. Each is a box (done ticked, in progress open, skipped n/a), a '>' line the details of the
    item above, each header a group over its items."""
    draft = import_markdown(_SMART, name).draft
    groups = {g.title: [(i.text, i.ticked, i.cancelled, i.details) for i in g.items] for s in draft.sections for g in s.groups}
    assert groups == {
        "Definition of Done": [
            ("Code reviewed by a second engineer", False, False, []),
            ("Unit tests written", True, False, []),
            ("Docs updated", False, False, ["Only for API changes"]),
            ("Performance test", False, True, []),
        ],
        "QA": [("Smoke test passed on staging", False, False, []), ("Release notes drafted", True, False, [])],
    }, groups


def test_markdown_lists_of_other_bullets_are_no_smart_checklist() -> None:
    """Markdown's lists, one of '-' and one of '+' apart (no item in progress or skipped), stay plain lists."""
    items = import_markdown("# Packing\n\n- Passport\n- Tickets\n\n+ Charger\n+ Adapter\n", "x.md").draft.all_items()
    assert [(i.text, i.ticked) for i in items] == [("Passport", False), ("Tickets", False), ("Charger", False), ("Adapter", False)], items


# ---- a checklist kept as data: lists of tests under keys that name their category ----------------------------------


def test_a_mapping_keyed_by_category_over_lists_of_tests_gives_sections() -> None:
    """A testing guide's checklist as JSON (OWASP WSTG's: '"categories": {"Information Gathering": {"id": "WSTG-INFO",
    "tests": [{"name": …, "id": …, "objectives": […]}]}}') was refused, no box found: 'tests' was no list of steps,
    and the categories are keys, not entries with a name. Each category is a section, each test an open item."""
    source = (
        '{\n  "categories": {\n    "Information Gathering": {\n      "id": "WSTG-INFO",\n      "tests": [\n'
        '        {"name": "Fingerprint Web Server", "id": "WSTG-INFO-02", "objectives": ["Find the server\'s version."]},\n'
        '        {"name": "Review Webserver Metafiles", "id": "WSTG-INFO-03", "objectives": ["Find leaked paths."]}\n'
        "      ]\n    },\n"
        '    "Session Management Testing": {\n      "id": "WSTG-SESS",\n      "tests": [\n'
        '        {"name": "Test for Cookies Attributes", "id": "WSTG-SESS-02", "objectives": ["Check the flags."]}\n'
        "      ]\n    }\n  }\n}\n"
    )
    imported = import_markdown(source, "checklist.json")
    assert imported.about is None, imported.about
    sections = {s.title: [i.text for i in s.all_items()] for s in imported.draft.sections}
    assert sections == {
        "Information Gathering": ["Fingerprint Web Server", "Review Webserver Metafiles"],
        "Session Management Testing": ["Test for Cookies Attributes"],
    }, sections


# ---- org: the log of a task's state change under its headline is bookkeeping --------------------------------------


def test_an_org_state_change_note_is_left_out_as_a_logbook_is() -> None:
    """org-log-done writes '- State "DONE" from "TODO" [2017-09-11 Mon 09:59]' under the headline (no drawer): it was a
    bullet of the task's details, and the paragraph right under it ran into that bullet. It is left out, as a
    LOGBOOK drawer's lines are; the paragraph is the details."""
    source = (
        "* Roadmap\n** DONE Make hooks easier to use\n"
        '- State "DONE"       from "TODO"       [2017-09-11 Mon 09:59]\nGet rid of the pre and post hooks.\n'
        "** TODO Add a route macro\n"
    )
    items = import_markdown(source, "TODO.org").draft.all_items()
    assert [(i.text, i.ticked, i.details) for i in items] == [
        ("Make hooks easier to use", True, ["Get rid of the pre and post hooks."]),
        ("Add a route macro", False, []),
    ], items


# ---- one optional step does not make its section's other steps low -------------------------------------------------


def test_one_optional_step_leaves_the_sections_other_steps_medium() -> None:
    """A release procedure of thirteen steps, one '(optional)' (a CLI's RELEASING.adoc): the section took the strongest
    level its items said, low, and its twelve steps of no level, which take their section's, were low with it. An item
    of no level counts as medium: the section is medium, the optional step alone low."""
    source = "= Releasing\n\n== Procedure\n\n- Pull main\n- (optional) Set CLI_VERSION\n- Tag the release\n\n== Later\n\n- (optional) Tweet\n"
    draft = import_markdown(source, "RELEASING.adoc").draft
    said = {s.title: (s.priority.value if s.priority else None, [i.priority.value if i.priority else None for i in s.all_items()]) for s in draft.sections}
    assert said == {"Procedure": ("medium", [None, "low", None]), "Later": ("low", ["low"])}, said
