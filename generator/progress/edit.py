"""YAML values as text that reads back as exactly the value: what record entries are written with."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import yaml

_PLAIN = re.compile(r"[A-Za-z0-9_./@()'+-]([A-Za-z0-9_ ./@()'+-]*[A-Za-z0-9_./@()'+-])?")


def scalar(value: Any) -> str:
    """A value as YAML flow text that reads back as exactly this value: plain where safe, else quoted.

    >>> scalar("all 7 services"), scalar("no"), scalar("a: b"), scalar(datetime.date(2026, 1, 10)), scalar("2026-13-45"), scalar("-")
    ('all 7 services', '"no"', '"a: b"', '2026-01-10', '"2026-13-45"', '"-"')
    """
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text):
        try:
            # as a flow mapping's value (a change) and as a block mapping's (an entry's 'by:', 'after:'): '-' alone reads
            # back in the first, and opens a list in the second ('by: -' was refused as a YAML syntax error)
            if yaml.safe_load(f"{{k: {text}}}") == {"k": text} and yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except (yaml.YAMLError, ValueError):  # '2026-13-45': PyYAML reads a date no calendar has, and raises
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
