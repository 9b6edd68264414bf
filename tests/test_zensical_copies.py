"""Under Zensical, and under MkDocs, the pages of a long run written from a prototype (generator/zensical_copies.py) are
the pages the engine renders: the whole site byte for byte, and a prototype that cannot be proved leaves the engine to
build every page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from .conftest import make_project, run_cli

SPECIAL = ["Backup & restore", 'Say "hi" <b>now</b>', "It's done", "API/DB", "A  double  space"]


SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  {%- for page in pages -%}{%- if page.canonical_url %}
  <url><loc>{{ page.canonical_url }}</loc><!-- {{ page.title }} --></url>
  {%- endif -%}{%- endfor %}
</urlset>
"""
# MkDocs gives the sitemap's template the pages' files
SITEMAPS = {"zensical": SITEMAP, "mkdocs": SITEMAP.replace("page in pages", "file in pages").replace("page.", "file.page.")}


def _checklist(sections: int) -> str:
    """Sections of plain titles in two shapes (two groups; three and notes), and some whose titles Zensical escapes or
    Markdown reads."""
    lines = ["id: long", "title: A long checklist", 'version: "1"', "sections:"]
    for s in range(1, sections + 1):
        title = SPECIAL[s // 7 % len(SPECIAL)] if s % 7 == 0 else f"Plain section {s}"
        lines += [f"  - id: s{s}", f'    title: "{title.replace(chr(34), chr(92) + chr(34))} {s}"', "    priority: high", "    groups:"]
        if s % 4 == 0:  # a paragraph under the title, which search reads (the entry of the page's title holds it)
            lines.insert(-2, f'    notes: "Notes of section {s}, read by search{"." * (s % 3)}"')
        for g in range(1, 3 + (s % 4 == 0)):
            lines += [f"      - id: s{s}-g{g}", f'        title: "Group {g} of {s}"', "        items:"]
            lines += [f'          - {{id: s{s}-g{g}-i, text: "Check {s}.{g} & <x>", critical: {str(s % 2 == 0).lower()}}}']
    return "\n".join(lines) + "\n"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".checklist-site-build"}


# What the build says under each engine: pages written from prototypes, a proof failed, and the memo of the shapes that failed
WRITTEN = {"zensical": "written from Zensical's prototypes", "mkdocs": "left out of MkDocs' build, written from its prototypes"}
FAILED = {"zensical": "a prototype's proof failed: Zensical builds every page", "mkdocs": "a prototype's proof failed: MkDocs builds every page"}
MEMO = {"zensical": "zensical-copies.failed", "mkdocs": "mkdocs-copies.failed"}
ENGINES = pytest.mark.parametrize("engine", ["zensical", "mkdocs"])


def _run(project: Path, engine: str) -> subprocess.CompletedProcess[str]:
    return run_cli("-C", str(project), "-v", "build", *(["--engine", "zensical"] if engine == "zensical" else []))


def _build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, copies: bool, theme: str = "", sections: int = 34, engine: str = "zensical"
) -> tuple[Path, str]:
    data = tmp_path / f"data-{name}"
    data.mkdir()
    (data / "long.yaml").write_text(_checklist(sections), encoding="utf-8")
    # Its folder is after long/'s in the order of files, which is Zensical's order of search entries, though its address
    # is before theirs ('-' before '/'): the entries of the pages written are put in the order of files
    # Its sections have ids of long's (s17, s33: a page written from a prototype, a proof page): each of its pages names
    # its own sheet ('sheets/s17.md'), which is no link to long's s17.md
    short = "id: long-x\ntitle: Short\nversion: '1'\nsections:\n" + "".join(
        f"  - {{id: s{s}, title: X {s}, priority: low, groups: [{{id: x{s}-g, title: G, items: [{{id: x{s}-i, text: I}}]}}]}}\n" for s in (17, 33)
    )
    (data / "long-x.yaml").write_text(short, encoding="utf-8")
    project = make_project(tmp_path / name, data)
    # A Markdown link to a page left out of Zensical's build would stay as written (s10.md): such a page is not left out
    (project / "docs" / "guide.md").write_text("# Guide\n\nSee [section 10](checklists/long/s10.md#s10-g1).\n", encoding="utf-8")
    with (project / "overrides" / "main.html").open("a", encoding="utf-8") as main:
        main.write(theme)
    # The edit and view buttons, whose addresses end in the page's source file
    config = project / "mkdocs.yml"
    buttons = "    - navigation.footer\n    - content.action.edit\n    - content.action.view\n"
    text = config.read_text(encoding="utf-8").replace("    - navigation.footer\n", buttons)
    config.write_text(text + "repo_url: https://example.com/r\nedit_uri: edit/main/docs/\n", encoding="utf-8")
    # A theme's sitemap printing more of a page than its address: each entry is made as a page is, and proved
    (project / "overrides" / "sitemap.xml").write_text(SITEMAPS[engine], encoding="utf-8")
    if copies:
        monkeypatch.delenv("CHECKLIST_SITE_NO_COPIES", raising=False)
    else:
        monkeypatch.setenv("CHECKLIST_SITE_NO_COPIES", "1")
    ran = _run(project, engine)
    assert ran.returncode == 0, ran.stderr
    return project, ran.stderr


