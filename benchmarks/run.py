"""Benchmark: our generator and full build against a plain mkdocs-material build of the same items.

    python -m benchmarks.run                      # 1,000, 10,000 and 50,000 items; writes docs/development/benchmarks.md
    python -m benchmarks.run --sizes 1000 --runs 1 --out /tmp/bench.md

Every size is measured side by side in one run (fresh processes, medians of --runs), and every
ratio compares numbers from that same run. Nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import json
import logging
import platform
import statistics
import subprocess
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path

from .synth import baseline_project, our_project, sphinx_needs_project

ROOT = Path(__file__).resolve().parent.parent


def measure(kind: str, project: Path) -> dict:
    out = subprocess.run([sys.executable, "-m", "benchmarks.measure", kind, str(project)], cwd=ROOT, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{kind} failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def have_sphinx_needs() -> bool:
    try:
        import sphinx_needs  # noqa: F401
    except ImportError:
        return False
    return True


def run(sizes: list[int], runs: int, work: Path, sphinx_max: int) -> list[dict]:
    rows = []
    for n in sizes:
        ours = our_project(work / f"ours-{n}", n, ROOT)
        base = baseline_project(work / f"base-{n}", n)
        kinds = [("generate", ours), ("build", ours), ("baseline", base)]
        if n <= sphinx_max and have_sphinx_needs():
            kinds.append(("sphinx-needs", sphinx_needs_project(work / f"sphinx-{n}", n)))
        samples: dict[str, list[dict]] = {kind: [] for kind, _ in kinds}
        repeat = runs if n <= 10_000 else 1
        for _ in range(repeat):  # interleaved, so drift on a noisy machine hits all alike
            for kind, project in kinds:
                samples[kind].append(measure(kind, project))
                print(f"  {n:>6} items  {kind:<9} {samples[kind][-1]['seconds']:7.2f} s  {samples[kind][-1]['max_rss_mb']:7.0f} MB", file=sys.stderr)
        med = {k: statistics.median(s["seconds"] for s in v) for k, v in samples.items()}
        rss = {k: max(s["max_rss_mb"] for s in v) for k, v in samples.items()}
        pages = sum(1 for _ in (ours / "site").rglob("*.html"))
        base_pages = sum(1 for _ in (base / "site").rglob("*.html"))
        rows.append({"items": n, "runs": repeat, **{f"{k}_s": v for k, v in med.items()}, **{f"{k}_rss": v for k, v in rss.items()}, "pages": pages, "baseline_pages": base_pages})
        rows[-1]["sphinx_s"] = med.get("sphinx-needs")
    return rows


def table(rows: list[dict]) -> str:
    lines = [
        "| items | runs | generator stage | full build | plain mkdocs (baseline) | build / baseline | generator / build | sphinx-needs | sphinx-needs / build | peak RSS (build) | pages (ours / baseline) |",
        "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        sphinx = f"{r['sphinx_s']:.2f} s | {r['sphinx_s'] / r['build_s']:.1f}×" if r.get("sphinx_s") else "not run | –"
        lines.append(
            f"| {r['items']:,} | {r['runs']} | {r['generate_s']:.2f} s | {r['build_s']:.2f} s | {r['baseline_s']:.2f} s | "
            f"{r['build_s'] / r['baseline_s']:.2f}× | {100 * r['generate_s'] / r['build_s']:.1f}% | {sphinx} | {r['build_rss']:.0f} MB | {r['pages']} / {r['baseline_pages']} |"
        )
    if len(rows) > 1 and rows[-1]["items"] > rows[-2]["items"]:
        a, b = rows[-2], rows[-1]
        lines.append("")
        lines.append(f"Scaling from {a['items']:,} to {b['items']:,} items ({b['items'] / a['items']:.0f}× the items): generator stage {b['generate_s'] / a['generate_s']:.2f}×, full build {b['build_s'] / a['build_s']:.2f}×, baseline {b['baseline_s'] / a['baseline_s']:.2f}×.")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        cores = len([l for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("processor")])
    except OSError:
        cores = 0
    sphinx = f", Sphinx {version('sphinx')}, sphinx-needs {version('sphinx-needs')}" if have_sphinx_needs() else ""
    return f"{platform.system()} {platform.machine()} ({cpu}), {cores} cores, Python {platform.python_version()}, mkdocs {version('mkdocs')}, mkdocs-material {version('mkdocs-material')}{sphinx}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="item counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per size up to 10,000 items (larger sizes run once)")
    parser.add_argument("--sphinx-max", type=int, default=10_000, help="largest size also built with sphinx-needs, when it is installed (pip install sphinx-needs)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "development" / "benchmarks.md", help="the Markdown page to write")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="checklist-bench-") as tmp:
        rows = run([int(s) for s in args.sizes.split(",")], args.runs, Path(tmp), args.sphinx_max)
    result = table(rows)
    print(result)
    page = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmarks\n\n<!-- results:start -->\n<!-- results:end -->\n"
    start, end = "<!-- results:start -->\n", "<!-- results:end -->"
    if start in page and end in page:
        head, rest = page.split(start, 1)
        page = head + start + f"Measured on {machine()}.\n\n" + result + "\n" + end + rest.split(end, 1)[1]
    args.out.write_text(page, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
