"""`checklist-site pdf`: the packet as the whole checklist on paper, read back from the PDF's text and word boxes."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.build import Project, check
from generator.format.model import Checklist
from generator.site.paper import contents

from .conftest import ARTIFACTS, FIXTURES, ROOT, make_project, run_cli
from .pdftext import Page, Word, read_pages
from .test_seed import seed_structure

pytestmark = pytest.mark.browser
TITLE = "RealServ MVP – Production Launch Checklist"
PAGES = {"a4": (16, 22), "letter": (16, 23)}  # measured 19 and 20 (blank); the filled packet adds two or three


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    (c,) = check(Project.at(ROOT)).checklists
    return c


_IMAGING: list[subprocess.Popen[bytes]] = []  # pdftoppm making the page images, while the tests go on


@pytest.fixture(scope="module", autouse=True)
def _page_images() -> Iterator[None]:
    yield
    for imaging in _IMAGING:
        assert imaging.wait(timeout=120) == 0, imaging.args
    _IMAGING.clear()


def _print(project: Path, paper: str, *extra: str) -> Path:
    from playwright.sync_api import Page as Tab

    loaded: list[str] = []
    goto = Tab.goto

    def counted(self: Tab, url: str, **options: Any) -> Any:
        loaded.append(url)
        return goto(self, url, **options)

    Tab.goto = counted  # type: ignore[method-assign]
    try:
        result = run_cli("-C", str(project), "pdf", "--paper", paper, *extra)
    finally:
        Tab.goto = goto  # type: ignore[method-assign]
    assert result.returncode == 0, result.stderr
    _SAID[(project, paper, *extra)] = result.stderr
    _LOADED[(project, paper, *extra)] = loaded
    name = "realserv-launch-packet" + ("-filled" if "--filled" in extra else "")
    return _imaged(project / "pdf" / f"{name}-{paper}.pdf")


def _print_packet(project: Path, paper: str) -> Path:
    """The blank packet alone, printed by the function `pdf` prints with (``render_pdfs``), in a thread as run_cli runs
    `pdf`: for the paper size whose sheets no test reads (`pdf` prints the packet and its 13 sheets, each a print in
    Chromium; the command itself, and its sheets, are printed in A4)."""
    from generator.exchange.pdf import jobs, render_pdfs

    (packet,) = [job for job in jobs(list(check(Project.at(project)).checklists)) if job.out_name == "realserv-launch-packet"]
    _in_thread(render_pdfs, project / "site", [packet], project / "pdf", paper, quiet=True)
    return _imaged(project / "pdf" / f"realserv-launch-packet-{paper}.pdf")


def _in_thread(fn: Any, *args: Any, **options: Any) -> None:
    """``fn(*args, **options)`` in a thread of its own, as run_cli runs a command: Playwright's synchronous API refuses to
    start in a thread whose event loop runs (the session's browser, started by another test in this process, holds this
    one's); an exception is raised again here."""
    import threading

    failed: list[BaseException] = []

    def run() -> None:
        try:
            fn(*args, **options)
        except BaseException as exc:  # noqa: BLE001 - raised again in the test's thread
            failed.append(exc)

    thread = threading.Thread(target=run, name="printing")
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


def _imaged(pdf: Path) -> Path:
    folder = ARTIFACTS / "pdf" / pdf.stem  # the pages as images, to look at
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    _IMAGING.append(subprocess.Popen(["pdftoppm", "-png", "-r", "50", str(pdf), str(folder / "page")]))
    return pdf


@pytest.fixture(scope="module")
def filled_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("filled") / "project")
    shutil.copy(FIXTURES / "status" / "realserv-launch.status.yaml", project / "data" / "realserv-launch.status.yaml")
    assert run_cli("-C", str(project), "build").returncode == 0
    return project


_PRINTED: dict[tuple[str, str], list[Page]] = {}
_SAID: dict[tuple[Path | str, ...], str] = {}  # what each `pdf` run printed on stderr
_LOADED: dict[tuple[Path | str, ...], list[str]] = {}  # the pages each `pdf` run loaded in Chromium


