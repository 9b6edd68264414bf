"""MkDocs hook used by `checklist-site serve` only: regenerate pages from data/ before each rebuild.

The build command does not use it; serving is a convenience on top of the same pipeline. Each
rebuild runs under the project lock (taken by the serve command around MkDocs' build).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

from generator.build import navigation, site_pages
from generator.errors import BuildError, CheckFailed
from generator.format.model import Data
from generator.programs import data_revision
from generator.project import Project, check
from generator.site.layout import GENERATED_DIRS
from generator.site.paper import render_paper
from generator.site.render import Site
from generator.site.write import sync_all

log = logging.getLogger("mkdocs.plugins.checklist_site")
_last: tuple[list[Any], Site, dict[str, str], Data] | None = None


def on_config(config: Any) -> Any:
    global _last
    project = Project.at(Path(os.environ["CHECKLIST_SITE_ROOT"]))
    docs_dir = Path(config["docs_dir"])
    user_nav = config["nav"]  # mkdocs.yml's own nav: serve loads the configuration afresh for every rebuild
    try:
        data = check(project)
        site = site_pages(data, config["site_url"] or "", docs_dir)
        changed = sync_all(site.pages, docs_dir, GENERATED_DIRS)
        if changed:
            log.info("checklist-site: regenerated %d page(s)", len(changed))
        _last = (navigation(user_nav, docs_dir, site), site, render_paper(data, config["use_directory_urls"], data_revision(project.data)), data)
    except CheckFailed as exc:
        # Keep serving the last good pages; the errors are shown where the user is looking.
        for issue in exc.issues:
            log.error(issue.format())
    except BuildError as exc:
        log.error(exc.format())
    if _last is not None:
        config["nav"] = _last[0]
    return config


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates kept between rebuilds: MkDocs makes a new Jinja environment for
    every build, and compiling Material's templates again was about a third of a rebuild. A
    template whose source changed (an edit in overrides/) is compiled afresh: Jinja checks its checksum."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_templates = _TemplateCache()


def on_env(env: jinja2.Environment, config: Any, files: Any) -> jinja2.Environment:
    env.bytecode_cache = _templates
    return env


def on_post_build(config: Any) -> None:
    """Write the redirect pages, fill the sheets, packet and critical lists with their blocks and add the items to search, as `checklist-site build` does."""
    from generator.build import slot_pages
    from generator.site.assemble import fill_blocks
    from generator.site.redirects import write_redirects
    from generator.site.search import write_search

    if _last is not None:
        site, blocks, data = _last[1], _last[2], _last[3]
        write_redirects(Path(config["site_dir"]), site.redirects, config["use_directory_urls"], config["site_url"] or "")
        fill_blocks(Path(config["site_dir"]), blocks, slot_pages(site, Path(config["docs_dir"]), config["use_directory_urls"]))
        write_search(Path(config["site_dir"]), data, config["use_directory_urls"])
