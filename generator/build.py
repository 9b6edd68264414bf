"""The pipeline: check -> render pages and paper -> write -> the engine builds -> fill the slots -> swap the site in; all or nothing."""

from __future__ import annotations

import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import BuildError, CheckFailed, Issue, Severity
from .exchange.export import as_json as export_json
from .exchange.links import alarm_links, as_json
from .format.model import Data
from .format.validate import data_files, load_all
from .programs import data_revision, find_program
from .site import layout
from .site.assemble import fill_blocks, slotted_pages
from .site.layout import GENERATED_DIRS
from .site.paper import render_paper
from .site.redirects import write_redirects
from .site.render import Site, render
from .site.search import write_search
from .site.write import check_site, mark_site, swap_in, write_all

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material 9.8's banner on every build
log = logging.getLogger("checklist_site")


@dataclass(frozen=True)
class Project:
    """Where things are: the project root holds mkdocs.yml, data/ and docs/."""

    root: Path
    data: Path
    config: Path

    @classmethod
    def at(cls, root: Path, data: Path | None = None, config: Path | None = None) -> Project:
        root = root.resolve()
        return cls(root, (data or root / "data").resolve(), (config or root / "mkdocs.yml").resolve())

    @property
    def work(self) -> Path:
        """Scratch space for staging, next to docs/ so renames stay on one file system."""
        return self.root / ".checklist-site"

    def display(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)


def check(project: Project, path: Path | None = None) -> Data:
    """Load and validate; raise CheckFailed with every error found."""
    target = (path or project.data).resolve()
    if not target.exists():
        raise BuildError(f"{project.display(target)} does not exist", "pass a checklist file or a folder of them (default: data/)")
    data, issues = check_files([(p, project.display(p)) for p in data_files(target)])
    errors = [i for i in issues if i.severity is Severity.ERROR]
    if errors:
        raise CheckFailed(issues)
    return data


def check_files(files: list[tuple[Path, str]]) -> tuple[Data, list[Issue]]:
    """The format's rules (``validate.load_all``), then the layout's: no id may take a generated page's name."""
    data, issues = load_all(files)
    return data, issues + list(layout.check(data))


def _mkdocs_config(project: Project, **overrides: Any) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not project.config.exists():
        raise BuildError(f"{project.config} not found", "run checklist-site in the project folder, or pass --config")
    try:
        return load_config(str(project.config), **overrides)
    except ConfigurationError as exc:
        raise BuildError(f"{project.display(project.config)}: {exc}", "fix the MkDocs configuration") from None


