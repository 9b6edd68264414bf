"""Shapes an eighth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

from pathlib import Path

from .test_import_sweep5 import _import, _states


def test_a_status_list_of_ticks_and_hourglasses_is_a_checklist(tmp_path: Path) -> None:
    """A deployment list typed as status lines, no bullet ('✅ Back up the project' done, '⏳ Push the tag' still to
    do): it was refused ('no check boxes found'), the hourglass no box."""
    source = "# Deploy\n\n✅ Back up the project\n✅ Clean the build folder\n⏳ Push the tag\n⌛ Announce it\n"
    checklist, _ = _import(tmp_path, source, ".md")
    items = checklist.sections[0].groups[0].items
    assert [i.text for i in items] == ["Back up the project", "Clean the build folder", "Push the tag", "Announce it"]
    assert _states(tmp_path) == {"back-up-project": "done", "clean-build-folder": "done"}
