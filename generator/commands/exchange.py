"""`import`, `export`, `links` and `schema`: checklists in and out of other formats."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Callable

from ..build import site_url_of
from ..errors import BuildError, CheckFailed, Loc
from ..format.load import MAX_BYTES, size_issue
from ..format.model import Data
from ..project import Project
from ..project import check as check_data


def _read_markdown(file: Path) -> str:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise CheckFailed([size_issue(Loc(str(file)), size)])
        with file.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # bounded even when the size changed since stat (a pipe, a growing file)
    except OSError as exc:
        raise BuildError(f"cannot read {file}: {exc.strerror}", "check the path") from None
    if len(raw) > MAX_BYTES:
        raise CheckFailed([size_issue(Loc(str(file)), len(raw))])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def import_file(root: Path, file: Path, output: Path | None, say: Callable[[str], None]) -> int:
    """Markdown checklist -> checklist YAML on stdout or in a new file, which must pass check."""
    from ..exchange.importer import import_markdown, to_yaml
    from ..format.validate import load_data_file

    result = import_markdown(_read_markdown(file), str(file))
    text = to_yaml(result.doc, file.name)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not output:
        sys.stdout.write(text)
        return 0
    with Project.at(root).lock():
        if output.exists():
            raise BuildError(f"{output} exists; import never overwrites a file", "choose another -o, or delete the file yourself")
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    loaded, issues = load_data_file(output, str(output))
    if issues:  # a bug in the importer: say so, keep the file for inspection
        for issue in issues:
            print(issue.format(), file=sys.stderr)
        return 1
    items = sum(1 for _ in loaded.section_items()) if loaded is not None and hasattr(loaded, "section_items") else 0
    say(f"wrote {output}: {len(result.doc['sections'])} section(s), {items} items; check it, then build")
    return 0


def export(root: Path, fmt: str, output: Path | None, site_url: str | None, say: Callable[[str], None]) -> None:
    from ..exchange.export import as_csv, as_json, as_markdown

    project = Project.at(root)
    data = check_data(project)
    url = site_url_of(project, site_url)
    text = {"json": lambda: as_json(data, url), "csv": lambda: as_csv(data, url), "markdown": lambda: as_markdown(data)}[fmt]()
    if output:
        output.write_text(text, encoding="utf-8")
        say(f"wrote {output}")
    else:
        sys.stdout.write(text)


def links(root: Path, fmt: str | None, site_url: str | None, *, check: list[Path] | None, fix: list[Path] | None, say: Callable[[str], None]) -> int:
    """The alarm map in a format; or (``check``) alarm definitions compared with it; or (``fix``) rule files annotated from it."""
    from ..exchange import links

    project = Project.at(root)
    data = check_data(project)
    url = site_url_of(project, site_url)
    if check:
        return _check_alarms(data, links.absolute_site_url(url), check, say)
    if fix:
        with project.lock():  # it writes the rule files
            return _fix_rules(data, links.absolute_site_url(url), fix, say)
    if fmt == "prometheus":
        sys.stdout.write(links.as_prometheus(data, links.absolute_site_url(url)))
    elif fmt == "terraform":
        sys.stdout.write(links.as_terraform(links.alarm_links(data, links.absolute_site_url(url))))
    else:
        sys.stdout.write(links.FORMATS[fmt or "json"](links.alarm_links(data, url)))
    return 0


def _check_alarms(data: Data, site_url: str, paths: list[Path], say: Callable[[str], None]) -> int:
    from ..exchange import links
    from ..exchange.alarms import definition_files

    report = links.check_definitions(data, site_url, definition_files(paths))
    for issue in report.issues:
        print(issue.format(), file=sys.stderr)
    if report.issues:
        print(report.summary(), file=sys.stderr)
        return 1
    say(report.summary())
    return 0


def _fix_rules(data: Data, site_url: str, paths: list[Path], say: Callable[[str], None]) -> int:
    from ..exchange import links

    failed = False
    for fixed in links.fix_files(data, site_url, [(path, str(path)) for path in paths]):
        for issue in fixed.issues:
            print(issue.format(), file=sys.stderr)
        failed |= bool(fixed.issues)
        if fixed.written:
            say(f"{fixed.file}: wrote the runbook_url of {len(fixed.written)} alert(s): {', '.join(fixed.written)}")
        elif not fixed.issues:
            say(f"{fixed.file}: every runbook_url is right already; nothing written")
    return 1 if failed else 0


def schema(kind: str, reference: bool) -> None:
    from ..format.schema import CHECKLIST, RUNBOOKS, STATUS, json_schema, reference_markdown

    if reference:
        sys.stdout.write(reference_markdown())
    elif kind == "export":
        from ..exchange.export import export_schema

        print(json.dumps(export_schema(), indent=2, ensure_ascii=False))
    else:
        spec = {"checklist": CHECKLIST, "runbooks": RUNBOOKS, "status": STATUS}[kind]
        print(json.dumps(json_schema(spec), indent=2, ensure_ascii=False))
