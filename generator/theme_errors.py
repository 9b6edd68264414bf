"""Errors of the theme's templates (``overrides/``, or the theme's own) said at the template's file and line.

MkDocs renders the theme's Jinja templates; a template of the project's ``overrides/`` with a syntax error, an unknown
filter, an include of a missing template or a value the page does not have stopped the build with an internal error
("internal error: TemplateSyntaxError: unexpected '}'", and a request to report a bug), or with the hint to check the
disk (Jinja's ``TemplateNotFound`` is an ``OSError``). Each is said at the template's line instead, with what to fix.
"""

from __future__ import annotations

import contextlib
import logging
import re
import traceback
from pathlib import Path
from typing import Callable, Iterator

from .errors import UNCHANGED, BuildError, Loc

_BLOCKS = "each {% block %}, {% if %} and {% for %} needs its {% end... %}, each '{{', '{%' and '(' its closing one"


@contextlib.contextmanager
def located_templates(display: Callable[[Path], str], docs: Path | None = None) -> Iterator[None]:
    """Run the block (an MkDocs build); an error in a template is a :class:`BuildError` at the template's line (a missing
    template a page of ``docs`` names in its front matter, ``template: NAME``, at that line)."""
    held = _HeldPageError()
    logging.getLogger("mkdocs.commands.build").addFilter(held)
    try:
        yield
    except BaseException as exc:
        located = _located(exc, display, docs)
        if located is None:
            held.release()  # not ours to say: MkDocs' line stays, as it would have been
            raise
        if held.page:  # the page the template was rendering
            located.message += f" (building the page {display(docs / held.page) if docs is not None else held.page})"
        raise located from None
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(held)


class _HeldPageError(logging.Filter):
    """Holds back MkDocs' 'Error building page 'index.md': ...' line, said just before the error goes up: said once,
    located, where the error is a template's (its page named in the message); printed as it was otherwise."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self.page = ""

    def filter(self, record: logging.LogRecord) -> bool:
        found = _BUILDING.match(record.getMessage()) if record.levelno >= logging.ERROR else None
        if found is None or self.records:
            return True
        self.records.append(record)
        self.page = found["page"]
        return False

    def release(self) -> None:
        logger = logging.getLogger("mkdocs.commands.build")
        logger.removeFilter(self)
        for record in self.records:
            logger.handle(record)


_BUILDING = re.compile(r"Error building page '(?P<page>[^']*)'")


def _located(exc: BaseException, display: Callable[[Path], str], docs: Path | None) -> BuildError | None:
    """``exc`` of a template as a :class:`BuildError` at the template's line; None where it is no template's."""
    import jinja2

    if isinstance(exc, jinja2.TemplateSyntaxError):  # TemplateAssertionError too: an unknown filter or test
        where = Loc(display(Path(exc.filename)), exc.lineno or 0, 1 if exc.lineno else 0) if exc.filename else _frame(exc, display)
        unknown = isinstance(exc, jinja2.TemplateAssertionError)
        hint = "use a filter or test Jinja, MkDocs or the theme has, or remove it" if unknown else f"fix the template: {_BLOCKS}"
        opened = _unclosed(Path(exc.filename)) if exc.filename and "Unexpected end of template" in (exc.message or "") else None
        if opened is not None and where is not None:  # Jinja says it at the end of the file: the tag left open is the mistake
            tag, line = opened
            where, hint = where._replace(line=line), f"close it: add {{% end{tag} %}} where the {tag} ends"
            return BuildError(f"template error: this {{% {tag} %}} is not closed (the template ends first)", f"{hint}; {UNCHANGED}", where)
        return BuildError(f"template error: {exc.message}", f"{hint}; {UNCHANGED}", where)
    if isinstance(exc, jinja2.TemplateNotFound):
        where = _frame(exc, display)
        hint = f"add overrides/{exc.name}, or fix the name where it is included or extended"
        if where is None and docs is not None and isinstance(exc.name, str):  # MkDocs' page: 'template: NAME' in its front matter
            where, hint = _naming(docs, exc.name, display), f"add overrides/{exc.name}, or fix or remove the page's 'template:'"
        return BuildError(f"template '{exc.name}' is not in overrides/ nor in the theme's templates", f"{hint}; {UNCHANGED}", where)
    where = _frame(exc, display) if isinstance(exc, Exception) else None
    if where is None:
        return None
    hint = "the page, its metadata or the configuration has no such value here: compare with the theme's own templates"
    return BuildError(f"template error: {type(exc).__name__}: {exc}", f"{hint}; {UNCHANGED}", where)


_TAG = re.compile(r"\{%[-+]?\s*(\w+)")
_PAIRED = {"block", "if", "for", "macro", "call", "filter", "with", "autoescape", "raw", "trans"}


def _unclosed(template: Path) -> tuple[str, int] | None:
    """The innermost tag ``template`` leaves open, and its line: ('block', 2) for a ``{% block %}`` without its end."""
    try:
        text = template.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    stack: list[tuple[str, int]] = []
    for found in _TAG.finditer(text):
        word, line = found.group(1), text.count("\n", 0, found.start()) + 1
        if word in _PAIRED:
            stack.append((word, line))
        elif word.startswith("end") and stack and stack[-1][0] == word[3:]:
            stack.pop()
    return stack[-1] if stack else None


def _naming(docs: Path, name: str, display: Callable[[Path], str]) -> Loc | None:
    """The line of a page of ``docs`` whose front matter says ``template: NAME``."""
    line = re.compile(rf"^template:[ \t]*['\"]?{re.escape(name)}['\"]?[ \t]*$", re.M)
    for page in sorted(docs.rglob("*.md")):
        try:
            text = page.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        found = line.search(text[: text.find("\n---", 3) + 1 if text.startswith("---") else 0])
        if found is not None:
            return Loc(display(page), text.count("\n", 0, found.start()) + 1, 1)
    return None


def _frame(exc: BaseException, display: Callable[[Path], str]) -> Loc | None:
    """Where the innermost template of ``exc``'s traceback was (Jinja names its frames by the template's file and line)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py") and not f.filename.startswith("<")]
    if not frames:
        return None
    last = frames[-1]
    return Loc(display(Path(last.filename)), last.lineno or 0, 1 if last.lineno else 0)
