"""Shapes a ninth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.exchange.importing import decode_source

from .test_import_sweep5 import _import, _states
from .test_import_sweep7 import _EAST_ASIAN


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["euc_jp", "shift_jis"]).flatmap(
        lambda e: st.tuples(st.just(e), st.lists(st.sampled_from(_EAST_ASIAN[e]), min_size=2, max_size=4))
    )
)
def test_a_short_checklist_in_an_east_asian_encoding_reads_back(case: tuple[str, list[str]]) -> None:
    """One box of a few Japanese words (Shift_JIS, EUC-JP), kana among them as a Japanese sentence has: a short
    EUC-JP file ('- [ ] テストを実行する') was read as Big5 ('氾旦玄毛撢墊允月'), its kana common ideographs there and
    the first encoding of the tie taken. The likeliest reading as a text of its language is the file's. (Four
    ideographs alone, '実行確認', read as well as Hangul: too few to tell.)"""
    encoding, words = case
    text = "- [ ] " + "".join(words) + "\n"
    assume(sum(ord(c) > 0x7F for c in text) >= 4 and any(0x3040 <= ord(c) <= 0x30FF for c in text))
    assert decode_source(text.encode(encoding)) == text


@pytest.mark.parametrize(
    ("suffix", "opening", "closing"),
    [(".ps1", '$body = @"', '"@'), (".sh", "cat > checklist.md <<-'EOF'", "\tEOF"), (".py", 'BODY = """', '"""')],
)
def test_a_program_writing_a_checklist_is_read_as_the_checklist_it_writes(tmp_path: Path, suffix: str, opening: str, closing: str) -> None:
    """A script that writes a release checklist out of a here-string (PowerShell's '@"' … '"@', a shell's '<<-EOF',
    Python's triple quotes) and holds no box in its comments: it was read as Markdown whole, its code the notes, its
    first comment the title, and the closing '"@' ended the last item's text ('Release notes link: TODO "@')."""
    margin = "\t" if suffix == ".sh" else ""
    body = ["# Release Readiness", "", "- Service: $Name", "- SBOM: TODO", "- Release notes link: TODO"]
    code = ["# Builds the release checklist.", "param([string]$Name)", opening, *(margin + line for line in body), closing, "Write-Output done"]
    source = "\n".join([*code, ""])
    checklist, _ = _import(tmp_path, source, suffix)
    assert checklist.title == "Release Readiness"
    items = [i.text for s in checklist.sections for g in s.groups for i in g.items]
    assert items == ["Service: $Name", "SBOM: TODO", "Release notes link: TODO"]
    assert not any(s.notes for s in checklist.sections)


def test_a_page_drawing_its_boxes_gives_each_item_its_title_and_description(tmp_path: Path) -> None:
    """A validation page whose boxes its style draws ('<li class="checklist-item"><div class="checkbox"><span
    class="checkmark">✓</span></div><div class="item-title">…</div><div class="item-description">…</div></li>'):
    every item's text was the hidden mark '✓', its title and description the section's notes. The drawn box is the
    item's box (ticked where its class says so), a later block of a list item its details."""
    item = (
        '<li class="checklist-item{0}" onclick="toggleCheck(this)">\n  <div class="checkbox"><span class="checkmark">✓</span></div>\n'
        '  <div class="item-text">\n    <div class="item-title">{1}</div>\n    <div class="item-description">{2}</div>\n  </div>\n</li>\n'
    )
    page = (
        "<html><head><title>Checklist de Validación</title><style>.checked .checkmark { opacity: 1; }</style></head><body>\n"
        '<h2 class="section-title"><span class="emoji">🎨</span> Logo y Branding</h2>\n<ul class="checklist">\n'
        + item.format("", "Logo visible en header", "Verificar el encabezado")
        + item.format(" checked", "Colores correctos", "Verde #2d5016")
        + "</ul>\n<h2>Otros</h2>\n<ul><li><input type=\"checkbox\"><p>Probar el formulario</p><p>Con un correo real.</p></li></ul>\n</body></html>\n"
    )
    checklist, _ = _import(tmp_path, page, ".html")
    items = [(i.text, i.details) for s in checklist.sections for g in s.groups for i in g.items]
    assert items == [
        ("Logo visible en header", "Verificar el encabezado"),
        ("Colores correctos", "Verde #2d5016"),
        ("Probar el formulario", "Con un correo real."),
    ]
    assert _states(tmp_path) == {"colores-correctos": "done"}
    assert not any(s.notes for s in checklist.sections)


def test_an_issue_template_giving_a_key_twice_keeps_its_front_matter(tmp_path: Path) -> None:
    """A release-tracking issue template whose front matter says 'about:' twice (GitHub takes it): the front matter
    was read as Markdown, its lines the notes ('name: 🚋 Release cycle tracking about: …') and the title the file's
    name. A key given twice is said, its first value kept; the rest is front matter as before."""
    source = (
        "---\nname: Release cycle tracking\nabout: Track a release\nabout: \"[Only for the lead] Track a release.\"\n"
        "title: Tasks for the release cycle\nlabels: ''\n---\n\n## Tasks\n\n- [ ] Finalize the schedule\n"
    )
    checklist, written = _import(tmp_path, source, ".md")
    assert checklist.title == "Tasks for the release cycle"
    assert not any(s.notes for s in checklist.sections)
    assert any("front matter key not used" in w and " 4" in w for w in written.warnings)  # the second 'about', said


def test_a_label_over_notes_then_boxes_names_the_notes(tmp_path: Path) -> None:
    """'**Notes**:' over two plain bullets, a blank line, then the boxes (one Markdown list): the boxes were a group
    titled 'Notes'. A label over a list whose first items hold no box names those items, kept as notes."""
    source = "## Tasks\n\n**Notes**:\n* Update this before releasing\n* Each line is [role] [action]\n\n* [ ] [Lead] [Tag it]\n* [ ] [Lead] [Announce]\n"
    checklist, _ = _import(tmp_path, source, ".md")
    assert [g.title for s in checklist.sections for g in s.groups] == ["Tasks"]
    assert [lst.label for s in checklist.sections for g in s.groups for lst in g.lists] == []
    assert "**Notes**" in checklist.sections[0].notes and "Update this before releasing" in checklist.sections[0].notes


def test_each_heading_under_a_sign_off_keeps_its_boxes(tmp_path: Path) -> None:
    """A readiness review's '## Section 8: Stakeholder Sign-offs' over '### 8.1 Technical Sign-offs' and '### 8.2
    Operations Sign-offs', each with its approvals: every approval went to one group '8.1 Technical Sign-offs' of a
    section 'Section 8: Stakeholder Sign-offs'. Each heading under the sign-off is a group of its own, and numbering
    is left out of every title, as of a section's."""
    source = (
        "# Readiness\n\n## Section 1: Testing\n\n- [ ] Tests pass\n\n## Section 8: Stakeholder Sign-offs\n\n"
        "### 8.1 Technical Sign-offs\n\n- [ ] **Tech Lead Approval**\n  - [ ] Code reviewed\n  - Signature: ______ Date: ____\n"
        "- [ ] **QA Lead Approval**\n\n### 8.2 Operations Sign-offs\n\n- [ ] **DevOps Lead Approval**\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    assert [s.title for s in checklist.sections] == ["Testing", "Stakeholder Sign-offs"]
    groups = [(g.title, [i.text for i in g.items]) for g in checklist.sections[1].groups]
    assert groups == [("Technical Sign-offs", ["**Tech Lead Approval**", "**QA Lead Approval**"]), ("Operations Sign-offs", ["**DevOps Lead Approval**"])]


@pytest.mark.parametrize(
    ("suffix", "source"),
    [
        (".org", "#+title: Todo\n* TODO make more snippets\nThese need eshell ones too.\n** Network\n*** Nmap scans\n* IDEA A data file\nFor now a list.\n"),
        (".adoc", "= Release\n\n* [ ] Tag it\n\n== Later\n\nSome prose.\n\n* [ ] Announce\n"),
    ],
)
def test_a_declared_title_stays_the_title_over_boxes(tmp_path: Path, suffix: str, source: str) -> None:
    """An org file's '#+title: Todo' (or AsciiDoc's '= Release') right over its first task, another headline after it:
    the title was the file's name ('x'), the declared title a section, since a '#' with a box before the next
    heading reads as a chapter. A dialect's declared title is the title, boxes under it or not."""
    checklist, _ = _import(tmp_path, source, suffix)
    assert checklist.title == source.split("\n")[0].split(" ", 1)[1]


def test_raised_and_lowered_words_are_not_run_into_the_word_before(tmp_path: Path) -> None:
    """A release template's RACI line ('R<sup>Eng. Lead, Team</sup> A<sup>Scrum Master</sup>'): its roles ran into
    the letters ('REng. Lead, Team AScrum Master'). A raised or lowered word is shown in the characters that raise or
    lower it where Unicode has them ('x²', 'H₂O'), else in brackets after the word."""
    source = "# Release\n\n- [ ] Scale to 10<sup>6</sup> users, CO<sub>2</sub> report\n\nR<sup>Eng. Lead, Team</sup> A<sup>Scrum Master</sup>\n"
    checklist, _ = _import(tmp_path, source, ".md")
    assert [i.text for i in checklist.sections[0].groups[0].items] == ["Scale to 10⁶ users, CO₂ report"]
    assert "R (Eng. Lead, Team) A (Scrum Master)" in checklist.sections[0].notes


def _owners(written: object) -> dict[str, str]:
    """The owners an import recorded with 'assign': item id -> name."""
    files = getattr(written, "files", {})
    text = "".join(v for k, v in files.items() if ".record" in str(k))
    return dict(re.findall(r"\{assign: \"?([^,\"]+)\"?, to: ([^}]+)\}", text))


@pytest.mark.parametrize(
    ("suffix", "source"),
    [
        (".md", "# Go-live\n\n- [ ] Back up the database\n  Owner: Ann Lee\n- [ ] Tag the build\n\n  - **Assignee:** Bo\n- [ ] Announce (owner: Cy)\n"),
        (
            ".csv",
            ",,\n,,https://app.asana.com/-/googleSheetsProjectCsv?domain=1\n,,\n"
            "Task ID,Created At,Completed At,Name,Section/Column,Assignee,Notes\n"
            "1,2026-07-30,,Back up the database,Go-live,Ann Lee,\n2,2026-07-30,,Tag the build,Go-live,Bo <bo@example.org>,\n"
            "3,2026-07-30,,Announce,Go-live,Cy,\n",
        ),
    ],
)
def test_an_items_owner_said_in_it_is_recorded(tmp_path: Path, suffix: str, source: str) -> None:
    """A go-live list naming each task's owner under it ('Owner: Ann Lee', '- **Assignee:** Bo') or at its end ('(owner:
    Cy)'), and a tracker's export with an Assignee column (Asana's to Google Sheets, which opens with rows of a link and
    no head): the owners were words of the texts or details, or a left-out column, and the sheet's 'Task ID' row and
    ids ('1', '2') were the items. Each is the item's owner, recorded with 'assign' as an Owner column's is; the
    export's rows before its head are none of the items."""
    checklist, written = _import(tmp_path, source, suffix)
    items = [i for s in checklist.sections for g in s.groups for i in g.items]
    assert [(i.text, i.details) for i in items] == [("Back up the database", ""), ("Tag the build", ""), ("Announce", "")]
    assert sorted(_owners(written).values()) == ["Ann Lee", "Bo", "Cy"]


def test_an_issue_template_is_titled_by_its_name_where_its_title_is_a_tag(tmp_path: Path) -> None:
    """A deploy issue template ('name: 🚀 Deploy', 'title: "[DEPLOY] "'): the checklist was titled '[DEPLOY]', the tag
    its issues' titles open with; one with no title at all, by the file's name. Its name is the title then."""
    source = "---\nname: 🚀 Deploy\nabout: Ship a version\ntitle: \"[DEPLOY] \"\nlabels: deploy\n---\n\n## Checks\n\n- [ ] Env vars set\n"
    checklist, _ = _import(tmp_path, source, ".md")
    assert checklist.title == "🚀 Deploy"


def test_collapsed_groups_and_struck_ticks_read_as_the_page_shows_them(tmp_path: Path) -> None:
    """A launch list in collapsed blocks ('<details><summary>Pre-flight</summary>' … '</details>'), the first before
    any heading, a box after one, and a ticked box struck through as a doc editor shows it done ('- [x] ~~Freeze
    main~~'): the first summary was a note and its boxes the title's; the box after a block stayed in it; the tick's
    strike was the text's. Each block is a group, ending at '</details>'; a ticked box's strike is none of its text."""
    first = "# Launch\n\n<details>\n<summary>Pre-flight</summary>\n\n- [ ] Back up\n- [x] ~~Freeze main~~\n\n</details>\n"
    checklist, _ = _import(tmp_path, first, ".md")
    assert [(s.title, [i.text for g in s.groups for i in g.items]) for s in checklist.sections] == [("Pre-flight", ["Back up", "Freeze main"])]
    assert checklist.title == "Launch" and _states(tmp_path) == {"freeze-main": "done"}
    later = "# Launch\n\n## Go\n\n- [ ] Check\n\n<details><summary>Smoke tests</summary>\n\n- [ ] Log in\n\n</details>\n\n- [ ] Announce\n"
    checklist, _ = _import(tmp_path / "b", later, ".md")
    groups = [(s.title, g.title, [i.text for i in g.items]) for s in checklist.sections for g in s.groups]
    assert groups == [("Go", "Go", ["Check"]), ("Go", "Smoke tests", ["Log in"]), ("Go", "Go", ["Announce"])]


def test_a_large_files_texts_are_parsed_for_links_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A runbook of 10,000 linked steps (1.1 MB) took 70 s to import: the importer asks each text's links twice as it
    settles the texts, and the parsers' answers were kept for 4,096 texts only, so past that every text was parsed
    twice by both parsers. They are kept for as many texts as a large file holds."""
    from generator.format import markup

    parsed: list[str] = []
    monkeypatch.setattr(markup, "_markdown_it_links", lambda *asked: parsed.append(asked[0]) or [])
    monkeypatch.setattr(markup, "_python_markdown_links", lambda *_: [])
    markup._link_targets.cache_clear()
    texts = [f"Step {n}: see [the runbook](https://example.org/{n})" for n in range(10_000)]
    for _ in range(2):
        for text in texts:
            markup.link_targets(text)
    markup._link_targets.cache_clear()
    assert len(parsed) == len(texts)
