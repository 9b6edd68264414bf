"""Shapes a fourth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import CheckFailed
from generator.exchange.importing import run_import, write_all
from generator.format.model import Checklist
from generator.format.validate import load_data_file

from .conftest import load_checklist
from .test_import_properties import _round_trip, _shape

TODAY = datetime.date(2026, 12, 6)


def _import(tmp_path: Path, source: str | bytes, name: str = "x", suffix: str = ".md") -> tuple[Checklist, Any]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(source.encode("utf-8") if isinstance(source, str) else source)
    written = run_import(path, tmp_path / "data" / f"{name}.yaml", tmp_path / "docs", today=TODAY)
    write_all(written.files)
    checklist, issues = load_checklist(tmp_path / "data" / f"{name}.yaml", f"{name}.yaml")
    assert checklist is not None and not issues
    return checklist, written


def _done(tmp_path: Path, name: str = "x") -> set[str]:
    status, issues = load_data_file(tmp_path / "data" / f"{name}.status.yaml", f"{name}.status.yaml")
    assert not issues
    return {e.id for e in status.items} if status is not None else set()  # type: ignore[union-attr]


def _texts(c: Checklist) -> list[str]:
    return [i.text for s in c.sections for i in s.all_items()]


def test_drawn_boxes_opening_lines_and_plain_code_blocks_are_boxes(tmp_path: Path) -> None:
    """'□ Define the feature' lines in a plain code block (a docs page's checklist to copy) and '▢ Cancel internet'
    lines of plain text were text or code, the file refused or its boxes in the notes ('☐' alone was read)."""
    source = (
        "# Data work\n\n## Features\n\n```\n□ Define clear semantics\n□ Handle missing values\n```\n\n"
        "## Moving\n\n▢ Cancel internet\n✓ Forward mail\n\n⬜ Label boxes\n\n## Report\n\n✅ Tests pass\n❌ Docs\n"
    )
    c, written = _import(tmp_path, source)
    assert _texts(c) == ["Define clear semantics", "Handle missing values", "Cancel internet", "Forward mail", "Label boxes"]
    assert _done(tmp_path) == {"forward-mail"} and "5 check box(es); 5 written" in written.summary[0]
    assert "✅ Tests pass" in c.sections[-1].notes  # ticks and crosses alone: a status report's lines, text
    assert any("lines or table column of drawn boxes" in w for w in written.warnings)


def test_step_lines_and_a_plain_text_file_of_lines_are_items(tmp_path: Path) -> None:
    """A procedure written as 'Step 1: …' paragraphs and a checklist typed as lines in a .txt file (no box, no list)
    were refused ('no check boxes found')."""
    c, written = _import(tmp_path / "s", "# Restore\n\nStep 1: Stop the servers.\n**Step 2:** Restore the snapshot\nwith pg_restore.\n\nStep 3 - Start them.\n")
    assert _texts(c) == ["Stop the servers.", "Restore the snapshot with pg_restore.", "Start them."] and c.sections[0].groups[0].ordered
    assert any("'Step 1: …' lines" in w for w in written.warnings)
    text = "Search the table\n\nAdd a row:\n    Names are required\n    Ages take digits, and an age over one hundred and twenty\n    is refused\n"
    text += "--------\nDelete a row\nTest plan reviewed\t  Done\nx 2011-03-03 Call Mom\n(A) Book the venue @phone\n"
    c, _ = _import(tmp_path / "t", text, suffix=".txt")
    items = list(c.sections[0].groups[0].items)
    assert [i.text for i in items] == ["Search the table", "Add a row:", "Delete a row", "Test plan reviewed", "Call Mom", "Book the venue @phone"]
    assert [i.text for i in items[1].items] == ["Names are required", "Ages take digits, and an age over one hundred and twenty is refused"]
    assert _done(tmp_path / "t") == {"test-plan-reviewed", "call-mom"} and items[5].priority is not None and items[5].priority.value == "high"


def test_emoji_garbled_by_a_mac_a_turkish_or_a_russian_code_page_are_repaired(tmp_path: Path) -> None:
    """A file saved once as Mac Roman, Windows-1254 or Windows-1251 ('‚úÖ', 'ğŸ“…', 'вњ…' for ✅ and 📅) kept the
    garbage in its items (only Windows-1252's was repaired)."""
    source = "# Launch\n\n## Checks\n\n- [ ] Backups ‚úÖ verified\n- [ ] Review üìÖ 2025-01-05\n"
    source += "- [ ] Rotate keys ğŸ“… 2025-02-01\n- [ ] Проверка вњ…\n- [ ] Café «été»\n"
    c, _ = _import(tmp_path, source)
    expected = ["Backups ✅ verified", "Review", "Rotate keys", "Проверка ✅", "Café «été»"]  # a date after 📅: Obsidian Tasks' due date
    assert _texts(c) == expected
    assert [i.details for i in c.sections[0].groups[0].items][1:3] == ["- Due: 2025-01-05", "- Due: 2025-02-01"]


def test_a_task_indented_past_the_item_above_is_its_sub_item(tmp_path: Path) -> None:
    """'- [ ] Profile screen' then '            - [ ] add stats' (a sub-task indented by an editor's tab stops) was more
    of the item's text ('Profile screen - [ ] add stats'), its box lost; after a blank line, code."""
    source = "# App\n\n## Next\n\n- [ ] Profile screen\n            - [ ] add stats\n* [ ] Upload\n\n          - [x] resize\n- [ ] Done\n"
    c, written = _import(tmp_path, source)
    items = list(c.sections[0].groups[0].items)
    assert [(i.text, [s.text for s in i.items]) for i in items] == [("Profile screen", ["add stats"]), ("Upload", ["resize"]), ("Done", [])]
    assert "5 check box(es); 5 written" in written.summary[0] and _done(tmp_path) == {"upload-resize"}


def test_boxes_indented_under_a_box_line_and_a_zim_page(tmp_path: Path) -> None:
    """'[ ] image cache' then '\\t[ ] add a hash' (a plain text checklist's or a Zim page's sub-boxes) was one item,
    'image cache [ ] add a hash', its sub-boxes lost; a Zim page was read as MediaWiki: its '[*]' (done) and '[x]'
    (not done) boxes text, and its '* ' bullets and tab-nested lists paragraphs."""
    c, written = _import(tmp_path / "p", "# Ship\n\n[ ] Image cache\n\t[ ] Add a hash\n\t\t[x] Tag it\n    [ ] Upload\n[ ] Deploy\n", suffix=".txt")
    items = list(c.sections[0].groups[0].items)
    assert [(i.text, [(s.text, [t.text for t in s.items]) for s in i.items]) for i in items] == [
        ("Image cache", [("Add a hash", ["Tag it"]), ("Upload", [])]),
        ("Deploy", []),
    ]
    assert "5 check box(es); 5 written" in written.summary[0]
    zim = (
        "Content-Type: text/x-zim-wiki\nWiki-Format: zim 0.4\nCreation-Date: 2023-05-10T10:00:00+02:00\n\n====== Move ======\n"
        "Created Wednesday\n\n===== Before =====\n[ ] Book a van\n\t[*] Ask for a quote\n\t[>] Pick a day\n[x] Sell the sofa\n"
        "* A //plain// note\n\t* with [[Movers|the movers]]\n\n'''\n[ ] not a box\n'''\n"
    )
    c, written = _import(tmp_path / "z", zim, suffix=".txt")
    assert c.title == "Move" and [s.title for s in c.sections] == ["Before"]
    assert _texts(c) == ["Book a van", "Ask for a quote", "Pick a day", "Sell the sofa"]
    status, _ = load_data_file(tmp_path / "z" / "data" / "x.status.yaml", "x.status.yaml")
    assert {e.id: e.state.value for e in status.items} == {"ask-quote": "done", "sell-sofa": "n/a"}  # type: ignore[union-attr]
    assert "*plain* note" in c.sections[0].notes and "with the movers" in c.sections[0].notes and "[ ] not a box" in c.sections[0].notes


def test_a_csv_export_is_read_row_by_row(tmp_path: Path) -> None:
    """A to-do app's CSV export (Asana's: Name, Section/Column, Completed At; Todoist's section rows and Indent) and
    this tool's own `export --format csv` were read as Markdown (a cell's '- ' lines items, the rest prose) or
    refused ('the file is CSV')."""
    asana = "Task ID,Completed At,Name,Section/Column,Priority,Notes\n1,2024-01-05,Book the venue,Planning,High,\"Call\nfirst\"\n"
    asana += "2,,Order badges,Planning,,\n3,,Send invites,Comms,Low,\n"
    c, written = _import(tmp_path / "a", asana, suffix=".csv")
    assert [(s.title, [(i.text, i.priority.value if i.priority else None) for i in s.all_items()]) for s in c.sections] == [
        ("Planning", [("Book the venue", "high"), ("Order badges", None)]),
        ("Comms", [("Send invites", "low")]),
    ]
    assert _done(tmp_path / "a") == {"book-venue"} and "3 check box(es); 3 written" in written.summary[0]
    assert any(w.startswith("1 × CSV column that holds no text") for w in written.warnings)  # Task ID and Notes
    todoist = "TYPE,CONTENT,PRIORITY,INDENT\nsection,Errands,,\ntask,Buy milk,4,1\ntask,Whole milk,4,2\n,,,\nsection,Work,,\ntask,File taxes,1,1\n"
    c, _ = _import(tmp_path / "t", todoist, suffix=".csv")
    assert [(s.title, [(i.text, [x.text for x in i.items]) for i in s.groups[0].items]) for s in c.sections] == [
        ("Errands", [("Buy milk", ["Whole milk"])]),
        ("Work", [("File taxes", [])]),
    ]
    own = "checklist,section,group,id,text,critical,url,state\nlaunch,Security,Auth,rotate-keys,Rotate the keys,yes,https://x.test/a,done\n"
    own += "launch,Security,Auth,audit-logs,Audit the logs,,https://x.test/b,open\nlaunch,Ops,Backups,restore-test,Test a restore,,https://x.test/c,n/a\n"
    c, _ = _import(tmp_path / "o", own, suffix=".csv")
    items = [(s.title, g.title, i.id, i.text, i.critical) for s in c.sections for g in s.groups for i in g.items]
    assert items == [
        ("Security", "Auth", "rotate-keys", "Rotate the keys", True),
        ("Security", "Auth", "audit-logs", "Audit the logs", False),
        ("Ops", "Backups", "restore-test", "Test a restore", False),
    ]
    status, _ = load_data_file(tmp_path / "o" / "data" / "x.status.yaml", "x.status.yaml")
    assert {e.id: e.state.value for e in status.items} == {"rotate-keys": "done", "restore-test": "n/a"}  # type: ignore[union-attr]


def test_an_evernote_export_gives_its_to_dos(tmp_path: Path) -> None:
    """An Evernote export (.enex: a note's ENML in CDATA, '<en-todo checked="true"/>', Evernote 10's '<li
    style="--en-checked:true;">') was refused ('no check boxes found'); HTML's '<b>bold </b>and' gave '**bold **and',
    which shows its asterisks, and '<b><en-todo/></b>' an empty '****'."""
    enex = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE en-export SYSTEM "http://xml.evernote.com/pub/evernote-export4.dtd">\n'
        '<en-export application="Evernote">\n  <note>\n    <title>Trip</title>\n    <created>20230121T093733Z</created>\n'
        "    <note-attributes>\n      <author>ann</author>\n    </note-attributes>\n    <content>\n      <![CDATA[<en-note>\n"
        '<div><b><en-todo checked="true"/></b>Pack the <b>tent </b>first</div>\n<div><en-todo/>Book the ferry</div>\n'
        '<ul style="--en-todo:true;"><li style="--en-checked:true;"><div>Fill the tank</div></li>'
        '<li style="--en-checked:false;"><div>Check the tyres</div></li></ul>\n</en-note>]]>\n    </content>\n'
        "    <resource><data>aGVsbG8=\naGVsbG8=</data></resource>\n  </note>\n</en-export>\n"
    )
    c, written = _import(tmp_path, enex, suffix=".enex")
    assert c.title == "Trip" and _texts(c) == ["Pack the **tent** first", "Book the ferry", "Fill the tank", "Check the tyres"]
    assert _done(tmp_path) == {"pack-tent-first", "fill-tank"} and "4 check box(es); 4 written" in written.summary[0]


def test_a_keep_note_s_json_gives_its_list(tmp_path: Path) -> None:
    """Google Keep's Takeout JSON ('listContent' of {"text", "isChecked"}) was refused: 'isChecked' was no state."""
    keep = '{"color":"DEFAULT","isTrashed":false,"listContent":[{"text":"Tent","isChecked":true},\n{"text":"Stove","isChecked":false}],"title":"Camping"}\n'
    c, _ = _import(tmp_path, keep, suffix=".json")
    assert c.title == "Camping" and _texts(c) == ["Tent", "Stove"] and _done(tmp_path) == {"tent"}


def test_a_notion_html_export_gives_its_to_dos(tmp_path: Path) -> None:
    """Notion's HTML export draws a to-do's box as '<div class="checkbox checkbox-on"></div>' (no input): its to-dos were
    no boxes, so the file's plain bullets were read as open boxes instead and the ticks lost."""
    page = (
        '<html><head><style>ul.to-do-list { list-style: none; } .checkbox-on { background: blue; }</style></head><body>\n'
        '<article class="page sans"><header><h1 class="page-title">Launch</h1></header><div class="page-body">\n'
        '<h1 class="">Checks</h1><ul class="to-do-list"><li><div class="checkbox checkbox-on"></div> '
        '<span class="to-do-children-checked">Back up the database</span><div class="indented"></div></li></ul>\n'
        '<ul class="to-do-list"><li><div class="checkbox checkbox-off"></div> <span class="to-do-children-unchecked">Switch DNS</span>'
        '<div class="indented"></div></li></ul>\n<ul class="bulleted-list"><li style="list-style-type:disc">A note</li></ul>\n'
        "</div></article></body></html>\n"
    )
    c, written = _import(tmp_path, page, suffix=".html")
    assert c.title == "Launch" and _texts(c) == ["Back up the database", "Switch DNS"] and _done(tmp_path) == {"back-up-database"}
    assert "2 check box(es); 2 written" in written.summary[0]


def test_boxes_with_room_in_them_or_none_before_them_are_boxes(tmp_path: Path) -> None:
    """'- [ x ] Sync' (a template filled in between its spaces), '- [  ] Migrate' and '-[ ] Deploy' (no space after the
    dash, as quick TODO lists have them) were list items or prose in the notes, not boxes."""
    source = "# Roadmap\n\n## Now\n\n- [ x ] Sync the likes\n- [  ] Migrate to Compose\n-[X] Tag v1\n-[ ] Deploy\n- [ ](#top)\n"
    c, written = _import(tmp_path, source)
    assert _texts(c) == ["Sync the likes", "Migrate to Compose", "Tag v1", "Deploy"] and _done(tmp_path) == {"sync-likes", "tag-v1"}
    assert "4 check box(es); 4 written" in written.summary[0]


def test_org_fixed_width_lines_and_description_items(tmp_path: Path) -> None:
    """Org's ': command' lines (fixed width: code) and '- config dir :: /etc/bind' (a description list) were text as
    written: 'check services : service --status-all', 'config dir :: /etc/bind'."""
    source = "#+TITLE: Harden\n\n* Services\n- [ ] Check services\n  : service --status-all | sort\n- [ ] config dir :: =/etc/bind=\n"
    c, _ = _import(tmp_path, source, suffix=".org")
    assert _texts(c) == ["Check services `` service --status-all | sort ``", "**config dir**: `/etc/bind`"]


def test_a_callout_over_tasks_labels_them(tmp_path: Path) -> None:
    """An Obsidian callout ('> [!todo]- This week' over '> - [ ] Pay rent') or a GitHub alert ('> [!NOTE]') showed its
    opening as text in the notes ('[!todo]- This week'), its tasks unlabelled."""
    source = "# Week\n\n## Plan\n\n> [!todo]- This week\n> - [ ] Pay rent\n> - [x] Call mom\n\n> [!NOTE]\n> Rent is due on the 1st.\n\n- [ ] Tidy\n"
    c, _ = _import(tmp_path, source)
    assert [(g.title, [i.text for i in g.items]) for g in c.sections[0].groups] == [("This week", ["Pay rent", "Call mom"]), ("Plan", ["Tidy"])]
    assert c.sections[0].groups[0].items[1].details == "> **Note**\n> Rent is due on the 1st."  # a quote after a task list


def test_an_org_fixed_width_line_of_a_colon_alone(tmp_path: Path) -> None:
    """A fixed-width line of a colon alone (an empty line of an org example) crashed the reader (None.strip())."""
    c, _ = _import(tmp_path, "#+TITLE: T\n\n* S\n- [ ] Run\n  : make\n  :\n  : make install\n", suffix=".org")
    item = c.sections[0].groups[0].items[0]
    assert item.text == "Run `` make ``" and "make install" in item.details


ORG = ["* Head", "** TODO Task", "- [ ] box", "  : code", ":", "  :", "- term :: desc", "- [X] done :: x", "#+TITLE: T", ": a"]
ZIM = ["====== T ======", "[ ] box", "\t[*] done", "\t\t[x] not", "* bullet", "\t* sub", "'''", "[[a|b]]", "//i//"]
TASKPAPER = ["Launch:", "\t- a @done(2024-01-01)", "\t\t- b", "\tnote", "\tSub:", "- c @done", "x:", "\t\t\t- deep"]
ICS = ["BEGIN:VCALENDAR", "BEGIN:VTODO", "SUMMARY:a", "STATUS:COMPLETED", "END:VTODO", " folded", "SUMMARY:", "X-WR-CALNAME:T"]
OPML = ["<opml>", '<outline text="A">', '<outline text="b" _complete="true"/>', "</outline>", "<title>T</title>", '<outline text=""/>', "<body>"]
CSV = ["section,text,state", "A,x,done", 'B,"y,z",', ",,", "TYPE,CONTENT,INDENT", "task,t,2", "section,s,", '"broken', "a;b;c"]


LATEX = ["\\documentclass{article}", "\\begin{document}", "\\section{A}", "\\begin{todolist}", "\\item[\\done] a", "\\item b % c"]
LATEX += ["\\item[$\\square$] \\textbf{d}\\\\", "\\end{todolist}", "\\begin{itemize}", "\\end{itemize}", "\\begin{verbatim}", "\\item[{x}] e"]
DATA = ["checklist:", "  - name: a", "    instructions:", "      - b", "sections:", "  - title: c", "    lines:", "      - line: d"]
DATA += ["- name: e", "  tasks:", "    - name: f", "title: g", "  - [yes] h", "# -*- mode: org -*-"]
MATRIX = ["Title: T", "| A | B | C |", "|---|---|---|", "| x | | n/a |", "| A | D | E |", "| y |  | x |", "<table>", "</table>", "<!--", "-->"]
MATRIX += ["<tr><th>a</th><td>&nbsp;</td><td>&nbsp;</td><td></td><td>n/a</td></tr>", "<thead><tr><th>A</th><th>B</th></tr></thead>", ""]
DOKU = ["====== T ======", "===== S =====", "**About**", "  * [[a:b|c]] :!:", "    - d", "  * <todo #>e</todo>", "  * <todo>f</todo>"]
DOKU += ["<code>", "</code>", "  pre", "~~NOTOC~~", "{{wiki:x.png}}", "a //b// ''c''\\\\ d", ""]
PROSE = ["I'm pleased to announce a new release of the installer, the second one", "in the series.", "", "Freeze main", "- [*] x", "  * [N/A] y"]


KINDS = [(".org", ORG), (".txt", ["Content-Type: text/x-zim-wiki", *ZIM]), (".csv", CSV), (".txt", ORG + ZIM), (".opml", OPML)]
KINDS += [(".taskpaper", TASKPAPER), (".ics", ICS), (".tex", LATEX), (".md", LATEX + PROSE), (".yml", DATA), (".txt", PROSE)]
KINDS += [(".md", MATRIX), (".txt", DOKU)]
POD = ["=head1 NAME", "", "x - y", "=head2 S", "=over 4", "=item *", "=item", "=item 1.", "=item Term", "  verbatim", "\tcode", "=back", "=cut"]
POD += ["B<b> C<< c >> L<a|http://x.test> E<gt> E<0x41> E<9999999> I<", "=begin html", "=end html", "=for comment x", "- [ ] box", "Z<>X<y>S<z>"]
KINDS += [(".pod", POD)]  # the seventh sweep's


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.sampled_from(KINDS), st.data())
def test_this_sweep_s_dialects_import_any_mix_of_their_lines_or_refuse_it_located(tmp_path: Path, kind: tuple[str, list[str]], data: Any) -> None:
    """Any mix of the lines of an org file (fixed-width lines, description items), a Zim page, a CSV file, an OPML
    outline or a plain text file imports, every box counted and written, or is refused with a located error: never another exception."""
    suffix, pool = kind
    head = pool[:1] if pool[0].startswith("Content-Type") else []
    lines = head + data.draw(st.lists(st.sampled_from(pool), max_size=12))
    folder = tmp_path / f"f{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    path = folder / f"x{suffix}"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    try:
        written = run_import(path, folder / "data" / "x.yaml", folder / "docs", today=TODAY)
    except CheckFailed as refused:
        assert all(issue.loc.line >= 1 and issue.hint for issue in refused.issues)
        return
    assert not [line for line in written.summary if "not written" in line]


