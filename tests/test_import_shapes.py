"""Import keeps what a reader saw, shape by shape (fixtures written for these tests), and fails safe on hostile input."""

from __future__ import annotations

import datetime
import os
import posixpath
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import BuildError, CheckFailed, UsageError
from generator.exchange.dialects import as_markdown
from generator.exchange.importer import RULES, import_markdown
from generator.exchange.importing import run_import, write_all
from generator.format.markup import bad_links, link_targets, scheme
from generator.format.model import Checklist
from generator.format.validate import load_all, load_data_file

from .conftest import FIXTURES, ROOT, load_checklist

IMPORT = FIXTURES / "import"
TODAY = datetime.date(2026, 1, 12)


def _import(tmp_path: Path, source: str | Path, name: str = "x") -> tuple[Checklist, Any]:
    if isinstance(source, str):
        path = tmp_path / f"{name}.md"
        path.write_text(source, encoding="utf-8")
    else:
        path = source
    written = run_import(path, tmp_path / "data" / f"{name}.yaml", tmp_path / "docs", today=TODAY)
    write_all(written.files)
    checklist, issues = load_checklist(tmp_path / "data" / f"{name}.yaml", f"{name}.yaml")
    assert checklist is not None and not issues
    return checklist, written


def _texts(c: Checklist) -> list[str]:
    return [i.text for b in (*c.sections, *c.parts) for i in b.all_items()]


def test_the_importer_is_a_table_of_rules() -> None:
    assert {"heading", "paragraph", "bullet_list", "ordered_list", "table", "fence", "html_block"} <= set(RULES)


def test_labels_without_boxes_become_text_and_nothing_is_dropped(tmp_path: Path) -> None:
    c, written = _import(tmp_path, IMPORT / "labels-and-plain-lists.md")
    first = c.sections[0]
    assert "**Notes**" in first.notes and "the lift is small" in first.notes and "**Reminders**" in first.notes
    assert "Some text after the reminders." in first.notes
    assert [i.text for i in first.groups[0].items] == ["Book the van", "Label every box", "Return the old keys"]
    assert [g.title for g in c.sections[1].groups] == ["Arrays", "Strings"]  # boxes under plain items: one group each
    assert [g.title for g in c.sections[2].groups] == ["Database", "Cache"]  # labelled lists only
    assert "This paragraph follows a bold line and must stay." in c.sections[-1].notes and "**Important**" in c.sections[-1].notes
    assert any("label without check boxes" in line for line in written.warnings)


def test_headings_of_any_depth_keep_their_path_markers_and_numbers(tmp_path: Path) -> None:
    c, written = _import(tmp_path, IMPORT / "deep-headings.md")
    assert [g.title for g in c.sections[0].groups] == ["Android › Setup", "Android › Build", "iOS › Setup", "iOS › Setup › Details"]
    groups = {g.title: g for g in c.sections[1].groups}
    assert "Product Release Readiness" in groups  # '1.2' is the site's own number: not doubled
    assert groups["Auth"].priority is not None and groups["Auth"].priority.value == "post-launch"
    assert groups["Secrets"].priority is not None and groups["Secrets"].priority.value == "critical"
    assert any("joined to its group's title" in line and "lines 7, 12, 18, 22" in line for line in written.warnings)


def test_a_heading_number_left_out_of_the_title_is_left_out_of_the_id(tmp_path: Path) -> None:
    c, _ = _import(tmp_path, "# Release\n\n## 1. Preparation\n\n- [ ] Freeze main\n\n## 2) Verification\n\n### 2.1 Automated\n\n- [ ] CI green\n")
    assert [(s.id, s.title) for s in c.sections] == [("preparation", "Preparation"), ("verification", "Verification")]
    assert [(g.id, g.title) for g in c.sections[1].groups] == [("automated", "Automated")]


def test_an_emoji_after_a_heading_is_its_icon_and_a_latin1_word_before_it_is_kept(tmp_path: Path) -> None:
    """'## É preciso testar' lost its 'É' as a 'garbled emoji'; '## Безопасность 🔐' kept the emoji in its title and group."""
    c, written = _import(tmp_path, "# Teste\n\n## É preciso testar\n\n- [ ] Um item\n\n## Безопасность 🔐\n\n- [ ] Два\n")
    assert [(s.title, s.icon) for s in c.sections] == [("É preciso testar", ""), ("Безопасность", "🔐")]
    assert [g.title for s in c.sections for g in s.groups] == ["É preciso testar", "Безопасность"]
    assert not any("garbled" in line for line in written.warnings)


