"""Start a project of one's own: `init` copies the scaffolding shipped in the package, `new` adds a checklist file."""

from __future__ import annotations

import contextlib
import os
import re
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path

from ..errors import BuildError, UsageError
from ..files import write_new
from ..format.fold import DEVICE_HINT, DEVICE_IDS
from ..format.load import load_text
from ..format.schema import CHECKLIST
from ..format.types import Converter
from ..site.escape import yaml_string

SAMPLE = ("data/realserv-launch.yaml", "data/runbooks.yaml")
_DOTTED = {"gitignore": ".gitignore"}  # shipped without the dot, which packaging tools leave out


def _files(folder: Traversable, prefix: str = "") -> list[tuple[str, Traversable]]:
    out: list[tuple[str, Traversable]] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.startswith((".", "__")):
            continue
        rel = f"{prefix}{entry.name}"
        out += _files(entry, rel + "/") if entry.is_dir() else [(rel, entry)]
    return out


def skeleton() -> list[tuple[str, Traversable]]:
    """The scaffolding shipped inside the package: mkdocs.yml, docs/, overrides/ and the sample data."""
    return _files(resources.files("generator") / "skeleton")


def project_folder(directory: Path) -> list[Path]:
    """``directory`` made a folder for a new project (its lock is kept there), or a BuildError if it is a file; the
    folders it made, ``directory`` first (none when it was there), for :func:`unmade` to take away if `init` fails."""
    if directory.exists() and not directory.is_dir():
        raise BuildError(f"{directory} is a file", "choose a folder for the new project")
    _not_inside_a_project(directory)
    made, folder = [], directory.absolute()
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        made.append(folder)
        folder = folder.parent
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        unmade(made)
        raise BuildError(f"cannot make the folder {directory}: {exc.strerror}", "choose a folder you can write to") from None
    return made


# The folders of a project whose every file a command reads or replaces, and what a new project in one did to it.
_READ_WHOLE = {
    "data": "its mkdocs.yml is read as a checklist file there, and check and build fail",
    "docs": "its pages are built into that project's site, with links that lead nowhere, and the build fails",
    "site": "the next build of that project replaces site/, and the new project with it",
    "overrides": "its files are read as the theme's",
    ".checklist-site": "it is that project's scratch folder, emptied by its commands",
}


def _not_inside_a_project(directory: Path) -> None:
    """Refuse a new project in a folder of another whose files that one reads or replaces (``_READ_WHOLE``): `init
    data` run in a project wrote data/mkdocs.yml, and the project's check failed at it; `init docs/x` failed its build."""
    folder = Path(os.path.abspath(directory))
    for parent in folder.parents:
        if (parent / "mkdocs.yml").is_file() and (parent / "data").is_dir():
            part = folder.relative_to(parent).parts[0]
            if part in _READ_WHOLE:
                elsewhere = os.path.relpath(parent.parent / folder.name)
                raise UsageError(
                    f"{directory} is inside the {part}/ folder of the project {parent}: {_READ_WHOLE[part]}",
                    f"start the new project outside that folder, e.g. checklist-site init {elsewhere} (nothing was written)",
                )
            return


def unmade(made: list[Path]) -> None:
    """Take away the folders a failed `init` made (:func:`project_folder`), where they hold nothing but its lock: a full
    disk or a stop left a new project folder holding only '.checklist-site/lock', which looked like a project begun."""
    if not made:
        return
    work = made[0] / ".checklist-site"
    with contextlib.suppress(OSError):
        if {e.name for e in os.scandir(made[0])} <= {work.name} and {e.name for e in os.scandir(work)} <= {"lock"}:
            (work / "lock").unlink(missing_ok=True)
            work.rmdir()
    for folder in made:  # the deepest first; a folder that holds anything stays
        with contextlib.suppress(OSError):
            folder.rmdir()


