"""Launch day in real Chromium: ticking boxes and recording them, landing on items, search, phones, dark mode, axe-core."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import ARTIFACTS, TABS, Loads, loaded, make_project

pytestmark = pytest.mark.browser
BASE = "/checklists/realserv-launch"
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 740}


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


@pytest.fixture(scope="module")
def desktop(browser) -> Any:
    """The pages of one desktop browser (1280 x 900) that tests reading the same page share, each URL loaded once (conftest.Loads)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Loads(context)
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


def shot(page, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full_page)


def tick(page, ident: str) -> None:
    """Click an item's box where it is drawn, as a user does (the input itself sits under its drawing)."""
    box = page.locator(f"li#{ident}").get_by_role("checkbox").first
    box.evaluate("b => b.scrollIntoView({block: 'center'})")
    drawn = page.locator(f"li#{ident} .task-list-indicator").first.bounding_box()  # in ordered lists the drawing is inline
    where = drawn if drawn and drawn["width"] > 0 else box.bounding_box()
    assert where is not None
    page.mouse.click(where["x"] + where["width"] / 2, where["y"] + where["height"] / 2)
    expect(box).to_be_checked()


def built_pages(site: Path) -> list[str]:
    """Every page of the built site, as URL paths from its root."""
    return sorted(p.relative_to(site).as_posix().removesuffix("index.html") for p in site.rglob("*.html") if p.name != "404.html")


# ---- ticking in the browser ----


def test_tick_survives_reload_and_looks_unrecorded(page, served_pages: str) -> None:
    page.goto(f"{served_pages}{BASE}/security/")
    item = page.locator("li#jwt-token-validation-working")
    box = item.get_by_role("checkbox", name=re.compile("JWT token validation working in all 7 services"))
    expect(box).to_be_enabled()
    expect(box).not_to_be_checked()
    # From the keyboard, with a visible focus ring on the drawn box.
    box.focus()
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    ring = page.evaluate("() => getComputedStyle(document.querySelector('li#jwt-token-validation-working .task-list-indicator'), '::before').outlineStyle")
    assert ring == "solid"
    expect(item.locator(".cl-local-tag")).to_have_text("ticked here, not recorded")
    group = page.locator("h2#authentication-authorization + .cl-group-progress")
    expect(group).to_contain_text("1 of 6 resolved (0 recorded, 1 ticked here)")
    shot(page, "tick-security-light")
    page.reload()
    box = page.locator("li#jwt-token-validation-working").get_by_role("checkbox")
    expect(box).to_be_checked()
    expect(page.locator(".cl-page-progress")).to_contain_text("1 of 31 resolved")
    # The overview counts it for its section.
    page.goto(f"{served_pages}{BASE}/")
    expect(page.locator('.cl-count[data-section="security"]')).to_contain_text("1 of 31 resolved (0 recorded, 1 ticked here)")
    # Start over clears it, and Undo brings it back.
    page.get_by_role("button", name="Start over").click()
    expect(page.locator('.cl-count[data-section="security"]')).to_contain_text("0 of 31 resolved")
    page.get_by_role("button", name="Undo").click()
    expect(page.locator('.cl-count[data-section="security"]')).to_contain_text("1 of 31 resolved")
    page.get_by_role("button", name="Start over").click()
    page.goto(f"{served_pages}{BASE}/security/")
    expect(page.locator("li#jwt-token-validation-working").get_by_role("checkbox")).not_to_be_checked()


def test_every_box_is_named_by_its_item(page, served_pages: str) -> None:
    page.goto(f"{served_pages}{BASE}/deployment/")
    boxes = page.locator(".md-typeset input[type=checkbox]")
    assert boxes.count() == 36
    names = page.evaluate("() => [...document.querySelectorAll('.md-typeset input[type=checkbox]')].map(b => b.getAttribute('aria-label'))")
    assert all(names) and len(set(names)) == len(names)
    assert "Critical Deploy services in correct order:" in names  # its own words, not its sub-items'
    expect(page.get_by_role("checkbox", name="IdentityService (other services depend on it)")).to_be_enabled()


