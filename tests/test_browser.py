"""The site and its sheets in real Chromium: navigation, search, print layout."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from generator.format.bidi import numbered

from .conftest import ARTIFACTS, Loads
from .test_oncall import _CUT_WORDS

pytestmark = pytest.mark.browser
BASE = "/checklists/realserv-launch"


@pytest.fixture(scope="module")
def desktop(browser):
    """The pages of one desktop browser (1280 x 900) that tests reading the same page share, each URL loaded once (conftest.Loads)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Loads(context)
    context.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_chinese_japanese_and_korean_words_are_drawn_by_a_font_that_has_them(desktop, served_pages: str) -> None:
    """A title in Japanese printed as boxes (tofu) where the machine had no CJK font: `make system-deps` installs one
    (fonts-noto-cjk). Chromium says which fonts drew a node's glyphs: none of the CJK ones is the font of Latin text."""
    page = desktop.page(f"{served_pages}{BASE}/security/")  # read again by the next test, as loaded: what is added here goes again
    page.evaluate("""() => { const h = document.querySelector('article h1');
      h.insertAdjacentHTML('afterend', '<p id="cjk">本番環境のキャッシュ中文标题한국어</p><p id="latin">Production cache</p>'); }""")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    fonts = {}
    for which in ("cjk", "latin"):
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": f"#{which}"})["nodeId"]
        fonts[which] = {f["postScriptName"]: f["glyphCount"] for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}
    cdp.detach()
    page.evaluate("() => document.querySelectorAll('#cjk, #latin').forEach(p => p.remove())")
    assert fonts["cjk"] and not set(fonts["cjk"]) & set(fonts["latin"]), f"{fonts}: install a CJK font (make system-deps: fonts-noto-cjk)"


def test_runbook_page_shows_items_badges_and_sheet_link(desktop, served_pages: str) -> None:
    page = desktop.take(f"{served_pages}{BASE}/security/")  # loaded by the test above if it ran: this one goes on to the sheet
    item = page.locator("li.task-list-item#firebase-authentication-configured-prod")
    expect(item).to_be_visible()
    assert item.locator(".cl-badge").inner_text().strip().lower() == "critical"
    # Every item has its ¶ permalink (made in the browser from the item's id), shown on hover.
    permalink = item.locator(":scope > a.cl-permalink")
    expect(permalink).to_have_attribute("href", "#firebase-authentication-configured-prod")
    assert page.locator("li.task-list-item[id] > a.cl-permalink").count() == page.locator("li.task-list-item[id]").count() >= 31
    item.hover()
    expect(permalink).to_have_css("opacity", "1")
    assert page.locator(".cl-badge").count() == 17
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "runbook-security.png"))
    page.get_by_role("link", name="Print sign-off sheet").click()
    page.wait_for_url(f"**{BASE}/sheets/security/")
    assert page.locator("h1.cl-sheet-title").inner_text().rstrip("¶ ") == numbered("Section 1", "Security", ": ")


def test_navigation_reaches_every_section(page, served_pages: str) -> None:
    page.goto(f"{served_pages}{BASE}/")
    # Beside the navigation the tables fit their column: the sections table's columns of numbers are as wide as their
    # numbers (Material gives every column 5rem; its Done column was cut off and each row five lines high).
    page.wait_for_selector("article .md-typeset__scrollwrap table", state="attached")
    tables = page.evaluate(
        """() => [...document.querySelectorAll('article .md-typeset__scrollwrap')].map(w => [w.scrollWidth - w.clientWidth,
              Math.max(...[...w.querySelectorAll('tbody tr')].map(r => r.getBoundingClientRect().height))])"""
    )
    assert len(tables) == 2 and all(sideways <= 0 and row < 80 for sideways, row in tables), tables
    for title, slug in [(numbered(1, "Security"), "security"), (numbered(7, "Deployment"), "deployment"), ("Rollback Procedure", "rollback")]:
        page.locator("nav.md-nav--primary").get_by_role("link", name=title, exact=True).first.click()
        page.wait_for_url(f"**{BASE}/{slug}/")


