"""The pages of paper written into the theme's frame after the engine (publish/frames.py): the sheets and the packets.

The engine converts no Markdown page of a packet, yet a packet keeps what a reader had: its URL, its entry in the
navigation, its previous and next pages (in its footer and head, and in theirs), its print layout; in both engines
and both URL styles.
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from generator.build import Project, build, check
from generator.progress import runs
from generator.progress.record import append
from generator.publish.frames import rebase

from .conftest import make_project
from .htmltree import Element, article, parse

C = "checklists/realserv-launch"
PACKETS = ("packet", "packet-filled", "runs/default/packet-filled", "runs/second/packet-filled")


def _project(tmp_path: Path) -> Project:
    """The RealServ project with progress recorded, then a second run: a packet, a filled packet and two runs' filled packets."""
    project = Project.at(make_project(tmp_path / "p"))
    at = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)
    append(project, check, None, "Priya", [{"item": "jwt-token-validation-working", "state": "done"}], at=at)
    runs.start(project, check, "second", checklist=None, by="Meera")
    append(project, check, None, "Arun", [{"item": "twilio-sms-used", "state": "n/a"}], at=datetime.datetime.now(datetime.UTC))
    return project


def _engine_pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources of the pages MkDocs builds in this process from now on (its own page build, recorded)."""
    import mkdocs.commands.build as mkdocs_build

    built: list[str] = []
    page_build = mkdocs_build._build_page

    def recorded(page, *args, **kwargs):  # type: ignore[no-untyped-def]
        built.append(page.file.src_uri)
        return page_build(page, *args, **kwargs)

    monkeypatch.setattr(mkdocs_build, "_build_page", recorded)
    return built


@pytest.fixture(scope="module")
def built_with_mkdocs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path, list[str]]:
    """The project of :func:`_project` built once with MkDocs (read it only), and the pages MkDocs built for it: the
    same build for the test of what goes through the engine and the test of the packets' places under MkDocs."""
    project = _project(tmp_path_factory.mktemp("frames"))
    with pytest.MonkeyPatch.context() as monkeypatch:
        built = _engine_pages(monkeypatch)
        site = build(project)
    return project, site, built


def test_no_packet_goes_through_the_engine(built_with_mkdocs: tuple[Project, Path, list[str]]) -> None:
    project, site, built = built_with_mkdocs
    paper = [src for src in built if "packet" in src or "/sheets/" in src]
    assert paper == [f"{C}/sheets/_frame.md"]  # the frame is the one page of paper MkDocs builds
    assert [src for src in built if src.startswith(f"{C}/")] and len(built) == len(set(built))
    staged = {p.relative_to(project.root / "docs").as_posix() for p in (project.root / "docs" / "checklists").rglob("*.md")}
    assert not [src for src in staged if "packet" in src]  # no Markdown page of a packet, in docs/ as published
    for name in PACKETS:
        page = parse(site / C / name / "index.html")
        assert article(page).find_all(cls="cl-sheet"), name  # the sheets are there, the frame's marker is not
        assert not article(page).find_all(cls="cl-frame-content") and not article(page).find_all(cls="cl-slot"), name
    assert not (site / C / "sheets" / "_frame").exists()


def _href(page: str, element: Element, attr: str = "href") -> str:
    """Where a link of the built ``page`` (a path inside the site) leads, as a path inside the site."""
    target = urljoin("http://site/" + page, element.attrs[attr]).removeprefix("http://site/")
    return target + "index.html" if target.endswith("/") or target == "" else target


def _neighbours(site: Path, page: str) -> dict[str, tuple[str, str]]:
    """A built page's previous and next pages: where its footer links lead and the titles they show, and where its head's lead."""
    tree = parse(site / page)
    out = {}
    for side in ("prev", "next"):
        links = tree.find_all("a", f"md-footer__link--{side}")
        heads = [e for e in tree.find_all("link") if e.attrs.get("rel") == side]
        assert len(links) == len(heads) <= 1, (page, side)
        if links:
            assert _href(page, heads[0]) == _href(page, links[0]), (page, side)
            title = links[0].find_all("div", "md-ellipsis")[0].text()
            assert html.unescape(links[0].attrs["aria-label"]).endswith(": " + title), (page, side)  # the theme escapes it once more
            out[side] = (_href(page, links[0]), title)
    return out


