"""Shapes a sixteenth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.exchange.export import as_text
from generator.exchange.importer import import_markdown


def _refused(tmp_path: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Import ``text`` saved as ``name`` with -o into data/: refused, nothing written; what it said."""
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    assert main(["import", str(tmp_path / name), "-o", str(tmp_path / "data" / "x.yaml")]) != 0
    assert not list((tmp_path / "data").iterdir())
    return capsys.readouterr().err


# ---- release notes in a text file, the newest versions lines of their own under rules -------------------------------

_NOTES = (
    "Overtarget Release Notes\n\n-------------------------\nRelease 1.4.0 (14th June 2022)\n\nNew Features:\n   -Update to Java 11\n\n"
    "-------------------------\nRelease 1.3.0 (24th March 2022)\n\nNew Features:\n  - Improve usability\n  - Updated documentation\n\n"
    "-------------------------\n\nRelease 1.2.1 (24th July 2020)\n----------------------------\n\nBugfix:\n  - Fixed empty targets\n\n"
    "Release 1.2.0 (6th May 2020)\n----------------------------\n\nNew Features:\n  - Added toolbar\n"
)


def test_release_notes_whose_newest_versions_are_lines_of_their_own_are_a_changelog(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A text file's release notes, its two newest versions lines under a rule of dashes (paragraphs, not headings)
    and the older two underlined: two headings were too few to tell a changelog, and every line became a box ('New
    Features:', '-Update to Java 11'). It is refused as a changelog, at its first version's line."""
    err = _refused(tmp_path, "ReleaseNotes.txt", _NOTES, capsys)
    assert "ReleaseNotes.txt:4:1: error: no check boxes found" in err, err
    assert "changelog" in err and "'Release 1.4.0 (14th June 2022)'" in err, err


def test_a_release_checklist_naming_its_version_in_a_line_is_still_read() -> None:
    """A release checklist whose lines name the version ('Release 2.0.0 (next week)' over its steps) is no changelog:
    one version line, its steps read as before."""
    source = "Release 2.0.0 (next week)\n\nSteps:\n\n- Tag the release\n- Build the images\n- Publish the notes\n"
    items = import_markdown(source, "RELEASE.md").draft.all_items()
    assert [i.text for i in items] == ["Tag the release", "Build the images", "Publish the notes"], items


# ---- a project's README (a library's page about itself, named RELEASE.rst) -----------------------------------------

_README = (
    "wrapt\n=====\n\nA Python module for decorators.\n\nOverview\n--------\n\nThe module provides proxies.\n\n"
    "Key Features\n------------\n\n* **Universal decorators** for functions\n* **Object proxies** for wrapping\n\n"
    "Installation\n------------\n\nInstall from PyPI::\n\n    pip install wrapt\n\nSupported Python Versions\n-------------------------\n\n"
    "* Python 3.9+\n* CPython and PyPy\n\nQuick Start\n-----------\n\n* ``wrapped`` - the wrapped function\n"
)


def test_a_projects_readme_is_no_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A project's README without a box (Overview, Key Features, Installation, Quick Start: a library's RELEASE.rst)
    gave its features and the Python versions it supports as steps to tick. It is refused, at its first README
    section, saying what it is and what to do."""
    err = _refused(tmp_path, "RELEASE.rst", _README, capsys)
    assert "RELEASE.rst:6:1: error: no check boxes found" in err, err
    assert "README" in err and "'- [ ] Do this'" in err, err


def test_a_release_guide_with_install_and_usage_sections_is_still_read() -> None:
    """A guide whose headings include a README's (Installation, Usage) and its steps ('Release steps') is a checklist:
    read as before."""
    source = "# Releasing\n\n## Installation\n\n- Install the tools\n\n## Usage\n\n- Run make\n\n## Release steps\n\n- Tag\n- Publish\n"
    items = import_markdown(source, "RELEASING.md").draft.all_items()
    assert [i.text for i in items] == ["Install the tools", "Run make", "Tag", "Publish"], items


# ---- a level among the asides that end an item ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "text", "level"),
    [
        ("**Uptime**, domain, SSL monitoring (optional) (e.g. StatusCake)", "**Uptime**, domain, SSL monitoring (e.g. StatusCake)", "low"),
        ("Clean up (optional)", "Clean up", "low"),
        ("Rotate the keys (critical) (see the runbook)", "Rotate the keys (see the runbook)", None),
        ("Install A (optional) and B (e.g. x)", "Install A (optional) and B (e.g. x)", None),
    ],
    ids=["before-an-aside", "at-the-end", "critical-before-an-aside", "mid-sentence"],
)
def test_a_level_before_an_aside_at_the_end_is_read(line: str, text: str, level: str | None) -> None:
    """'(optional)' before the text's last aside ('(e.g. StatusCake)') stayed words of the text, the item medium, while
    '(optional)' at the end made it low. It is read as at the end, the aside kept; one in mid-sentence stays words."""
    source = f"# Launch\n\n- [ ] Tag the release\n- [ ] {line}\n"
    item = import_markdown(source, "launch.md").draft.all_items()[1]
    critical = "(critical)" in line
    assert (item.text, item.priority.value if item.priority and not critical else None, item.critical) == (text, level, critical), item


def test_an_item_with_a_level_before_an_aside_comes_back_from_its_export() -> None:
    """A text holding '(optional)' before an aside, in a data file, is exported so that import reads it back as written
    (the export escapes where import would read a marker: Markers.where knows the asides)."""
    body = "SSL monitoring (optional) (e.g. StatusCake)"
    written = as_text(body)
    assert written != body, written
    item = import_markdown(f"# Launch\n\n- [ ] Tag the release\n- [ ] {written}\n", "launch.md").draft.all_items()[1]
    assert (item.text, item.priority) == (body, None), item


# ---- a roster of people is no list of steps ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "roster",
    ["- Jane Doe (@jdoe)\n- @bob\n- Ann Lee <ann@example.org>\n", "- Jane Doe\n- Bo Li (shadow)\n- Ann Lee - release lead\n"],
    ids=["handles", "names-under-a-team-heading"],
)
def test_a_release_teams_roster_is_no_steps(roster: str) -> None:
    """A release page without a box listing its team ('## Release team' over '- Jane Doe (@jdoe)') gave each person as
    a step to tick. The roster stays text (the section's notes); the steps are read as before."""
    source = f"# Release 2.3\n\n## Release team\n\n{roster}\n## Steps\n\n- Tag the release\n- Publish the notes\n"
    imported = import_markdown(source, "release.md")
    assert [i.text for i in imported.draft.all_items()] == ["Tag the release", "Publish the notes"], imported.draft
    notes = "\n".join(n for s in imported.draft.sections for n in s.notes)
    assert "Jane Doe" in notes and "Ann Lee" in notes, notes


