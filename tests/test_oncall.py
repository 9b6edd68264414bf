"""On call: commands with declared variables, reachable contacts, runbooks that say when they were reviewed."""

from __future__ import annotations

import datetime
import json
import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.format.model import Severity
from generator.format.oncall import freshness, shell_variables, stale_runbooks
from generator.format.types import Period
from generator.format.validate import load_all

from .conftest import FIXTURES, ROOT, data_files, make_project, run_cli
from .test_launch_day import LANDING_MARK

RUNBOOKS = (ROOT / "data" / "runbooks.yaml").read_text(encoding="utf-8")
CHECKLIST = (ROOT / "data" / "realserv-launch.yaml").read_text(encoding="utf-8")


def _issues(tmp_path: Path, runbooks: str = RUNBOOKS, checklist: str = CHECKLIST) -> list[str]:
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    (data / "realserv-launch.yaml").write_text(checklist, encoding="utf-8")
    (data / "runbooks.yaml").write_text(runbooks, encoding="utf-8")
    _, issues = load_all([(p, f"data/{p.name}") for p in data_files(data)])
    return [i.format() for i in issues]


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_shipped_runbooks_and_rollback_have_commands_with_declared_variables(tmp_path: Path) -> None:
    assert _issues(tmp_path) == []
    data, _ = load_all([(p, p.name) for p in data_files(ROOT / "data")])
    for runbook in data.runbooks:
        assert any(a.command for a in runbook.mitigation), f"{runbook.id}: no mitigation command"
        assert any(a.contact and a.contact.ways() for a in runbook.escalation), f"{runbook.id}: nobody to reach"
    rollback = data.checklists[0].rollback
    assert rollback is not None and all(step.command for step in rollback.steps)
    assert {v.name for v in rollback.variables} >= {"SERVICE", "PREVIOUS_TASK_DEF", "DB_INSTANCE"}


def test_check_reports_an_undeclared_variable_located(tmp_path: Path) -> None:
    promote = '--primary-cluster-id "$REPLICA_ID"'
    runbooks = RUNBOOKS.replace(f"--replication-group-id realserv-prod-redis {promote}", f'--replication-group-id "$REDIS_GROUP" {promote}')
    issues = _issues(tmp_path, runbooks)
    line = _line_of(runbooks, "If the primary does not come back")
    assert issues == [
        f"data/runbooks.yaml:{line}:9: error: the command of mitigation step 2 of runbook 'redis-down' uses $REDIS_GROUP, "
        "which is not declared (at character 66 of the command)\n"
        "    hint: add to the variables of runbook 'redis-down': - {name: REDIS_GROUP, find: how to find its value}"
    ]


def test_check_reports_an_undeclared_variable_of_the_rollback_procedure(tmp_path: Path) -> None:
    checklist = CHECKLIST.replace("    - {name: ROUTE, find:", "    - {name: ROUTES, find:")
    issues = _issues(tmp_path, checklist=checklist)
    line = _line_of(checklist, "id: rollback-verification")
    assert len(issues) == 1, issues
    assert issues[0].startswith(f"data/realserv-launch.yaml:{line}:7: error: the command of step 5 ('rollback-verification') of the rollback procedure")
    assert "uses $ROUTE, which is not declared" in issues[0]


def test_check_refuses_a_contact_address_of_the_wrong_scheme_and_a_contact_nobody_can_reach(tmp_path: Path) -> None:
    manager = '{role: Product Manager, chat: "https://realserv.slack.com/archives/incidents"}'
    runbooks = RUNBOOKS.replace(manager, '{role: Product Manager, phone: "javascript:alert(1)"}', 1)
    issues = _issues(tmp_path, runbooks)
    assert len(issues) == 1 and "expected 'phone' of contact to be a tel: address, but got 'javascript:alert(1)'" in issues[0], issues
    assert "hint: write it as tel:+" in issues[0]
    runbooks = RUNBOOKS.replace(manager, "{role: Product Manager}", 1)
    issues = _issues(tmp_path, runbooks)
    assert len(issues) == 1 and "contact 'Product Manager' in runbook 'high-error-rate' has no way to reach them" in issues[0], issues


@pytest.mark.parametrize(
    ("command", "names"),
    [
        ('echo "$A" ${B} $C_1', ["A", "B", "C_1"]),
        ("echo '$NOT' \"$YES\" \\$ESCAPED $1 $? $$ $(date)", ["YES"]),
        ("awk '{print $2}' \"${X:-default}\"", ["X"]),
    ],
)
def test_shell_variables_are_read_as_the_shell_reads_them(command: str, names: list[str]) -> None:
    assert [name for name, _ in shell_variables(command)] == names


def test_periods_add_up_as_calendars_do() -> None:
    assert Period(3, "month").after(datetime.date(2026, 11, 30)) == datetime.date(2027, 2, 28)
    assert Period(1, "year").after(datetime.date(2028, 2, 29)) == datetime.date(2029, 2, 28)
    assert Period(2, "week").after(datetime.date(2026, 12, 25)) == datetime.date(2027, 1, 8)
    assert str(Period(90, "day")) == "90 days" and str(Period(1, "month")) == "1 month"


def test_a_bad_period_is_a_located_error(tmp_path: Path) -> None:
    runbooks = RUNBOOKS.replace("review_every: 3 months", "review_every: quarterly", 1)
    issues = _issues(tmp_path, runbooks)
    line = _line_of(runbooks, "review_every: quarterly")
    assert issues == [
        f"data/runbooks.yaml:{line}:19: error: expected 'review_every' of runbook 'service-down' to be a period such as 90d, 6w, 3m or 1y, "
        "but got 'quarterly'\n"
        "    hint: write a number and a unit: 90d, 6 weeks, 3 months, 1 year"
    ]


def test_freshness_in_words_and_the_stale_critical_runbooks(tmp_path: Path) -> None:
    runbooks = RUNBOOKS.replace("last_reviewed: 2026-12-06", "last_reviewed: 2025-01-10", 1)  # service-down, critical
    (tmp_path / "d").mkdir()
    data, issues = load_all([(p, p.name) for p in (_write(tmp_path / "d", runbooks))])
    assert not issues
    on = datetime.date(2026, 12, 6)
    stale = stale_runbooks(data, on)
    assert [f.runbook.id for f in stale] == ["service-down"]
    assert stale[0].words == "Review past due by 605 days: last reviewed 2025-01-10, due every 3 months, so by 2025-04-10."
    redis = next(r for r in data.runbooks if r.id == "redis-down")
    assert redis.severity is Severity.HIGH
    assert freshness(redis, on).words == "Reviewed 2026-12-06; next review due by 2027-03-06 (every 3 months)."
    later = [f.runbook.id for f in stale_runbooks(data, datetime.date(2027, 3, 7), severity=None)]
    assert later[0] == "service-down" and sorted(later[1:]) == later[1:] and set(later) == {r.id for r in data.runbooks}  # most overdue first


def _write(folder: Path, runbooks: str) -> list[Path]:
    (folder / "realserv-launch.yaml").write_text(CHECKLIST, encoding="utf-8")
    (folder / "runbooks.yaml").write_text(runbooks, encoding="utf-8")
    return data_files(folder)