def test_an_opml_outline_gives_its_items(tmp_path: Path) -> None:
    """An OPML outline (WorkFlowy's, Dynalist's export: '<outline text="…" _complete="true"/>') was refused."""
    source = (
        '<?xml version="1.0" encoding="UTF-8"?>\n<opml version="2.0">\n  <head>\n    <title>Launch</title>\n  </head>\n  <body>\n'
        '    <outline text="Preparation">\n      <outline text="Back up &amp; verify" _complete="true" />\n'
        '      <outline text="Freeze main">\n        <outline text="Tell the team" />\n      </outline>\n    </outline>\n'
        '    <outline text="Go live">\n      <outline text="Switch DNS" />\n    </outline>\n  </body>\n</opml>\n'
    )
    c, written = _import(tmp_path, source, suffix=".opml")
    assert c.title == "Launch" and [s.title for s in c.sections] == ["Preparation", "Go live"]
    assert _texts(c) == ["Back up & verify", "Freeze main", "Tell the team", "Switch DNS"] and _done(tmp_path) == {"back-up-verify"}
    assert c.sections[0].groups[0].items[1].items[0].text == "Tell the team" and "4 check box(es); 4 written" in written.summary[0]


def test_an_org_task_headline_over_task_headlines_holds_them(tmp_path: Path) -> None:
    """'* TODO Deploy [1/2]' over '** DONE Back up' and '** TODO Push' gave three items side by side: the sub-tasks
    were no longer under their task (a boxed heading under a boxed heading is its sub-item now)."""
    source = "#+TITLE: Ship\n\n* Steps\n- [ ] Freeze\n* TODO Deploy [1/2]\n** DONE Back up\n   CLOSED: [2024-01-01 Mon]\n** TODO Push\n"
    source += "* TODO Announce\n"
    c, _ = _import(tmp_path, source, suffix=".org")
    items = [(i.text, [s.text for s in i.items]) for g in c.sections[0].groups for i in g.items]
    assert items == [("Freeze", []), ("Deploy", ["Back up", "Push"]), ("Announce", [])] and _done(tmp_path) == {"back-up"}