def test_markers_at_either_end_and_signature_lines_give_the_final_signoff(tmp_path: Path) -> None:
    c, written = _import(tmp_path, IMPORT / "signoff-shapes.md")
    items = {i.text: i for i in c.sections[0].all_items()}
    assert items["Backups restored on a test host"].critical and items["Run tests"].critical
    assert items["Tell support"].priority is not None and items["Tell support"].priority.value == "low"
    final = c.final_signoff
    assert final is not None and [r.title for r in final.approval.roles] == ["Change Manager", "Database Lead", "Approver"]
    assert [o.label for o in final.decision.options] == ["GO", "NO-GO"]
    text = (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")
    assert "Put an" not in text and "code" not in text  # the comment, code span and all


def test_table_cells_with_words_are_boxes_and_a_signoff_table_records_approvals(tmp_path: Path) -> None:
    c, written = _import(tmp_path, IMPORT / "signoff-table-boxes.md")
    first = c.sections[0].groups[0].items[0]
    assert first.text == "Remove leavers from the VPN" and "Dana" not in first.details and "2026-02-01" not in first.details  # the record has them
    assert c.final_signoff is not None and [r.title for r in c.final_signoff.approval.roles] == ["Security Officer", "IT Manager"]
    assert len(c.sections) == 1  # no spurious sign-off section
    status, issues = load_data_file(tmp_path / "data" / "x.status.yaml", "x.status.yaml")
    assert not issues and status is not None
    assert sorted(e.id for e in status.items) == ["remove-leavers-vpn", "review-admin-group"]  # type: ignore[union-attr]
    assert [a.id for a in status.approvals] == ["it-manager"]  # type: ignore[union-attr]
    assert "5 check box(es); 5 written (3 item(s), 0 decision box(es), 2 sign-off role(s))" in written.summary[0]
    entry = next((tmp_path / "data" / "x.record").glob("*-imported-*.yaml")).read_text(encoding="utf-8")  # owners: the record's assign
    assert '{assign: remove-leavers-vpn, to: Dana, due: 2026-02-01}' in entry and "{assign: review-admin-group, to: Sam}" in entry
    data, issues = load_all([(p, p.name) for p in sorted((tmp_path / "data").rglob("*.yaml"))])
    assert not issues and data.status("x") is not None and data.status("x").assignment("rotate-shared-passwords") is not None  # type: ignore[union-attr]


def test_ids_from_text_in_every_script_and_a_bom_is_removed(tmp_path: Path) -> None:
    c, _ = _import(tmp_path, IMPORT / "scripts-and-bom.md")
    assert c.title == "Проверка перед релизом" and c.owner == "Команда"  # the front matter after the BOM is read
    ids = {i.text: i.id for i in _texts_items(c)}
    assert ids["Проверка резервных копий"] == "proverka-rezervnykh-kopiy"
    assert ids["数据库备份已验证"] == "shu-ju-ku-bei"
    assert ids["Ελέγχος αρχείων καταγραφής"].startswith("elegchos")
    assert ids["✅ 🚀"].startswith("t-")  # no Latin form: a hash of the text, not a position
    assert c.rollback is not None and c.rollback.steps[0].title.count("`") == 2 and c.rollback.steps[0].who == "SRE on-call"


def _texts_items(c: Checklist) -> list[Any]:
    return [i for b in (*c.sections, *c.parts) for i in b.all_items()]


def test_ids_do_not_move_when_an_item_is_inserted_above() -> None:
    lines = ["# Т", "", "## Раздел", ""] + [f"- [ ] Проверка номер {word}" for word in ("один", "два", "три", "четыре")]
    a = import_markdown("\n".join(lines), "a.md")
    b = import_markdown("\n".join([*lines[:4], "- [ ] Новая проверка", *lines[4:]]), "b.md")
    before = {i.text: i.id for i in a.draft.all_items()}
    after = {i.text: i.id for i in b.draft.all_items()}
    assert all(after[text] == ident for text, ident in before.items())


@pytest.mark.parametrize(
    "source, warning",
    [
        ("# T\n\n## S\n\n- [ ] Ring the \x07bell\n- [ ] Read \u202eevil\n", "control, direction or zero-width character"),
        ("# T\n\n## S\n\n- [ ] See [this](javascript:alert(1))\n\nAlso <javascript:alert(2)> here.\n", "not http(s), mailto or relative"),
        ("# T\n\n## S\n\n- [ ] Plain\n\n[x]: javascript:alert(1)\n\nSee [x] now, [y](data:text/html,z).\n", ""),
    ],
    ids=["control", "javascript", "reference"],
)
def test_hostile_text_becomes_a_warning_and_a_replacement(tmp_path: Path, source: str, warning: str) -> None:
    c, written = _import(tmp_path, source)
    text = (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")
    assert "\x07" not in text and "\u202e" not in text
    texts = [*_texts(c), *(s.notes for s in c.sections if s.notes)]
    assert not [t for t in texts if bad_links(t, block=True)] and "(javascript:" not in text
    assert not warning or any(warning in line for line in written.warnings)


def test_a_long_page_of_prose_holds_no_raw_html_and_is_kept_by_git(tmp_path: Path) -> None:
    hostile = '<a href="javascript:alert(1)">x</a> <object data="x"></object> <iframe srcdoc="<script>alert(1)</script>"></iframe>'
    paragraphs = [f"Paragraph {n} {hostile} explains the rollout in some detail, so nobody guesses." for n in range(40)]
    source = "# Rollout\n\n## Preparation\n\n```\nfenced\n" + "code\n" * 300 + "```\n\n" + "\n\n".join(paragraphs) + "\n\n- [ ] Read the paragraphs\n"
    c, written = _import(tmp_path, source, "rollout")
    page = (tmp_path / "docs" / "imported" / "rollout" / "preparation.md").read_text(encoding="utf-8")
    assert "<a " not in page and "<object" not in page and "<iframe" not in page and "Paragraph 39" in page
    assert c.sections[0].notes.count("```") % 2 == 0 and c.sections[0].notes.rstrip().endswith("(../../imported/rollout/preparation.md).")
    ignored = subprocess.run(["git", "check-ignore", "-q", "docs/imported/x/y.md"], cwd=ROOT, capture_output=True)
    assert ignored.returncode == 1  # not ignored in this repository
    skeleton = (ROOT / "generator" / "skeleton" / "gitignore").read_text(encoding="utf-8")
    assert "imported" not in skeleton


def test_output_without_yaml_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("- [ ] x\n", encoding="utf-8")
    with pytest.raises(UsageError, match="must end in .yaml"):
        run_import(tmp_path / "a.md", tmp_path / "data" / "a.yml", tmp_path / "docs")


def test_the_size_limit_holds_through_a_pipe(tmp_path: Path) -> None:
    big = b"- [ ] x\n" * 700_000  # 5.6 MB
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "generator", "import", "-"], input=big, capture_output=True, env=env, cwd=tmp_path)
    assert result.returncode == 1 and b"over the size limit" in result.stderr and b"Traceback" not in result.stderr
    small = subprocess.run(
        [sys.executable, "-m", "generator", "import", "-"], input=b"\xef\xbb\xbf# T\n\n- [ ] x\n", capture_output=True, env=env, cwd=tmp_path
    )
    assert small.returncode == 0 and b"title: T" in small.stdout