def test_check_warns_of_a_stale_runbook_and_still_passes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = make_project(tmp_path / "p")
    text = RUNBOOKS.replace("last_reviewed: 2026-12-06", "last_reviewed: 2026-01-12", 1)
    (project / "data" / "runbooks.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(datetime.datetime(2026, 12, 6, tzinfo=datetime.timezone.utc).timestamp())))
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 0, result.stderr
    line = _line_of(text, "id: service-down")
    assert (
        f"data/runbooks.yaml:{line}:5: warning: runbook 'service-down' (critical) is past its review date by 238 day(s): "
        "last reviewed 2026-01-12, due 2026-04-12\n"
        "    hint: have its owner (DevOps Lead (on-call)) read it through, then set last_reviewed: 2026-12-06"
    ) in result.stderr
    assert os.environ["SOURCE_DATE_EPOCH"]


# ---- on a phone: the first screen, one jump to a command, copy buttons clear of text ----------

PHONE = {"width": 390, "height": 844}
COPY = "[data-md-type=copy], .md-clipboard"  # Material's copy button (its 9.6 markup, and the older one)
# Code text rectangles that a copy button overlaps, and how far the page scrolls sideways.
_COVERED = """() => {
  const hits = [];
  for (const pre of document.querySelectorAll('article pre')) {
    const button = pre.querySelector('%s');
    if (!button) continue;
    const b = button.getBoundingClientRect();
    const walker = document.createTreeWalker(pre.querySelector('code'), NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) {
        if (r.width && r.left < b.right && r.right > b.left && r.top < b.bottom && r.bottom > b.top) hits.push(node.textContent.slice(0, 40));
      }
    }
  }
  return {hits, sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth};
}""" % COPY


# Words of commands (in blocks of code and in a line of text) that a line break cuts although they would fit on one line
# ("--" at a line's end, "task-definition" at the next one's start reads as another command), words that go on from the
# line above without an indent (three lines of one command read as three commands), and code whose text as copied
# (innerText) is not the command's.
_CUT_WORDS = """() => {
  const cut = [], flush = [], changed = [];
  for (const code of document.querySelectorAll('article code')) {  // blocks of code, and code in a line of text
    const style = getComputedStyle(code), block = code.parentElement.tagName === 'PRE';
    const wraps = !['pre', 'nowrap'].includes(style.whiteSpace) || [...code.children].some((c) => getComputedStyle(c).whiteSpace === 'pre-wrap');
    if (!wraps || !code.checkVisibility()) continue;  // a closed panel's code shows nothing
    if (code.innerText.trimEnd() !== code.textContent.trimEnd()) changed.push(code.textContent.slice(0, 40));  // the copy button copies innerText
    const room = block ? code.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - (parseFloat(style.textIndent) || 0)
      : code.parentElement.closest('p, li, dd, dt, td, th, div').clientWidth;
    const nodes = [], walker = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    const text = nodes.map((n) => n.nodeValue).join('');
    let line = null, left = null, after = 0;
    for (const m of text.matchAll(/\\S+/g)) {
      const range = document.createRange();
      let at = 0;
      for (const n of nodes) {
        const end = at + n.nodeValue.length;
        if (m.index >= at && m.index < end) range.setStart(n, m.index - at);
        if (m.index + m[0].length > at && m.index + m[0].length <= end) range.setEnd(n, m.index + m[0].length - at);
        at = end;
      }
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const width = rects.reduce((sum, r) => sum + r.width, 0);
      if (new Set(rects.map((r) => Math.round(r.bottom))).size > 1 && width <= room) cut.push(m[0]);
      const hard = m.index === 0 || text.slice(after, m.index).includes('\\n');  // a line of its own, not one going on
      after = m.index + m[0].length;
      if (!rects.length || !block) continue;
      if (line !== Math.round(rects[0].bottom)) {  // the word starts a line on the screen
        if (left === null) left = rects[0].left;
        if (hard ? Math.abs(rects[0].left - left) > 1 : rects[0].left < left + 4) flush.push(m[0]);
      }
      line = Math.round(rects[rects.length - 1].bottom);
    }
  }
  return {cut, flush, changed};
}"""


def _inside(box: dict | None, height: int = PHONE["height"], width: int = PHONE["width"]) -> bool:
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] >= 0 and box["x"] + box["width"] <= width


@pytest.mark.browser
def test_on_a_phone_in_dark_mode_every_runbook_puts_a_command_one_jump_from_the_first_screen(browser, served_pages: str, site: Path) -> None:
    from .conftest import ARTIFACTS

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark")
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    runbooks = sorted(p.parent.name for p in (site / "runbooks").glob("*/index.html"))
    assert len(runbooks) == 6
    for name in runbooks:
        page.goto(f"{served_pages}/runbooks/{name}/")
        page.wait_for_selector(f"article pre :is({COPY})", state="attached")  # Material's copy buttons are in
        assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
        first_screen = {
            "title": page.locator("article h1").bounding_box(),
            "severity": page.locator("article .cl-severity").bounding_box(),
            "dashboards": page.locator("article .cl-dashboards a").first.bounding_box(),
            **{label: page.locator("nav.cl-jump a", has_text=label).bounding_box() for label in ("Mitigate", "Roll back", "Escalate")},
        }
        assert {what: box for what, box in first_screen.items() if not _inside(box)} == {}, name
        page.screenshot(path=str(ARTIFACTS / f"phone-dark-runbook-{name}.png"))
        found = page.evaluate(_COVERED)
        assert found == {"hits": [], "sideways": 0}, name
        page.locator("nav.cl-jump a", has_text="Mitigate").click()  # the one jump
        page.wait_for_function("() => location.hash === '#mitigation'")
        command = page.locator("#mitigation ~ ol").first.locator("pre").first
        assert _inside(command.bounding_box()), name
        page.screenshot(path=str(ARTIFACTS / f"phone-dark-runbook-{name}-mitigate.png"))
    context.close()


# Every copy button of a command in a sentence, scrolled to the middle of the screen: the room it takes in its line, and
# the points of a 24 x 24 px square centred on it (WCAG 2.5.8's least target) where a tap would not reach it.
_TAP_AREA = """() => [...document.querySelectorAll('article .cl-copy-inline')].map((button) => {
  button.scrollIntoView({block: 'center', inline: 'nearest'});
  const r = button.getBoundingClientRect(), x = r.left + r.width / 2, y = r.top + r.height / 2, style = getComputedStyle(button);
  const square = [[-11.5, -11.5], [11.5, -11.5], [-11.5, 11.5], [11.5, 11.5], [0, -11.5], [0, 11.5], [-11.5, 0], [11.5, 0]];
  const missed = square.filter(([dx, dy]) => { const at = document.elementFromPoint(x + dx, y + dy); return !(at && button.contains(at)); });
  return [r.width + parseFloat(style.marginLeft) + parseFloat(style.marginRight), missed];  // the room it takes in its line
})"""


# Code in a line of text whose words are kept whole, laid out in the article at widths from 200 to 360 px: each place
# where the text touching its start ("(") went to another line than its first word.
_STRANDED = """() => {
  const article = document.querySelector('article'), width = article.style.width, stranded = new Set();
  const top = (node, from, to) => { const r = document.createRange(); r.setStart(node, from); r.setEnd(node, to); return r.getClientRects()[0].top; };
  for (let w = 200; w <= 360; w += 4) {
    article.style.width = w + 'px';
    for (const code of article.querySelectorAll(':not(pre) > code')) {
      const words = code.querySelectorAll(':scope > .cl-word');
      if (!words.length || !code.checkVisibility()) continue;
      const before = code.previousSibling;
      if (before && before.nodeType === 3 && /\\S$/.test(before.nodeValue)) {
        const n = before.nodeValue.length;
        const apart = Math.abs(top(before, n - 1, n) - words[0].getClientRects()[0].top) > 6;
        if (apart) stranded.add(before.nodeValue.slice(-12) + '|' + code.textContent.slice(0, 20));
      }
    }
  }
  article.style.width = width;
  return [...stranded];
}"""


# The copy buttons' icons (masks over a background colour: Material's on a block, ours in a sentence) and whether each is
# painted in a colour of its own or in the page's background colour (unseen; forced colours give a background the
# page's, keeping its alpha).
_DRAWN_ICONS = """() => {
  const rgb = (colour) => colour.match(/[\\d.]+/g).slice(0, 3).join(',');
  const page = rgb(getComputedStyle(document.body).backgroundColor), drawn = [], unseen = [];
  for (const [selector, pseudo] of [['article [data-md-type=copy], article .md-clipboard', '::after'], ['article .cl-copy-inline', '']]) {
    for (const button of document.querySelectorAll(selector)) {
      const colour = getComputedStyle(button, pseudo).backgroundColor;
      (rgb(colour) === page || colour === 'rgba(0, 0, 0, 0)' ? unseen : drawn).push(button.className + ' ' + colour);
    }
  }
  return {drawn, unseen};
}"""


