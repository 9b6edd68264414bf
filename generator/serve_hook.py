"""MkDocs hook used by `checklist-site serve` only: regenerate pages from data/ before each rebuild.

The build command does not use it; serving is a convenience on top of the same pipeline.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from generator.build import Project, check, navigation
from generator.errors import BuildError, CheckFailed
from generator.render import GENERATED_DIR, render
from generator.write import sync_pages

log = logging.getLogger("mkdocs.plugins.checklist_site")
_last_nav: list[Any] | None = None


def on_config(config: Any) -> Any:
    global _last_nav
    project = Project.at(Path(os.environ["CHECKLIST_SITE_ROOT"]))
    docs_dir = Path(config["docs_dir"])
    user_nav = os.environ.get("CHECKLIST_SITE_USER_NAV") == "1" and config["nav"] or None
    try:
        site = render(check(project))
        changed = sync_pages(site.pages, docs_dir / GENERATED_DIR)
        if changed:
            log.info("checklist-site: regenerated %d page(s)", len(changed))
        _last_nav = navigation(user_nav, docs_dir, site)
    except CheckFailed as exc:
        # Keep serving the last good pages; the errors are shown where the user is looking.
        for issue in exc.issues:
            log.error(issue.format())
    except BuildError as exc:
        log.error(exc.format())
    if _last_nav is not None:
        config["nav"] = _last_nav
    return config