def test_recorded_items_look_recorded(browser, tmp_path: Path) -> None:
    """Progress from the status file is ticked and locked, and marked otherwise than a local tick."""
    from generator.build import Project, build

    from .conftest import serve_dir

    project = make_project(tmp_path / "p")
    status = project / "data" / "realserv-launch.status.yaml"
    recorded = "items:\n  xss-protection: {state: done, by: Arun, date: 2026-01-10}"
    status.write_text(status.read_text(encoding="utf-8").replace("items: {}", recorded), encoding="utf-8")
    site = build(Project.at(project))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with serve_dir(site, without_search=True) as base:
        page.goto(f"{base}checklists/realserv-launch/security/")
        recorded = page.locator("li#xss-protection")
        expect(recorded).to_have_class(re.compile("cl-recorded"))
        box = recorded.get_by_role("checkbox", name=re.compile("XSS protection .* done · Arun · 2026-01-10"))
        expect(box).to_be_checked()
        expect(box).to_be_disabled()
        tick(page, "email-validation-rfc-5322")
        expect(page.locator("h2#input-validation + .cl-group-progress")).to_contain_text("2 of 6 resolved (1 recorded, 1 ticked here)")
        colours = page.evaluate(
            """() => ['xss-protection', 'email-validation-rfc-5322'].map(id =>
                getComputedStyle(document.querySelector('li#' + id + ' .task-list-indicator'), '::before').borderTopStyle)"""
        )
        assert colours == ["solid", "dashed"]
        page.goto(f"{base}checklists/realserv-launch/")
        expect(page.locator('.cl-count[data-section="security"]')).to_contain_text("2 of 31 resolved (1 recorded, 1 ticked here)")
    context.close()


# ---- landing, runbooks, search ----


LANDINGS = [("deploy-identityservice", "deployment-to-production"), ("secret-rotation-procedure-documented", "secrets-management")]


@pytest.mark.parametrize("item, heading", LANDINGS)
def test_landing_shows_the_group_heading_and_a_strong_mark(page, served_pages: str, item: str, heading: str) -> None:
    page_id = "deployment" if item.startswith("deploy") else "security"
    page.goto(f"{served_pages}{BASE}/{page_id}/#{item}")
    page.wait_for_timeout(200)
    header = page.locator(".md-header").bounding_box()
    title = page.locator(f"h2#{heading}").bounding_box()
    target = page.locator(f"li#{item}").bounding_box()
    assert header and title and target
    assert title["y"] >= header["height"] - 1, "the group heading is hidden under the header"
    assert target["y"] + target["height"] <= 900
    mark = f"() => getComputedStyle(document.getElementById('{item}'), '::before').borderTopStyle"  # web.css: a box behind the item
    assert page.evaluate(mark) == "solid"
    page.emulate_media(media="print")
    assert page.evaluate(mark) == "none"
    page.emulate_media(media="screen")
    if item == "deploy-identityservice":
        parent = page.locator("li#deploy-services-correct-order").bounding_box()
        assert parent and parent["y"] >= header["height"] - 1
        shot(page, "landing-deploy-identityservice")


def test_alarm_item_links_to_its_runbook_which_leads_with_what_to_do(page, served_pages: str) -> None:
    page.goto(f"{served_pages}{BASE}/observability/")
    link = page.locator("a.cl-runbook-link").first
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url("**/runbooks/**")
    headings = page.locator("article h2").all_inner_texts()
    names = [h.rstrip("¶").strip() for h in headings]
    assert names[:4] == ["Set first", "Diagnosis", "Mitigation", "Escalation"] and names[-1] == "For alarm authors"
    dashboards = page.locator("p.cl-dashboards a").first.bounding_box()
    first = page.locator(".cl-start pre").bounding_box()  # the command to run first (the first mitigation step's), repeated under the title
    jumps = page.locator("nav.cl-jump").bounding_box()
    assert dashboards and first and jumps and max(b["y"] + b["height"] for b in (dashboards, first, jumps)) < 900  # above the fold
    assert page.locator(".cl-start pre").inner_text().strip() == page.locator("#mitigation ~ ol pre").first.inner_text().strip()
    assert page.url == f"{served_pages}/runbooks/service-down/"  # where the link led: read as it loaded there, not loaded again
    rollback = page.locator("#mitigation + ol > li").first.get_by_role("link", name="Rollback Procedure")
    expect(rollback).to_have_attribute("href", re.compile(r"checklists/realserv-launch/rollback/$"))
    shot(page, "runbook-service-down")


