"""Shapes a seventh sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.errors import CheckFailed
from generator.exchange.importing import decode_source, read_source, run_import

from .test_import_sweep5 import TODAY, _import


def _groups(tmp_path: Path, source: str, suffix: str = ".md") -> list[tuple[str, list[str]]]:
    checklist, _ = _import(tmp_path, source, suffix)
    return [(g.title, [i.text for i in g.items] + [i.text for lst in g.lists for i in lst.items]) for s in checklist.sections for g in s.groups]


def test_plain_labels_ending_with_a_colon_over_lists_of_boxes_name_their_runs(tmp_path: Path) -> None:
    """An issue template's runs of steps named by plain lines ('Devices:' then '* [ ] Pixel 8', 'Release:' then
    '* [ ] Tag'): each run a group of its name. They were one group of every box, the names in the notes."""
    source = (
        "Notes:\n\nDevices:\n* [ ] Pixel 8\n* [ ] Pixel 9\n\nChecklists:\n\nBefore the build:\n* [ ] Merge patches\n\n"
        "Release:\n* [ ] Tag the release\n* [ ] Publish\n"
    )
    assert _groups(tmp_path, source) == [
        ("Devices", ["Pixel 8", "Pixel 9"]),
        ("Before the build", ["Merge patches"]),
        ("Release", ["Tag the release", "Publish"]),
    ]
    checklist, _ = _import(tmp_path / "b", source, ".md")
    assert checklist.sections[0].notes == "Notes:\n\nChecklists:"  # the lines over no list stay as written


def test_bold_labels_with_their_owners_over_lists_of_boxes_name_their_runs(tmp_path: Path) -> None:
    """An onboarding list's departments, each with its owner ('**Engineering:** (Priya owns)' over its boxes): they
    were text in the notes, the departments' boxes one group."""
    source = "## Department Onboarding\n\n**Engineering:** (Priya owns)\n- [ ] GitHub access\n\n**Sales:** (David owns)\n- [ ] CRM access\n"
    assert _groups(tmp_path, source) == [
        ("Engineering (Priya owns)", ["GitHub access"]),
        ("Sales (David owns)", ["CRM access"]),
    ]


def test_lead_in_lines_over_plain_bullets_read_as_boxes_stay_text(tmp_path: Path) -> None:
    """A handbook without a box (its bullets read as the boxes): 'This tool will:' and 'It can be done in two ways:'
    over its bullets are prose leading into them, no labels (they named groups 'This tool will')."""
    source = "# Cut\n\n## Branch\n\nThis tool will:\n\n- create the branch\n- push it\n\nIt can be done in two ways:\n\n- by hand\n- by the bot\n"
    checklist, _ = _import(tmp_path, source, ".md")
    groups = [(g.title, [i.text for i in g.items]) for g in checklist.sections[0].groups]
    assert groups == [("Branch", ["create the branch", "push it", "by hand", "by the bot"])]
    assert "This tool will:" in checklist.sections[0].notes


def test_one_line_ending_with_a_colon_over_the_boxes_stays_text(tmp_path: Path) -> None:
    checklist, _ = _import(tmp_path, "## Before\n\nComplete the following:\n- [ ] Back up\n- [ ] Drain\n", ".md")
    assert [(g.title, [i.text for i in g.items], g.lists) for g in checklist.sections[0].groups] == [("Before", ["Back up", "Drain"], ())]
    assert checklist.sections[0].notes == "Complete the following:"


def test_a_table_with_an_empty_head_keeps_its_head_in_the_notes(tmp_path: Path) -> None:
    """A form of fields ('|  |  |' over '| Android version |  |'): without its head row the notes held a delimiter row
    over the rows, no table at all (the head was left out as an empty row)."""
    checklist, _ = _import(tmp_path, "# Release\n\n|  |  |\n| --- | --- |\n| Build number |  |\n|  |  |\n\n- [ ] Tag\n", ".md")
    assert checklist.sections[0].notes == "|  |  |\n| --- | --- |\n| Build number |  |"


