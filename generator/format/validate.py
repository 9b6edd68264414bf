"""Turn data files into checked Checklists: every problem is reported, nothing is changed."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Hinted, Issue, Loc, Severity
from .fold import RECORD_SUFFIX, causal, check_entries, check_entry, empty_hint, fold_all, record_name
from .load import Mapping, Scalar, Sequence, load_file
from .model import Checklist, Data, Entry, RunbookSet, Section, State, Status, place
from .oncall import check_commands
from .schema import CHECKLIST, ENTRY, RUNBOOKS, STATUS, Converter, Spec
from .types import FilePath


def _kind(path: Path, keys: set[str]) -> tuple[Spec, str]:
    """Which format a data file is in: a file in a record folder is an entry, else by its top-level keys."""
    if record_run(path) is not None:
        return ENTRY, "the record entry"
    if "runbooks" in keys:
        return RUNBOOKS, "the runbook file"
    return (STATUS, "the status file") if "checklist" in keys else (CHECKLIST, "the checklist")


def record_run(path: Path) -> str | None:
    """The run of an entry file by its folder: '' in data/<id>.record/, the run's name in data/<id>.record/<run>/; None elsewhere."""
    if path.parent.name.endswith(RECORD_SUFFIX):
        return ""
    return path.parent.name if path.parent.parent.name.endswith(RECORD_SUFFIX) else None


def load_data_file(path: Path, display: str) -> tuple[Checklist | RunbookSet | Status | Entry | None, list[Issue]]:
    """A checklist; a runbook file (top-level 'runbooks'); a status file (top-level 'checklist'); or a record entry (in a record folder)."""
    tree, issues = load_file(path, display, empty_hint(path))
    if tree is None or issues:
        return None, issues
    keys = {key.value for key, _ in tree.entries} if isinstance(tree, Mapping) else set()
    spec, what = _kind(path, keys)
    if spec is STATUS and {"by", "at", "changes"} <= keys and isinstance(tree, Mapping):  # an entry copied out of its record folder
        return None, [_stray_entry(tree, display)]
    if spec is CHECKLIST and isinstance(tree, Mapping) and (other := other_format(tree)) is not None:
        return None, [other]
    converter = Converter()
    loaded = converter.build(spec, tree, what)
    if loaded is None or converter.issues:
        return None, converter.issues
    if spec is ENTRY:
        return dataclasses.replace(loaded, source=FilePath(display), run=record_run(path)), list(check_entry(loaded, path))
    if spec is not CHECKLIST:
        return dataclasses.replace(loaded, source=FilePath(display)), []
    sections = tuple(dataclasses.replace(s, number=n) for n, s in enumerate(loaded.sections, 1))
    checklist = dataclasses.replace(loaded, sections=sections, source=FilePath(display))
    return checklist, list(check(checklist))


# Files of other tools' formats, by the top-level keys that mark them, with what to do: read as a checklist, each of
# their keys was an unknown key of the checklist's (and its id, title and sections missing), two dozen lines for a file
# of the wrong kind (mkdocs.yml given to check, alert rules saved in data/).
OTHER_FORMATS = (
    (frozenset({"site_name", "docs_dir", "site_dir", "theme", "nav", "markdown_extensions", "plugins"}), "MkDocs' settings (mkdocs.yml)",
     "the build reads mkdocs.yml from the project's folder by itself"),
    (frozenset({"groups"}), "alert rules (Prometheus, Mimir or Grafana: groups of rules)",
     "checklist-site links --check FILE checks alert rules against the runbooks"),
    (frozenset({"apiVersion", "kind"}), "a Kubernetes resource", "checklist-site links --check FILE checks a PrometheusRule's alerts against the runbooks"),
)
_OURS = frozenset({"id", "title", "sections", "runbooks", "checklist"})  # a key of any of the data formats: a data file, however broken


def other_format(tree: Mapping) -> Issue | None:
    """One issue for a file of another tool's format (``tree``: its top-level mapping), at the first key that marks it,
    or None: it is a data file to read."""
    keys = {key.value for key, _ in tree.entries}
    if keys & _OURS:
        return None
    for marks, what, hint in OTHER_FORMATS:
        if found := [key for key, value in tree.entries if key.value in marks and (key.value != "groups" or _of_rules(value))]:
            names = f"key{'s' if len(found) > 1 else ''} {', '.join(key.value for key in found)}"
            rest = "check and build read every *.yaml file of data/ as a checklist: keep it out of data/"
            return Issue(found[0].loc, f"not a checklist file: this is {what}, by its {names}", f"{hint}; {rest}")
    return None