def test_developer_pages_are_out_of_the_readers_path(desktop, served_site: str) -> None:
    page = desktop.page(f"{served_site}/")  # the home page the search tests below search from
    nav = page.locator("nav.md-nav--primary > ul > li").all_inner_texts()
    assert "Benchmarks" in nav[-1]  # last, under Development
    expect(page.locator(".md-footer__link--next")).to_contain_text("How to use")


def test_search_ranks_items_first(desktop, served_site: str) -> None:
    """The home page, its search index loaded, is the next test's too: its box is left empty."""
    page = desktop.page(f"{served_site}/")
    page.locator("input.md-search__input").click()
    page.keyboard.type("Firebase", delay=20)
    page.locator(".md-search-result__item a[href*='#']").first.wait_for(timeout=15000)
    page.wait_for_timeout(300)
    href = page.locator(".md-search-result__item a[href*='#']").first.get_attribute("href") or ""
    page.locator("input.md-search__input").fill("")
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    assert "/checklists/realserv-launch/" in href and "#firebase-" in href, href


def test_search_lands_on_the_item(desktop, served_site: str, site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    hits = [d for d in index["docs"] if "fluentvalidation" in (d["title"] + d["text"]).lower()]
    assert [d["location"] for d in hits] == ["checklists/realserv-launch/security/#fluentvalidation-enabled-7-services"]
    assert not [d for d in index["docs"] if "/sheets/" in d["location"] or "/packet" in d["location"]]
    # Badges stay out of the snippets: group headings no longer repeat their items, section headings not their priority.
    assert not [d for d in index["docs"] if d["location"].startswith("checklists/") and ("<li> Critical " in d["text"] or d["text"].startswith("<p>Critical "))]
    page = desktop.take(f"{served_site}/")  # as the test above left it, if it ran: this one goes on to the item's page
    page.locator("input.md-search__input").click()
    page.keyboard.type("FluentValidation", delay=20)
    # Material groups results by page, each under its page's title: the first result is the first entry that lands somewhere in a page.
    first = page.locator(".md-search-result__item a[href*='#']").first
    first.wait_for(timeout=15000)
    expect(first).to_contain_text("FluentValidation enabled in ALL 7 services")
    first.click()
    page.wait_for_url("**/security/**#fluentvalidation-enabled-7-services")
    item = page.locator("li#fluentvalidation-enabled-7-services")
    expect(item).to_be_in_viewport()
    expect(item).to_have_class(re.compile("cl-landed"))
    assert item.locator("mark").count() >= 1
    mark = page.evaluate(LANDING_MARK, "fluentvalidation-enabled-7-services")
    assert mark["style"] == "solid" and mark["box"] is not None, mark
    assert mark["mark"]["left"] <= mark["box"]["left"] and mark["box"]["right"] <= mark["mark"]["right"], mark  # the box is in the mark
    assert mark["mark"]["top"] <= mark["box"]["top"] and mark["box"]["bottom"] <= mark["mark"]["bottom"], mark


# Where the mark of a landed item is drawn (its <li>'s ::before, web.css), where its check box is (the indicator's
# ::before, which Material places in the margin left of the item), both in the page's coordinates; and how far the page
# scrolls sideways.
LANDING_MARK = """(id) => {
  const li = document.getElementById(id).closest('li'), r = li.getBoundingClientRect();
  const at = (style) => ({left: r.left + parseFloat(style.left), top: r.top + parseFloat(style.top)});
  const mark = getComputedStyle(li, '::before'), m = at(mark);
  const indicator = li.querySelector(':scope > .task-list-control .task-list-indicator, :scope > p > .task-list-control .task-list-indicator');
  const tick = indicator && getComputedStyle(indicator, '::before'), t = tick && at(tick);
  return {
    style: mark.borderTopStyle,
    mark: {left: m.left, top: m.top, right: r.right - parseFloat(mark.right), bottom: r.bottom - parseFloat(mark.bottom)},
    box: tick ? {left: t.left, top: t.top, right: t.left + parseFloat(tick.width), bottom: t.top + parseFloat(tick.height)} : null,
    sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


# ---- phones, dark mode ----


MENU_PAGES = ["checklists/realserv-launch/readiness/", "runbooks/", "checklists/realserv-launch/sheets/security/", "checklists/realserv-launch/packet/"]


# The marks that close a line of text (an item's ⋯, a step's "Example: adapt the names", the copy button of a command in
# a sentence) whose first box starts another line than the last printed character before them: a mark alone at the
# start of a line, apart from the words it is for.
_LONE_MARKS = """() => {
  const lone = [];
  for (const mark of document.querySelectorAll('article :is(.cl-item-more, .cl-example, .cl-copy-inline)')) {
    const box = mark.getClientRects()[0];
    if (!box || !mark.checkVisibility()) continue;
    const block = mark.parentElement.closest('li, p, dd, dt, td, div') || mark.parentElement;
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    let last = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!(node.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING) || mark.contains(node)) break;
      if (/\\S/.test(node.nodeValue) && node.parentElement.checkVisibility()) last = node;
    }
    if (!last) continue;
    const at = last.nodeValue.search(/\\S\\s*$/), range = document.createRange();
    range.setStart(last, at);
    range.setEnd(last, at + 1);
    const before = [...range.getClientRects()].pop();
    if (before && (before.bottom <= box.top + 1 || before.top >= box.bottom - 1)) lone.push(mark.textContent + ' after ' + last.nodeValue.trim().slice(-20));
  }
  return lone;
}"""


@pytest.fixture(scope="module")
def phone(browser) -> Any:
    """One phone (390 x 844, touch) for the phone tests of this module, and the pages loaded in it: the page of the
    overview and those whose menu is opened are read, each at its one load, by the test of every page first (the tests
    that follow, in this order, open the menu of a page whose widths are measured, at the size the measure leaves)."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield Loads(context)
    context.close()