def test_an_interrupted_or_failed_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {tmp_path / "data" / "a.yaml": "a", tmp_path / "data" / "a.status.yaml": "b", tmp_path / "docs" / "imported" / "a" / "s.md": "c"}
    calls = []
    real = os.link

    def link(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt  # Ctrl-C between two files
        real(src, dst)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(KeyboardInterrupt):
        write_all(files)
    assert list(tmp_path.iterdir()) == []

    def full(_: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device", str(dst))

    monkeypatch.setattr(os, "link", full)
    with pytest.raises(BuildError, match="No space left on device"):
        write_all(files)
    assert list(tmp_path.iterdir()) == []


def test_a_file_without_boxes_is_still_refused(tmp_path: Path) -> None:
    (tmp_path / "p.md").write_text("# Notes\n\nprose\n", encoding="utf-8")
    with pytest.raises(CheckFailed):
        run_import(tmp_path / "p.md", None, tmp_path / "docs")


def test_ballot_boxes_and_vault_task_states_are_boxes(tmp_path: Path) -> None:
    c, written = _import(tmp_path, IMPORT / "ballots-and-vault.md")
    assert _texts(c) == [
        "Turn the compost",
        "Sow the tomatoes",
        "Fix the fence",
        "Build the trellis",
        "Buy a second hose",
        "Paint the shed",
        "Water the seedlings #daily",
        "Net the berries",
    ]
    assert "#" not in (c.sections[0].groups[0].items[0].details or "")  # the row number column is numbering
    status, issues = load_data_file(tmp_path / "data" / "x.status.yaml", "x.status.yaml")
    assert not issues and status is not None
    states = {e.id: e.state.value for e in status.items}  # type: ignore[union-attr]
    assert states == {"turn-compost": "done", "fix-fence": "done", "water-seedlings-daily": "done", "buy-second-hose": "n/a"}


def test_a_group_of_numbered_boxes_is_ordered_whatever_its_numbers_and_interruptions(tmp_path: Path) -> None:
    """Numbered lists give ordered groups and labelled lists (`1.` or `1)`, from any number, split by a paragraph); bullets, a mix or a table don't."""
    c, _ = _import(tmp_path, IMPORT / "numbered-groups.md")
    groups = {g.title: g for b in c.sections for g in b.groups}
    ordered = {title: g.ordered for title, g in groups.items()}
    assert ordered == {
        "Freeze order": True,
        "Prepare in any order": False,
        "Switch over": True,  # 5) ... 8), split by a paragraph (which stays text)
        "Watch": False,  # numbered, then a bullet: a mix
        "Sign-in checks": False,  # numbered, then a table's row
        "Verify": False,
        "Rollback drill › Application tier": True,  # a labelled list split into a group keeps its order
        "Rollback drill › Data tier": False,
        "Wrap up": False,
    }
    assert [i.text for i in groups["Switch over"].items] == [
        "Put the app in maintenance mode",
        "Stop writes to the old primary",
        "Promote the replica",
        "Point the connection string at the new primary",
    ]
    assert "Wait until replication lag reads zero before going on." in c.sections[1].notes
    assert [(x.label, x.ordered, len(x.items)) for x in groups["Verify"].lists] == [("Smoke tests in order", True, 2), ("Whenever convenient", False, 1)]
    assert groups["Freeze order"].items[2].critical and groups["Wrap up"].items[0].ordered  # numbered sub-items: the item's, as before


def test_one_numbered_list_is_an_ordered_group_as_a_reader_numbers_it(tmp_path: Path) -> None:
    c, _ = _import(tmp_path, "# Launch\n\n## Deploy\n\n### Deploy order\n1. [ ] IdentityService (other services depend on it)\n2. [ ] CatalogService\n")
    (group,) = c.sections[0].groups
    assert group.ordered and [i.text for i in group.items] == ["IdentityService (other services depend on it)", "CatalogService"]
    c, _ = _import(tmp_path, "# Launch\n\n## Deploy\n\n- [ ] IdentityService\n- [ ] CatalogService\n", "bullets")
    assert not c.sections[0].groups[0].ordered


def test_priority_markers_of_other_languages_count_where_english_ones_do(tmp_path: Path) -> None:
    """German, French, Spanish, Russian, Japanese and Korean markers, framed as English ones are (bold, brackets,
    parentheses, a leading "Word:", CJK's 【】), give the level; in a sentence, or not a marker, they stay text."""
    source = tmp_path / "mehrsprachig.md"
    source.write_text(
        "# Mehrsprachige Checkliste\n\n## Vorbereitung\n\n"
        "- [ ] **Kritisch** Sicherungen geprüft\n"
        "- [ ] Sauvegardes restaurées (obligatoire)\n"
        "- [ ] Copias de seguridad [Crítico]\n"
        "- [ ] Проверить резервную копию (обязательно)\n"
        "- [ ] 【必須】バックアップを確認する\n"
        "- [ ] 필수: 백업 확인\n"
        "- [ ] [Hoch] Protokolle prüfen\n"
        "- [ ] Wichtig: Dienste neu starten\n"
        "- [ ] Fotos hochladen (facultatif)\n"
        "- [ ] 【推奨】ログを整理する\n"
        "- [ ] バックアップは必須です\n"
        "- [ ] Upload the press photos (media)\n",
        encoding="utf-8",
    )
    c, _ = _import(tmp_path, source)
    items = {i.text: i for i in c.sections[0].all_items()}
    critical = ["Sicherungen geprüft", "Sauvegardes restaurées", "Copias de seguridad", "Проверить резервную копию", "バックアップを確認する", "백업 확인"]
    assert all(items[text].critical for text in critical), sorted(items)
    level = {text: (i.priority.value if i.priority else None) for text, i in items.items()}
    assert level["Protokolle prüfen"] == "high" and level["Dienste neu starten"] == "high" and level["Fotos hochladen"] == "low" == level["ログを整理する"]
    for text in ("バックアップは必須です", "Upload the press photos (media)"):  # a word in a sentence, and an English word that is no marker
        assert text in items and not items[text].critical


def test_words_that_are_markers_only_in_another_language_stay_text_in_an_english_checklist(tmp_path: Path) -> None:
    """French "critique", Spanish "baja", French "haute" are common English words (or an English place name):
    framed as English markers are, in an English checklist, they are the item's text, not a level."""
    source = (
        "# Team offsite\n\n## Plan\n\n"
        "- [ ] Critique: walk through the mockups with the design lead\n"
        "- [ ] Schedule the portfolio review (critique)\n"
        "- [ ] Book the hotel in Ensenada (Baja)\n"
        "- [ ] Drive down the coast - Baja\n"
        "- [ ] Reserve the dinner (haute)\n"
    )
    c, _ = _import(tmp_path, source)
    items = c.sections[0].all_items()
    assert [i.text for i in items] == [line[6:] for line in source.splitlines() if line.startswith("- [ ] ")]
    assert not any(i.critical or i.priority for i in items)


def test_a_marker_framed_as_other_languages_write_it_is_taken_out_whole(tmp_path: Path) -> None:
    """French typography's space before a colon, a colon inside the bold, CJK's full-width parentheses and colon: the
    marker and its punctuation go, the text stays; a marker that is the whole title is the title."""
    source = (
        "# Mise en production\n\n## 【重要】\n\n"
        "- [ ] **OBLIGATOIRE** : retirer la ligne de debug avant le commit\n"
        "- [ ] **Critical:** Backups restored on a fresh host\n"
        "- [ ] **Wichtig:** Dienste neu starten\n"
        "- [ ] バックアップを確認する（必須）\n"
        "- [ ] 必須：ログを確認する\n"
        "- [ ] 【必須】\n"
    )
    c, _ = _import(tmp_path, source)
    assert c.sections[0].title == "【重要】"
    items = {i.text: i for i in c.sections[0].all_items()}
    critical = ["retirer la ligne de debug avant le commit", "Backups restored on a fresh host", "バックアップを確認する", "ログを確認する"]
    assert all(text in items and items[text].critical for text in critical), sorted(items)
    assert items["Dienste neu starten"].priority.value == "high"  # type: ignore[union-attr]
    assert "【必須】" in items


def test_a_users_marker_without_letters_or_digits_counts_anywhere_a_word_only_framed(tmp_path: Path) -> None:
    """`--marker`: a mark of symbols, emoji or circled numbers (①, ★★, ⚠️) counts anywhere in the text and is taken out;
    a word of any script (ВАЖНО, P1) counts framed, as the default words do, and stays in a sentence."""
    source = tmp_path / "own.md"
    source.write_text(
        "# Own marks\n\n## Steps\n\n- [ ] ① Back up the database\n- [ ] Rotate the keys ★★\n- [ ] ⚠️ Drain the queue\n"
        "- [ ] Проверить бэкап (ВАЖНО)\n- [ ] Прочитать ВАЖНО заметку\n- [ ] **P1** Page the on-call\n",
        encoding="utf-8",
    )
    marks = ["①=critical", "★★=high", "⚠️=medium", "ВАЖНО=critical", "P1=critical"]
    written = run_import(source, tmp_path / "data" / "own.yaml", tmp_path / "docs", markers=marks, today=TODAY)
    write_all(written.files)
    c, issues = load_checklist(tmp_path / "data" / "own.yaml", "own.yaml")
    assert c is not None and not issues
    level = {i.text: "critical" if i.critical else i.priority.value if i.priority else None for i in c.sections[0].all_items()}
    assert level == {
        "Back up the database": "critical",
        "Rotate the keys": "high",
        "Drain the queue": "medium",
        "Проверить бэкап": "critical",
        "Прочитать ВАЖНО заметку": None,
        "Page the on-call": "critical",
    }


def test_boxes_numbered_deeper_than_three_levels_leave_no_item_numbered_without_sub_items(tmp_path: Path) -> None:
    """Numbered boxes four levels deep are lifted to the third; the third-level box whose numbered children were lifted
    holds none, so it is not ``ordered`` (it was: the export had nothing to number, and importing that again dropped the
    flag: the round trip did not come back to itself)."""
    source = "# Deep\n\n## B\n\n1. [ ] one\n   1. [ ] sub\n      1. [ ] subsub\n         1. [ ] deep\n2. [ ] two\n"
    c, _ = _import(tmp_path, source)

    def walk(items: Any) -> Any:
        for i in items:
            yield i
            yield from walk(i.items)

    found = {i.text: (i.ordered, len(i.items)) for i in walk(c.sections[0].groups[0].items)}
    assert found == {"one": (True, 1), "sub": (True, 2), "subsub": (False, 0), "deep": (False, 0), "two": (False, 0)}


def _outline_of(c: Checklist) -> list[tuple[str, str, list[tuple[str, bool]]]]:
    return [(s.title, g.title, [(i.text, g.ordered) for i in g.all_items()]) for s in c.sections for g in s.groups]


def test_org_mode_headlines_are_sections_and_groups_and_its_boxes_items(tmp_path: Path) -> None:
    """Org-mode: '#+TITLE:', '*' headlines (keywords, priorities, cookies, tags left out), '- [ ]' under them; a
    '# comment', a drawer, a planning line and a source block are no headings and no boxes; '[-]' is open; a TODO
    headline without boxes under it is a task (CANCELLED: n/a)."""
    c, written = _import(tmp_path, IMPORT / "dialect-org.org", "greenhouse")
    assert c.title == "Greenhouse opening"
    assert _outline_of(c) == [
        (
            "Before opening",
            "Before opening",
            [("Wash the glass panes", False), ("Check the heater with `heater --test`", False), ("Repair the benches", False)]
            + [("left bench", False), ("right bench", False)],
        ),
        ("Before opening", "Watering", [("Open the main valve", True), ("Flush the drip lines, see [the drip guide](https://example.org/drip)", True)]),
        ("Opening day", "Opening day", [("Put up the **opening** sign", False), ("Send the thank-you notes", False), ("Hire a band", False)]),
    ]
    assert "Written for the spring opening of the greenhouse." in c.sections[0].notes and "comment" not in (c.sections[0].notes or "")
    status, _ = load_data_file(tmp_path / "data" / "greenhouse.status.yaml", "s.yaml")
    assert c.sections[1].groups[0].items[1].details == "Use the cards in the top drawer."  # the body right under the headline
    states = {e.id: e.state.value for e in status.items}  # type: ignore[union-attr]
    assert states == {"left-bench": "done", "wash-glass-panes": "done", "hire-band": "n/a"}  # '[-]' (some sub-boxes done) is open
    assert written.summary[0].endswith("10 check box(es); 10 written (10 item(s), 0 decision box(es))")


def test_asciidoc_headings_nested_lists_and_block_titles_read_as_markdown(tmp_path: Path) -> None:
    """AsciiDoc: '=' headings, '*'/'**' nesting by the marker's length, '[*]' ticked, '. [ ]' numbered, '.Title' a
    label; boxes in a listing block or a comment (line or block) are none."""
    c, written = _import(tmp_path, IMPORT / "dialect-asciidoc.adoc", "boat")
    assert c.title == "Boat season checklist"
    hull, engine, rigging = c.sections[0].groups[0], c.sections[0].groups[1], c.sections[1].groups[0]
    assert (hull.title, engine.title, rigging.title) == ("Hull", "Engine", "Rigging") and engine.ordered and not hull.ordered
    assert [(i.text, [s.text for s in i.items]) for i in hull.items] == [
        ("Scrape the hull", []),
        ("Paint the antifouling", ["Buy the paint", "Mask the waterline"]),
        ("Check the anodes, see [the anode notes](https://example.org/anodes)", []),
    ]
    assert [i.text for i in rigging.items] == ["Inspect the **shrouds** and the launch notes"]
    assert "8 check box(es); 8 written" in written.summary[0]
    status, _ = load_data_file(tmp_path / "data" / "boat.status.yaml", "s.yaml")
    assert sorted(e.id for e in status.items) == ["buy-paint", "scrape-hull"]  # type: ignore[union-attr]


def test_restructuredtext_titles_of_any_adornment_are_headings_and_code_stays_code(tmp_path: Path) -> None:
    """reStructuredText: an overlined title, '=' sections, '~' groups (a '~~~~' underline is no Markdown fence that
    swallows the rest); '#.' numbered; code-block, literal block and comment hold no box; a field list is metadata."""
    c, written = _import(tmp_path, IMPORT / "dialect-rst.rst", "dome")
    assert (c.title, c.version) == ("Observatory shutdown", "2.1")
    assert _outline_of(c) == [
        ("Dome", "Dome", [("Close the slit", False), ("Park the telescope at zenith", False)]),
        ("Dome", "Cables", [("Unplug the focuser", True), ("Coil the [USB cables](https://example.org/usb)", True)]),
        ("Power", "Power", [("Switch off the mount `PSU`", False), ("Log the shutdown:", False), ("Lock the door", False)]),
    ]
    log = c.sections[1].groups[0].items[1]
    assert "shutdown-log --winter" in (log.details or "") and "```" in (log.details or "")
    assert "**Note:** The UPS keeps the weather station running." in (c.sections[1].notes or "")
    assert "7 check box(es); 7 written" in written.summary[0]


def test_lines_that_start_with_a_box_outside_a_list_are_items_at_their_own_lines(tmp_path: Path) -> None:
    c, written = _import(tmp_path, IMPORT / "bare-boxes.md", "pr")
    assert _outline_of(c) == [
        ("Kind of change", "Kind of change", [("Bug fix", False), ("New feature", False), ("Documentation", False)]),
        ("Ready", "Ready", [("Tests pass", False), ("Changelog entry", False)]),
    ]
    assert "5 check box(es); 5 written" in written.summary[0]
    assert any("5 × check box at the start of a line outside a list" in w and "lines 5, 6, 7, 11, 12" in w for w in written.warnings)
    assert any(w.startswith("2 × check box inside a line of text") and "bare-boxes.md:18:1)" in w for w in written.warnings), written.warnings


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["* Head [1/2] :tag:", "#+TITLE: T", "#+BEGIN_SRC sh", "#+END_SRC", ":PROPERTIES:", ":END:", "# c", "= T", "== S", "----", "////",
             ".Label", "** [x] b", ". [ ] n", ":toc:", "Title", "=====", "~~~~~", "-----", ".. code-block:: sh", ".. note:: n", "Run::", "",
             "   code", "- [ ] box", "[ ] bare", "☐ bare", "```", "text", "h2. S", "* (/) j", "{code}", "{noformat}",
             "{|", "|-", "|+ c", "! A !! B", "| a || {{Done}}", "| [ ]", "|}", "|===", "[%header,cols=2]", "|a |[x]", "|[ ]",
             ".. list-table:: T", "   :header-rows: 1", "   * - a", "     - [ ]", "||T||D||", "|a|(/)|", "bc. make", "bc.. m",
             "pre. x", "p. t", "###. c", "fn1. n", "bq. q", "**[ ]**", "| *[x]* |", "<!-- c", "-->", "<!-- d -->", ":::tip T",
             ":::", "```{note}", ":class: c", "::: mermaid", "- :x: e", "<ul><li>☐ f</li>"]
        ),
        min_size=1,
        max_size=30,
    ),
    st.sampled_from(["x.org", "x.adoc", "x.rst", "x.md", "x.jira", "x.textile", "x.wiki", "x.ipynb", "<stdin>"]),
)
def test_every_dialect_gives_one_line_for_each_line_of_the_source(lines: list[str], name: str) -> None:
    """Line for line, so that every message names the line of the file as written (a reStructuredText block that
    runs to the end of the file closes its fence on one line more, after all of them)."""
    text, _, bare = as_markdown("\n".join(lines), name)
    out = text.split("\n")
    assert len(out) == len(lines) or (len(out) == len(lines) + 1 and out[-1] == "```")
    assert all(lines[n - 1].lstrip().startswith(("[ ]", "☐")) for n in bare)