def test_item_anchor_lands_on_the_item(page, served_pages: str) -> None:
    page.goto(f"{served_pages}{BASE}/deployment/#deploy-identityservice")
    item = page.locator("li.task-list-item#deploy-identityservice")
    expect(item).to_be_visible()
    expect(item).to_contain_text("IdentityService (other services depend on it)")
    page.wait_for_timeout(300)
    box = item.bounding_box()
    assert box is not None and 0 <= box["y"] < 900


# What the on-call engineer types (from the alarm, the terminal, the runbook) and where the first result must lead.
ON_CALL_SEARCHES = [
    ("realserv-prod-redis-down", r"/runbooks/redis-down/(#redis-down)?"),  # an alarm's name: its runbook
    ("describe-replication-groups", r"/runbooks/redis-down/#diagnosis"),  # a command: the steps that run it (was third, after 'Target groups')
    ("REPLICA_ID", r"/runbooks/redis-down/#var-replica_id"),  # a variable: its line under "Set first" (was not found)
    ("modify-replication-group", r"/runbooks/redis-down/#mitigation"),
    ("$REPLICA_ID", r"/runbooks/redis-down/#var-replica_id"),
    ("aws ecs update-service", rf"({BASE}/rollback/#rollback-services|/runbooks/[a-z0-9-]+/#mitigation)"),  # wherever it is run
    ("$SERVICE", r"/[a-z0-9/-]+/#var-service"),
    ("TG_ARN", r"/runbooks/service-down/#var-tg_arn"),
    ("FluentValidation", rf"{BASE}/security/#fluentvalidation-enabled-7-services"),  # an item's text, as before
    ("Redis down", r"/runbooks/redis-down/(#redis-down)?"),  # a runbook's title
    ("call", rf"{BASE}/[a-z]+/#on-call-[a-z-]+"),  # a part of a hyphenated word
    ("LaunchDarkly", rf"{BASE}/configuration/#feature-flag-system-configured"),  # a word after '(' (was not found)
    ("billing", rf"{BASE}/configuration/#google-maps-api-billing"),  # '(billing enabled)'
    ("restored", rf"{BASE}/rollback/#(rollback-database|steps)"),  # in a command: '"$DB_INSTANCE-restored"'
]


def test_search_leads_on_call_to_the_runbook_first(desktop, served_site: str) -> None:
    """generator/publish/search.py: the headings a runbook's commands are under carry their names in their titles
    (Material weighs a title a thousand times its text), every variable and rollback step has its entry. The page, its
    search index loaded, is the next test's too: its box is left empty."""
    page = desktop.page(f"{served_site}{BASE}/")
    box = page.locator("input.md-search__input")
    box.click()
    results, meta = page.locator(".md-search-result__item"), page.locator(".md-search-result__meta")
    found: dict[str, str | None] = {}
    for query, _ in ON_CALL_SEARCHES:
        box.fill("")
        expect(results).to_have_count(0)
        box.fill(query[:-1])  # all but its last key at once: typed key by key, every prefix ('r', 're', ...) was searched
        page.keyboard.type(query[-1])  # too, a second or two each; Material searches on the key typed
        # "3 matching documents", or "No matching documents": the answer to the query (on a loaded machine the meta read
        # "Initializing search" first, then "Type to start searching" while the index loaded, which is no answer)
        expect(meta).to_have_text(re.compile("matching document"), timeout=15000)
        if meta.inner_text().startswith("No "):
            found[query] = None
            continue
        results.first.wait_for(timeout=15000)
        # The first result: its page's best entries come after the page's own link (Material groups them by page).
        hrefs = [urlsplit(h) for h in results.first.locator(":scope > a").evaluate_all("links => links.map(a => a.href)")]
        urls = [f"{u.path}#{u.fragment}" if u.fragment else u.path for u in hrefs]
        found[query] = next((u for u in urls if "#" in u), urls[0])
    box.fill("")
    expect(results).to_have_count(0)
    wrong = {q: found[q] for q, expected in ON_CALL_SEARCHES if not re.fullmatch(expected, found[q] or "")}
    assert wrong == {}, wrong


