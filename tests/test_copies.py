"""Pages written from the theme's prototypes (generator/copies.py) are the pages the theme renders: byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import make_project, run_cli

# Titles that the theme prints as they are in one place and escaped in another, and groups of different counts.
TITLES = ["Backup & restore", 'Say "hi" <b>now</b>', "It's 🔐 done", "A  double  space", "Plain"]


def _checklist(sections: int) -> str:
    lines = ["id: long", "title: A long checklist", 'version: "1"', "sections:"]
    for s in range(1, sections + 1):
        title = TITLES[s % len(TITLES)].replace('"', '\\"')
        lines += [f"  - id: s{s}", f'    title: "{title} {s}"', "    priority: high", "    groups:"]
        for g in range(1, 1 + s % 3 + 1):
            lines += [f"      - id: s{s}-g{g}", f'        title: "Group {g} & {title}"', "        items:"]
            lines += [f'          - {{id: s{s}-g{g}-i, text: "Check {s}.{g} & <x>", critical: {str(s % 2 == 0).lower()}}}']
    return "\n".join(lines) + "\n"


def _site(project: Path) -> dict[str, bytes]:
    site = project / "site"
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file() and p.name != ".checklist-site-build"}


# A theme that prints the page's and its neighbours' titles through filters as well (escaped, tags stripped, both).
FILTERED = """
{% block announce %}<span title="{{ page.title | e }}">{{ page.title | striptags }} {{ page.title | striptags | e }}
{% if page.next_page %}{{ page.next_page.title | striptags }}{% endif %}</span>{% endblock %}
"""


@pytest.mark.parametrize(("offline", "theme"), [(False, ""), (True, ""), (False, FILTERED)], ids=["directory-urls", "offline", "filtered-titles"])
def test_copied_pages_are_the_pages_the_theme_renders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline: bool, theme: str) -> None:
    sites = []
    for copies in (True, False):
        data = tmp_path / f"data-{copies}"
        data.mkdir()
        (data / "long.yaml").write_text(_checklist(26), encoding="utf-8")
        project = make_project(tmp_path / f"p-{copies}", data)
        with (project / "overrides" / "main.html").open("a", encoding="utf-8") as main:
            main.write(theme)
        if copies:
            monkeypatch.delenv("CHECKLIST_SITE_NO_COPIES", raising=False)
        else:
            monkeypatch.setenv("CHECKLIST_SITE_NO_COPIES", "1")
        ran = run_cli("-C", str(project), "-v", "build", *(["--offline"] if offline else []))
        assert ran.returncode == 0, ran.stderr
        copied = [line for line in ran.stderr.splitlines() if "written from the theme's prototypes" in line]
        if copies:  # 26 sections, windows of 11: the 14 pages with sections left out on both sides, but the two the theme renders
            assert copied and int(copied[0].split()[0]) == 12, copied
        else:
            assert not copied
        sites.append(_site(project))
    assert sites[0].keys() == sites[1].keys()
    different = [name for name in sites[0] if sites[0][name] != sites[1][name]]
    assert not different, different[:5]


def test_a_theme_without_the_partials_copies_need_renders_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No prototype can be made (here: the theme's table of contents cannot be rendered alone): the theme renders every page."""
    import jinja2

    from generator.copies import Copies

    def missing(*_: object) -> str:
        raise jinja2.TemplateNotFound("partials/toc.html")

    monkeypatch.setattr(Copies, "_toc", missing)
    monkeypatch.delenv("CHECKLIST_SITE_NO_COPIES", raising=False)
    data = tmp_path / "data"
    data.mkdir()
    (data / "long.yaml").write_text(_checklist(26), encoding="utf-8")
    project = make_project(tmp_path / "p", data)
    ran = run_cli("-C", str(project), "-v", "build")
    assert ran.returncode == 0, ran.stderr
    assert "written from the theme's prototypes" not in ran.stderr
    assert (project / "site" / "checklists" / "long" / "s13" / "index.html").read_text(encoding="utf-8").count('class="md-nav__link md-nav__link--active"') >= 1
