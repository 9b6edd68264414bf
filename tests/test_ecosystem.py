"""Editor schemas, pre-commit, offline site, Zensical, CLI manners, README in step with the code."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator import cli
from generator.format.bidi import numbered
from generator.format.schema import reference_markdown
from generator.programs import find_program, interpreter_dirs

from .conftest import ROOT, make_project, run_cli, unactivated_path
from .htmltree import article, parse


def test_readme_format_reference_is_generated_from_the_schema() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- format-reference:start -->\n")[1].split("<!-- format-reference:end -->")[0]
    assert block == reference_markdown(), "regenerate: checklist-site schema --reference, and paste it into the README"


def test_readme_mentions_every_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    (\w+)\s", run_cli("--help").stdout, re.M)
    assert len(commands) >= 12
    for command in commands:
        assert f"checklist-site {command}" in readme, command


def test_pre_commit_hook_runs_check_on_data(tmp_path: Path) -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["checklist-site-check", "checklist-site-links"]  # links: tests/test_alarms.py
    hook = hooks[0]
    assert hook["language"] == "python" and hook["pass_filenames"] is False
    assert re.search(hook["files"], "data/realserv-launch.yaml") and not re.search(hook["files"], "docs/index.md")
    project = make_project(tmp_path / "p")
    args = hook["entry"].split()[1:]  # what pre-commit runs, in the repository's root
    assert run_cli(*args, cwd=project).returncode == 0
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("critical: true}", "critcal: true}", 1), encoding="utf-8")
    failed = run_cli(*args, cwd=project)
    assert failed.returncode == 1 and "did you mean 'critical'?" in failed.stderr


def test_errors_are_coloured_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    message = "data/x.yaml:1:1: error: bad\n    hint: fix it"
    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert "\033[1;31merror\033[0m" in cli._paint(message) and "\033[33mhint:\033[0m" in cli._paint(message)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli._paint(message) == message
    piped = run_cli("check", "no/such.yaml")
    assert "\033[" not in piped.stderr


def test_quiet_and_verbose(project: Path) -> None:
    quiet = run_cli("-C", str(project), "build", "-q")
    assert quiet.returncode == 0 and quiet.stdout == "" and quiet.stderr == ""
    loud = run_cli("-C", str(project), "build", "-v")
    generated = [*(project / "docs" / "checklists").rglob("*.md"), *(project / "docs" / "runbooks").rglob("*.md")]
    assert f"staged {len(generated)} generated page(s)" in loud.stderr and "Building documentation" in loud.stderr


@pytest.mark.browser
def test_offline_site_works_from_file_with_search(offline_project: Path, browser) -> None:
    site = offline_project / "site"
    assert (site / "search" / "search_index.js").is_file()
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    page.locator(".md-content").get_by_role("link", name="All checklists", exact=True).click()
    page.wait_for_url("**/checklists/index.html")
    page.locator(".md-content").get_by_role("link", name="RealServ MVP – Production Launch Checklist", exact=True).click()
    page.wait_for_url("**/checklists/realserv-launch/index.html")
    page.locator("input.md-search__input").click()
    page.keyboard.type("FluentValidation", delay=20)
    result_link = page.locator(".md-search-result__item a[href*='security']").first
    result_link.wait_for(timeout=15000)
    result_link.click()
    page.wait_for_url("**/security.html*")
    assert page.locator("li.task-list-item#fluentvalidation-enabled-7-services").is_visible()
    page.close()


def _zensical() -> str:
    found = find_program("zensical")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("zensical is not installed (the test extras install it)")
        pytest.skip("zensical is not installed")
    return found


def test_programs_are_found_next_to_the_interpreter_without_path() -> None:
    found = find_program("zensical")
    if found is None:
        pytest.skip("zensical is not installed")
    # Installed into this environment: found next to the interpreter, even with the environment not on PATH.
    if any(Path(found).parent == d for d in interpreter_dirs()):
        result = subprocess.run([sys.executable, "-c", "from generator.programs import find_program; print(find_program('zensical'))"],
                                env={**os.environ, "PATH": unactivated_path(), "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
        assert result.stdout.strip() == found, result.stderr


def test_zensical_builds_the_same_items_and_anchors(request: pytest.FixtureRequest) -> None:
    _zensical()
    # As the README writes it: .venv/bin/checklist-site with the environment not activated (conftest.zensical_project).
    project, result = request.getfixturevalue("zensical_project")
    assert result.returncode == 0, result.stderr
    security = parse(project / "site" / "checklists" / "realserv-launch" / "security" / "index.html")
    anchors = [li.attrs["id"] for li in security.find_all("li", "task-list-item") if "id" in li.attrs]
    assert len(anchors) == 31 and "firebase-authentication-configured-prod" in anchors
    assert len(article(security).find_all("span", "cl-badge")) == 17
    ids = 0
    for page in (project / "site" / "checklists" / "realserv-launch").glob("**/index.html"):
        ids += len([li for li in parse(page).find_all("li", "task-list-item") if "id" in li.attrs])
    assert ids == 269  # every check box, each with its anchor
    # The sheets, packet and critical lists are filled in after Zensical as after MkDocs.
    sheet = (project / "site" / "checklists" / "realserv-launch" / "sheets" / "security" / "index.html").read_text(encoding="utf-8")
    assert "cl-slot" not in sheet and sheet.count('class="task-list-item"') == 31
    # The generated configuration carries the navigation: sections in their order, not alphabetical.
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    assert home.index(numbered(1, "Security")) < home.index(numbered(2, "Infrastructure")) < home.index(numbered(8, "Operations"))
    assert (project / "site" / "runbooks" / "service-down" / "index.html").is_file()
    assert (project / "site" / "runbook-links.json").is_file()
    assert (project / ".checklist-site.zensical.yml").read_text(encoding="utf-8").startswith("# Generated by checklist-site")
    # Zensical's index has the entries of what on-call types, as Material's has (generator/publish/search.py), under the page's breadcrumb.
    found = {doc["location"]: doc for doc in json.loads((project / "site" / "search.json").read_text(encoding="utf-8"))["items"]}
    assert found["runbooks/redis-down/#var-replica_id"]["path"] == found["runbooks/redis-down/"]["path"] == ["Runbooks", "Redis down"]
    assert found["runbooks/redis-down/#diagnosis"]["title"] == "Diagnosis · <code>aws elasticache describe-replication-groups</code>"


def test_the_quick_start_puts_every_printed_command_on_path(tmp_path: Path) -> None:
    """After the README's quick start, `checklist-site mark ...` (as the README and the Record panel print it) runs as written."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("## ", 1)[0]
    block = quick.split("```sh\n", 1)[1].split("```", 1)[0]
    steps = [line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()]
    assert steps == ["make site", "make test"]  # two commands on a fresh machine
    assert "Then `. .venv/bin/activate` puts `checklist-site` on PATH" in quick
    venv = Path(sys.prefix)
    if not (venv / "bin" / "activate").exists() or not (venv / "bin" / "checklist-site").exists():
        pytest.skip("not run from a virtual environment with checklist-site installed (make test makes one)")
    project = make_project(tmp_path / "p")
    script = f". {venv}/bin/activate && cd {project} && checklist-site mark twilio-sms-used --na --by Arun && checklist-site status"
    result = subprocess.run(["bash", "-c", script], env={**os.environ, "PATH": unactivated_path(), "PYTHONPATH": str(ROOT)}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "recorded data/realserv-launch.record/" in result.stdout and "All sections" in result.stdout
    import importlib.util

    assert importlib.util.find_spec("playwright") is not None  # `pdf` needs no extra: Playwright is a dependency
    assert any(dep.startswith("playwright") for dep in _dependencies())


def _dependencies() -> list[str]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
