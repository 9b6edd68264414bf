"""Shapes a tenth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.errors import CheckFailed
from generator.exchange.importing import decode_source

from .test_import_sweep5 import _import, _states


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


def test_a_csv_columns_other_than_the_checks_are_each_items_details(tmp_path: Path) -> None:
    """A security standard's requirements as a spreadsheet exports them (ASVS' CSV: chapter, chapter name, requirement
    number, requirement, a column per level marked 'X', CWE, NIST): the requirement numbers, the levels and the CWE
    were left out with a warning, so a reviewer could not tell which level a check is for. Each column read as none
    of text, state, section, group, priority, owner or id is a line of each item's details ('- L2: X'); an empty
    cell gives none, and `export --format csv`'s own derived columns (checklist, url) stay out."""
    rows = [
        "Section,Name,Item,Description,L1,L2,L3,CWE,NIST",
        "V1,Architecture,1.1.1,Verify the secure development lifecycle.,,X,X,,",
        'V1,Architecture,1.1.2,"Verify threat modelling, for each design change.",,X,X,1053,',
        "V1,Architecture,1.1.3,Verify the user stories hold security constraints.,,X,X,1110,",
        "V2,Authentication,2.1.1,Verify passwords are at least 12 characters.,X,X,X,521,5.1.1.2",
        "V2,Authentication,2.1.2,Verify passwords of 64 characters are allowed.,X,X,X,521,5.1.1.2",
        "V2,Authentication,2.1.3,Verify passwords are not truncated.,X,X,X,521,5.1.1.2",
    ]
    checklist, _ = _import(tmp_path, "\n".join(rows) + "\n", ".csv")
    got = [(s.title, g.title, i.text, i.details) for s in checklist.sections for g in s.groups for i in g.items]
    assert got[1] == ("V1", "Architecture", "Verify threat modelling, for each design change.", "- Item: 1.1.2\n- L2: X\n- L3: X\n- CWE: 1053")
    assert got[3][3] == "- Item: 2.1.1\n- L1: X\n- L2: X\n- L3: X\n- CWE: 521\n- NIST: 5.1.1.2"
    assert len(got) == 6
    own = "checklist,section,group,id,text,critical,url,state,notes\n"
    own += "launch,Ops,Backups,restore-test,Test a restore,,https://x.test/c,open,Use the March backup\n"
    checklist, _ = _import(tmp_path / "own", own, ".csv")
    assert [(i.id, i.details) for s in checklist.sections for i in s.all_items()] == [("restore-test", "- notes: Use the March backup")]


def test_a_pages_one_top_heading_over_its_steps_and_a_heading_of_prose_is_its_title(tmp_path: Path) -> None:
    """A how-to page (GOV.UK's developer docs: '# Rotate the signing key', a line of what it is for, then '## Step 1:
    …' headings over prose and code, then '## Further reading' over links): titled by its file's name ('x'), though
    the same page without its last heading was titled by its '#'. Its one '#', first of its headings, is the title;
    its steps a section of that name as before, the links kept in the notes."""
    source = "\n".join(
        [
            "# Rotate the signing key",
            "",
            "How to rotate the key the publishing API signs with.",
            "",
            "## Step 1: Tell the on-call developer",
            "",
            "Find them in PagerDuty.",
            "",
            "## Step 2: Generate the new key",
            "",
            "```",
            "openssl genrsa -out new.pem 4096",
            "```",
            "",
            "## Further reading",
            "",
            "- [Key policy](https://example.org/policy)",
            "",
        ]
    )
    checklist, _ = _import(tmp_path, source, ".md")
    assert checklist.title == "Rotate the signing key"
    assert [(s.title, [i.text for i in s.all_items()]) for s in checklist.sections] == [
        ("Rotate the signing key", ["Step 1: Tell the on-call developer", "Step 2: Generate the new key"])
    ]
    assert "[Key policy](https://example.org/policy)" in checklist.sections[0].notes
    plain, _ = _import(tmp_path / "boxes", "# Release 2.1\n\n- [ ] Tag it\n\n## Part two\n\n- [ ] Announce it\n", ".md")
    assert plain.title == "Release 2.1"