def test_an_html_page_of_checkbox_inputs_imports_its_headings_lists_and_table(tmp_path: Path) -> None:
    """A wiki's page saved as HTML: headings, nested lists of checkbox inputs (checked ones ticked), a table with a
    checkbox column; a box in <pre> or <script> is none, and each block keeps the line the page gives it."""
    c, written = _import(tmp_path, IMPORT / "wiki-export.html", "kitchen")
    assert c.title == "Kitchen handover"
    assert [(s.title, [i.text for i in s.all_items()]) for s in c.sections] == [
        ("Cold room", ["Fridge at **4 °C** or less", "Labels dated", "dairy shelf", "meat shelf"]),
        ("Line", ["Burners off", "Hoods cleaned", "Knives counted", "Floor mopped"]),
    ]
    assert [i.text for i in c.sections[0].groups[0].items[1].items] == ["dairy shelf", "meat shelf"]
    assert "[the kitchen wiki](https://example.org/kitchen)" in (c.sections[0].notes or "")
    status, _ = load_data_file(tmp_path / "data" / "kitchen.status.yaml", "s.yaml")
    assert sorted(e.id for e in status.items) == ["fridge-4-c-less", "knives-counted", "meat-shelf"]  # type: ignore[union-attr]
    assert "8 check box(es); 8 written" in written.summary[0]
    boxes = {b.text: b.line for b in import_markdown((IMPORT / "wiki-export.html").read_text(encoding="utf-8"), "wiki-export.html").boxes}
    assert (boxes["Fridge at **4 °C** or less"], boxes["meat shelf"], boxes["Burners off"]) == (9, 12, 17)


