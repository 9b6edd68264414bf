"""`check`, `build` and `pdf`: validate the data, build the site, print it."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from ..build import build as build_site
from ..build import built_with
from ..errors import BuildError, UsageError
from ..format.fold import run_name
from ..mkdocs_yml import built_folder
from ..project import ISSUES, Project
from ..project import check as check_data
from ..site.layout import DIRECTORY_URLS, HOME, Urls, run_page


class _Counted(logging.Handler):
    """How many warnings of the data a check said: each issue said counts the problems it stands for (``Issue.count``:
    the one line '5 more problem(s) in this file, not shown' is five), and what else was said on the way (waiting for
    another command's lock, a file put back after a stopped build) is no warning of the data. Counted by log records,
    the summary said '29 warnings' under 33."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        issues = getattr(record, ISSUES, 0)
        self.count += issues if record.levelno >= logging.WARNING and isinstance(issues, int) else 0


def check(root: Path, path: Path | None) -> str:
    """The data checked; the summary says what was said above it: 'no problems' followed warnings too (two recordings of
    an item made on two clones, each without the other's; an e-mail address published), which a glance at the last line,
    or a CI log's, took for none."""
    from ..progress.lost import warn_lost

    project = Project.at(root)
    counted, said = _Counted(), logging.getLogger("checklist_site")
    said.addHandler(counted)
    try:
        data = check_data(project, path)
    finally:
        said.removeHandler(counted)
    lost = warn_lost(project, data) if path is None else 0  # the record as git has seen it: an entry no branch holds now
    items = sum(1 for c in data.checklists for _ in c.section_items())
    runbooks = f", {len(data.runbooks)} runbook(s)" if data.runbooks else ""
    problems = [f"{lost} record entr{'y' if lost == 1 else 'ies'} lost from git's branches"] if lost else []
    problems += [f"{counted.count} warning{'' if counted.count == 1 else 's'}"] if counted.count else []
    return f"ok: {len(data.checklists)} checklist(s), {items} items in sections{runbooks}, {' and '.join(problems) + ' (above)' if problems else 'no problems'}"


def build(root: Path, *, site_url: str | None, offline: bool, engine: str, collect: bool = True) -> str:
    project = Project.at(root)
    site_dir = build_site(project, site_url=site_url, offline=offline, engine=engine, collect=collect)
    where = project.display(site_dir)
    hint = f"open {where}/{Urls(directory=False).dest(HOME)} from disk" if offline else "publish it on a web server, or preview with: checklist-site serve"
    return f"built {where}/ ({hint})"


def pdf(root: Path, *, out: Path, paper: str, no_build: bool, filled: bool, quiet: bool, run: str | None = None) -> str:
    from ..exchange.pdf import Job, find_chromium, jobs, render_pdfs

    project = Project.at(root)
    find_chromium()  # before a build, so a missing browser is said at once
    with project.lock():
        data = check_data(project)
        for c in data.checklists if run is not None else ():  # a run's name goes into a page's address and a file's name
            if run not in {run_name(s.run) for s in data.runs_of(c.id)}:
                raise BuildError(f"checklist '{c.id}' has no run '{run}'", "see checklist-site run list")
        target = out if out.is_absolute() else project.root / out
        if (built := built_folder(project.config, target, project.display)) is not None:  # the next build removed them
            hint = "print elsewhere: --out pdf (the default); to publish them with the site, --out docs/pdf (the build copies them in)"
            raise UsageError(f"--out {out}: inside {built[0]}/, {built[1]}: the PDFs would be lost", hint)
        if target.exists() and not target.is_dir():  # was 'File exists (mkdocs.yml)' and the hint to check the disk, after a build
            raise UsageError(f"--out {out}: a file, not a folder", "give --out the folder to print into (it is made if it does not exist), e.g. --out pdf")
        todo = jobs(list(data.checklists), filled=filled)
        if run is not None:  # a run's own filled packet, published at checklists/<id>/runs/<run>/packet-filled/
            todo = [Job(DIRECTORY_URLS.dest(run_page(c.id, run, "packet-filled")), f"{c.id}-{run}-packet-filled", True) for c in data.checklists]
        _no_link_out(project, target, [target / f"{job.out_name}-{paper}.pdf" for job in todo])
        if no_build:
            site_dir = _built_site(project)
        else:
            site_dir = build_site(project)
        written = render_pdfs(site_dir, todo, target, paper, quiet=quiet, work=project.work)
    return f"wrote {len(written)} PDF(s) to {project.display(target)}/"


def _no_link_out(project: Project, folder: Path, pdfs: list[Path]) -> None:
    """Refuse, before anything is built or printed, a PDF to print that is a symbolic link to a file outside its folder,
    and a folder in the project (pdf/) that leads out of it through a link: a PDF is written through a link, and git
    keeps links as they are, so a project fetched from others could make `pdf` overwrite ~/.bashrc."""
    if (link := project.link_out(folder)) is not None:
        raise BuildError(
            f"{project.display(link[0])} is a symbolic link to {link[1]}, outside the project: the PDFs would be written there",
            "remove the link, or give the folder to print into with --out DIR",
        )
    home = folder.resolve()
    for pdf in pdfs:
        if pdf.is_symlink() and pdf.resolve().parent != home:
            raise BuildError(
                f"{project.display(pdf)} is a symbolic link to {os.readlink(pdf)}: printing would overwrite that file",
                "remove the link (the PDF is printed in its place), or print elsewhere with --out DIR",
            )


def _built_site(project: Project) -> Path:
    """The site as built already, when it is one pdf can print (``pdf --no-build``)."""
    options = built_with(project)
    if options is None:
        raise BuildError(
            f"{project.display(project.root / 'site')}/ has not been built by checklist-site",
            "run checklist-site build first, or drop --no-build",
        )
    if options.get("offline"):
        raise BuildError(
            "the site was built with --offline (pages as .html files for file://); pdf prints the site as built for the web",
            "run checklist-site build (without --offline) first, or drop --no-build",
        )
    return Path(options["site_dir"])
