"""Redirect pages for renamed pages and runbooks (former_ids), written into the built site after MkDocs or Zensical alike."""

from __future__ import annotations

import html
import logging
import posixpath
from pathlib import Path

from ..site import escape
from ..site.layout import Page, Urls

log = logging.getLogger("checklist_site")

TEMPLATE = """\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved to {title}</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{canonical}">
<script>location.replace({target_js} + location.search + location.hash);</script>
<meta http-equiv="refresh" content="0; url={target}">
</head>
<body>
<p>This page has moved to <a href="{target}">{title}</a>.</p>
</body>
</html>
"""


def redirect_page(old: str, new: str, urls: Urls) -> str:
    """The HTML of one redirect page: script first (it keeps the #anchor), meta refresh without script."""
    page = Page(new)
    target = urls.relative(Page(old), page)
    canonical = f"{urls.site_url.rstrip('/')}/{urls.url(page)}" if urls.site_url else target
    target_js = escape.script_json(target)
    title = posixpath.basename(page.stem)
    return TEMPLATE.format(title=html.escape(title), canonical=html.escape(canonical), target=html.escape(target), target_js=target_js)


def redirect_pages(redirects: dict[str, str], urls: Urls) -> dict[str, str]:
    """{built file of the old page: its redirect HTML}, for every old page -> new page of the map."""
    return {urls.dest(Page(old)): redirect_page(old, new, urls) for old, new in sorted(redirects.items())}


def write_redirects(site_dir: Path, redirects: dict[str, str], urls: Urls) -> list[str]:
    """Write the redirect pages into a built site; a page that exists there is real and stays. Returns the paths written."""
    written = []
    for rel, text in redirect_pages(redirects, urls).items():
        path = site_dir / rel
        if path.exists():
            log.warning("%s is a page of the site, so no redirect is written there (a former id is in use again)", rel)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(rel)
    return written
