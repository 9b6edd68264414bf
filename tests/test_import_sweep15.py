"""Shapes a fifteenth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.exchange.importer import import_markdown
from generator.exchange.source import Kind

# ---- a date in a Confluence task is its due date, as Obsidian Tasks' and todo.txt's are ---------------------------

_STORAGE = (
    "<h1>Cutover</h1>\n<ac:task-list>\n"
    "<ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status>"
    '<ac:task-body>Lower the DNS TTL <time datetime="2026-12-09" /></ac:task-body></ac:task>\n'
    "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>complete</ac:task-status>"
    "<ac:task-body>Freeze main</ac:task-body></ac:task>\n"
    "</ac:task-list>\n"
    '<p>Window agreed on <time datetime="2026-12-10" />.</p>\n'
)
_EXPORTED = (
    "<html><body>\n<h1>Cutover</h1>\n"
    '<ul class="inline-task-list" data-inline-tasks-content-id="7">\n'
    '<li data-inline-task-id="1"><span>Lower the DNS TTL <time datetime="2026-12-09" class="date-past">09 Dec 2026</time></span></li>\n'
    '<li class="checked" data-inline-task-id="2"><span>Freeze main</span></li>\n'
    "</ul>\n"
    '<p>Window agreed on <time datetime="2026-12-10" class="date-upcoming">10 Dec 2026</time>.</p>\n'
    "</body></html>\n"
)


@pytest.mark.parametrize("source", [_STORAGE, _EXPORTED], ids=["storage", "exported"])
def test_a_date_in_a_confluence_task_is_its_due_date(source: str) -> None:
    """A task's date ('<time datetime>' in its body; the exported page's date lozenge) stayed words of its text ('Lower
    the DNS TTL 2026-12-09'). It is the task's due date, a line of its details as Obsidian Tasks' '📅' is, and the
    report says so at the task's line; a date in prose stays its words."""
    imported = import_markdown(source, "cutover.html")
    items = imported.draft.all_items()
    assert [(i.text, i.ticked, i.details) for i in items] == [
        ("Lower the DNS TTL", False, ["- Due: 2026-12-09"]),
        ("Freeze main", True, []),
    ], items
    notes = "\n".join(n for s in imported.draft.sections for n in s.notes)
    assert "2026-12-10" in notes, notes
    due = [n.at[0] for n in imported.source.notes if n.kind is Kind.DUE]
    assert due == [source.split("\n").index(next(line for line in source.split("\n") if "Lower" in line)) + 1], due


def test_an_assigned_confluence_tasks_date_is_recorded_with_its_assignment(tmp_path: Path) -> None:
    """A task with an assignee and a date (Confluence's '@Ana Ruiz Tag the release 10 Dec 2026'): the owner and the due
    date go to the record's 'assign', as a table's Owner and Due columns do; the date is no line of the details then."""
    source = (
        "<ac:task-list>\n<ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>"
        '<ac:link><ri:user ri:username="ana"/><ac:plain-text-link-body><![CDATA[Ana Ruiz]]></ac:plain-text-link-body></ac:link>'
        ' Tag the release <time datetime="2026-12-10" /></ac:task-body></ac:task>\n</ac:task-list>\n'
    )
    (tmp_path / "release.html").write_text(source, encoding="utf-8")
    (tmp_path / "data").mkdir()
    assert main(["import", str(tmp_path / "release.html"), "-o", str(tmp_path / "data" / "release.yaml")]) == 0
    [entry] = (tmp_path / "data" / "release.record").rglob("*.yaml")
    record = entry.read_text(encoding="utf-8")
    assert "to: Ana Ruiz" in record and "2026-12-10" in record, record
    assert "Due:" not in (tmp_path / "data" / "release.yaml").read_text(encoding="utf-8")


def test_todo_txt_due_dates_are_said_in_the_report_at_their_tasks_lines() -> None:
    """todo.txt's 'due:' dates, read so since the fourteenth sweep, are reported too, each at its task's line."""
    source = "(A) Renew the certificate due:2026-04-01\nx 2026-03-02 Review the pull request +ci due:2026-03-05\n(B) Rotate @team\n"
    imported = import_markdown(source, "todo.txt")
    assert [n.at[0] for n in imported.source.notes if n.kind is Kind.DUE] == [1, 2], imported.source.notes


# ---- OWASP WSTG's checklist.json: a test's id its id, its objectives and reference its details ----------------------


def test_a_testing_guides_ids_objectives_and_references_are_kept() -> None:
    """WSTG's tests kept their names alone: their ids ('WSTG-INFO-02'), objectives and references were dropped. The id
    is the item's id (a category's the section's), the objectives and the reference lines of its details; a blank
    objective ('""', as the file holds for tests not yet written) is none."""
    source = (
        '{\n  "categories": {\n    "Information Gathering": {\n      "id": "WSTG-INFO",\n      "tests": [\n'
        '        {"name": "Fingerprint Web Server", "id": "WSTG-INFO-02",\n'
        '         "reference": "https://example.org/wstg/01-Information_Gathering/02-Fingerprint_Web_Server",\n'
        '         "objectives": ["Find the type and version of the web server.", "Look for known flaws of it."]},\n'
        '        {"name": "Fingerprint Web Application", "id": "WSTG-INFO-09", "reference": "https://example.org/wstg/09", "objectives": [""]}\n'
        "      ]\n    }\n  }\n}\n"
    )
    draft = import_markdown(source, "checklist.json").draft
    assert [s.id for s in draft.sections] == ["wstg-info"], draft.sections
    assert [(i.id, i.text, i.details) for i in draft.all_items()] == [
        (
            "wstg-info-02",
            "Fingerprint Web Server",
            [
                "- Reference: https://example.org/wstg/01-Information_Gathering/02-Fingerprint_Web_Server\n- Objectives:\n"
                "  - Find the type and version of the web server.\n  - Look for known flaws of it."
            ],
        ),
        ("wstg-info-09", "Fingerprint Web Application", ["- Reference: https://example.org/wstg/09"]),
    ], draft.all_items()


def test_a_list_of_steps_without_ids_or_objectives_reads_as_before() -> None:
    """A release tool's steps (a name, 'type:', 'instructions:'): no id, no details but their sub-steps, as before."""
    source = "checklist:\n  - name: Build App\n    type: manual\n    instructions:\n      - Commit the changes\n  - name: Smoke test\n    run: make smoke\n"
    draft = import_markdown(source, "checklist.yml").draft
    items = [i for s in draft.sections for g in s.groups for i in g.items]
    assert [(i.id, i.text, i.details, [s.text for s in i.items]) for i in items] == [
        ("build-app", "Build App", [], ["Commit the changes"]),
        ("smoke-test", "Smoke test", [], []),
    ], items


# ---- Smart Checklist's '!': a mandatory item, critical ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["smart.md", "smart.txt"])
def test_smart_checklists_mandatory_mark_makes_an_item_critical(name: str) -> None:
    """Smart Checklist marks a mandatory item with '!' after its status mark ('- ! …', '+! …') or alone ('! …'): it
    stayed words of the text ('! Security review', or a line no item at all). It is critical, as a CSV file's Critical
    column or a '🔴' is; the other items are not."""
    source = (
        "# Definition of Done\n- ! Code reviewed by a second engineer\n+! Unit tests written\n~ Docs updated\n"
        "! Security review signed off\nx Performance test\n- Changelog entry\n"
    )
    items = import_markdown(source, name).draft.all_items()
    assert [(i.text, i.critical, i.ticked, i.cancelled) for i in items] == [
        ("Code reviewed by a second engineer", True, False, False),
        ("Unit tests written", True, True, False),
        ("Docs updated", False, False, False),
        ("Security review signed off", True, False, False),
        ("Performance test", False, False, True),
        ("Changelog entry", False, False, False),
    ], items


def test_an_image_line_is_no_mandatory_item() -> None:
    """'![diagram](x.png)' opening a line is Markdown's image, no '!' mark: a Markdown file with one reads as before."""
    items = import_markdown("# Steps\n\n![flow](flow.png)\n\n- [ ] Tag\n- [ ] Push\n", "x.md").draft.all_items()
    assert [(i.text, i.critical) for i in items] == [("Tag", False), ("Push", False)], items


# ---- a security standard's exports (OWASP ASVS' CSV, JSON and flat JSON): chapters, sections, requirement ids --------

_ASVS_CSV = (
    "chapter_id,chapter_name,section_id,section_name,req_id,req_description,level1,level2,level3,cwe\n"
    "V1,Architecture,V1.1,Secure Lifecycle,V1.1.1,Verify the use of a secure development lifecycle.,,✓,✓,\n"
    "V1,Architecture,V1.1,Secure Lifecycle,V1.1.2,Verify the use of threat modeling for every design change.,,✓,✓,1053\n"
    "V1,Architecture,V1.2,Authentication Architecture,V1.2.1,Verify the use of unique low-privilege accounts.,,✓,✓,250\n"
    "V2,Authentication,V2.1,Password Security,V2.1.1,Verify that user set passwords are at least 12 characters long.,✓,✓,✓,521\n"
)
_ASVS_FLAT = (
    '{"requirements": [\n'
    '  {"chapter_id": "V1", "chapter_name": "Architecture", "section_id": "V1.1", "section_name": "Secure Lifecycle",\n'
    '   "req_id": "V1.1.1", "req_description": "Verify the use of a secure development lifecycle.", "level1": "", "cwe": ""},\n'
    '  {"chapter_id": "V1", "chapter_name": "Architecture", "section_id": "V1.1", "section_name": "Secure Lifecycle",\n'
    '   "req_id": "V1.1.2", "req_description": "Verify the use of threat modeling for every design change.", "level1": "", "cwe": "1053"},\n'
    '  {"chapter_id": "V1", "chapter_name": "Architecture", "section_id": "V1.2", "section_name": "Authentication Architecture",\n'
    '   "req_id": "V1.2.1", "req_description": "Verify the use of unique low-privilege accounts.", "level1": "", "cwe": "250"},\n'
    '  {"chapter_id": "V2", "chapter_name": "Authentication", "section_id": "V2.1", "section_name": "Password Security",\n'
    '   "req_id": "V2.1.1", "req_description": "Verify that user set passwords are at least 12 characters long.", "level1": "✓", "cwe": "521"}\n'
    "]}\n"
)
_ASVS_JSON = (
    '{"Name": "Verification Standard", "Requirements": [\n'
    '  {"Shortcode": "V1", "Name": "Architecture", "Items": [\n'
    '    {"Shortcode": "V1.1", "Name": "Secure Lifecycle", "Items": [\n'
    '      {"Shortcode": "V1.1.1", "Description": "Verify the use of a secure development lifecycle.", "L1": {"Required": false}},\n'
    '      {"Shortcode": "V1.1.2", "Description": "Verify the use of threat modeling for every design change.", "CWE": [1053]}]},\n'
    '    {"Shortcode": "V1.2", "Name": "Authentication Architecture", "Items": [\n'
    '      {"Shortcode": "V1.2.1", "Description": "Verify the use of unique low-privilege accounts.", "CWE": [250]}]},\n'
    '    {"Shortcode": "V1.3", "Name": "Session Management Architecture", "Items": []}]},\n'
    '  {"Shortcode": "V2", "Name": "Authentication", "Items": [\n'
    '    {"Shortcode": "V2.1", "Name": "Password Security", "Items": [\n'
    '      {"Shortcode": "V2.1.1", "Description": "Verify that user set passwords are at least 12 characters long."}]}]}\n'
    "]}\n"
)


@pytest.mark.parametrize(("name", "source"), [("asvs.csv", _ASVS_CSV), ("asvs.flat.json", _ASVS_FLAT), ("asvs.json", _ASVS_JSON)])
def test_a_standards_chapters_sections_and_requirement_ids(name: str, source: str) -> None:
    """A security standard exported as CSV ('chapter_name', 'section_name', 'req_id' columns) was one section of every
    requirement, its chapter, section and numbers lines of each one's details; as flat JSON the same; as nested JSON
    ('Requirements' of chapters, their 'Items' of sections) refused, no box found. Each chapter is a section, each of
    its sections a group, with their codes as ids (V1, V1.1), each requirement an item whose id is its number
    ('v1-1-2'); a section of no requirement ('"Items": []') no item."""
    draft = import_markdown(source, name).draft
    outline = [(s.id, s.title, [(g.id, g.title, [i.id for i in g.items]) for g in s.groups]) for s in draft.sections]
    assert outline == [
        ("v1", "Architecture", [("v1-1", "Secure Lifecycle", ["v1-1-1", "v1-1-2"]), ("v1-2", "Authentication Architecture", ["v1-2-1"])]),
        ("v2", "Authentication", [("v2-1", "Password Security", ["v2-1-1"])]),
    ], outline
    details = "\n".join(d for i in draft.all_items() for d in i.details)
    assert "chapter" not in details.lower() and "V1.1" not in details, details


# ---- an issue form without a checkboxes element: its fields' descriptions are no steps --------------------------------


def test_an_issue_forms_numbered_instructions_in_a_field_are_no_checklist(tmp_path: Path) -> None:
    """A bug report form (a project's bug-report.yml) with no checkboxes element, one field's description telling the
    reporter '1. Install threadpoolctl' and '2. Paste the output of …': those two lines were read as the checklist
    (the plain lists of a file without boxes). A form of fields to fill in is refused, saying so, as its README says."""
    form = (
        "name: Bug report\ndescription: Report a bug.\nbody:\n- type: markdown\n  attributes:\n    value: Thanks for reporting.\n"
        "- type: textarea\n  attributes:\n    label: \"Runtime Environment:\"\n    description: |\n"
        "      1. Install `threadpoolctl` (e.g. with `pip` or `conda`)\n      2. Paste the output of `import numpy; numpy.show_runtime()`.\n"
        "  validations:\n    required: false\n"
    )
    (tmp_path / "bug-report.yml").write_text(form, encoding="utf-8")
    (tmp_path / "data").mkdir()
    assert main(["import", str(tmp_path / "bug-report.yml"), "-o", str(tmp_path / "data" / "bug.yaml")]) != 0
    assert not (tmp_path / "data" / "bug.yaml").exists()


# ---- AsciiDoc: a list of another marker indented under an item is its sub-list -------------------------------------


def test_an_asciidoc_list_of_another_marker_indented_under_a_step_is_its_sub_list() -> None:
    """A release guide's numbered steps with platforms under one ('2. Build natives:' then '   - Linux x86_64') and a
    bulleted item with its cases under it ('* Common issues:' then '  - GraalVM'): the indented '-' lines were a list
    of their own at the top, steps of their own. They are the item's sub-items; a '-' line not indented after '**'
    items stays at the top, as before."""
    source = (
        "= Releasing\n\n== What it does\n\n1. Check out the tag\n2. Build natives:\n   - Linux x86_64\n   - Windows x86_64\n"
        "3. Upload the artifacts\n\n== Troubleshooting\n\n* Read the logs\n* Common issues:\n  - GraalVM compatibility\n"
        "  - Missing dependencies\n"
    )
    draft = import_markdown(source, "RELEASING.adoc").draft
    tree = {s.title: [(i.text, [c.text for c in i.items]) for g in s.groups for i in g.items] for s in draft.sections}
    assert tree == {
        "What it does": [("Check out the tag", []), ("Build natives:", ["Linux x86_64", "Windows x86_64"]), ("Upload the artifacts", [])],
        "Troubleshooting": [("Read the logs", []), ("Common issues:", ["GraalVM compatibility", "Missing dependencies"])],
    }, tree


# ---- Org: an entity is the character Org shows ------------------------------------------------------------------------


def test_an_org_entity_is_the_character_org_shows() -> None:
    r"""An Org checklist writing '~KITM~ \to ~Outline Bullets~' (an Emacs package's CHECKLIST.org): its '\to' stayed as
    typed. An entity ('\to', '\mdash{}', '\lt{}') is the character Org shows, as text ('<b>' no tag, '\ast{}' no
    emphasis); one in code, or a name Org has no character for ('C:\Users'), as written."""
    source = (
        "#+TITLE: Kit\n\n * [ ] Rename ~KITM~ \\to ~Outline Bullets~ \\mdash{} then \\lt{}b\\gt{} \\ast{}not bold\\ast{}\n"
        " * [ ] Keep ~\\to~ in C:\\Users\\me\n"
    )
    items = import_markdown(source, "CHECKLIST.org").draft.all_items()
    assert [i.text for i in items] == ["Rename `KITM` → `Outline Bullets` — then <b> *not bold*", "Keep `\\to` in C:\\Users\\me"], items


# ---- a self-assessment's checks written as paragraphs: code, state in brackets, recommendation -------------------------


def test_a_self_assessments_coded_paragraphs_are_its_checks() -> None:
    """A software engineering self-assessment (a research lab's checklist for an application class): each check a
    paragraph, '**EQA.1** - **[OK]** The software responsible …', under its area's heading, and a list of usage hints
    at the end. The checks were notes and the four hints the only items. Each coded paragraph is an item, its state
    its box ('OK' ticked, 'n.a.' n/a, 'todo' open), its code its id; the hints stay text."""
    source = (
        "# Checklist for Application Class 1\n\n## Qualification\n"
        "**EQA.1** - **[OK]** The software responsible knows the application classes. *(from application class 1)*\n\n"
        "**EQA.2** - **[todo]** The software responsible knows how to request support. *(from application class 1)*\n\n"
        "## Release Management\n**ERM.1** - **[n.a.]** Every release has a unique release number.\n\n"
        "## Usage Hints\n* Is the recommendation addressed appropriately? Status: **ok**\n"
        "* Is there potential for improvement? Status: **todo**\n"
    )
    imported = import_markdown(source, "se_checklist.md")
    items = imported.draft.all_items()
    assert [(i.id, i.ticked, i.cancelled, i.text[:40]) for i in items] == [
        ("eqa-1", True, False, "The software responsible knows the appli"),
        ("eqa-2", False, False, "The software responsible knows how to re"),
        ("erm-1", False, True, "Every release has a unique release numbe"),
    ], items
    assert [n.at[0] for n in imported.source.notes if n.kind is Kind.CODED] == [4, 6, 9], imported.source.notes


# ---- a template's blanks to fill in are no steps ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "---\nname: Bug report\nabout: Create a report\n---\n\n**To Reproduce**\n\n1. Go to '...'\n2. Click on '....'\n3. See error\n\n"
        "**Desktop:**\n - OS: [e.g. iOS]\n - Browser [e.g. chrome, safari]\n",
        "## Overview\n\n## Release Notes\n- TBD: 1st item of release notes\n- TBD: 2nd item of release notes\n\n## Related\nCloses #issue_number\n",
    ],
    ids=["bug-report", "release-notes"],
)
def test_a_templates_blanks_to_fill_in_are_no_checklist(source: str, tmp_path: Path) -> None:
    """A bug report template's steps to reproduce ("Go to '...'", 'See error') and its fields ('OS: [e.g. iOS]'), a
    pull request template's release notes ('TBD: 1st item of release notes'): blanks to fill in, which a file without
    boxes gave as its checklist. A list of such blanks (one other item at most) is none; the file is refused."""
    (tmp_path / "template.md").write_text(source, encoding="utf-8")
    (tmp_path / "data").mkdir()
    assert main(["import", str(tmp_path / "template.md"), "-o", str(tmp_path / "data" / "t.yaml")]) != 0
    assert not (tmp_path / "data" / "t.yaml").exists()


