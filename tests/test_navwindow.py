"""Zensical's pages get the navigation window MkDocs' pages get (generator/publish/navwindow.py): the same entries,
whatever the page, and a page whose navigation is not as expected keeps it whole."""

from __future__ import annotations

import copy
import html
import posixpath
import re
import shutil
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from generator import zensical_out
from generator.project import Project
from generator.publish.navwindow import Windows
from generator.site.layout import Page, Urls
from generator.site.render import WINDOW_REACH, PageRun

from .conftest import ROOT, make_project, run_cli
from .test_copies import _checklist
from .test_ecosystem import _zensical

URLS = Urls()


def _run(size: int) -> PageRun:
    return PageRun("c/index.md", "sections", tuple(f"c/s{n}.md" for n in range(size)))


def _entry(href: str, title: str, space: str = "\n  ") -> str:
    """A plain entry as Zensical writes one (white space and all)."""
    return (
        f'<li class="md-nav__item">{space}<a href="{href}" class="md-nav__link">{space}<span class="md-ellipsis">{space}{title}{space}</span>'
        f"{space}</a>{space}</li>"
    )


def _page(run: PageRun, src: str, space: str = "\n  ", primary: str = "md-nav md-nav--primary", titles: list[str] | None = None) -> str:
    """A built page of ``src`` whose navigation lists the run whole: the page's own entry active, with its table of
    contents (``titles``: the members' titles as the theme writes them; default "S<n> &amp; more")."""
    page = Page(src)
    entries = [_entry(URLS.relative(page, Page(run.home)), "Overview", space)]
    for n, member in enumerate(run.members):
        if member == src:
            entries.append(
                f'<li class="md-nav__item md-nav__item--active"><label class="md-nav__link md-nav__link--active" for="__toc">S{n}</label>'
                f'<a href="./" class="md-nav__link md-nav__link--active"><span class="md-ellipsis">S{n}</span></a>'
                f'<nav class="md-nav md-nav--secondary"><ul class="md-nav__list">{_entry("#g1", "Group 1")}</ul></nav></li>'
            )
        else:
            entries.append(_entry(URLS.relative(page, Page(member)), titles[n] if titles else f"S{n} &amp; more", space))
    entries.append(_entry(URLS.relative(page, Page("c/critical.md")), "Critical items", space))
    nav = f'<nav class="{primary}" aria-label="Navigation"><ul class="md-nav__list">' + space.join(entries) + "</ul></nav>"
    return f"<html><head><title>x</title></head><body>{nav}<article>content s3 &lt;li&gt;</article></body></html>"


def _shown(text: str, built: str) -> list[tuple[str, str]]:
    """The entries of the primary navigation of the ``built`` page (its path inside the site): (the page linked, from
    the site's root; the title), outside tables of contents."""
    folder = posixpath.dirname(built)
    out = []
    for link in LexborHTMLParser(text).css("nav.md-nav--primary a.md-nav__link"):
        href = link.attributes.get("href") or ""
        if not href.startswith("#"):
            out.append((posixpath.normpath(posixpath.join(folder, href)), " ".join(link.text().split())))
    return out


@settings(max_examples=60, deadline=None)
@given(size=st.integers(16, 60), data=st.data(), space=st.sampled_from(["", "\n", "\n    \n  ", " \t"]), tabs=st.booleans())
def test_the_cut_keeps_the_window_and_one_entry_for_each_stretch_left_out(size: int, data: st.DataObject, space: str, tabs: bool) -> None:
    run = _run(size)
    at = data.draw(st.one_of(st.none(), st.integers(0, size - 1)))
    src = "c/critical.md" if at is None else run.members[at]
    text = _page(run, src, space, "md-nav md-nav--primary md-nav--lifted" if tabs else "md-nav md-nav--primary")  # navigation.tabs: lifted
    windows = Windows.of((run,), URLS, [src])
    assert windows is not None
    cut = windows(text, URLS.dest(Page(src)))
    shown = run.shown(at)
    assert len(shown) == 2 * WINDOW_REACH + 1
    members = [("c/s%d" % n, f"S{n} & more") for n in shown]
    if at is not None:
        members[shown.index(at)] = (f"c/s{at}", f"S{at}")
    before = [("c", f"\u22ef {shown.start} more sections")] if shown.start else []
    after = [("c", f"\u22ef {size - shown.stop} more sections")] if shown.stop < size else []
    assert _shown(cut, URLS.dest(Page(src))) == [("c", "Overview"), *before, *members, *after, ("c/critical", "Critical items")]
    assert cut.startswith(text[: text.index("<nav")]) and cut.endswith(text[text.index("<article>") :])  # the rest as it was
    assert windows(cut, URLS.dest(Page(src))) == cut  # cut once: nothing more to find