def test_phone_no_page_is_wider_than_the_screen(phone, served_pages: str, site: Path) -> None:
    """Every page at 390 px (and 360 px for the marks): no table wider than the content column, nothing scrolls sideways, and no ⋯ or "Example"
    mark wraps onto a line of its own, apart from the words it closes. Served without the search index, which every page
    would otherwise load and index (the search box is there all the same). The pages the phone tests below read are kept
    loaded for them (``phone``); the others load a few at once in tabs of their own."""
    wide, lone = [], []

    def measure(page, path: str) -> None:  # type: ignore[no-untyped-def]
        found = page.evaluate(
            """() => { const col = document.querySelector('article.md-content__inner').getBoundingClientRect();
                       const tables = [...document.querySelectorAll('article table')]
                         .filter(t => t.getBoundingClientRect().right - col.right > 1 || t.scrollWidth - t.clientWidth > 1);
                       return [tables.length, document.documentElement.scrollWidth]; }"""
        )
        if found[0] or found[1] > PHONE["width"]:
            wide.append((path, found))
        for width in (PHONE["width"], SMALL_PHONE["width"]):  # the smallest phone too: the page laid out again, not loaded
            page.set_viewport_size({**PHONE, "width": width})
            lone.extend((path, width, mark) for mark in page.evaluate(_LONE_MARKS))
        page.set_viewport_size(PHONE)

    base = f"{served_pages}/"
    kept = [*MENU_PAGES, f"{BASE.strip('/')}/"]
    paths = built_pages(site)
    assert set(kept) <= set(paths)
    tabs = [phone.context.new_page() for _ in range(TABS)]
    for page, url in loaded(tabs, [f"{base}{path}" for path in paths if path not in kept]):
        measure(page, url.removeprefix(base))
    for tab in tabs:
        tab.close()
    for path in kept:
        measure(phone.page(f"{base}{path}"), path)
    assert wide == []
    assert lone == []