def _same(a: Path, b: Path) -> None:
    for folder in ("site", "docs"):
        one, other = _files(a / folder), _files(b / folder)
        assert one.keys() == other.keys(), sorted(one.keys() ^ other.keys())[:5]
        different = [name for name in one if one[name] != other[name]]
        assert not different, different[:5]


@ENGINES
def test_pages_written_from_prototypes_are_the_pages_the_engine_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    """Zensical is given, and MkDocs builds, a few pages of each shape; the others are written from a prototype after it."""
    written, log = _build(tmp_path, monkeypatch, "copies", True, engine=engine)
    rendered, plain_log = _build(tmp_path, monkeypatch, "whole", False, engine=engine)
    # 34 sections: the 32 in the middle, less the 4 whose titles are not plain (7, 14, 21, 28) and their 8 neighbours (a
    # page shows its neighbours' titles) and s10 (linked to from guide.md), in two shapes: 3 groups (4, 12, 16, 24, 32)
    # and 2 (the other 14); less a prototype each (4, 2) and the proofs least like it (_proofs): 16 (the third, the
    # longest title) and 32 (the last); 5 (the third), 11 (longest title, after the longest), 9 (before one of two
    # digits) and 33 (the last)
    lines = [line for line in log.splitlines() if WRITTEN[engine] in line]
    assert lines and int(lines[0].split()[0]) == (5 - 1 - 2) + (14 - 1 - 4), log
    assert "prototypes" not in plain_log
    if engine == "zensical":
        config = (written / ".checklist-site.zensical.yml").read_text(encoding="utf-8")
        assert "exclude_docs: |\n  /checklists/long/s12.md\n  /checklists/long/s17.md\n" in config and "/checklists/long/s5.md" not in config
        assert "/checklists/long/s10.md" not in config  # linked to from guide.md
    guide = (written / "site" / "guide" / "index.html").read_text(encoding="utf-8")
    assert 'href="../checklists/long/s10/#s10-g1"' in guide
    _same(written, rendered)
    page = (written / "site" / "checklists" / "long" / "s17" / "index.html").read_text(encoding="utf-8")  # written from s2
    assert "Plain section 17 17" in page.partition("<title>")[2].partition("</title>")[0] and 'id="s17-g1"' in page
    assert 'edit/main/docs/checklists/long/s17.md"' in page and page.count('.md"') == 2  # the edit and view buttons'
    assert "s2-g1" not in page and "Plain section 2 2" not in page
    assert "s17/</loc><!-- 17. \u2068Plain section 17 17\u2069 -->" in (written / "site" / "sitemap.xml").read_text(encoding="utf-8")
    # A theme printing the list of pages, which holds none left out of Zensical's build (the proof pages' lists are as
    # short as the others'): Zensical is given every page
    monkeypatch.delenv("CHECKLIST_SITE_NO_COPIES", raising=False)  # (set for the whole build above)
    with (written / "overrides" / "main.html").open("a", encoding="utf-8") as main:
        main.write("\n{% block announce %}{% for p in pages %}<a href='{{ p.url }}'>{{ p.title }}</a>{% endfor %}{% endblock %}\n")
    again = _run(written, engine)
    assert again.returncode == 0, again.stderr
    assert "<a href='checklists/long/s17/'>" in (written / "site" / "404.html").read_text(encoding="utf-8")
    assert "(main.html prints the list of pages" in again.stderr, again.stderr


