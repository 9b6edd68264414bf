"""Shapes an eighth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.exchange.importing import decode_source

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