@pytest.mark.parametrize(
    ("headings", "titles"),
    [
        (["## 2 Working Days Before the Deadline", "## Before the Deadline"], ["2 Working Days Before the Deadline", "Before the Deadline"]),
        (["## 24 Hours Before Launch", "## 1 Hour Before Launch"], ["24 Hours Before Launch", "1 Hour Before Launch"]),
        (["## 1 Setup", "## 2 Deploy", "## 3 Verify"], ["Setup", "Deploy", "Verify"]),
        (["## 1. Setup", "## 3. Verify"], ["Setup", "Verify"]),
    ],
)
def test_a_leading_number_is_numbering_only_where_the_headings_count(tmp_path: Path, headings: list[str], titles: list[str]) -> None:
    """'## 2 Working Days Before the Tagging Deadline' (a release template's) lost its '2' as numbering the site adds
    itself: a bare number is numbering where the headings so numbered count 1, 2, 3; else it is a quantity, kept."""
    source = "# Release\n\n" + "".join(f"{h}\n\n- [ ] step {n}\n\n" for n, h in enumerate(headings))
    checklist, _ = _import(tmp_path, source, ".md")
    assert [s.title for s in checklist.sections] == titles


def test_a_file_of_tables_of_checks_without_a_box_gives_their_rows(tmp_path: Path) -> None:
    """A readiness review's tables ('| Check name | Short Description | Level A |', no box anywhere) and a recovery
    runbook's ('| Step | Action | Owner |'): each row an open item, its other cells its details (a step's number left
    out, an owner the item's owner); a table of contacts stays text. Such files were refused ('no check boxes found')."""
    source = (
        "# Readiness\n\n## Security\n\n| Check name | Short Description | Level A |\n| :-- | :-- | :-- |\n"
        "| Authentication | Protected by an authentication service. | :white_check_mark: |\n| Transport | Uses TLS. |  |\n\n"
        "## Recovery\n\n| Step | Action | Owner |\n|---|---|---|\n| 1 | Declare the incident | Incident Commander |\n"
        "| 2 | Fail over the database | DBA |\n\n## Contacts\n\n| Role | Contact |\n|---|---|\n| DBA | Lead DBA |\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    items = {s.title: [(i.text, i.details) for g in s.groups for i in g.items] for s in checklist.sections}
    assert items == {
        "Security": [
            ("Authentication", "Short Description: Protected by an authentication service.  \nLevel A: ✅"),
            ("Transport", "Short Description: Uses TLS."),
        ],
        "Recovery": [("Declare the incident", ""), ("Fail over the database", "")],
    }
    assert "| DBA | Lead DBA |" in checklist.sections[-1].notes
    owners = (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")
    assert "Incident Commander" not in owners  # the owner is the record's: import says so, it is no detail
    with pytest.raises(CheckFailed):  # a table of no checks nor steps is still refused
        run_import(_write(tmp_path / "c", "# Ports\n\n| Port | Service |\n|---|---|\n| 22 | ssh |\n"), None, tmp_path / "docs", today=TODAY)


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "x.md"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_changelog_is_refused_saying_so(tmp_path: Path) -> None:
    """A RELEASES.md of versions over bullets of what changed ('# Version 0.18.2 (2025-09-11)' then '- clean up
    tests'): its 217 changes were imported as open boxes to tick. It is refused, named a changelog; a checklist whose
    headings are numbered ('## 1.1 Deploy') still reads its plain items as boxes."""
    source = "# Version 0.2.0 (2025-09-11)\n\n- clean up the tests\n\n# Version 0.1.1 (2025-09-02)\n\n- fix #12\n\n# Version 0.1.0\n\n- first release\n"
    with pytest.raises(CheckFailed) as refused:
        run_import(_write(tmp_path, source), None, tmp_path / "docs", today=TODAY)
    assert refused.value.issues[0].hint.startswith("the file is a changelog (its headings are versions: 'Version 0.2.0 (2025-09-11)')")
    notes = "=head1 TOOL RELEASE NOTES\n\n=head2 Tool version 1.2 released 24 February 2003\n\n=over\n\n=item * Fixed a bug.\n\n=back\n\n"
    notes += "=head2 Tool version 1.1 released 17 May 2003\n\n=over\n\n=item * Renamed the config.\n\n=back\n"
    (tmp_path / "notes.pod").write_text(notes, encoding="utf-8")
    with pytest.raises(CheckFailed) as refused:  # release notes in POD: its headings read as the Markdown they mean
        run_import(tmp_path / "notes.pod", None, tmp_path / "docs", today=TODAY)
    assert refused.value.issues[0].hint.startswith("the file is a changelog (its headings are versions: 'Tool version 1.2 released")
    checklist, _ = _import(tmp_path / "b", "# Release\n\n## 1.1 Deploy\n\n- Tag\n\n## 1.2 Verify\n\n- Smoke test\n\n## 1.3 Announce\n\n- Post\n", ".md")
    assert [i.text for s in checklist.sections for g in s.groups for i in g.items] == ["Tag", "Smoke test", "Post"]


def test_a_notebook_saved_on_one_line_gives_every_markdown_cell(tmp_path: Path) -> None:
    """A notebook whose JSON is one line (its cells' sources strings, not lists of lines): only its first cell was read
    (the cells were placed on the lines that hold "source", one here), so a checklist in the second was refused."""
    cells = [{"cell_type": "markdown", "source": "# ML Checklist\n\nFrom the book."}, {"cell_type": "code", "source": "x = 1"}]
    cells.append({"cell_type": "markdown", "source": "## Frame the Problem\n\n1. Define the objective.\n2. How will it be used?"})
    checklist, _ = _import(tmp_path, json.dumps({"cells": cells, "nbformat": 4}), ".ipynb")
    assert checklist.title == "ML Checklist"
    assert [i.text for s in checklist.sections for g in s.groups for i in g.items] == ["Define the objective.", "How will it be used?"]


def test_a_rollback_step_title_keeps_code_against_its_brackets(tmp_path: Path) -> None:
    step = "1. Push the annotated tag (`git push origin v1.2`) – this triggers the deploy\n"  # its title was '… tag ( `git … v1.2` ) –'
    checklist, _ = _import(tmp_path, "# Release\n\n## Deploy\n\n- [ ] Deploy\n\n## Rollback Procedure\n\n" + step, ".md")
    assert checklist.rollback is not None and checklist.rollback.steps[0].title == "Push the annotated tag (`git push origin v1.2`) – this"


# Words of checklists in each East Asian script, and the encoding its editors saved files in before UTF-8.
_EAST_ASIAN = {
    "gbk": ["上线", "检查", "测试", "部署", "备份", "数据库", "完成", "回滚", "代码", "审查", "所有", "通过", "确认"],
    "big5": ["上線", "檢查", "測試", "部署", "備份", "資料庫", "完成", "程式碼", "審查", "所有", "通過", "確認"],
    "shift_jis": ["リリース", "手順", "テスト", "を", "実行", "する", "確認", "タグ", "付ける", "バックアップ", "完了"],
    "euc_jp": ["リリース", "手順", "テスト", "を", "実行", "する", "確認", "タグ", "付ける", "バックアップ", "完了"],
    "euc_kr": ["출시", "점검", "테스트", "코드", "검토", "완료", "배포", "백업", "확인", "모든", "통과"],
}
_LATIN = ["configuração", "coração", "Größe", "prüfen", "Übergabe", "déployer", "état", "año", "niño", "ações", "São", "naïve", "Ærø", "Backups"]


@settings(max_examples=20, deadline=None)
@given(
    st.sampled_from(sorted(_EAST_ASIAN)).flatmap(
        lambda e: st.tuples(st.just(e), st.lists(st.lists(st.sampled_from(_EAST_ASIAN[e]), min_size=2, max_size=5), min_size=3, max_size=8))
    )
)
def test_a_checklist_in_an_east_asian_encoding_reads_back(case: tuple[str, list[list[str]]]) -> None:
    """A Chinese (GBK, Big5), Japanese (Shift_JIS, EUC-JP) or Korean (EUC-KR) checklist, as their editors saved
    them before UTF-8: it was read as Windows-1252 ('ÈÎºÎµØ·½¶¼Ê¹ÓÃ HTTPS' for '任何地方都使用 HTTPS'), every
    text garbled."""
    encoding, lines = case
    text = "# " + "".join(lines[0]) + "\n\n" + "".join(f"- [ ] {' '.join(words)}\n" for words in lines[1:])
    assert decode_source(text.encode(encoding)) == text


@settings(max_examples=20, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_LATIN), min_size=1, max_size=5), min_size=1, max_size=8))
def test_a_latin_checklist_in_windows_1252_stays_windows_1252(lines: list[list[str]]) -> None:
    """Accented Latin letters side by side ('ção', 'ße') read as a pair of East Asian bytes too: never a file's."""
    text = "".join(f"- [ ] {' '.join(words)}\n" for words in lines)
    assert decode_source(text.encode("cp1252")) == text


