"""Alarm runbooks: stable URLs, the alarm map, validation, and renames that break no link."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from generator.exchange.links import CLOUDWATCH_LIMIT, AlarmLink, cloudwatch_description
from generator.format.types import InlineMarkdown
from generator.format.validate import load_all

from .conftest import ROOT, data_files, make_project, run_cli, serve_dir, unactivated_path
from .htmltree import article, parse
from .test_ecosystem import _zensical

ALARMS = {"service-down", "high-error-rate", "high-latency-p95", "database-connection-pool-exhausted", "redis-down", "s3-upload-failures"}
SITE_URL = "https://checklists.realserv.example/"


def _local(site: Path, url: str) -> tuple[Path, str]:
    """The built file and anchor behind an absolute URL of the map."""
    assert url.startswith(SITE_URL)
    path, _, anchor = url[len(SITE_URL) :].partition("#")
    return site / path / "index.html", anchor


def test_the_map_covers_every_alarm_and_every_url_resolves(site: Path) -> None:
    doc = json.loads((site / "runbook-links.json").read_text(encoding="utf-8"))
    assert doc["version"] == 1 and set(doc["alarms"]) == ALARMS
    for alarm, entry in doc["alarms"].items():
        assert entry["url"] == f"{SITE_URL}runbooks/{alarm}/"
        page, _ = _local(site, entry["url"])
        assert page.is_file(), alarm
        content = article(parse(page))
        assert content.find_all("h1")[0].text().rstrip("¶ ") == entry["title"]
        for anchor in ("meaning", "impact", "diagnosis", "mitigation", "escalation"):
            assert any(e.attrs.get("id") == anchor for e in content.iter()), (alarm, anchor)
        item_page, anchor = _local(site, entry["checklist_item"])
        assert any(e.attrs.get("id") == anchor for e in parse(item_page).iter()), entry["checklist_item"]


def test_runbook_pages_show_severity_owner_commands_and_a_copyable_url(site: Path) -> None:
    content = article(parse(site / "runbooks" / "service-down" / "index.html"))
    text = content.text()
    assert "Severity: Critical" in text and "Owner: DevOps Lead (on-call)" in text
    assert "aws ecs describe-services --cluster realserv-prod" in text
    codes = [pre.text() for pre in content.find_all("pre")]
    assert f"{SITE_URL}runbooks/service-down/" in codes[-1]  # the alarm author's box comes last: on call, what to do comes first
    related = [a.attrs["href"] for a in content.find_all("a") if "checklists/realserv-launch" in a.attrs.get("href", "")]
    assert "../../checklists/realserv-launch/observability/#service-down" in related


def test_alarm_items_link_to_their_runbooks(site: Path) -> None:
    content = article(parse(site / "checklists" / "realserv-launch" / "observability" / "index.html"))
    links = {a.attrs["href"] for a in content.find_all("a", "cl-runbook-link")}
    assert links == {f"../../../runbooks/{alarm}/" for alarm in ALARMS}


def test_links_command_formats(built_project: Path, site: Path) -> None:
    result = run_cli("-C", str(built_project), "links")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json.loads((site / "runbook-links.json").read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO(run_cli("-C", str(built_project), "links", "--format", "csv").stdout)))
    assert {r["alarm"] for r in rows} == ALARMS
    cloudwatch = json.loads(run_cli("-C", str(built_project), "links", "--format", "cloudwatch", "--site-url", "https://ops.example.org/").stdout)
    assert len(cloudwatch) == 6
    for row in cloudwatch:
        assert len(row["AlarmDescription"]) <= CLOUDWATCH_LIMIT
        assert "Runbook: https://ops.example.org/runbooks/" in row["AlarmDescription"]
    assert {
        "AlarmName": "realserv-prod-redis-down",
        "AlarmDescription": "[HIGH] Redis down. Runbook: https://ops.example.org/runbooks/redis-down/",
    } in cloudwatch


def test_cloudwatch_description_keeps_the_url_when_the_title_is_long() -> None:
    link = AlarmLink("a", "a", InlineMarkdown("x" * 2000), "high", "https://ops.example.org/runbooks/a/", "")
    text = cloudwatch_description(link)
    assert len(text) == CLOUDWATCH_LIMIT and text.endswith(" Runbook: https://ops.example.org/runbooks/a/")


def _load(tmp_path: Path, runbooks: str, checklist_edit: tuple[str, str] | None = None) -> list[str]:
    data = tmp_path / "data"
    data.mkdir()
    text = (ROOT / "data" / "realserv-launch.yaml").read_text(encoding="utf-8")
    if checklist_edit:
        text = text.replace(*checklist_edit)
    (data / "realserv-launch.yaml").write_text(text, encoding="utf-8")
    (data / "runbooks.yaml").write_text(runbooks, encoding="utf-8")
    _, issues = load_all([(p, f"data/{p.name}") for p in data_files(data)])
    return [i.format() for i in issues]


def _at(text: str, part: str) -> str:
    """'line:column' of where ``part`` starts in ``text`` (once)."""
    assert text.count(part) == 1, part
    before = text[: text.index(part)]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def test_a_runbook_for_an_unknown_item_is_rejected(tmp_path: Path) -> None:
    """Said at its item: value, not at the runbook's '- id:' line (each key of a model object keeps its value's place)."""
    runbooks = (ROOT / "data" / "runbooks.yaml").read_text(encoding="utf-8").replace("item: redis-down", "item: redis-gone")
    issues = _load(tmp_path, runbooks)
    assert any(
        i.startswith(f"data/runbooks.yaml:{_at(runbooks, 'redis-gone')}: error: ")
        and "runbook 'redis-down' answers item 'redis-gone', which is not in checklist 'realserv-launch'" in i
        and "did you mean 'redis-down'?" in i
        for i in issues
    ), issues
    assert any("alarm item 'redis-down' has no runbook" in i and "add a runbook with 'item: redis-down'" in i for i in issues), issues


def test_an_alarm_item_without_runbook_is_reported_with_its_location(tmp_path: Path) -> None:
    runbooks = (ROOT / "data" / "runbooks.yaml").read_text(encoding="utf-8")
    issues = _load(
        tmp_path,
        runbooks,
        ("{id: on-call-schedule-defined, text: On-call schedule defined}", "{id: on-call-schedule-defined, text: On-call schedule defined, alarm: true}"),
    )
    assert len(issues) == 1
    assert issues[0].startswith("data/realserv-launch.yaml:")
    assert "alarm item 'on-call-schedule-defined' has no runbook" in issues[0]


@pytest.mark.browser
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_renames_keep_every_old_url_working(tmp_path: Path, browser, engine: str) -> None:
    """Build, rename an item, a group, a section and a runbook (keeping former ids), build again:
    every URL of the first map, and old item and page URLs, land on the right content in Chromium.
    The redirect pages are the generator's own, so Zensical (run from an un-activated virtual
    environment, as the README writes its commands) gets them as MkDocs does."""
    options: dict[str, str] = {}
    if engine == "zensical":
        _zensical()
        options["path"] = unactivated_path()
    project = make_project(tmp_path / "p")
    with serve_dir(project / "site", without_search=True) as base:  # the pages only: no page loads and indexes the search index
        first = run_cli("-C", str(project), "build", "--site-url", base, "--engine", engine, **options)
        assert first.returncode == 0, first.stderr
        before = json.loads((project / "site" / "runbook-links.json").read_text(encoding="utf-8"))["alarms"]

        checklist = project / "data" / "realserv-launch.yaml"
        text = checklist.read_text(encoding="utf-8")
        for old, new in [
            (
                "{id: service-down, text: Service down (health check fails), alarm: true}",
                "{id: service-health-failing, text: Service down (health check fails), alarm: true, former_ids: [service-down]}",
            ),
            ("  - id: observability\n", "  - id: observability-and-alerting\n    former_ids: [observability]\n"),
            ("      - id: alerting\n", "      - id: alarms\n        former_ids: [alerting]\n"),
            # An item that moves to another section under a new id.
            ("          - {id: runbook-links-alarms, text: Runbook links in alarms}\n", ""),
            (
                "          - {id: deployment-runbook, text: Deployment runbook}\n",
                "          - {id: deployment-runbook, text: Deployment runbook}\n"
                "          - {id: alarm-runbook-links, text: Runbook links in alarms, former_ids: [runbook-links-alarms]}\n",
            ),
        ]:
            assert old in text, old
            text = text.replace(old, new)
        checklist.write_text(text, encoding="utf-8")
        runbooks = project / "data" / "runbooks.yaml"
        rb = runbooks.read_text(encoding="utf-8").replace("  - id: redis-down\n", "  - id: redis-unavailable\n    former_ids: [redis-down]\n")
        rb = rb.replace("item: service-down", "item: service-health-failing")
        runbooks.write_text(rb, encoding="utf-8")
        result = run_cli("-C", str(project), "build", "--site-url", base, "--engine", engine, **options)
        assert result.returncode == 0, result.stderr
        assert "redirect" not in result.stderr  # no warning: every old page got its redirect
        moved = (project / "site" / "runbooks" / "redis-down" / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="{base}runbooks/redis-unavailable/">' in moved and 'content="0; url=../redis-unavailable/"' in moved

        page = browser.new_page()
        for alarm, entry in before.items():
            page.goto(entry["url"])
            page.wait_for_load_state("load")
            page.wait_for_function("() => document.querySelector('article h1')")
            assert page.locator("article h1").first.inner_text().rstrip("¶ ") == entry["title"], alarm
            if entry is before["redis-down"]:  # the renamed runbook's old address sends the browser on to its new one
                page.wait_for_url(base + "runbooks/redis-unavailable/")
        assert "redis-down" in before and page.url == base + "runbooks/service-down/"

        def lands(url: str, text: str, final: str) -> None:
            page.goto(url)
            page.wait_for_url(final)
            anchor = page.url.split("#")[1]
            page.wait_for_function("id => document.getElementById(id)", arg=anchor)
            assert text in page.evaluate("id => document.getElementById(id).closest('li').innerText", anchor), url

        old_page = base + "checklists/realserv-launch/observability/"
        new_page = base + "checklists/realserv-launch/observability-and-alerting/"
        # Renamed item on a renamed section: the page redirects, the old anchor is kept on the item.
        lands(old_page + "#service-down", "Service down (health check fails)", new_page + "#service-down")
        # Item moved to another page: the old page's anchor map sends it to the new place.
        lands(new_page + "#runbook-links-alarms", "Runbook links in alarms", base + "checklists/realserv-launch/documentation/#alarm-runbook-links")
        lands(old_page + "#runbook-links-alarms", "Runbook links in alarms", base + "checklists/realserv-launch/documentation/#alarm-runbook-links")
        # A renamed group keeps its old anchor.
        page.goto(old_page + "#alerting")
        page.wait_for_url(new_page + "#alerting")
        assert page.locator("#alerting").count() == 1
        page.close()