def test_a_page_whose_navigation_is_not_as_expected_keeps_it_whole() -> None:
    run, src = _run(30), "c/s20.md"
    windows = Windows.of((run,), URLS, [src])
    assert windows is not None
    dest = URLS.dest(Page(src))
    text = _page(run, src)
    assert windows(text, dest) != text
    missing = text.replace(_entry("../s2/", "S2 &amp; more"), "")
    twice = text.replace(_entry("../s2/", "S2 &amp; more"), _entry("../s2/", "S2 &amp; more") * 2)
    apart = text.replace(_entry("../s2/", "S2 &amp; more"), _entry("../s2/", "S2 &amp; more") + "<li>x</li>")
    nested = text.replace("S2 &amp; more", "S2 <ul><li>x</li></ul>")
    for changed in (missing, twice, apart, nested):
        assert changed != text
        assert windows(changed, dest) == changed
    pruned = re.sub(r'<li class="md-nav__item">\s*<a href="\.\./s\d+/".*?</li>', "", text, flags=re.DOTALL)  # the run not shown
    assert windows(pruned, dest) == pruned
    assert windows(text, "c/other/index.html") == text  # not a page of the site's runs
    assert Windows.of((_run(15),), URLS, [src]) is None  # a short run is shown whole


def _runbooks(count: int) -> str:
    """RealServ's runbooks, repeated to ``count`` (each new one's id, alarm and title changed; titles with '<' and '&')."""
    found = yaml.safe_load((ROOT / "data" / "runbooks.yaml").read_text(encoding="utf-8"))
    base, runbooks = found["runbooks"], []
    for n in range(count):
        runbook = copy.deepcopy(base[n % len(base)])
        if n >= len(base):
            runbook.pop("former_ids", None)
            runbook |= {"id": f"{runbook['id']}-{n}", "alarm_name": f"{runbook['alarm_name']}-{n}", "title": f"{runbook['title']} <{n}> & co"}
        runbooks.append(runbook)
    return yaml.safe_dump({**found, "runbooks": runbooks}, allow_unicode=True, sort_keys=False)


def test_zensicals_pages_show_the_window_mkdocs_pages_show(tmp_path: Path) -> None:
    """Built both ways, every page's navigation (generated or hand-written) links the same pages in the same order, and
    a section page lists no more of the run than its window, whatever the number of sections: three checklists of 26,
    16 and 15 sections (the last shown whole) and 17 alarm runbooks."""
    _zensical()
    sites = {}
    for engine in ("mkdocs", "zensical"):
        data = tmp_path / f"data-{engine}"
        data.mkdir()
        (data / "long.yaml").write_text(_checklist(26), encoding="utf-8")
        (data / "edge.yaml").write_text(_checklist(16).replace("id: long", "id: edge", 1), encoding="utf-8")
        (data / "short.yaml").write_text(_checklist(15).replace("id: long", "id: short", 1), encoding="utf-8")
        shutil.copy(ROOT / "data" / "realserv-launch.yaml", data)
        (data / "runbooks.yaml").write_text(_runbooks(17), encoding="utf-8")
        project = make_project(tmp_path / engine, data)
        ran = run_cli("-C", str(project), "build", "--engine", engine)
        assert ran.returncode == 0, ran.stderr
        sites[engine] = project / "site"
    pages = sorted(p.relative_to(sites["mkdocs"]).as_posix() for p in sites["mkdocs"].rglob("*.html"))  # hand-written pages too
    pages = [page for page in pages if "/sheets/" not in page and not page.endswith(("/packet/index.html", "/filled/index.html"))]
    assert {"checklists/long/s13/index.html", "index.html", "how-to-use/index.html"} <= set(pages)
    for page in pages:
        mkdocs, zensical = (_shown((sites[e] / page).read_text(encoding="utf-8"), page) for e in ("mkdocs", "zensical"))
        assert [href for href, _ in zensical] == [href for href, _ in mkdocs], page
        assert [t for _, t in zensical if t.startswith("\u22ef")] == [t for _, t in mkdocs if t.startswith("\u22ef")], page
    middle = _shown((sites["zensical"] / "checklists/long/s13/index.html").read_text(encoding="utf-8"), "checklists/long/s13/index.html")
    assert sum(1 for href, _ in middle if re.fullmatch(r"checklists/long/s\d+", href)) == 2 * WINDOW_REACH + 1
    assert [t for href, t in middle if href == "checklists/long" and t.startswith("\u22ef")] == ["\u22ef 7 more sections", "\u22ef 8 more sections"]
    alarm = _shown((sites["zensical"] / "runbooks/service-down-12/index.html").read_text(encoding="utf-8"), "runbooks/service-down-12/index.html")
    assert sum(1 for href, _ in alarm if re.fullmatch(r"runbooks/[a-z0-9-]+", href)) == 2 * WINDOW_REACH + 1
    assert sum(sum(map(int, re.findall(r"\d+", t))) for _, t in alarm if t.endswith(" more runbooks")) == 17 - (2 * WINDOW_REACH + 1)
    short = _shown((sites["zensical"] / "checklists/short/s8/index.html").read_text(encoding="utf-8"), "checklists/short/s8/index.html")
    assert sum(1 for href, _ in short if re.fullmatch(r"checklists/short/s\d+", href)) == 15  # 15: shown whole


