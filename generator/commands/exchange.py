"""`import`, `export`, `links` and `schema`: checklists in and out of other formats."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Callable

from .. import files
from ..build import site_url_of
from ..errors import BuildError, CheckFailed, Issue, Loc, Severity, UsageError, capped, one_line
from ..format.fold import DEFAULT_RUN, run_name
from ..format.load import MAX_BYTES, size_issue
from ..format.model import Data
from ..mkdocs_yml import built_folder
from ..project import Project
from ..project import check as check_data


def _check_size(file: Path) -> None:
    """Refuse a Markdown file over the size limit before anything reads it (memory stays bounded)."""
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise BuildError(f"{file} does not exist", "pass the path of the file to import (or - to read standard input)") from None
    except OSError as exc:
        raise BuildError(f"cannot read {file}: {exc.strerror}", "check the path and its permissions") from None
    if size > MAX_BYTES:
        raise CheckFailed([size_issue(Loc(str(file)), size)])


def import_file(
    root: Path, file: Path, output: Path | None, *, checklist_id: str, markers: list[str], verbose: bool, say: Callable[[str], None], run: str = ""
) -> int:
    """Markdown checklist -> checklist YAML (with its status file and note pages) on stdout or in new files, which pass check.
    The note pages go to the docs/ of the project whose data/ -o names (else of ``root``), under its lock."""
    from ..exchange.importing import run_import, write_all

    if str(file) != "-":
        _check_size(file)
    if output is not None and output.parent.name == "data" and (output.parent.parent / "mkdocs.yml").is_file():
        root = output.parent.parent  # -o names a project's data/: that project's docs/ take the pages it links to
    project = Project.at(root)
    if output is not None and (built := built_folder(project.config, output, project.display)) is not None:
        said = f"-o {project.display(output)}: inside {built[0]}/, {built[1]}: the file would be lost"
        raise UsageError(said, f"write it into data/, e.g. -o data/{output.name}")
    with project.lock() if output is not None else contextlib.nullcontext():  # files that must not exist: decided and written under the lock
        written = run_import(file, output, project.root / "docs", checklist_id=checklist_id, markers=markers, verbose=verbose, run=run)
        for line in written.warnings:  # each one line, naming the file read: a name holding a line break printed a line of its own
            print(f"warning: {one_line(line)}", file=sys.stderr)
        if output is None:
            sys.stdout.write(next(iter(written.files.values())))
        else:
            for path in written.files:
                if (link := project.link_out(path)) is not None:
                    where = Loc(project.display(link[0]))
                    said = f"a symbolic link to {link[1]}, outside the project: import would write {project.display(path)} there"
                    raise BuildError(said, "remove the link (or make it a folder of the project); nothing was written", where)
            write_all(written.files)
    for line in map(one_line, written.summary):
        if output is None:
            print(line, file=sys.stderr)
        else:
            say(line)
    if output is not None and (aside := _beside_data(project, output)) is not None:
        print(aside.format(), file=sys.stderr)
    return 0


def _beside_data(project: Project, output: Path) -> Issue | None:
    """A warning for a checklist written into the project but not into its data/ (-o docs/x.yaml): it was said to 'pass
    check', which never reads it, and MkDocs would publish it as a file of the site."""
    where = Path(os.path.abspath(output))
    if where.parent == Path(os.path.abspath(project.data)) or not where.is_relative_to(project.root):
        return None
    shown = project.display(where)
    hint = f"move it into data/ ({project.display(project.data / where.name)}) when it is ready"
    return Issue(Loc(shown), "written outside data/: check and build read the checklist files of data/ only", hint, Severity.WARNING)


def export(
    root: Path, fmt: str, output: Path | None, site_url: str | None, say: Callable[[str], None], checklist: str | None = None, run: str | None = None
) -> None:
    from ..exchange.export import as_csv, as_json, as_markdown

    if run is not None and fmt == "json":
        said = "export --run: the JSON export gives the current run's items and every run's progress ('runs')"
        raise UsageError(said, "use --run with --format markdown or csv")
    project = Project.at(root)
    data = check_data(project)
    if checklist is not None:
        chosen = data.checklist(checklist)
        if chosen is None:
            raise BuildError(f"no checklist '{checklist}'", f"use one of: {', '.join(c.id for c in data.checklists)}")
        data = dataclasses.replace(data, checklists=(chosen,))
    if run is not None:
        data = _of_run(data, run)
    url = site_url_of(project, site_url)
    text = {"json": lambda: as_json(data, url), "csv": lambda: as_csv(data, url), "markdown": lambda: as_markdown(data)}[fmt]()
    if output:
        with project.lock():  # a writer: what is there is decided and replaced under the lock
            write_export(project, output, text)
        say(f"wrote {one_line(str(output))}")
    else:
        sys.stdout.write(text)