def _printed(kind: str, paper: str, built_project: Path, filled_project: Path) -> tuple[str, str, list[Page]]:
    """Each packet printed once per run, blank or filled, A4 or Letter."""
    key = (kind, paper)
    if key not in _PRINTED:
        if kind == "filled":
            pdf = _print(filled_project, paper, "--no-build", "--filled")
        elif paper == "a4":  # the command, as a user runs it: the packet and every sheet (test_one_pdf_per_sheet reads them)
            pdf = _print(built_project, paper, "--no-build")
        else:
            pdf = _print_packet(built_project, paper)
        _PRINTED[key] = read_pages(pdf)
    return kind, paper, _PRINTED[key]


@pytest.fixture(params=[("blank", "a4"), ("blank", "letter"), ("filled", "a4"), ("filled", "letter")], ids=lambda p: "-".join(p))
def printed(request: pytest.FixtureRequest, built_project: Path, filled_project: Path) -> tuple[str, str, list[Page]]:
    request.getfixturevalue("chromium")  # skipped (failed in CI) without it
    return _printed(*request.param, built_project, filled_project)


@pytest.fixture(params=["a4", "letter"])
def filled(request: pytest.FixtureRequest, built_project: Path, filled_project: Path) -> list[Page]:
    request.getfixturevalue("chromium")  # skipped (failed in CI) without it
    return _printed("filled", request.param, built_project, filled_project)[2]


def sheets(pages: list[Page]) -> list[tuple[str, list[Page]]]:
    """The pages by sheet, as the running header names it; each sheet is one run of pages."""
    runs: list[tuple[str, list[Page]]] = []
    for page in pages:
        assert page.header.startswith(TITLE), (page.number, page.header)
        name = page.header[len(TITLE) :].strip()
        if runs and runs[-1][0] == name:
            runs[-1][1].append(page)
        else:
            assert name not in [n for n, _ in runs], f"{name} comes back on page {page.number}"
            runs.append((name, [page]))
    return runs


def plain(text: str) -> str:
    """Text as compared: no emoji or other pictographs, no Markdown marks, single spaces."""
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("So", "Sk", "Mn", "Cf"))
    return " ".join(text.replace("**", "").replace("`", "").split())


def first_line(page: Page) -> str:
    top = min(w.y0 for w in page.body)
    return " ".join(w.text for w in page.body if abs(w.y0 - top) < 2)


def expected_sheets(c: Checklist, kind: str) -> list[str]:
    names = (["Minutes of the launch meeting"] if kind == "filled" else []) + ["Launch-meeting packet" + (", filled in" if kind == "filled" else "")]
    names += [f"Section {s.number}: {s.title}" for s in c.sections]
    names += ["Critical items", "Final Sign-off", "Metrics to Track", "Post-Launch Tasks", "Rollback Procedure"]
    return names


def test_sheets_in_order_each_page_with_running_header_and_page_numbers(printed: tuple[str, str, list[Page]], checklist: Checklist) -> None:
    kind, paper, pages = printed
    low, high = PAGES[paper]
    assert low <= len(pages) <= high + (3 if kind == "filled" else 0)
    assert [name for name, _ in sheets(pages)] == expected_sheets(checklist, kind)
    for page in pages:
        assert page.footer == f"{TITLE} · v1.0 Page {page.number} of {len(pages)}"