def test_search_finds_an_item_and_leads_to_it(desktop, served_site: str) -> None:
    page = desktop.take(f"{served_site}{BASE}/")  # as the test above left it, if it ran: this one goes on to the item's page
    page.locator("input.md-search__input").click()
    page.keyboard.type("FluentValidation", delay=20)
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    # The item has its own search entry (generator/publish/search.py): the result lands on it.
    result = page.locator(".md-search-result__item a[href*='/security/'][href$='#fluentvalidation-enabled-7-services']")
    expect(result).to_have_count(1)
    # The word is in one item only: the first result is its page, and that page's first hit is the item's entry.
    first = page.locator(".md-search-result__item").first.locator("a[href*='#']").first
    assert re.search(r"/security/(\?h=[^#]*)?#fluentvalidation-enabled-7-services$", first.get_attribute("href") or ""), first.get_attribute("href")
    first.click()
    page.wait_for_url("**/security/**")
    item = page.locator("li.task-list-item#fluentvalidation-enabled-7-services")
    expect(item).to_be_visible()
    assert item.locator("mark").count() >= 1  # the searched word is highlighted in the item


# How far code of one word longer than the line (a URL with its token, as escape._code writes it) reaches past the right
# edge of its item's text, on the page as laid out: its own padding took it past, its last letters cut on paper.
_LONG_CODE_PAST_EDGE = """() => {
  const li = document.querySelector('.cl-sheet li.task-list-item');
  li.insertAdjacentHTML('beforeend', ' then <code><span class="cl-word">https://api.example.test/v1/' + 'x'.repeat(400) + '</span></code>');
  const code = li.lastElementChild, edge = li.getBoundingClientRect().right - parseFloat(getComputedStyle(li).paddingRight);
  const past = Math.max(...[...code.getClientRects()].map((r) => r.right)) - edge;
  code.remove();
  return past;
}"""


def test_print_hides_chrome_and_draws_empty_boxes(page, served_pages: str) -> None:
    page.goto(f"{served_pages}{BASE}/sheets/security/")
    assert page.evaluate(_LONG_CODE_PAST_EDGE) <= 0.5
    page.emulate_media(media="print")
    assert page.evaluate(_LONG_CODE_PAST_EDGE) <= 0.5  # 6.7 px past before: half a letter cut on paper
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".cl-print-hint"):
        assert not page.locator(selector).first.is_visible(), selector
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.querySelector('.task-list-indicator'), '::before');
                  return {border: s.borderTopWidth, style: s.borderTopStyle, color: s.borderTopColor,
                         mask: s.maskImage || s.webkitMaskImage, bg: s.backgroundColor}; }"""
    )
    assert style["style"] == "solid" and float(style["border"].rstrip("px")) >= 1
    assert style["color"] == "rgb(0, 0, 0)"
    assert style["mask"] == "none"
    assert page.locator(".md-typeset input[type=checkbox]").count() == 31
    assert not page.locator(".md-typeset input[type=checkbox]:checked").count()
    badge = page.evaluate("() => { const s = getComputedStyle(document.querySelector('.cl-sheet .cl-badge')); return [s.color, s.borderTopStyle]; }")
    assert badge == ["rgb(0, 0, 0)", "solid"]
    # Printed content is in block flow, where Chromium honours page breaks.
    displays = page.evaluate(
        "() => ['.md-container', '.md-main__inner', '.md-content', 'article'].map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert displays == ["block"] * 4
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "sheet-security-print.png"), full_page=True)
    page.goto(f"{served_pages}/runbooks/service-down/")  # a runbook printed: its commands without the copy buttons
    assert page.locator("pre > code").count() and page.locator(".md-clipboard, .md-code__nav").count()
    assert not any(b.is_visible() for b in page.locator(".md-clipboard, .md-code__nav").all())
    # and wrapped as on a phone: between words, the lines going on indented (A4's width; cut after '[' before)
    page.set_viewport_size({"width": 794, "height": 900})
    assert page.evaluate(_CUT_WORDS) == {"cut": [], "flush": [], "changed": []}


def test_part_sheets_draw_each_box_inside_its_cell(page, served_pages: str) -> None:
    """The metrics and post-launch sheets are tables: each row's box (after its number, in an ordered group) is drawn in its cell, on screen and on paper."""
    page.goto(f"{served_pages}{BASE}/sheets/metrics/")
    for media in ("screen", "print"):
        page.emulate_media(media=media)
        boxes = page.evaluate(
            """() => [...document.querySelectorAll('td.task-list-item .task-list-indicator')].map(el => {
                  const box = el.getBoundingClientRect(), cell = el.closest('td').getBoundingClientRect();
                  return [box.width, box.left >= cell.left && box.right <= cell.right && box.top >= cell.top && box.bottom <= cell.bottom]; })"""
        )
        assert len(boxes) == 12 and all(width >= 10 and inside for width, inside in boxes), (media, boxes)


