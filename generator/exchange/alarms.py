"""Read alarm definitions (CloudWatch as described by the AWS CLI or Terraform; Prometheus, Thanos, Mimir,
prometheus-operator and Grafana rule files) into located alarms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Iterator

from ..errors import Issue, Loc, UsageError
from ..format.load import Mapping, Node, Scalar, Sequence, load_documents, not_utf8, read_outside
from .jsonloc import load_json

MAX_BYTES = 50 * 1024 * 1024  # describe-alarms of a large account runs to megabytes
_URL = re.compile(r"https?://[^\s<>\"'`]+")
SHAPES = (
    "the JSON of `aws cloudwatch describe-alarms` (MetricAlarms, CompositeAlarms) or of `terraform show -json`, "
    "a Prometheus, Thanos or Mimir rule file (groups: [{rules: [{alert: ...}]}]), "
    "a prometheus-operator PrometheusRule (spec.groups), or Grafana alert-rule provisioning (apiVersion, groups[].rules[].title)"
)


class System(str, Enum):
    CLOUDWATCH = "cloudwatch"
    PROMETHEUS = "prometheus"
    GRAFANA = "grafana"

    @property
    def noun(self) -> str:
        return {"cloudwatch": "CloudWatch alarm", "prometheus": "Prometheus alert", "grafana": "Grafana alert rule"}[self.value]


@dataclass(frozen=True)
class Alarm:
    """One alarm as defined elsewhere: its name, the runbook links it carries, and where both are."""

    name: str
    system: System
    links: tuple[str, ...]  # the runbook_url annotation, or the URLs in an AlarmDescription
    loc: Loc  # the name
    link_loc: Loc  # the annotation or description; the name's place when there is none
    labels: tuple[tuple[str, str], ...] = ()  # a rule's own labels (Prometheus, Grafana): what a runbook_url template may use


def _get(node: Node | None, key: str) -> Node | None:
    if isinstance(node, Mapping):
        for k, value in node.entries:
            if k.value == key:
                return value
    return None


def _text(node: Node | None) -> str | None:
    if isinstance(node, Scalar) and node.kind != "null":
        return node.value
    return None


def _items(node: Node | None) -> tuple[Node, ...]:
    return node.items if isinstance(node, Sequence) else ()


def urls_in(text: str) -> tuple[str, ...]:
    """The http(s) addresses in a text, without the punctuation that ends a sentence.

    >>> urls_in("[HIGH] Redis down. Runbook: https://ops.example.com/runbooks/redis-down/.")
    ('https://ops.example.com/runbooks/redis-down/',)
    """
    return tuple(m.group(0).rstrip(".,;:!?)]}") for m in _URL.finditer(text))


def _cloudwatch(entries: tuple[Node, ...]) -> Iterator[Alarm]:
    for entry in entries:
        name_node = _get(entry, "AlarmName")
        name = _text(name_node)
        if name is None or name_node is None:
            continue
        described = _get(entry, "AlarmDescription")
        text = _text(described) or ""
        yield Alarm(name, System.CLOUDWATCH, urls_in(text), name_node.loc, described.loc if described is not None and text else name_node.loc)


TERRAFORM_ALARMS = ("aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm")


def _terraform(module: Node | None) -> Iterator[Alarm]:
    """CloudWatch alarms in `terraform show -json` output: a module's resources, then its child modules'."""
    for resource in _items(_get(module, "resources")):
        if _text(_get(resource, "type")) in TERRAFORM_ALARMS and _text(_get(resource, "mode")) == "managed":
            values = _get(resource, "values")
            name_node, described = _get(values, "alarm_name"), _get(values, "alarm_description")
            name, text = _text(name_node), _text(described) or ""
            if name is not None and name_node is not None:
                yield Alarm(name, System.CLOUDWATCH, urls_in(text), name_node.loc, described.loc if described is not None and text else name_node.loc)
    for child in _items(_get(module, "child_modules")):
        yield from _terraform(child)


def _rules(groups: Node | None, system: System) -> Iterator[Alarm]:
    for group in _items(groups):
        for rule in _items(_get(group, "rules")):
            name_node = _get(rule, "alert" if system is System.PROMETHEUS else "title")
            name = _text(name_node)
            if name is None or name_node is None:
                continue  # a recording rule, or not a rule at all
            link = _get(_get(rule, "annotations"), "runbook_url")
            url = (_text(link) or "").strip()
            labels = _get(rule, "labels")
            own = tuple((k.value, v.value) for k, v in labels.entries if isinstance(v, Scalar)) if isinstance(labels, Mapping) else ()
            yield Alarm(name, system, (url,) if url else (), name_node.loc, link.loc if link is not None and url else name_node.loc, own)


def alarms_in(root: Node) -> list[Alarm] | None:
    """The alarms a document defines, or None when it has none of the known shapes."""
    if isinstance(root, Sequence) and any(_get(e, "AlarmName") for e in root.items):
        return list(_cloudwatch(root.items))  # `--query MetricAlarms`, or `links --format cloudwatch`
    if not isinstance(root, Mapping):
        return None
    if _get(root, "MetricAlarms") is not None or _get(root, "CompositeAlarms") is not None:
        return list(_cloudwatch(_items(_get(root, "MetricAlarms")) + _items(_get(root, "CompositeAlarms"))))
    if _get(root, "format_version") is not None and _get(root, "terraform_version") is not None:  # terraform show -json
        values = _get(root, "values") or _get(root, "planned_values")
        return list(_terraform(_get(values, "root_module")))
    kind = _text(_get(root, "kind"))
    if kind == "List":  # kubectl get prometheusrules -o yaml
        found = [alarms_in(item) for item in _items(_get(root, "items"))]
        return [alarm for part in found if part for alarm in part]
    if kind == "PrometheusRule":
        return list(_rules(_get(_get(root, "spec"), "groups"), System.PROMETHEUS))
    groups = _get(root, "groups")
    if groups is None:
        return None
    grafana = _get(root, "apiVersion") is not None and not any(_get(r, "alert") for g in _items(groups) for r in _items(_get(g, "rules")))
    return list(_rules(groups, System.GRAFANA if grafana else System.PROMETHEUS))


# The keys Prometheus reads in a rule file (its rulefmt refuses a file holding any other: 'field rulez not found in type
# rulefmt.RuleGroup'), with those Thanos, Cortex and Mimir add to a group. A misspelled one ('rulez:', 'alrt:') had its
# alerts read as none, or as recording rules, without a word.
_GROUP_KEYS = ("name", "interval", "rules", "limit", "query_offset", "labels", *("source_tenants", "partial_response_strategy", "evaluation_delay"))
_RULE_KEYS = ("record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations")


def unknown_rule_keys(root: Node) -> list[Issue]:
    """An issue at each key of a Prometheus rule file's groups and rules that Prometheus does not read (none for other
    shapes: CloudWatch's, Terraform's, Grafana's)."""
    kind = _text(_get(root, "kind"))
    if kind == "List":
        return [issue for item in _items(_get(root, "items")) for issue in unknown_rule_keys(item)]
    if kind == "PrometheusRule":
        groups = _get(_get(root, "spec"), "groups")
    elif _get(root, "apiVersion") is None:  # a plain rule file (Grafana's provisioning files have an apiVersion)
        groups = _get(root, "groups")
    else:
        return []
    issues: list[Issue] = []
    for group in _items(groups):
        issues += _unknown(group, _GROUP_KEYS, "a Prometheus rule group")
        for rule in _items(_get(group, "rules")):
            name = _text(_get(rule, "alert")) or _text(_get(rule, "record"))
            issues += _unknown(rule, _RULE_KEYS, f"Prometheus rule '{name}'" if name else "a Prometheus rule")
    return issues