def test_a_list_with_one_blank_among_its_steps_keeps_its_steps() -> None:
    """Steps of plain bullets with a blank in one ("Set the title to '...'"): a checklist of steps, each read, as before."""
    source = "# Release\n\n- Tag the release\n- Set the title to '...'\n- Build the images\n- Publish the notes\n"
    items = import_markdown(source, "RELEASE.md").draft.all_items()
    assert [i.text for i in items] == ["Tag the release", "Set the title to '...'", "Build the images", "Publish the notes"], items


def test_an_xml_export_is_read_as_its_json(tmp_path: Path) -> None:
    """A standard's XML export (ASVS ships XML beside its JSON and CSV) was told to write '- [ ] Do this' lines, then to
    bring its JSON or CSV (imp15); it is read as the JSON it mirrors (imp16: test_import_sweep16)."""
    (tmp_path / "asvs.xml").write_text('<?xml version="1.0"?><root><Requirements><item><Name>V1</Name></item></Requirements></root>\n', encoding="utf-8")
    (tmp_path / "data").mkdir()
    assert main(["import", str(tmp_path / "asvs.xml"), "-o", str(tmp_path / "data" / "asvs.yaml")]) == 0
    assert "V1" in (tmp_path / "data" / "asvs.yaml").read_text(encoding="utf-8")