def test_a_taskpaper_file_gives_its_projects_and_tasks(tmp_path: Path) -> None:
    """TaskPaper ('Launch:' then tab-indented '- Back up @done(2024-01-01)') was read as Markdown: the projects and
    their tasks one paragraph of notes, and only an unindented task an item."""
    source = "Launch:\n\t- Back up the database @done(2024-01-01)\n\t- Freeze main @today\n\t\t- Tell the team\n"
    source += "\tGo live:\n\t\t- Switch DNS\nInbox:\n- Call Ann\n"
    c, written = _import(tmp_path, source, suffix=".taskpaper")
    assert [(s.title, [(g.title, [i.text for i in g.all_items()]) for g in s.groups]) for s in c.sections] == [
        ("Launch", [("Launch", ["Back up the database", "Freeze main @today", "Tell the team"]), ("Go live", ["Switch DNS"])]),
        ("Inbox", [("Inbox", ["Call Ann"])]),
    ]
    assert _done(tmp_path) == {"back-up-database"} and "5 check box(es); 5 written" in written.summary[0]


def test_tiptap_task_items_keep_their_text(tmp_path: Path) -> None:
    """TipTap's and ProseMirror's HTML ('<li data-type="taskItem" data-checked="true"><label><input type="checkbox">
    </label><div><p>Back up</p></div></li>', as Outline and other editors export) gave items '(no text)', their texts
    in the notes; a task item with 'data-checked' and no input was no box."""
    page = (
        "<!DOCTYPE html>\n<html><body>\n<h1>Launch</h1>\n<h2>Checks</h2>\n<ul data-type=\"taskList\">\n"
        '<li data-type="taskItem" data-checked="true"><label><input type="checkbox" checked="checked"><span></span></label>'
        "<div><p>Back up the database</p></div></li>\n"
        '<li data-type="taskItem" data-checked="false"><label><input type="checkbox"><span></span></label><div><p>Switch DNS</p></div></li>\n'
        '</ul>\n<ul data-type="taskList"><li data-checked="true" data-type="taskItem"><p>Tell support</p></li></ul>\n<p>After.</p>\n</body></html>\n'
    )
    c, written = _import(tmp_path, page, suffix=".html")
    assert _texts(c) == ["Back up the database", "Switch DNS", "Tell support"] and _done(tmp_path) == {"back-up-database", "tell-support"}
    assert "3 check box(es); 3 written" in written.summary[0] and "After." in c.sections[0].notes + c.sections[0].groups[0].items[-1].details


