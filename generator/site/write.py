"""Writes the generated pages into docs/ and swaps the built site in: only folders the generator owns, whole or not at all."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError

MANIFEST = ".checklist-site.json"  # in the generated folder: the files the generator wrote
SITE_MARK = ".checklist-site-build"  # in site/: this folder was built by checklist-site


def _owned_files(folder: Path) -> set[str]:
    manifest = folder / MANIFEST
    try:
        return set(json.loads(manifest.read_text(encoding="utf-8"))["files"])
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def _write_manifest(folder: Path, pages: dict[str, str]) -> None:
    manifest = {"generator": "checklist-site", "files": sorted(pages)}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def check_owned(folder: Path) -> None:
    """Refuse to touch ``folder`` if it holds a file the generator did not write."""
    if not folder.exists():
        return
    if not folder.is_dir():
        raise BuildError(f"{folder} is a file, but checklist-site generates pages into a folder there", f"move {folder} away")
    owned = _owned_files(folder)
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_file() and rel != MANIFEST and rel not in owned:
            raise BuildError(
                f"{path} was not written by checklist-site; the generated folder {folder}/ is the generator's own",
                f"move {path.name} out of {folder}/ (hand-written pages belong elsewhere in docs/); nothing was changed",
            )


def check_site(site_dir: Path) -> None:
    """Refuse to replace a site folder that checklist-site did not build."""
    if site_dir.exists() and any(site_dir.iterdir()) and not (site_dir / SITE_MARK).exists():
        raise BuildError(f"{site_dir}/ exists and was not built by checklist-site", f"move {site_dir}/ away or delete it yourself; nothing was changed")


@dataclass
class Swap:
    """A folder replaced by a new one, with the old one kept until commit()."""

    target: Path
    old: Path | None

    def commit(self) -> None:
        if self.old is not None:
            shutil.rmtree(self.old, ignore_errors=True)
            self.old = None

    def rollback(self) -> None:
        if self.target.exists():
            shutil.rmtree(self.target)
        if self.old is not None:
            os.rename(self.old, self.target)
            self.old = None


def swap_in(new: Path, target: Path, work: Path) -> Swap:
    """Put the folder ``new`` in place of ``target``: two renames on one file system."""
    old: Path | None = None
    if target.exists():
        old = work / (target.name + ".old")
        if old.exists():
            shutil.rmtree(old)
        os.rename(target, old)
    target.parent.mkdir(parents=True, exist_ok=True)
    os.rename(new, target)
    return Swap(target, old)


@dataclass
class Swaps:
    """Several folder swaps that commit or roll back together."""

    swaps: list[Swap]

    def commit(self) -> None:
        for swap in self.swaps:
            swap.commit()

    def rollback(self) -> None:
        for swap in reversed(self.swaps):
            swap.rollback()


def split_pages(pages: dict[str, str], folders: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """Pages keyed by path under docs/ -> {folder: {path inside the folder: text}}."""
    out: dict[str, dict[str, str]] = {folder: {} for folder in folders}
    for rel, text in pages.items():
        folder, _, inside = rel.partition("/")
        assert folder in out, f"{rel} is outside the generated folders"
        out[folder][inside] = text
    return out


def write_all(pages: dict[str, str], docs_dir: Path, folders: tuple[str, ...], work: Path) -> Swaps:
    """Write every generated folder in docs/ anew; all are checked before any is touched."""
    for folder in folders:
        check_owned(docs_dir / folder)
    swaps: list[Swap] = []
    try:
        for folder, inside in split_pages(pages, folders).items():
            swaps.append(write_pages(inside, docs_dir / folder, work))
    except BaseException:
        Swaps(swaps).rollback()
        raise
    return Swaps(swaps)


def sync_all(pages: dict[str, str], docs_dir: Path, folders: tuple[str, ...]) -> list[str]:
    for folder in folders:
        check_owned(docs_dir / folder)
    changed: list[str] = []
    for folder, inside in split_pages(pages, folders).items():
        changed += [f"{folder}/{rel}" for rel in sync_pages(inside, docs_dir / folder)]
    return changed


def write_pages(pages: dict[str, str], target: Path, work: Path) -> Swap:
    """Write ``pages`` as the new content of ``target``; call commit() or rollback() on the result.

    The caller (write_all) has checked that ``target`` holds only files the generator wrote.
    """
    new = work / (target.name + ".new")
    if new.exists():
        shutil.rmtree(new)
    new.mkdir(parents=True)
    for rel, text in sorted(pages.items()):
        path = new / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    _write_manifest(new, pages)
    return swap_in(new, target, work)


def mark_site(site_dir: Path) -> None:
    (site_dir / SITE_MARK).write_text("built by checklist-site; replaced whole by every build\n", encoding="utf-8")


def sync_pages(pages: dict[str, str], target: Path) -> list[str]:
    """Bring ``target`` in line with ``pages`` touching only files whose content changed.

    Used by serve, where every write wakes the file watcher: an unchanged page is not rewritten.
    Returns the paths written or removed. The caller (sync_all) has checked ownership.
    """
    owned = _owned_files(target)
    changed: list[str] = []
    for rel, text in sorted(pages.items()):
        path = target / rel
        data = text.encode("utf-8")
        if path.exists() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        changed.append(rel)
    for rel in sorted(owned - set(pages)):
        (target / rel).unlink(missing_ok=True)
        changed.append(rel)
    if changed or not (target / MANIFEST).exists():
        _write_manifest(target, pages)
    return changed
