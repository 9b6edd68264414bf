"""Shapes an eleventh sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import html
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.exchange.importer import import_markdown
from generator.exchange.source import Kind

# ---- a message names the file's own line and column, whatever its reader added or dropped -----------------------

_WORDS = ["backup", "restore", "deploy", "freeze", "verify", "rollback", "Grafana", "Kafka", "tenant", "Prüfung", "café", "監視"]
_text = st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4).map(" ".join)


@st.composite
def _rows(draw: st.DrawFn) -> list[tuple[str, str, str, bool]]:
    """Items of a few sections: (section, text, a note, whether a link to an anchor no page has follows the text)."""
    count = draw(st.integers(1, 8))
    sections = draw(st.lists(st.sampled_from(["Prep", "Go", "After"]), min_size=count, max_size=count))
    texts = draw(st.lists(_text, min_size=count, max_size=count, unique=True))  # a column of one text over and over is a group's
    notes = draw(st.lists(st.one_of(st.just(""), _text), min_size=count, max_size=count))
    links = draw(st.lists(st.booleans(), min_size=count, max_size=count))
    return sorted(zip(sections, texts, notes, links, strict=True), key=lambda row: ["Prep", "Go", "After"].index(row[0]))


def _link(number: int, linked: bool) -> str:
    return f" [see](guide-{number}.html)" if linked else ""


def _csv(rows: list[tuple[str, str, str, bool]], breaks: list[bool]) -> str:
    """A tracker's CSV: a Section and a Notes column (a heading and a detail line the reader adds), blank lines, a
    text broken over two lines inside its quotes."""
    out = ["Section,Task,Notes"]
    for n, (section, text, note, linked) in enumerate(rows):
        shown = text.replace(" ", "\n", 1) if breaks[n % len(breaks)] else text
        out += [f'{section},"{shown}{_link(n, linked)}",{note}', *([""] if breaks[(n + 1) % len(breaks)] else [])]
    return "\n".join(out) + "\n"


def _html(rows: list[tuple[str, str, str, bool]], breaks: list[bool]) -> str:
    """A wiki's HTML export: headings, lists of checkbox inputs, a paragraph under an item; all on one line or not."""
    out, section = ["<html><body>"], ""
    for n, (part, text, note, linked) in enumerate(rows):
        if part != section:
            out += [*(["</ul>"] if section else []), f"<h2>{part}</h2>", "<ul>"]
            section = part
        link = f' <a href="guide-{n}.html">see</a>' if linked else ""
        item = f'<li><input type="checkbox"> {html.escape(text)}{link}{f"<p>{html.escape(note)}</p>" if note else ""}</li>'
        out += [item] if not breaks[n % len(breaks)] else item.replace("> ", ">\n", 1).split("\n")
    out += ["</ul>", "</body></html>"]
    return ("" if breaks[0] else "\n").join(out) + "\n"


def _opml(rows: list[tuple[str, str, str, bool]], breaks: list[bool]) -> str:
    """An outliner's OPML: an outline per section, each item one under it, its note a _note; a line each, or all on
    one line (as an export without line breaks writes them)."""
    out, section = ['<?xml version="1.0"?>', '<opml version="2.0"><head><title>Launch</title></head><body>'], ""
    for n, (part, text, note, linked) in enumerate(rows):
        if part != section:
            out += [*(["</outline>"] if section else []), f'<outline text="{part}">']
            section = part
        said = html.escape(f"{text}{_link(n, linked)}")
        out.append(f'<outline text="{said}"{f" _note={chr(34)}{html.escape(note)}{chr(34)}" if note else ""}/>')
    return ("\n" if breaks[0] else "").join([*out, "</outline>", "</body></opml>", ""])


