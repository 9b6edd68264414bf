"""Redirect pages for former ids: where they go, what they hold, and that a real page is never replaced."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from generator.publish.redirects import redirect_pages, write_redirects
from generator.site.layout import DIRECTORY_URLS, Urls

from .conftest import make_project, run_cli
from .htmltree import parse

MOVES = {"checklists/launch/observability.md": "checklists/launch/alerting.md", "runbooks/redis-down.md": "runbooks/redis-unavailable.md"}


def test_redirect_pages_for_directory_urls() -> None:
    pages = redirect_pages(MOVES, Urls("https://ops.example.com/docs/"))
    assert sorted(pages) == ["checklists/launch/observability/index.html", "runbooks/redis-down/index.html"]
    page = pages["runbooks/redis-down/index.html"]
    assert '<link rel="canonical" href="https://ops.example.com/docs/runbooks/redis-unavailable/">' in page
    assert '<meta http-equiv="refresh" content="0; url=../redis-unavailable/">' in page
    assert '<script>location.replace("../redis-unavailable/" + location.search + location.hash);</script>' in page
    # The script comes before the refresh: with script the #anchor is kept, without it the page still moves.
    assert page.index("location.replace") < page.index('http-equiv="refresh"')


def test_redirect_pages_for_the_offline_site() -> None:
    pages = redirect_pages(MOVES, Urls(directory=False))
    assert sorted(pages) == ["checklists/launch/observability.html", "runbooks/redis-down.html"]
    assert 'content="0; url=alerting.html"' in pages["checklists/launch/observability.html"]
    assert '<link rel="canonical" href="alerting.html">' in pages["checklists/launch/observability.html"]


def test_a_real_page_is_never_replaced(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    real = tmp_path / "runbooks" / "redis-down" / "index.html"
    real.parent.mkdir(parents=True)
    real.write_text("<h1>Redis down, a runbook again</h1>", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="checklist_site"):
        written = write_redirects(tmp_path, MOVES, DIRECTORY_URLS)
    assert written == ["checklists/launch/observability/index.html"]
    assert real.read_text(encoding="utf-8") == "<h1>Redis down, a runbook again</h1>"
    assert "runbooks/redis-down/index.html is a page of the site, so no redirect is written there" in caplog.text


def test_the_build_writes_redirects_without_mkdocs_redirects(tmp_path: Path) -> None:
    """mkdocs.yml lists no redirects plugin: the generator's own pages cover renamed sections and runbooks,
    in the offline site too."""
    project = make_project(tmp_path / "p")
    assert "redirects" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    checklist = project / "data" / "realserv-launch.yaml"
    text = checklist.read_text(encoding="utf-8")
    assert "  - id: observability\n" in text
    checklist.write_text(text.replace("  - id: observability\n", "  - id: observability-and-alerting\n    former_ids: [observability]\n"), encoding="utf-8")
    result = run_cli("-C", str(project), "build", "--offline")
    assert result.returncode == 0, result.stderr
    site = project / "site" / "checklists" / "realserv-launch"
    for old, new in (("observability.html", "observability-and-alerting.html"), ("sheets/observability.html", "observability-and-alerting.html")):
        refresh = [m for m in parse(site / old).iter() if m.tag == "meta" and m.attrs.get("http-equiv") == "refresh"]
        assert [m.attrs["content"] for m in refresh] == [f"0; url={new}"], old
    assert (site / "observability-and-alerting.html").is_file() and (site / "sheets" / "observability-and-alerting.html").is_file()