@pytest.mark.browser
def test_on_a_phone_rollback_steps_are_numbered_each_with_its_command_and_copy_button(browser, served_pages: str) -> None:
    """One tap on a copy button, the command's block or a command in a sentence (how to find a variable's value), puts
    exactly the command on the clipboard: no prompt, no line numbers, no trailing space."""
    from .conftest import ARTIFACTS

    data, _ = load_all([(p, p.name) for p in data_files(ROOT / "data")])
    rollback = data.checklists[0].rollback
    assert rollback is not None
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark", permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(f"{served_pages}/checklists/realserv-launch/rollback/")
    page.wait_for_selector(f"article pre :is({COPY})", state="attached")
    steps = page.locator("#steps ~ ol > li")
    assert steps.count() == 7
    assert page.evaluate("() => getComputedStyle(document.querySelector('#steps ~ ol')).listStyleType") == "decimal"
    for n in range(7):
        assert steps.nth(n).locator(f"pre :is({COPY})").count() == 1, n
    assert "$SERVICE" in page.locator("dl.cl-variables").inner_text()
    assert page.evaluate(_COVERED) == {"hits": [], "sideways": 0}
    page.locator(f".cl-start pre :is({COPY})").tap()
    expect(page.get_by_text("Copied to clipboard")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == rollback.steps[0].command
    commands = page.locator("article :not(pre) > code:is(:has(.cl-copy-inline), :has(+ .cl-copy-inline))")  # each with its button
    assert commands.count() == page.locator("article .cl-copy-inline").count() >= 3
    for room, missed in page.evaluate(_TAP_AREA):  # a thumb's target taking a letter's room: no text moved for it
        assert room < 22 and missed == [], (room, missed)
    line = page.locator("dl.cl-variables dd", has_text="aws rds describe-db-instances")  # how to find $DB_INSTANCE
    want = (line.locator("code", has_text="aws rds describe-db-instances").text_content() or "").strip()
    assert want.startswith("aws rds describe-db-instances --query '")
    line.locator(".cl-copy-inline").tap()
    page.wait_for_function("async (want) => (await navigator.clipboard.readText()) === want", arg=want)
    assert page.evaluate(_STRANDED) == []  # "(" stays with the command it opens, at any width (checklist.js for ours)
    page.emulate_media(forced_colors="active")  # high contrast: the copy buttons are drawn, not the page's colour
    icons = page.evaluate(_DRAWN_ICONS)
    assert len(icons["drawn"]) >= 10 and icons["unseen"] == [], icons
    page.emulate_media(forced_colors="none")
    page.locator("nav.cl-jump a", has_text="Steps").click()
    page.screenshot(path=str(ARTIFACTS / "phone-dark-rollback-steps.png"))
    page.goto(f"{served_pages}/checklists/realserv-launch/rollback/#rollback-services")  # a link to a step: its mark
    page.wait_for_selector("li.cl-landed")
    mark = page.evaluate(LANDING_MARK, "rollback-services")  # drawn around the step and its number, in the column
    assert mark["style"] == "solid" and 0 < mark["mark"]["left"] < steps.nth(3).bounding_box()["x"] - 16 and mark["sideways"] == 0, mark
    context.close()


# An in-app browser (the alarm's link opened from a chat or mail app's notification): no Clipboard API, copying refused.
_WEBVIEW = """Object.defineProperty(Navigator.prototype, 'clipboard', {get() { return undefined; }});
document.execCommand = () => false;
document.addEventListener('copy', (e) => { window.copied = e.target.value; }, true);"""

# An item's details with three code blocks, as the pages write them: a here-document with a tab and a line's trailing
# blanks, a command, and a command with a backslash and a blank at its line's end.
_BLOCKS = ("cat <<-EOF > /tmp/x.conf\n\tkey = value  \n\tEOF", "echo two", "dir C:\\ \nset X=1")
_DETAILS = '<div class="cl-details">' + "".join(
    f'<div class="highlight"><pre><span></span><code>{block}\n</code></pre></div>' for block in _BLOCKS
) + "</div></li>"


@pytest.mark.browser
def test_in_an_in_app_browser_every_copy_button_gives_its_own_command_and_says_what_it_did(browser, served_pages: str) -> None:
    """In a WebView without the Clipboard API, where copying is refused, clipboard.js said 'Copied to clipboard' and
    copied nothing, and nothing was selected to copy by hand. Each button now copies where the browser lets it, else
    selects its command and says so, in a live region a screen reader reads. Every code block of an item copies itself
    (Material gave all of an item's blocks the item's id: each button copied the first), exactly as shown, and each
    button is named by its command, no block a navigation landmark."""
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    context.add_init_script(_WEBVIEW)
    page = context.new_page()
    url = f"{served_pages}/checklists/realserv-launch/security/"

    def with_blocks(route) -> None:  # type: ignore[no-untyped-def]
        html = route.fetch().text()
        item = html.index('id="firebase-authentication-configured-prod"')
        route.fulfill(body=html[:item] + html[item:].replace("</li>", _DETAILS, 1), content_type="text/html")

    page.route(url, with_blocks)
    page.goto(url)
    page.wait_for_load_state("load")
    buttons = page.locator(f"#firebase-authentication-configured-prod pre :is({COPY})")
    assert buttons.count() == 3
    for n, block in enumerate(_BLOCKS):
        assert buttons.nth(n).get_attribute("aria-label") == "Copy " + block.split("\n")[0].strip()
        buttons.nth(n).tap()
        expect(page.locator(".md-dialog__inner")).to_contain_text("Not copied")
        assert page.evaluate("String(getSelection())") == block, n  # selected on the page: press and hold, Copy
    page.evaluate("delete document.execCommand")  # a browser that lets a page copy: what it copied
    for n, block in enumerate(_BLOCKS):
        buttons.nth(n).tap()
        expect(page.locator(".md-dialog__inner")).to_have_text("Copied to clipboard")
        assert page.evaluate("window.copied") == block, n
    assert page.locator(".md-dialog__inner").get_attribute("role") == "status"
    assert page.locator("article nav.md-code__nav:not([role=none])").count() == 0  # no landmark a block
    context.close()


_FOCUSED = """() => { const e = document.activeElement, r = e.getBoundingClientRect();
  const at = r.width ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
  return {label: e.getAttribute('aria-label') || e.textContent.trim().slice(0, 40), drawer: !!e.closest('.md-sidebar--primary'),
          seen: !!at && (e.contains(at) || at.contains(e)), open: document.getElementById('__drawer').checked}; }"""


@pytest.mark.browser
def test_by_keyboard_on_a_phone_the_first_command_is_a_few_tabs_away_and_the_navigation_opens(browser, served_pages: str) -> None:
    """The closed navigation drawer of a phone waits out of sight beside the page: its links were in the tab order, 37
    presses of Tab through links nobody sees (the focus ring off the screen) before the first command's copy button.
    Closed, it is out of the tab order; its button in the header is reached and opens it (Enter), focus going to its
    first link in sight, and focus leaving it closes it."""
    context = browser.new_context(viewport=SMALL_PHONE)
    page = context.new_page()
    page.goto(f"{served_pages}/runbooks/service-down/")
    page.wait_for_load_state("load")
    stops = []
    for _ in range(15):
        page.keyboard.press("Tab")
        stops.append(page.evaluate(_FOCUSED))
        if stops[-1]["label"].startswith("Copy aws ecs update-service"):
            break
    assert stops[-1]["label"].startswith("Copy aws ecs update-service") and len(stops) <= 12, stops  # 44 before
    assert not [stop for stop in stops if stop["drawer"]], stops
    page.keyboard.press("Shift+Tab")
    page.evaluate("() => window.scrollTo(0, 0)")
    page.locator(".md-header label[for='__drawer']").focus()
    assert page.evaluate(_FOCUSED)["label"] == "Navigation"
    page.keyboard.press("Enter")
    page.wait_for_function("() => !!document.activeElement.closest('.md-sidebar--primary')")
    opened = page.evaluate(_FOCUSED)
    assert opened["open"] and opened["seen"], opened
    for _ in range(40):
        page.keyboard.press("Tab")
        if not page.evaluate(_FOCUSED)["drawer"]:
            break
    assert not page.evaluate(_FOCUSED)["open"]  # left: closed, the page it covered in sight
    context.close()


@pytest.mark.browser
def test_with_javascript_off_one_tap_selects_a_whole_command_and_the_menu_opens(browser, served_pages: str) -> None:
    """A browser with scripts off (a locked-down phone, a page saved to disk) has no copy button: one tap on a command,
    in its block or in a sentence, selects exactly the command (no line break after it) to copy; the menu still opens."""
    data, _ = load_all([(p, p.name) for p in data_files(ROOT / "data")])
    rollback = data.checklists[0].rollback
    assert rollback is not None
    context = browser.new_context(viewport={"width": 320, "height": 568}, is_mobile=True, has_touch=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_pages}/checklists/realserv-launch/rollback/")
    assert page.locator(f"article :is({COPY}, .cl-copy-inline)").count() == 0
    assert page.evaluate(_CUT_WORDS) == {"cut": [], "flush": [], "changed": []}  # commands broken between their words only
    blocks = page.evaluate(_MARKED_VARIABLES, ".nv")  # and the values to fill in marked, as with scripts on
    assert len(blocks) >= 8 and [[text, [n for n, _ in shell_variables(text)]] for text, _ in blocks] == blocks
    page.locator(".cl-start pre > code").tap()
    assert page.evaluate("getSelection().toString()") == rollback.steps[0].command
    code = page.locator("dl.cl-variables dd code", has_text="aws rds describe-db-instances")  # how to find $DB_INSTANCE
    code.scroll_into_view_if_needed()
    page.touchscreen.tap(*code.evaluate("c => { const r = c.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }"))
    assert page.evaluate("getSelection().toString()") == (code.text_content() or "").strip()
    page.locator(".md-header label[for=__drawer]").tap()
    expect(page.locator(".md-nav--primary a", has_text="Security").first).to_be_visible()
    page.goto(f"{served_pages}/runbooks/database-connection-pool-exhausted/")  # a longer title: the header's second one,
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0  # hidden, stays in
    assert page.evaluate(_STRANDED) == []  # the data's code keeps the "(" that opens it (escape.md), at any width
    context.close()


@pytest.mark.browser
def test_a_runbook_read_once_reloads_with_the_network_cut_and_online_is_never_stale(browser, site: Path, tmp_path: Path) -> None:
    """The engineer reads a runbook, goes where there is no signal, and the phone reloads the tab (a reload, a tab the
    browser discarded while the terminal was open): the page comes back, styled, at its #fragment, from the copy the
    site's worker (checklist-sw.js) kept of it and of what it loaded at its first reading. Online, every reload is the
    site's page as it is now, never the kept copy. The network is cut for real: the server is shut down.
    Nothing is kept for ever: after a new release of the theme (its bundle.<hash>.min.js renamed), the old bundle stays
    while a kept page still uses it and is evicted once every kept page has been read with the new one."""
    from .conftest import serve_dir

    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    pages = {name: copy / "runbooks" / name / "index.html" for name in ("redis-down", "service-down")}
    old = next((copy / "assets" / "javascripts").glob("bundle.*.min.js")).name
    new = "bundle.0123abcd.min.js"
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    kept = "async () => (await (await caches.open('checklist-site-pages-read-v1')).keys()).map((r) => new URL(r.url).pathname)"

    def keeps(path: str, there: bool = True) -> set[str]:
        for _ in range(100):  # the page says what it loaded once the worker is ready; the worker keeps and evicts then
            found = set(page.evaluate(kept))
            if (path in found) is there:
                return found
            page.wait_for_timeout(50)
        raise AssertionError(f"{path} {'never kept' if there else 'never evicted'}: {sorted(found)}")

    with serve_dir(copy, without_search=True) as base:
        page.goto(f"{base}runbooks/service-down/")
        keeps("/runbooks/service-down/")
        page.goto(f"{base}runbooks/redis-down/#mitigation")
        found = keeps("/runbooks/redis-down/")
        assert {"/assets/stylesheets/web.css", "/assets/javascripts/checklist.js", f"/assets/javascripts/{old}"} <= found
        (copy / "assets" / "javascripts" / old).rename(copy / "assets" / "javascripts" / new)  # the theme upgraded
        for name, path in pages.items():
            text = path.read_text(encoding="utf-8").replace(old, new)
            path.write_text(text.replace("Run first", "Run this first") if name == "redis-down" else text, encoding="utf-8")
        page.reload()  # online: the page as the site has it now, not the copy kept
        assert page.locator(".cl-start strong").first.inner_text() == "Run this first"
        found = keeps(f"/assets/javascripts/{new}")
        assert f"/assets/javascripts/{old}" in found  # service-down's copy still uses it
        page.goto(f"{base}runbooks/service-down/")
        page.reload()  # its page as the site has it now (a link followed may take the browser's HTTP cache's)
        keeps(f"/assets/javascripts/{old}", there=False)  # no kept page uses it any more
        page.goto(f"{base}runbooks/redis-down/#mitigation")
    page.reload()  # the server is gone: the copy kept at the last reading
    assert page.locator(".cl-start strong").first.inner_text() == "Run this first" and page.url.endswith("#mitigation")
    assert page.evaluate("getComputedStyle(document.querySelector('.cl-start')).borderLeftStyle") == "solid"  # web.css kept too
    page.wait_for_function("() => document.querySelector('.md-clipboard, [data-md-type=copy]')")  # and the new bundle, run
    with pytest.raises(Exception, match="ERR_"):
        page.goto(f"{base}runbooks/high-error-rate/")  # a page never read is not there: the browser says it is offline
    context.close()


def test_the_command_to_run_first_is_the_first_mitigation_command_else_the_first_diagnosis_command() -> None:
    import dataclasses

    from generator.format.oncall import first_command

    data, _ = load_all([(p, p.name) for p in data_files(ROOT / "data")])
    redis = next(r for r in data.runbooks if r.id == "redis-down")
    found = first_command(redis)
    assert found is not None and (found.anchor, found.words, found.number) == ("mitigation", "mitigation step", 1)
    assert found.step.command == redis.mitigation[0].command and found.variables == ()
    promote = first_command(dataclasses.replace(redis, mitigation=redis.mitigation[1:]))
    assert promote is not None and promote.variables == ("REPLICA_ID",)  # linked to Set first
    words_only = tuple(dataclasses.replace(a, command=None) for a in redis.mitigation)
    fallback = first_command(dataclasses.replace(redis, mitigation=words_only))
    assert fallback is not None and (fallback.anchor, fallback.words, fallback.number) == ("diagnosis", "diagnosis step", 1)
    none = first_command(dataclasses.replace(redis, mitigation=words_only, diagnosis=tuple(dataclasses.replace(a, command=None) for a in redis.diagnosis)))
    assert none is None
    rollback = data.checklists[0].rollback
    assert rollback is not None
    step = first_command(rollback)
    assert step is not None and (step.anchor, step.words, step.number) == ("rollback-decision", "step", 1)


SMALL_PHONE = {"width": 360, "height": 740}
SMALL = (SMALL_PHONE["height"], SMALL_PHONE["width"])
# Where the first mitigation command of the page stands: the first block of code holding exactly that command whose
# whole box is on the first screen (none: where the first one is), and where its copy button is.
_FIRST_COMMAND = """(command) => {
  const blocks = [...document.querySelectorAll('article pre')].filter((pre) => pre.querySelector('code').textContent.trim() === command);
  const box = (el) => { if (!el) return null; const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, width: r.width, height: r.height}; };
  const fits = (r) => r && r.y >= 0 && r.y + r.height <= innerHeight && r.x >= 0 && r.x + r.width <= innerWidth;
  const pre = blocks.find((b) => fits(box(b))) || blocks[0];
  return pre ? {pre: box(pre), copy: box(pre.querySelector('%s')), count: blocks.length} : null;
}""" % COPY


# The first screen of a runbook: where the first two lines of the Run first command end (its whole, if shorter), the
# bottom of its copy button, how far the page scrolls sideways, and the parts above it in the page that are not shown.
_FIRST_SCREEN = """() => {
  const start = document.querySelector('article .cl-start'), pre = start.querySelector('pre'), code = pre.querySelector('code');
  const style = getComputedStyle(code), r = code.getBoundingClientRect(), copy = pre.querySelector('%s');
  const top = r.top + parseFloat(style.paddingTop), line = parseFloat(style.lineHeight);
  const parts = ['article h1', 'article .cl-meta', 'article .cl-start-step', 'article .cl-start-set'];
  return {lines: Math.round(Math.min(top + 2 * line, r.bottom - parseFloat(style.paddingBottom))),
          copy: copy && Math.round(copy.getBoundingClientRect().bottom),
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          unseen: parts.flatMap((s) => [...document.querySelectorAll(s)])
            .filter((e) => !e.checkVisibility() || e.getBoundingClientRect().height < 10).map((e) => e.className || e.tagName)};
}""" % COPY

# Every block of a command on the page: its text, and the variables marked in it as values to fill in (bold, in another
# colour than the command's words), in order.
_MARKED_VARIABLES = """(marks) => [...document.querySelectorAll('article .cl-command pre > code')].map((code) => {
  const plain = getComputedStyle(code).color;
  const marked = [...code.querySelectorAll(marks)].filter((v) => {
    const style = getComputedStyle(v);
    return parseInt(style.fontWeight, 10) >= 700 && style.color !== plain;
  });
  return [code.textContent.trim(), marked.map((v) => v.textContent.replace(/^[$]/, ''))];
})"""


def _long_runbook_project(tmp_path: Path) -> tuple[Path, str]:
    """The shipped project with a runbook made as long as the format lets it: a title of three lines, three dashboards,
    six variables, twelve diagnosis steps with commands, and a first mitigation command of nearly the longest a line may be."""
    project = make_project(tmp_path / "long")
    command = (
        "aws elasticache modify-replication-group --replication-group-id realserv-prod-redis --primary-cluster-id \"$REPLICA_ID\" "
        "--apply-immediately --cache-parameter-group-name \"$PARAMETER_GROUP\" --security-group-ids \"$SECURITY_GROUP\" "
        "--snapshot-retention-limit 7 --snapshot-window 03:00-05:00 --preferred-maintenance-window sun:05:00-sun:07:00 "
        "--notification-topic-arn \"$TOPIC_ARN\" --auth-token-update-strategy ROTATE --auth-token \"$AUTH_TOKEN\" --log-delivery-configurations '[]'"
    )
    assert 400 < len(command) <= 500
    # A title of nine lines on a small phone, an owner and an alarm name of three, a first step naming four commands.
    title = "Redis down in production, with every cache, rate limit and session of the platform " * 4
    text = RUNBOOKS.replace("    title: Redis down\n", f"    title: {title.strip()}\n", 1)
    text = text.replace(
        "    owner: DevOps Lead (on-call)\n    last_reviewed: 2026-12-06\n    review_every: 3 months\n    alarm_name: realserv-prod-redis-down\n",
        "    owner: DevOps Lead (on-call), then the platform team's second on-call engineer of the week\n    last_reviewed: 2026-12-06\n"
        f"    review_every: 3 months\n    alarm_name: realserv-prod-elasticache-{'replication-group-primary-unavailable-' * 2}redis-down\n",
        1,
    )
    words = "      - text: If failover is running, wait for it (usually under 2 minutes) and watch the database load."
    assert words in text
    named = (
        ", then `aws elasticache describe-events --duration 30`, `aws cloudwatch get-metric-data --region eu-west-1`, "
        "`redis-cli -h realserv-prod-redis.cache.example info replication` and `aws elasticache describe-replication-groups`"
    )
    text = text.replace(words, words[:-1] + named + ".", 1)
    old = "aws elasticache modify-replication-group --replication-group-id realserv-prod-redis --primary-cluster-id \"$REPLICA_ID\" --apply-immediately"
    first = "aws elasticache wait replication-group-available --replication-group-id realserv-prod-redis"
    assert old in text and first in text
    text = text.replace(old, "@@", 1).replace(first, command, 1).replace("@@", first, 1)  # the long command goes first
    step = "      - text: Check part {n} of the cluster, its nodes, their roles and their recent events.\n"
    steps = "".join(step.format(n=n) + f"        command: aws elasticache describe-events --max-items {n}\n" for n in range(12))
    diagnosis = "    diagnosis:\n      - text: Check the replication group's status"
    text = text.replace(diagnosis, diagnosis.replace("diagnosis:\n", "diagnosis:\n" + steps), 1)
    names = ("PARAMETER_GROUP", "SECURITY_GROUP", "TOPIC_ARN", "AUTH_TOKEN")
    extra = "".join(f"      - {{name: {v}, find: \"Where the cluster's {v} is kept.\", example: example-{v.lower()}}}\n" for v in names)
    text = text.replace("    variables:\n      - {name: REPLICA_ID", "    variables:\n" + extra + "      - {name: REPLICA_ID", 1)
    dashboards = "      - {title: RealServ cache, url: \"https://console.aws.amazon.com/cloudwatch/home#dashboards:name=realserv-prod-cache\"}\n"
    more = dashboards + dashboards.replace("RealServ cache", "RealServ databases") + dashboards.replace("RealServ cache", "RealServ services")
    assert dashboards in text
    text = text.replace(dashboards, more, 1)
    (project / "data" / "runbooks.yaml").write_text(text, encoding="utf-8")
    built = run_cli("-C", str(project), "build")
    assert built.returncode == 0, built.stderr
    return project, command


@pytest.mark.browser
def test_on_a_small_phone_every_runbook_shows_its_first_command_and_copy_button_on_the_first_screen(
    browser, served_pages: str, tmp_path: Path
) -> None:
    """360 x 740, the smallest phone in common use: the on-call engineer sees the command to run, and its copy button,
    without scrolling or a jump, on every shipped runbook, the rollback procedure (eight variables, seven steps) and a
    runbook with a title of nine lines, an alarm name of three, a first step naming four commands, twelve diagnosis
    steps and a first command of 480 characters; that one at 320 x 568 and on its side too. In every command the
    variables to fill in (those the shell reads, each listed under Set first) are marked, and nothing else."""
    from .conftest import ARTIFACTS, serve_dir

    data, _ = load_all([(p, p.name) for p in data_files(ROOT / "data")])
    first = {r.id: next(a.command for a in r.mitigation if a.command) for r in data.runbooks}
    rollback = data.checklists[0].rollback
    assert rollback is not None
    long_project, long_command = _long_runbook_project(tmp_path)
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    with serve_dir(long_project / "site", without_search=True) as long_base:
        pages = [(f"{served_pages}/runbooks/{name}/", name, command) for name, command in sorted(first.items())]
        pages.append((f"{served_pages}/checklists/realserv-launch/rollback/", "rollback", rollback.steps[0].command))
        for url, name, command in [*pages, (f"{long_base}runbooks/redis-down/", "long", long_command)]:
            page.goto(url)
            page.wait_for_selector(f"article pre :is({COPY})", state="attached")
            found = page.evaluate(_FIRST_COMMAND, command)
            page.screenshot(path=str(ARTIFACTS / f"phone-360-runbook-{name}.png"))
            assert found is not None, name
            if name == "long":  # 19 lines: its first ones on the first screen
                assert found["pre"]["y"] + 60 <= SMALL[0], found
            else:
                assert _inside(found["pre"], *SMALL), (name, found)
            assert _inside(found["copy"], *SMALL), (name, found)
            assert _inside(page.locator("article h1").bounding_box(), *SMALL), name
            assert page.evaluate(_COVERED) == {"hits": [], "sideways": 0}, name
            assert page.evaluate(_CUT_WORDS) == {"cut": [], "flush": [], "changed": []}, name
            blocks = page.evaluate(_MARKED_VARIABLES, ".cl-var")  # every $NAME the shell reads is marked, nothing else
            assert blocks and [[text, [n for n, _ in shell_variables(text)]] for text, _ in blocks] == blocks, name
        # The long one on the smallest phone (320 x 568) and on a phone on its side (740 x 360): title, meta line and the
        # step's words are cut to a few lines, the command's first lines and its copy button stay on the first screen
        # (below both before); a tap on the title shows it whole, another cuts it again.
        for width, height in ((320, 568), (740, 360)):
            page.set_viewport_size({"width": width, "height": height})
            found = page.evaluate(_FIRST_COMMAND, long_command)
            page.screenshot(path=str(ARTIFACTS / f"phone-{width}x{height}-runbook-long.png"))
            assert found["pre"]["y"] + 60 <= height and _inside(found["copy"], height, width), (width, found)
            assert page.evaluate(_COVERED)["sideways"] == 0, width
        # At 150% to 200% text too, upright and on its side (360 x 740 at 150% and 390 x 844 at 175% put it at 749 and 874 px).
        fonts, off = context.new_cdp_session(page), []
        for size in (24, 28, 32):
            fonts.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": size * 13 // 16}})
            for width, height in ((360, 740), (390, 844), (740, 360), (844, 390)):
                page.set_viewport_size({"width": width, "height": height})
                found = page.evaluate(_FIRST_SCREEN)
                if found["lines"] > height or not 0 < found["copy"] <= height or found["sideways"] or found["unseen"]:
                    off.append((size, width, height, found))
        assert off == []
        fonts.send("Page.setFontSizes", {"fontSizes": {"standard": 16, "fixed": 13}})
        page.set_viewport_size({"width": 740, "height": 360})
        title = page.locator("article h1")
        cut = title.bounding_box()["height"]
        title.click()
        assert title.bounding_box()["height"] >= 2 * cut  # its four lines (a fifth held its permalink alone before)
        title.click()
        assert title.bounding_box()["height"] == cut
        # Before checklist.js arrives (a slow network) the first screen is the same: nothing moves under a thumb when it does.
        cold = browser.new_context(viewport={"width": 320, "height": 568}, is_mobile=True, has_touch=True, service_workers="block")
        waiting = cold.new_page()
        waiting.route("**/checklist.js", lambda route: route.abort())
        waiting.goto(f"{long_base}runbooks/redis-down/")
        found = waiting.evaluate(_FIRST_COMMAND, long_command)
        assert found["pre"]["y"] + 60 <= 568 and not waiting.locator(".cl-clamp").count(), found
        cold.close()
    context.close()


def test_with_a_phones_large_text_no_runbook_title_ends_in_a_blank_line(browser, served_pages: str) -> None:
    """A phone's large text setting (here Chromium's default font size at 150%, 24 px), 360 x 740, dark: the title's
    permalink (an invisible '¶', Material shows it on hover) went to a line of its own after a title whose last line it
    fills ('Service down (health check fails)', 'S3 upload failures'): 45 px of the first screen blank above the command
    to run. Every runbook's title ends with its words, and the command's first lines and copy button are on the first screen."""
    data, _ = load_all([(p, p.name) for p in data_files(ROOT / "data")])
    first = {r.id: next(a.command for a in r.mitigation if a.command) for r in data.runbooks}
    context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True, color_scheme="dark", service_workers="block")
    page = context.new_page()
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}})
    blank = {}
    for name, command in sorted(first.items()):
        page.goto(f"{served_pages}/runbooks/{name}/")
        page.wait_for_selector(f"article pre :is({COPY})", state="attached")
        blank[name] = page.evaluate(_TITLE_BELOW_WORDS)
        found = page.evaluate(_FIRST_COMMAND, command)
        assert found["pre"]["y"] + 60 <= SMALL[0] and _inside(found["copy"], *SMALL), (name, found)
    assert all(below < 10 for below in blank.values()), blank  # a line is 45 px; the words' boxes end a few px above the line's
    context.close()


