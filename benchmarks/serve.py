"""How long an edit of the checklist YAML takes to show in `checklist-site serve`.

    python -m benchmarks.serve                      # RealServ, 7 edits: median, min and max
    python -m benchmarks.serve --items 10000        # a synthetic checklist of 10,000 items instead
    python -m benchmarks.serve --against ../old     # also the code in ../old (a worktree of main), edits alternating
    python -m benchmarks.serve --edit add           # each edit adds an item instead (--edit critical: a critical item's text)

A copy of this repository's project (or, with --items, benchmarks/synth.py's project) is served on
a free port; each edit changes one item's text in its YAML (or adds an item after it) and the clock runs until the served
runbook page holds the new text (the watcher's polling, our regeneration and MkDocs' rebuild; not
the browser's reload). Between edits the server is left to finish whatever rebuilds the edit set
off. With --against, a second server runs the other code on its own copy and the edits alternate
between the two, so both are measured under the same load.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALSERV = ("data/realserv-launch.yaml", "Firebase Authentication configured (prod project)", "checklists/realserv-launch/security/")


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, limit: float = 300) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in _get(url):
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"{text!r} did not show at {url} within {limit} s")


def _settle(url: str) -> None:
    """Wait until the server is idle: MkDocs' server holds every request while it rebuilds, so three
    quick answers in a row, spread over more than its 0.1 s wait for further changes, mean no rebuild is due."""
    quick = 0
    while quick < 3:
        start = time.monotonic()
        _get(url)
        quick = quick + 1 if time.monotonic() - start < 0.1 else 0
        time.sleep(0.3)


@dataclass
class Served:
    """One project served by one version of the code, and the item whose text the edits change."""

    name: str
    project: Path
    data: Path
    old: str
    url: str
    proc: subprocess.Popen[bytes]
    original: str = ""
    add: bool = False  # each edit adds an item after the one edited otherwise

    def edit(self, n: int) -> float:
        if self.add:  # the item is written on one line, `- {id: ..., text: ...}`: the new one after it, as indented
            at = self.original.index(self.old)
            start, end = self.original.rindex("\n", 0, at) + 1, self.original.index("\n", at) + 1
            indent = self.original[start : self.original.index("- ", start)]
            new = f"Added item edit{n}"
            self.data.write_text(f'{self.original[:end]}{indent}- {{id: bench-added-{n}, text: "{new}"}}\n{self.original[end:]}', encoding="utf-8")
        else:
            new = self.old.replace(" ", f" edit{n} ", 1)
            self.data.write_text(self.original.replace(self.old, new, 1), encoding="utf-8")
        return _wait_for(self.url, new)


EDITS = {  # --edit: which item halfway through the synthetic checklist the edits change
    "text": r'text: "([^"]*component (\d+) of[^"]*)"',  # the first one's text (an item with sub-items, as the earlier runs edited)
    "critical": r'- \{id: [^,]*, text: "([^"]*component (\d+) of[^"]*)", critical: true\}\n',  # a critical item's text
    "add": r'- \{id: [^,]*, text: "([^"]*component (\d+) of[^"]*)"\}\n',  # an item on one line: another added after it
}


def _project(dst: Path, items: int, edit: str = "text") -> tuple[Path, str, str]:
    """The project to serve: (data file, the text of an item halfway through it (see :data:`EDITS`), the page that shows the item)."""
    if items:
        from .synth import checklist_yaml, our_project, sections

        our_project(dst, items, ROOT)
        (dst / "docs" / "runbooks").mkdir()  # the serve before the staged docs/ failed on a project without runbooks
        found = (m for m in re.finditer(EDITS[edit], checklist_yaml(items)) if int(m.group(2)) >= items // 2)
        old = next(found, None)
        if old is None:
            raise SystemExit(f"--items {items}: too few items to edit one")
        section = next(s["id"] for s in sections(items) if f"component {old.group(2)} of" in str(s))
        return dst / "data" / "bench.yaml", old.group(1), f"checklists/bench-{items}/{section}/"
    dst.mkdir()
    for name in ("mkdocs.yml", "data", "overrides", "docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, dst / name)
    for generated in ("checklists", "runbooks"):
        shutil.rmtree(dst / "docs" / generated, ignore_errors=True)
    data, old, page = REALSERV
    return dst / data, old, page


def start(name: str, code: Path, project: Path, items: int, edit: str = "text") -> Served:
    data, old, page = _project(project, items, edit)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-m", "generator", "-C", str(project), "serve", "-a", f"127.0.0.1:{port}"]
    proc = subprocess.Popen(command, env=env, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return Served(name, project, data, old, f"http://127.0.0.1:{port}/{page}", proc, data.read_text(encoding="utf-8"), add=edit == "add")


def measure(edits: int, work: Path, items: int, codes: dict[str, Path], edit: str = "text") -> dict[str, list[float]]:
    """Time ``edits`` edits (of the kind ``edit``, see :data:`EDITS`) on a server of each code, alternating between them."""
    servers = [start(name, code, work / f"project-{n}", items, edit) for n, (name, code) in enumerate(codes.items())]
    times: dict[str, list[float]] = {s.name: [] for s in servers}
    try:
        for s in servers:
            _wait_for(s.url, s.old)
            _settle(s.url)
        for n in range(edits):
            for s in servers:
                times[s.name].append(s.edit(n))
                print(f"  {s.name} edit {n + 1}: {times[s.name][-1]:.2f} s", file=sys.stderr)
                _settle(s.url)  # the rebuilds the edit set off, all of them
    finally:
        for s in servers:
            s.proc.terminate()
            s.proc.wait(timeout=30)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=7, help="how many edits to time (per server)")
    parser.add_argument("--items", type=int, default=0, metavar="N", help="serve a synthetic checklist of N items instead of RealServ")
    again = "also serve with the code in DIR (a worktree of main, say), edits alternating; repeatable"
    parser.add_argument("--against", type=Path, metavar="DIR", action="append", default=[], help=again)
    kinds = "what each edit does: an item's text (default), a critical item's text, or an item added"
    parser.add_argument("--edit", choices=sorted(EDITS), default="text", help=kinds)
    args = parser.parse_args(argv)
    codes = {"this code": ROOT} | {f"code in {d}": d.resolve() for d in args.against}
    what = f"{args.items:,} items" if args.items else "RealServ"
    with tempfile.TemporaryDirectory(prefix="checklist-serve-") as tmp:
        results = measure(args.edits, Path(tmp), args.items, codes, args.edit)
    edit = {"text": "an edit", "critical": "an edit of a critical item", "add": "an item added"}[args.edit]
    for name, times in results.items():
        label = f"serve, {what}" + (f" ({name})" if args.against else "")
        print(f"{label}: {edit} shows in {statistics.median(times):.2f} s (median of {len(times)}; min {min(times):.2f} s, max {max(times):.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