def test_html_task_lists_in_a_markdown_file_are_its_items(tmp_path: Path) -> None:
    """Checkbox inputs and Confluence's <ac:task> lists pasted into Markdown were text (their boxes lost): items."""
    c, written = _import(tmp_path, IMPORT / "confluence-tasks.md", "move")
    assert [i.text for i in c.sections[0].all_items()] == ["Label the crates", "Empty the desks", "Book the lift", "Order the van", "Tell **reception**"]
    assert "5 check box(es); 5 written" in written.summary[0]
    status, _ = load_data_file(tmp_path / "data" / "move.status.yaml", "s.yaml")
    assert sorted(e.id for e in status.items) == ["label-crates", "order-van"]  # type: ignore[union-attr]


@st.composite
def _html_list(draw: st.DrawFn, depth: int = 0) -> tuple[str, int, int]:
    """A <ul> of checkbox inputs, nested up to three deep: (html, boxes, ticked)."""
    parts, boxes, ticked = ["<ul>"], 0, 0
    for n in range(draw(st.integers(1, 3))):
        checked = draw(st.booleans())
        words = draw(st.sampled_from(["Seal the crate", "Count the <b>chairs</b>", "Call &amp; confirm", "Lock up"]))
        inner = draw(_html_list(depth + 1)) if depth < 2 and draw(st.booleans()) else ("", 0, 0)
        parts.append(f'<li><input type="checkbox"{" checked" if checked else ""}> {words} {depth}.{n}{inner[0]}</li>')
        boxes, ticked = boxes + 1 + inner[1], ticked + checked + inner[2]
    return draw(st.sampled_from(["", "\n"])).join([*parts, "</ul>"]), boxes, ticked


