"""Titles of any script keep their place after a number: every numbered title is isolated (generator/format/bidi.py)."""

from __future__ import annotations

import contextlib
import html
import io
import json
import re
from functools import partial
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.commands.progress import _blockers, _table
from generator.format.bidi import FSI, MARKS, PDI, direction, numbered, plain, unmarked
from generator.format.model import Status
from generator.format.readiness import readiness
from generator.format.types import InlineMarkdown
from generator.format.validate import load_all
from generator.meeting import live_blockers
from generator.publish.search import merge
from generator.site.escape import columns, head_title, terminal
from generator.site.layout import Urls
from generator.site.paper import contents, render_paper
from generator.site.render import render

from .conftest import FIXTURES

MINI = FIXTURES / "mini"
# Words of any script (Hebrew, Arabic, CJK, Latin, ...) and digits: what every place shows as written.
WORDS = st.text(st.characters(categories=("Lu", "Ll", "Lo", "Nd")) | st.just(" "), min_size=1, max_size=12).filter(lambda t: not t.strip().isdigit())
# Right after a number that is not isolated from it: '3. ', '1.1 ', 'Section 2: '.
BARE = re.compile(r"\d(\. |: | )$")


def _load(tmp: Path, titles: tuple[str, str, str]) -> tuple[object, object]:
    """The mini checklist with its first section's title, and its groups', replaced."""
    text = (MINI / "mini.yaml").read_text(encoding="utf-8")
    for old, new in zip(("title: Security\n", "title: Auth & Access\n", "title: On-call\n"), titles, strict=True):
        assert old in text
        text = text.replace(old, f"title: {json.dumps(new, ensure_ascii=False)}\n", 1)
    (tmp / "mini.yaml").write_text(text, encoding="utf-8")
    data, issues = load_all([(tmp / "mini.yaml", "data/mini.yaml"), (MINI / "runbooks.yaml", "data/runbooks.yaml")])
    assert not issues, [i.format() for i in issues]
    return data, data.checklists[0]


def _outputs(data, c) -> dict[str, str]:
    """Every text a numbered title lands in, rendered in-process: pages, navigation, HTML blocks, paper contents,
    the readiness words, and the `status` table and blockers as printed."""
    site = render(data, Urls("https://docs.example.com/"))
    out = dict(site.pages) | {f"block:{k}": v for k, v in render_paper(data).items()}
    out["nav"] = json.dumps(site.nav, ensure_ascii=False)
    out["contents"] = "\n".join(title for _, title in contents(c))
    r = readiness(c, Status(checklist=c.id))
    out["readiness"] = "\n".join([b.text for b in r.blockers] + [later.title for later in r.later])
    out["meeting"] = "\n".join(words for words, _ in live_blockers(c, None, 1)["listed"])  # the live meeting's list
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        _table(r)
        _blockers(c, r, "https://docs.example.com/", "status", True)
    out["status"] = printed.getvalue()
    # A right-to-left text among our words in HTML is isolated again, as a whole (items.shown_html): its <bdi> read through.
    return {where: text.replace("<bdi>", "").replace("</bdi>", "") for where, text in out.items()}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.tuples(WORDS, WORDS, WORDS), ends=st.tuples(st.integers(0, 99), st.integers(0, 99), st.integers(0, 99)))
@example(titles=("אבטחה", "Auth", "שלב"), ends=(2, 3, 4))
def test_every_numbered_title_is_isolated(tmp_path: Path, titles: tuple[str, str, str], ends: tuple[int, int, int]) -> None:
    # Each title ends in a number, as 'שלב 3' does: the case a bare '3. ' before it reads '3. 3 ...'.
    data, c = _load(tmp_path, tuple(f"{t.strip() or 'x'} {n}" for t, n in zip(titles, ends, strict=True)))  # type: ignore[arg-type]
    section, ops = c.sections[0], c.sections[1]
    out = _outputs(data, c)
    # Nowhere does a title stand right after a number without its isolate (every place, every kind of number).
    for title in (section.title, section.groups[0].title, ops.groups[0].title):
        for where, text in out.items():
            text = text.replace("\\2068 ", FSI).replace("\\2069 ", PDI)  # a CSS string's escapes (the sheets' print header)
            for found in re.finditer(re.escape(title), text):
                assert not BARE.search(text[max(0, found.start() - 4) : found.start()]), (where, text[max(0, found.start() - 20) : found.end() + 5])
    # And it is there, isolated, in each place: navigation, heading, table, sheets, contents, readiness, terminal.
    heading, group = numbered(1, section.title), numbered("1.1", section.groups[0].title, " ")
    assert section.heading == heading and f"{FSI}{section.title}{PDI}" in heading
    assert heading in out["nav"] and heading in out["checklists/mini/security.md"] and group in out["checklists/mini/security.md"]
    assert heading in out["block:checklists/mini:progress-table"] and heading in out["checklists/mini/critical.md"]
    assert numbered("Section 1", section.title, ": ") in out["block:checklists/mini:sheet-security"] and group in out["block:checklists/mini:sheet-security"]
    assert numbered("Section 1", section.title, ": ") in out["contents"] and heading in out["readiness"] and heading in out["meeting"]
    assert f"  {heading}:" in out["status"] and f"  1  {FSI}{section.title}{PDI}" in out["status"]  # the terminal keeps the isolates
    # The table's columns line up as a terminal shows them (wide characters two columns, the isolates none).
    rows = [line for line in out["status"].splitlines() if line.startswith("  ") and "/" in line][:3]
    assert len({columns(line.rsplit("/", 1)[0]) for line in rows}) == 1, rows
    # The search finds the title's words: its index holds them without the isolates.
    (doc,) = merge([{"location": "x/", "title": heading, "text": group}], [], set(), zensical=False)
    assert doc["title"] == plain(heading) == f"1. {section.title}" and doc["text"] == plain(group)
    # A heading whose title is written right to left starts at the right (dir=rtl), on its page and its sheet; no other.
    rtl, group_rtl = direction(section.title) == "rtl", direction(section.groups[0].title) == "rtl"
    lines = out["checklists/mini/security.md"].splitlines()
    assert next(line for line in lines if line.startswith("# ")).endswith(f"{heading} {{dir=rtl}}" if rtl else heading)
    assert f"## {group} {{#auth dir=rtl}}" in lines if group_rtl else f"## {group} {{#auth}}" in lines
    sheet = out["block:checklists/mini:sheet-security"]
    assert ('<h1 class="cl-sheet-title" dir="rtl">' in sheet) is rtl and ('<h1 class="cl-sheet-title">' in sheet) is not rtl
    assert ('<h2 class="cl-sheet-group-title" data-u="keep" dir="rtl">' in sheet) is group_rtl