def test_screen_sheet_has_no_navigation_sidebar(page, served_pages: str) -> None:
    page.goto(f"{served_pages}{BASE}/packet/")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".cl-sheet").count() == 1 + 8 + 5  # cover, sections, critical items, final sign-off, metrics, post-launch, rollback
    # On paper a title of the contents with a word longer than its column breaks before its page number, not over it.
    page.emulate_media(media="print")
    gaps = page.evaluate(
        """() => { document.querySelector('.cl-contents-title').textContent = 'Section 4: ' + 'Internationalization-'.repeat(5);
                   document.querySelectorAll('.cl-contents-page').forEach(p => { p.textContent = '11'; });
                   const box = (li, part) => li.querySelector(part).getBoundingClientRect();
                   return [...document.querySelectorAll('.cl-contents li')].map(li =>
                     box(li, '.cl-contents-page').left - box(li, '.cl-contents-title').right); }"""
    )
    assert len(gaps) >= 14 and min(gaps) > 0, gaps


def test_item_with_details_has_its_anchor_permalink_and_highlight(browser, tmp_path) -> None:
    """An item with details keeps its id on its <li>; the ¶ comes after its line, before the details, which show their code block."""
    from generator.build import Project, build

    from .conftest import FIXTURES, make_project, serve_dir

    project = make_project(tmp_path / "mini", data=FIXTURES / "mini")
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")  # the shipped one links to RealServ pages
    site = build(Project.at(project))
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    try:
        page = context.new_page()
        with serve_dir(site, without_search=True) as base:
            page.goto(f"{base}checklists/mini/security/#deploy-order")
            item = page.locator("li.task-list-item#deploy-order")
            expect(item).to_contain_text("Deploy in order")
            expect(item.locator(":scope > a.cl-permalink")).to_have_attribute("href", "#deploy-order")
            assert item.evaluate("li => li.querySelector(':scope > a.cl-permalink').nextElementSibling.className") == "cl-details"
            expect(item.locator(":scope > .cl-details .highlight code")).to_contain_text("./deploy --order api,web <all>")
            # The whole item is marked as the target: by a box behind it (its ::before, web.css), its check box inside.
            highlight = page.evaluate("() => getComputedStyle(document.getElementById('deploy-order'), '::before').backgroundColor")
            assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")
            # A former id lands on the item that has it now.
            page.goto(f"{base}checklists/mini/security/#jwt-check")
            expect(page.locator("li#jwt-validation")).to_contain_text("JWT validation")
            # The mark follows the address's change within a moment, not at once on a loaded host: waited for (5 s at most).
            page.wait_for_function(
                """() => !['rgba(0, 0, 0, 0)', 'transparent'].includes(
                             getComputedStyle(document.getElementById('jwt-validation'), '::before').backgroundColor)""",
                timeout=5000,
            )
    finally:
        context.close()
