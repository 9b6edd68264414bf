"""Shapes a fifth sweep of real checklists showed (fixtures written for these tests, in those files' shapes)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from generator.errors import CheckFailed
from generator.exchange.importing import run_import, write_all
from generator.format.model import Checklist
from generator.format.validate import load_data_file

from .conftest import load_checklist

TODAY = datetime.date(2026, 12, 7)


def _import(tmp_path: Path, source: str, suffix: str) -> tuple[Checklist, Any]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    path = tmp_path / f"x{suffix}"
    path.write_text(source, encoding="utf-8")
    written = run_import(path, tmp_path / "data" / "x.yaml", tmp_path / "docs", today=TODAY)
    write_all(written.files)
    checklist, issues = load_checklist(tmp_path / "data" / "x.yaml", "x.yaml")
    assert checklist is not None and not issues
    return checklist, written


def _states(tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "data" / "x.status.yaml"
    if not path.exists():
        return {}
    status, issues = load_data_file(path, path.name)
    assert not issues and status is not None
    return {e.id: e.state.value for e in status.items}  # type: ignore[union-attr]


def _outline(c: Checklist) -> list[tuple[str, list[Any]]]:
    """(section title, [item text or (text, [sub-item texts])]) of a checklist."""

    def item(i: Any) -> Any:
        return (i.text, [s.text for s in i.items]) if i.items else i.text

    return [(s.title, [item(i) for g in s.groups for i in g.items]) for s in c.sections]


# (what the real file was, its suffix, a fixture in its shape, the title, the outline, the states)
SHAPES = [
    (
        "a release tool's checklist.yml: steps with a name and 'instructions:' (no state: a template of checks)",
        ".yml",
        "version: 0.1.0\nchecklist:\n  - name: Build App\n    type: manual\n    instructions:\n      - Commit the changes\n"
        "      - Wait for the build\n  - name: Smoke test\n    type: auto\n    run:\n      - make smoke\n",
        "x",
        [("Checklist", [("Build App", ["Commit the changes", "Wait for the build"]), "Smoke test"])],
        {},
    ),
    (
        "deon's checklist.yml: sections (a title) of lines (an id, a summary and the check, its longest text)",
        ".yaml",
        "title: Ethics Checklist\nsections:\n  - title: Data Collection\n    section_id: A\n    lines:\n      - line_id: A.1\n"
        "        line_summary: Consent\n        line: Have the subjects given informed consent to this use?\n"
        "  - title: Storage\n    section_id: B\n    lines:\n      - line_id: B.1\n        line_summary: Security\n"
        "        line: Is the data encrypted at rest and in transit?\n",
        "Ethics Checklist",
        [("Data Collection", ["Have the subjects given informed consent to this use?"]), ("Storage", ["Is the data encrypted at rest and in transit?"])],
        {},
    ),
    (
        "an Ansible play of checks: its name over its tasks' names (the modules' arguments and 'that:' lists left out)",
        ".yml",
        "---\n- name: preflight checks\n  hosts: all\n  tasks:\n    - name: check the vcpus\n      ansible.builtin.assert:\n"
        "        that:\n          - ansible_facts['processor_vcpus'] >= 8\n    - name: touch resolv.conf\n      ansible.builtin.file:\n"
        "        path: /etc/resolv.conf\n",
        "x",
        [("preflight checks", ["check the vcpus", "touch resolv.conf"])],
        {},
    ),
    (
        "a pull request template filled in: '- [yes] Refactor' (a word for the tick), '- [N/A] iOS'",
        ".md",
        "## Type\n- [yes] Refactor\n- [ ] Feature\n- [N/A] iOS build\n- [done] Docs\n",
        "x",
        [("Type", ["Refactor", "Feature", "iOS build", "Docs"])],
        {"refactor": "done", "ios-build": "n/a", "docs": "done"},
    ),
    (
        "a TODO list ticking with '[*]' ('* [] Cancel', '* [*] Retry'): the file's own tick, no '[x]' in it",
        ".md",
        "# Queue\n\n## TODO\n\n* [] Cancel a queued task\n* [*] Retry on exit\n* [ ] Persist the queue\n",
        "Queue",
        [("TODO", ["Cancel a queued task", "Retry on exit", "Persist the queue"])],
        {"retry-on-exit": "done"},
    ),
    (
        "an RD page opening with Emacs' mode line ('# -*- rd -*-'): the line was the checklist's title",
        ".md",
        "# -*- rd -*-\n\n# Release\n\n## Steps\n\n- [ ] Write NEWS\n",
        "Release",
        [("Steps", ["Write NEWS"])],
        {},
    ),
    (
        "a .txt file whose mode line names org ('# -*- mode: org -*-'): read as org",
        ".txt",
        "# -*- mode: org; coding: utf-8 -*-\n* Steps\n- [X] Tag\n- [ ] Push\n",
        "x",
        [("Steps", ["Tag", "Push"])],
        {"tag": "done"},
    ),
    (
        "a LaTeX checklist (.tex): enumitem's todolist, '\\item[\\done]', '\\item[\\wontfix]', '\\item[$\\square$]'",
        ".tex",
        "\\documentclass{article}\n\\usepackage{enumitem,amssymb}\n\\newlist{todolist}{itemize}{2}\n\\begin{document}\n"
        "\\section{Paper}\n\\begin{todolist}\n  \\item[\\done] Frame the \\emph{problem}\n  \\item Write the solution % draft first\n"
        "  \\begin{itemize}\n    \\item[$\\square$] Check \\texttt{refs.bib}\n  \\end{itemize}\n  \\item[\\wontfix] Profit\n"
        "\\end{todolist}\n\\end{document}\n",
        "x",
        [("Paper", ["Frame the *problem*", ("Write the solution", ["Check `refs.bib`"]), "Profit"])],
        {"frame-problem": "done", "profit": "n/a"},
    ),
    (
        "pandoc Markdown with a raw LaTeX list of boxes ('\\item[$\\square$] \\textbf{…}\\\\' in a tcolorbox)",
        ".md",
        "# Guide\n\n## Troubleshooting\n\n\\begin{tcolorbox}[title={Checklist}]\n\\begin{itemize}[leftmargin=*]\n"
        "\\item[$\\square$] \\textbf{Did not converge?}\\\\\n$\\rightarrow$ Simplify the model\n\\item[$\\boxtimes$] Residuals checked\n"
        "\\end{itemize}\n\\end{tcolorbox}\n",
        "Guide",
        [("Troubleshooting", ["**Did not converge?** → Simplify the model", "Residuals checked"])],
        {"residuals-checked": "done"},
    ),
    (
        "a Google Code wiki page (.wiki): '#summary', '#labels' pragmas and a '<wiki:comment>' (read as numbered items)",
        ".wiki",
        "#summary Steps of a release\n#labels Phase-Support\n\n== Release Checklist ==\n  * Build the installer\n    * Test it\n"
        "  * Tag SVN\n\n<wiki:comment>\nvi: set filetype=googlecodewiki\n</wiki:comment>\n",
        "x",
        [("Release Checklist", [("Build the installer", ["Test it"]), "Tag SVN"])],
        {},
    ),
]


SHAPES += [
    (
        "a release spreadsheet's matrix: a row per artifact, a column per step left empty to tick ('n/a' where it is none of"
        " the row's), its second half of steps under a head repeated in the body",
        ".md",
        "# Release\n\n## Artifacts\n\n| Artifact | Update POM | Formatting | Tag |\n|---|---|---|---|\n| core | | n/a | x |\n"
        "| docs |  |  |  |\n| Artifact | Stage | Push |\n| core | | |\n",
        "Release",
        [("Artifacts", [("core", ["Update POM", "Tag", "Stage", "Push"]), ("docs", ["Update POM", "Formatting", "Tag"])])],
        {"tag": "done"},
    ),
    (
        "the same matrix as an HTML table in a Pelican page ('Title: …' metadata), a row commented out in it (it was"
        " refused: no check boxes found)",
        ".md",
        "Title: Release Checklist\nDate: 2013-05-01\n\n## Checklist\n\n<table>\n<thead><tr><th>Artifact</th><th>Env?</th>"
        "<th>Formatting</th><th>Commit</th></tr></thead>\n<tbody>\n<tr><th>isis</th><td>&nbsp;</td><td>n/a</td><td>&nbsp;</td></tr>\n"
        "<!--\n<tr><th>old</th><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>\n-->\n"
        "<tr><th>archetype</th><td>&nbsp;</td><td>&nbsp;</td><td>&nbsp;</td></tr>\n</tbody>\n</table>\n",
        "Release Checklist",
        [("Checklist", [("isis", ["Env?", "Commit"]), ("archetype", ["Env?", "Formatting", "Commit"])])],
        {},
    ),
]


SHAPES += [
    (
        "a DokuWiki page (.txt): '====== Title ======' (the highest, read as the lowest), '**About**' over lists indented"
        " two spaces ('**About**' was a list item 'About**'), the todo plugin's '<todo #>' done",
        ".txt",
        "====== Wiki ======\n\nA //simple// wiki.\n\n===== Read More =====\n\n**About it**\n\n  * [[doku>features|A feature list]] :!:\n"
        "    - [[doku>users|Happy users]]\n  * Press\n\n<code>\n  * not an item\n</code>\n",
        "Wiki",
        [("Read More", [("A feature list :!:", ["Happy users"]), "Press"])],
        {},
    ),
    (
        "a DokuWiki page of the todo plugin's items ('  * <todo>Book</todo>', '<todo #>' done)",
        ".txt",
        "====== Trip ======\n\n===== Before =====\n\n  * <todo>Book the ferry</todo>\n  * <todo #>Pack the tent</todo>\n  * A note\n",
        "Trip",
        [("Before", ["Book the ferry", "Pack the tent"])],
        {"pack-tent": "done"},
    ),
]


SHAPES += [
    (
        "a Confluence page in its storage format: nested task lists, a mention ('<ac:link><ri:user …/></ac:link>') in a"
        " task's text (it was left out: 'agreed with , the lists')",
        ".html",
        "<p>Goals</p>\n<ac:task-list>\n<ac:task>\n<ac:task-id>1</ac:task-id>\n<ac:task-status>complete</ac:task-status>\n"
        "<ac:task-body>Collect the criteria, as agreed with <ac:link>\n    <ri:user ri:userkey=\"8ac0a2\"/>\n  </ac:link>, the lists."
        "<ac:task-list>\n<ac:task>\n<ac:task-id>2</ac:task-id>\n<ac:task-status>incomplete</ac:task-status>\n"
        "<ac:task-body>Rank the services</ac:task-body>\n</ac:task>\n</ac:task-list>\n</ac:task-body>\n</ac:task>\n</ac:task-list>\n",
        "x",
        [("Checklist", [("Collect the criteria, as agreed with @(mention), the lists.", ["Rank the services"])])],
        {"collect-criteria-agreed-mention": "done"},
    ),
]


SHAPES += [
    (
        "an Arabic how-to whose headings are an icon beside bold ('## 📋 **قائمة التحقق:**'): the title kept its '**'",
        ".md",
        "# حل مشكلة CORS\n\n## 📋 **قائمة التحقق:**\n\n### **قبل إعادة النشر:**\n- [ ] الكود محدث في GitHub\n",
        "حل مشكلة CORS",
        [("قائمة التحقق:", ["الكود محدث في GitHub"])],
        {},
    ),
]


@pytest.mark.parametrize("shape, suffix, source, title, outline, states", SHAPES, ids=[f"{i}-{s[1]}" for i, s in enumerate(SHAPES)])
def test_a_shape_of_the_fifth_sweep_imports_as_its_reader_sees_it(
    tmp_path: Path, shape: str, suffix: str, source: str, title: str, outline: list[Any], states: dict[str, str]
) -> None:
    c, written = _import(tmp_path, source, suffix)
    assert (c.title, _outline(c), _states(tmp_path)) == (title, outline, states), shape
    assert not [line for line in written.summary if "not written" in line]


def test_a_text_file_of_prose_is_refused_and_its_paragraphs_stay_prose(tmp_path: Path) -> None:
    """A .txt of prose (an e-mail: no box, no list) imported one item per line, 14 items of broken sentences. A file
    mostly of wrapped paragraphs is refused, saying so; a paragraph above lines of checks is prose (notes)."""
    email = (
        "Subject: Release 2.1\n\nI'm pleased to announce a new release of the installer, 2.1, the second\n"
        "release in the 'odin' series. You can download it from the usual place\nand install it over the old one.\n\n"
        "Upgrading is recommended if you want to pick up the new features or the\napplications added since the last one.\n\nThanks,\nBrian\n"
    )
    path = tmp_path / "mail.txt"
    path.write_text(email, encoding="utf-8")
    with pytest.raises(CheckFailed) as refused:
        run_import(path, tmp_path / "data" / "x.yaml", tmp_path / "docs", today=TODAY)
    issue = refused.value.issues[0]
    assert (issue.loc.line, issue.loc.column) == (1, 1) and "the text is prose" in issue.hint and "a line of its own" in issue.hint
    notepad = "Mail the list first. After subscribing you can send mail to the list address and read what the others wrote there before.\n\n" * 3
    (tmp_path / "notes.txt").write_text(notepad, encoding="utf-8")  # a paragraph a line, as Notepad keeps them
    with pytest.raises(CheckFailed) as refused:
        run_import(tmp_path / "notes.txt", tmp_path / "data" / "y.yaml", tmp_path / "docs", today=TODAY)
    assert "the text is prose" in refused.value.issues[0].hint
    (tmp_path / "wiki.txt").write_text("====== Lists ======\n\nWe use three lists.\nSubscribe first.\n", encoding="utf-8")
    with pytest.raises(CheckFailed) as refused:  # a wiki's page of paragraphs, not a text file's lines
        run_import(tmp_path / "wiki.txt", tmp_path / "data" / "z.yaml", tmp_path / "docs", today=TODAY)
    assert "no check boxes found" in refused.value.issues[0].message
    mixed = "Before the release, make sure that everything on this list is done and tell\nthe team in the channel when you start.\n\n"
    mixed += "Freeze main\nTag the release\n"
    c, _ = _import(tmp_path / "m", mixed, ".txt")
    assert _outline(c) == [("Checklist", ["Freeze main", "Tag the release"])] and "tell the team" in " ".join(c.sections[0].notes.split())


def test_a_form_to_fill_in_is_no_matrix_to_tick(tmp_path: Path) -> None:
    """A table left empty to be written in ('| Service | Owner | Notes |') is a form, not steps to tick: it stays a table."""
    form = "| Service | Owner | Notes |\n|---|---|---|\n| api | | |\n| web | | |\n"
    c, _ = _import(tmp_path, "# On-call\n\n## Services\n\n- [ ] Page the owner\n\n" + form, ".md")
    assert _outline(c) == [("Services", ["Page the owner"])]
    assert "| api |" in c.sections[0].notes + "".join(i.details for i in c.sections[0].all_items())


def _docx(body: str, styles: str = "") -> bytes:
    """A Word document of the given body XML (and styles), as Word writes one: a zip of parts."""
    import io
    import zipfile

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", f'<?xml version="1.0"?><w:document {w}><w:body>{body}</w:body></w:document>')
        archive.writestr("word/styles.xml", f'<?xml version="1.0"?><w:styles {w}>{styles}</w:styles>')
    return out.getvalue()


def _p(text: str, style: str = "", level: int | None = None) -> str:
    props = f'<w:pStyle w:val="{style}"/>' if style else ""
    props += f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>' if level is not None else ""
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def test_a_word_document_gives_its_lines(tmp_path: Path) -> None:
    """A checklist typed in Word (.docx: a 'Sun Safety Checklist' of a paragraph a line, a QA checklist under heading
    styles, boxes drawn by check box content controls or Wingdings) was refused: 'the file is a Word document'."""
    styles = '<w:style w:styleId="1"><w:name w:val="heading 1"/></w:style><w:style w:styleId="a7"><w:name w:val="Title"/></w:style>'
    body = _p("Trip", "a7") + _p("Before", "1") + _p("Book the ferry", level=0) + _p("Ask for a quote", level=1)
    c, _ = _import_bytes(tmp_path / "t", "trip.docx", _docx(body, styles))
    assert c.title == "Trip" and _outline(c) == [("Before", [("Book the ferry", ["Ask for a quote"])])]
    sym = '<w:p><w:r><w:sym w:font="Wingdings" w:char="{}"/></w:r><w:r><w:t xml:space="preserve"> {}</w:t></w:r></w:p>'
    body = _p("Packing", "1") + sym.format("F0A8", "Charge the phone") + sym.format("F0FE", "Pack the tent")
    body += "<w:tbl><w:tr><w:tc>" + _p("Item") + "</w:tc><w:tc>" + _p("Done") + "</w:tc></w:tr><w:tr><w:tc>" + _p("Fill the tank")
    body += "</w:tc><w:tc>" + _p("☒") + "</w:tc></w:tr></w:tbl>"
    c, _ = _import_bytes(tmp_path / "p", "pack.docx", _docx(body, styles))
    assert _outline(c) == [("Packing", ["Charge the phone", "Pack the tent", "Fill the tank"])]
    assert _states(tmp_path / "p") == {"pack-tent": "done", "fill-tank": "done"}
    lines = "".join(_p(t) for t in ("Sun Safety Checklist", "Wide Brimmed Hat", "Sunglasses"))
    c, _ = _import_bytes(tmp_path / "s", "sun.docx", _docx(lines))
    assert _outline(c) == [("Checklist", ["Sun Safety Checklist", "Wide Brimmed Hat", "Sunglasses"])]
    bomb = _docx("<w:p/>").replace(b"<w:document", b"<!DOCTYPE d [<!ENTITY a 'x'>]><w:document")
    (tmp_path / "bomb.docx").write_bytes(bomb)
    with pytest.raises(CheckFailed) as refused:  # entities (a billion laughs): no Word document, refused as before
        run_import(tmp_path / "bomb.docx", tmp_path / "data" / "b.yaml", tmp_path / "docs", today=TODAY)
    assert "the file is a Word document" in refused.value.issues[0].hint
    # The same declaration written in UTF-16 (red16): looked for as bytes, it went by, and its entity was expanded.
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE d [<!ENTITY a "Back up">]><w:document {w}><w:body>{_p("☐ &a;")}</w:body></w:document>'
    import zipfile

    with zipfile.ZipFile(tmp_path / "bomb16.docx", "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", body.encode("utf-16"))
    with pytest.raises(CheckFailed) as refused:
        run_import(tmp_path / "bomb16.docx", tmp_path / "data" / "b16.yaml", tmp_path / "docs", today=TODAY)
    assert "the file is a Word document" in refused.value.issues[0].hint


def _import_bytes(folder: Path, name: str, data: bytes) -> tuple[Checklist, Any]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)
    written = run_import(folder / name, folder / "data" / "x.yaml", folder / "docs", today=TODAY)
    write_all(written.files)
    checklist, issues = load_checklist(folder / "data" / "x.yaml", "x.yaml")
    assert checklist is not None and not issues
    return checklist, written