def _of_rules(groups: object) -> bool:
    """Whether ``groups`` are alert rules' (each a mapping with 'rules'), not a checklist's written without its sections."""
    items = groups.items if isinstance(groups, Sequence) else ()
    return bool(items) and all(isinstance(g, Mapping) and any(k.value == "rules" for k, _ in g.entries) for g in items)


def _stray_entry(tree: Mapping, display: str) -> Issue:
    """A record entry outside a record folder (it was read as a status file: 'unknown key' for each of by, at, changes)."""
    ident = next((v.value for k, v in tree.entries if k.value == "checklist" and isinstance(v, Scalar)), None)
    folder = f"data/{record_name(ident)}/" if isinstance(ident, str) and ident else "its checklist's record folder (data/<id>.record/)"
    return Issue(Loc(display, 1, 1), "a record entry outside a record folder (read here as a status file)", f"move it into {folder}")


def _anchors(c: Checklist) -> Iterator[tuple[str, str, Loc]]:
    """Every id of a checklist with what it names; they share one namespace of URL anchors."""
    for item in c.instructions:
        for sub in item.walk():
            yield sub.id, "item", sub.loc
    for block in c.blocks:
        yield block.id, "section" if isinstance(block, Section) else "page", block.loc
        for former in block.former_ids:
            yield former, "former id of a section", block.loc
        for group in block.groups:
            yield group.id, "group", group.loc
            for former in group.former_ids:
                yield former, "former id of a group", group.loc
            for listed in group.lists:
                yield listed.id, "list", listed.loc
            for item in group.all_items():
                yield item.id, "item", item.loc
                for former in item.former_ids:
                    yield former, "former id of an item", item.loc
    if c.final_signoff:
        yield c.final_signoff.approval.id, "approval table", c.final_signoff.approval.loc
        for role in c.final_signoff.approval.roles:
            yield role.id, "role", role.loc
            for former in role.former_ids:
                yield former, "former id of a role", role.loc
        yield c.final_signoff.decision.id, "decision", c.final_signoff.decision.loc
        for option in c.final_signoff.decision.options:
            yield option.id, "option", option.loc
    if c.rollback:
        yield c.rollback.id, "page", c.rollback.loc
        for step in c.rollback.steps:
            yield step.id, "step", step.loc


def check(c: Checklist) -> Iterator[Issue]:
    """Rules across the whole checklist: unique ids (links and texts are checked as they are read; the site's layout checks reserved names)."""
    first: dict[str, tuple[str, Loc]] = {}
    for ident, kind, loc in _anchors(c):
        if ident in first:
            other_kind, other = first[ident]
            yield Issue(
                loc, f"duplicate id '{ident}': the {other_kind} at {other} has it too", "ids are URL anchors and must be unique in a checklist; rename this one"
            )
        else:
            first[ident] = (kind, loc)


def _unknown_checklist(data: Data, ident: str, what: str, loc: Loc) -> Issue:
    known = ", ".join(sorted(c.id for c in data.checklists)) or "none"
    return Issue(loc, f"{what} checklist '{ident}', which does not exist", f"use the id of a checklist in data/ (known: {known})")