@settings(max_examples=60, deadline=None)
@given(st.lists(_html_list(), min_size=1, max_size=3), st.sampled_from(["x.html", "x.md"]))
def test_every_checkbox_input_of_an_html_list_is_one_item_ticked_as_checked(lists: list[tuple[str, int, int]], name: str) -> None:
    body = "\n\n".join(f"<h2>Part {n}</h2>\n{html}" for n, (html, _, _) in enumerate(lists))
    source = f"<html><body>\n<h1>Move</h1>\n{body}\n</body></html>\n" if name.endswith(".html") else f"# Move\n\n{body}\n"
    imported = import_markdown(source, name)
    items = imported.draft.all_items()
    assert len(items) == len(imported.boxes) == sum(b for _, b, _ in lists) and not imported.missing
    assert sum(i.ticked for i in items) == sum(t for _, _, t in lists)
    assert all(re.search(r"\d\.\d$", i.text) and "<" not in i.text for i in items), [i.text for i in items]


def test_a_heading_that_starts_with_a_box_is_an_item_with_what_stands_under_it(tmp_path: Path) -> None:
    """'### ☐ Step' headings (a how-to written as steps): each an item, its steps, prose, code and lower headings its
    details, up to the next heading as high or a rule; a '#' line in the code is no heading."""
    c, written = _import(tmp_path, IMPORT / "boxed-headings.md", "bakery")
    oven, dough = c.sections[0].groups[0].items
    assert (oven.text, dough.text) == ("Light the oven (20 minutes)", "Start the dough")
    steps = oven.details or ""
    assert "1. **Open the gas valve:**" in steps and "   - wait for the click" in steps and "Press the igniter" in steps
    assert "# water: 6 l, not a heading" in (dough.details or "") and "Leave it for an hour." in (dough.details or "")
    assert "Sweep the floor." in (c.sections[0].notes or "") and "Sweep" not in (dough.details or "")
    assert "2 check box(es); 2 written" in written.summary[0]
    status, _ = load_data_file(tmp_path / "data" / "bakery.status.yaml", "s.yaml")
    assert [e.id for e in status.items] == ["start-dough"]  # type: ignore[union-attr]


