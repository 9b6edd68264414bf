"""Shapes an eighth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import CheckFailed
from generator.exchange.importing import decode_source, run_import

from .test_import_sweep5 import _import, _states


def test_a_status_list_of_ticks_and_hourglasses_is_a_checklist(tmp_path: Path) -> None:
    """A deployment list typed as status lines, no bullet ('✅ Back up the project' done, '⏳ Push the tag' still to
    do): it was refused ('no check boxes found'), the hourglass no box."""
    source = "# Deploy\n\n✅ Back up the project\n✅ Clean the build folder\n⏳ Push the tag\n⌛ Announce it\n"
    checklist, _ = _import(tmp_path, source, ".md")
    items = checklist.sections[0].groups[0].items
    assert [i.text for i in items] == ["Back up the project", "Clean the build folder", "Push the tag", "Announce it"]
    assert _states(tmp_path) == {"back-up-project": "done", "clean-build-folder": "done"}


def test_one_chapter_holding_every_box_gives_its_headings_as_the_sections(tmp_path: Path) -> None:
    """A guide of one chapter of steps beside its NAME and SYNOPSIS ('=head1 DETAILS' over '=head2 Building a release
    - on the day' and the other stages, Perl's release guide): the stages were groups of one section 'Details'."""
    source = (
        "# NAME\n\nrmg - Releasing a new version\n\n# SYNOPSIS\n\nRead it through first.\n\n# DETAILS\n\nSteps below.\n\n"
        "## Advance actions\n\n### Sync modules\n\n- [ ] Fetch the tarball\n\n## On the day\n\n- [ ] Build\n- [ ] Upload\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    assert [s.title for s in checklist.sections] == ["Advance actions", "On the day"]
    assert [g.title for g in checklist.sections[0].groups] == ["Sync modules"]
    assert "Read it through first." in checklist.sections[0].notes and "Steps below." in checklist.sections[0].notes
    one_level = "# CVE\n\n## Quick Links\n\nSee the wiki.\n\n## CVE Checklist\n\n### ASAP\n\n- [ ] Triage\n\n### At T-5\n\n- [ ] Notify\n"
    checklist, _ = _import(tmp_path / "b", one_level, ".md")  # its groups one level under it: the chapter is the section
    assert [(s.title, [g.title for g in s.groups]) for s in checklist.sections] == [("CVE Checklist", ["ASAP", "At T-5"])]


def test_a_question_column_of_answers_gives_the_rows_states(tmp_path: Path) -> None:
    """A compliance sheet's '| Posting | Required? | Do We Have It? | Location | Notes |' over 'Yes', 'No', '??' and
    'N/A' (imp7's leftover): its rows were notes. Each row is an item: 'Yes' done, 'No' and '??' open, 'N/A' n/a;
    'Required?' (whether the row is needed) is no state, and the Notes column is not the item's text."""
    source = (
        "# Postings\n\n## Posters\n\n- [ ] Order posters\n\n## Federal\n\n| Posting | Required? | Do We Have It? | Location | Notes |\n"
        "|---|---|---|---|---|\n| Minimum Wage | Yes | ?? | Break room? | Can't remember if we put one up after the move |\n"
        "| Job Safety | Yes | No | N/A | We never got one |\n| Leave Act | Yes | Yes | Hall | Printed in March |\n"
        "| E-Verify | N/A | N/A | N/A | We are not enrolled |\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    federal = next(s for s in checklist.sections if s.title == "Federal")
    items = federal.groups[0].items
    assert [i.text for i in items] == ["Minimum Wage", "Job Safety", "Leave Act", "E-Verify"]
    assert "Notes: Can't remember if we put one up after the move" in items[0].details
    assert _states(tmp_path) == {"leave-act": "done", "verify": "n/a"}


def test_a_column_for_each_outcome_is_one_box(tmp_path: Path) -> None:
    """A review's outcome columns ('| Not satisfied | Partially satisfied | Totally satisfied | Not applicable |' left
    empty, a security review's '| Pass | Fail | N/A |' of ballot boxes): the review was notes, or its rows items
    named by their 'Check ID' with the other boxes dropped. Each row is an item named by its widest named column,
    ticked where the positive outcome is marked, n/a where not applicable is, the outcome marked said otherwise."""
    source = (
        "# Review\n\n| i | Item | Item Description | Not satisfied | Partially satisfied | Totally satisfied | Not applicable |\n"
        "|---|---|---|---|---|---|---|\n| 1 | Monitoring | Are logs forwarded to the log store? | | | x | |\n"
        "| 2 | Monitoring | Do alerts page the on-call engineer? | | x | | |\n| 3 | Batch | Are batch jobs retried? | | | | x |\n\n"
        "## Auth\n\n| Check ID | Criteria | Pass | Fail | N/A | Notes |\n|---|---|---|---|---|---|\n"
        "| AUTH-001 | Passwords are hashed with Argon2 | ☐ | ☑ | ☐ | |\n| AUTH-002 | MFA for admins | ☐ | ☐ | ☐ | |\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    review, auth = checklist.sections[0].groups[0].items, checklist.sections[0].groups[1].items
    assert [i.text for i in review] == ["Are logs forwarded to the log store?", "Do alerts page the on-call engineer?", "Are batch jobs retried?"]
    assert "Result: Partially satisfied" in review[1].details and "Item: Monitoring" in review[1].details
    assert [i.text for i in auth] == ["Passwords are hashed with Argon2", "MFA for admins"]
    assert "Result: Fail" in auth[0].details and "Check ID: AUTH-001" in auth[0].details
    assert _states(tmp_path) == {"logs-forwarded-to-log": "done", "batch-jobs-retried": "n/a"}
    assert "i: 1" not in review[0].details  # a row's number, as a list's numbering


# Words of checklists in Cyrillic scripts (Russian, Ukrainian, Bulgarian), a few Latin ones among them.
_CYRILLIC = ["Все", "тесты", "прошли", "Миграции", "БД", "применены", "Перевірити", "резервні", "копії", "Готов", "план", "отката", "review", "E2E"]


@settings(max_examples=20, deadline=None)
@given(st.sampled_from(["cp1251", "koi8_r"]), st.lists(st.lists(st.sampled_from(_CYRILLIC), min_size=2, max_size=5), min_size=3, max_size=8))
def test_a_checklist_in_a_cyrillic_encoding_reads_back(encoding: str, lines: list[list[str]]) -> None:
    """A Russian or Ukrainian checklist saved in Windows-1251 or KOI8-R without saying so (a release checklist from a
    Windows editor): it was read as Windows-1252, every text garbled ('Âñå E2E òåñòû ïðîøëè')."""
    text = "# " + " ".join(lines[0]) + "\n\n" + "".join(f"1) {' '.join(words)}\n" for words in lines[1:])
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        return  # KOI8-R has no Ukrainian 'і' (KOI8-U has)
    assert decode_source(data) == text


def _notebook(*cells: str) -> str:
    return json.dumps({"cells": [{"cell_type": "markdown", "metadata": {}, "source": c.splitlines(True)} for c in cells], "nbformat": 4})


def test_bullets_indented_under_a_numbered_step_less_than_its_text_are_its_sub_items(tmp_path: Path) -> None:
    """A notebook's checklist ('3. Study each attribute and its characteristics:' then '  - Name', '  - Type', then
    '4. Visualize', as Jupyter's renderer nests them; imp7's leftover): the bullets were steps of their own, after
    the step they detail. They are its sub-items, where the step ends with a colon or the numbering goes on."""
    source = _notebook(
        "# Project Checklist\n",
        "## Explore the Data\n\n1. Copy the data.\n2. Study each attribute:\n  - Name\n  - Type\n3. Visualize the data.\n"
        "4. Write functions, for two reasons:\n  - Reuse\n  - Tests\n\nNotes:\n\n1. One\n  - a remark\n",
    )
    checklist, _ = _import(tmp_path, source, ".ipynb")
    items = checklist.sections[0].groups[0].items
    assert [(i.text, [x.text for x in i.items]) for i in items][:4] == [
        ("Copy the data.", []),
        ("Study each attribute:", ["Name", "Type"]),
        ("Visualize the data.", []),
        ("Write functions, for two reasons:", ["Reuse", "Tests"]),
    ]


def test_a_notebooks_chapters_are_no_title(tmp_path: Path) -> None:
    """A notebook of chapters, one a cell ('# Motivation' over a blurb, '# Outline', '# Notebook' over its boxes,
    '# Slideshow'; imp7's leftover): its title was 'Motivation'. The title is the notebook's name; a first heading
    with a title's words ('# Machine Learning Project Checklist') stays the title."""
    cells = ("# Motivation\nWhy you chose it.\n", "# Outline\n* Intro\n", "# Notebook\n- [ ] Clean\n", "# Slideshow\n- [ ] Slides\n")
    checklist, _ = _import(tmp_path, _notebook(*cells), ".ipynb")
    assert checklist.title == "x" and [s.title for s in checklist.sections] == ["Notebook", "Slideshow"]
    checklist, _ = _import(tmp_path / "b", _notebook("# Project Checklist\n", *cells[2:]), ".ipynb")
    assert checklist.title == "Project Checklist"


def test_an_owner_line_under_a_groups_boxes_owns_them(tmp_path: Path) -> None:
    """A readiness checklist's phases, each with '**Owner**: QA Lead' and '**Due Date**: [Date]' under its boxes
    (imp7's leftover): the lines were notes, and one alone made its owner the whole checklist's. Each box of the group
    gets the owner (the record's 'assign'), the lines stay in the notes; a placeholder ('[Name]') owns nothing."""
    source = (
        "# Release Readiness\n\n## Planning\n\n### Scope\n- [ ] Scope defined\n- [ ] Metrics identified\n\n"
        "**Owner**: Product Manager\n**Due Date**: [Date]\n\n### Testing\n- [ ] Unit tests pass\n  - [ ] Coverage over 80%\n\n"
        "**Owner**: QA Lead\n\n### Launch\n- [ ] Announce\n\n**Owner**: [Name]\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    entry = next((tmp_path / "data" / "x.record").glob("*-imported-*.yaml")).read_text(encoding="utf-8")
    assigned = sorted(line.strip() for line in entry.splitlines() if "assign:" in line)
    assert assigned == [
        "- {assign: coverage-over-80, to: QA Lead}",
        "- {assign: metrics-identified, to: Product Manager}",
        "- {assign: scope-defined, to: Product Manager}",
        "- {assign: unit-tests-pass, to: QA Lead}",
    ]
    assert checklist.owner == "" and "**Owner**: QA Lead" in checklist.sections[0].notes


def test_a_checklist_in_a_programs_comments_is_read_from_them(tmp_path: Path) -> None:
    """A release checklist kept in a Lua plugin's comments ('-- - [ ] Bump the version', under a '--[[ … ]]' block;
    imp7's leftover) was refused ('no check boxes found'), and one in a Python script's '#' comments read as headings.
    The comments are read, each line's text in its place, the code left out."""
    lua = (
        "--[[\n  Release checklist for the plugin\n]]\nlocal M = {}\n\n-- ## Before the release\n-- - [ ] Bump the version\n"
        "-- - [x] Update CHANGELOG.md\n--   - [ ] Link the issues\n\nfunction M.setup(opts)\n  return opts -- TODO\nend\n\nreturn M\n"
    )
    checklist, _ = _import(tmp_path, lua, ".lua")
    group = checklist.sections[0].groups[0]
    assert (group.title, [(i.text, [x.text for x in i.items]) for i in group.items]) == (
        "Before the release",
        [("Bump the version", []), ("Update CHANGELOG.md", ["Link the issues"])],
    )
    assert _states(tmp_path) == {"update-changelog-md": "done"}
    python = '"""Deploy helper.\n\n- [ ] Run the migrations\n"""\nimport os\n\n# - [ ] Restart the workers\nprint(os.name)\n'
    checklist, _ = _import(tmp_path / "b", python, ".py")
    assert [i.text for i in checklist.sections[0].groups[0].items] == ["Run the migrations", "Restart the workers"]


def test_an_items_boxes_for_its_outcomes_are_one_box(tmp_path: Path) -> None:
    """A legal review's checks, each with a box per outcome before its text ('- [ ] **PASS** | [ ] **FAIL** | [ ]
    **N/A** - All claims substantiated'): the items' texts were '**PASS** | [ ] **FAIL** | [ ] **N/A** - All …'. One
    box, ticked where PASS is, n/a where N/A is, the other outcome ticked said after the text."""
    source = (
        "# Review\n\n## Claims\n\n- [ ] **PASS** | [ ] **FAIL** | [ ] **N/A** - All claims substantiated\n"
        "- [x] **PASS** | [ ] **FAIL** - Consent obtained\n- [ ] **PASS** | [x] **FAIL** - Disclosure visible\n"
        "- [ ] Yes / [ ] No / [x] N/A: Sweepstakes rules posted\n- [ ] Pass the review to legal\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    texts = [i.text for i in checklist.sections[0].groups[0].items]
    assert texts == ["All claims substantiated", "Consent obtained", "Disclosure visible (FAIL)", "Sweepstakes rules posted", "Pass the review to legal"]
    assert _states(tmp_path) == {"consent-obtained": "done", "sweepstakes-rules-posted": "n/a"}


def test_a_list_of_levels_to_choose_keeps_their_words(tmp_path: Path) -> None:
    """'**Urgency Level**:' over '- [ ] **Critical** (<24 hours) - Crisis response', '- [ ] **High** (1-2 days) …': the
    levels are the options, not markers of their items; 'Critical' was taken for a mark and left out of the text (an
    item '(<24 hours) - Crisis response', critical)."""
    source = (
        "# Review\n\n## Timeline\n\n**Urgency Level**:\n- [ ] **Critical** (<24 hours) - Crisis response\n"
        "- [ ] **High** (1-2 days) - Press release\n\n**Launch**:\n- [ ] **Critical** Back up the database\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    lists = {lst.label: lst.items for g in checklist.sections[0].groups for lst in g.lists} or {
        g.title: g.items for g in checklist.sections[0].groups
    }
    urgency = lists["Urgency Level"]
    assert [(i.text, i.critical) for i in urgency] == [("**Critical** (<24 hours) - Crisis response", False), ("**High** (1-2 days) - Press release", False)]
    assert [(i.text, i.critical) for i in lists["Launch"]] == [("Back up the database", True)]


def test_a_guides_steps_written_as_headings_are_its_items(tmp_path: Path) -> None:
    """A release guide without a box whose steps are headings over prose and code ('### Bump the version number',
    '### Check copyright years' under '## On the day', Perl's release managers' guide; imp7's leftover): its few plain
    lists were the boxes (a step's list of build options as steps), the steps themselves notes. Each heading two levels
    under the top is a step, what stands under it its details, a heading under it a sub-step."""
    steps = ["Re-check earlier actions", "Create a release branch", "Build a clean perl", "Check module versions", "Bump the version"]
    body = "".join(f"### {s}\n\nRun `make` for {s.lower()}.\n\n" for s in steps)
    source = (
        "# NAME\n\nrmg - Releasing a new version\n\n# DETAILS\n\n## Advance actions\n\n### Check more build configurations\n\n"
        "- `-Dusethreads`\n- `-Duserelocatableinc`\n\n## On the day\n\n" + body + "### Test the tarball\n\n#### Copy it to a web server\n\nscp it.\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    groups = [(g.title, [(i.text, [x.text for x in i.items]) for i in g.items]) for s in checklist.sections for g in s.groups]
    assert groups == [
        ("Advance actions", [("Check more build configurations", [])]),
        ("On the day", [(s, []) for s in steps] + [("Test the tarball", ["Copy it to a web server"])]),
    ]
    first = checklist.sections[0].groups[1].items[0]
    assert first.details == "Run `make` for re-check earlier actions."
    assert "`-Dusethreads`" in checklist.sections[0].groups[0].items[0].details


def test_an_issue_forms_dropdown_is_a_field_not_steps(tmp_path: Path) -> None:
    """A feedback form of fields, a dropdown of projects among them ('multiple: true' over 'Lab results',
    'Vaccination'): its options were read as the checklist's items. A dropdown's choices are a line of its notes; a
    form without a checkboxes element is refused, saying so."""
    form = (
        "name: Feedback\nbody:\n  - type: dropdown\n    attributes:\n      label: Project\n      multiple: true\n"
        "      options:\n        - Lab results\n        - Vaccination\n  - type: input\n    attributes:\n      label: System\n"
    )
    (tmp_path / "feedback.yml").write_text(form, encoding="utf-8")
    with pytest.raises(CheckFailed) as refused:
        run_import(tmp_path / "feedback.yml", tmp_path / "data" / "x.yaml", tmp_path / "docs")
    assert "the issue form has no checkboxes element" in refused.value.issues[0].hint
    boxed = form + "  - type: checkboxes\n    attributes:\n      label: Checks\n      options:\n        - label: I searched the issues\n"
    checklist, _ = _import(tmp_path / "b", boxed, ".yml")
    assert [i.text for s in checklist.sections for i in s.all_items()] == ["I searched the issues"]
    assert "Options: Lab results; Vaccination" in checklist.sections[0].notes