def _unknown(node: Node, known: tuple[str, ...], what: str) -> list[Issue]:
    import difflib

    issues = []
    for key, _ in node.entries if isinstance(node, Mapping) else ():
        if key.value not in known:
            close = difflib.get_close_matches(key.value, known, n=1, cutoff=0.6)
            meant = f"did you mean '{close[0]}'? " if close else ""
            hint = f"{meant}Prometheus refuses a rule file with any other key (promtool check rules says so); its keys: {', '.join(known)}"
            issues.append(Issue(key.loc, f"unknown key '{key.value}' in {what}", hint))
    return issues


SUFFIXES = (".json", ".yml", ".yaml")


def definition_files(paths: list[Path]) -> list[tuple[Path, str]]:
    """Each path with how it is shown; a folder stands for its JSON and YAML files, found recursively, in order."""
    out: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            # not only regular files: a link to a file that is gone (or a pipe) named as a definition is said, not skipped
            inside = (p for p in path.rglob("*") if not p.is_dir() and p.suffix.lower() in SUFFIXES)
            found = sorted(p for p in inside if not any(part.startswith(".") for part in p.relative_to(path).parts))
            if not found:  # was '0 alarm(s) in 0 file(s)' and every runbook without its alarm
                kinds = ", ".join(SUFFIXES)
                raise UsageError(f"{path}/ holds no alarm definitions (no {kinds} file in it)", "pass the folder or the files that define the alarms")
            out += [(p, str(p)) for p in found]
        else:
            out.append((path, str(path)))
    return out


def read_definitions(path: Path, display: str) -> tuple[list[Alarm], list[Issue]]:
    """The alarms defined in one file, or the located reasons it could not be read."""
    raw, problem = read_outside(path, display, MAX_BYTES)
    if raw is None:
        return [], [problem] if problem else []
    unread = not_utf8(raw, display)  # at the byte's line and column, UTF-16 said so: as every file's
    if unread is not None:
        return [], [unread]
    text = raw.decode("utf-8")
    roots: list[Node] = []
    issues: list[Issue] = []
    if path.suffix.lower() == ".json" or text.lstrip("\ufeff \t\r\n").startswith(("{", "[")):
        node, issues = load_json(text, display)
        roots = [node] if node is not None else []
    if path.suffix.lower() != ".json" and not roots:  # YAML, or a YAML flow mapping that is not JSON
        roots, issues = load_documents(text, display, "pass a file of alarm definitions (CloudWatch's JSON, Prometheus or Grafana rules), not this one")
    if issues:
        return [], issues
    alarms: list[Alarm] = []
    known = False
    for root in roots:
        found = alarms_in(root)
        if found is not None:
            known = True
            alarms += found
            issues += unknown_rule_keys(root)
    if not known:
        where = roots[0].loc if roots else Loc(display, 1, 1)
        return [], [Issue(where, "not an alarm definition file", f"pass {SHAPES}")]
    return ([], issues) if issues else (alarms, [])