def test_text_written_as_references_in_an_html_page_stays_text(tmp_path: Path) -> None:
    """A Confluence page in its storage format holding a configuration as text after its task list
    ('&lt;samlProviders enabled="true"&gt;', as the editor saves typed angle brackets): the HTML reader read the
    references and wrote '<samlProviders enabled="true">' into the Markdown it makes, a tag the walk then left out
    ('raw HTML tag dropped'). The page's text is written as text ('<', '>' and '&' as references), inline code as
    written, and each line is kept as the same lines in a Markdown file are."""
    page = "\n".join(
        [
            "<h1>Scanner rollout</h1>",
            "<ac:task-list><ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status>",
            "<ac:task-body>Switch Services &gt; Scheduler to <code>&lt;Automatic&gt;</code></ac:task-body></ac:task></ac:task-list>",
            "<p>&lt;samlProviders enabled=&quot;true&quot;&gt;</p>",
            "<p>&lt;provider title=&quot;R&amp;D&quot; /&gt;</p>",
            "<p>&lt;/samlProviders&gt;</p>",
            "",
        ]
    )
    checklist, written = _import(tmp_path, page, ".html")
    assert [i.text for s in checklist.sections for i in s.all_items()] == ["Switch Services > Scheduler to `<Automatic>`"]
    notes = "\n".join(n for s in checklist.sections for n in [s.notes] if n)
    assert notes.split("\n\n") == ['<samlProviders enabled="true">', '<provider title="R&D" />', "</samlProviders>"]
    assert not any("raw HTML" in w for w in written.warnings)


def test_a_spreadsheet_saved_by_excel_in_another_language_keeps_its_ticks_and_owners(tmp_path: Path) -> None:
    """A German team's list saved from Excel as CSV (a byte order mark, ';' between cells, CRLF; 'Nr.', 'Aufgabe',
    'Verantwortlich', 'Status' of 'erledigt' or 'offen', 'Bemerkung'): no head but English ones was read, so the row
    done was open, the owners and the remarks were left out with a warning. Heads and words of done in the languages
    a spreadsheet is most often kept in are read as the English ones, a column counting the rows is their order, and
    any other column is the items' details."""
    rows = [
        "\ufeffNr.;Aufgabe;Verantwortlich;Status;Bemerkung",
        "1;Datenbank sichern;M. Müller;erledigt;vor 18 Uhr",
        '2;"Dienst neu starten; Logs prüfen";K. Schmidt;offen;',
        "3;Kunden informieren;;entfällt;",
    ]
    checklist, _ = _import(tmp_path, "\r\n".join(rows) + "\r\n", ".csv")
    assert [(i.text, i.details) for s in checklist.sections for i in s.all_items()] == [
        ("Datenbank sichern", "- Bemerkung: vor 18 Uhr"),
        ("Dienst neu starten; Logs prüfen", ""),
        ("Kunden informieren", ""),
    ]
    assert _states(tmp_path) == {"datenbank-sichern": "done", "kunden-informieren": "n/a"}
    assert _owners(tmp_path) == {"datenbank-sichern": "M. Müller", "dienst-neu-starten-logs": "K. Schmidt"}


def test_lettered_steps_without_boxes_under_a_numbered_step_are_its_sub_steps(tmp_path: Path) -> None:
    """A failover procedure of numbered steps without a box, one of them with lettered sub-steps indented under it
    ('3. Repoint the application.' over '   a. Update the secret.', '   b. Restart the web pods.'): they were words
    of its text ('Repoint the application. a. Update … b. Restart …'). Two or more lettered in order from 'a' (or 'i')
    under an item are its sub-steps; a lone indented 'A. Smith signs' stays words."""
    source = "\n".join(
        [
            "# Database failover",
            "",
            "1. Confirm the primary is down.",
            "2. Repoint the application.",
            "   a. Update `DATABASE_URL` in the secret store.",
            "   b. Restart the web pods.",
            "3. Verify writes succeed.",
            "   A. Smith signs the log.",
            "",
        ]
    )
    checklist, _ = _import(tmp_path, source, ".md")
    got = [(i.text, [x.text for x in i.items]) for s in checklist.sections for g in s.groups for i in g.items]
    assert got == [
        ("Confirm the primary is down.", []),
        ("Repoint the application.", ["Update `DATABASE_URL` in the secret store.", "Restart the web pods."]),
        ("Verify writes succeed. A. Smith signs the log.", []),
    ]


