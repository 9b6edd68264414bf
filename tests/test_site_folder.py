"""site/ as a symbolic link or on another file system; what the generated folders may hold."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from pathlib import Path

import pytest

from .conftest import ARTIFACTS, make_project, run_cli
from .test_interrupt import NEW_TEXT, OLD_TEXT, PAGE, _stop_at


def _edit(project: Path, old: str, new: str) -> None:
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_a_symlinked_site_keeps_its_link_and_gets_new_contents(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    published = tmp_path / "mounted" / "site"
    published.mkdir(parents=True)
    (project / "site").symlink_to(published, target_is_directory=True)
    for n in range(2):  # the first build fills the empty target; the second replaces a built one
        if n:
            _edit(project, OLD_TEXT, NEW_TEXT)
        result = run_cli("-C", str(project), "build")
        assert result.returncode == 0, result.stderr
        assert (project / "site").is_symlink() and os.readlink(project / "site") == str(published)
        assert ((NEW_TEXT if n else OLD_TEXT) in (published / PAGE).read_text(encoding="utf-8"))
        assert sorted(p.name for p in published.iterdir() if p.name.startswith(".")) == [".checklist-site-build"]


def test_a_killed_swap_of_a_symlinked_site_is_put_back(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    published = tmp_path / "mounted" / "site"
    published.mkdir(parents=True)
    (project / "site").symlink_to(published, target_is_directory=True)
    assert run_cli("-C", str(project), "build").returncode == 0
    before = sorted(p.relative_to(published).as_posix() for p in published.rglob("*"))
    page = (published / PAGE).read_bytes()
    _edit(project, OLD_TEXT, NEW_TEXT)
    # The site is the last folder swapped: stop when the docs/ folders are in and the site is not.
    result = _stop_at(project, "swapping", signal.SIGKILL, tmp_path)
    assert result.returncode == -signal.SIGKILL
    _edit(project, "critical: true}", "critcal: true}")
    assert run_cli("-C", str(project), "build").returncode == 1  # the next run recovers first
    assert sorted(p.relative_to(published).as_posix() for p in published.rglob("*")) == before
    assert (published / PAGE).read_bytes() == page
    assert OLD_TEXT in (project / "docs" / "checklists" / "realserv-launch" / "security.md").read_text(encoding="utf-8")


def _another_file_system(tmp_path: Path) -> Path | None:
    """A folder for the site on a file system other than the project's: the memory file system, or the repository's
    where the run's temporary folders are in memory (tests/conftest.py)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for candidate in (Path("/dev/shm"), ARTIFACTS):
        if candidate.is_dir() and os.access(candidate, os.W_OK) and candidate.stat().st_dev != tmp_path.stat().st_dev:
            return Path(tempfile.mkdtemp(dir=candidate))
    return None


def test_a_site_on_another_file_system(tmp_path: Path) -> None:
    other = _another_file_system(tmp_path)
    if other is None:
        pytest.skip("no second file system (/dev/shm, or the repository's) to put the site on")
    try:
        project = make_project(tmp_path / "p")
        config = project / "mkdocs.yml"
        from generator.zensical import without_keys

        config.write_text(without_keys(config.read_text(encoding="utf-8"), ("site_dir",)) + f"\nsite_dir: {other / 'site'}\n", encoding="utf-8")
        for n in range(2):
            if n:
                _edit(project, OLD_TEXT, NEW_TEXT)
            result = run_cli("-C", str(project), "build")
            assert result.returncode == 0, result.stderr
            assert (NEW_TEXT if n else OLD_TEXT) in (other / "site" / PAGE).read_text(encoding="utf-8")
        assert sorted(p.name for p in (other / "site").iterdir() if p.name.startswith(".")) == [".checklist-site-build"]
    finally:
        shutil.rmtree(other)


@pytest.mark.parametrize("kind", ["link", "folder", "empty-folder"])
def test_unknown_links_and_folders_in_generated_folders_are_refused_not_deleted(tmp_path: Path, kind: str) -> None:
    project = make_project(tmp_path / "p")
    assert run_cli("-C", str(project), "build").returncode == 0
    generated = project / "docs" / "checklists"
    stranger = generated / "realserv-launch" / "notes" if kind == "folder" else generated / "mine"
    if kind == "link":
        stranger.symlink_to(project / "docs" / "index.md")
    else:
        stranger.mkdir()
        if kind == "folder":
            (stranger / "draft.txt").write_text("mine\n", encoding="utf-8")
    result = run_cli("-C", str(project), "build")
    assert result.returncode == 1
    shown = stranger.relative_to(project).as_posix()  # as the project names it, at its place
    assert f"{shown}: error: {shown} was not written by checklist-site" in result.stderr and "nothing was changed" in result.stderr
    assert stranger.is_symlink() if kind == "link" else stranger.is_dir()