def _notebook(rows: list[tuple[str, str, str, bool]], breaks: list[bool]) -> str:
    """A notebook: a Markdown cell per section, a code cell between; JSON indented as Jupyter writes it."""
    cells, section = [], ""
    for n, (part, text, note, linked) in enumerate(rows):
        if part != section:
            cells += [{"cell_type": "code", "metadata": {}, "source": ["print(1)"]}] if breaks[n % len(breaks)] and cells else []
            cells.append({"cell_type": "markdown", "metadata": {}, "source": [f"## {part}\n", "\n"]})
            section = part
        cells[-1]["source"] += [f"- [ ] {text}{_link(n, linked)}\n", *(["\n", f"  {note}\n", "\n"] if note else [])]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}, indent=1, ensure_ascii=False) + "\n"


_READERS = {"x.csv": _csv, "x.html": _html, "x.opml": _opml, "x.ipynb": _notebook}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(_READERS)), _rows(), st.lists(st.booleans(), min_size=1, max_size=5))
def test_every_message_names_the_source_line_and_column_of_what_it_names(name: str, rows: list[tuple[str, str, str, bool]], breaks: list[bool]) -> None:
    """The CSV reader adds a heading where the section changes and a detail line for a note; the HTML reader puts a
    file of one line on many, and an element over many on one; the notebook's Markdown is strings in JSON: a warning
    named the line of the text as read (a CSV's third link at line 9 of a file of five). Each link's warning names
    the line and column of the file where its address stands, and each item's line is the line of its first word.
    Nothing is lost: each item is there with its note (OPML's outlines on one line were read as the first alone, its
    notes left out)."""
    source = _READERS[name](rows, breaks)
    lines = source.split("\n")
    imported = import_markdown(source, name)
    links = [n for n in imported.source.notes if n.kind is Kind.LINK]
    assert {n.detail for n in links} == {f"guide-{k}.html" for k, row in enumerate(rows) if row[3]}, (source, imported.source.notes)
    for note in links:
        line, column = note.at
        assert lines[line - 1][column - 1 :].startswith(note.detail), (source, note, lines[line - 1])
    items = [i for s in imported.draft.sections for g in s.groups for i in g.items]
    assert len(items) == len(rows), (source, imported.source.text)
    for item, (_, text, note, _) in zip(items, rows, strict=True):
        assert item.text.startswith(text) and note in "\n".join(item.details), (source, item)
    for item in items:
        line, column = imported.source.place(item.line)
        first = item.text.split()[0]
        assert first in lines[line - 1] or html.escape(first) in lines[line - 1], (source, item.text, line, lines[line - 1])


# ---- a code span keeps its spaces ------------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(["ls", "-la", "%-8s", "x", "/tmp"]), min_size=2, max_size=4), st.lists(st.integers(1, 4), min_size=3, max_size=3))
def test_a_code_spans_spaces_are_its_own(words: list[str], gaps: list[int]) -> None:
    """A command in backticks ('`ls  -la`', a column of 'printf "%-8s  %s"') had each run of its spaces made one, in an
    item's text, its details, a section's notes and a CSV cell: the command shown and copied was another. Its spaces
    are kept, as CommonMark keeps them; the prose around it is one line of single spaces still."""
    code = "".join(w + " " * gaps[k % len(gaps)] for k, w in enumerate(words)).rstrip()
    markdown = f"# Ops\n\n## Deploy\n\nRun  `{code}`  first.\n\n- [ ] Run   `{code}`\n\n  Then  `{code}`\n"
    imported = import_markdown(markdown, "x.md")
    section = imported.draft.sections[0]
    item = section.groups[0].items[0]
    assert item.text == f"Run `{code}`" and f"`{code}`" in "\n".join(item.details), item
    assert f"Run `{code}` first." in "\n".join(section.notes), section.notes
    row = import_markdown(f'Task,Notes\n"Run   `{code}`","Then  `{code}`"\n', "x.csv").draft.sections[0].groups[0].items[0]
    assert row.text == f"Run `{code}`" and f"`{code}`" in "\n".join(row.details), row