def test_only_the_primary_navigation_is_cut_not_the_pages_content() -> None:
    """Markup like the navigation's written in a page's content (raw HTML in a hand-written page) is the page's own: where
    the navigation does not show the run (pruned), nothing is cut; where it does, the content stays as written."""
    run, src = _run(30), "c/s20.md"
    windows = Windows.of((run,), URLS, [src])
    assert windows is not None
    dest = URLS.dest(Page(src))
    text = _page(run, src)
    nav = text[text.index("<nav") : text.index("<article>")]
    pruned = re.sub(r'<li class="md-nav__item">\s*<a href="\.\./s\d+/".*?</li>', "", text, flags=re.DOTALL)
    quoted = nav.replace("md-nav--primary", "md-nav--quoted")  # the user's copy of it, in the content
    in_content = pruned.replace("<article>", f"<article>{quoted}")
    assert windows(in_content, dest) == in_content
    both = text.replace("<article>", f"<article>{quoted}")
    cut = windows(both, dest)
    assert cut != both and cut.endswith(both[both.index("<article>") :])  # the navigation cut, the content as it was


# Titles as the theme writes them: escaped text of any kind (a generated page's title is plain text), or with inline
# markup in the title's span (none does today: a page with one may keep its navigation whole).
_TITLES = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).map(html.escape),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=10).map(lambda t: f"<code>{html.escape(t)}</code> x"),
)


@settings(max_examples=80, deadline=None)
@given(size=st.integers(16, 40), data=st.data(), change=st.sampled_from(["none", "drop", "twice", "apart", "nested"]))
def test_any_titles_and_any_change_to_the_navigation_give_the_window_or_the_page_as_it_was(size: int, data: st.DataObject, change: str) -> None:
    """Whatever the titles, and whatever an entry to leave out looks like (missing, twice, apart from its neighbours, with
    a list inside), the page comes out with exactly its window, or exactly as it was: never anything in between."""
    run = _run(size)
    at = data.draw(st.integers(0, size - 1))
    src, dest = run.members[at], URLS.dest(Page(run.members[at]))
    titles = data.draw(st.lists(_TITLES, min_size=size, max_size=size))
    text = _page(run, src, titles=titles)
    shown = run.shown(at)
    out = [n for n in range(size) if n not in shown]
    victim = data.draw(st.sampled_from(out))
    entry = _entry(URLS.relative(Page(src), Page(run.members[victim])), titles[victim])
    assert text.count(entry) == 1
    changed = {
        "none": entry,
        "drop": "",
        "twice": entry * 2,
        "apart": entry + "<li>x</li>",
        "nested": entry.replace("</a>", "</a><ul><li>x</li></ul>"),
    }[change]
    text = text.replace(entry, changed)
    windows = Windows.of((run,), URLS, [src])
    assert windows is not None
    cut = windows(text, dest)
    if change != "none" and not (change == "apart" and victim in (shown.start - 1, size - 1)):  # after a stretch's last entry: outside it
        assert cut == text
        return
    if cut == text:
        assert any("<" in title for title in titles)  # plain titles are always cut
        return
    members = [h for h, _ in _shown(cut, dest) if re.fullmatch(r"c/s\d+", h)]
    assert members == [f"c/s{n}" for n in shown]
    assert cut.count("<li") == cut.count("</li>") and cut.count("<nav") == cut.count("</nav>")


def test_the_site_zensical_built_is_kept_uncut_and_taken_again_cut(tmp_path: Path) -> None:
    """The cut writes each page anew (never into the file in place): the site kept for the next build (hard links to
    the pages Zensical wrote) keeps Zensical's whole navigation, and the build that takes it again cuts it the same."""
    _zensical()
    data = tmp_path / "data"
    data.mkdir()
    (data / "long.yaml").write_text(_checklist(20), encoding="utf-8")
    project = make_project(tmp_path / "p", data)
    page = "checklists/long/s10/index.html"
    cut = []
    for n in range(2):
        ran = run_cli("-C", str(project), "-v", "build", "--engine", "zensical")
        assert ran.returncode == 0, ran.stderr
        assert ("taken as it was kept" in ran.stderr) == (n == 1), ran.stderr  # the second build: Zensical's site as kept
        cut.append((project / "site" / page).read_text(encoding="utf-8"))
    kept = zensical_out.kept_files(Project.at(project))[page]  # the page as Zensical wrote it, kept
    assert ".checklist-site" in kept.parts and "\u22ef" not in kept.read_text(encoding="utf-8")
    assert cut[0] == cut[1] and [t for _, t in _shown(cut[1], page) if t.startswith("\u22ef")] == ["\u22ef 4 more sections", "\u22ef 5 more sections"]