def test_collapsed_blocks_nested_and_side_by_side_keep_their_places(tmp_path: Path) -> None:
    """A launch list of collapsed blocks, one inside another ('<details><summary>Backend</summary>' holding a
    '<details><summary>Database</summary>'), then a second block beside the first ('Frontend'): the first made a
    section, as a block before any heading does, but the second was a group of it ('Frontend' under 'Backend'). A block
    beside one that made a section makes its own; one inside another is a group under it; the boxes after an inner
    block are the outer one's again."""
    source = "\n".join(
        [
            "# Launch checklist",
            "",
            "<details>",
            "<summary>Backend</summary>",
            "",
            "- [ ] Migrations applied",
            "",
            "<details>",
            "<summary>Database</summary>",
            "",
            "- [ ] Backups verified",
            "",
            "</details>",
            "",
            "- [ ] Cache warmed",
            "",
            "</details>",
            "",
            "<details><summary>Frontend</summary>",
            "",
            "- [ ] Assets uploaded",
            "",
            "</details>",
            "",
        ]
    )
    checklist, _ = _import(tmp_path, source, ".md")
    assert [(s.title, [(g.title, [i.text for i in g.items]) for g in s.groups]) for s in checklist.sections] == [
        ("Backend", [("Backend", ["Migrations applied"]), ("Database", ["Backups verified"]), ("Backend", ["Cache warmed"])]),
        ("Frontend", [("Frontend", ["Assets uploaded"])]),
    ]


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("- [ ] 发布\n- [ ] 回滚\n", "gbk"),
        ("- [ ] 测试\n", "gbk"),
        ("- [ ] 확인\n", "euc_kr"),
        ("- [ ] 코드 검토 완료\n", "euc_kr"),
        ("- [ ] 部署前测试\n- [x] 检查日志\n", "gbk"),
    ],
)
def test_a_short_chinese_or_korean_checklist_reads_in_its_encoding(text: str, encoding: str) -> None:
    """A short GBK checklist ('发布', '回滚') was read as EUC-KR Hangul ('랙꼈', '쀼버'): every syllable EUC-KR holds
    counted as likely as any other, so four of them outscored four ideographs; one of two characters ('测试', '확인')
    was read as Windows-1252 ('²âÊÔ'): four were needed. A syllable is now as likely as its letters are in Korean,
    and two characters side by side are enough to tell (of 3,000 short checklists of the sweeps' words, 383 were
    misread before, 75 now: a lone word of two syllables or ideographs may read in either)."""
    assert decode_source(text.encode(encoding)) == text


def test_levels_written_in_arabic_persian_hebrew_or_turkish_are_read(tmp_path: Path) -> None:
    """A release checklist in Arabic ('- [ ] **حرج:** نسخ احتياطي لقاعدة البيانات', critical: back up the database) and
    its Persian, Hebrew and Turkish kin: the level was words of the text, no item critical. Their words for critical,
    high, medium and low are read as the other languages' are, framed as they are."""
    source = "\n".join(
        [
            "# قائمة التحقق من الإطلاق",
            "",
            "- [ ] **حرج:** نسخ احتياطي لقاعدة البيانات",
            "- [ ] **مهم:** پشتیبان‌گیری از پایگاه داده",
            "- [ ] (קריטי) גיבוי מסד הנתונים",
            "- [ ] **Zorunlu:** Veritabanını yedekle",
            "- [ ] **اختياري:** مراقبة السجلات",
            "",
        ]
    )
    checklist, _ = _import(tmp_path, source, ".md")
    got = [(i.text, i.critical, i.priority.value if i.priority else None) for s in checklist.sections for i in s.all_items()]
    assert got == [
        ("نسخ احتياطي لقاعدة البيانات", True, None),
        ("پشتیبان‌گیری از پایگاه داده", False, "high"),
        ("גיבוי מסד הנתונים", True, None),
        ("Veritabanını yedekle", True, None),
        ("مراقبة السجلات", False, "low"),
    ]


