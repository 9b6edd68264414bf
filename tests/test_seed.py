"""Nothing of the seed checklist is lost: every check box, critical flag, sign-off and section."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.build import Project, check
from generator.exchange.mojibake import repair
from generator.format.model import Checklist

from .conftest import ROOT, SEED
from .htmltree import article, parse


def _norm(text: str) -> str:
    """Compare texts as a reader sees them: without Markdown emphasis and code marks."""
    return " ".join(text.replace("**", "").replace("`", "").split())


def seed_structure() -> dict:
    """Read the seed Markdown independently of the generator (line by line; it is one known file)."""
    text = repair(SEED.read_text(encoding="utf-8"))
    out: dict = {"sections": [], "boxes": [], "signoffs": 0, "roles": [], "rollback_owners": [], "created": ""}
    part = None
    for line in text.splitlines():
        if line.startswith("## "):
            part = line
            m = re.match(r"^## \S+ SECTION (\d): (.+) \((.+)\)$", line)
            if m:
                out["sections"].append((int(m.group(1)), m.group(2).title(), m.group(3)))
            continue
        m = re.match(r"^\s*(?:[-*]|\d+\.) \[ \] (.*)$", line)
        if m:
            body = m.group(1)
            critical = "🔴" in body and "SECTION" in (part or "")
            body = body.replace("🔴", "").strip() if critical else body
            out["boxes"].append((part, _norm(body), critical))
        if line.startswith("**Sign-off**"):
            out["signoffs"] += 1
        m = re.match(r"^\d+\. \*\*[^*]+\*\*: .*?(?:\(((?:Tech|DevOps|QA|Product)[^)]*)\))?$", line)
        if m and "ROLLBACK" in (part or ""):
            out["rollback_owners"].append(m.group(1) or "")
        m = re.match(r"^\*\*Created\*\*: (\w+ \d+, \d{4})", line)
        if m:
            out["created"] = datetime.datetime.strptime(m.group(1), "%B %d, %Y").date().isoformat()
        m = re.match(r"^\| \*\*(.+?)\*\* \|", line)
        if m:
            out["roles"].append(m.group(1))
    return out


@pytest.fixture(scope="module")
def seed() -> dict:
    return seed_structure()


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    (c,) = check(Project.at(ROOT)).checklists
    return c


def model_boxes(c: Checklist) -> list[tuple[str, str, bool]]:
    """Every check box of the checklist as (where, text as read, critical)."""
    boxes = [("how-to-use", _norm(i.text), False) for i in c.instructions]
    for s in c.sections:
        boxes += [(s.id, _norm(i.text), i.critical) for i in s.all_items()]
    assert c.final_signoff
    boxes += [("decision", _norm(f"{o.icon} {o.label} - {o.text}"), False) for o in c.final_signoff.decision.options]
    for part in c.parts:
        boxes += [(part.id, _norm(i.text + (f" (target: {i.target})" if i.target else "")), i.critical) for i in part.all_items()]
    return boxes


def test_seed_counts_match_the_issue(seed: dict) -> None:
    assert len(seed["boxes"]) == 269
    in_sections = [b for b in seed["boxes"] if "SECTION" in b[0]]
    assert len(in_sections) == 243
    assert sum(1 for b in in_sections if b[2]) == 57
    assert seed["signoffs"] == 34


def test_every_check_box_text_and_critical_flag_is_in_the_yaml(seed: dict, checklist: Checklist) -> None:
    ours = Counter((text, critical) for _, text, critical in model_boxes(checklist))
    theirs = Counter((text, critical) for _, text, critical in seed["boxes"])
    assert theirs - ours == Counter(), "in the seed but not in data/"
    assert ours - theirs == Counter(), "in data/ but not in the seed"


def test_items_stay_in_their_sections(seed: dict, checklist: Checklist) -> None:
    for number, title, priority in seed["sections"]:
        section = checklist.sections[number - 1]
        assert section.title == title
        assert section.priority.label == priority
        theirs = sorted((t, c) for part, t, c in seed["boxes"] if f"SECTION {number}:" in part)
        assert sorted((_norm(i.text), i.critical) for i in section.all_items()) == theirs


def test_signoffs_roles_rollback_and_metadata(seed: dict, checklist: Checklist) -> None:
    assert sum(1 for s in checklist.sections for g in s.groups if g.signoff) == seed["signoffs"]
    assert checklist.final_signoff
    assert [r.title for r in checklist.final_signoff.approval.roles] == seed["roles"]
    assert checklist.rollback and len(checklist.rollback.steps) == 7
    # Only facts from the seed: it names who acts for the first step only; the others stay blank.
    assert [step.who for step in checklist.rollback.steps] == seed["rollback_owners"] == ["Tech Lead + Product Manager"] + [""] * 6
    assert (checklist.version, str(checklist.updated), checklist.owner, checklist.next_review) == (
        "1.0",
        "2026-01-12",
        "RealServ Tech Team",
        "After MVP launch",
    )
    assert str(checklist.created) == seed["created"] == "2026-01-12"
    targets = {i.text: i.target for p in checklist.parts for i in p.all_items() if i.target}
    assert targets == {
        "Error rate": "<1%",
        "Uptime": "99.9%",
        "Payment success rate": ">95%",
        "Notification delivery rate": ">98%",
        "Cache hit rate": ">80%",
        "S3 upload success rate": ">99%",
    }


def test_no_garbled_text_in_the_data() -> None:
    text = (ROOT / "data" / "realserv-launch.yaml").read_text(encoding="utf-8")
    assert not re.search(r"ð|â€|Ã|ï¸", text)
    assert repair(text) == text


def test_every_seed_check_box_is_in_the_built_site(seed: dict, site: Path) -> None:
    texts: Counter[str] = Counter()
    for page in sorted((site / "checklists" / "realserv-launch").glob("*/index.html")) + [site / "checklists" / "realserv-launch" / "index.html"]:
        for li in article(parse(page)).find_all("li", "task-list-item"):
            texts[_norm(li.own_text().replace("¶", "").replace("Critical ", "", 1) if li.find_all("span", "cl-badge") else li.own_text().replace("¶", ""))] += 1
    missing = Counter(t for _, t, _ in seed["boxes"]) - texts
    assert missing == Counter()