def test_a_file_of_plain_bullets_without_a_single_box_imports_its_bullets_as_open_boxes(tmp_path: Path) -> None:
    """A release checklist written as plain bullets (no '[ ]' anywhere) was refused: its list items are open boxes,
    said once; a list of links alone (its table of contents) stays text. Prose alone is still refused."""
    c, written = _import(tmp_path, IMPORT / "plain-bullets.md", "concert")
    assert [(g.title, g.ordered, [(i.text, [s.text for s in i.items]) for i in g.items]) for s in c.sections for g in s.groups] == [
        ("Before", False, [("Tune the piano", []), ("Set out the chairs", ["front rows for the families"]), ("Print the programmes", [])]),
        ("After", True, [("Stack the chairs", []), ("Lock the hall", [])]),
    ]
    assert any("no check box in the file: its list items read as open boxes" in w for w in written.warnings)
    assert not (tmp_path / "data" / "concert.status.yaml").exists()


@st.composite
def _linked_doc(draw: st.DrawFn) -> str:
    """Headings with boxes, with labelled lists only, without boxes; links to each heading's anchor, their words code or not."""
    titles = ["Alpha", "Beta `code`", "Gamma", "Delta"]
    blocks = ["# Doc"]
    for n, title in enumerate(titles):
        blocks.append(f"{'##' if n % 2 == 0 else '###'} {title}")
        shape = draw(st.sampled_from(["boxes", "labelled", "prose"]))
        slug = re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")
        target = draw(st.sampled_from([f"#{slug}", "#alpha", "#delta", "#nowhere", "{LINK HERE}", "docs/a b.md", "<other page.md>"]))
        link = f"[{draw(st.sampled_from(['see', 'see `it`', 'the `x` step']))}]({target})"
        if shape == "boxes":
            blocks.append(f"- [ ] check {n} {link}\n- [ ] other {n}")
        elif shape == "labelled":
            blocks.append(f"- Stage {n}\n  - [ ] step {n} {link}")
        else:
            blocks.append(f"Prose {n} {link}.")
    blocks.append("- [ ] last")
    return "\n\n".join(blocks) + "\n"


@settings(max_examples=60, deadline=None)
@given(_linked_doc())
def test_every_link_an_import_keeps_to_this_checklist_leads_to_a_page_and_anchor_it_has(source: str) -> None:
    """An in-page link ('#beta-code') becomes a link to the page and anchor of what its heading became, or text: never a
    link to an anchor no page has (a group split into its labelled lists kept the first group's id) nor an in-page link
    left whole because its words held code (strict MkDocs refused both)."""
    draft = import_markdown(source, "doc.md").draft
    anchors = {s.id: {x.id for g in s.groups for x in (g, *g.lists, *g.all_items())} for s in draft.sections}
    texts = [t for s in draft.sections for t in [*s.notes, *(i.text for i in s.all_items()), *(d for i in s.all_items() for d in i.details)]]
    for text in texts:
        assert "](#" not in text, text
        for page, anchor in re.findall(r"\]\(([a-z0-9-]+)\.md(?:#([a-z0-9-]+))?\)", text):
            assert page in anchors and (not anchor or anchor in anchors[page]), (text, anchors)
        for url in link_targets(text, block=True):  # as the site's Markdown reads it: a template's '({LINK HERE})' too
            assert scheme(url) or re.fullmatch(r"([a-z0-9-]+)\.md(#[a-z0-9-]+)?", url), (url, text)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), *[st.integers(1, 6)] * 3), min_size=1, max_size=6))
def test_a_tables_items_take_their_texts_from_one_column(rows: list[tuple[bool, int, int, int]]) -> None:
    """Without a column named for them (Item, Task, Step …), the items of a table take their texts from the column of
    the most words over the whole table: each row's own longest cell gave one row its Notes and the next its Upstream.
    A column of remarks (Notes) is the texts only where no other column has words (a sheet's long Notes named its
    rows)."""
    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta"]
    lines = ["# T", "", "## S", "", "| ✓ | Image | Upstream | Notes |", "|---|---|---|---|"]
    for n, (ticked, *widths) in enumerate(rows):
        lines.append(f"| {'[x]' if ticked else '[ ]'} | " + " | ".join(f"c{col}r{n} " + " ".join(words[:w]) for col, w in enumerate(widths)) + " |")
    draft = import_markdown("\n".join(lines) + "\n", "t.md").draft
    columns = {re.match(r"c(\d)r", i.text).group(1) for i in draft.all_items()}  # type: ignore[union-attr]
    assert len(columns) == 1 and len(draft.all_items()) == len(rows)
    totals = [sum(r[1 + c] for r in rows) for c in range(2)]  # Image and Upstream: Notes is remarks
    assert int(columns.pop()) == totals.index(max(totals))


