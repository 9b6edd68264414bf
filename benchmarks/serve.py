"""How long an edit of the checklist YAML takes to show in `checklist-site serve`.

    python -m benchmarks.serve              # RealServ, 7 edits; prints the times and their median
    python -m benchmarks.serve --edits 3

A copy of this repository's project is served on a free port; each edit changes one item's text in
data/realserv-launch.yaml and the clock runs until the served runbook page holds the new text (the
watcher's polling, our regeneration and MkDocs' rebuild; not the browser's reload).
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OLD = "Firebase Authentication configured (prod project)"


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(url: str, text: str, limit: float = 60) -> float:
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if text in _get(url):
            return time.monotonic() - start
        time.sleep(0.02)
    raise SystemExit(f"{text!r} did not show at {url} within {limit} s")


def measure(edits: int, work: Path) -> list[float]:
    project = work / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "data", "overrides", "docs"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    for generated in ("checklists", "runbooks"):
        shutil.rmtree(project / "docs" / generated, ignore_errors=True)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(project), "serve", "-a", f"127.0.0.1:{port}"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/checklists/realserv-launch/security/"
    data = project / "data" / "realserv-launch.yaml"
    original = data.read_text(encoding="utf-8")
    times = []
    try:
        _wait_for(url, OLD)
        time.sleep(2)
        for n in range(edits):
            new = f"Firebase Authentication edit {n}"
            data.write_text(original.replace(OLD, new), encoding="utf-8")
            times.append(_wait_for(url, new))
            print(f"  edit {n + 1}: {times[-1]:.2f} s", file=sys.stderr)
            time.sleep(2)  # let the rebuild that our own page writes trigger run out
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--edits", type=int, default=7, help="how many edits to time")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="checklist-serve-") as tmp:
        times = measure(args.edits, Path(tmp))
    print(f"serve, RealServ: an edit shows in {statistics.median(times):.2f} s (median of {len(times)}; {min(times):.2f}-{max(times):.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