def test_onenote_to_do_tags_are_boxes(tmp_path: Path) -> None:
    """OneNote's HTML marks a to-do with a tag, not an input ('<p data-tag="to-do">', '<li
    data-tag="to-do:completed,important">'): such a page was refused ('no check boxes found')."""
    page = (
        '<html><body>\n<h1>Trip</h1>\n<p data-tag="to-do">Book the ferry</p>\n<p data-tag="to-do:completed">Pack the tent</p>\n'
        '<ul><li data-tag="to-do:completed,important">Fill the tank</li><li data-tag="to-do">Check the tyres</li></ul>\n<p>A note</p>\n</body></html>\n'
    )
    c, written = _import(tmp_path, page, suffix=".html")
    assert _texts(c) == ["Book the ferry", "Pack the tent", "Fill the tank", "Check the tyres"] and _done(tmp_path) == {"pack-tent", "fill-tank"}


def test_obsidian_comments_are_left_out_and_a_text_of_percents_comes_back(tmp_path: Path) -> None:
    """Obsidian's comments ('Build site %% a note %%', the Kanban plugin's '%% kanban:settings' block, code and all)
    showed as text; a checklist's own '%%' is written by the export as a character reference, so it comes back."""
    source = "# Board\n\n## Doing\n\n- [ ] Build site %% a note %%\n- [x] Ship `50%%`\n\n%% kanban:settings\n```\n{}\n```\n%%\n"
    c, written = _import(tmp_path / "k", source)
    assert _texts(c) == ["Build site", "Ship `50%%`"] and not c.sections[0].notes
    assert any("Obsidian comment" in w for w in written.warnings)
    data = tmp_path / "own.yaml"
    data.write_text(
        "id: own\ntitle: Own\nsections:\n  - id: s\n    title: S\n    priority: high\n    notes: Keep %% as written %% here\n    groups:\n"
        "      - id: g\n        title: G\n        items:\n          - {id: cpu, text: 'CPU at 90%% then 5%%'}\n",
        encoding="utf-8",
    )
    original, issues = load_checklist(data, data.name)
    assert original is not None and not issues
    assert _shape(_round_trip(original, tmp_path)) == _shape(original)