def test_a_footnote_is_put_in_brackets_where_it_is_referred_to(tmp_path: Path) -> None:
    """The site has no footnotes: '[^1]' stayed in the item's text and '[^1]: …' in the notes, apart."""
    c, written = _import(
        tmp_path,
        "# Picnic\n\n## Food\n\n- [ ] Pack the bread[^bread]\n- [ ] Chill the drinks `a[^b]`\n\n"
        "[^bread]: The seeded loaf, not the sliced one.\n\nBring a blanket.\n",
        "picnic",
    )
    assert [i.text for i in c.sections[0].all_items()] == ["Pack the bread (The seeded loaf, not the sliced one.)", "Chill the drinks `a[^b]`"]
    assert c.sections[0].notes == "Bring a blanket."
    assert any("footnote: its text put in brackets" in w for w in written.warnings)


def test_a_github_issue_form_imports_its_task_lists_and_checkboxes(tmp_path: Path) -> None:
    """An issue form (.github/ISSUE_TEMPLATE/*.yml) was read as Markdown: its YAML lines became three items of
    nonsense and the task lists in its values were lost. Its name is the title, each element's label a heading, the
    task lists in its values and the options of a checkboxes element items (a required one critical)."""
    c, written = _import(tmp_path, IMPORT / "issue-form.yml", "stall")
    assert c.title == "Festival stall"
    assert [(s.title, [(i.text, i.critical) for i in s.all_items()]) for s in c.sections] == [
        ("Stock", [("Count the jars of honey", False), ("Print the price cards", False), ("one for the *wax candles*", False)]),
        ("Safety", [("Fire blanket packed", True), ("First aid kit checked", False)]),
    ]
    assert "Every stall must pass these." in (c.sections[1].notes or "") and "large" in (c.sections[1].notes or "")
    assert "5 check box(es); 5 written" in written.summary[0]


def test_a_badge_by_shortcut_reference_gives_its_level(tmp_path: Path) -> None:
    """'![medium]' (a shortcut reference to the badge's image, as a real performance checklist writes its priorities)
    was left in the text, naming no level; '![High][high_img]' and '![low](…)' were read."""
    c, _ = _import(
        tmp_path,
        "# Site\n\n## Pages\n\n- [ ] **Minify:** ![medium] Strip the comments.\n- [ ] ![High][high_img] Cache the fonts\n"
        "- [ ] Lazy images ![low](https://x.test/low.svg)\n- [ ] See ![diagram] here\n\n"
        "[medium]: https://x.test/medium.svg\n[high_img]: https://x.test/high.svg\n[diagram]: https://x.test/d.png\n",
        "site",
    )
    assert [(i.text, i.priority.value if i.priority else None) for i in c.sections[0].all_items()] == [
        ("**Minify:** Strip the comments.", "medium"),
        ("Cache the fonts", "high"),
        ("Lazy images", "low"),
        ("See ![diagram](https://x.test/d.png) here", None),
    ]


def test_a_heading_number_followed_by_a_dash_leaves_neither_in_the_title(tmp_path: Path) -> None:
    """'## 1. - Design requirements' (a real design checklist numbers its headings so) gave '- Design requirements'."""
    source = "# Design\n\n## 1. - Design requirements\n\n### 1.1 – Grid system\n\n- [ ] Grid given\n\n### 1.2 — Colours\n\n- [ ] Colours named\n"
    c, _ = _import(tmp_path, source, "design")
    assert [(s.title, s.id, [g.title for g in s.groups]) for s in c.sections] == [("Design requirements", "design-requirements", ["Grid system", "Colours"])]


def test_links_in_prose_moved_to_its_own_page_lead_where_they_led(tmp_path: Path) -> None:
    """Prose over the notes limit moves to docs/imported/ID/SECTION.md: its links to the checklist's pages were written
    from the checklist's folder and led nowhere from there (strict MkDocs refused the site; a real release handbook)."""
    filler = "\n\n".join(f"Paragraph {n} about the freeze and the thaw of the branches, kept for the record." for n in range(80))
    source = f"# Handbook\n\n## Branches\n\n- [ ] Cut the branch\n\n### Code thaw\n\n- [ ] Open the gates\n\n{filler}\n\nSee [the thaw](#code-thaw).\n"
    _, written = _import(tmp_path, source, "handbook")
    page = next(p for p in written.files if p.suffix == ".md")
    rel = page.relative_to(tmp_path / "docs").as_posix()
    targets = re.findall(r"\]\(([^)]+)\)", page.read_text(encoding="utf-8"))
    assert targets and all(posixpath.normpath(posixpath.join(posixpath.dirname(rel), t.split("#")[0])) == "checklists/handbook/branches.md" for t in targets)


def test_mediawiki_headings_lists_and_done_templates_read_as_markdown(tmp_path: Path) -> None:
    """A wiki page's source: '== Heading ==', '*'/'**'/'#' lists, {{Done}} / {{Not done}} or a box first in an item,
    '''bold''', [[links]] and [url words]; a <pre> block holds no box, a category line is left out."""
    c, written = _import(tmp_path, IMPORT / "dialect-mediawiki.wiki", "trip")
    assert [(g.title, [(i.text, [s.text for s in i.items]) for i in g.items]) for s in c.sections for g in s.groups] == [
        ("Before the trip", [
            ("Book the ferry, see [the timetable](https://example.org/ferry)", []),
            ("Pack the **tent**", ["pegs", "poles"]),
            ("Print the map", []),
            ("Charge the radio", []),
        ]),
        ("Gear", [("Stove", [])]),
    ]
    status, _ = load_data_file(tmp_path / "data" / "trip.status.yaml", "s.yaml")
    assert sorted(e.id for e in status.items) == ["book-ferry-see-timetable", "pack-poles", "stove"]  # type: ignore[union-attr]
    assert "7 check box(es); 7 written" in written.summary[0]
    assert text_of(as_markdown("== Kit ==\n* {{Done}} Rope\n", "<stdin>")) == "## Kit\n- [x] Rope\n"  # known by its first lines too


def text_of(converted: tuple[str, str, list[int]]) -> str:
    return converted[0]
