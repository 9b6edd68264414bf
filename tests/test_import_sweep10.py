"""Shapes a tenth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

from pathlib import Path

import yaml

from .test_import_sweep5 import _import


def _owners(tmp_path: Path) -> dict[str, str]:
    """The owners import recorded with 'assign' (item id -> owner)."""
    found: dict[str, str] = {}
    for entry in sorted((tmp_path / "data").glob("x.record/*.yaml")):
        for change in yaml.safe_load(entry.read_text(encoding="utf-8"))["changes"]:
            if "assign" in change:
                found[change["assign"]] = change["to"]
    return found


def test_a_role_tagged_at_an_items_start_is_its_owner(tmp_path: Path) -> None:
    """An owner-tagged plan ('- [ ] **[Dev B + QA]** Validate …', '- [ ] [Release Lead] Announce …'): the tag was words
    of the item's text and of its id ('release-lead-announce-code'), no owner recorded. A tag naming a role (or two,
    '[SRE][DBA]') is the item's owner, recorded with 'assign' as an Owner column's; a category ('[Backend]'), a blank
    ('[Owner]') and a link's label ('[Release manager](…) assigned', '[QA] …' with '[qa]: …' defined) stay words."""
    source = "\n".join(
        [
            "# Release 4.2",
            "",
            "## Day 1 — Freeze",
            "",
            "- [ ] **[Dev B + QA]** Validate the rate limits",
            "- [ ] [Release Lead] Announce the freeze in #releases",
            "- [ ] [SRE][DBA] Confirm the rollback plan",
            "- [ ] [Backend] Add the health route",
            "- [ ] [Owner] Check the backups",
            "- [ ] [Release manager](https://example.org/rm) assigned",
            "- [ ] [Docs lead] Publish the notes (owner: Ann Lee)",
            "",
            "[docs lead]: https://example.org/docs",
            "",
        ]
    )
    checklist, _ = _import(tmp_path, source, ".md")
    texts = [i.text for s in checklist.sections for g in s.groups for i in g.items]
    assert texts == [
        "Validate the rate limits",
        "Announce the freeze in #releases",
        "Confirm the rollback plan",
        "[Backend] Add the health route",
        "[Owner] Check the backups",
        "[Release manager](https://example.org/rm) assigned",
        "[Docs lead](https://example.org/docs) Publish the notes",
    ]
    assert _owners(tmp_path) == {
        "validate-rate-limits": "Dev B + QA",
        "announce-freeze-releases": "Release Lead",
        "confirm-rollback-plan": "SRE, DBA",
        "docs-lead-publish-notes": "Ann Lee",
    }
