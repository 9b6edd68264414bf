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