@pytest.mark.parametrize("path", MENU_PAGES)
def test_phone_menu_opens_a_drawer_with_links(phone, served_pages: str, path: str) -> None:
    """On every kind of page, sheets and the packet included (they skip the site-wide navigation)."""
    page = phone.page(f"{served_pages}/{path}")
    shot(page, "phone-" + path.strip("/").replace("/", "-"))
    page.locator("label.md-header__button[for=__drawer]").click()
    links = page.locator(".md-sidebar--primary nav a.md-nav__link")
    expect(links.first).to_be_visible()
    assert links.count() >= 3


def test_phone_overview_stacks_rows_with_their_headings(phone, served_pages: str) -> None:
    page = phone.page(f"{served_pages}{BASE}/")
    page.goto(f"{served_pages}{BASE}/#sections")  # the same document, at its sections (no load)
    cell = page.locator("table td[data-label='Priority']").first
    expect(cell).to_be_visible()
    assert page.evaluate("(td) => getComputedStyle(td, '::before').content", cell.element_handle()) == '"Priority: "'
    shot(page, "phone-overview-sections")


def test_palette_toggle_switches_scheme(page, served_pages: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(f"{served_pages}{BASE}/security/")
    scheme = lambda: page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")  # noqa: E731
    assert scheme() == "default"
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function("() => document.body.getAttribute('data-md-color-scheme') !== 'default' || true")
    for _ in range(3):
        if scheme() == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert scheme() == "slate"
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    shot(page, "security-dark")
    # No third-party fonts: nothing is fetched from another host.
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.reload()
    page.wait_for_load_state("networkidle")
    assert [u for u in requests if not u.startswith(served_pages)] == []


def test_os_dark_mode_is_followed(browser, served_pages: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(f"{served_pages}{BASE}/deployment/#deploy-identityservice")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    shot(page, "landing-dark")
    # An empty readiness bar (0 of 243) is dark inside, as the page: Chromium drew its track white, a bar that looked full.
    page.goto(f"{served_pages}{BASE}/readiness/")
    bar = page.locator(".cl-progress-row progress")
    assert bar.get_attribute("value") == "0"
    assert _lightness(page, bar.screenshot()) < 0.4
    context.close()


def _lightness(page, png: bytes) -> float:  # type: ignore[no-untyped-def]
    """How light (0 black, 1 white) the middle pixel of a screenshot is, read by the browser from the PNG."""
    import base64

    return page.evaluate(
        """async (src) => { const img = new Image(); img.src = src; await img.decode();
             const canvas = document.createElement('canvas'); canvas.width = img.width; canvas.height = img.height;
             const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
             const [r, gr, b] = g.getImageData(img.width >> 1, img.height >> 1, 1, 1).data; return (r + gr + b) / 765; }""",
        "data:image/png;base64," + base64.b64encode(png).decode(),
    )


# ---- accessibility: axe-core on one page of each page type, light and dark ----


def one_page_of_each_type(project: Path) -> list[str]:
    """URL paths: the first page of each kind a checklist has (layout.CHECKLIST_PAGES), the lists of
    checklists and of runbooks, one runbook, and every hand-written page (each a kind of its own)."""
    from generator.project import Project, check
    from generator.site.layout import CHECKLIST_PAGES, DIRECTORY_URLS, checklists_index, runbook_page

    site = project / "site"
    data = check(Project.at(project))
    c = data.checklists[0]
    kinds = [next(page for _, page in kind.pages(c)) for kind in CHECKLIST_PAGES if any(True for _ in kind.pages(c)) and kind.when(data.status(c.id))]
    lists = [checklists_index(), runbook_page("index"), runbook_page(data.runbooks[0].id)]
    hand_written = [p for p in built_pages(site) if not p.startswith(("checklists/", "runbooks/"))]
    paths = [DIRECTORY_URLS.url(page) for page in kinds + lists] + hand_written
    assert all((site / path / "index.html").is_file() for path in paths), paths
    return paths


def test_axe_finds_no_violations_on_any_kind_of_page(browser, served_pages: str, built_project: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, "resultTypes": ["violations"]}
    # The dark scheme is the same page with other colours (Material's palette: an attribute on <body>): what it can
    # change is what the colour rules check, so its pass runs those (every rule ran in both, for the same findings).
    colours = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}, "resultTypes": ["violations"]}
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    tabs = [context.new_page() for _ in range(2)]  # axe runs in two pages at once, one per core
    found: list[str] = []
    pages = one_page_of_each_type(built_project)
    assert len(pages) >= 18
    batch: list[tuple[Any, str]] = []
    for page, url in loaded(tabs, [f"{served_pages}/{path}" for path in pages]):
        page.evaluate(axe.axe_script)
        page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")  # colours settle at once
        batch.append((page, url.removeprefix(f"{served_pages}/")))
        if len(batch) < len(tabs) and url != f"{served_pages}/{pages[-1]}":
            continue
        for scheme, rules in (("default", options), ("slate", colours)):
            for page, _ in batch:  # started in every page, then awaited in each
                page.evaluate(  # axe's work is mostly synchronous: started from a timer, so that this call returns at once
                    "([s, o]) => { document.body.setAttribute('data-md-color-scheme', s);"
                    " window.__axe = new Promise((done, fail) => setTimeout(() => axe.run(document, o).then(done, fail), 0)); }",
                    [scheme, rules],
                )
            for page, path in batch:
                result = page.evaluate("window.__axe")
                found += [f"{path} [{scheme}] {v['id']}: {v['nodes'][0]['html'][:120]}" for v in result["violations"]]
        batch = []
    context.close()
    assert found == []


