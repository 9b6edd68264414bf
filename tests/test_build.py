"""End to end: the RealServ site built with the real mkdocs, checked in its HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from .conftest import make_project, run_cli
from .htmltree import Element, article, parse

BASE = "checklists/realserv-launch"
SECTIONS = ["security", "infrastructure", "observability", "testing", "configuration", "documentation", "deployment", "operations"]
PAGES = ["", *SECTIONS, "critical", "final-signoff", "metrics", "post-launch", "rollback"]


def page(site: Path, name: str) -> Element:
    return parse(site / BASE / name / "index.html")


def checkbox_anchors(el: Element) -> list[str]:
    """Ids of the task-list items, each with its one empty check box (the id is on the <li>, or on
    its first <p> when the item has details)."""
    ids = []
    for li in el.find_all("li", "task-list-item"):
        first = next((c for c in li.children if not isinstance(c, str)), None)
        holder = first if first is not None and first.tag == "p" else li
        boxes = [i for i in holder.find_all("input") if i.attrs.get("type") == "checkbox" and i.parent and i.parent.parent is holder]
        assert len(boxes) == 1 and "checked" not in boxes[0].attrs
        assert holder.attrs.get("id"), li.text()
        ids.append(holder.attrs["id"])
    return ids


def test_every_page_is_at_its_url(site: Path) -> None:
    for name in PAGES:
        assert (site / BASE / name / "index.html").is_file(), name
    assert (site / "index.html").is_file()
    assert (site / "schema" / "checklist.schema.json").is_file()


def test_all_269_check_boxes_are_present_under_their_anchors(site: Path) -> None:
    ids: list[str] = []
    for name in PAGES:
        ids += checkbox_anchors(article(page(site, name)))
    assert len(ids) == 269
    assert len(set(ids)) == 269


def test_section_pages_hold_243_items_and_57_critical_badges(site: Path) -> None:
    items = badges = 0
    for name in SECTIONS:
        content = article(page(site, name))
        items += len(checkbox_anchors(content))
        badges += len([b for b in content.find_all("span", "cl-badge") if b.text() == "Critical"])
    assert (items, badges) == (243, 57)


def test_critical_badge_sits_on_the_critical_item(site: Path) -> None:
    li = next(a for a in article(page(site, "security")).iter() if a.attrs.get("id") == "firebase-authentication-configured-prod")
    assert li.tag == "li"
    assert li.find_all("span", "cl-badge")[0].text() == "Critical"
    assert "Firebase Authentication configured (prod project)" in li.text()


def test_groups_have_anchors_and_34_signoff_blocks(site: Path) -> None:
    signoffs = 0
    for name in SECTIONS:
        content = article(page(site, name))
        signoffs += len(content.find_all("p", "cl-signoff"))
        for h2 in content.find_all("h2"):
            assert h2.attrs.get("id"), h2.text()
    assert signoffs == 34
    assert any(h.attrs.get("id") == "authentication-authorization" for h in article(page(site, "security")).find_all("h2"))


def test_nested_labelled_and_ordered_lists_keep_their_shape(site: Path) -> None:
    deployment = article(page(site, "deployment"))
    parent = next(e for e in deployment.iter() if e.attrs.get("id") == "deploy-services-correct-order")
    assert parent is not None
    ordered = parent.find_all("ol")
    assert len(ordered) == 1 and len(ordered[0].find_all("li")) == 7
    assert "IdentityService" in ordered[0].find_all("li")[0].text()
    infra = article(page(site, "infrastructure"))
    label = next(e for e in infra.iter() if e.attrs.get("id") == "database-list")
    assert label.tag == "p" and label.text() == "Database List"
    observability = article(page(site, "observability"))
    alarms = next(e for e in observability.iter() if e.attrs.get("id") == "cloudwatch-alarms-configured")
    assert alarms is not None and len(alarms.find_all("ul")[0].find_all("li")) == 6


def test_critical_page_links_all_57_items_to_their_anchors(site: Path) -> None:
    links = [a.attrs["href"] for a in article(page(site, "critical")).find_all("a") if "#" in a.attrs.get("href", "") and not a.attrs["href"].startswith("#")]
    assert len(links) == 57
    for href in links:
        path, anchor = href.split("#")
        target = (site / BASE / "critical" / path / "index.html").resolve()
        assert any(e.attrs.get("id") == anchor for e in parse(target).iter()), href


def test_final_signoff_rollback_metrics_pages(site: Path) -> None:
    final = article(page(site, "final-signoff"))
    rows = final.find_all("tr")
    assert [r.find_all("td")[0].text() for r in rows[1:]] == ["Tech Lead", "DevOps Lead", "QA Lead", "Product Manager", "CTO/VP Eng"]
    assert checkbox_anchors(final) == ["go", "no-go"]
    assert len(final.find_all("div", "cl-line")) == 4
    rollback = article(page(site, "rollback"))
    steps = rollback.find_all("ol")[0].find_all("li")
    assert len(steps) == 7 and "Tech Lead + Product Manager" in steps[0].text()
    metrics = article(page(site, "metrics")).text()
    for target in ("Error rate (target: <1%)", "Uptime (target: 99.9%)", "Cache hit rate (target: >80%)"):
        assert target in metrics


def test_overview_shows_sections_counts_instructions_and_legend(site: Path) -> None:
    overview = article(page(site, ""))
    rows = [[td.text() for td in tr.find_all("td")] for tr in overview.find_all("tr")]
    security = next(r for r in rows if len(r) == 7 and r[1].endswith("Security"))
    assert security[2:] == ["Critical", "31", "17", "5", "0 of 31 recorded"]  # the browser adds what was ticked there
    assert sum(int(r[4]) for r in rows if len(r) == 7) == 57
    assert "How to use this checklist" in overview.text()
    assert "Critical item: don't skip it" in overview.text()


def test_no_broken_internal_links_or_anchors(site: Path) -> None:
    broken = []
    ids: dict[Path, set[str]] = {}  # each page's anchors, parsed once (a page is the target of many links)
    for html in sorted(site.rglob("*.html")):
        if html.name == "404.html":  # links from site_url's root, for any depth
            continue
        for a in parse(html).find_all("a"):
            href = a.attrs.get("href", "")
            if not href or href.startswith(("http:", "https:", "mailto:", "javascript:")):
                continue
            url = urlparse(urljoin("file://" + str(html), href))
            target = Path(unquote(url.path))
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{html.relative_to(site)} -> {href}")
            elif url.fragment and target.suffix == ".html":
                if target not in ids:
                    ids[target] = {e.attrs.get("id") for e in parse(target).iter()}
                if url.fragment not in ids[target]:
                    broken.append(f"{html.relative_to(site)} -> {href}")
    assert broken == []


def test_search_index_has_the_items(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    # Every item has its own entry (generator/publish/search.py), titled with its text.
    entry = next(doc for doc in index["docs"] if doc["location"] == "checklists/realserv-launch/security/#jwt-token-validation-working")
    assert entry["title"] == "JWT token validation working in all 7 services"
    # A variable and a rollback step have theirs, a runbook's diagnosis its commands' names in its title; every entry
    # lands on an element of its page (the anchors are the pages', none made for the search).
    by_location = {doc["location"]: doc for doc in index["docs"]}
    assert by_location["runbooks/redis-down/#var-replica_id"]["title"] == "<code>$REPLICA_ID</code> · <code>export REPLICA_ID=…</code>"
    assert by_location["runbooks/redis-down/#diagnosis"]["title"] == "Diagnosis · <code>aws elasticache describe-replication-groups</code>"
    assert by_location["checklists/realserv-launch/rollback/#rollback-services"]["title"].endswith(" · <code>aws ecs update-service</code>")
    ids: dict[str, set[str]] = {}
    for location in by_location:
        page, _, anchor = location.partition("#")
        if anchor:
            if page not in ids:
                ids[page] = set(re.findall(r'\bid="([^"]+)"', (site / page / "index.html").read_text(encoding="utf-8")))
            assert anchor in ids[page], location


def test_two_builds_give_byte_identical_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    outputs = []
    for _ in range(2):
        assert run_cli("-C", str(project), "build").returncode == 0
        outputs.append(
            {
                p.relative_to(project).as_posix(): p.read_bytes()
                for folder in ("checklists", "runbooks")
                for p in sorted((project / "docs" / folder).rglob("*"))
                if p.is_file()
            }
        )
    assert outputs[0] == outputs[1]
    # manifests, the list of all checklists, the checklist's pages (overview, 8 sections, critical items, readiness,
    # final sign-off, metrics, post-launch, rollback), the one frame of its paper (the sheets and the packet are written
    # into the site by the generator), runbooks and their index
    assert len(outputs[0]) == 2 + 1 + 15 + 1 + 7
    assert not any("packet" in name or "/sheets/" in name and not name.endswith("/_frame.md") for name in outputs[0])


def test_a_broken_link_fails_the_strict_build_and_keeps_the_old_site(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    assert run_cli("-C", str(project), "build").returncode == 0
    site_before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    pages_before = {p: p.read_bytes() for p in (project / "docs" / "checklists").rglob("*") if p.is_file()}
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("text: Code freeze (no new features)", 'text: "Code freeze, see [docs](nowhere.md#gone)"'), encoding="utf-8"
    )
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1
    assert "nowhere.md" in result.stderr and "Traceback" not in result.stderr
    assert {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()} == site_before
    assert {p: p.read_bytes() for p in (project / "docs" / "checklists").rglob("*") if p.is_file()} == pages_before


def test_hand_written_file_in_the_generated_folder_is_never_overwritten(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    mine = project / "docs" / "checklists" / "notes.md"
    mine.parent.mkdir(parents=True)
    mine.write_text("# my notes\n", encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1
    assert "notes.md was not written by checklist-site" in result.stderr
    assert mine.read_text(encoding="utf-8") == "# my notes\n"
    assert not (project / "site").exists()


def test_a_site_folder_not_built_by_us_is_not_replaced(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "site").mkdir()
    (project / "site" / "keep.txt").write_text("mine", encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1 and "was not built by checklist-site" in result.stderr
    assert (project / "site" / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert not (project / "docs" / "checklists").exists()


def test_links_to_items_from_hand_written_pages_are_checked(tmp_path: Path) -> None:
    """Item lists are filled in after MkDocs; their anchors stand in while it checks links, so a link to an
    item from a hand-written page works, lands on the item, and a link to no item still fails the build."""
    project = make_project(tmp_path / "p")
    notes = project / "docs" / "notes.md"
    notes.write_text("# Notes\n\nSee [JWT](checklists/realserv-launch/security.md#jwt-token-validation-working).\n", encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 0, result.stderr
    page = (project / "site" / "checklists" / "realserv-launch" / "security" / "index.html").read_text(encoding="utf-8")
    assert page.count('id="jwt-token-validation-working"') == 1 and '<li class="task-list-item" id="jwt-token-validation-working">' in page
    assert 'class="cl-slot"' not in page
    notes.write_text("# Notes\n\nSee [JWT](checklists/realserv-launch/security.md#no-such-item).\n", encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1 and "no-such-item" in result.stderr and "Traceback" not in result.stderr


def test_a_quiet_build_is_as_strict_as_any(tmp_path: Path) -> None:
    """-q prints errors only, and a warning of MkDocs' fails the strict build: a quiet build fails on it too, and says it
    (it set MkDocs' loggers to ERROR, so MkDocs counted no warning and a broken anchor built)."""
    project = make_project(tmp_path / "p")
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [the security page](checklists/realserv-launch/security.md#no-such-anchor).\n", encoding="utf-8")
    for quiet in ([], ["-q"]):
        result = run_cli("-C", str(project), *quiet, "build")
        assert result.returncode == 1, (quiet, result.stderr)
        assert "no-such-anchor" in result.stderr and "Traceback" not in result.stderr, (quiet, result.stderr)
    assert not (project / "site").exists()