@ENGINES
def test_a_prototype_that_fails_its_proof_leaves_the_engine_to_build_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str) -> None:
    """A theme printing a value of the page the prototype does not replace (its title cut short: a title of one digit
    whole, one of two cut, the same for the prototype, s2, and the third page of its shape, s5): a proof page made from
    the prototype, one least like it (s11, a title of two digits), is not Zensical's, so nothing is written from it and
    Zensical builds the site again whole. (16 sections: one shape of 2, 3, 5, 9 and 11; 10 is linked to, 4 and 12 too few.)"""
    cut = len("9. \u2068Plain section 9 9\u2069")
    theme = f"\n{{% block announce %}}{{% if page %}}<span>{{{{ page.title[:{cut}] }}}}</span>{{% endif %}}{{% endblock %}}\n"
    written, log = _build(tmp_path, monkeypatch, "copies", True, theme, 16, engine)
    rendered, _ = _build(tmp_path, monkeypatch, "whole", False, theme, 16, engine)
    assert FAILED[engine] in log, log
    assert WRITTEN[engine] not in log
    _same(written, rendered)
    assert "<span>11. \u2068Plain section 11 </span>" in (written / "site" / "checklists" / "long" / "s11" / "index.html").read_text(encoding="utf-8")
    # Remembered: the next build (an item edited, so Zensical runs) gives Zensical every page at once, not twice
    monkeypatch.delenv("CHECKLIST_SITE_NO_COPIES", raising=False)  # (set for the whole build above)
    data = written / "data" / "long.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Check 5.1", "Check 5.1 again"), encoding="utf-8")
    again = _run(written, engine)
    assert again.returncode == 0, again.stderr
    assert "a proof failed under this theme and these settings before" in again.stderr and FAILED[engine] not in again.stderr
    if engine == "zensical":
        assert "exclude_docs" not in (written / ".checklist-site.zensical.yml").read_text(encoding="utf-8")
    memo = written / ".checklist-site" / MEMO[engine]
    assert len(memo.read_text(encoding="utf-8").splitlines()) == 2  # the theme's key, and the shape that failed
    # Remembered by its shape: pages of another shape (a paragraph under every title now) are tried again
    noted = re.sub(r"(  - id: s\d+\n    title: [^\n]*\n)(    priority)", r"\1    notes: Read me.\n\2", data.read_text(encoding="utf-8"))
    data.write_text(noted, encoding="utf-8")
    fourth = _run(written, engine)
    assert fourth.returncode == 0 and FAILED[engine] in fourth.stderr, fourth.stderr
    assert len(memo.read_text(encoding="utf-8").splitlines()) == 3
    # a change of the theme tries again
    with (written / "overrides" / "main.html").open("a", encoding="utf-8") as main:
        main.write("\n")
    third = _run(written, engine)
    assert third.returncode == 0 and FAILED[engine] in third.stderr, third.stderr



def test_sitemap_entries_are_made_as_pages_are_and_proved() -> None:
    """(In-process) each page written gets the prototype's sitemap entry with its address and title put in, with a site_url
    or without (a theme's sitemap printing page.url); a proof page's entry not so made leaves nothing written."""
    from generator.site.layout import DIRECTORY_URLS
    from generator.zensical_copies import Plan, _Group, _Member

    srcs = [f"c/s{n}.md" for n in range(1, 8)]
    pages = {src: _Member(src, f"Title {n}", ()) for n, src in enumerate(srcs, 1)}
    neighbours = {srcs[n]: (srcs[n - 1], srcs[n + 1]) for n in range(1, 6)}
    group = _Group(tuple(srcs[1:6]), srcs[1], (srcs[3],))  # copies: s3, s5, s6
    for site_url in ("", "https://x.example/"):
        plan = Plan(DIRECTORY_URLS, site_url, pages, neighbours, (group,), ([], {}))
        entry = "\n  <url><loc>{}c/s{}/</loc><!-- Title {} --></url>"
        text = "<urlset>" + "".join(entry.format(site_url, n, n) for n in (1, 2, 4, 7)) + "\n</urlset>\n"
        assert plan._sitemap(text) == "<urlset>" + "".join(entry.format(site_url, n, n) for n in range(1, 8)) + "\n</urlset>\n"
        assert plan._sitemap(text.replace("Title 4", "Title 2")) is None  # the proof's entry is not the one made
    assert plan._sitemap("<urlset>\n</urlset>\n") == "<urlset>\n</urlset>\n"  # no page has an entry: none is added