def test_the_terminal_keeps_an_isolate_the_program_closed_and_escapes_any_other() -> None:
    assert terminal(numbered(3, "שלב 3")) == numbered(3, "שלב 3")
    assert terminal("\u2068שלב 3") == "\\u2068שלב 3" and terminal("a\u2069") == "a\\u2069"
    assert terminal("\u2068\u202eevil\u2069") == "\\u2068\\u202eevil\\u2069"  # an override inside: nothing kept
    assert terminal(f"{FSI}line\n{PDI}") == "\\u2068line\n\\u2069"  # an isolate closes on its own line


# Item texts of any script, with the punctuation and numbers that a right-to-left text takes from its neighbours.
TEXTS = st.tuples(WORDS, st.sampled_from(["", ".", " 3", ": 100.", " (API v2)", "?"])).map(lambda t: (t[0].strip() or "x") + t[1])


@settings(max_examples=40, deadline=None)
@given(texts=st.lists(TEXTS, min_size=1, max_size=4))
def test_an_item_text_written_right_to_left_is_isolated_on_the_page_and_on_paper(texts: list[str]) -> None:
    from generator.format.bidi import right_to_left
    from generator.format.model import Item
    from generator.format.types import InlineMarkdown
    from generator.site.items import runbook_list, task_list, text_html

    items = [Item(id=f"i{n}", text=InlineMarkdown(t), target=InlineMarkdown(t)) for n, t in enumerate(texts)]
    for shown in (str(runbook_list(items)), str(task_list(items))):
        for item in items:
            bare = str(text_html(item.text))
            assert (f"<bdi>{bare}</bdi>" in shown) is right_to_left(item.text) and bare in shown
            assert f"(target: <bdi>{bare}</bdi>)" in shown if right_to_left(item.text) else f"(target: {bare})" in shown


def test_a_blocker_names_a_right_to_left_text_isolated_in_plain_text() -> None:
    from generator.format.readiness import Blocker, _say
    from generator.format.types import InlineMarkdown

    said = Blocker(_say("Critical item not done: ", InlineMarkdown("להגדיר מגבלת קצב: 100 בקשות לדקה.")), None, "x")  # type: ignore[arg-type]
    assert said.text == "Critical item not done: \u2068להגדיר מגבלת קצב: 100 בקשות לדקה.\u2069"  # its '.' stays at its end
    assert Blocker(_say("No approval from the ", InlineMarkdown("Tech Lead")), None, "x").text == "No approval from the Tech Lead"  # type: ignore[arg-type]


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXTS, owner=TEXTS, item=TEXTS)
@example(title="שיעור שגיאות גבוה (API v2)", owner="צוות תפעול.", item="Error rate: 100.")  # each site render is ~0.5 s
def test_a_runbook_written_right_to_left_keeps_our_words_in_their_order(tmp_path: Path, title: str, owner: str, item: str) -> None:
    """On the list of runbooks and a runbook's page, its title, owner and checklist item stand among our words ('Owner: …
    · Alarm:', a table cell labelled on a phone): each isolated where it holds right-to-left letters, so that its '.'
    or '(API v2)' stays at its end (not drawn on the far side of the text, next to our words), and laid out bare otherwise."""
    from generator.format.bidi import right_to_left

    quoted = partial(json.dumps, ensure_ascii=False)
    checklist = (MINI / "mini.yaml").read_text(encoding="utf-8").replace('text: "Error rate {: onclick=alert(1)}"', f"text: {quoted(item)}")
    runbooks = (MINI / "runbooks.yaml").read_text(encoding="utf-8").replace("title: Errors <high>", f"title: {quoted(title)}")
    runbooks = runbooks.replace("owner: On-call", f"owner: {quoted(owner)}")
    (tmp_path / "mini.yaml").write_text(checklist, encoding="utf-8")
    (tmp_path / "runbooks.yaml").write_text(runbooks, encoding="utf-8")
    data, issues = load_all([(tmp_path / "mini.yaml", "data/mini.yaml"), (tmp_path / "runbooks.yaml", "data/runbooks.yaml")])
    assert not issues, [i.format() for i in issues]
    pages = render(data, Urls("https://docs.example.com/")).pages
    for text in (title, owner, item):
        found = 0
        for where in ("runbooks/index.md", "runbooks/errors-high.md"):
            body = pages[where].split("\n---\n", 1)[1]  # after the front matter (its title: is a line of its own)
            for at in re.finditer(re.escape(text), body):
                found += 1
                isolated = body[at.start() - 1 : at.start()] == FSI and body[at.end() : at.end() + 1] == PDI
                assert isolated == right_to_left(text), (where, body[max(0, at.start() - 30) : at.end() + 10])
        assert found >= 2, (text, found)