def _hand_written(docs_dir: Path) -> list[str]:
    pages = [p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")]
    pages = [p for p in pages if p.split("/")[0] not in GENERATED_DIRS and not any(part.startswith(".") for part in p.split("/"))]
    return sorted(pages, key=lambda p: (p != "index.md", p))


DEVELOPER_DIR = "development"  # hand-written pages for maintainers: listed last, after the checklists


def navigation(user_nav: list[Any] | None, docs_dir: Path, site: Site) -> list[Any]:
    """The user's nav (or the hand-written pages) followed by the generated checklists.

    Without a nav of the user's, pages under docs/development/ (benchmarks and the like) come
    last, so a reader's path (home, how-to, checklists, runbooks) does not run through them.
    """
    if user_nav:
        return list(user_nav) + list(site.nav)
    pages = _hand_written(docs_dir)
    reader = [p for p in pages if p.split("/")[0] != DEVELOPER_DIR]
    developer = [p for p in pages if p.split("/")[0] == DEVELOPER_DIR]
    return reader + list(site.nav) + ([{"Development": developer}] if developer else [])


def site_url_of(project: Project, site_url: str | None = None) -> str:
    return site_url if site_url is not None else (_mkdocs_config(project)["site_url"] or "")


ZENSICAL_CONFIG = ".checklist-site.zensical.yml"  # generated at the project root: Zensical wants it there


def _run_zensical(project: Project, site: Site, user_nav: list[Any] | None, docs_dir: Path, staging: Path) -> None:
    """Build with Zensical from a generated copy of mkdocs.yml that carries the navigation."""
    import subprocess

    import yaml

    exe = find_program("zensical")
    if exe is None:
        raise BuildError("zensical is not installed", "pip install zensical, or build with the default engine (mkdocs)")
    text = project.config.read_text(encoding="utf-8")
    if re.search(r"^nav:", text, re.M):
        raise BuildError(
            "mkdocs.yml has its own nav:, which Zensical would use as it is", "remove nav: from mkdocs.yml to let checklist-site add the generated pages"
        )
    text = re.sub(r"^site_dir:.*$", "", text, flags=re.M)
    nav = yaml.safe_dump({"nav": navigation(user_nav, docs_dir, site)}, allow_unicode=True, sort_keys=False)
    header = "# Generated by checklist-site for Zensical from mkdocs.yml, with the navigation added. Do not edit.\n"
    config = project.root / ZENSICAL_CONFIG
    if config.exists() and not config.read_text(encoding="utf-8").startswith(header):
        raise BuildError(f"{config} exists and was not written by checklist-site", "move it away; nothing was changed")
    config.write_text(header + text + f"\nsite_dir: {staging.relative_to(project.root).as_posix()}\n" + nav, encoding="utf-8")
    result = subprocess.run([exe, "build", "-f", str(config)], cwd=project.root, capture_output=True, text=True)
    if result.returncode != 0 or not (staging / "index.html").exists():
        raise BuildError(f"zensical build failed: {(result.stderr or result.stdout).strip()[-500:]}", "the previous site and pages are unchanged")


def build(project: Project, *, site_url: str | None = None, strict: bool = True, offline: bool = False, engine: str = "mkdocs") -> Path:
    """Check, generate, run mkdocs (or Zensical); on any failure the previous pages and site stay as they were."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    data = check(project)
    log.info("checked %d checklist(s), %d runbook(s)", len(data.checklists), len(data.runbooks))
    config = _mkdocs_config(project, site_url=site_url)
    docs_dir, site_dir = Path(config["docs_dir"]), Path(config["site_dir"])
    check_site(site_dir)
    staging = project.work / "site.new"
    base_url = config["site_url"] or ""
    site = render(data, base_url)
    directory_urls = config["use_directory_urls"] and not offline
    blocks = render_paper(data, directory_urls, data_revision(project.data))
    slotted = slotted_pages(site.pages, directory_urls)
    project.work.mkdir(exist_ok=True)
    pages = write_all(site.pages, docs_dir, GENERATED_DIRS, project.work)
    log.info("wrote %d generated page(s); building the site with %s", len(site.pages), engine)
    try:
        if staging.exists():
            shutil.rmtree(staging)
        if engine == "zensical":
            _run_zensical(project, site, config["nav"], docs_dir, staging)
        else:
            overrides: dict[str, Any] = {"use_directory_urls": False} if offline else {}
            user_nav = config["nav"]
            config = _mkdocs_config(project, site_dir=str(staging), nav=navigation(user_nav, docs_dir, site), strict=strict, site_url=site_url, **overrides)
            if offline:
                plugin = config.plugins.get("material/offline")
                if plugin is None:
                    raise BuildError("--offline needs Material's offline plugin", "add '- offline: {enabled: false}' under plugins: in mkdocs.yml")
                plugin.config["enabled"] = True
                # The plugin would load its Web Worker shim from unpkg.com; ours ships in overrides/.
                config.extra["polyfills"] = [*config.extra.get("polyfills", []), "assets/javascripts/iframe-worker-shim.js"]
            try:
                mkdocs_build(config)
            except MkDocsException as exc:
                raise BuildError(f"mkdocs build failed: {exc}", "see the warnings above; the previous site and pages are unchanged") from None
        write_redirects(staging, site.redirects, directory_urls, base_url)
        if data.runbooks:
            (staging / "runbook-links.json").write_text(as_json(alarm_links(data, base_url)), encoding="utf-8")
        (staging / "checklist.json").write_text(export_json(data, base_url), encoding="utf-8")
        fill_blocks(staging, blocks, slotted)
        write_search(staging, data, directory_urls)
        mark_site(staging)
        swap_in(staging, site_dir, project.work).commit()
    except BaseException:
        pages.rollback()
        shutil.rmtree(staging, ignore_errors=True)
        raise
    pages.commit()
    return site_dir