@pytest.mark.parametrize(
    ("plugins", "leaves_out"),
    [
        ("plugins: [search]\n", True),
        ("plugins: [search, {offline: {enabled: false}}]\n", True),
        ("plugins: [search, offline]\n", False),  # the offline plugin on: addresses of files, pages of its own
        ("plugins: [search, tags]\n", False),  # a plugin listing the pages it builds
        ("plugins: [search]\nhooks: [hook.py]\n", False),  # a hook sees each page it builds
    ],
)
def test_mkdocs_leaves_pages_out_only_where_no_plugin_would_miss_them(tmp_path: Path, plugins: str, leaves_out: bool) -> None:
    from mkdocs.config import load_config

    from generator.zensical_copies import _mkdocs_extensions

    (tmp_path / "docs").mkdir()
    (tmp_path / "hook.py").write_text("def on_page_markdown(markdown, **kwargs):\n    return markdown\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: x\ntheme: {{name: material}}\n{plugins}", encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"))
    assert (_mkdocs_extensions(config) is not None) == leaves_out


def test_a_build_taking_zensicals_kept_site_makes_no_plan_and_one_running_it_makes_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What the plan leaves out of Zensical's build (its ``exclude_docs``) is kept by the digest of what the plan reads: a
    build that takes Zensical's kept site (an item edited) makes no plan (0.09 s at 10,000 items); one that runs Zensical
    makes it while Zensical builds, once, and the site is byte for byte the one a build keeping nothing makes."""
    import shutil

    from generator import zensical_copies
    from generator.build import build
    from generator.project import Project
    from generator.zensical_out import OUT

    project, log = _build(tmp_path, monkeypatch, "copies", True)
    assert WRITTEN["zensical"] in log
    made: list[int] = []
    plan = zensical_copies.plan
    monkeypatch.setattr(zensical_copies, "plan", lambda *args, **kw: made.append(1) or plan(*args, **kw))
    data = project / "data" / "long.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Check 5.1", "Check 5.1 again"), encoding="utf-8")
    build(Project.at(project), engine="zensical")
    assert made == []  # Zensical's site taken as it was kept: nothing left out of a build to plan
    shutil.rmtree(project / ".checklist-site" / OUT)
    data.write_text(data.read_text(encoding="utf-8").replace("Check 5.1 again", "Check 5.1 once more"), encoding="utf-8")
    build(Project.at(project), engine="zensical")
    assert made == [1] and "exclude_docs: |\n  /checklists/long/s12.md\n" in (project / ".checklist-site.zensical.yml").read_text(encoding="utf-8")
    site = _files(project / "site")
    monkeypatch.setenv("CHECKLIST_SITE_CACHE", "off")
    build(Project.at(project), engine="zensical")
    assert _files(project / "site") == site


@pytest.mark.parametrize("fork", [True, False])
def test_pages_written_in_two_processes_are_every_page_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fork: bool) -> None:
    """The pages written from prototypes are written half by a forked process, half here (where the system forks): every
    page is there whole, in its folder, whichever process wrote it; and where the other process fails, this one writes its
    half too."""
    import os

    from generator import zensical_copies
    from generator.beside import can_fork

    if not fork:
        monkeypatch.setenv("CHECKLIST_SITE_NO_FORK", "1")
    elif not can_fork():
        pytest.skip("this system does not fork work beside (not Linux, or one processor)")
    pages = {f"checklists/c/s{n}/index.html": f"<p>page {n}</p>\n" * (n + 1) for n in range(40)} | {"index.html": "home"}
    site, writers = tmp_path / "site", tmp_path / "writers"
    writers.mkdir()
    here, calls = os.getpid(), []
    write = zensical_copies._write_pages

    def noted(where: Path, some: list[tuple[str, str]]) -> bool:
        with (writers / str(os.getpid())).open("a", encoding="utf-8") as f:  # which processes wrote, and how many pages
            f.write(f"{len(some)}\n")
        return write(where, some)

    monkeypatch.setattr(zensical_copies, "_write_pages", noted)
    zensical_copies.written(pages, site)
    assert {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*") if p.is_file()} == pages
    by = {int(p.name): p.read_text(encoding="utf-8").split() for p in writers.iterdir()}
    others = [counts for pid, counts in by.items() if pid != here]
    assert (by[here], others) == ((["21"], [["20"]]) if fork else (["21", "20"], []))

    def failing_beside(where: Path, some: list[tuple[str, str]]) -> bool:
        calls.append(os.getpid() == here)
        if os.getpid() != here:
            os._exit(1)  # the other process dies before writing a page
        return write(where, some)

    monkeypatch.setattr(zensical_copies, "_write_pages", failing_beside)
    again = tmp_path / "again"
    zensical_copies.written(pages, again)
    assert {p.relative_to(again).as_posix(): p.read_text(encoding="utf-8") for p in again.rglob("*") if p.is_file()} == pages
    assert calls == [True, True]  # this process wrote its half, then (the other failed, or there is none) the other's