def init(directory: Path, *, empty: bool = False) -> list[str]:
    """Write a new project into ``directory`` (under its lock, held by the caller): the files it lacks, all of them or none
    (a full disk, a stop, a kill: none); files that exist already are kept as they are."""
    project_folder(directory)
    lines: list[str] = []
    new: dict[Path, bytes] = {}
    # A project that has checklists gets no sample beside them: 'init .', the hint of a missing overrides/, added the
    # sample checklist to data/, and with it six alarm items the project's runbooks did not answer (the build failed).
    ours = sorted(p.name for p in (directory / "data").glob("*.y*ml")) if (directory / "data").is_dir() else []
    shipped = [(rel, entry.read_bytes()) for rel, entry in skeleton() if not ((empty or ours) and rel in SAMPLE)]
    if empty and not ours:
        shipped.append(("data/checklist.yaml", checklist_yaml("checklist", "Launch checklist").encode()))
    if ours:
        listed = ", ".join(ours[:3]) + (", ..." if len(ours) > 3 else "")
        lines.append(f"kept {directory / 'data'}/ as it is: it holds checklist files ({listed}), so no sample is added")
    folders = [directory / _DOTTED.get(rel, rel) for rel, _ in shipped if (directory / _DOTTED.get(rel, rel)).is_dir()]
    if folders:  # kept, it was said to be there, and the next command failed at it: 'mkdocs.yml is a folder'
        names = ", ".join(f"{path}/" for path in folders)
        raise BuildError(f"{names}: a folder where the project has a file", "remove or rename it, then run checklist-site init again (nothing was written)")
    for rel, data in shipped:
        path = directory / _DOTTED.get(rel, rel)
        if path.exists() or path.is_symlink():
            lines.append(f"kept {path} (it exists)")
        else:
            new[path] = data
            lines.append(f"wrote {path}")
    write_new(new)
    lines.append(f"next: cd {directory} && checklist-site build (or: checklist-site import YOUR.md -o data/NAME.yaml)")
    return lines


def checklist_yaml(ident: str, title: str) -> str:
    """A new checklist's file; the title a YAML double-quoted scalar holding exactly ``title`` (``escape.yaml_string``)."""
    return f"""# A checklist: sections (pages) of groups of items. Ids are URL anchors: keep them stable.
# `checklist-site schema --reference` prints every field.
id: {ident}
title: {yaml_string(title)}
sections:
  - id: preparation
    title: Preparation
    priority: high
    groups:
      - id: first-steps
        title: First steps
        items:
          - {{id: write-first-item, text: Write the first item of this checklist}}
"""


def _id_taken(data: Path, ident: str) -> tuple[str, int] | None:
    """The file of ``data`` (and the line) whose top-level 'id:' is ``ident``, read as text; None when none is."""
    line = re.compile(rf"""^id:[ \t]*(['"]?){re.escape(ident)}\1[ \t]*(#.*)?$""", re.MULTILINE)
    for path in sorted(data.glob("*.y*ml")):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            text = path.read_text(encoding="utf-8")
            if found := line.search(text):
                return path.name, text.count("\n", 0, found.start()) + 1
    return None


def new(root: Path, ident: str, title: str | None) -> list[str]:
    """data/ID.yaml: a checklist with one section, one group and one item."""
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ident) or len(ident) > 64:
        raise UsageError(f"'{ident}' is not a valid checklist id", "use lowercase letters, digits and hyphens, e.g. web-launch")
    if ident in DEVICE_IDS:  # data/aux.yaml and data/aux.record/: a teammate's checkout on Windows fails
        raise UsageError(f"'{ident}' is not a valid checklist id: it is {DEVICE_HINT}", f"use another, e.g. {ident}-1 or a word for what it holds")
    path = root / "data" / f"{ident}.yaml"
    if path.exists():
        raise BuildError(f"data/{ident}.yaml exists; new never overwrites a file", "choose another id")
    taken = _id_taken(root / "data", ident)
    if taken is not None:  # a file named otherwise (launch.yaml) with that id: the new file failed the next check at once
        raise BuildError(f"checklist id '{ident}' is taken: data/{taken[0]}:{taken[1]}:1 has it", "choose another id; nothing was written")
    text = checklist_yaml(ident, title or ident.replace("-", " ").capitalize())
    tree, issues = load_text(text, f"data/{ident}.yaml")
    converter = Converter()
    if tree is not None:
        converter.build(CHECKLIST, tree, "the checklist")
    if issues or converter.issues:  # the title as the format reads it (one line, no invisible characters, safe links)
        first = (issues or converter.issues)[0]
        raise UsageError(f"--title: {first.message}", first.hint)
    write_new({path: text})  # whole or not at all, and never over a file (a `new` of the same id at once: one of them)
    return [f"wrote {path}: edit it, then run checklist-site check"]