# Text with the invisible direction characters among its letters: the marks a title may hold, the others none may.
MARKED = st.text(st.sampled_from([*MARKS, "a", "ש", "ع", "1", " ", "!"]), max_size=16)
HELD = st.text(st.sampled_from(["\u200e", "\u200f", "\u061c", "a", "ש", "ع", "1", " ", "!"]), max_size=16)  # the marks a title may hold
_HEADING = re.compile(r"<h[1-3] class=\"cl-sheet-(?:group-)?title\"[^>]*>(.*?)</h[1-3]>", re.S)


def _balanced(text: str) -> bool:
    """Whether ``text`` holds no direction character but isolates of FSI and PDI, each closed."""
    depth = 0
    for character in text:
        if character in MARKS and character not in (FSI, PDI):
            return False
        depth += {FSI: 1, PDI: -1}.get(character, 0)
        if depth < 0:
            return False
    return depth == 0


@given(text=MARKED, number=st.integers(0, 99))
@example(text="\u200fRedis down\u200e", number=1)
def test_a_title_keeps_no_direction_mark_but_the_isolates_made_for_it(text: str, number: int) -> None:
    """bidi.unmarked, the one function every page title (escape.title: <title>, the navigation, a PDF's title) and the
    HTML blocks' titles (the sheets' headings: the packet PDF's bookmarks) go through: of any text, what is left is its
    letters as written and only the isolates numbered() made, each closed."""
    letters = "".join(ch for ch in text if ch not in MARKS)
    for made in (text, numbered(number, text), numbered("Section 2", text, ": "), FSI + text):
        kept = unmarked(made)
        assert _balanced(kept) and plain(kept) == "".join(ch for ch in made if ch not in MARKS), (made, kept)
        assert unmarked(kept) == kept
    assert unmarked(numbered(number, letters)) == numbered(number, letters)  # ours stay
    titled = head_title(InlineMarkdown(text))  # an isolate closed in the text holds its direction in, as ours do: neutral
    assert _balanced(titled) and plain(titled) == html.escape(letters, quote=True), titled


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(titles=st.tuples(HELD, HELD, HELD))
@example(titles=("\u200fSecurity", "\u200eשלב\u200f!", "On\u061c-call"))
def test_the_datas_direction_marks_reach_no_page_title_and_no_heading_of_paper(tmp_path: Path, titles: tuple[str, str, str]) -> None:
    """A title holding direction marks (U+200E, U+200F, U+061C: a title may hold them, none of the others): a '\\u200f'
    before 'Security' made the sheet's heading dir="rtl" and its PDF bookmark read '⁩Security: ⁨Section 1' (Chromium gives
    a bookmark the heading's words as laid out), and <title> and a bookmark carried the marks. Now no page's title, no
    navigation entry and no sheet heading holds one, and a heading's direction is that of its words."""
    titles = tuple(t if t.strip(" " + MARKS) else t + "x" for t in titles)  # type: ignore[assignment]
    data, c = _load(tmp_path, titles)  # type: ignore[arg-type]
    out = _outputs(data, c)
    front = [line for where, text in out.items() if where.endswith(".md") for line in text.splitlines()[:8] if line.startswith("title: ")]
    assert front and all(_balanced(line) for line in front), front
    assert _balanced(out["nav"]), out["nav"]
    sheet = out["block:checklists/mini:sheet-security"]
    headings = _HEADING.findall(sheet)
    assert len(headings) >= 2 and all(_balanced(h) for h in headings), headings
    section = c.sections[0]
    rtl = direction("".join(ch for ch in section.title if ch not in MARKS)) == "rtl"
    assert ('<h1 class="cl-sheet-title" dir="rtl">' in sheet) is rtl