def test_a_page_declaring_its_charset_is_read_in_it(tmp_path: Path) -> None:
    """A Russian page saved in Windows-1251 that says so ('<meta … charset=windows-1251>'): it was read as
    Windows-1252 ('Ïðîâåðêà'); an editor's mode line ('-*- coding: koi8-r -*-') says it as well."""
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head><body><h1>Запуск</h1>'
    page += "<ul><li><input type=\"checkbox\"> Проверка резервных копий</li></ul></body></html>"
    (tmp_path / "x.html").write_bytes(page.encode("cp1251"))
    assert read_source(tmp_path / "x.html") == page
    text = "# -*- coding: koi8-r -*-\n\n- [ ] Проверка резервных копий\n"
    assert decode_source(text.encode("koi8-r")) == text


def test_headings_of_numbered_steps_are_the_steps_before_the_lists_under_them(tmp_path: Path) -> None:
    """A release procedure of '## Step 1 — Understand the changes' headings, a list of options under one (no box in
    the file): its plain list items were read as the boxes (the version rules, the fields of a PR), the steps as
    sections, and the steps without a list were no item. Each step is an item, what stands under it its details."""
    source = (
        "Do these steps in order:\n\n## Step 1 — Understand the changes\n\nRun `git log`.\n\n## Step 2 — Choose the version\n\n"
        "- PATCH: fixes\n- MINOR: features\n\n## Step 3 — Tag\n\nTag it.\n"
    )
    checklist, _ = _import(tmp_path, source, ".md")
    items = [(i.text, i.details) for s in checklist.sections for g in s.groups for i in g.items]
    assert items == [
        ("Step 1 — Understand the changes", "Run `git log`."),
        ("Step 2 — Choose the version", "- PATCH: fixes\n- MINOR: features"),
        ("Step 3 — Tag", "Tag it."),
    ]