def test_boxes_written_as_character_references_in_a_file_of_no_other_box(tmp_path: Path) -> None:
    """A log whose boxes are character references ('- &#9745; Prepare the seminar', '&#9744; Genre table') was read as
    plain bullets (every item open, its text '☑ Prepare…') or refused; a file with boxes of its own keeps them text, as
    the export writes a drawn box of the data's text."""
    source = "# Log\n\n## Wednesday\n\n- &#9745; Prepare the seminar\n- &#x2610; Define the data sources\n\n## Stretch\n\n&#9744; Genre table\n"
    c, _ = _import(tmp_path / "a", source)
    assert _texts(c) == ["Prepare the seminar", "Define the data sources", "Genre table"] and _done(tmp_path / "a") == {"prepare-seminar"}
    c, _ = _import(tmp_path / "b", "# L\n\n## S\n\n- [ ] Real box\n\n&#9744; shown as text\n")
    assert _texts(c) == ["Real box"] and "☐ shown as text" in c.sections[0].notes


def test_an_icalendar_file_gives_its_to_dos(tmp_path: Path) -> None:
    """Reminders exported as iCalendar (VTODO: SUMMARY, STATUS:COMPLETED, a folded line, '\\,' escapes) were refused."""
    source = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Launch\r\nBEGIN:VTODO\r\nUID:1\r\nSUMMARY:Back up the database\r\n"
        "STATUS:COMPLETED\r\nEND:VTODO\r\nBEGIN:VTODO\r\nUID:2\r\nSUMMARY:Switch DNS\\, then wait for the\r\n  TTL\r\nEND:VTODO\r\n"
        "BEGIN:VTODO\r\nSUMMARY:Print flyers\r\nSTATUS:CANCELLED\r\nEND:VTODO\r\nBEGIN:VEVENT\r\nSUMMARY:Party\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    c, written = _import(tmp_path, source, suffix=".ics")
    assert c.title == "Launch" and _texts(c) == ["Back up the database", "Switch DNS, then wait for the TTL", "Print flyers"]
    status, _ = load_data_file(tmp_path / "data" / "x.status.yaml", "x.status.yaml")
    assert {e.id: e.state.value for e in status.items} == {"back-up-database": "done", "print-flyers": "n/a"}  # type: ignore[union-attr]