# ---- a checklist of plain bullets reads alike whatever it was written in ------------------------------------------

_PLAIN = {
    "x.md": "# Pantry restock\n\nGo through this list every Friday.\n\n## Dry goods\n\n- Count the flour sacks\n- Refill the rice bins\n\n"
    "## Cold room\n\n- Check the door seal\n- Log the temperature\n",
    "x.html": "<html><body><h1>Pantry restock</h1><p>Go through this list every Friday.</p><h2>Dry goods</h2><ul><li>Count the flour sacks</li>"
    "<li>Refill the rice bins</li></ul><h2>Cold room</h2><ul><li>Check the door seal</li><li>Log the temperature</li></ul></body></html>\n",
    "x.rst": "Pantry restock\n==============\n\nGo through this list every Friday.\n\nDry goods\n---------\n\n- Count the flour sacks\n"
    "- Refill the rice bins\n\nCold room\n---------\n\n- Check the door seal\n- Log the temperature\n",
    "x.org": "#+TITLE: Pantry restock\n\nGo through this list every Friday.\n\n* Dry goods\n- Count the flour sacks\n- Refill the rice bins\n* Cold room\n"
    "- Check the door seal\n- Log the temperature\n",
    "x.adoc": "= Pantry restock\n\nGo through this list every Friday.\n\n== Dry goods\n\n* Count the flour sacks\n* Refill the rice bins\n\n== Cold room\n\n"
    "* Check the door seal\n* Log the temperature\n",
    "x.wiki": "= Pantry restock =\n\nGo through this list every Friday.\n\n== Dry goods ==\n* Count the flour sacks\n* Refill the rice bins\n\n"
    "== Cold room ==\n* Check the door seal\n* Log the temperature\n",
    "x.opml": '<?xml version="1.0"?><opml version="2.0"><head><title>Pantry restock</title></head><body><outline text="Dry goods">'
    '<outline text="Count the flour sacks"/><outline text="Refill the rice bins"/></outline><outline text="Cold room">'
    '<outline text="Check the door seal"/><outline text="Log the temperature"/></outline></body></opml>\n',
    "x.txt": "Pantry restock\n\nGo through this list every Friday.\n\nCount the flour sacks\nRefill the rice bins\nCheck the door seal\nLog the temperature\n",
}


@pytest.mark.parametrize("name", sorted(_PLAIN))
def test_a_checklist_of_plain_bullets_reads_alike_in_every_markup(name: str) -> None:
    """A pantry's list written as plain bullets, no box (as a team writes a 'release checklist'): its bullets are its
    checks, its title and lead-in what they are, whatever the markup. An OPML outline written on one line was refused
    (no check boxes: the outlines after the first on a line were left out), and a text file's title and lead-in were
    its first two checks ('Pantry restock', 'Go through this list every Friday.')."""
    draft = import_markdown(_PLAIN[name], name).draft
    items = [i.text for s in draft.sections for g in s.groups for i in g.items]
    checks = ["Count the flour sacks", "Refill the rice bins", "Check the door seal", "Log the temperature"]
    assert draft.title == "Pantry restock" and items == checks, (draft.title, items)
    notes = "\n".join(n for s in draft.sections for n in s.notes)
    assert name == "x.opml" or "Go through this list every Friday." in notes, notes