def check_runbooks(data: Data) -> Iterator[Issue]:
    """Runbooks against the checklists: known items, unique ids, an answer for every alarm."""
    seen: dict[str, Loc] = {}
    hinted = Hinted()
    answered: set[tuple[str, str]] = set()
    alarms: dict[str, str] = {}  # alarm or alert name -> the runbook answering it
    for rset in data.runbook_sets:
        checklist = data.checklist(rset.checklist)
        if checklist is None:
            yield _unknown_checklist(data, rset.checklist, "runbooks refer to", place(rset, "checklist"))
            continue
        items = checklist.items_by_id()
        for runbook in rset.runbooks:
            for ident in (runbook.id, *runbook.former_ids):
                if ident in seen:
                    yield Issue(
                        runbook.loc,
                        f"duplicate runbook id '{ident}': the runbook at {seen[ident]} has it too",
                        "runbook ids are URLs and must be unique; rename this one",
                    )
                seen.setdefault(ident, runbook.loc)
            for name in dict.fromkeys((runbook.alarm_name or runbook.id, *runbook.alerts)):
                if alarms.setdefault(name, runbook.id) != runbook.id:
                    message = f"runbook '{runbook.id}' answers alarm '{name}', which runbook '{alarms[name]}' answers too"
                    yield Issue(runbook.loc, message, "an alarm has one runbook: remove the name from one of them")
            item = items.get(runbook.item)
            if item is None:
                yield Issue(
                    place(runbook, "item"),
                    f"runbook '{runbook.id}' answers item '{runbook.item}', which is not in checklist '{checklist.id}'",
                    _closest(runbook.item, items, look=hinted(runbook.loc)),
                )
            elif not item.alarm:
                yield Issue(
                    place(runbook, "item"),
                    f"runbook '{runbook.id}' answers item '{runbook.item}', which is not marked as an alarm",
                    f"add 'alarm: true' to item '{runbook.item}' in {checklist.source}",
                )
            answered.add((checklist.id, runbook.item))
            for ident in runbook.related:
                if ident not in items:
                    yield Issue(
                        place(runbook, "related"),
                        f"runbook '{runbook.id}' relates to item '{ident}', which is not in checklist '{checklist.id}'",
                        _closest(ident, items, look=hinted(runbook.loc)),
                    )
    for checklist in data.checklists:
        for section in checklist.sections:
            for item in section.all_items():
                if item.alarm and (checklist.id, item.id) not in answered:
                    yield Issue(item.loc, f"alarm item '{item.id}' has no runbook", _runbook_hint(data, checklist.id, item.id))


def _runbook_hint(data: Data, checklist: str, item: str) -> str:
    """Where to add the runbook an alarm item lacks: a runbook file answers the items of the one checklist it names, so
    'a runbook file in data/' sent a second checklist's alarm (a copy of the first, under its own id) to the first one's
    file, where the same 'item:' answers the first checklist's item, and nothing changed."""
    files = [str(rset.source) for rset in data.runbook_sets if rset.checklist == checklist]
    drop = "or remove 'alarm: true' from the item if it is not an alarm"
    if files:
        return f"add a runbook with 'item: {item}' to {files[0]} (the runbooks of checklist '{checklist}'); {drop}"
    return f"add a runbook file to data/ with 'checklist: {checklist}' and a runbook with 'item: {item}' (runbook ids are unique across files); {drop}"


def check_status(data: Data) -> Iterator[Issue]:
    """Status files against their checklists: known ids, one file per checklist, complete waivers."""
    seen: dict[str, Status] = {}
    hinted = Hinted()
    for status in data.statuses:
        checklist = data.checklist(status.checklist)
        if checklist is None:
            yield _unknown_checklist(data, status.checklist, "status file for", place(status, "checklist"))
            continue
        if status.checklist in seen:
            yield Issue(
                status.loc,
                f"a second status file for checklist '{status.checklist}': {seen[status.checklist].source} is one already",
                "keep one status file per checklist",
            )
        seen[status.checklist] = status
        items = checklist.items_by_id()
        for entry in status.items:
            item = items.get(entry.id)
            if item is None:
                hint = _closest(entry.id, items, look=hinted(entry.loc))
                yield Issue(place(entry, "id"), f"unknown item '{entry.id}' in the status of '{checklist.id}'", hint)
                continue
            if entry.state is not State.OPEN and not entry.by:
                yield Issue(entry.loc, f"item '{entry.id}' is {entry.state.value} but does not say by whom", "add 'by: NAME'")
            if entry.state is State.WAIVED:
                if not entry.reason:
                    yield Issue(entry.loc, f"item '{entry.id}' is waived without a reason", "add 'reason: ...' saying why it may be skipped")
                if item.critical and not entry.approver:
                    yield Issue(entry.loc, f"critical item '{entry.id}' is waived without an approver", "add 'approver: NAME' of who accepted the risk")
        groups = {g.id: g for block in checklist.sections for g in block.groups}
        for signoff in status.signoffs:
            group = groups.get(signoff.id)
            if group is None:
                hint = _closest(signoff.id, groups, look=hinted(signoff.loc))
                yield Issue(place(signoff, "id"), f"sign-off for unknown group '{signoff.id}' in the status of '{checklist.id}'", hint)
            elif not group.signoff:
                yield Issue(signoff.loc, f"group '{signoff.id}' has no sign-off (signoff: false in the checklist)", "remove this sign-off")
        roles = {r.id: r for r in checklist.final_signoff.approval.roles} if checklist.final_signoff else {}
        for approval in status.approvals:
            if approval.id not in roles:
                yield Issue(
                    place(approval, "id"),
                    f"approval by role '{approval.id}', which the final sign-off of '{checklist.id}' does not have",
                    _closest(approval.id, roles, "a role of the final sign-off", hinted(approval.loc)),
                )


