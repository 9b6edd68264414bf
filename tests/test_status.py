"""Launch status: the status file, readiness and blockers, the CLI, and the readiness page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.build import Project, check
from generator.format.bidi import numbered, plain
from generator.format.model import State
from generator.format.readiness import readiness

from .conftest import FIXTURES, make_project, run_cli, serve_dir
from .htmltree import article, parse

STATUS = FIXTURES / "status" / "realserv-launch.status.yaml"


@pytest.fixture
def status_project(tmp_path: Path) -> Path:
    project = make_project(tmp_path / "p")
    shutil.copy(STATUS, project / "data" / "realserv-launch.status.yaml")
    return project


def test_readiness_numbers_and_blockers(status_project: Path) -> None:
    data = check(Project.at(status_project))
    r = readiness(data.checklists[0], data.status("realserv-launch"))
    security = dict((s.id, p) for s, p in r.sections)["security"]
    assert (security.resolved, security.total, security.critical_done, security.critical, security.signed, security.signoffs) == (6, 31, 4, 17, 1, 5)
    o = r.overall
    assert (o.resolved, o.total, o.critical_done, o.critical, o.signed, o.signoffs) == (8, 243, 5, 57, 2, 34)
    texts = [b.text for b in r.blockers]
    assert "Critical item not done: FluentValidation enabled in ALL 7 services" in texts
    assert not any("RBAC enforced" in t for t in texts)  # waived with reason and approver
    assert "The CTO/VP Eng (Meera) voted NO-GO" in texts
    assert "No approval from the Tech Lead" in texts
    assert "Recorded NO-GO: Payment load test not run yet" in texts
    # Section 8, Operations, is post-launch: its three sign-offs are work after launch, not blockers.
    assert len(r.blockers) == (57 - 5) + (34 - 3 - 2) + 4 + 1 + 1
    assert not any("Operations" in t for t in texts)
    assert [later.title for later in r.later] == [numbered(8, "Operations"), "Metrics to Track (First 30 Days)", "Post-Launch Tasks"]
    # One tally for every view: the counts are over the same 243 items as the overall progress; resolved = done + waived + n/a.
    assert (r.counts.done, r.counts.waived, r.counts.not_applicable, r.counts.open, r.counts.critical_open) == (5, 1, 2, 243 - 8, 52)
    assert (r.counts.resolved, r.counts.total, r.counts.percent) == (o.resolved, o.total, o.percent) == (8, 243, 3)
    assert not r.go


def _complete_status(project: Path, post_launch: bool = True) -> None:
    """Every item before launch done, every group signed, every approval GO; ``post_launch``: the
    work after launch (section 8, metrics, post-launch tasks) too, else all of it left open."""
    data = check(Project.at(project))
    c = data.checklists[0]
    before = [s for s in c.sections if s.priority.value != "post-launch" or post_launch]
    lines = ["checklist: realserv-launch", "items:"]
    lines += [f"  {i.id}: {{state: done, by: QA, date: 2026-01-12}}" for s in before for i in s.all_items()]
    lines.append("signoffs:")
    lines += [f"  {g.id}: {{name: Lead, date: 2026-01-12}}" for s in before for g in s.groups]
    lines.append("approvals:")
    lines += [f"  {r.id}: {{name: Boss, decision: go, date: 2026-01-12}}" for r in c.final_signoff.approval.roles]  # type: ignore[union-attr]
    (project / "data" / "realserv-launch.status.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_gate_blocks_then_passes(status_project: Path) -> None:
    blocked = run_cli("-C", str(status_project), "gate")
    assert blocked.returncode == 1
    assert "NO-GO, 87 blocker(s)" in blocked.stdout
    assert "https://checklists.realserv.example/checklists/realserv-launch/security/#fluentvalidation-enabled-7-services" in blocked.stdout
    _complete_status(status_project)
    passed = run_cli("-C", str(status_project), "gate")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "realserv-launch): GO" in passed.stdout


def test_gate_passes_with_work_after_launch_still_open(status_project: Path) -> None:
    """Section 8 (post-launch), the metrics and the post-launch tasks never block the launch."""
    _complete_status(status_project, post_launch=False)
    path = status_project / "data" / "realserv-launch.status.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "decision: {decision: go, by: Meera, date: 2026-01-12}\n", encoding="utf-8")
    data = check(Project.at(status_project))
    r = readiness(data.checklists[0], data.status("realserv-launch"))
    assert r.go and [(later.title, later.progress.resolved, later.progress.signed) for later in r.later] == [
        (numbered(8, "Operations"), 0, 0),
        ("Metrics to Track (First 30 Days)", 0, 0),
        ("Post-Launch Tasks", 0, 0),
    ]
    passed = run_cli("-C", str(status_project), "gate")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "realserv-launch): GO" in passed.stdout and "Blockers" not in passed.stdout
    # A group of its own priority post-launch, inside a pre-launch section, is after launch too.
    checklist = status_project / "data" / "realserv-launch.yaml"
    text = checklist.read_text(encoding="utf-8")
    group = "      - id: user-documentation\n        title: User Documentation\n"
    checklist.write_text(text.replace(group, group + "        priority: post-launch\n"), encoding="utf-8")
    status = path.read_text(encoding="utf-8")
    path.write_text(status.replace("  user-documentation: {name: Lead, date: 2026-01-12}\n", ""), encoding="utf-8")
    assert run_cli("-C", str(status_project), "gate").returncode == 0
    assert run_cli("-C", str(status_project), "build").returncode == 0
    page = article(parse(status_project / "site" / "checklists" / "realserv-launch" / "readiness" / "index.html"))
    after = plain(page.text()).split("After launch", 1)[1].split("Waivers")[0]
    for title in ("8. Operations", "6. Documentation › User Documentation", "Metrics to Track (First 30 Days)", "Post-Launch Tasks"):
        assert title in after, title


def test_status_table(status_project: Path) -> None:
    result = run_cli("-C", str(status_project), "status")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert any(line.split() == ["1", "\u2068Security\u2069", "6/31", "4/17", "1/5"] for line in lines), result.stdout  # the title isolated
    assert any("All sections" in line and "8/243 (3%)" in line and "5/57" in line and "2/34" in line for line in lines)
    assert "Blockers:" in result.stdout


def test_mark_signoff_approve_write_entries_and_validate(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    path = project / "data" / "realserv-launch.status.yaml"
    original = path.read_bytes()
    result = run_cli("-C", str(project), "mark", "jwt-token-validation-working", "--done", "--by", "Priya", "--note", "all 7 services", "--date", "2026-01-10")
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(
        r"recorded data/realserv-launch\.record/20260110T\d{6}Z-priya-[0-9a-f]{8}\.yaml: jwt-token-validation-working: done by Priya\n", result.stdout
    ), result.stdout
    signed = run_cli("-C", str(project), "signoff", "input-validation", "--by", "Priya", "--date", "2026-01-11", "--with-open")
    assert signed.returncode == 0, signed.stderr
    assert run_cli("-C", str(project), "approve", "cto", "--by", "Meera", "--decision", "no-go", "--date", "2026-01-11").returncode == 0
    assert path.read_bytes() == original  # the status file is the record's starting point; it is never rewritten
    status = check(Project.at(project)).status("realserv-launch")
    assert status is not None
    jwt, signoff, cto = status.item("jwt-token-validation-working"), status.signoff("input-validation"), status.approval("cto")
    assert jwt is not None and (jwt.state, jwt.by, jwt.note, str(jwt.date)) == (State.DONE, "Priya", "all 7 services", "2026-01-10")
    assert signoff is not None and (signoff.name, str(signoff.date), signoff.with_open) == ("Priya", "2026-01-11", True)
    assert cto is not None and (cto.name, cto.decision.value) == ("Meera", "no-go")
    record = project / "data" / "realserv-launch.record"
    assert len(list(record.glob("*.yaml"))) == 3

    unknown = run_cli("-C", str(project), "mark", "jwt-token-validation", "--done", "--by", "Priya")
    assert unknown.returncode == 1 and "did you mean 'jwt-token-validation-working'?" in unknown.stderr
    waived = run_cli("-C", str(project), "mark", "rbac-enforced-services", "--waived", "--by", "Arun", "--reason", "later", "--replace")
    assert waived.returncode == 1
    assert "critical item 'rbac-enforced-services' is waived without an approver" in waived.stderr
    assert len(list(record.glob("*.yaml"))) == 3  # a rejected recording writes nothing


def test_mark_starts_the_record_when_there_is_none(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "data" / "realserv-launch.status.yaml").unlink()
    result = run_cli("-C", str(project), "mark", "twilio-sms-used", "--na", "--by", "Arun", "--date", "2026-01-10")
    assert result.returncode == 0, result.stderr
    assert "recorded data/realserv-launch.record/" in result.stdout
    assert check(Project.at(project)).status("realserv-launch").item("twilio-sms-used").state is State.NOT_APPLICABLE  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "edit, message",
    [
        (("  ecs-cluster-created: {state: done", "  ecs-cluster-made: {state: done"), "unknown item 'ecs-cluster-made' in the status of 'realserv-launch'"),
        (("date: 2026-01-10}", "date: 10 January}"), "expected 'date' of item state 'twilio-sms-used' to be a date (YYYY-MM-DD), but got '10 January'"),
        (("  cto: {name: Meera", "  cfo: {name: Meera"), "approval by role 'cfo', which the final sign-off of 'realserv-launch' does not have"),
        (("reason: VendorService RBAC ships in 1.1, ", ""), "item 'rbac-enforced-services' is waived without a reason"),
        (("  compute-ecs:", "  compute:"), "sign-off for unknown group 'compute' in the status of 'realserv-launch'"),
        (
            ("state: done, by: Dev,", "state: finished, by: Dev,"),
            "expected 'state' of item state 'ecs-cluster-created' to be one of open, done, n/a, waived, but got 'finished'",
        ),
        (("checklist: realserv-launch", "checklist: realserv-lunch"), "status file for checklist 'realserv-lunch', which does not exist"),
    ],
    ids=["unknown-item", "bad-date", "unknown-role", "waiver-without-reason", "unknown-group", "bad-state", "unknown-checklist"],
)
def test_status_validation_errors_are_located(tmp_path: Path, edit: tuple[str, str], message: str) -> None:
    project = make_project(tmp_path / "p")
    text = STATUS.read_text(encoding="utf-8")
    assert edit[0] in text
    (project / "data" / "realserv-launch.status.yaml").write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 1
    assert "data/realserv-launch.status.yaml:" in result.stderr and message in result.stderr, result.stderr


def test_readiness_page_and_filled_sheets(status_project: Path, browser) -> None:
    # A section and a group titled in Hebrew, each ending in a number (a right-to-left title takes the numbers next to it).
    source = status_project / "data" / "realserv-launch.yaml"
    text = source.read_text(encoding="utf-8").replace("    title: Infrastructure\n", "    title: תשתית ענן 2\n", 1)
    source.write_text(text.replace("        title: API Gateway\n", "        title: שער API 3\n", 1), encoding="utf-8")
    assert run_cli("-C", str(status_project), "build").returncode == 0
    site = status_project / "site" / "checklists" / "realserv-launch"
    page = article(parse(site / "readiness" / "index.html"))
    rows = {plain(tr.find_all("td")[0].text()): [td.text() for td in tr.find_all("td")] for tr in page.find_all("tr") if tr.find_all("td")}
    assert rows["1. Security"][1] == "6 / 31" and rows["1. Security"][3] == "4 / 17" and rows["1. Security"][4] == "1 / 5"
    assert rows["All sections"][1] == "8 / 243"
    assert "NO-GO: 87 blocker(s)" in page.text()
    assert "VendorService RBAC ships in 1.1" in page.text() and "admins log in through SSO" in page.text()
    security = article(parse(site / "security" / "index.html"))
    done = [li for li in security.find_all("li", "task-list-item") if any(i.attrs.get("checked") is not None for i in li.find_all("input"))]
    assert len(done) == 4  # done items are ticked; waived and n/a are labelled, not ticked
    assert "Signed by Priya on 2026-01-10" in security.text()
    blank = article(parse(site / "packet" / "index.html"))
    filled = article(parse(site / "packet-filled" / "index.html"))
    assert not [i for i in blank.find_all("input") if "checked" in i.attrs]
    # done items, the critical ones among them again on the critical-items page, and the NO-GO box
    assert len([i for i in filled.find_all("input") if "checked" in i.attrs]) == 5 + 4 + 1
    assert "Priya" in filled.text() and "Priya" not in blank.text()

    with serve_dir(status_project / "site", without_search=True) as base:
        tab = browser.new_page()
        tab.goto(base + "checklists/realserv-launch/readiness/")
        overall = tab.locator("progress").first
        expect(overall).to_be_visible()
        assert overall.get_attribute("value") == "8" and overall.get_attribute("max") == "243"
        # 'No sign-off for 2. <section> › <group>' reads in that order, left to right: the Hebrew titles isolated (bidi.numbered),
        # not '2. 3 API שער › 2 ...' with the group run in front. Left edges of: the number, the section title, '›', the group title.
        order = tab.evaluate(
            """(hint) => { const a = [...document.querySelectorAll('article li a')].find(a => a.textContent.includes(hint)), s = a.textContent;
                 const walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT), nodes = [], r = document.createRange();
                 for (let n = walk.nextNode(), at = 0; n; at += n.length, n = walk.nextNode()) nodes.push([n, at]);
                 return [s.indexOf('. ') - 1, s.indexOf(hint), s.indexOf('›'), s.indexOf('›') + 2].map(i => {
                   const [t, at] = nodes.filter(([, start]) => start <= i).pop();
                   r.setStart(t, i - at); r.setEnd(t, i - at + 1); return r.getBoundingClientRect().left; }); }""",
            "תשתית ענן 2",
        )
        assert order == sorted(order), order
        tab.get_by_role("link", name="Critical item not done: FluentValidation enabled in ALL 7 services").click()
        tab.wait_for_url("**/security/#fluentvalidation-enabled-7-services")
        # On paper a ticked box keeps its square and gets a black check mark drawn with borders.
        tab.goto(base + "checklists/realserv-launch/packet-filled/")
        tab.emulate_media(media="print")
        marks = tab.evaluate(
            """() => [...document.querySelectorAll('.cl-sheet input[type=checkbox]')].map(i => {
                 const b = getComputedStyle(i.nextElementSibling, '::before'), a = getComputedStyle(i.nextElementSibling, '::after');
                 return [i.checked, b.borderTopStyle, b.maskImage, a.content, a.borderRightStyle, a.borderRightColor]; })"""
        )
        ticked = [m for m in marks if m[0]]
        assert len(ticked) == 10 and all(m[1:] == ["solid", "none", '""', "solid", "rgb(0, 0, 0)"] for m in ticked), ticked
        assert all(m[1] == "solid" and m[3] == "none" for m in marks if not m[0])
        tab.close()


@pytest.mark.usefixtures("chromium")
def test_pdf_filled_prints_the_recorded_state(status_project: Path) -> None:
    result = run_cli("-C", str(status_project), "pdf", "--filled")
    assert result.returncode == 0, result.stderr
    import subprocess

    text = subprocess.run(
        ["pdftotext", str(status_project / "pdf" / "realserv-launch-packet-filled-a4.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Priya" in text and "2026-01-10" in text and "Waived: VendorService RBAC ships in 1.1" in text


def test_export_and_readiness_agree_on_post_launch_work(tmp_path: Path) -> None:
    """A post-launch group in a critical section: readiness lists its items after launch, and the export says post-launch (one priority_of)."""
    import json

    from generator.exchange.export import as_json
    from generator.format.model import Priority, priority_of
    from generator.format.readiness import readiness

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    data_file = project / "data" / "mini.yaml"
    text = data_file.read_text(encoding="utf-8")
    data_file.write_text(text.replace("        title: Auth & Access\n", "        title: Auth & Access\n        priority: post-launch\n", 1), encoding="utf-8")
    data = check(Project.at(project))
    c = data.checklists[0]
    security, auth = c.sections[0], c.sections[0].groups[0]
    assert security.priority is Priority.CRITICAL and priority_of(security, auth) is Priority.POST_LAUNCH
    deploy = next(i for i in auth.all_items() if i.id == "deploy-order")
    assert priority_of(security, auth, deploy) is Priority.POST_LAUNCH  # its own "high" does not bring it before launch
    rows = {row["id"]: row for row in json.loads(as_json(data, ""))["checklists"][0]["items"]}
    assert {rows[i.id]["priority"] for i in auth.all_items()} == {"post-launch"}
    assert rows["db-main"]["priority"] == "post-launch"  # a list of the group too
    later = readiness(c, data.status(c.id)).later
    assert [(w.subject.id, w.anchor) for w in later if not w.is_part] == [("security", "auth"), ("ops", "")]


def test_status_and_gate_show_the_first_blockers_by_section_and_all_with_all(status_project: Path) -> None:
    gate = run_cli("-C", str(status_project), "gate")
    assert "NO-GO, 87 blocker(s)" in gate.stdout  # the count is every blocker's, whatever is printed
    listed = [line for line in gate.stdout.splitlines() if line.startswith("    - ")]
    assert len(listed) == 10 and "  … and 77 more (checklist-site gate --all)" in gate.stdout
    assert gate.stdout.split("Blockers:\n", 1)[1].startswith(f"  {numbered(1, 'Security')}:\n    - ")
    every = run_cli("-C", str(status_project), "gate", "--all")
    assert every.returncode == 1 and len([line for line in every.stdout.splitlines() if line.startswith("    - ")]) == 87 and "more (" not in every.stdout
    headings = [line for line in every.stdout.splitlines() if line.startswith("  ") and not line.startswith("   ")]
    assert headings[0] == f"  {numbered(1, 'Security')}:" and headings[-1] == "  Final Sign-off:" and len(headings) == len(set(headings))
    status = run_cli("-C", str(status_project), "status")
    assert "  … and 77 more (checklist-site status --all)" in status.stdout
    assert len([line for line in run_cli("-C", str(status_project), "status", "--all").stdout.splitlines() if line.startswith("    - ")]) == 87