def test_checkbox_inputs_in_divisions_of_a_markdown_page_are_boxes_and_its_style_sheet_no_text(tmp_path: Path) -> None:
    """A docs page's checklist as a form ('<div><input type="checkbox" id="1"><label for="1">…</label></div>' in a
    fieldset, a '<style>' block above): its inputs became lines '[ ] …' of a paragraph, no box (refused), and the
    style sheet's rules stood in the notes."""
    source = "<style>\n  .check-div { padding: 1rem; }\n</style>\n\n# Accessibility\n\n<fieldset>\n"
    row = '<div class="check-div">\n  <input type="checkbox" id="{0}">\n  <label for="{0}">{1}</label>\n</div>\n'
    source += row.format(1, "Alt text") + row.format(2, "Contrast")
    source += "</fieldset>\n"
    checklist, _ = _import(tmp_path, source, ".md")
    assert [i.text for s in checklist.sections for g in s.groups for i in g.items] == ["Alt text", "Contrast"]
    assert "padding" not in (tmp_path / "data" / "x.yaml").read_text(encoding="utf-8")


def test_a_pod_file_is_read_as_the_markdown_it_means(tmp_path: Path) -> None:
    """Perl's POD (a release manager's guide, a module's release checklist: '=head2', '=over' … '=item *', verbatim
    code, B<> C<> L<> codes) was read as Markdown: its title a line of prose, one item of 44. The NAME section's line
    is the title, its items the list items, their code their details."""
    source = (
        "=encoding utf8\n\n=head1 NAME\n\nrmg - Releasing a new version\n\n=head1 DETAILS\n\n=head2 Before the day\n\n=over 4\n\n"
        "=item *\n\nRun B<all> the tests with C<< make test >>.\n\n  make test\n\n=item *\n\nRead L<the guide|https://x.test/g>.\n\n"
        "=back\n\n=cut\n\nsub x { 1 }\n"
    )
    checklist, _ = _import(tmp_path, source, ".pod")
    assert checklist.title == "rmg - Releasing a new version"
    items = [(i.text, i.details) for s in checklist.sections for g in s.groups for i in g.items]
    assert items == [("Run **all** the tests with `make test`.", "```\nmake test\n```"), ("Read [the guide](https://x.test/g).", "")]