def test_a_confluence_pages_macros_give_their_code_status_and_dates(tmp_path: Path) -> None:
    """A deploy runbook saved in Confluence's storage format: a code macro (its commands in CDATA, its language a
    parameter), a status lozenge ('CRITICAL', colour 'Red') in a task, a Jira macro, a date ('<time datetime=…/>'). The
    commands were lost and 'bash' was a note; the task read 'Drain the node RedCRITICAL', not critical; the date was
    lost ('done by'). A macro's parameters are its settings, not text; a code macro's body is fenced code in its
    language; a status is its title in bold (a level where it names one); a Jira macro its key; a time its date; an
    expand macro's title (a parameter too) a bold label over its body."""
    page = "\n".join(
        [
            "<h1>Deploy runbook</h1>",
            "<ac:task-list>",
            "<ac:task><ac:task-id>1</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Drain the node "
            '<ac:structured-macro ac:name="status"><ac:parameter ac:name="colour">Red</ac:parameter>'
            '<ac:parameter ac:name="title">CRITICAL</ac:parameter></ac:structured-macro></ac:task-body></ac:task>',
            "<ac:task><ac:task-id>2</ac:task-id><ac:task-status>incomplete</ac:task-status><ac:task-body>Tell support by "
            '<time datetime="2026-12-08" /></ac:task-body></ac:task>',
            "</ac:task-list>",
            '<ac:structured-macro ac:name="code"><ac:parameter ac:name="language">bash</ac:parameter>'
            "<ac:plain-text-body><![CDATA[kubectl drain node-1 --ignore-daemonsets",
            "./migrate.sh --apply && echo '<done>']]></ac:plain-text-body></ac:structured-macro>",
            '<p>Ticket: <ac:structured-macro ac:name="jira"><ac:parameter ac:name="key">OPS-123</ac:parameter></ac:structured-macro></p>',
            '<ac:structured-macro ac:name="expand"><ac:parameter ac:name="title">If it fails</ac:parameter>',
            "<ac:rich-text-body><p>Page the DBA.</p></ac:rich-text-body></ac:structured-macro>",
            "",
        ]
    )
    checklist, _ = _import(tmp_path, page, ".html")
    items = [(i.text, i.critical, i.details) for s in checklist.sections for i in s.all_items()]
    code = "```bash\nkubectl drain node-1 --ignore-daemonsets\n./migrate.sh --apply && echo '<done>'\n```"
    assert items == [("Drain the node", True, ""), ("Tell support by 2026-12-08", False, "- Due: 2026-12-08\n\n" + code)]  # its due date (sweep 15)
    assert [s.notes for s in checklist.sections] == ["Ticket: OPS-123\n\n**If it fails**\n\nPage the DBA."]


def test_one_versions_release_notes_are_refused_as_a_changelog(tmp_path: Path) -> None:
    """A project's release notes of one version ('# Acme 1.3.12 Release Notes' over '## BUG FIXES' and '##
    MAINTENANCE', each a list of the changes made): every change was an open box to tick. Its items are changes made,
    not checks: refused as a changelog is, saying so; a release checklist with a 'Features' heading still imports."""
    notes = "# Acme 1.3.12 Release Notes\n\n## BUG FIXES\n\n- Fix the login loop (#12)\n\n## MAINTENANCE\n\n- Bump guava (#14)\n"
    with pytest.raises(CheckFailed) as refused:
        _import(tmp_path / "notes", notes, ".md")
    assert refused.value.issues[0].hint.startswith("the file is a changelog (its headings are versions: 'Acme 1.3.12 Release Notes')")
    checklist, _ = _import(tmp_path / "list", "# Release 2.0 checklist\n\n## Features\n\n- Demo the search\n", ".md")
    assert [i.text for s in checklist.sections for i in s.all_items()] == ["Demo the search"]


def test_a_box_less_cards_particulars_are_no_steps(tmp_path: Path) -> None:
    """A runbook card without a box: a '## Metadata' list of its particulars ('- ID: ALERT-12', '- Owner: Reliability
    Engineer', '- Status: draft', '- Dates: …') over its steps. Every particular was a check to tick ('ID: ALERT-12').
    A plain list three or more of whose items in four name a particular is prose, kept in the notes; the steps are
    the boxes; a list of steps written 'Step 1: …' or 'Check: …' stays steps."""
    source = "\n".join(
        [
            "# Alert Runbook Card",
            "",
            "## Metadata",
            "",
            "- ID: ALERT-12",
            "- Owner: Reliability Engineer",
            "- Status: draft",
            "- Dates: created 2026-12-01",
            "",
            "## Actions",
            "",
            "1. Triage the alert",
            "2. Escalate to the DBA",
            "",
            "## Checks",
            "",
            "- Check: disk under 80%",
            "- Verify: replicas healthy",
            "- Confirm: no paging storm",
            "",
        ]
    )
    checklist, _ = _import(tmp_path, source, ".md")
    assert [i.text for s in checklist.sections for i in s.all_items()] == [
        "Triage the alert",
        "Escalate to the DBA",
        "Check: disk under 80%",
        "Verify: replicas healthy",
        "Confirm: no paging storm",
    ]
    assert "- ID: ALERT-12" in "\n".join(s.notes for s in checklist.sections)
