"""Redirect pages for renamed pages and runbooks (former_ids), written into the built site after MkDocs or Zensical alike."""

from __future__ import annotations

import html
import logging
import posixpath
from pathlib import Path

from ..site import escape
from ..site.layout import DIRECTORY_URLS, Page, Urls  # noqa: F401 (DIRECTORY_URLS: doctests)

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


def built_path(page: str, urls: Urls) -> str:
    """Where a Markdown page of docs/ lands in the built site, as the layout's :class:`Urls` says.

    >>> built_path("runbooks/redis-down.md", DIRECTORY_URLS)
    'runbooks/redis-down/index.html'
    >>> built_path("runbooks/redis-down.md", Urls(directory=False))
    'runbooks/redis-down.html'
    >>> built_path("checklists/launch/index.md", DIRECTORY_URLS)
    'checklists/launch/index.html'
    """
    return urls.dest(Page(page))


def relative_url(old: str, new: str, urls: Urls) -> str:
    """The link from the old page's built file to the new page, as the browser resolves it.

    >>> relative_url("checklists/launch/observability.md", "checklists/launch/alerting.md", DIRECTORY_URLS)
    '../alerting/'
    >>> relative_url("checklists/launch/observability.md", "checklists/launch/alerting.md", Urls(directory=False))
    'alerting.html'
    """
    source, target = built_path(old, urls), built_path(new, urls)
    rel = posixpath.relpath(target, posixpath.dirname(source))
    if urls.directory and posixpath.basename(rel) == "index.html":
        rel = posixpath.dirname(rel)
        rel = "./" if rel in ("", ".") else rel + "/"
    return rel


def redirect_page(old: str, new: str, urls: Urls) -> str:
    """The HTML of one redirect page: script first (it keeps the #anchor), meta refresh without script."""
    target = relative_url(old, new, urls)
    built = built_path(new, urls)
    if urls.directory and built.endswith("/index.html"):
        built = built[: -len("index.html")]
    canonical = f"{urls.site_url.rstrip('/')}/{built}" if urls.site_url else target
    target_js = escape.script_json(target)
    title = posixpath.basename(new[: -len(".md")])
    return TEMPLATE.format(title=html.escape(title), canonical=html.escape(canonical), target=html.escape(target), target_js=target_js)


def redirect_pages(redirects: dict[str, str], urls: Urls) -> dict[str, str]:
    """{built file of the old page: its redirect HTML}, for every old page -> new page of the map."""
    return {built_path(old, urls): redirect_page(old, new, urls) for old, new in sorted(redirects.items())}


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