# The colours a page is painted in: every custom property of the body (Material's scheme, ours) and the colours of the
# first screen's parts.
_COLOURS = """() => {
  const out = {}, body = getComputedStyle(document.body);
  for (let i = 0; i < body.length; i++) if (body[i].startsWith('--')) out[body[i]] = body.getPropertyValue(body[i]).replace(/\\s+/g, ' ').trim();
  const parts = ['body', 'article h1', 'article .cl-meta', 'article .cl-severity', 'article .cl-start', 'article .cl-start pre > code'];
  for (const s of [...parts, 'article .cl-start a', 'article .cl-start .nv']) {
    const style = getComputedStyle(document.querySelector(s));
    out[s] = [style.color, style.backgroundColor, style.colorScheme].join(' / ');
  }
  return out;
}"""

@pytest.mark.browser
def test_with_javascript_off_dark_mode_and_large_text_keep_the_first_command_on_the_first_screen(browser, served_pages: str) -> None:
    """Scripts off (a locked-down phone): Material sets the dark scheme in a script, so the page stayed white in a dark
    room; the title, meta line and step's words were never cut, so at a phone's large text (150% and 200%) the first
    command sat below the first screen (its top at 685 px of 740 at 150%, at 1,084 px at 200%). Now the page takes the
    reader's scheme by CSS, every colour as with scripts on; the three are cut as with scripts, a tap shows one whole.
    (Every runbook's first command at large text, scripts off too: the test of every phone size below.)"""
    scripted = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark", service_workers="block")
    page = scripted.new_page()
    page.goto(f"{served_pages}/runbooks/service-down/")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    dark = page.evaluate(_COLOURS)
    scripted.close()
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, color_scheme="dark", java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served_pages}/runbooks/service-down/")
    assert page.evaluate(_COLOURS) == dark
    context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    page.goto(f"{served_pages}/runbooks/database-connection-pool-exhausted/")  # a title of three lines at 390 x 844, 200%
    title = page.locator("article h1")
    assert title.evaluate("h => h.scrollHeight > h.clientHeight")  # cut
    cut = title.bounding_box()["height"]
    title.tap()
    assert title.bounding_box()["height"] > cut  # whole while tapped (:hover), cut again by a tap elsewhere
    page.locator("article .cl-start pre > code").first.tap()
    assert title.bounding_box()["height"] == cut
    context.close()


