"""The alarm -> runbook URL map that monitoring configuration consumes."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from ..format.model import Data
from ..site.layout import page_url, runbook_url

CLOUDWATCH_LIMIT = 1024  # characters in an AlarmDescription


@dataclass(frozen=True)
class AlarmLink:
    alarm: str
    alarm_name: str
    title: str
    severity: str
    url: str
    item_url: str


def alarm_links(data: Data, site_url: str) -> list[AlarmLink]:
    out = []
    for runbook in sorted(data.runbooks, key=lambda r: r.id):
        checklist = data.runbook_checklist(runbook)
        page, _ = checklist.item_pages()[runbook.item]
        out.append(
            AlarmLink(
                alarm=runbook.id,
                alarm_name=runbook.alarm_name or runbook.id,
                title=runbook.title,
                severity=runbook.severity.value,
                url=runbook_url(site_url, runbook.id),
                item_url=page_url(site_url, checklist.id, page, runbook.item),
            )
        )
    return out


def as_json(links: list[AlarmLink]) -> str:
    doc = {
        "version": 1,
        "alarms": {
            link.alarm: {"url": link.url, "title": link.title, "severity": link.severity, "alarm_name": link.alarm_name, "checklist_item": link.item_url}
            for link in links
        },
    }
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def as_csv(links: list[AlarmLink]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["alarm", "alarm_name", "title", "severity", "url", "checklist_item"])
    for link in links:
        writer.writerow([link.alarm, link.alarm_name, link.title, link.severity, link.url, link.item_url])
    return out.getvalue()


def cloudwatch_description(link: AlarmLink) -> str:
    """An AlarmDescription that fits CloudWatch's limit and always keeps the whole runbook URL."""
    tail = f" Runbook: {link.url}"
    head = f"[{link.severity.upper()}] {link.title}."
    room = CLOUDWATCH_LIMIT - len(tail)
    if len(head) > room:
        head = head[: max(room - 1, 0)] + "…"
    return head + tail


def as_cloudwatch(links: list[AlarmLink]) -> str:
    """One entry per alarm, ready for `aws cloudwatch put-metric-alarm --alarm-description`."""
    rows = [{"AlarmName": link.alarm_name, "AlarmDescription": cloudwatch_description(link)} for link in links]
    return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"


FORMATS = {"json": as_json, "csv": as_csv, "cloudwatch": as_cloudwatch}