def test_sub_tasks_indented_far_under_an_item_are_siblings() -> None:
    """An epic's template indents its sub-tasks eight spaces under a task ('- [ ] Update the docs' over '        - [ ]
    Reference', '        - [ ] How-to', '        - [ ] Tutorial'): the first was made a sub-item, each next one a
    sub-item of the one before (four deep, the last cut to three), and plain bullets so indented under a task
    ('- [ ] Write a blog post on' over '        - the new commands') were words of its text. They are the item's
    sub-items, side by side; the bullets its details."""
    source = "# Epic\n\n## Tasks\n\n- [ ] Write the spec\n- [ ] Update the docs\n        - [ ] Reference\n        - [ ] How-to\n"
    source += "        - [ ] Tutorial\n            - [ ] Its first part\n- [ ] Write a blog post on\n        - the new commands\n        - the fixes\n"
    group = import_markdown(source, "x.md").draft.sections[0].groups[0]
    docs, blog = group.items[1], group.items[2]
    assert [i.text for i in group.items] == ["Write the spec", "Update the docs", "Write a blog post on"], group.items
    assert [i.text for i in docs.items] == ["Reference", "How-to", "Tutorial"] and [i.text for i in docs.items[2].items] == ["Its first part"]
    assert "- the new commands" in "\n".join(blog.details) and "- the fixes" in "\n".join(blog.details), blog


def test_a_status_column_of_drawn_states_before_words_gives_ticks() -> None:
    """A status report's table ('| Website deployed | ✅ Complete |', '| ⏳ Pending |', '| ✅ Passed |', as one is
    pasted into Word): the file was refused, no check boxes found. A state drawn before the word is read as the
    word, or as the drawing where the word says no state: each row an item, ticked where done."""
    source = "# Go-live status\n\n| Item | Status | Notes |\n|---|---|---|\n| Site deployed | ✅ Complete | on the edge nodes |\n"
    source += "| Config checked | ✅ Passed | no errors |\n| Docs merged | ⏳ Pending | waits on legal |\n| Load test | ❌ Not started | |\n"
    items = [i for s in import_markdown(source, "x.md").draft.sections for g in s.groups for i in g.items]
    assert [(i.text, i.ticked) for i in items] == [("Site deployed", True), ("Config checked", True), ("Docs merged", False), ("Load test", False)], items


def test_a_role_tag_before_a_bracketed_action_is_the_owner() -> None:
    """A release-tracking template's '[role] [action]' lines ('- [ ] [Release Lead] [Finalize the schedule]',
    '- [ ] [Stakeholders] [Confirm the date]'): the tags stayed words of the text, no owner. The role is the
    item's owner; the bracketed action its text, as written."""
    source = "# Release cycle\n\n## Tasks\n\n- [ ] [Release Lead] [Finalize the schedule]\n- [ ] [Stakeholders] [Confirm the date]\n"
    items = import_markdown(source, "x.md").draft.sections[0].groups[0].items
    assert [(i.owner, i.text) for i in items] == [("Release Lead", "[Finalize the schedule]"), ("Stakeholders", "[Confirm the date]")], items


def test_a_numbered_phase_in_bold_over_its_boxes_names_its_group_in_words() -> None:
    """A rollback checklist's phases ('1. **Situation assessment:**' over its boxes, '2. **Preparation:**'): each was a
    group titled with the stars and the colon ('**Situation assessment:**'). The group is titled in words."""
    source = "# Rollback\n\n## Checks\n\n1. **Situation assessment:**\n\n   - [ ] Issue written down\n\n2. **Preparation**:\n\n   - [ ] Script found\n"
    groups = import_markdown(source, "x.md").draft.sections[0].groups
    assert [g.title for g in groups] == ["Situation assessment", "Preparation"], groups


def test_a_restructuredtext_literal_block_right_under_its_colons_is_code() -> None:
    """A release checklist in reStructuredText whose steps end in '::' right over their commands, no blank line
    between ('* check the signatures::' over '     gpg --verify a.asc'): the commands were words of the step's text
    ('check the signatures:: gpg --verify a.asc …'). They are its details, as code; the step reads 'check the
    signatures:'. A warning on the next step still names its own line."""
    source = "Release\n=======\n\n* build the wheel\n\n  * check the signatures::\n     gpg --verify a.asc\n     gpg --verify b.asc\n\n"
    source += "* publish [it](gone.html)\n"
    imported = import_markdown(source, "x.rst")
    build, publish = imported.draft.sections[0].groups[0].items
    check = build.items[0]
    assert check.text == "check the signatures:" and "gpg --verify a.asc\ngpg --verify b.asc" in "\n".join(check.details), check
    assert publish.text == "publish it" and [n.at for n in imported.source.notes if n.kind is Kind.LINK] == [(10, 16)]