def test_an_indented_code_block_stays_code(tmp_path: Path) -> None:
    """An indented code block (under a task item, or in a section's prose) lost its indentation when read, its lines
    a paragraph: the item's details showed 'make test make dist' on one line. It is fenced."""
    checklist, _ = _import(tmp_path, "# R\n\nBuild with:\n\n    make all\n\n- [ ] Run the tests\n\n      make test\n      make dist\n", ".md")
    assert checklist.sections[0].notes == "Build with:\n\n```\nmake all\n```"
    assert checklist.sections[0].groups[0].items[0].details == "```\nmake test\nmake dist\n```"
    over = "# R\n\n- [ ] Install\n\n        ```\n        pip install x\n        ```\n- [ ] Export\n\n          CLI_VERSION=1\n"
    checklist, _ = _import(tmp_path / "b", over, ".md")  # a fence indented past its item is that fence; code keeps no margin
    assert [i.details for i in checklist.sections[0].groups[0].items] == ["```\npip install x\n```", "```\nCLI_VERSION=1\n```"]


def test_a_page_whose_script_builds_its_list_is_refused_saying_so(tmp_path: Path) -> None:
    """A tracker page whose boxes a script draws ('<script type="text/babel">' … 'type: "checkbox"'): refused with the
    hint for Markdown task lines; it says what to save instead."""
    page = '<html><body><h1>Tracker</h1><div id="root"></div>\n<script>\nconst items = ["Learn the basics"];\n</script></body></html>\n'
    path = tmp_path / "x.html"
    path.write_text(page, encoding="utf-8")
    with pytest.raises(CheckFailed) as refused:
        run_import(path, None, tmp_path / "docs", today=TODAY)
    assert refused.value.issues[0].hint.startswith("the page builds its list with a script")


def test_a_bold_count_is_no_item_s_text(tmp_path: Path) -> None:
    """A readiness dashboard's Total row ('| **Total** | **69** | **[ ]** |' under '| Phase | Total Items | Complete |'):
    its item was '**69**' (id '69'), the count in a column named for items; a count, bold or not, is no text."""
    source = "# R\n\n| Phase | Total Items | Complete |\n|---|---|---|\n| Testing | 21 | [ ] |\n| **Total** | **69** | **[ ]** |\n"
    checklist, _ = _import(tmp_path, source, ".md")
    assert [i.text for i in checklist.sections[0].groups[0].items] == ["Testing", "**Total**"]


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_a_pod_page_made_markdown_or_html_takes_its_name_line_as_its_title(tmp_path: Path, suffix: str) -> None:
    """pod2markdown's and pod2html's pages open with a 'NAME' heading over 'Module - what it is': the title was
    'NAME' (id 'name'), the line that names the page a note."""
    source = "# NAME\n\nRelease::Checklist - A QA checklist\n\n# Tests\n\n- Run the tests\n"
    if suffix == ".html":
        source = "<html><body><h1>NAME</h1><p>Release::Checklist - A QA checklist</p><h1>Tests</h1><ul><li>Run the tests</li></ul></body></html>\n"
    checklist, _ = _import(tmp_path, source, suffix)
    assert checklist.title == "Release::Checklist - A QA checklist" and "QA checklist" not in checklist.sections[0].notes


def test_a_heading_of_no_words_takes_the_checklist_s_title(tmp_path: Path) -> None:
    """An org checklist under a headline of a TODO keyword and a progress cookie ('* TODO [0/10]'): its section was
    'Section' (id 'item'), a title the file never gave; it is the checklist's own."""
    checklist, _ = _import(tmp_path, "#+title: CLI release\n\nRun these by hand.\n\n* TODO [0/2]\n- [ ] =clu -V=\n- [ ] =clu demo=\n", ".org")
    assert [(s.id, s.title) for s in checklist.sections] == [("cli-release", "CLI release")]
