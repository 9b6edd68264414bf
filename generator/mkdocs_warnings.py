"""MkDocs' warnings about the user's files, said as located errors: the line of mkdocs.yml's nav entry naming a page that
is not there, the line and column of a hand-written page's broken link.

The build is strict: each warning fails it. MkDocs words them without a line ("Doc file 'index.md' contains a link
'missing.md', but the target is not found among documentation files"); here each one MkDocs' wording is known for
becomes an Issue at its place, with a hint, and the warning itself is not printed a second time. Warnings of other
wording pass through as MkDocs prints them.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import Issue, Loc
from .pagelinks import GENERIC_HINT, Pages, target_of
from .site.layout import GENERATED_DIRS

_NAV_MISSING = re.compile(r"A reference to '(?P<page>[^']+)' is included in the 'nav' configuration, which is not found in the documentation files\.")
_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains (?:a|an absolute|an unrecognized relative) link '(?P<link>[^']+)', (?P<why>.*)$", re.S)
_NOT_IN_NAV = re.compile(r"The following pages exist in the docs directory, but are not included in the \"nav\" configuration:\n(?P<pages>(?:\s+- .+\n?)+)")


def _line_of(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """The line and column (from 1) of the first ``needle`` in ``text`` at or after line ``after``; (0, 0) if none."""
    for number, line in enumerate(text.splitlines(), 1):
        if number >= after and (at := line.find(needle)) >= 0:
            return number, at + 1
    return 0, 0


class Located(logging.Filter):
    """Catches MkDocs' warnings about the user's files (``issues``), with ``config`` (mkdocs.yml) and ``docs`` (the
    user's docs/ folder, not the staged copy) to find their places in; ``display`` names a path as messages do."""

    def __init__(self, config: Path, docs: Path, display: Callable[[Path], str], pages: Pages | None = None) -> None:
        super().__init__()
        self.config, self.docs, self.display, self.pages = config, docs, display, pages
        self.issues: list[Issue] = []

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        issue = self._issue(record.getMessage())
        if issue is None:
            return True
        self.issues.append(issue)
        return False

    def _read(self, path: Path) -> str:
        try:
            return path.read_text(encoding="utf-8").removeprefix("\ufeff")  # as MkDocs reads them: a BOM is no column
        except (OSError, UnicodeDecodeError):
            return ""

    def _nav_line(self) -> int:
        """The line of mkdocs.yml's top-level 'nav:' key (not_in_nav's ends so too)."""
        return next((n for n, line in enumerate(self._read(self.config).splitlines(), 1) if re.match(r"nav\s*:", line)), 0)

    def _issue(self, message: str) -> Issue | None:
        where = self.display(self.config)
        if found := _NAV_MISSING.match(message):
            page = found["page"]
            line, column = _line_of(self._read(self.config), page, self._nav_line())
            hint = f"create docs/{page}, or correct the entry: a nav entry names a page's path inside docs/"
            if page.partition("/")[0] in GENERATED_DIRS:  # 'create' it was refused there (the generator's own folder)
                meant = self.pages.hint(page, "") if self.pages is not None else "name one of the pages the build makes from data/"
                hint = f"correct or remove the entry: {meant}"
            return Issue(Loc(where, line, column), f"the nav names '{page}', which is not in docs/", hint)
        if found := _NOT_IN_NAV.match(message):
            pages = ", ".join(p.strip()[2:] for p in found["pages"].strip().splitlines())
            hint = f"add each page to nav: in {where}, or list it under not_in_nav:"
            return Issue(Loc(where, self._nav_line(), 1), f"pages of docs/ that no nav entry names: {pages}", hint)
        if (found := _LINK.match(message)) and (self.docs / found["page"]).is_file():
            page, link = self.docs / found["page"], found["link"]
            text = self._read(page)
            line, column = _line_of(text, f"({link}")  # a Markdown link's target, after its '('
            line, column = (line, column + 1) if line else _line_of(text, link)
            why = found["why"].strip().removeprefix("but ").rstrip(".")
            if why == "it was left as is":
                message = f"the link '{link}' names no page of docs/ (MkDocs leaves it as it is, unchecked)"
                hint = "link the page's Markdown file relative to this page, e.g. how-to-use.md or checklists/index.md"
            else:
                message = f"the link '{link}' leads nowhere: {why}"
                target = target_of(link, found["page"]) if "not found among" in why else None
                hint = self.pages.hint(target, found["page"]) if self.pages is not None and target is not None else GENERIC_HINT
            return Issue(Loc(self.display(page), line, column), message, hint)
        return None


@contextlib.contextmanager
def located(config: Path, docs: Path, display: Callable[[Path], str], pages: Pages | None = None) -> Iterator[Located]:
    """MkDocs' warnings about the user's files caught as located issues while the block runs (see Located; ``pages``:
    the site's, to say what a link to a page that is not there should name)."""
    caught = Located(config, docs, display, pages)
    loggers = [logging.getLogger(name) for name in ("mkdocs", "mkdocs.structure.pages", "mkdocs.structure.nav", "mkdocs.commands.build")]
    for logger in loggers:
        logger.addFilter(caught)
    try:
        yield caught
    finally:
        for logger in loggers:
            logger.removeFilter(caught)