def test_a_text_file_titled_by_an_underline_keeps_its_title() -> None:
    """A release check-list kept as a text file: its title underlined with '=', its steps '  - ' indented two spaces,
    a closing '# End RELEASE_CHECKLIST.txt'. The underline alone was read as a DokuWiki (or MediaWiki) heading of '='
    (a section titled '============='), and the closing line as a second top heading, so the file's name was the
    title. A line of '=' alone is no wiki heading, and headings ending the file with nothing under them title no part."""
    source = "mill4j release check-list\n=========================\n\n  - Update README.txt and CHANGES.txt.\n\n  - Run a test build:\n\n"
    source += "      $ ant clean dist\n\n  - Tag the release\n\n# End RELEASE_CHECKLIST.txt\n"
    draft = import_markdown(source, "RELEASE_CHECKLIST.txt").draft
    items = [i.text for s in draft.sections for g in s.groups for i in g.items]
    checks = ["Update README.txt and CHANGES.txt.", "Run a test build:", "Tag the release"]
    assert draft.title == "mill4j release check-list" and items == checks, (draft.title, items)


def test_a_title_ending_in_a_colon_is_its_words() -> None:
    """'# Release checklist:' over the file's steps (a C library's release notes to self) titled it 'Release
    checklist:'; the colon leads into the steps, no word of the title."""
    assert import_markdown("# Release checklist:\n\n## Before\n\n* Tag it\n* Ship it\n", "x.md").draft.title == "Release checklist"


def test_org_verbatim_spans_close_at_their_nearest_mark() -> None:
    """An org checklist's item holding two verbatim spans of one character ('numerals ending in ~.~ - some in ~,~')
    read as one code span from the first mark to the last ('`.~ - some in ~,`'). Each closes at its nearest mark."""
    source = "#+title: Proofing\n\n* Checks\n- [ ] Numerals ending in ~.~ - some in ~,~ and one in ~'s~\n"
    item = import_markdown(source, "x.org").draft.sections[0].groups[0].items[0]
    assert item.text == "Numerals ending in `.` - some in `,` and one in `'s`", item


def test_an_mdx_pages_import_statements_are_left_out() -> None:
    """An MDX checklist page opens with the components it imports ('import { Callout } from "@/components";'): the
    statement was the first section's notes, shown to readers as text. It is left out, as the page shows it to none."""
    source = 'import { Callout } from "@/components";\nexport const meta = { title: "Deps" };\n\n# Dependency updates\n\n- [ ] Run the tests\n'
    draft = import_markdown(source, "content.mdx").draft
    assert "import" not in "\n".join(n for s in draft.sections for n in s.notes) and "export" not in "\n".join(n for s in draft.sections for n in s.notes)
    assert [i.text for i in draft.sections[0].groups[0].items] == ["Run the tests"]


def test_a_check_over_its_explanation_after_a_line_break_keeps_them_apart() -> None:
    """A checklist page writes each check, a hard line break, then why ('- [ ] Run the full test suite.<br />' over
    '  Check unit tests, lint and the build.'; two spaces or a backslash at the line's end too): the explanation was
    more of the check's text. It is the item's details; a sentence broken across a line ('Tag the release\\' then
    'with its signature') stays one text."""
    source = "# Deps\n\n- [ ] Run the full test suite.<br />\n  Check unit tests, lint and the build.\n- [ ] Read the changelog:  \n"
    source += "  Breaking changes are listed first.\n- [ ] Tag the release\\\n  with its signature\n"
    items = import_markdown(source, "x.md").draft.sections[0].groups[0].items
    assert [(i.text, i.details) for i in items] == [
        ("Run the full test suite.", ["Check unit tests, lint and the build."]),
        ("Read the changelog:", ["Breaking changes are listed first."]),
        ("Tag the release with its signature", []),
    ], items