@pytest.mark.parametrize("engine, offline", [("mkdocs", False), ("mkdocs", True), ("zensical", False)], ids=["mkdocs", "offline", "zensical"])
def test_each_packet_keeps_its_place_in_the_navigation(tmp_path: Path, engine: str, offline: bool, request: pytest.FixtureRequest) -> None:
    if engine == "zensical":
        pytest.importorskip("zensical")
    if engine == "mkdocs" and not offline:
        site = request.getfixturevalue("built_with_mkdocs")[1]
    else:
        site = build(_project(tmp_path), engine=engine, offline=offline)
    dest = (lambda name: f"{C}/{name}.html") if offline else (lambda name: f"{C}/{name}/index.html")
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))
    chain = {page: _neighbours(site, page) for page in pages}
    for page, sides in chain.items():  # the engine's pages and ours link each other both ways, with the titles they show
        for side, other in (("prev", "next"), ("next", "prev")):
            if side in sides:
                target, shown = sides[side]
                assert chain[target][other][0] == page, (page, side, target)
                if "packet" in target:  # a packet's title in the navigation is its own
                    assert parse(site / target).find_all("div", "md-header__topic")[1].text() == shown, (page, side, target)
    titles = {"packet": "Launch-meeting packet", "packet-filled": "Packet, filled in"}
    for name in PACKETS:
        page = dest(name)
        assert "prev" in chain[page] and "next" in chain[page], page  # the packets stand between pages
        tree = parse(site / page)
        title = titles[name] if name in titles else f"Run {name.split('/')[1]}: packet, filled in"
        assert tree.find_all("title")[0].text() == f"{title} - RealServ Launch Checklists"
        assert tree.find_all("div", "md-header__topic")[1].text() == title
        canonical = [e.attrs["href"] for e in tree.find_all("link") if e.attrs.get("rel") == "canonical"]
        assert canonical == ["https://checklists.realserv.example/" + (page if offline else page.removesuffix("index.html"))]
        for element in tree.iter():  # every relative address of the frame's, moved to the packet's folder, leads to a file
            for attr in ("href", "src"):
                value = element.attrs.get(attr, "")
                if value and not re.match(r"[a-z]+:|#|/", value):
                    assert (site / _href(page, element, attr).split("#")[0].split("?")[0]).exists(), (page, value)
        base = re.search(r'"base": ?"([^"]*)"', (site / page).read_text(encoding="utf-8"))  # the theme's scripts find the site from it
        assert base and posixpath.normpath(posixpath.join(posixpath.dirname(page), base.group(1))) == ".", page
    home = f"{C}/index.html"  # the overview lists the packets in its navigation
    nav = {a.text(): _href(home, a) for a in parse(site / home).find_all("a", "md-nav__link")}
    assert nav["Launch-meeting packet"] == dest("packet") and nav["Packet, filled in"] == dest("packet-filled")


def test_rebase_moves_every_relative_address_and_nothing_else() -> None:
    page = (
        '<link href="../../../../assets/x.css"><a href="../../../how/">how</a><a href="#top">top</a><a href="https://x.org/a/../b">x</a>'
        '<script>u=new URL("../../../..",location);p=t.pathname+"."+e</script><script type="application/json">{"base": "../../../..", '
        '"search": "../../../../assets/w.js"}</script><img src="../../../../i.png"><a href="/abs/">a</a><a href="../x/#a">x</a>'
    )
    moved = rebase(page, "checklists/c/sheets/_frame", "checklists/c/packet")
    assert moved == (
        '<link href="../../../assets/x.css"><a href="../../how/">how</a><a href="#top">top</a><a href="https://x.org/a/../b">x</a>'
        '<script>u=new URL("../../..",location);p=t.pathname+"."+e</script><script type="application/json">{"base": "../../..", '
        '"search": "../../../assets/w.js"}</script><img src="../../../i.png"><a href="/abs/">a</a><a href="../sheets/x/#a">x</a>'
    )
    assert rebase(page, "checklists/c/sheets", "checklists/c/sheets") == page
    assert rebase(moved, "checklists/c/packet", "checklists/c/sheets/_frame") == page


def test_a_theme_that_rewrites_the_frame_fails_the_build_and_publishes_nothing(tmp_path: Path) -> None:
    """The pages of paper are written beside the filling of the slots (in a second process where the build forks): a
    frame the theme built without its content marker still fails the build, with its message, and the published
    site and pages stay as they were."""
    from generator.errors import BuildError

    root = make_project(tmp_path / "p")
    build(Project.at(root))
    before = {p: p.read_bytes() for top in ("site", "docs") for p in sorted((root / top).rglob("*")) if p.is_file()}
    template = root / "overrides" / "main.html"
    template.write_text(template.read_text(encoding="utf-8") + "\n{% block content %}<p>no content</p>{% endblock %}\n", encoding="utf-8")
    with pytest.raises(BuildError, match="content marker|did not build the sheets' frame") as failed:
        build(Project.at(root))
    assert "build with the theme as mkdocs.yml ships it" in failed.value.format()
    assert {p: p.read_bytes() for top in ("site", "docs") for p in sorted((root / top).rglob("*")) if p.is_file()} == before
