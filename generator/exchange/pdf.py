"""PDFs of the printable sheets, rendered from the built site by headless Chromium."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..format.model import Checklist
from ..programs import find_program
from ..site.layout import printed_pages

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
PAPER = {"a4": "A4", "letter": "Letter"}


@dataclass(frozen=True)
class Job:
    url_path: str  # inside the site, e.g. checklists/realserv-launch/packet/index.html
    out_name: str


def find_chromium() -> str:
    """Debian's chromium (or $CHECKLIST_SITE_CHROMIUM): Playwright's own browser download is not used."""
    explicit = os.environ.get("CHECKLIST_SITE_CHROMIUM")
    if explicit:
        if Path(explicit).is_file():
            return explicit
        raise BuildError(f"CHECKLIST_SITE_CHROMIUM points to {explicit}, which does not exist", "unset it or point it at a Chromium binary")
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = find_program(name)
        if found:
            return found
    raise BuildError(
        "Chromium was not found; PDFs are rendered by headless Chromium",
        "install it: sudo apt-get install chromium (or set CHECKLIST_SITE_CHROMIUM to its path)",
    )


def jobs(checklists: list[Checklist], filled: bool = False) -> list[Job]:
    """What to print: the blank packet and every sheet, or (``filled``) the filled-in packet."""
    return [Job(page.dest(directory_urls=True), name) for c in checklists for page, name in printed_pages(c, filled)]


def render_pdfs(site_dir: Path, todo: list[Job], out_dir: Path, paper: str, quiet: bool = False) -> list[Path]:
    """Print each page of ``todo`` to ``out_dir``; progress goes to stderr."""
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise BuildError("Playwright is not installed; it drives Chromium to print PDFs", "pip install 'checklist-site[pdf]'") from None
    executable = find_chromium()
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            page = browser.new_page()
            for n, job in enumerate(todo, 1):
                source = site_dir / job.url_path
                if not source.exists():
                    raise BuildError(f"{source} is missing from the built site", "run checklist-site build first")
                target = out_dir / f"{job.out_name}-{paper}.pdf"
                if not quiet:
                    print(f"[{n}/{len(todo)}] {target.name}", file=sys.stderr, flush=True)
                page.goto(source.as_uri(), wait_until="load")
                page.emulate_media(media="print")
                page.pdf(path=str(target), format=PAPER[paper], print_background=False, prefer_css_page_size=False)
                written.append(target)
            browser.close()
    except PlaywrightError as exc:
        raise BuildError(f"Chromium failed: {exc.message.splitlines()[0]}", "check that Chromium starts: chromium --headless --no-sandbox --version") from None
    return written