def test_a_todo_file_of_org_headlines_alone_gives_each_as_a_to_do() -> None:
    """A project's TODO.org of first-level headlines and nothing else ('* use one event type', '* add the reconcile
    command'): refused, no check boxes found. Each headline is an open to-do, as org's outline of them is."""
    draft = import_markdown("* use one event type throughout\n* add the reconcile command\n* share the profit\n", "TODO.org").draft
    items = [i.text for s in draft.sections for g in s.groups for i in g.items]
    assert items == ["use one event type throughout", "add the reconcile command", "share the profit"], items


def test_an_html_image_is_read_as_the_markdown_image_it_is() -> None:
    """An HTML checklist's images ('<img src="label.png" alt="the label">' in a step, a wiring diagram in a paragraph)
    were dropped without a word: each is now read as the same image written in Markdown is, its alternative text kept in
    the text and its address said in a warning at its line, an address of spaces and parentheses whole."""
    page = (
        '<html><body><h1>Rack install</h1><h2>Hardware</h2>\n<p>The wiring: <img src="wiring.png" alt="Wiring diagram"></p>\n'
        '<ul><li><input type="checkbox"> Check the label <img src="label.png" alt="the label"> matches</li>\n'
        '<li><input type="checkbox"> Compare with <img src="rack (2).png" alt="[rack]"></li></ul></body></html>\n'
    )
    markdown = "# Rack install\n## Hardware\nThe wiring: ![Wiring diagram](wiring.png)\n\n- [ ] Check the label ![the label](label.png) matches\n"
    from_html, from_markdown = import_markdown(page, "x.html"), import_markdown(markdown, "x.md")
    items = [i.text for s in from_html.draft.sections for g in s.groups for i in g.items]
    assert items == ["Check the label the label matches", "Compare with (rack)"], items
    assert from_html.draft.sections[0].notes == from_markdown.draft.sections[0].notes == ["The wiring: Wiring diagram"]
    images = [(n.detail, n.at[0]) for n in from_html.source.notes if n.kind is Kind.IMAGE]
    assert images == [("wiring.png", 2), ("label.png", 3), ("rack%20%282%29.png", 4)], images
    assert [n.detail for n in from_markdown.source.notes if n.kind is Kind.IMAGE] == ["wiring.png", "label.png"]


def test_an_html_link_is_read_as_the_markdown_link_it_is() -> None:
    """An HTML checklist's in-page links ('<a href="#wiring">') became '[the wiring]', brackets kept as text and nothing
    said; a link to script or to no address the same. Each is now read as a Markdown file's link is: an anchor of a
    heading that became a section leads to its page, another anchor is plain text, reported at its line; a link to
    script or none is its words; an address with paired parentheses stays as written."""
    page = (
        '<html><body><h1>Rack</h1><h2 id="hardware">Hardware</h2>\n<ul><li><input type="checkbox"> Read <a href="#wiring">the'
        ' wiring</a>, <a href="#hardware">Hardware</a> and <a href="https://en.wikipedia.org/wiki/Rack_(unit)">units</a></li>\n'
        '<li><input type="checkbox"> Skip <a href="javascript:go()">this</a> and <a>that</a></li></ul></body></html>\n'
    )
    imported = import_markdown(page, "x.html")
    items = [i.text for s in imported.draft.sections for g in s.groups for i in g.items]
    assert items == [
        "Read the wiring, [Hardware](hardware.md) and [units](https://en.wikipedia.org/wiki/Rack_(unit))",
        "Skip this and that",
    ], items
    assert [(n.detail, n.at[0]) for n in imported.source.notes if n.kind is Kind.LINK] == [("#wiring", 2)]
