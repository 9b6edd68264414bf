"""Runbook links built by Go templates (Prometheus, Alertmanager, Grafana annotations), expanded per alert; and the policy of which alerts need a runbook.

kube-prometheus-style mixins write ``runbook_url: https://runbooks.example/{{ $labels.alertname | toLower }}/``.
``links --check`` expands such a template with what the rule file says of the alert (its name and its
``labels:``) and checks the result like a literal link. What it cannot know (a label that comes from the
query's series, ``$value``, a function it does not implement) is reported at the template, not guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..errors import Issue, Loc
from .alarms import Alarm, System

_ACTION = re.compile(r"\{\{(-?)((?:(?!\{\{).)*?)(-?)\}\}", re.S)  # to the first '}}' before the next '{{' (each '{{' of a run read to the end)
_VARIABLE = re.compile(r'^(?:\$labels\.(\w+)|\.Labels\.(\w+)|index\s+(?:\$labels|\.Labels)\s+"([^"]+)")$')
FUNCTIONS = {"toLower": str.lower, "toUpper": str.upper, "title": str.title}
_KNOWN_LATER = {"$value": "the alert's value", ".Value": "the alert's value", "$externalURL": "Prometheus' external URL", "$externalLabels": "external labels"}


class Unexpandable(ValueError):
    """A template `links --check` cannot expand: ``reason`` in words, ``template`` the action as written."""

    def __init__(self, template: str, reason: str, hint: str) -> None:
        super().__init__(reason)
        self.template, self.reason, self.hint = template, reason, hint


def is_template(text: str) -> bool:
    return "{{" in text


def _value(term: str, labels: dict[str, str], action: str) -> str:
    """One term of an action: a label reference, read from ``labels``."""
    found = _VARIABLE.match(term)
    if found is None:
        later = next((what for token, what in _KNOWN_LATER.items() if term.startswith(token)), None)
        if later:
            raise Unexpandable(action, f"'{term}' is {later}, known only when the alert fires", "build the runbook_url from the alert's name and labels only")
        raise Unexpandable(
            action, f"'{term}' is not a label reference", "write {{ $labels.NAME }} or {{ .Labels.NAME }}, optionally piped to toLower or toUpper"
        )
    name = next(g for g in found.groups() if g)
    if name not in labels:
        set_ = ", ".join(sorted(labels))
        raise Unexpandable(
            action,
            f"label '{name}' is not set by the rule (the rule sets: {set_}); it would come from the query's series",
            f"set '{name}' under the rule's labels:, or build the runbook_url from the labels the rule sets",
        )
    if is_template(labels[name]):
        raise Unexpandable(action, f"label '{name}' is itself a template ('{labels[name]}')", f"give '{name}' a fixed value in the rule's labels:")
    return labels[name]


def _function(name: str, action: str) -> object:
    if name not in FUNCTIONS:
        raise Unexpandable(
            action,
            f"function '{name}' is not one `links --check` expands (it expands {', '.join(FUNCTIONS)})",
            "use toLower or toUpper, or write the runbook_url without it",
        )
    return FUNCTIONS[name]


def expand_action(action: str, labels: dict[str, str]) -> str:
    """The text one ``{{ ... }}`` action stands for, given the alert's labels.

    >>> expand_action("{{ $labels.alertname | toLower }}", {"alertname": "KubePodCrashLooping"})
    'kubepodcrashlooping'
    >>> expand_action("{{ toUpper .Labels.team }}", {"team": "db"})
    'DB'
    """
    body = _ACTION.fullmatch(action)
    assert body is not None
    stages = [s.strip() for s in body.group(2).split("|")]
    name, _, rest = stages[0].partition(" ")
    if _VARIABLE.match(stages[0]) or not rest.strip():
        apply, term = None, stages[0]
    elif _VARIABLE.match(rest.strip()):  # a function applied to a reference: {{ toLower $labels.x }}
        apply, term = _function(name, action), rest.strip()
    else:
        hint = "write {{ $labels.NAME }}, {{ $labels.NAME | toLower }} or {{ toLower $labels.NAME }}"
        raise Unexpandable(action, "it is not a label reference with functions", hint)
    value = _value(term, labels, action)
    if apply is not None:
        value = apply(value)  # type: ignore[operator]
    for stage in stages[1:]:
        value = _function(stage, action)(value)  # type: ignore[operator]
    return value


def expand(template: str, labels: dict[str, str]) -> str:
    """A templated text with every action expanded; Unexpandable for the first that cannot be.

    >>> expand("https://runbooks.example/{{ $labels.alertname | toLower }}/#{{- .Labels.team -}}", {"alertname": "HighErrorRate", "team": "api"})
    'https://runbooks.example/higherrorrate/#api'
    """
    return _ACTION.sub(lambda m: expand_action(m.group(0), labels), template)


@lru_cache(maxsize=64)
def _lines(file: str) -> tuple[str, ...]:
    try:
        return tuple(Path(file).read_text(encoding="utf-8").splitlines())
    except (OSError, UnicodeDecodeError):
        return ()


def locate(loc: Loc, text: str) -> Loc:
    """Where ``text`` stands in the file, from the start of the value at ``loc`` (the value's start when it is not on that line as written)."""
    lines = _lines(loc.file)
    if not loc.line or loc.line > len(lines):
        return loc
    column = lines[loc.line - 1].find(text, max(loc.column - 1, 0))
    return loc if column < 0 else Loc(loc.file, loc.line, column + 1)


@dataclass(frozen=True)
class Expanded:
    alarm: Alarm  # with its links expanded
    issue: Issue | None  # the template it could not expand, located


def expand_links(alarm: Alarm) -> Expanded:
    """An alert whose runbook_url is a template, with the link expanded from its name and labels (or the located reason it cannot be)."""
    if alarm.system is System.CLOUDWATCH or not any(is_template(link) for link in alarm.links):
        return Expanded(alarm, None)
    labels = {"alertname": alarm.name, **dict(alarm.labels)}
    try:
        links = tuple(expand(link, labels) for link in alarm.links)
    except Unexpandable as exc:
        message = f"{alarm.system.noun} '{alarm.name}': cannot expand the runbook_url template {exc.template}: {exc.reason}"
        return Expanded(alarm, Issue(locate(alarm.link_loc, exc.template), message, exc.hint))
    return Expanded(replace(alarm, links=links), None)


def expands_to(text: str, rule: object, url: str) -> bool:
    """Whether a rule's runbook_url ``text`` is a template that expands to ``url`` (a rule as read by ruamel.yaml: `--fix` keeps it)."""
    if not is_template(text) or not isinstance(rule, dict):
        return False
    name = rule.get("alert") or rule.get("title")
    own = rule.get("labels")
    labels = {"alertname": str(name), **({str(k): str(v) for k, v in own.items()} if isinstance(own, dict) else {})}
    try:
        return expand(text, labels) == url
    except Unexpandable:
        return False


# ---- which alerts need a runbook ---------------------------------------------------------------


def parse_selector(text: str) -> tuple[str, str]:
    """``severity=critical`` -> ("severity", "critical"); ValueError in words for anything else."""
    name, sep, value = text.partition("=")
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name.strip()) or not value.strip():
        raise ValueError(f"'{text}' is not LABEL=VALUE (for example severity=critical)")
    return name.strip(), value.strip()


def required(alarm: Alarm, policy: tuple[tuple[str, str], ...]) -> bool:
    """Whether the alarm must have a runbook: every alarm without a policy; with one, alerts whose labels match a selector.

    CloudWatch alarms carry no labels, so a policy does not exempt them: each still needs its runbook.
    """
    if not policy or alarm.system is System.CLOUDWATCH:
        return True
    labels = {"alertname": alarm.name, **dict(alarm.labels)}
    return any(labels.get(name) == value for name, value in policy)