def test_every_box_of_the_seed_is_on_its_sheet(printed: tuple[str, str, list[Page]]) -> None:
    """The seed's 269 boxes, counted from the seed file itself, each found on the sheet of its part."""
    kind, _, pages = printed
    seed = seed_structure()
    assert len(seed["boxes"]) == 269
    by_sheet = {name: plain(" ".join(p.text for p in run)) for name, run in sheets(pages)}

    def sheet_of(part: str) -> str:
        m = re.search(r"SECTION (\d): (\w+)", part)
        if m:
            return f"Section {m.group(1)}: {m.group(2).title()}"
        parts = (("HOW TO USE", "Launch-meeting packet"), ("FINAL SIGN-OFF", "Final Sign-off"))
        parts += (("METRICS", "Metrics to Track"), ("POST-LAUNCH", "Post-Launch Tasks"))
        for word, name in parts:
            if word in part:
                return name + (", filled in" if kind == "filled" and word == "HOW TO USE" else "")
        raise AssertionError(part)

    wanted: Counter[tuple[str, str]] = Counter()
    for part, text, _ in seed["boxes"]:
        text = re.sub(r"\s*\(target: (.+)\)$", r" \1", text)  # metrics: the target in its own column, next to the text
        wanted[sheet_of(part), plain(text)] += 1
    found = Counter({key: min(n, by_sheet[key[0]].count(key[1])) for key, n in wanted.items()})
    assert wanted - found == Counter(), "boxes of the seed missing from their sheet"
    assert sum(found.values()) == 269


def test_critical_items_carry_the_critical_mark(printed: tuple[str, str, list[Page]], checklist: Checklist) -> None:
    _, _, pages = printed
    runs = dict(sheets(pages))
    for section in checklist.sections:
        text = plain(" ".join(p.text for p in runs[f"Section {section.number}: {section.title}"]))
        critical: Counter[str] = Counter()
        for item in section.all_items():
            critical[plain(item.text)] += item.critical
        for printed_text, count in critical.items():
            assert len(re.findall(r"CRITICAL\s+" + re.escape(printed_text) + r"(?=\s|$)", text)) == count, printed_text
    summary = plain(" ".join(p.text for p in runs["Critical items"]))
    assert summary.startswith("Critical items 57 items must not be skipped")
    for _, _, item in checklist.critical_items():
        assert plain(item.text) in summary, item.text


def test_groups_break_between_items_under_continued_and_keep_their_signoff(printed: tuple[str, str, list[Page]], checklist: Checklist) -> None:
    _, _, pages = printed
    check_sections(pages, checklist)


def check_sections(pages: list[Page], checklist: Checklist) -> int:
    """Each section sheet: pages start with a group or its "(continued)" title, every group title once,
    every sign-off on the page of its group's last item. Returns how many pages go on "(continued)"."""
    runs = dict(sheets(pages))
    continued = 0
    for section in checklist.sections:
        if f"Section {section.number}: {section.title}" not in runs:
            continue
        run = runs[f"Section {section.number}: {section.title}"]
        labels = {f"{section.number}.{n} {g.title}": g for n, g in enumerate(section.groups, 1)}
        assert first_line(run[0]) == f"Section {section.number}: {section.title}"
        for page in run[1:]:  # a page inside a section starts with a group, or with "(continued)"
            line = first_line(page)
            title = line.removesuffix(" (continued)")
            assert title in labels, (page.number, line)
            continued += line.endswith("(continued)")
        for label, group in labels.items():
            number = label.split(" ")[0]
            heads = [p.number for p in run if re.search(rf"(^| ){re.escape(label)} (?!\(continued\))", p.text + " ")]
            assert len(heads) == 1, (label, heads)
            signed = [p for p in run if f"Sign-off {number} " in p.text + " "]
            assert len(signed) == 1, label
            text = plain(signed[0].text)
            last = plain(list(group.all_items())[-1].text)
            assert last in text and text.rindex(last) < text.index(f"Sign-off {number} "), f"{label}: sign-off apart from its last item"
    return continued