def _closest(ident: str, known: Iterable[str], what: str = "an item in that checklist", look: bool = True) -> str:
    """'did you mean' the known id closest to ``ident``; ``look`` false (a problem past those said of its file): not looked for."""
    import difflib

    close = difflib.get_close_matches(ident, list(known), n=1) if look else []
    return f"did you mean '{close[0]}'?" if close else f"use the id of {what}"


Loaded = tuple[Checklist | RunbookSet | Status | Entry | None, list[Issue]]  # what load_data_file returns


class FileCache:
    """``load_data_file``'s results kept by file and reused while the file's bytes stay the same
    (`serve` checks data/ on every edit, which usually touches one file)."""

    def __init__(self) -> None:
        self.kept: dict[tuple[Path, str], tuple[bytes, Loaded]] = {}

    def load(self, path: Path, display: str) -> Loaded:
        try:
            before = path.read_bytes()
        except OSError:
            return load_data_file(path, display)  # reports why it cannot be read
        kept = self.kept.get((path, display))
        if kept is not None and kept[0] == before:
            return kept[1][0], list(kept[1][1])
        result = load_data_file(path, display)
        try:
            unchanged = path.read_bytes() == before  # not kept if the file changed while it was read
        except OSError:
            unchanged = False
        if unchanged:
            self.kept[(path, display)] = (before, (result[0], list(result[1])))
        return result


def load_all(paths: list[tuple[Path, str]], cache: FileCache | None = None) -> tuple[Data, list[Issue]]:
    """Load and check every file; ids must be unique across files, runbooks must fit the checklists.

    ``cache``: reuse what an earlier call loaded from files whose bytes have not changed since.
    """
    load = cache.load if cache is not None else load_data_file
    checklists: list[Checklist] = []
    runbook_sets: list[RunbookSet] = []
    statuses: list[Status] = []
    entries: list[Entry] = []
    issues: list[Issue] = []
    for path, display in paths:
        loaded, found = load(path, display)
        issues += found
        if isinstance(loaded, Checklist):
            checklists.append(loaded)
        elif isinstance(loaded, RunbookSet):
            runbook_sets.append(loaded)
        elif isinstance(loaded, Status):
            statuses.append(loaded)
        elif isinstance(loaded, Entry):
            entries.append(loaded)
    seen: dict[str, Checklist] = {}
    for c in checklists:
        if c.id in seen:
            issues.append(
                Issue(
                    c.loc,
                    f"duplicate checklist id '{c.id}': {seen[c.id].source} uses it too",
                    "each checklist needs its own id; it names the checklist's folder in URLs",
                )
            )
        seen[c.id] = c
    if not paths:
        issues.append(Issue(Loc("data"), "no checklist files (*.yaml) found", "add a checklist file, e.g. data/launch.yaml"))
    data = Data(tuple(checklists), tuple(r for s in runbook_sets for r in s.runbooks), tuple(runbook_sets), tuple(statuses))
    entries = causal(entries)  # each after what its writer had, whatever its clock said
    if not issues:
        issues += check_runbooks(data)
        issues += check_status(data)
        issues += check_commands(data)
        issues += check_entries(data, entries)
    if entries and not any(i.severity is Severity.ERROR for i in issues):
        data = fold_all(data, entries)
    return data, issues
