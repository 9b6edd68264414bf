"""Tasks kept in iCalendar (.ics: VTODO, as Apple Reminders, Thunderbird, Nextcloud Tasks and Google export them)
written again as the Markdown the walk reads."""

from __future__ import annotations

import re

_PROPERTY = re.compile(r"^([A-Za-z-]+)(?:;[^:]*)?:(.*)$")


def _unescaped(value: str) -> str:
    r"""A TEXT value as written (RFC 5545: '\,' a comma, '\n' a line break).

    >>> _unescaped(r"Buy milk\, eggs\nand bread")
    'Buy milk, eggs and bread'
    """
    return " ".join(re.sub(r"\\([,;\\nN])", lambda m: " " if m.group(1) in "nN" else m.group(1), value).split())


def _unfolded(lines: list[str]) -> list[tuple[int, str]]:
    """Each content line (a folded one joined: its next lines open with a space or a tab) with its number (from 0)."""
    found: list[tuple[int, str]] = []
    for number, line in enumerate(lines):
        if line[:1] in (" ", "\t") and found:
            found[-1] = (found[-1][0], found[-1][1] + line[1:])
        else:
            found.append((number, line))
    return found


def ics(lines: list[str]) -> list[str]:
    """iCalendar: the calendar's name (X-WR-CALNAME) the title; each to-do (VTODO) a task item on its SUMMARY's line,
    ticked where it is completed (STATUS:COMPLETED, a COMPLETED date, PERCENT-COMPLETE:100), cancelled ones n/a;
    events and the rest left out.

    >>> ics(["BEGIN:VCALENDAR", "X-WR-CALNAME:Trip", "BEGIN:VTODO", "SUMMARY:Pack the tent", "STATUS:COMPLETED",
    ...      "END:VTODO", "BEGIN:VTODO", "SUMMARY:Book the", "  ferry", "END:VTODO", "END:VCALENDAR"])
    ['', '# Trip', '', '- [x] Pack the tent', '', '', '', '- [ ] Book the ferry', '', '', '']
    """
    out = [""] * len(lines)
    todo: dict[str, tuple[int, str]] | None = None
    for number, line in _unfolded(lines):
        found = _PROPERTY.match(line)
        name, value = (found.group(1).upper(), found.group(2)) if found else ("", "")
        if name == "X-WR-CALNAME" and value.strip():
            out[number] = f"# {_unescaped(value)}"
        elif name == "BEGIN" and value.strip().upper() == "VTODO":
            todo = {}
        elif name == "END" and value.strip().upper() == "VTODO" and todo is not None:
            if "SUMMARY" in todo:
                status = todo.get("STATUS", (0, ""))[1].strip().upper()
                done = status == "COMPLETED" or "COMPLETED" in todo or todo.get("PERCENT-COMPLETE", (0, ""))[1].strip() == "100"
                box = "[-]" if status == "CANCELLED" else "[x]" if done else "[ ]"
                out[todo["SUMMARY"][0]] = f"- {box} {_unescaped(todo['SUMMARY'][1])}"
            todo = None
        elif todo is not None and name:
            todo.setdefault(name, (number, value))
    return out