def test_the_old_site_is_set_aside_and_removed_by_the_next_build(tmp_path: Path) -> None:
    """A finished swap renames the old site and pages into the work folder's discarded/ (removing a large site file by
    file took up to 0.8 s at the end of each build); the next build removes them beside its own work, so at most one
    build's old folders are ever kept, and the published site is the new one."""
    from generator.build import Project, build
    from generator.publish.write import DISCARDED

    project = make_project(tmp_path / "p")
    discarded = project / ".checklist-site" / DISCARDED

    def aside() -> list[str]:
        return sorted(p.name.rsplit("-", 1)[0] for p in discarded.iterdir()) if discarded.exists() else []

    build(Project.at(project))
    assert aside() == []  # nothing was there before the first build
    _edit(project, OLD_TEXT, NEW_TEXT)
    build(Project.at(project))
    first = sorted(discarded.iterdir())
    assert aside() == ["checklists.old", "runbooks.old", "site.old"]
    assert OLD_TEXT in (first[-1] / PAGE).read_text(encoding="utf-8") and NEW_TEXT in (project / "site" / PAGE).read_text(encoding="utf-8")
    build(Project.at(project))
    assert aside() == ["checklists.old", "runbooks.old", "site.old"] and not any(p.exists() for p in first)  # the last build's only
    assert sorted(p.name for p in (project / ".checklist-site").iterdir() if p.name.endswith((".new", ".old"))) == []


def test_a_late_discard_removes_only_what_was_set_aside_before_the_build(tmp_path: Path) -> None:
    """The removal runs in a child at low priority and may run after this build's own swap has set the site it replaced
    aside: that one stays for the next build to remove, as the swap's promise goes (one build's old folders kept)."""
    from generator.publish.write import DISCARDED, discard, discarded

    folder = tmp_path / DISCARDED
    (folder / "site.old-1").mkdir(parents=True)
    before = discarded(tmp_path)
    (folder / "site.old-2").mkdir()  # set aside by this build's swap, before the late child ran
    discard(tmp_path, before)
    assert [p.name for p in folder.iterdir()] == ["site.old-2"]
    discard(tmp_path, discarded(tmp_path))
    assert not folder.exists()


def test_a_file_put_into_the_site_by_hand_is_refused_not_deleted_and_the_hint_publishes_it(tmp_path: Path) -> None:
    """The build replaces site/ whole: a file its last build did not write (a CNAME, a search engine's verification page,
    PDFs printed into it) went with the old site, without a word. It is refused, named with what to do, and nothing
    changes; followed, the hint has every build publish it."""
    project = make_project(tmp_path / "p")
    assert run_cli("-C", str(project), "-q", "build").returncode == 0
    site = project / "site"
    page = (site / PAGE).read_bytes()
    (site / "CNAME").write_text("checklists.example.org\n", encoding="utf-8")
    (site / "pdf").mkdir()
    (site / "pdf" / "packet.pdf").write_bytes(b"%PDF-1.7\n")
    _edit(project, OLD_TEXT, NEW_TEXT)
    refused = run_cli("-C", str(project), "build")
    assert refused.returncode == 1
    assert "site/CNAME, site/pdf/packet.pdf: not written by checklist-site" in refused.stderr, refused.stderr
    assert "error: site/CNAME" in refused.stderr and "site/CNAME -> docs/CNAME" in refused.stderr and "nothing was changed" in refused.stderr
    assert (site / "CNAME").is_file() and (site / "pdf" / "packet.pdf").is_file() and (site / PAGE).read_bytes() == page
    (project / "docs" / "pdf").mkdir()
    (site / "CNAME").rename(project / "docs" / "CNAME")  # as the hint says
    (site / "pdf" / "packet.pdf").rename(project / "docs" / "pdf" / "packet.pdf")
    for _ in range(2):  # published by the build, and by the next one
        built = run_cli("-C", str(project), "-q", "build")
        assert built.returncode == 0, built.stderr
        assert (site / "CNAME").read_text(encoding="utf-8") == "checklists.example.org\n" and (site / "pdf" / "packet.pdf").is_file()
        assert NEW_TEXT in (site / PAGE).read_text(encoding="utf-8")
