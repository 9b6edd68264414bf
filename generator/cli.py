"""The command line: the only place that parses arguments and maps errors to exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import BuildError, CheckFailed, Severity

if TYPE_CHECKING:
    from .build import Project

EXAMPLES = """\
examples:
  checklist-site check                 validate every checklist in data/
  checklist-site check data/launch.yaml
  checklist-site build                 check, generate pages, build the site into site/
  checklist-site build --offline       a site that works from file:// (no network at the meeting)
  checklist-site build --engine zensical
  checklist-site serve                 preview at http://127.0.0.1:8000, rebuilt on every edit
  checklist-site pdf --paper letter    print the packet and every sheet to pdf/ (needs Chromium)
  checklist-site mark jwt-token-validation-working --done --by "Priya" --note "all 7 services"
  checklist-site signoff authentication-authorization --by "Priya"
  checklist-site status                show progress per section and the blockers
  checklist-site gate                  exit 1 while a launch is blocked (for pipelines)
  checklist-site links --format cloudwatch
  checklist-site links --check alarms.json rules/*.yml   alarms and runbooks agree, each alarm links its own
  checklist-site links --fix rules/api.yml              write the runbook_url annotations in place
  checklist-site import README.md -o data/launch.yaml
  checklist-site export --format csv -o checklist.csv
  checklist-site schema > docs/schema/checklist.schema.json
  checklist-site schema runbooks > docs/schema/runbooks.schema.json

exit status: 0 success, 1 invalid data, failed build or (gate) a blocked launch, 2 wrong usage
"""


def _parser() -> argparse.ArgumentParser:
    # The common options work before or after the command: `checklist-site -q build`, `checklist-site build -q`.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-C", "--project", type=Path, default=argparse.SUPPRESS, metavar="DIR", help="project folder holding mkdocs.yml, data/ and docs/ (default: .)")
    common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print errors only")
    common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="print what mkdocs does, too")
    parser = argparse.ArgumentParser(
        prog="checklist-site",
        description="Generate a MkDocs Material site of runbook pages and sign-off sheets from checklist YAML.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"checklist-site {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("check", parents=[common], help="validate checklist files and report every problem", description="Validate checklist YAML; report every problem as file:line:column.")
    p.add_argument("path", nargs="?", type=Path, help="a checklist file or a folder of them (default: data/)")

    p = sub.add_parser("build", parents=[common], help="check, generate the pages and build the site", description="Check the data, generate Markdown into docs/checklists/, run mkdocs build into site/.")
    _site_url_option(p)
    p.add_argument("--offline", action="store_true", help="a site that works opened from file:// (search included), for meetings without network")
    p.add_argument("--engine", choices=("mkdocs", "zensical"), default="mkdocs", help="build with MkDocs (default) or Zensical, Material's successor")

    p = sub.add_parser("serve", parents=[common], help="preview the site, regenerated on every edit", description="Generate the pages and serve the site with live reload; edits in data/ regenerate the pages.")
    p.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help="address to serve on (default: 127.0.0.1:8000)")

    p = sub.add_parser("pdf", parents=[common], help="print the sign-off sheets and the packet to PDF", description="Build the site, then print the launch-meeting packet and every sheet to PDF with headless Chromium.")
    p.add_argument("--out", type=Path, default=Path("pdf"), metavar="DIR", help="folder for the PDFs (default: pdf/ in the project)")
    p.add_argument("--paper", choices=("a4", "letter"), default="a4", help="paper size (default: a4)")
    p.add_argument("--no-build", action="store_true", help="print the site as it is built already")
    p.add_argument("--filled", action="store_true", help="print the packet filled in with the recorded status instead of blank sheets")

    p = sub.add_parser("status", parents=[common], help="show where each launch stands", description="Per section: items done, critical items done, sign-offs; then the blockers.")
    _site_url_option(p)
    p = sub.add_parser(
        "gate",
        parents=[common],
        help="exit 0 only when a launch may go (for release pipelines)",
        description="Exit 0 when every critical item is done or waived with reason and approver, every group is signed off and every approver said go; else print the blockers and exit 1.",
    )
    p.add_argument("--checklist", metavar="ID", help="the checklist to gate (default: every checklist)")
    _site_url_option(p)

    p = sub.add_parser("mark", parents=[common], help="record an item's state in the status file", description="Record an item as done, open, n/a or waived in the checklist's status file (comments are kept).")
    p.add_argument("item", metavar="ITEM-ID")
    state = p.add_mutually_exclusive_group(required=True)
    for flag, value in (("--done", "done"), ("--open", "open"), ("--na", "n/a"), ("--waived", "waived")):
        state.add_argument(flag, dest="state", action="store_const", const=value)
    p.add_argument("--by", required=True, metavar="NAME", help="who did or decided it")
    p.add_argument("--note", help="a deviation or remark")
    p.add_argument("--reason", help="why a waived item may be skipped (required with --waived)")
    p.add_argument("--approver", metavar="NAME", help="who accepted the risk (required to waive a critical item)")
    _edit_options(p)

    p = sub.add_parser("signoff", parents=[common], help="record a group's sign-off", description="Record that a group was signed off, in the checklist's status file.")
    p.add_argument("group", metavar="GROUP-ID")
    p.add_argument("--by", required=True, metavar="NAME", help="who signed")
    p.add_argument("--note", help="deviations noted at sign-off")
    _edit_options(p)

    p = sub.add_parser("approve", parents=[common], help="record an approver's decision", description="Record a final approval (role -> name, decision, date) in the checklist's status file.")
    p.add_argument("role", metavar="ROLE-ID")
    p.add_argument("--by", required=True, metavar="NAME", help="the approver's name")
    p.add_argument("--decision", choices=("go", "no-go", "pending"), default="go", help="default: go")
    _edit_options(p)

    p = sub.add_parser(
        "import",
        parents=[common],
        help="turn a Markdown checklist into checklist YAML",
        description="Read a Markdown checklist (task lists under headings) and write checklist YAML that passes check.",
    )
    p.add_argument("file", type=Path, metavar="FILE.md")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write the YAML (default: standard output); an existing file is not overwritten")

    p = sub.add_parser("export", parents=[common], help="write the checklists as JSON, CSV or Markdown", description="Export every checklist in data/ (with its status, where recorded).")
    p.add_argument("--format", choices=("json", "csv", "markdown"), default="json", help="json (versioned, with URLs), csv (one row per item) or markdown (task lists)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE", help="where to write (default: standard output)")
    _site_url_option(p)

    p = sub.add_parser(
        "links",
        parents=[common],
        help="print the alarm -> runbook URL map; check or fix alarm definitions against it",
        description="Print every alarm's runbook URL (site_url from mkdocs.yml, or --site-url), for monitoring configuration; "
        "with --check, compare alarm definitions with the runbooks; with --fix, write runbook_url annotations into rule files.",
    )
    p.add_argument(
        "--format",
        choices=("json", "csv", "cloudwatch", "prometheus", "terraform"),
        help="json (the map, default), csv, cloudwatch (an AlarmDescription per alarm, within 1024 characters), "
        "prometheus (the runbook_url annotation per alert, to merge) or terraform (alarm_description per alarm name, as locals)",
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument(
        "--check",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="check alarm definitions (files, or folders of .json/.yml/.yaml) against the runbooks: aws cloudwatch describe-alarms or "
        "terraform show -json output, Prometheus/Thanos/Mimir rule files, PrometheusRule, Grafana alert rules; exit 1 on any mismatch",
    )
    action.add_argument(
        "--fix",
        nargs="+",
        type=Path,
        metavar="RULES",
        help="write each alert's runbook_url annotation into these Prometheus (or Grafana) rule files, in place, keeping comments and formatting",
    )
    _site_url_option(p)

    p = sub.add_parser("schema", parents=[common], help="print the JSON Schema of a data format", description="Print the JSON Schema of the checklist (default) or runbook format.")
    p.add_argument("kind", nargs="?", choices=("checklist", "runbooks", "status", "export"), default="checklist", help="which format (default: checklist)")
    p.add_argument("--reference", action="store_true", help="print the format reference of all files as Markdown tables (as in the README) instead")
    return parser


def _site_url_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--site-url", metavar="URL", help="absolute URL the site is published at, for absolute links (default: site_url in mkdocs.yml)")


def _edit_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", metavar="YYYY-MM-DD", help="when (default: today)")
    p.add_argument("--checklist", metavar="ID", help="which checklist (default: the one that has the id)")


def _setup_logging(quiet: bool, verbose: bool) -> None:
    for name, fmt in (("mkdocs", "%(levelname)s - %(message)s"), ("checklist_site", "%(message)s")):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(fmt))
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.propagate = False
        logger.setLevel(logging.ERROR if quiet else logging.DEBUG if verbose else logging.WARNING)
    logging.getLogger("checklist_site").setLevel(logging.WARNING if quiet else logging.INFO)


def _paint(text: str) -> str:
    """Errors in colour on a terminal, plain in pipes and files (and with NO_COLOR set)."""
    if not sys.stderr.isatty() or os.environ.get("NO_COLOR"):
        return text
    text = re.sub(r"^(.*?)(error|internal error)(:)", lambda m: f"{m.group(1)}\033[1;31m{m.group(2)}\033[0m{m.group(3)}", text, count=1, flags=re.M)
    text = re.sub(r"^(\s*)(hint:)", "\\1\033[33m\\2\033[0m", text, flags=re.M)
    return re.sub(r"^(warning:)", "\033[1;33m\\1\033[0m", text, flags=re.M)


def _err(text: str) -> None:
    print(_paint(text), file=sys.stderr)


def _say(quiet: bool, text: str) -> None:
    if not quiet:
        print(text)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    for name, default in (("project", Path(".")), ("quiet", False), ("verbose", False)):
        if not hasattr(args, name):  # common options are SUPPRESSed so either position can set them
            setattr(args, name, default)
    _setup_logging(args.quiet, args.verbose)
    from .build import Project, build, check

    project = Project.at(args.project)
    try:
        if args.command == "check":
            data = check(project, args.path)
            items = sum(1 for c in data.checklists for _ in c.section_items())
            runbooks = f", {len(data.runbooks)} runbook(s)" if data.runbooks else ""
            _say(args.quiet, f"ok: {len(data.checklists)} checklist(s), {items} items in sections{runbooks}, no problems")
        elif args.command == "build":
            site_dir = build(project, site_url=args.site_url, offline=args.offline, engine=args.engine)
            where = project.display(site_dir)
            hint = f"open {where}/index.html from disk" if args.offline else "publish it on a web server, or preview with: checklist-site serve"
            _say(args.quiet, f"built {where}/ ({hint})")
        elif args.command == "pdf":
            from .exchange.pdf import find_chromium, jobs, render_pdfs

            find_chromium()  # before a build, so a missing browser is said at once
            if args.no_build:
                data = check(project)
                site_dir = project.root / "site"
            else:
                site_dir = build(project)
                data = check(project)
            out = args.out if args.out.is_absolute() else project.root / args.out
            written = render_pdfs(site_dir, jobs(list(data.checklists), filled=args.filled), out, args.paper, quiet=args.quiet)
            _say(args.quiet, f"wrote {len(written)} PDF(s) to {project.display(out)}/")
        elif args.command in ("status", "gate"):
            return _status(project, args)
        elif args.command in ("mark", "signoff", "approve"):
            from .progress.record import record

            _say(args.quiet, record(project, args, check))
        elif args.command == "import":
            return _import(project, args)
        elif args.command == "export":
            from .build import site_url_of
            from .exchange.export import as_csv, as_json, as_markdown

            data = check(project)
            url = site_url_of(project, args.site_url)
            text = {"json": lambda: as_json(data, url), "csv": lambda: as_csv(data, url), "markdown": lambda: as_markdown(data)}[args.format]()
            if args.output:
                args.output.write_text(text, encoding="utf-8")
                _say(args.quiet, f"wrote {args.output}")
            else:
                sys.stdout.write(text)
        elif args.command == "links":
            return _links(project, args)
        elif args.command == "serve":
            return _serve(project, args.dev_addr)
        elif args.command == "schema":
            from .format.schema import CHECKLIST, RUNBOOKS, STATUS, json_schema

            if args.reference:
                from .format.schema import reference_markdown

                sys.stdout.write(reference_markdown())
            elif args.kind == "export":
                from .exchange.export import export_schema

                print(json.dumps(export_schema(), indent=2, ensure_ascii=False))
            else:
                spec = {"checklist": CHECKLIST, "runbooks": RUNBOOKS, "status": STATUS}[args.kind]
                print(json.dumps(json_schema(spec), indent=2, ensure_ascii=False))
    except CheckFailed as exc:
        for issue in exc.issues:
            _err(issue.format())
        errors = sum(1 for i in exc.issues if i.severity is Severity.ERROR)
        files = len({i.loc.file for i in exc.issues})
        _err(f"{errors} error(s) in {files} file(s); nothing was built or changed")
        return exc.exit_code
    except BuildError as exc:
        _err(exc.format())
        return exc.exit_code
    except KeyboardInterrupt:
        print("interrupted; the previous pages and site are unchanged", file=sys.stderr)
        return 130
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        _err(f"error: {exc.strerror or exc}{where}\n    hint: check free disk space and permissions; the previous pages and site are unchanged")
        return 1
    except Exception as exc:  # a bug: say so plainly, show the traceback only when asked
        if args.verbose:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc}\n    hint: this is a bug in checklist-site; run again with -v for details and report it")
        return 1
    return 0


def _import(project: Project, args: argparse.Namespace) -> int:
    from .exchange.importer import import_markdown, to_yaml
    from .format.validate import load_data_file

    try:
        source = args.file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        source = args.file.read_bytes().decode("cp1252", errors="replace")
    except OSError as exc:
        raise BuildError(f"cannot read {args.file}: {exc.strerror}", "check the path") from None
    result = import_markdown(source, str(args.file))
    text = to_yaml(result.doc, args.file.name)
    for warning in result.warnings:
        _err(f"warning: {warning}")
    if args.output:
        if args.output.exists():
            raise BuildError(f"{args.output} exists; import never overwrites a file", "choose another -o, or delete the file yourself")
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        loaded, issues = load_data_file(args.output, str(args.output))
        if issues:  # a bug in the importer: say so, keep the file for inspection
            for issue in issues:
                print(issue.format(), file=sys.stderr)
            return 1
        items = sum(1 for _ in loaded.section_items()) if loaded is not None and hasattr(loaded, "section_items") else 0
        _say(args.quiet, f"wrote {args.output}: {len(result.doc['sections'])} section(s), {items} items; check it, then build")
    else:
        sys.stdout.write(text)
    return 0


def _links(project: Project, args: argparse.Namespace) -> int:
    from .build import check, site_url_of
    from .exchange import links

    if (args.check or args.fix) and args.format:
        print("checklist-site links: error: --format prints the links; it goes with neither --check nor --fix", file=sys.stderr)
        return 2
    data = check(project)
    url = site_url_of(project, args.site_url)
    if args.check:
        from .exchange.alarms import definition_files

        report = links.check_definitions(data, links.absolute_site_url(url), definition_files(args.check))
        for issue in report.issues:
            _err(issue.format())
        if report.issues:
            _err(report.summary())
            return 1
        _say(args.quiet, report.summary())
        return 0
    if args.fix:
        failed = False
        for fixed in links.fix_files(data, links.absolute_site_url(url), [(path, str(path)) for path in args.fix]):
            for issue in fixed.issues:
                _err(issue.format())
            failed |= bool(fixed.issues)
            if fixed.written:
                _say(args.quiet, f"{fixed.file}: wrote the runbook_url of {len(fixed.written)} alert(s): {', '.join(fixed.written)}")
            elif not fixed.issues:
                _say(args.quiet, f"{fixed.file}: every runbook_url is right already; nothing written")
        return 1 if failed else 0
    if args.format == "prometheus":
        sys.stdout.write(links.as_prometheus(data, links.absolute_site_url(url)))
    elif args.format == "terraform":
        sys.stdout.write(links.as_terraform(links.alarm_links(data, links.absolute_site_url(url))))
    else:
        sys.stdout.write(links.FORMATS[args.format or "json"](links.alarm_links(data, url)))
    return 0


def _status(project: Project, args: argparse.Namespace) -> int:
    from .build import check, site_url_of
    from .site.layout import page_url
    from .format.readiness import readiness

    data = check(project)
    base = site_url_of(project, args.site_url)
    chosen = [c for c in data.checklists if getattr(args, "checklist", None) in (None, c.id)]
    if not chosen:
        raise BuildError(f"no checklist '{args.checklist}'", f"use one of: {', '.join(c.id for c in data.checklists)}")
    blocked = False
    for c in chosen:
        r = readiness(c, data.status(c.id))
        blocked |= not r.go
        verdict = "GO" if r.go else f"NO-GO, {len(r.blockers)} blocker(s)"
        if args.command == "status" or not args.quiet:
            print(f"{c.title} ({c.id}): {verdict}")
        if args.command == "status":
            rows = [("#", "Section", "Done", "Critical", "Sign-offs")]
            for section, p in r.sections:
                rows.append((str(section.number), section.title, f"{p.resolved}/{p.total}", f"{p.critical_done}/{p.critical}", f"{p.signed}/{p.signoffs}"))
            o = r.overall
            rows.append(("", "All sections", f"{o.resolved}/{o.total} ({o.percent}%)", f"{o.critical_done}/{o.critical}", f"{o.signed}/{o.signoffs}"))
            widths = [max(len(row[i]) for row in rows) for i in range(5)]
            for row in rows:
                print("  " + "  ".join(cell.rjust(w) if i in (0, 2, 3, 4) else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
        if r.blockers and (args.command == "gate" or not args.quiet):
            print("Blockers:")
            for b in r.blockers:
                print(f"  - {b.text}\n    {page_url(base, c.id, b.page, b.anchor)}")
    return 1 if (blocked and args.command == "gate") else 0


def _poll_faster(interval: float = 0.1) -> None:
    """MkDocs' file watcher polls every 0.5 s, half of the 1 s an edit may take to show: poll every
    0.1 s (a few small folders are watched). Left as it is if MkDocs' server changed shape."""
    import inspect

    from mkdocs.livereload import LiveReloadServer

    init = LiveReloadServer.__init__
    names = [p.name for p in inspect.signature(init).parameters.values() if p.default is not inspect.Parameter.empty]
    if init.__defaults__ and "polling_interval" in names and len(names) == len(init.__defaults__):
        defaults = list(init.__defaults__)
        defaults[names.index("polling_interval")] = interval
        init.__defaults__ = tuple(defaults)


def _serve(project: Project, dev_addr: str) -> int:
    from mkdocs.commands.serve import serve

    from .build import check

    check(project)  # refuse to start on invalid data: the errors are clearer here than in a log
    mkdocs_log = logging.getLogger("mkdocs")
    if mkdocs_log.level > logging.INFO:
        mkdocs_log.setLevel(logging.INFO)  # "Serving on http://..." and rebuild notices
    os.environ["CHECKLIST_SITE_ROOT"] = str(project.root)
    _poll_faster()
    hook = Path(__file__).parent / "serve_hook.py"
    serve(str(project.config), livereload=True, watch=[str(project.data)], dev_addr=dev_addr, hooks=[str(hook)], strict=False)
    return 0