def _of_run(data: Data, run: str) -> Data:
    """``data`` with run ``run``'s record in place of the current run's, as `status --run` shows it: the Markdown export gave
    the current run only, so a release's run open beside a hotfix's, or a closed one, could not be exported (and imported
    back into a run of its own, `import --run`)."""
    statuses = []
    for c in data.checklists:
        status = data.status(c.id, "" if run == DEFAULT_RUN else run)
        if status is None and run != DEFAULT_RUN:
            runs = ", ".join(run_name(s.run) for s in data.runs_of(c.id)) or "none started"
            raise BuildError(f"checklist '{c.id}' has no run '{run}' (its runs: {runs})", "see checklist-site run list; --checklist ID exports one checklist")
        statuses += [status] if status is not None else []
    return dataclasses.replace(data, statuses=tuple(statuses))


def write_export(project: Project, output: Path, text: str) -> None:
    """``text`` into ``output`` in one step; over an earlier export only, never over another file (a checklist, a page)."""
    from ..exchange.export import is_export

    where = project.display(output)
    if (built := built_folder(project.config, output, project.display)) is not None:
        raise UsageError(f"export -o {where}: inside {built[0]}/, {built[1]}: the file would be lost", f"write it elsewhere, e.g. -o {output.name}")
    if output.suffix in (".yaml", ".yml") and output.resolve().parent == project.data:
        raise BuildError(f"export -o {where}: a file there is read as data", "write the export outside data/, e.g. -o checklist.csv")
    if output.is_dir():
        raise UsageError(f"export -o {where}: that is a folder", "give a file's name, e.g. -o checklist.json")
    if output.exists() or output.is_symlink():
        try:
            earlier = output.read_text(encoding="utf-8") if output.is_file() else None
        except (OSError, UnicodeDecodeError):
            earlier = None
        if earlier is None or (earlier.strip() and not is_export(earlier)):  # an empty file holds nothing to lose
            raise BuildError(f"export -o {where}: the file exists and is not an earlier export, which it would replace", "choose another file name")
    files.replace(output, text)


def links(
    root: Path,
    fmt: str | None,
    site_url: str | None,
    *,
    check: list[Path] | None,
    fix: list[Path] | None,
    say: Callable[[str], None],
    policy: tuple[tuple[str, str], ...] = (),
) -> int:
    """The alarm map in a format; or (``check``) alarm definitions compared with it (``policy``: which alerts need a runbook);
    or (``fix``) rule files annotated from it."""
    from ..exchange import links

    project = Project.at(root)
    data = check_data(project)
    url = site_url_of(project, site_url)
    if check:
        return _check_alarms(data, links.absolute_site_url(url), check, say, policy)
    if fix:
        with project.lock():  # it writes the rule files
            return _fix_rules(data, links.absolute_site_url(url), fix, say, project.work)
    if fmt == "prometheus":
        sys.stdout.write(links.as_prometheus(data, links.absolute_site_url(url)))
    elif fmt == "terraform":
        sys.stdout.write(links.as_terraform(links.alarm_links(data, links.absolute_site_url(url))))
    else:
        sys.stdout.write(links.FORMATS[fmt or "json"](links.alarm_links(data, url)))
    return 0


def _check_alarms(data: Data, site_url: str, paths: list[Path], say: Callable[[str], None], policy: tuple[tuple[str, str], ...] = ()) -> int:
    from ..exchange import links
    from ..exchange.alarms import definition_files

    report = links.check_definitions(data, site_url, definition_files(paths), policy)
    for issue in capped(report.issues):
        print(issue.format(), file=sys.stderr)
    if report.issues:
        print(report.summary(), file=sys.stderr)
        return 1
    say(report.summary())
    return 0


def _fix_rules(data: Data, site_url: str, paths: list[Path], say: Callable[[str], None], work: Path) -> int:
    from ..exchange import links

    failed = False
    for fixed in links.fix_files(data, site_url, [(path, str(path)) for path in paths], work):
        for issue in capped(fixed.issues):
            print(issue.format(), file=sys.stderr)
        failed |= bool(fixed.issues)
        if fixed.written:
            say(f"{one_line(fixed.file)}: wrote the runbook_url of {len(fixed.written)} alert(s): {', '.join(fixed.written)}")
        elif not fixed.issues:
            say(f"{one_line(fixed.file)}: every runbook_url is right already; nothing written")
    return 1 if failed else 0


def schema(kind: str | None, reference: bool) -> None:
    """The JSON Schema of ``kind`` (None: the checklist's), or its format reference (``reference``; None: of every kind)."""
    from ..format.schema import CHECKLIST, ENTRY, RUNBOOKS, STATUS, json_schema, reference_markdown

    specs = {"checklist": CHECKLIST, "runbooks": RUNBOOKS, "status": STATUS, "entry": ENTRY}
    if reference and kind == "export":
        raise UsageError("--reference covers the files read (checklist, runbooks, status, entry); the export's format is its JSON Schema",
                         "print it with: checklist-site schema export")
    if reference:
        sys.stdout.write(reference_markdown(specs[kind] if kind is not None else None))
    elif kind == "export":
        from ..exchange.export import export_schema

        print(json.dumps(export_schema(), indent=2, ensure_ascii=False))
    else:
        spec = specs[kind or "checklist"]
        print(json.dumps(json_schema(spec), indent=2, ensure_ascii=False))