def test_a_restructuredtext_link_broken_over_two_lines_is_a_link(tmp_path: Path) -> None:
    """'* Visit the `CHANGELOG' then '  <https://x.test/CHANGELOG.rst>`_' (a link wrapped at its address, as release
    checklists in reStructuredText have them) showed '`CHANGELOG' and '<https://…>`_' as text."""
    source = "Release\n=======\n\n* Visit the `CHANGELOG\n  <https://x.test/CHANGELOG.rst>`_\n  and check the link.\n* Check the `PyPI page\n  <https://x.test/p>`_.\n"
    c, _ = _import(tmp_path, source, suffix=".rst")
    assert _texts(c) == ["Visit the [CHANGELOG](https://x.test/CHANGELOG.rst) and check the link.", "Check the [PyPI page](https://x.test/p)."]


def test_a_status_column_of_done_and_not_yet_gives_boxes(tmp_path: Path) -> None:
    """A table whose Done column holds 'x' and blanks, or whose Status column says 'Done' and 'Pending', was refused
    ('no check boxes found': only a column left empty was read as one to tick); a column of ticks alone stays text."""
    source = (
        "# Go-live\n\n## Checks\n\n| Task | Done |\n|---|---|\n| Back up | x |\n| Switch DNS |  |\n\n"
        "| Item | Status |\n|---|---|\n| Deploy | Done |\n| Smoke test | Pending |\n\n| Browser | Status |\n|---|---|\n| Firefox | yes |\n| Chrome | yes |\n"
    )
    c, written = _import(tmp_path, source)
    assert _texts(c) == ["Back up", "Switch DNS", "Deploy", "Smoke test"] and _done(tmp_path) == {"back-up", "deploy"}
    assert "Firefox" in c.sections[0].notes + "".join(i.details for i in c.sections[0].all_items())