def test_a_list_of_things_named_in_capitals_is_still_steps() -> None:
    """Plain items of two capitalised words with no lead-in naming people ('Big Data', 'Log Management') are no roster."""
    source = "# Checks\n\n## Monitoring\n\n- Big Data\n- Log Management\n- Network Services\n"
    items = import_markdown(source, "checks.md").draft.all_items()
    assert [i.text for i in items] == ["Big Data", "Log Management", "Network Services"], items


# ---- XML: documents, exports and data, parsed safely ----------------------------------------------------------------

_DOCBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//OASIS//DTD DocBook XML V4.5//EN" "http://www.oasis-open.org/docbook/xml/4.5/docbookx.dtd">
<article>
  <title>Go-live checklist</title>
  <section>
    <title>Before</title>
    <para>Run these the day before&nbsp;cutover.</para>
    <itemizedlist>
      <listitem><para>Back up the <emphasis>database</emphasis></para></listitem>
      <listitem><para>Freeze main</para>
        <itemizedlist><listitem><para>Tell the team</para></listitem></itemizedlist>
      </listitem>
    </itemizedlist>
  </section>
  <section>
    <title>Cutover</title>
    <procedure>
      <step><para>Switch DNS</para></step>
      <step><para>Watch the errors</para></step>
    </procedure>
  </section>
