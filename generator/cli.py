"""The command line: the only place that parses arguments and maps errors to exit codes.

Each command is a few lines that call a function of ``generator.commands`` with typed arguments;
adding an option is one ``@click.option`` line and one parameter.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import logging
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, TextIO, TypeVar

import click
from typing_extensions import override

from . import __version__
from .errors import UNCHANGED, Interrupted, SiteError, UsageError, left_by, one_line, os_error, paths_from
from .site.escape import terminal

F = TypeVar("F", bound=Callable[..., Any])

EXAMPLES = """\
\b
examples:
  checklist-site check                 validate every checklist in data/
  checklist-site check data/launch.yaml
  checklist-site build                 check, generate pages, build the site into site/
  checklist-site build --offline       a site that works from file:// (no network at the meeting)
  checklist-site build --engine zensical
  checklist-site serve                 preview at http://127.0.0.1:8000, rebuilt on every edit
  checklist-site meeting               the launch meeting: every browser in the room records live
  checklist-site pdf --paper letter    print the packet and every sheet to pdf/ (needs Chromium)
  checklist-site mark jwt-token-validation-working --done --by "Priya" --note "all 7 services"
  checklist-site signoff authentication-authorization --by "Priya"
  checklist-site assign rbac-enforced-services --to "Arun" --due 2026-01-15 --by "Meera"
  checklist-site decide no-go --by "Meera" --blocker "Payment load test not run yet"
  checklist-site status                show progress per section and the blockers
  checklist-site gate                  exit 1 while a launch is blocked (for pipelines)
  checklist-site links --format cloudwatch
  checklist-site links --check alarms.json rules/*.yml   alarms and runbooks agree, each alarm links its own
  checklist-site links --fix rules/api.yml              write the runbook_url annotations in place
  checklist-site import README.md -o data/launch.yaml
  checklist-site init my-site && cd my-site && checklist-site build
  checklist-site export --format csv -o checklist.csv
  checklist-site schema > docs/schema/checklist.schema.json
  checklist-site schema runbooks > docs/schema/runbooks.schema.json

\b
exit status: 0 success, 1 invalid data, failed build or (gate) a blocked launch, 2 wrong usage or a wrong
             mkdocs.yml, 128+N when stopped by signal N (130 for Ctrl+C), 141 when the output's reader went away
"""


@dataclass
class Settings:
    """The common options, given before or after the command name."""

    project: Path = Path(".")
    quiet: bool = False
    verbose: bool = False
    exits: bool = False  # the process ends when the command is done (program()): work that only frees memory is left to the exit
    command: str | None = None  # the command run, once it runs: what a stop leaves is said by it (errors.left_by)

    def say(self, text: str) -> None:
        if not self.quiet:
            click.echo(terminal(text))


def _remember(ctx: click.Context, param: click.Parameter, value: Any) -> None:
    if value:  # given at this position: the command's copy of an option wins over the group's
        setattr(ctx.ensure_object(Settings), str(param.name), value)


def common_options(f: F) -> F:
    """-C, -q and -v, accepted before and after the command name."""
    f = click.option("-v", "--verbose", is_flag=True, expose_value=False, callback=_remember, help="print what mkdocs does, and how long each stage takes")(f)
    quiet = "print errors only (and MkDocs' warnings, which fail the strict build)"
    f = click.option("-q", "--quiet", is_flag=True, expose_value=False, callback=_remember, help=quiet)(f)
    project = click.Path(exists=True, file_okay=False, path_type=Path)
    help = "project folder holding mkdocs.yml, data/ and docs/ (default: .)"
    return click.option("-C", "--project", type=project, expose_value=False, callback=_remember, metavar="DIR", help=help)(f)


def site_url_option(f: F) -> F:
    return click.option("--site-url", metavar="URL", help="absolute URL the site is published at, for absolute links (default: site_url in mkdocs.yml)")(f)


def edit_options(f: F) -> F:
    f = click.option("--run", "run", metavar="NAME", help="record into this run (default: the current run; see run list)")(f)
    f = click.option("--replace", is_flag=True, help="change what someone else recorded (their entry stays in the history)")(f)
    f = click.option("--checklist", metavar="ID", help="which checklist (default: the one that has the id)")(f)
    why = "default: now; not after today, nor before a later recording of the same item, which it would not change"
    return click.option("--date", metavar="YYYY-MM-DD", help=f"back-date it to this day ({why})")(f)


STATES = {"done": "done", "open": "open", "na": "n/a", "waived": "waived"}  # option -> the state it records
STATE_HELP = {
    "done": "the item is done",
    "open": "the item is open again",
    "na": "the item does not apply",
    "waived": "the item is skipped on purpose (needs --reason)",
}


def _one_state(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    chosen = ctx.meta.setdefault("checklist_site.state", [])
    if value:
        chosen.append(str(param.name))


def state_options(f: F) -> F:
    """--done, --open, --na, --waived: exactly one, read back with _state()."""
    for name in reversed(STATES):
        f = click.option(f"--{name}", name, is_flag=True, expose_value=False, callback=_one_state, help=STATE_HELP[name])(f)
    return f


def _state(ctx: click.Context) -> str:
    chosen = ctx.meta.get("checklist_site.state", [])
    if len(chosen) != 1:
        given = " and ".join(f"--{c}" for c in chosen)
        raise click.UsageError(f"{given} exclude each other" if chosen else "say the item's state: one of --done, --open, --na, --waived")
    return STATES[chosen[0]]


class _InOrder(click.Group):
    """The commands listed in the order they are declared, indented under their heading as before."""

    @override
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.commands)

    @override
    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, command.get_short_help_str(limit=100)) for name, command in self.commands.items()]
        with formatter.section("Commands"), formatter.indentation():
            formatter.write_dl(rows)


# The commands that read mkdocs.yml with MkDocs (the build, the site's address): MkDocs follows its INHERIT itself.
_READS_SETTINGS = frozenset(("build", "serve", "meeting", "pdf", "status", "gate", "export", "links"))


_BUILDS = frozenset(("build", "serve", "meeting", "pdf"))  # of those, the ones that write or serve the site


def _settings_checked(root: Path, *, builds: bool) -> None:
    """Refuses, at its place, an ``INHERIT`` of mkdocs.yml that MkDocs' reading would stop at (``mkdocs_yml.inherit_problem``);
    with ``builds``, a docs_dir or site_dir that is a folder of the project's own (``mkdocs_yml.folders_problem``)."""
    from .mkdocs_yml import folders_problem, hidden_page, inherit_problem, no_home, settings_file_problem
    from .project import Project

    project = Project.at(Path(root))
    if not os.path.lexists(project.root / "mkdocs.yml"):
        return  # no project here: the command says so, with its hint
    problem = settings_file_problem(project.root / "mkdocs.yml", project.display) or inherit_problem(project.config, project.display)
    if problem is None and builds:
        problem = (
            folders_problem(project.config, project.data, project.display)
            or hidden_page(project.config, project.data, project.display)
            or no_home(project.config, project.display)
        )
    if problem is not None:
        raise UsageError(problem.message, problem.hint, problem.loc)


# Options whose empty value means something: --site-url '' (no address, relative links only).
_EMPTY_MEANS = frozenset(("site_url",))


class _Strict(click.Command):
    """A command that refuses what click takes without a word: an option of one value given twice ('--by Priya --by
    Arun' recorded Arun's name; '--date X --date Y' the second day), and an empty value ('--checklist \'\'' was taken
    for no --checklist, 'check \'\'' for 'check .', 'init \'\'' for 'init .', as a variable unset in a script gives)."""

    @override
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            raw, _, order = self.make_parser(ctx).parse_args(args=list(args))
        except click.ClickException:
            return super().parse_args(ctx, args)  # click says what is wrong with them
        given: dict[str, int] = {}
        for param in order:
            if isinstance(param, click.Option) and not (param.multiple or param.is_flag or param.count):
                given["/".join(param.opts)] = given.get("/".join(param.opts), 0) + 1
        for option, times in given.items():
            if times > 1:
                raise click.UsageError(f"{option} is given {times} times: it takes one value (the last would be used without a word)", ctx)
        for param in self.params:
            value = raw.get(param.name) if param.name else None
            if isinstance(value, str) and not value.strip() and param.name not in _EMPTY_MEANS and not getattr(param, "is_flag", False):
                what = "/".join(param.opts) if isinstance(param, click.Option) else param.human_readable_name.strip("[]").rstrip(".")
                raise click.UsageError(f"{what} is empty (a variable not set?): give it a value, or leave it out", ctx)
        return super().parse_args(ctx, args)


def _command(name: str, help: str, description: str) -> Callable[[F], click.Command]:
    """A subcommand of the CLI: short help in the list, the description in its own --help."""

    def decorate(f: F) -> click.Command:
        @functools.wraps(f)
        def run(settings: Settings, *args: Any, **kwargs: Any) -> Any:
            _setup_logging(settings.quiet, settings.verbose)  # the command's own -q/-v are known only now
            settings.command = name
            if name in _READS_SETTINGS:
                _settings_checked(settings.project, builds=name in _BUILDS)
            return f(settings, *args, **kwargs)

        settings = {"max_content_width": 120}
        return cli.command(name, cls=_Strict, short_help=help, help=description, context_settings=settings)(common_options(click.pass_obj(run)))

    return decorate


@click.group(cls=_InOrder, epilog=EXAMPLES, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 120})
@click.version_option(__version__, "--version", prog_name="checklist-site", message="%(prog)s %(version)s")
@common_options
def cli() -> None:
    """Generate a MkDocs Material site of runbook pages and sign-off sheets from checklist YAML."""


@_command(
    "check",
    "validate checklist files and report every problem",
    "Validate checklist YAML; report every problem as file:line:column. Also warns of record entries git has seen that the "
    "record lacks (dropped by a force-push, removed by a revert) and of recordings made without another person's of the same item.",
)
@click.argument("path", required=False, type=click.Path(path_type=Path))
def _check(s: Settings, path: Path | None) -> None:
    from .commands.site import check

    s.say(check(s.project, path))


@_command("build", "check, generate the pages and build the site", "Check the data, generate Markdown into docs/checklists/, run mkdocs build into site/.")
@site_url_option
@click.option("--offline", is_flag=True, help="a site that works opened from file:// (search included), for meetings without network (MkDocs engine)")
@click.option("--engine", type=click.Choice(["mkdocs", "zensical"]), default="mkdocs", help="build with MkDocs (default) or Zensical, Material's successor")
def _build(s: Settings, site_url: str | None, offline: bool, engine: str) -> None:
    if engine == "zensical" and not offline:  # its process imports Zensical while this one imports the build
        from .ahead import start_zensical

        start_zensical(Path(s.project).resolve())
    from .commands.site import build

    s.say(build(s.project, site_url=site_url, offline=offline, engine=engine, collect=not s.exits))


@_command(
    "serve",
    "preview the site, regenerated on every edit",
    "Generate the pages and serve the site with live reload; edits in data/ regenerate the pages.",
)
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", metavar="IP:PORT", help="address to serve on (default: 127.0.0.1:8000)")
def _serve(s: Settings, dev_addr: str) -> None:
    from .commands.serve import serve

    serve(s.project, dev_addr)


@_command(
    "meeting",
    "run the launch meeting: every browser records live",
    "Build the site and serve it to the room: every browser that opens the printed address (it carries a random token) "
    "records done, n/a, waived, notes, sign-offs, approvals and the Go/No-Go straight into the project's record, with "
    "its person's name, and sees everybody's changes within seconds. Ctrl+C ends it with who recorded what. Started again "
    "after a crash, it keeps the address (and token), so the room's browsers reconnect by themselves.",
)
@click.option("--host", default="127.0.0.1", metavar="IP", help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 for the room's network)")
@click.option("--port", default=8765, type=click.IntRange(0, 65535), metavar="PORT", help="port to listen on (default: 8765; 0: any free port)")
@click.option("--no-build", is_flag=True, help="serve the site as it is built already")
@click.option(
    "--allow-host",
    "allow_hosts",
    multiple=True,
    metavar="NAME",
    help=(
        "a name of this machine the room's browsers use (a DNS name, a proxy's); the meeting answers to its addresses, "
        "localhost and the machine's own names, and refuses others (a page of another site pointing its name here)"
    ),
)
@click.option(
    "--commit", "commit_record", is_flag=True, help="at the end, make one git commit of the record folders (on the branch it began on; none on a detached HEAD)"
)
@click.option(
    "--run",
    "run",
    metavar="NAME",
    help="record into and show this run (a release's while a hotfix's is open too; default: the current run; see run list)",
)
def _meeting(s: Settings, host: str, port: int, no_build: bool, allow_hosts: tuple[str, ...], commit_record: bool, run: str | None) -> int:
    from .commands.meeting import meeting

    return meeting(s.project, host=host, port=port, no_build=no_build, commit_record=commit_record, say=s.say, allow_hosts=allow_hosts, run=run)


@_command(
    "pdf",
    "print the sign-off sheets and the packet to PDF",
    "Build the site, then print the launch-meeting packet and every sheet to PDF with headless Chromium.",
)
@click.option("--out", type=click.Path(path_type=Path), default=Path("pdf"), metavar="DIR", help="folder for the PDFs (default: pdf/ in the project)")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", help="paper size (default: a4)")
@click.option("--no-build", is_flag=True, help="print the site as it is built already")
@click.option("--filled", is_flag=True, help="print the packet filled in with the recorded status instead of blank sheets")
@click.option("--run", "run", metavar="NAME", help="print the filled packet of this run (see run list)")
def _pdf(s: Settings, out: Path, paper: str, no_build: bool, filled: bool, run: str | None) -> None:
    from .commands.site import pdf

    s.say(pdf(s.project, out=out, paper=paper, no_build=no_build, filled=filled, quiet=s.quiet, run=run))


@_command(
    "status",
    "show where each launch stands",
    "Per section: items resolved (done, n/a or waived), critical items done, sign-offs; the counts by state; then the first"
    " 10 blockers, grouped by section (--all: every one). Of the current run (--run NAME: another's), naming every other run still open.",
)
@click.option("--run", "run", metavar="NAME", help="the run to show (default: the current run; see run list)")
@click.option("--all", "every", is_flag=True, help="print every blocker, not the first 10")
@site_url_option
def _status(s: Settings, site_url: str | None, run: str | None, every: bool) -> int:
    from .commands.progress import report

    return report(s.project, site_url=site_url, gate=False, checklist=None, quiet=s.quiet, run=run, every=every)


@_command(
    "gate",
    "exit 0 only when a launch may go (for release pipelines)",
    "Exit 0 when every critical item is done or waived with reason and approver, every group is signed off, every approver said go "
    "and no NO-GO is recorded (post-launch work never blocks); else print the first 10 blockers, grouped by section (--all: every "
    "one), and exit 1.",
)
@click.option("--checklist", metavar="ID", help="the checklist to gate (default: every checklist)")
@click.option("--run", "run", metavar="NAME", help="the run to gate (default: the current run; see run list)")
@click.option("--all", "every", is_flag=True, help="print every blocker, not the first 10")
@site_url_option
def _gate(s: Settings, checklist: str | None, site_url: str | None, run: str | None, every: bool) -> int:
    from .commands.progress import report

    return report(s.project, site_url=site_url, gate=True, checklist=checklist, quiet=s.quiet, run=run, every=every)


@_command(
    "mark",
    "record an item's state in the record",
    "Record an item as done, open, n/a or waived: one new entry file in data/<checklist>.record/ (never a conflict in git).",
)
@click.argument("item", metavar="ITEM-ID")
@state_options
@click.option("--by", required=True, metavar="NAME", help="who did or decided it")
@click.option("--note", help="a deviation or remark")
@click.option("--reason", help="why a waived item may be skipped (required with --waived)")
@click.option("--approver", metavar="NAME", help="who accepted the risk (required to waive a critical item)")
@edit_options
def _mark(
    s: Settings,
    item: str,
    by: str,
    note: str | None,
    reason: str | None,
    approver: str | None,
    date: str | None,
    checklist: str | None,
    replace: bool,
    run: str | None,
) -> None:
    from .progress.record import mark
    from .project import Project, checker

    state = _state(click.get_current_context())
    if state != "waived" and (reason or approver):  # was the record's words: 'reason and approver go with state: waived', 'add reason: ...'
        given = " and ".join(name for name, value in (("--reason", reason), ("--approver", approver)) if value)
        flag = next(option for option, recorded in STATES.items() if recorded == state)
        goes = "goes" if " and " not in given else "go"
        raise click.UsageError(f"{given} {goes} with --waived (an item skipped on purpose): drop {given}, or give --waived instead of --{flag}")
    project = Project.at(s.project)
    s.say(mark(project, checker(), item, state, by=by, note=note, reason=reason, approver=approver, date=date, checklist=checklist, replace=replace, run=run))


@_command(
    "signoff",
    "record a group's sign-off",
    "Record that a group was signed off (refused while items are open, unless --with-open), or with --withdraw that its"
    " sign-off is withdrawn (recorded by mistake: the group is not signed off; someone else's needs --replace).",
)
@click.argument("group", metavar="GROUP-ID")
@click.option("--by", required=True, metavar="NAME", help="who signed (or withdraws)")
@click.option("--note", help="deviations noted at sign-off (or why it is withdrawn)")
@click.option("--with-open", is_flag=True, help="sign off although items are open (recorded, printed on the sheet)")
@click.option("--withdraw", is_flag=True, help="undo the group's sign-off: not signed off (both entries stay in the history)")
@edit_options
def _signoff(
    s: Settings, group: str, by: str, note: str | None, date: str | None, checklist: str | None, replace: bool, with_open: bool, withdraw: bool,
    run: str | None,
) -> None:
    from .progress.record import signoff
    from .project import Project, checker

    project = Project.at(s.project)
    said = signoff(project, checker(), group, by=by, note=note, date=date, checklist=checklist, with_open=with_open, replace=replace, run=run,
                   withdraw=withdraw)
    s.say(said)


@_command("approve", "record an approver's decision", "Record a final approval (role -> name, decision) in the record.")
@click.argument("role", metavar="ROLE-ID")
@click.option("--by", required=True, metavar="NAME", help="the approver's name")
@click.option("--decision", type=click.Choice(["go", "no-go", "pending"]), default="go", help="default: go")
@edit_options
def _approve(s: Settings, role: str, by: str, decision: str, date: str | None, checklist: str | None, replace: bool, run: str | None) -> None:
    from .progress.record import approve
    from .project import Project, checker

    s.say(approve(Project.at(s.project), checker(), role, by=by, decision=decision, date=date, checklist=checklist, replace=replace, run=run))


@_command("decide", "record the Go / No-Go decision", "Record the launch meeting's decision (go, no-go or pending), who announced it and what blocks.")
@click.argument("decision", type=click.Choice(["go", "no-go", "pending"]))
@click.option("--by", required=True, metavar="NAME", help="who announced it")
@click.option("--blocker", "blockers", multiple=True, metavar="TEXT", help="what blocks the launch (repeatable; with no-go or pending)")
@edit_options
def _decide(
    s: Settings, decision: str, by: str, blockers: tuple[str, ...], date: str | None, checklist: str | None, replace: bool, run: str | None
) -> None:
    from .progress.record import decide
    from .project import Project, checker

    s.say(decide(Project.at(s.project), checker(), decision, by=by, blockers=blockers, date=date, checklist=checklist, replace=replace, run=run))


@_command("assign", "record an item's owner and due date", "Record who owns an item and when it is due: the readiness page lists open work per person.")
@click.argument("item", metavar="ITEM-ID")
@click.option("--to", required=True, metavar="NAME", help="the owner")
@click.option("--due", metavar="YYYY-MM-DD", help="when it is due")
@click.option("--by", required=True, metavar="NAME", help="who records the assignment")
@click.option("--checklist", metavar="ID", help="which checklist (default: the one that has the id)")
@click.option("--run", "run", metavar="NAME", help="record into this run (default: the current run)")
def _assign(s: Settings, item: str, to: str, due: str | None, by: str, checklist: str | None, run: str | None) -> None:
    from .progress.record import assign
    from .project import Project, checker

    s.say(assign(Project.at(s.project), checker(), item, to=to, by=by, due=due, checklist=checklist, run=run))


@_command(
    "attend",
    "record an attendee of the launch meeting (or withdraw one)",
    "Record someone at the launch meeting, for the minutes (the filled packet), or with --withdraw take off one recorded by"
    " mistake: the minutes then say who withdrew it and when (both entries stay in the record).",
)
@click.argument("name", metavar="NAME")
@click.option("--role", metavar="TEXT", help="the attendee's role, e.g. CTO")
@click.option("--by", required=True, metavar="NAME", help="who records it (or withdraws it)")
@click.option("--withdraw", is_flag=True, help="take off an attendee recorded by mistake")
@click.option("--checklist", metavar="ID", help="which checklist (default: the only one)")
@click.option("--run", "run", metavar="NAME", help="record into this run (default: the current run)")
def _attend(s: Settings, name: str, role: str | None, by: str, withdraw: bool, checklist: str | None, run: str | None) -> None:
    from .progress.record import attend
    from .project import Project, checker

    s.say(attend(Project.at(s.project), checker(), name, by=by, role=role, withdraw=withdraw, checklist=checklist, run=run))


@_command(
    "run",
    "start, list, close or re-open the runs of a checklist (one record per launch)",
    "run start NAME opens a run with an empty record (record commands then record into it); run list shows every run with its state "
    "(open, GO, NO-GO; closed) and dates; run close NAME freezes one; run reopen NAME --reason TEXT undoes a close made by mistake (the "
    "close stays in the record, with who re-opened it and why). A project that never starts a run has one record: the default run.",
)
@click.argument("action", type=click.Choice(["start", "list", "close", "reopen"]))
@click.argument("name", required=False, metavar="[NAME]")
@click.option("--checklist", metavar="ID", help="which checklist (default: the only one)")
@click.option("--by", metavar="NAME", help="who starts, closes or re-opens it (default: your login name)")
@click.option("--reason", metavar="TEXT", help="with reopen: why the run is re-opened (required)")
def _run_command(s: Settings, action: str, name: str | None, checklist: str | None, by: str | None, reason: str | None) -> None:
    from .progress import runs
    from .project import Project, checker

    project = Project.at(s.project)
    if action == "list":
        for text in runs.listing(project, checker(), checklist):
            s.say(text)
        return
    if not name:
        raise click.UsageError(f"run {action} needs the run's NAME, e.g. run {action} v1.1")
    if reason is not None and action != "reopen":
        raise click.UsageError(f"--reason goes with run reopen, not run {action}")
    if action == "reopen":
        s.say(runs.reopen(project, checker(), name, checklist=checklist, by=by, reason=reason))
        return
    s.say((runs.start if action == "start" else runs.close)(project, checker(), name, checklist=checklist, by=by))


@_command(
    "import",
    "turn a Markdown checklist into checklist YAML",
    "Read a Markdown checklist (task lists under headings; '-' reads standard input; an org-mode, AsciiDoc, reStructuredText"
    ", MediaWiki, Jira or Confluence wiki markup, Textile, HTML, LaTeX, RD, POD, Jupyter notebook (its Markdown cells) or GitHub issue form one"
    " by its .org, .adoc, .rst, .wiki, .jira, .confluence, .textile, .html, .tex, .rd, .pod, .ipynb or .yml suffix, its mode line or its first lines;"
    " YAML or JSON lists of tasks, or of steps, as data (a Trello board's export: lists, cards, checklists); an Evernote .enex export's to-dos;"
    " an .opml outline; a .taskpaper file; an .ics file's to-dos; a .csv file's rows, a spreadsheet's (.xlsx, .ods) too;"
    " XML, parsed safely: DocBook, DITA (.xml, .dita), Jira's XML export, XML data read as the JSON it mirrors;"
    " a .txt file's or a Word .docx document's lines, where it has no box nor list and is no prose; an OpenDocument .odt text;"
    " a program's comments, .lua, .py, .sh, .js and the like, where they hold task items)"
    " and write checklist YAML that passes check.",
)
@click.argument("file", type=click.Path(path_type=Path), metavar="FILE.md")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="where to write the YAML, a .yaml file (default: standard output); its name is the default checklist id; ticks go to "
    "NAME.status.yaml beside it; nothing is overwritten, all files are written or none",
)
@click.option("--id", "checklist_id", metavar="ID", help="the checklist's id (default: an id the file gives, else the -o file name, else its title)")
@click.option(
    "--marker",
    "markers",
    multiple=True,
    metavar="MARK=LEVEL",
    help="map a marker to critical, high, medium, low, post-launch or none (repeatable), e.g. --marker 'P1=critical'",
)
@click.option(
    "--run",
    "run",
    metavar="NAME",
    help="record the ticks as run NAME (its start and one entry, in the record) instead of a status file; when the -o checklist exists, "
    "start run NAME of it (the checklist is not written)",
)
def _import(s: Settings, file: Path, output: Path | None, checklist_id: str | None, markers: tuple[str, ...], run: str | None) -> int:
    from .commands.exchange import import_file

    return import_file(s.project, file, output, checklist_id=checklist_id or "", markers=list(markers), verbose=s.verbose, say=s.say, run=run or "")


@_command(
    "init",
    "start a new checklist site",
    "Make a new project: mkdocs.yml, docs/, overrides/ and data/ with the sample checklist (or an empty one). In a project"
    " already, it adds only the files it lacks, and no sample beside the checklist files of data/.",
)
@click.argument("directory", required=False, default=Path("."), type=click.Path(path_type=Path), metavar="[DIR]")
@click.option("--empty", is_flag=True, help="start with an empty checklist instead of the sample")
def _init(s: Settings, directory: Path, empty: bool) -> None:
    from .exchange.scaffold import init, project_folder, unmade
    from .project import Project

    made = project_folder(directory)
    try:
        with Project.at(directory).lock():  # a writer: what exists is decided and the rest written under the lock, all or none
            said = init(directory, empty=empty)
    except BaseException:
        unmade(made)  # a folder it made, left holding its lock alone, is taken away again
        raise
    for line in said:  # each one line, naming a file written: the folder's name holding a line break prints none of its own
        s.say(one_line(line))


@_command("new", "add a checklist file to data/", "Write data/ID.yaml: a checklist with one section, ready to fill in.")
@click.argument("checklist_id", metavar="ID")
@click.option("--title", help="the checklist's title (default: made from the id)")
def _new(s: Settings, checklist_id: str, title: str | None) -> None:
    from .exchange.scaffold import new
    from .project import Project

    project = Project.at(s.project)
    with project.lock():  # a writer of data/, as mark and import are
        said = new(project.root, checklist_id, title)
    for line in said:
        s.say(one_line(line))


@_command(
    "export",
    "write the checklists as JSON, CSV or Markdown",
    "Export every checklist in data/ (with its status, where recorded), or the one --checklist names.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "markdown"]),
    default="json",
    help="json (versioned, with URLs), csv (one row per item) or markdown (task lists)",
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), metavar="FILE", help="where to write; replaces an earlier export only (default: standard output)"
)
@click.option("--checklist", metavar="ID", help="export this checklist only (default: every checklist; Markdown to import back wants one)")
@click.option(
    "--run", "run", metavar="NAME", help="Markdown and CSV: the record of this run (default: the current run; see run list); JSON lists every run's progress"
)
@site_url_option
def _export(s: Settings, fmt: str, output: Path | None, site_url: str | None, checklist: str | None, run: str | None) -> None:
    from .commands.exchange import export

    export(s.project, fmt, output, site_url, say=s.say, checklist=checklist, run=run)


def _selectors(values: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    from .exchange.templated import parse_selector

    try:
        return tuple(parse_selector(value) for value in values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--require") from None


@_command(
    "links",
    "print the alarm -> runbook URL map; check or fix alarm definitions against it",
    "Print every alarm's runbook URL (site_url from mkdocs.yml, or --site-url), for monitoring configuration; "
    "with --check, compare alarm definitions with the runbooks; with --fix, write runbook_url annotations into rule files.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv", "cloudwatch", "prometheus", "terraform"]),
    help="json (the map, default), csv, cloudwatch (an AlarmDescription per alarm, within 1024 characters), "
    "prometheus (the runbook_url annotation per alert, to merge) or terraform (alarm_description per alarm name, as locals)",
)
@click.option(
    "--check",
    "check_files",
    is_flag=True,
    help="check the alarm definitions FILE... (files, or folders of .json/.yml/.yaml) against the runbooks: aws cloudwatch describe-alarms "
    "or terraform show -json output, Prometheus/Thanos/Mimir rule files, PrometheusRule, Grafana alert rules; exit 1 on any mismatch",
)
@click.option(
    "--fix",
    "fix_files",
    is_flag=True,
    help="write each alert's runbook_url annotation into the Prometheus (or Grafana) rule files FILE..., in place, keeping comments and formatting",
)
@click.option(
    "--require",
    "policy",
    multiple=True,
    metavar="LABEL=VALUE",
    callback=lambda _ctx, _param, values: _selectors(values),
    help="with --check: only alerts with this label need a runbook, e.g. severity=critical (repeatable: any of them); "
    "without it every alert does; CloudWatch alarms, which have no labels, always do",
)
@click.argument("files", nargs=-1, type=click.Path(path_type=Path), metavar="[FILE]...")
@site_url_option
def _links(
    s: Settings, fmt: str | None, check_files: bool, fix_files: bool, policy: tuple[tuple[str, str], ...], files: tuple[Path, ...], site_url: str | None
) -> int:
    from .commands.exchange import links

    if policy and not check_files:
        raise click.UsageError("--require is a policy for --check")

    if check_files and fix_files:
        raise click.UsageError("--check and --fix exclude each other")
    if (check_files or fix_files) and fmt:
        raise click.UsageError("--format prints the links; it goes with neither --check nor --fix")
    if bool(files) != (check_files or fix_files):
        raise click.UsageError("--check and --fix take the files to read; the map alone takes none" if files else "--check and --fix need at least one FILE")
    return links(s.project, fmt, site_url, check=list(files) if check_files else None, fix=list(files) if fix_files else None, say=s.say, policy=policy)


@_command(
    "schema", "print the JSON Schema of a data format", "Print the JSON Schema of the checklist (default), runbook, status, record entry or export format."
)
@click.argument("kind", required=False, type=click.Choice(["checklist", "runbooks", "status", "entry", "export"]))
@click.option("--reference", is_flag=True, help="print the format reference of KIND (without KIND: of every file) as Markdown tables (as in the README)")
def _schema(_: Settings, kind: str | None, reference: bool) -> None:
    from .commands.exchange import schema

    schema(kind, reference)


def _setup_logging(quiet: bool, verbose: bool) -> None:
    for name, fmt in (("mkdocs", "%(levelname)s - %(message)s"), ("checklist_site", "%(message)s")):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(fmt))
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.propagate = False
        logger.setLevel(logging.DEBUG if verbose else logging.WARNING)  # -q too: the build is strict, MkDocs' warnings fail it
    logging.getLogger("checklist_site").setLevel(logging.WARNING if quiet else logging.DEBUG if verbose else logging.INFO)


def _paint(text: str) -> str:
    """Errors in colour on a terminal, plain in pipes and files (and with NO_COLOR set)."""
    if not sys.stderr.isatty() or os.environ.get("NO_COLOR"):
        return text
    text = re.sub(r"^(.*?)(error|internal error)(:)", lambda m: f"{m.group(1)}\033[1;31m{m.group(2)}\033[0m{m.group(3)}", text, count=1, flags=re.M)
    text = re.sub(r"^(\s*)(hint:)", "\\1\033[33m\\2\033[0m", text, flags=re.M)
    return re.sub(r"^(warning:)", "\033[1;33m\\1\033[0m", text, flags=re.M)


def _err(text: str) -> None:
    print(_paint(terminal(text)), file=getattr(sys.stderr, "raw", sys.stderr))  # data text in a message cannot steer the terminal


class _Escaped:
    """Standard error while a command runs: every message (ours, click's, a log line) goes through the terminal escape,
    whatever outside file it quotes (alert names from rule files, file names, warnings of the import)."""

    def __init__(self, raw: Any) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        return self.raw.write(terminal(text))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


@contextlib.contextmanager
def _escaped_stderr() -> Iterator[None]:
    previous = sys.stderr
    sys.stderr = _Escaped(previous)
    try:
        yield
    finally:
        sys.stderr = previous


def _quiet_pipe() -> int:
    """The reader went away (``status | head``): stop writing, say nothing, as Unix tools do."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, what a shell reports for a Unix tool in the same place


def _not_utf8(args: list[str]) -> str | None:
    """The first argument that is not UTF-8 (bytes the system could not decode, kept as surrogates), shown escaped."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            return arg.encode("utf-8", "surrogateescape" if _escapable(arg) else "backslashreplace").decode("ascii", "backslashreplace")
    return None


def _escapable(arg: str) -> bool:
    return all(not "\ud800" <= ch <= "\udfff" or "\udc80" <= ch <= "\udcff" for ch in arg)


def _show(exc: click.ClickException) -> None:
    """A usage error as click words it, through the terminal escape (it quotes the arguments given)."""
    from io import StringIO

    out = StringIO()
    exc.show(file=out)
    sys.stderr.write(terminal(out.getvalue()))


def _run(argv: list[str] | None, settings: Settings) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    loaded = sys.modules.get(f"{__package__}.project")
    if loaded is not None:
        loaded.SAID.clear()  # each warning is said once per command, and again by the next (a process may run several)
    bad = _not_utf8(args)
    if bad is not None:
        raise UsageError(
            f"the argument '{bad}' is not UTF-8 text", "pass names, texts, URLs and file names as UTF-8 (check the terminal's or the script's encoding)"
        )
    try:
        with cli.make_context("checklist-site", args, obj=settings) as ctx, paths_from(lambda: settings.project):
            result = cli.invoke(ctx)  # every path a message names, relative to the project (-C) where inside it
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.ClickException as exc:
        _show(exc)
        return exc.exit_code
    return result if isinstance(result, int) else 0


def _flush(*streams: TextIO | None) -> None:
    """Flush the standard streams there are (one closed when the program started, ``2>&-``, is None)."""
    for stream in streams:
        if stream is not None:
            stream.flush()


def program() -> None:
    """The program (``checklist-site``, ``python -m generator``): :func:`main`, then the process ends as soon as its output
    is flushed and its exit handlers have run, without freeing its objects one by one first (the checked data and
    MkDocs' structures: 0.1-0.2 s at 10,000 items, after the work is done)."""
    code = main(exits=True)
    try:
        atexit._run_exitfuncs()  # what a normal exit runs (logging's shutdown among them)
        _flush(sys.stdout, sys.stderr)
    except BrokenPipeError:
        code = code or _quiet_pipe()
    os._exit(code)


def main(argv: list[str] | None = None, *, exits: bool = False) -> int:
    """The command line on ``argv`` (default: the program's arguments); ``exits``: the process ends once it returns."""
    from .signals import handle_signals

    settings = Settings(exits=exits)
    try:
        with handle_signals(), _escaped_stderr():
            code = _run(argv, settings)
        _flush(sys.stdout)
        return code
    except SiteError as exc:
        _err(exc.format())
        return exc.exit_code
    except Interrupted as exc:
        print(f"interrupted; {exc.state if exc.state != UNCHANGED else left_by(settings.command)}", file=sys.stderr)
        return 128 + exc.signum
    except KeyboardInterrupt:
        print(f"interrupted; {left_by(settings.command)}", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _quiet_pipe()
    except OSError as exc:
        with paths_from(lambda: settings.project):  # the path named relative to the project, as every message names one
            message, hint = map(one_line, os_error(exc))  # each one line: a file name holding a line break prints none of its own
        _err(f"error: {message}\n    hint: {hint}; {left_by(settings.command)}")
        return 1
    except Exception as exc:  # a bug: say so plainly, show the traceback only when asked
        if settings.verbose:
            raise
        _err(f"internal error: {type(exc).__name__}: {exc}\n    hint: this is a bug in checklist-site; run again with -v for details and report it")
        return 1