def test_percent_signs_that_are_no_comment_hide_nothing(tmp_path: Path) -> None:
    """Two far-apart '%%' (a strftime table's '%% Literal %' in indented code, '%% 一个%字符' in prose) hid the 1,400
    lines between them as an Obsidian comment: a real notes file lost 442 of its 975 items. A comment over lines opens
    with '%%' at a line's start and closes at a line ending with it; one in a line is a pair."""
    source = "# Notes\n\n## Formats\n\n- [ ] %a weekday\n- [ ] %% Literal %\n- [ ] %Y year\n\n    %% in code\n\n- [ ] 100%% sure\n- [ ] %d day\n"
    c, _ = _import(tmp_path, source)
    assert _texts(c) == ["%a weekday", "%% Literal %", "%Y year", "100%% sure", "%d day"]


def test_step_headings_of_a_how_to_are_items(tmp_path: Path) -> None:
    """A how-to of '## Step 1: Download' headings over prose and code (no box, no list) was refused."""
    source = "# Install\n\nIntro.\n\n## Step 1: Download\n\nGet it.\n\n```bash\ncurl -O https://x.test/a.tgz\n```\n\n## Step 2: Configure\n\nEdit it.\n"
    c, written = _import(tmp_path, source)
    items = list(c.sections[0].all_items())
    assert [i.text for i in items] == ["Step 1: Download", "Step 2: Configure"] and "curl -O" in items[0].details
    assert any("'Step 1: …' lines and headings" in w for w in written.warnings)