# Phones held upright and on their side: the smallest, the most common and the largest.
PHONES = ((320, 568), (360, 740), (390, 844), (568, 320), (740, 360), (844, 390), (932, 430))


@pytest.mark.browser
def test_at_every_phone_size_on_its_side_too_and_text_size_the_first_command_is_on_the_first_screen(browser, served_pages: str, site: Path) -> None:
    """From every alarm's URL in the build's map (runbook-links.json) and the rollback procedure, with scripts and without,
    at 100%, 150% and 200% text: the first command's first two lines and its copy button are on the first screen, nothing
    scrolls sideways, and the title, the meta line and the step's words are all there. On a phone on its side at 150% the
    command's top was at 359 px of 360 (740 x 360), at 200% text upright at 581 px of 568 (320 x 568), and at 200% on a
    320 px screen the header and the step's 'Example: adapt the names' scrolled the page 24 px sideways."""
    links = json.loads((site / "runbook-links.json").read_text(encoding="utf-8"))
    urls = [entry["url"].replace("https://checklists.realserv.example", served_pages) for entry in links["alarms"].values()]
    assert len(urls) == 6 and all(url.startswith(served_pages) for url in urls)
    urls.append(f"{served_pages}/checklists/realserv-launch/rollback/")
    off = []
    for scripts in (True, False):
        context = browser.new_context(viewport=SMALL_PHONE, is_mobile=True, has_touch=True, java_script_enabled=scripts, service_workers="block")
        page = context.new_page()
        fonts = context.new_cdp_session(page)
        for url in urls:
            page.goto(url)
            if scripts:
                page.wait_for_selector(f"article .cl-start pre :is({COPY})", state="attached")
            for size in (16, 24, 32):  # Chromium's default font size at 100%, 150% and 200%
                fonts.send("Page.setFontSizes", {"fontSizes": {"standard": size, "fixed": size * 13 // 16}})
                for width, height in PHONES:
                    page.set_viewport_size({"width": width, "height": height})
                    found = page.evaluate(_FIRST_SCREEN)
                    if found["lines"] > height or (scripts and not 0 < found["copy"] <= height) or found["sideways"] or found["unseen"]:
                        off.append((scripts, url.removeprefix(served_pages), size, width, height, found))
        context.close()
    assert off == []


# Code whose words, laid out on one line, do not stand left to right in their order: (the code's first word, the words).
_WORDS_OUT_OF_ORDER = """() => {
  const out = [];
  for (const code of document.querySelectorAll('article code')) {
    const words = [...code.querySelectorAll(':scope > .cl-word')].map((w) => w.getBoundingClientRect()).filter((r) => r.width);
    for (let i = 1; i < words.length; i++) {
      if (Math.abs(words[i].top - words[i - 1].top) < 2 && words[i].left < words[i - 1].left) { out.push(code.textContent.slice(0, 60)); break; }
    }
  }
  return out;
}"""


# Words written right to left inside code (a Hebrew message in a command) that, one after the other on a line, stand left to
# right: (the word, the next).
_RIGHT_TO_LEFT_WORDS_OUT_OF_ORDER = """() => {
  const out = [];
  for (const code of document.querySelectorAll('article code')) {
    const words = [...code.querySelectorAll('.cl-word')].filter((w) => /[\\u0590-\\u05FF\\u0600-\\u06FF]/.test(w.textContent));
    for (let i = 1; i < words.length; i++) {
      const a = words[i - 1].getBoundingClientRect(), b = words[i].getBoundingClientRect();
      if (Math.abs(a.top - b.top) < 2 && b.left > a.left) out.push([words[i - 1].textContent, words[i].textContent]);
    }
  }
  return out;
}"""


@pytest.mark.browser
def test_right_to_left_text_keeps_commands_left_to_right_and_the_first_command_on_the_first_screen(browser, tmp_path: Path) -> None:
    """A runbook written in Hebrew and an item's text in Hebrew holding a command (a checklist kept in Hebrew or Arabic),
    with a table in the item's details, on a phone: a command's words, each an inline block, stood in reverse order
    inside the right-to-left text ('describe-cache-clusters elasticache' on the second line of
    `aws elasticache describe-cache-clusters ...`). Every code's words stand left to right, but for the words of a Hebrew
    message inside a command, which stand right to left (each word an inline block, they stood left to right, read
    backwards), and it copies as written; the first command and its copy button are on the first screen, the button
    beside the text; nothing scrolls sideways."""
    from .conftest import serve_dir

    project = make_project(tmp_path / "project")
    runbooks = RUNBOOKS.replace("    title: Redis down\n", '    title: "Redis לא זמין: שרת המטמון הראשי אינו מגיב 3"\n', 1)
    step = "      - text: If failover is running, wait for it (usually under 2 minutes) and watch the database load.\n"
    wait = "aws elasticache wait replication-group-available --replication-group-id realserv-prod-redis"
    assert step + f"        command: {wait}\n" in runbooks
    topic = "arn:aws:sns:eu-west-1:123456789012:realserv-alarms"  # a command with a Hebrew message: its words right to left
    command = f'aws sns publish --topic-arn {topic} --message "Redis לא זמין, ממתינים למעבר לגיבוי — 2 דקות" && {wait}'
    hebrew = "      - text: אם מתבצע מעבר לגיבוי, המתינו לסיומו (בדרך כלל פחות מ-2 דקות) ועקבו אחר עומס מסד הנתונים.\n"
    runbooks = runbooks.replace(step + f"        command: {wait}\n", hebrew + f"        command: {command}\n", 1)
    runbooks = runbooks.replace("    title: S3 upload failures\n", '    title: "فشل رفع الملفات إلى S3"\n', 1)
    item = "          - {id: redis-cluster-deployed-elasticache, text: Redis cluster deployed (ElastiCache)}\n"
    assert item in CHECKLIST
    host = "realserv-prod-redis-002.abcdef.0001.euw1.cache.amazonaws.com"
    table = f"| Node | Role | Endpoint |\n|---|---|---|\n| שרת משני | משני | `redis-cli -h {host} --tls ping` |\n"
    text = "אשכול Redis נפרס (ElastiCache) `aws elasticache describe-cache-clusters --show-cache-node-info`"
    written = item.replace("text: Redis cluster deployed (ElastiCache)", f"text: {json.dumps(text, ensure_ascii=False)}, details: {json.dumps(table)}")
    (project / "data" / "runbooks.yaml").write_text(runbooks, encoding="utf-8")
    (project / "data" / "realserv-launch.yaml").write_text(CHECKLIST.replace(item, written, 1), encoding="utf-8")
    built = run_cli("-C", str(project), "build")
    assert built.returncode == 0, built.stderr
    context = browser.new_context(
        viewport=SMALL_PHONE, is_mobile=True, has_touch=True, color_scheme="dark", service_workers="block", permissions=["clipboard-read", "clipboard-write"]
    )
    page = context.new_page()
    with serve_dir(project / "site", without_search=True) as base:
        page.goto(f"{base}checklists/realserv-launch/infrastructure/#redis-cluster-deployed-elasticache")
        assert page.evaluate(_WORDS_OUT_OF_ORDER) == []
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") == 0
        for name, first in (("redis-down", command), ("s3-upload-failures", None)):
            page.goto(f"{base}runbooks/{name}/")
            page.wait_for_selector(f"article pre :is({COPY})", state="attached")
            first = first or page.locator("article .cl-start pre code").first.text_content().strip()
            found = page.evaluate(_FIRST_COMMAND, first)
            assert _inside(found["pre"], *SMALL) and _inside(found["copy"], *SMALL), (name, found)
            assert page.evaluate(_COVERED) == {"hits": [], "sideways": 0}, name
            assert page.evaluate(_WORDS_OUT_OF_ORDER) == [], name
            assert page.evaluate(_RIGHT_TO_LEFT_WORDS_OUT_OF_ORDER) == [], name
        page.goto(f"{base}runbooks/redis-down/")
        hebrew_words = page.evaluate("[...document.querySelectorAll('article .cl-start code .cl-rtl .cl-word')].map((w) => w.textContent)")
        assert hebrew_words == ["לא", "זמין,", "ממתינים", "למעבר", "לגיבוי", "—", "2", 'דקות"'], hebrew_words  # one run, "Redis" before it
        page.locator(f"article .cl-start pre :is({COPY})").tap()
        page.wait_for_function("async (want) => (await navigator.clipboard.readText()) === want", arg=command)  # copied as written
    context.close()


# How far the title's box reaches below its words' last line (px).
_TITLE_BELOW_WORDS = """() => {
  const h1 = document.querySelector('article h1'), words = document.createRange();
  words.selectNodeContents(h1.firstChild);
  return Math.round(h1.getBoundingClientRect().bottom - Math.max(...[...words.getClientRects()].map(r => r.bottom)));
}"""


# ---- stale runbooks on the readiness page and at the gate ---------------------------------------

DEC_6 = str(int(datetime.datetime(2026, 12, 6, tzinfo=datetime.timezone.utc).timestamp()))


def _stale_project(tmp_path: Path, blocks: bool) -> Path:
    project = make_project(tmp_path / ("blocks" if blocks else "lists"))
    text = RUNBOOKS.replace("last_reviewed: 2026-12-06", "last_reviewed: 2026-01-12", 1)  # service-down: critical
    text = text.replace("last_reviewed: 2026-12-06", "last_reviewed: 2025-06-01", 1)  # high-error-rate: high, stale too but not critical
    if blocks:
        text = text.replace("checklist: realserv-launch\n", "checklist: realserv-launch\nstale_blocks_gate: true\n", 1)
    (project / "data" / "runbooks.yaml").write_text(text, encoding="utf-8")
    return project


@pytest.mark.parametrize("blocks", [False, True], ids=["listed", "blocking"])
def test_stale_runbooks_of_critical_alarms_are_listed_on_the_readiness_page_and_a_setting_makes_them_block_gate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], blocks: bool
) -> None:
    from generator.commands.progress import report
    from generator.format.readiness import readiness
    from generator.project import Project, check
    from generator.site.layout import Urls
    from generator.site.render import render

    monkeypatch.setenv("SOURCE_DATE_EPOCH", DEC_6)
    project = _stale_project(tmp_path, blocks)
    data = check(Project.at(project))
    page = render(data, Urls("https://checklists.realserv.example/")).pages["checklists/realserv-launch/readiness.md"]
    section = page.split("## Stale runbooks {#stale-runbooks}")[1].split("\n## ")[0]
    assert "[Service down (health check fails)](../../runbooks/service-down.md)" in section
    assert "Review past due by 238 days: last reviewed 2026-01-12, due every 3 months, so by 2026-04-12." in section
    assert "high-error-rate" not in section  # stale, but not a critical alarm
    assert ("These block the launch" in section) is blocks
    c = data.checklists[0]
    before = len(readiness(c, data.status(c.id)).blockers)
    assert f'NO-GO</strong>: <span data-n="blockers">{before + blocks}</span> blocker(s)' in page
    from generator.meeting import blocking_runbooks, live_blockers, live_state

    live = live_state(c, data.status(c.id), 1, blocking_runbooks(data, c.id))["readiness"]  # the meeting's live numbers count them too
    assert live["blockers"] == before + blocks and live["go"] is False and len(live_blockers(c, data.status(c.id), 1)["listed"]) == before
    assert report(project, site_url=None, gate=True, checklist=None, quiet=False) == 1
    out = capsys.readouterr().out
    assert f"NO-GO, {before + blocks} blocker(s)" in out
    assert "Runbooks of critical alarms past their review date" in out and "https://checklists.realserv.example/runbooks/service-down/" in out


# ---- links --check: templated runbook URLs, and the policy of which alerts need a runbook ---------

TEMPLATED = FIXTURES / "alarms-templated"


@pytest.fixture
def templated_project(tmp_path: Path) -> Path:
    from .test_alarms import ALARMS, ALERTS

    project = make_project(tmp_path / "p")
    runbooks = project / "data" / "runbooks.yaml"
    text = runbooks.read_text(encoding="utf-8")
    for runbook, alert in ALERTS.items():
        line = f"    alarm_name: realserv-prod-{runbook}\n"
        text = text.replace(line, line + f"    alerts: [{alert}]\n")
    runbooks.write_text(text, encoding="utf-8")
    for f in [*TEMPLATED.iterdir(), ALARMS / "describe-alarms.json"]:
        shutil.copy(f, project / f.name)
    return project


def test_links_check_expands_templated_runbook_urls_and_locates_one_it_cannot_expand(templated_project: Path) -> None:
    rules = templated_project / "mixin-rules.yml"
    result = run_cli("links", "--check", "describe-alarms.json", "mixin-rules.yml", cwd=templated_project)
    line = _line_of(rules.read_text(encoding="utf-8"), "{{ $labels.service }}-down/")
    assert result.returncode == 1
    assert result.stderr == (  # HighErrorRate ($labels.runbook) and HighLatencyP95 (.Labels.component | toLower) expand to their runbooks
        f"mixin-rules.yml:{line}:69: error: Prometheus alert 'RedisDown': cannot expand the runbook_url template {{{{ $labels.service }}}}: "
        "label 'service' is not set by the rule (the rule sets: alertname, severity); it would come from the query's series\n"
        "    hint: set 'service' under the rule's labels:, or build the runbook_url from the labels the rule sets\n"
        "1 problem(s) between 6 alarm(s) in 2 file(s) and 6 runbook(s)\n"
    )
    text = rules.read_text(encoding="utf-8").replace("{{ $labels.service }}-down/", "{{ toLower $labels.alertname }}/")
    rules.write_text(text.replace("{{ .Labels.component | toLower }}", "{{ .Labels.component | toUpper }}"), encoding="utf-8")
    result = run_cli("links", "--check", "describe-alarms.json", "mixin-rules.yml", cwd=templated_project)
    assert result.returncode == 1
    assert "Prometheus alert 'RedisDown' links https://checklists.realserv.example/runbooks/redisdown/, not its runbook's URL" in result.stderr
    assert "Prometheus alert 'HighLatencyP95' links https://checklists.realserv.example/runbooks/high-LATENCY-p95/" in result.stderr
    assert "2 problem(s)" in result.stderr


def test_links_check_policy_requires_a_runbook_only_for_alerts_with_the_label(templated_project: Path) -> None:
    rules = templated_project / "mixin-rules.yml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("{{ $labels.service }}", "redis"), encoding="utf-8")
    args = ("links", "--check", "describe-alarms.json", "mixin-rules.yml", "unowned-rules.yml")
    everything = run_cli(*args, cwd=templated_project)
    assert "'CertificateExpiresSoon' has no runbook" in everything.stderr and "'DiskFillingUp' has no runbook" in everything.stderr
    result = run_cli(*args, "--require", "severity=critical", cwd=templated_project)
    assert result.returncode == 1
    assert result.stderr == (
        "unowned-rules.yml:5:16: error: Prometheus alert 'CertificateExpiresSoon' has no runbook\n"
        "    hint: list it in a runbook's alerts: [CertificateExpiresSoon], or add a runbook for it\n"
        "1 problem(s) between 8 alarm(s) in 3 file(s) and 6 runbook(s); 1 alert(s) outside the --require policy have no runbook\n"
    )
    bad = run_cli(*args, "--require", "severity", cwd=templated_project)
    assert bad.returncode == 2 and "'severity' is not LABEL=VALUE (for example severity=critical)" in bad.stderr


@pytest.mark.parametrize(
    ("template", "expanded"),
    [
        ("https://x.test/{{ .Labels.alertname }}", "https://x.test/HighErrorRate"),
        ("https://x.test/{{- toUpper .Labels.team -}}/{{ index $labels \"team\" }}", "https://x.test/API/api"),
        ("https://x.test/{{ $value }}", "'$value' is the alert's value, known only when the alert fires"),
        ("https://x.test/{{ $labels.team | reReplaceAll \"a\" \"b\" }}", "function 'reReplaceAll \"a\" \"b\"' is not one `links --check` expands"),
        ("https://x.test/{{ if $labels.team }}x{{ end }}", "function 'if' is not one `links --check` expands (it expands toLower, toUpper, title)"),
        ("https://x.test/{{ printf \"%s\" $labels.team 1 }}", "it is not a label reference with functions"),
    ],
)
def test_grafana_and_prometheus_templates_expand_or_say_why_not(template: str, expanded: str) -> None:
    from generator.errors import Loc
    from generator.exchange.alarms import Alarm, System
    from generator.exchange.templated import expand_links

    alarm = Alarm("HighErrorRate", System.GRAFANA, (template,), Loc("g.yaml", 3, 5), Loc("g.yaml", 9, 24), (("team", "api"),))
    done = expand_links(alarm)
    if done.issue is None:
        assert done.alarm.links == (expanded,)
    else:
        assert expanded in done.issue.message and done.issue.hint and done.issue.message.startswith("Grafana alert rule 'HighErrorRate': cannot expand")


def test_links_fix_keeps_a_template_that_expands_to_the_runbook_and_replaces_one_that_does_not(templated_project: Path) -> None:
    rules = templated_project / "mixin-rules.yml"
    before = rules.read_text(encoding="utf-8")
    result = run_cli("links", "--fix", "mixin-rules.yml", cwd=templated_project)
    after = rules.read_text(encoding="utf-8")
    assert result.returncode == 0, result.stderr
    assert after == before.replace(
        "https://checklists.realserv.example/runbooks/{{ $labels.service }}-down/", "https://checklists.realserv.example/runbooks/redis-down/"
    )
    assert '"https://checklists.realserv.example/runbooks/{{ $labels.runbook }}/"' in after and "{{ .Labels.component | toLower }}" in after


@pytest.mark.browser
def test_a_page_built_before_the_review_fell_due_says_stale_on_the_readers_day(browser, served_pages: str) -> None:
    page = browser.new_page(viewport=PHONE)
    page.clock.set_fixed_time(datetime.datetime(2031, 1, 10, 12, 0))  # long after every shipped review falls due
    page.goto(f"{served_pages}/runbooks/redis-down/")
    line = page.locator("p.cl-freshness")
    assert "cl-freshness--stale" in (line.get_attribute("class") or "")
    text = line.inner_text()
    assert text.startswith("Stale: Review past due by ") and "said by this page on 2031-01-10" in text
    page.close()