# ---- the same from disk (build --offline, file://) and under Zensical ----


@pytest.mark.parametrize("variant", ["offline", "zensical"])
def test_ticking_landing_and_search_offline_and_under_zensical(browser, variant: str, request: pytest.FixtureRequest) -> None:
    from .conftest import serve_dir

    if variant == "offline":
        project = request.getfixturevalue("offline_project")  # built once for the tests that read it
    else:
        project, result = request.getfixturevalue("zensical_project")  # built once for the tests that read it
        assert result.returncode == 0, result.stderr
    site = project / "site"
    index = site / ("search/search_index.js" if variant == "offline" else "search.json")
    assert "security.html#fluentvalidation-enabled-7-services" in index.read_text(encoding="utf-8") if variant == "offline" else (
        "checklists/realserv-launch/security/#fluentvalidation-enabled-7-services" in index.read_text(encoding="utf-8")
    )
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    with serve_dir(site) as served:
        base = site.as_uri() + "/" if variant == "offline" else served
        security = "checklists/realserv-launch/security.html" if variant == "offline" else "checklists/realserv-launch/security/"
        page.goto(base + security)
        tick(page, "xss-protection")
        page.reload()
        expect(page.locator("li#xss-protection").get_by_role("checkbox")).to_be_checked()
        expect(page.locator("h2#input-validation + .cl-group-progress")).to_contain_text("1 of 6 resolved (0 recorded, 1 ticked here)")
        page.goto(base + security.replace("security", "deployment") + "#deploy-identityservice")
        page.wait_for_timeout(200)
        heading = page.locator("h2#deployment-to-production").bounding_box()
        header = page.locator(".md-header").bounding_box()
        assert heading and header and heading["y"] >= header["height"] - 1
        # A former id, linked on another page, lands on the item that has it now, at its address in the
        # site's URL style (file:// has no folder pages).
        page.goto(base + security + "#sensitive-data-logged")
        expect(page).to_have_url(base + security.replace("security", "observability") + "#sensitive-data-not-logged")
        expect(page.locator("li#sensitive-data-not-logged")).to_have_class(re.compile("cl-landed"))
        if variant == "zensical":
            page.goto(base)
            page.locator("button.md-search__button").click()
            page.keyboard.type("FluentValidation", delay=20)
            first = page.locator("a[href*='#fluentvalidation-enabled-7-services']").first
            first.wait_for(timeout=15000)
            first.click()
            page.wait_for_url("**/security/**#fluentvalidation-enabled-7-services")
            expect(page.locator("li#fluentvalidation-enabled-7-services")).to_have_class(re.compile("cl-landed"))
            shot(page, "zensical-search-landing")
    context.close()