@pytest.mark.usefixtures("chromium")
def test_a_group_longer_than_a_page_goes_on_under_continued(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = project / "data" / "realserv-launch.yaml"
    anchor = "          - {id: secret-rotation-procedure-documented, text: Secret rotation procedure documented}\n"
    # Critical, with long words: the critical items' columns are taller than a page too.
    extra = "".join(f"          - {{id: extra-secret-{n}, text: Extra secret check number {n} of the rotation, critical: true}}\n" for n in range(1, 71))
    path.write_text(path.read_text(encoding="utf-8").replace(anchor, anchor + extra), encoding="utf-8")
    built = run_cli("-C", str(project), "build")  # in this process: `pdf` (a child process) would build it with a cold start
    assert built.returncode == 0, built.stderr
    result = run_cli("-C", str(project), "pdf", "--paper", "a4", "--no-build")
    assert result.returncode == 0, result.stderr
    pages = read_pages(project / "pdf" / "realserv-launch-01-security-a4.pdf")
    (checklist,) = check(Project.at(project)).checklists
    assert check_sections(pages, checklist) >= 2
    starts = [first_line(p) for p in pages]
    assert starts.count("1.3 Secrets Management (continued)") >= 2, starts
    assert all(p.fill >= 0.5 for p in pages[:-1]), [round(p.fill, 2) for p in pages]
    # Columns taller than a page flow on from under the title (its first page was left empty), and the contents count their pages.
    critical = read_pages(project / "pdf" / "realserv-launch-critical-items-a4.pdf")
    assert len(critical) >= 2 and "1. Security" in critical[0].text and critical[0].fill >= 0.5, [round(p.fill, 2) for p in critical]
    runs = sheets(read_pages(project / "pdf" / "realserv-launch-packet-a4.pdf"))
    cover = plain(" ".join(p.text for p in runs[0][1]))
    for (_, title), (_, run) in zip(contents(checklist, False), runs, strict=True):
        assert re.search(re.escape(plain(title)) + rf" page {run[0].number}\b", cover), title


def test_the_contents_count_the_pages_the_critical_items_columns_print_on(browser, site: Path, tmp_path: Path) -> None:
    """The critical items' columns, taller than a page on one endless page (their columns balanced), were counted by their
    height against a page less the room kept free at its foot, though Chromium fills every page's columns to its foot:
    columns filling two pages were counted three, and every page number of the contents after them was one too many
    (2,000 items: 667 critical ones printed on 6 pages, counted 7). lay_out lays them out in columns of the page's height
    (pdf._FLOWED). Here 160 critical items, each a 40th of a column on the page it prints on less 4 px (of the room under
    the sheet's title on the first page, of a page on the second), print on two pages, as the contents say (a packet of
    three sheets, its cover, the critical items and the final sign-off: four pages to print, not twenty)."""
    from generator.exchange.pdf import content_size, lay_out

    tab = browser.new_page()
    tab.goto((site / "checklists" / "realserv-launch" / "packet" / "index.html").as_uri())
    width, height = content_size("a4")
    tab.set_viewport_size({"width": round(width), "height": round(height)})
    tab.emulate_media(media="print")
    tab.evaluate(
        """(full) => {
          const kept = ['cover', 'critical-items', 'final-signoff'];
          for (const sheet of document.querySelectorAll('.cl-sheet')) if (!kept.includes(sheet.dataset.sheet)) sheet.remove();
          const columns = document.querySelector('.cl-critical-columns');
          const top = (e) => e.getBoundingClientRect().top - parseFloat(getComputedStyle(e).marginTop);
          const room = full - (top(columns) - top(columns.closest('.cl-sheet').querySelector('[data-u]')));
          const list = columns.querySelector('ul'), item = list.querySelector('li');
          columns.replaceChildren(list);
          list.replaceChildren(...Array.from({length: 160}, (_, n) => {
            const row = item.cloneNode(true);
            row.style.height = ((n < 80 ? room : full) - 4) / 40 + 'px';
            return row;
          }));
          document.head.insertAdjacentHTML('beforeend', '<style>.md-typeset .cl-critical-columns li { margin: 0; overflow: hidden; }</style>');
        }""",
        height,
    )
    starts = lay_out(tab, "a4")
    printed = tmp_path / "packet.pdf"
    printed.write_bytes(tab.pdf(format="A4"))
    tab.close()
    runs = dict(sheets(read_pages(printed)))
    assert len(runs["Critical items"]) == 2  # the other sheets left out: printed, the packet takes 20 pages
    assert starts["final-signoff"] == runs["Final Sign-off"][0].number == 4, starts  # 5 counted before


def test_contents_give_the_page_each_sheet_starts_on(printed: tuple[str, str, list[Page]], checklist: Checklist) -> None:
    kind, _, pages = printed
    runs = sheets(pages)
    cover = plain(" ".join(p.text for p in runs[1 if kind == "filled" else 0][1]))
    entries = contents(checklist, kind == "filled")
    assert len(entries) == len(runs)
    for (_, title), (name, run) in zip(entries, runs, strict=True):
        m = re.search(re.escape(plain(title)) + r" page (\d+)", cover)
        assert m, title
        assert int(m.group(1)) == run[0].number, (title, name)


def test_no_page_is_less_than_half_used_except_at_a_sheets_end(printed: tuple[str, str, list[Page]]) -> None:
    """Measured from the words' boxes: how far down the printable area the last line of text is."""
    _, _, pages = printed
    for name, run in sheets(pages):
        for page in run[:-1]:
            assert page.fill >= 0.5, f"page {page.number} ({name}) is {page.fill:.0%} used"
        assert all(page.fill <= 1.0 for page in run), "text below the page's printable area"


def counts_row(page: Page) -> dict[str, str]:
    """The cover's counts table, read by position: each value under the heading whose column it is in."""
    waived = next(w for w in page.body if w.text == "Waived")
    names = ("All", "Resolved", "Done", "Waived", "N/A", "Open", "Critical")
    heads = sorted((w for w in page.body if abs(w.y0 - waived.y0) < 2 and w.text in names), key=lambda w: w.x0)
    values = [w for w in page.body if 5 < w.y0 - waived.y0 < 30]
    out: dict[str, str] = {}
    for value in sorted(values, key=lambda w: w.x0):
        head = max((h for h in heads if h.x0 <= value.x0 + 1), key=lambda h: h.x0)
        out[head.text] = (out.get(head.text, "") + " " + value.text).strip()
    return out


def test_filled_cover_is_the_meetings_record(filled: list[Page]) -> None:
    pages = filled
    runs = sheets(pages)
    assert runs[0][0] == "Minutes of the launch meeting" and len(runs[0][1]) <= 2  # the packet opens with the minutes
    cover_pages = runs[1][1]
    cover = " ".join(p.text for p in cover_pages)
    assert "Decision: NO-GO, announced by Meera on 2026-01-11. Readiness from the record: NO-GO, 87 blockers." in cover
    assert "As of 2026-01-11 (the latest date in the record) · recorded in data/realserv-launch.status.yaml" in cover
    assert "commit" not in cover  # the project is not in git: no commit, and no error
    # The same tally as every view: all 243 items of the sections, resolved = done + waived + n/a.
    assert counts_row(cover_pages[0]) == {"All": "243 items", "Resolved": "8 (3%)", "Done": "5", "Waived": "1", "N/A": "2", "Open": "235", "Critical": "52"}
    blockers = ("87 blockers, listed on the final sign-off sheet:", "52 critical items not done", "29 group sign-offs missing")
    blockers += ("No approval from the Tech Lead",)
    for line in (*blockers, "The CTO/VP Eng (Meera) voted NO-GO", "Recorded NO-GO: Payment load test not run yet"):
        assert line in cover, line


def test_filled_items_carry_their_notes_waivers_and_approvers(filled: list[Page]) -> None:
    runs = {name: " ".join(p.text for p in run) for name, run in sheets(filled)}
    security = runs["Section 1: Security"]
    assert "JWT token validation working in all 7 services Done · by Priya · on 2026-01-08 — note: verified in all 7 services" in security
    waiver = "Waived: VendorService RBAC ships in 1.1 · accepted by Meera (CTO) · recorded by Arun · on 2026-01-09"
    assert "RBAC enforced in all services (not just IdentityService) " + waiver in security
    assert "Multi-factor authentication enabled for admin users N/A · by Arun · on 2026-01-09 — note: admins log in through SSO" in security
    assert "Sign-off 1.1 Name Priya Signature Date 2026-01-10" in security
    assert "autoscaling max raised to 12" in runs["Section 2: Infrastructure"]
    final = runs["Final Sign-off"]
    assert "CTO/VP Eng Meera (NO-GO) 2026-01-11" in final and "Announced by Meera Date 2026-01-11 Time" in final
    assert "Blockers at the time of printing (87)" in final and "29 group sign-offs missing" in final


@pytest.mark.usefixtures("chromium")
def test_pdf_filled_with_nothing_recorded_says_so(built_project: Path) -> None:
    result = run_cli("-C", str(built_project), "pdf", "--no-build", "--filled")
    assert result.returncode == 1
    assert "error: nothing is recorded yet for realserv-launch, so there is no filled packet to print" in result.stderr
    assert "hint: record progress first" in result.stderr and "Traceback" not in result.stderr
    assert not list((built_project / "pdf").glob("*filled*"))


@pytest.mark.usefixtures("chromium")
def test_one_pdf_per_sheet(built_project: Path, filled_project: Path) -> None:
    _printed("blank", "a4", built_project, filled_project)  # `pdf --no-build --paper a4`, run once for the tests of this module
    assert re.search(r"\[1/14\] realserv-launch-packet-a4", _SAID[(built_project, "a4", "--no-build")]), "progress is shown"
    names = sorted(p.name for p in (built_project / "pdf").glob("*-a4.pdf"))
    assert len(names) == 14 and "realserv-launch-01-security-a4.pdf" in names
    alone = {"critical-items": "Critical items", "metrics": "Metrics to Track", "post-launch": "Post-Launch Tasks", "rollback": "Rollback Procedure"}
    for name, sheet in alone.items():
        pages = read_pages(built_project / "pdf" / f"realserv-launch-{name}-a4.pdf")  # every sheet printable on its own
        assert all(p.header == f"{TITLE} {sheet}" and p.footer.endswith(f"Page {p.number} of {len(pages)}") for p in pages), name
    security = read_pages(built_project / "pdf" / "realserv-launch-01-security-a4.pdf")
    assert first_line(security[0]) == "Section 1: Security"
    assert all(p.header == f"{TITLE} Section 1: Security" for p in security)
    assert all("Sign-off 2." not in p.text for p in security)


def test_the_sheets_are_printed_from_the_packet_as_from_their_own_pages(built_project: Path, filled_project: Path, tmp_path: Path) -> None:
    """Every sheet was printed twice: in the packet, and again from its own page, loaded, laid out and printed one by one,
    two thirds of `pdf`'s processor time (2,000 items: the sheets 12 s, the packet 6 s). The packet holds the same block
    (layout.framed_content): `pdf` loads and lays out the packet once and prints each sheet from it, the others hidden.
    Each PDF looks as the sheet's own page prints it, page for page (their images compared), with its page's title."""
    from generator.exchange.pdf import Job, render_pdfs

    _printed("blank", "a4", built_project, filled_project)
    loaded = _LOADED[(built_project, "a4", "--no-build")]
    assert [url.removeprefix((built_project / "site").as_uri()) for url in loaded] == ["/checklists/realserv-launch/packet/index.html"]
    alone = tmp_path / "alone"
    names = {"01-security": "sheets/security", "critical-items": "sheets/critical", "final-signoff": "sheets/final-signoff"}
    todo = [Job(f"checklists/realserv-launch/{page}/index.html", f"realserv-launch-{name}") for name, page in names.items()]
    _in_thread(render_pdfs, built_project / "site", todo, alone, "a4", quiet=True)  # each from its own page, as before
    for name in names:
        pdfs = [alone / f"realserv-launch-{name}-a4.pdf", built_project / "pdf" / f"realserv-launch-{name}-a4.pdf"]
        images = []
        for n, pdf in enumerate(pdfs):
            subprocess.run(["pdftoppm", "-gray", "-r", "40", str(pdf), str(tmp_path / f"{name}-{n}")], check=True)
            images.append([page.read_bytes() for page in sorted(tmp_path.glob(f"{name}-{n}-*.pgm"))])
        assert len(images[0]) > 0 and images[0] == images[1], name
        titles = [subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()[0] for pdf in pdfs]
        assert titles[0] == titles[1] and titles[0].startswith("Title:") and "packet" not in titles[0], titles


def test_the_packets_outline_is_its_title_then_each_sheet_and_its_groups(built_project: Path, filled_project: Path, checklist: Checklist) -> None:
    """The packet is one document: its cover's title the page's one <h1>, every sheet's title an <h2> under it, each
    group's an <h3> (on a sheet's own page, its <h1> and <h2>s; layout.nested). It had an <h1> for every sheet, and
    its PDF no outline: now tagged, its bookmarks are that outline."""
    _printed("blank", "a4", built_project, filled_project)
    outline = _pdf_outline(built_project / "pdf" / "realserv-launch-packet-a4.pdf")
    assert [title for title, _, _ in outline] == [TITLE]
    parts = {title: (page, under) for title, page, under in outline[0][2]}
    expected = ["Contents", "How to use this checklist", "Meeting", "Attendees", *(f"Section {s.number}: {s.title}" for s in checklist.sections)]
    expected += ["Critical items", "Final Sign-off", "Metrics to Track (First 30 Days)", "Post-Launch Tasks", "Rollback Procedure"]
    assert list(parts) == expected
    security = checklist.sections[0]
    page, groups = parts["Section 1: Security"]
    assert [title for title, _, _ in groups] == [f"1.{n} {g.title}" for n, g in enumerate(security.groups, 1)] and page == 2
    sheet = _pdf_outline(built_project / "pdf" / "realserv-launch-01-security-a4.pdf")
    assert sheet == [], "a sheet's PDF is not tagged: as long again to print"
    # the filled packet alike, its minutes first under its title (they come before its cover, whose title is then no
    # heading): it had two outlines side by side, the minutes' and the cover's
    _printed("filled", "a4", built_project, filled_project)
    filled = _pdf_outline(filled_project / "pdf" / "realserv-launch-packet-filled-a4.pdf")
    assert [title for title, _, _ in filled] == [TITLE] and filled[0][1] == 1, filled
    parts = {title: (page, under) for title, page, under in filled[0][2]}
    assert list(parts) == ["Minutes of the launch meeting", *expected], list(parts)
    assert [title for title, _, _ in parts["Minutes of the launch meeting"][1]][:2] == ["Decision", "Attendees"]
    assert parts["Minutes of the launch meeting"][0] == 1 and parts["Contents"][0] == 2


def _pdf_outline(pdf: Path) -> list[tuple[str, int, list]]:
    """A PDF's bookmarks as (title, page, the bookmarks under it), read by pdftohtml (poppler)."""
    import xml.etree.ElementTree as ET

    xml = subprocess.run(["pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf)], capture_output=True, check=True).stdout
    found = ET.fromstring(xml).find("outline")

    def read(outline: ET.Element | None) -> list[tuple[str, int, list]]:
        out: list[tuple[str, int, list]] = []
        for node in outline if outline is not None else []:
            if node.tag == "item":
                out.append((re.sub("[\u2066-\u2069]", "", node.text or ""), int(node.get("page", "0")), []))
            elif node.tag == "outline" and out:
                out[-1][2].extend(read(node))
        return out

    return read(found)


def test_pdf_without_chromium_says_how_to_install(tmp_path: Path) -> None:
    import os
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PATH": str(tmp_path), "CHECKLIST_SITE_CHROMIUM": ""}
    result = subprocess.run([sys.executable, "-m", "generator", "pdf"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Chromium was not found" in result.stderr and "apt-get install chromium" in result.stderr


def test_a_pdf_is_replaced_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Chromium wrote each PDF straight under its name: a `pdf` stopped (or a disk filling up) mid-write left half a PDF
    there, over the last good one. Now it is written beside it and put in place in one step."""
    import os

    from generator.exchange import pdf

    target = tmp_path / "launch-packet-a4.pdf"
    target.write_bytes(b"%PDF-1.7 the earlier, whole one")

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OSError):
        pdf._replace(target, b"%PDF-1.7 the new one")
    assert target.read_bytes() == b"%PDF-1.7 the earlier, whole one" and [p.name for p in tmp_path.iterdir()] == [target.name]
    monkeypatch.undo()
    pdf._replace(target, b"%PDF-1.7 the new one")
    assert target.read_bytes() == b"%PDF-1.7 the new one" and [p.name for p in tmp_path.iterdir()] == [target.name]


@pytest.mark.browser
def test_running_headers_and_footers_of_long_titles_stay_in_their_margins(browser, tmp_path: Path) -> None:
    """Titles may be 500 characters long: a 480-character checklist title and a 470-character section title (and a
    CJK one, two columns a character) ran above the top of the page and down over the sheet's title, and off the
    foot. Rendered in process (paper.py) and printed by Chromium with paper.css: every word of every page lies inside
    the paper and over no other word, and the running header and footer hold the titles shortened ('…')."""
    import json

    from generator.exchange.pdf import MARGINS_MM
    from generator.format.validate import load_all
    from generator.site.paper import render_paper

    from .pdftext import PT_PER_MM

    mini = FIXTURES / "mini"
    long = ("Security of every externally reachable endpoint and internal service mesh gateway in all regions " * 5)[:470]
    text = (mini / "mini.yaml").read_text(encoding="utf-8").replace("title: Mini Launch\n", f"title: {json.dumps(long[:480] + ' launch')}\n")
    cjk = "上线前的基础设施与部署流程检查" * 8  # two columns a character
    text = text.replace("    title: Security\n", f"    title: {json.dumps(long)}\n").replace("    title: Operations\n", f"    title: {json.dumps(cjk)}\n")
    (tmp_path / "mini.yaml").write_text(text, encoding="utf-8")
    data, issues = load_all([(tmp_path / "mini.yaml", "data/mini.yaml"), (mini / "runbooks.yaml", "data/runbooks.yaml")])
    assert not issues, [i.format() for i in issues]
    blocks = render_paper(data)
    css = "".join((ROOT / "overrides" / "assets" / "stylesheets" / name).read_text(encoding="utf-8") for name in ("checklist.css", "paper.css"))
    tab = browser.new_page()
    pages = []
    for sheet in ("security", "ops"):
        page_and_sheet = blocks[f"checklists/mini:page-sheets/{sheet}"] + blocks[f"checklists/mini:sheet-{sheet}"]  # the footer's, the header's
        tab.set_content(f"<style>{css}</style><article class='md-content md-typeset'>{page_and_sheet}</article>")
        pdf = tmp_path / f"{sheet}.pdf"
        pdf.write_bytes(tab.pdf(format="A4"))  # Letter is a little wider: the margins' room is A4's or more
        pages += read_pages(pdf)
    tab.close()
    top = MARGINS_MM[0] * PT_PER_MM

    def band(w: Word) -> tuple[float, float]:  # the middle half of a word's height: poppler gives CJK glyphs boxes twice a line's
        middle, quarter = (w.y0 + w.y1) / 2, (w.y1 - w.y0) / 4
        return middle - quarter, middle + quarter

    def over(a: Word, b: Word) -> bool:
        return a.x0 < b.x1 - 1 and b.x0 < a.x1 - 1 and band(a)[0] < band(b)[1] - 1 and band(b)[0] < band(a)[1] - 1

    for page in pages:
        outside = [w.text for w in page.words if w.y0 < 0 or w.y1 > page.height or w.x0 < 0 or w.x1 > page.width]
        overlapping = [(a.text, b.text) for n, a in enumerate(page.words) for b in page.words[n + 1 :] if over(a, b)]
        assert (outside, overlapping) == ([], []), page.number
        header = " ".join(w.text for w in page.words if sum(band(w)) / 2 < top)
        assert "Security of every" in header and "…" in header and "Section" in header, header  # shortened, there
        assert "…" in page.footer and "Page 1 of" in page.footer, page.footer
