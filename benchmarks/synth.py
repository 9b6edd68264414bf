"""Synthetic checklists of realistic shape, and the same items as a plain MkDocs project."""

from __future__ import annotations

import shutil
from pathlib import Path

ITEMS_PER_SECTION = 100  # 10,000 items -> 100 pages, as in the baseline
GROUPS_PER_SECTION = 10
WORDS = "deploy verify configure enable monitor rotate backup restore encrypt scale audit review test alert document".split()


def sections(n_items: int) -> list[dict]:
    """Sections of groups; a third of the items critical; every fifth item has two sub-items."""
    out, made, s = [], 0, 0
    while made < n_items:
        s += 1
        groups = []
        for g in range(GROUPS_PER_SECTION):
            items = []
            while made < n_items and sum(1 + len(i.get("items", [])) for i in items) < ITEMS_PER_SECTION // GROUPS_PER_SECTION:
                made += 1
                ident = f"i{made}"
                item = {"id": ident, "text": f"{WORDS[made % len(WORDS)].title()} component {made} of service {s} ({WORDS[(made * 7) % len(WORDS)]} step)"}
                if made % 3 == 0:
                    item["critical"] = True
                if made % 5 == 0 and made + 2 <= n_items:
                    item["items"] = [{"id": f"i{made + k}", "text": f"Sub-check {k} of item {made}", **({"critical": True} if (made + k) % 3 == 0 else {})} for k in (1, 2)]
                    made += 2
                items.append(item)
            if items:
                groups.append({"id": f"s{s}-g{g + 1}", "title": f"Group {g + 1} of section {s}", "items": items})
        out.append({"id": f"section-{s}", "title": f"Section {s}", "priority": ["critical", "high", "medium"][s % 3], "groups": groups})
    return out


def _yaml_items(items: list[dict], indent: str) -> list[str]:  # noqa: C901 - flat on purpose
    lines = []
    for i in items:
        crit = ", critical: true" if i.get("critical") else ""
        if "items" in i:
            lines += [f"{indent}- id: {i['id']}", f"{indent}  text: \"{i['text']}\"{chr(10) + indent + '  critical: true' if crit else ''}", f"{indent}  items:"]
            lines += _yaml_items(i["items"], indent + "    ")
        else:
            lines.append(f"{indent}- {{id: {i['id']}, text: \"{i['text']}\"{crit}}}")
    return lines


def checklist_yaml(n_items: int) -> str:
    lines = [f"id: bench-{n_items}", f"title: Benchmark checklist of {n_items} items", 'version: "1.0"', "sections:"]
    for s in sections(n_items):
        lines += [f"  - id: {s['id']}", f"    title: {s['title']}", f"    priority: {s['priority']}", "    groups:"]
        for g in s["groups"]:
            lines += [f"      - id: {g['id']}", f"        title: {g['title']}", "        items:"]
            lines += _yaml_items(g["items"], "          ")
    return "\n".join(lines) + "\n"


def _md_items(items: list[dict], indent: str) -> list[str]:
    lines = []
    for i in items:
        lines.append(f"{indent}- [ ] {'🔴 ' if i.get('critical') else ''}{i['text']}")
        lines += _md_items(i.get("items", []), indent + "    ")
    return lines


def our_project(dst: Path, n_items: int, template: Path) -> Path:
    """A checklist-site project (this repository's config and overrides) holding the synthetic checklist."""
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    shutil.copy(template / "mkdocs.yml", dst / "mkdocs.yml")
    shutil.copytree(template / "overrides", dst / "overrides")
    (dst / "docs").mkdir()
    (dst / "docs" / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    (dst / "data").mkdir()
    (dst / "data" / "bench.yaml").write_text(checklist_yaml(n_items), encoding="utf-8")
    return dst


BASELINE_CONFIG = """\
site_name: Baseline
theme:
  name: material
plugins:
  - search
markdown_extensions:
  - attr_list
  - pymdownx.tasklist:
      custom_checkbox: true
"""


def baseline_project(dst: Path, n_items: int) -> Path:
    """The same items written by hand as plain task-list Markdown, one page per section."""
    if dst.exists():
        shutil.rmtree(dst)
    (dst / "docs").mkdir(parents=True)
    (dst / "mkdocs.yml").write_text(BASELINE_CONFIG, encoding="utf-8")
    (dst / "docs" / "index.md").write_text("# Baseline\n", encoding="utf-8")
    for s in sections(n_items):
        lines = [f"# {s['title']}", ""]
        for g in s["groups"]:
            lines += [f"## {g['title']}", ""] + _md_items(g["items"], "") + ["", "**Sign-off**: ______ Date: ______", ""]
        (dst / "docs" / f"{s['id']}.md").write_text("\n".join(lines), encoding="utf-8")
    return dst


SPHINX_CONF = """\
project = "Sphinx-Needs baseline"
extensions = ["sphinx_needs"]
needs_id_regex = "^[A-Za-z0-9_-]+$"
needs_build_json = False
html_theme = "alabaster"
"""


def _rst_needs(items: list[dict], lines: list[str]) -> None:
    for i in items:
        lines += [f".. req:: {i['text']}", f"   :id: {i['id'].upper()}", *(["   :tags: critical"] if i.get("critical") else []), ""]
        _rst_needs(i.get("items", []), lines)


def sphinx_needs_project(dst: Path, n_items: int) -> Path:
    """The same items as sphinx-needs requirements (``.. req::``), one document per section."""
    if dst.exists():
        shutil.rmtree(dst)
    dst.mkdir(parents=True)
    (dst / "conf.py").write_text(SPHINX_CONF, encoding="utf-8")
    names = []
    for s in sections(n_items):
        lines = [s["title"], "=" * len(s["title"]), ""]
        for g in s["groups"]:
            lines += [g["title"], "-" * len(g["title"]), ""]
            _rst_needs(g["items"], lines)
            lines += ["**Sign-off**: ______ Date: ______", ""]
        (dst / f"{s['id']}.rst").write_text("\n".join(lines), encoding="utf-8")
        names.append(s["id"])
    toc = ["Baseline", "========", "", ".. toctree::", "   :maxdepth: 1", "", *(f"   {n}" for n in names), ""]
    (dst / "index.rst").write_text("\n".join(toc), encoding="utf-8")
    return dst


def edit(project: Path, n_items: int) -> Path:
    """Change the text of one item (the middle one) in ``project``, ours or the plain one, and back on the next call:
    the edit a rebuild follows. Returns the file changed."""
    middle = f"component {n_items // 2} of service"
    edited = f"component {n_items // 2} (edited) of service"
    for path in sorted([*(project / "data").glob("*.yaml"), *(project / "docs").glob("*.md")]):
        text = path.read_text(encoding="utf-8")
        if middle in text or edited in text:
            path.write_text(text.replace(edited, middle) if edited in text else text.replace(middle, edited), encoding="utf-8")
            return path
    raise SystemExit(f"no item '{middle}' in {project}")