</article>
"""

_DITA = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE task PUBLIC "-//OASIS//DTD DITA Task//EN" "task.dtd">
<task id="rotate">
  <title>Rotate the keys</title>
  <taskbody>
    <prereq><p>Open a change ticket.</p></prereq>
    <steps>
      <step><cmd>Create the new key</cmd><info>In the vault, not on a laptop.</info></step>
      <step><cmd>Roll it out</cmd>
        <substeps><substep><cmd>Staging first</cmd></substep><substep><cmd>Then production</cmd></substep></substeps>
      </step>
      <step><cmd>Revoke the old key</cmd></step>
    </steps>
  </taskbody>
</task>
"""

_JIRA = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="0.92"><channel><title>Launch</title>
<item><title>[OPS-1] Cut over DNS</title><key id="1">OPS-1</key><summary>Cut over DNS</summary><type>Task</type>
<priority>Blocker</priority><status>In Progress</status><statusCategory id="4" key="indeterminate"/>
<assignee username="ana">Ana Ruiz</assignee><subtasks><subtask id="2">OPS-2</subtask></subtasks></item>
<item><title>[OPS-2] Lower the TTL</title><key id="2">OPS-2</key><summary>Lower the TTL</summary><type>Sub-task</type>
<status>Done</status><statusCategory id="3" key="done"/><parent id="1">OPS-1</parent><assignee username="-1">Unassigned</assignee></item>
<item><title>[OPS-3] Tell support</title><key id="3">OPS-3</key><summary>Tell support</summary><status>Open</status>
<statusCategory id="2" key="new"/></item>
</channel></rss>
"""


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        ("golive.xml", _DOCBOOK, [("Back up the database", False), ("Freeze main", False), ("Tell the team", False), ("Switch DNS", False),
                                  ("Watch the errors", False)]),
        ("rotate.dita", _DITA, [("Create the new key", False), ("Roll it out", False), ("Staging first", False), ("Then production", False),
                                ("Revoke the old key", False)]),
        ("launch.xml", _JIRA, [("Cut over DNS", False), ("Lower the TTL", True), ("Tell support", False)]),
    ],
    ids=["docbook", "dita", "jira-xml"],
)
def test_xml_documents_and_exports_are_read(tmp_path: Path, name: str, source: str, expected: list[tuple[str, bool]]) -> None:
    """XML was refused ('use the JSON or CSV export'). A DocBook article (its DTD named, never fetched; '&nbsp;' read as
    HTML's), a DITA task (its steps' commands the items, a step's info its details) and Jira's XML export (its
    issues, a sub-task under its parent, done by its status's category) are read, and pass check."""
    (tmp_path / name).write_text(source, encoding="utf-8")
    (tmp_path / "data").mkdir()
    assert main(["import", str(tmp_path / name), "-o", str(tmp_path / "data" / "x.yaml")]) == 0
    imported = import_markdown(source, name)
    assert [(i.text, i.ticked) for i in imported.draft.all_items()] == expected, imported.draft
    assert imported.draft.title == {"golive.xml": "Go-live checklist", "rotate.dita": "Rotate the keys", "launch.xml": "Launch"}[name]


def test_a_dita_steps_info_is_its_details_and_a_jira_issues_owner_its_owner() -> None:
    """A step's info ('In the vault, not on a laptop.') is the item's details, not an item; a Jira issue's assignee
    its owner, 'Unassigned' none, its priority its level."""
    create = import_markdown(_DITA, "rotate.dita").draft.all_items()[0]
    assert create.details == ["In the vault, not on a laptop."], create
    cut, ttl, _ = import_markdown(_JIRA, "launch.xml").draft.all_items()
    assert (cut.owner, cut.critical, ttl.owner) == ("Ana Ruiz", True, ""), (cut, ttl)


def test_a_standards_xml_export_reads_as_its_json() -> None:
    """A standard's XML export mirrors its JSON export (ASVS ships both): read as that JSON is, the same checklist; an
    empty list written '<Items></Items>' is an empty list."""
    import json  # noqa: PLC0415

    tree = {"Name": "ASVS", "Requirements": [
        {"Shortcode": "V1", "Name": "Architecture", "Items": [
            {"Shortcode": "V1.1", "Name": "Lifecycle", "Items": [{"Shortcode": "V1.1.1", "Description": "Verify the lifecycle."},
                                                                 {"Shortcode": "V1.1.2", "Description": "Verify threat modeling."}]},
            {"Shortcode": "V1.2", "Name": "Sessions", "Items": []},
            {"Shortcode": "V1.3", "Name": "Access", "Items": [{"Shortcode": "V1.3.1", "Description": "Verify the gateways."}]}]}]}  # fmt: skip

    def xml(value: object, tag: str) -> str:
        if isinstance(value, dict):
            return f"<{tag}>" + "".join(xml(v, k) for k, v in value.items()) + f"</{tag}>"
        if isinstance(value, list):
            return f"<{tag}>" + "".join(xml(v, "item") for v in value) + f"</{tag}>"
        return f"<{tag}>{value}</{tag}>"

    from_json = import_markdown(json.dumps(tree, indent=1), "asvs.json").draft
    from_xml = import_markdown('<?xml version="1.0" encoding="UTF-8" ?>' + xml(tree, "root"), "asvs.xml").draft
    shape = [(s.id, s.title, [(g.id, g.title, [(i.id, i.text) for i in g.items]) for g in s.groups]) for s in from_xml.sections]
    assert shape == [(s.id, s.title, [(g.id, g.title, [(i.id, i.text) for i in g.items]) for g in s.groups]) for s in from_json.sections]
    assert [i.id for i in from_xml.all_items()] == ["v1-1-1", "v1-1-2", "v1-3-1"], shape


@pytest.mark.parametrize(
    "source",
    [
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        "<article><title>T</title><itemizedlist><listitem><para>&b;</para></listitem></itemizedlist></article>\n",
        '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
        "<article><title>T</title><itemizedlist><listitem><para>&x;</para></listitem></itemizedlist></article>\n",
        '<?xml version="1.0"?>\n<config><server port="8080"/><name>web</name></config>\n',
    ],
    ids=["entity-expansion", "external-entity", "config-data"],
)
def test_xml_declaring_entities_or_holding_no_checklist_is_refused(tmp_path: Path, source: str, capsys: pytest.CaptureFixture[str]) -> None:
    """XML that declares an entity (an expansion bomb, a file read through an external entity) is never parsed: refused,
    nothing of it read; XML data that lists no tasks is refused, told what XML import reads."""
    err = _refused(tmp_path, "list.xml", source, capsys)
    assert "list.xml:1:1: error: no check boxes found" in err and "DocBook, DITA" in err, err
    assert "root:" not in err and "aaaaaaaaaa" not in err, err


def test_confluence_storage_format_and_an_outline_saved_as_xml_are_read() -> None:
    """Confluence's storage format (its 'ac:' prefixes never declared, no well-formed XML) and an OPML outline saved as
    .xml are read as their own readers read them."""
    storage = ('<?xml version="1.0"?>\n<ac:task-list>\n<ac:task><ac:task-status>complete</ac:task-status>'
               "<ac:task-body>Freeze main</ac:task-body></ac:task>\n<ac:task><ac:task-status>incomplete</ac:task-status>"
               "<ac:task-body>Tag</ac:task-body></ac:task>\n</ac:task-list>\n")  # fmt: skip
    assert [(i.text, i.ticked) for i in import_markdown(storage, "page.xml").draft.all_items()] == [("Freeze main", True), ("Tag", False)]
    outline = ('<?xml version="1.0"?>\n<opml version="2.0"><head><title>Go</title></head><body>'
               '<outline text="Tag" _complete="true"/>\n<outline text="Ship"/></body></opml>\n')
    assert [(i.text, i.ticked) for i in import_markdown(outline, "go.xml").draft.all_items()] == [("Tag", True), ("Ship", False)]


# ---- spreadsheets and OpenDocument text: zipped XML -----------------------------------------------------------------


def _zipped(path: Path, parts: dict[str, str]) -> None:
    import zipfile  # noqa: PLC0415

    with zipfile.ZipFile(path, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _cell(ref: str, value: str) -> str:
    """A cell as Excel writes it: a shared string by its number ('#0'), else a string of its own."""
    if value.startswith("#"):
        return f'<c r="{ref}" t="s"><v>{value[1:]}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def _sheet(rows: list[list[str]]) -> str:
    cells = "".join(f'<row r="{n}">' + "".join(_cell(f"{'ABC'[k]}{n}", v) for k, v in enumerate(row) if v) + "</row>" for n, row in enumerate(rows, 1) if row)
    return f'<worksheet xmlns="{_MAIN}"><sheetData>{cells}</sheetData></worksheet>'


def test_an_excel_workbook_reads_as_its_csv(tmp_path: Path) -> None:
    """A spreadsheet (.xlsx) was refused ('save it as CSV'). Its rows read as a CSV file's; sheets of one head (a sheet
    for each phase) each a section, named by its sheet; a shared string is its text."""
    head = ["Task", "Done", "Owner"]
    _zipped(tmp_path / "launch.xlsx", {
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="Before" sheetId="1" r:id="rId1"/>'
                           '<sheet name="After" sheetId="2" r:id="rId2"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/>'
                                      '<Relationship Id="rId2" Target="worksheets/sheet2.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{_MAIN}"><si><t>Back up the database</t></si></sst>',
        "xl/worksheets/sheet1.xml": _sheet([head, ["#0", "yes"], [], ["Freeze main", "", "Ana Ruiz"]]),
        "xl/worksheets/sheet2.xml": _sheet([head, ["Tell support", "", ""]]),
    })  # fmt: skip
    (tmp_path / "data").mkdir()
    assert main(["import", str(tmp_path / "launch.xlsx"), "-o", str(tmp_path / "data" / "launch.yaml")]) == 0
    written = (tmp_path / "data" / "launch.yaml").read_text(encoding="utf-8")
    for said in ("title: Before", "title: After", "Back up the database", "Freeze main", "Tell support"):
        assert said in written, written
    status = (tmp_path / "data" / "launch.status.yaml").read_text(encoding="utf-8")
    assert "back-up" in status and "freeze" not in status, status


_ODF = "urn:oasis:names:tc:opendocument:xmlns"


def test_opendocument_text_and_spreadsheet_are_read(tmp_path: Path) -> None:
    """An OpenDocument text (.odt: LibreOffice's) gives its headings, paragraphs and lists, read as a Word document's
    are; a spreadsheet (.ods) its rows as CSV."""
    body = (f'<office:document-content xmlns:office="{_ODF}:office:1.0" xmlns:text="{_ODF}:text:1.0" xmlns:table="{_ODF}:table:1.0">'
            '<office:body><office:text><text:h text:outline-level="1">Release</text:h><text:p>Do these in order.</text:p>'
            "<text:list><text:list-item><text:p>☐ Tag the release</text:p></text:list-item><text:list-item><text:p>☒ Build</text:p>"
            "<text:list><text:list-item><text:p>☐ Sign it</text:p></text:list-item></text:list></text:list-item></text:list>"
            "</office:text></office:body></office:document-content>")  # fmt: skip
    _zipped(tmp_path / "release.odt", {"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": body})
    sheet = (f'<office:document-content xmlns:office="{_ODF}:office:1.0" xmlns:text="{_ODF}:text:1.0" xmlns:table="{_ODF}:table:1.0">'
             '<office:body><office:spreadsheet><table:table table:name="Checks">'
             "<table:table-row><table:table-cell><text:p>Task</text:p></table:table-cell><table:table-cell><text:p>Done</text:p></table:table-cell></table:table-row>"
             '<table:table-row><table:table-cell><text:p>Rotate keys</text:p></table:table-cell><table:table-cell><text:p>x</text:p></table:table-cell>'
             '<table:table-cell table:number-columns-repeated="16000"/></table:table-row>'
             '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
             "</table:table></office:spreadsheet></office:body></office:document-content>")  # fmt: skip
    _zipped(tmp_path / "checks.ods", {"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": sheet})
    from generator.exchange.importing import read_source  # noqa: PLC0415

    text = import_markdown(read_source(tmp_path / "release.odt"), "release.odt").draft
    assert [(i.text, i.ticked) for i in text.all_items()] == [("Tag the release", False), ("Build", True), ("Sign it", False)], text
    rows = import_markdown(read_source(tmp_path / "checks.ods"), "checks.ods").draft
    assert [(i.text, i.ticked) for i in rows.all_items()] == [("Rotate keys", True)], rows


# ---- a testing guide's sheet: a head row for each category ---------------------------------------------------------

_GUIDE = (
    ",OWASP Testing Guide Checklist,,,,\n,,,,,\n"
    ",Information Gathering,Test Name,Objectives,Status,Notes,,,\n"
    ",WSTG-INFO-01,Search Engine Discovery,- Find leaks in search engines.,Not Started,\n"
    ",WSTG-INFO-02,Fingerprint Web Server,- Find the server's version.,Pass,\n"
    ",Configuration Testing,Test Name,Objectives,Status,Notes\n"
    ",WSTG-CONF-01,Test Network Configuration,- Map the network.,Not Started,\n"
    ",Pass,,,,\n,N/A,,,,\n"
)


def test_a_sheet_with_a_head_row_for_each_category_gives_its_sections_and_ids() -> None:
    """A testing guide's sheet (OWASP WSTG's checklist.xlsx, saved as CSV too): each category under a head row of its
    own naming it in its first cell, the rows' codes under that name, a blank column first and a legend of statuses
    below. The head rows were items ('Objectives') and the objectives the texts; each category is a section, 'Test
    Name' the text, the code the id."""
    draft = import_markdown(_GUIDE, "checklist.csv").draft
    assert [s.title for s in draft.sections] == ["Information Gathering", "Configuration Testing"], draft
    items = draft.all_items()
    assert [(i.id, i.text, i.ticked) for i in items] == [
        ("wstg-info-01", "Search Engine Discovery", False),
        ("wstg-info-02", "Fingerprint Web Server", True),
        ("wstg-conf-01", "Test Network Configuration", False),
    ], items


def test_a_hyperlink_formula_without_its_value_shows_its_words(tmp_path: Path) -> None:
    """A generated workbook keeps a HYPERLINK formula and no value for it (WSTG's 'Test Name' cells): the cell was
    empty, the row's objectives taken as its text. It is the link's words, linked."""
    from generator.exchange.importing import read_source  # noqa: PLC0415

    sheet = (f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">{_cell("A1", "Task")}{_cell("B1", "Done")}</row>'
             '<row r="2"><c r="A2"><f>HYPERLINK("https://x.test/info-01", "Fingerprint the server")</f><v/></c>'
             f'{_cell("B2", "yes")}</row></sheetData></worksheet>')  # fmt: skip
    _zipped(tmp_path / "t.xlsx", {
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                                      '<Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    })  # fmt: skip
    items = import_markdown(read_source(tmp_path / "t.xlsx"), "t.xlsx").draft.all_items()
    assert [(i.text, i.ticked) for i in items] == [("[Fingerprint the server](https://x.test/info-01)", True)], items


def test_an_xml_check_list_of_items_is_read() -> None:
    """A workflow's XML of steps with a check-list of items ('<check-list><item>…'): the items are its checks."""
    source = ('<?xml version="1.0"?>\n<workflow><step n="1"><action>Read the diff</action>\n'
              "<check-list><item>Business logic in controllers</item><item>Cyclic imports</item></check-list></step></workflow>\n")  # fmt: skip
    items = import_markdown(source, "review.xml").draft.all_items()
    assert [i.text for i in items] == ["Business logic in controllers", "Cyclic imports"], items


def test_a_specs_tasks_have_their_codes_as_ids_and_their_tags_after_their_words() -> None:
    """Spec Kit's tasks.md ('- [ ] T001 [P] [US1] Create the model'): the id was a slug of its first words
    ('t001-setup-compile-existing') and the text opened with the code and tags. The code is the id, the tags follow
    the task's words, and the report says so at the first task; a lone 'T3 …' stays as written."""
    source = ("# Tasks\n\n## Phase 1: Setup\n\n- [ ] T001 [Setup] Compile the notes\n- [x] T002 [P] [US1] Create `user.py`\n\n"
              "## Phase 2\n\n- [ ] T3 is no code\n")  # fmt: skip
    imported = import_markdown(source, "tasks.md")
    items = imported.draft.all_items()
    assert [(i.id, i.text, i.ticked) for i in items] == [
        ("t001", "Compile the notes [Setup]", False),
        ("t002", "Create `user.py` [P] [US1]", True),
        ("t3-no-code", "T3 is no code", False),
    ], items
    assert [n.at[0] for n in imported.source.notes if n.kind.name == "SPEC"][:1] == [5], imported.source.notes
