"""`checklist-site serve`: pages regenerate when data/ changes; bad edits keep the last good pages."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest

from .conftest import ROOT, run_cli


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    """A rebuild freezes what outlives it (commands/serve.py: _collected); the next test starts with nothing frozen."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def _fresh_hook() -> None:
    """MkDocs loads the hook once a process (a cached module): each test's serve starts with nothing kept from another
    test's project, as a `serve` process does."""
    from generator.commands.serve import HOOK

    for module in [m for m in sys.modules.values() if getattr(m, "__file__", None) == HOOK]:
        module._live = module._Live()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, text: str, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            body = _get(url)
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{text!r} did not appear at {url}: {body[:200]!r}")


def test_serve_regenerates_on_edit_and_live_reloads(project: Path) -> None:
    runbooks = project / "data" / "runbooks.yaml"
    renamed = runbooks.read_text(encoding="utf-8").replace("  - id: redis-down\n", "  - id: redis-unavailable\n    former_ids: [redis-down]\n")
    runbooks.write_text(renamed, encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "-a", f"127.0.0.1:{port}"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/checklists/realserv-launch/security/"
    data = project / "data" / "realserv-launch.yaml"
    try:
        body = _wait_for(url, "Firebase Authentication configured")
        assert "livereload" in body
        assert 'content="0; url=../redis-unavailable/"' in _get(f"http://127.0.0.1:{port}/runbooks/redis-down/")  # a renamed runbook's redirect
        assert "Firebase Authentication configured" in _get(url.replace("/security/", "/sheets/security/"))  # filled from the packet
        data.write_text(
            data.read_text(encoding="utf-8").replace("Firebase Authentication configured (prod project)", "Firebase Auth configured and edited live"),
            encoding="utf-8",
        )
        _wait_for(url, "Firebase Auth configured and edited live")
        # The same pipeline as build: the JSON files too.
        assert '"id": "realserv-launch"' in _get(f"http://127.0.0.1:{port}/checklist.json")
        assert "redis-unavailable" in _get(f"http://127.0.0.1:{port}/runbook-links.json")
        # A broken edit is shown in the browser, located, over the last good page; fixed, the page comes back.
        good = data.read_text(encoding="utf-8")
        data.write_text(good.replace("critical: true}", "critcal: true}", 1), encoding="utf-8")
        body = _wait_for(url, 'class="cl-serve-error"')
        assert "Firebase Auth configured and edited live" in body
        shown = body.split('class="cl-serve-error"', 1)[1]
        assert re.search(r"data/realserv-launch\.yaml:\d+:\d+: error: unknown key &#x27;critcal&#x27;", shown), shown[:600]
        assert 'class="cl-serve-error"' in _get(url.replace("/security/", "/deployment/"))  # on every page
        data.write_text(good.replace("Firebase Auth configured and edited live", "Firebase Auth fixed"), encoding="utf-8")
        body = _wait_for(url, "Firebase Auth fixed")
        assert "cl-serve-error" not in body
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=20)
    assert "unknown key 'critcal'" in output
    assert "Serving on" in output


USER_NAV = "nav:\n  - Start here: index.md\n  - Using the site: how-to-use.md\n  - Benchmarks: development/benchmarks.md\n"


def test_serve_uses_the_nav_of_mkdocs_yml_as_build_does(project: Path) -> None:
    """A `nav:` in mkdocs.yml heads the navigation of `serve` as of `build`, followed by the generated pages."""
    from mkdocs.config import load_config

    from generator import serve_hook
    from generator.build import Project, check, navigation
    from generator.site.layout import Urls
    from generator.site.render import render

    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8") + USER_NAV, encoding="utf-8")
    os.environ["CHECKLIST_SITE_ROOT"] = str(project)
    try:
        config = serve_hook.on_config(load_config(str(config_file)))
    finally:
        del os.environ["CHECKLIST_SITE_ROOT"]
    user_nav = [{"Start here": "index.md"}, {"Using the site": "how-to-use.md"}, {"Benchmarks": "development/benchmarks.md"}]
    site = render(check(Project.at(project)), Urls.of(config))
    assert config["nav"] == navigation(user_nav, project / "docs", site)
    assert config["nav"][:3] == user_nav and len(config["nav"]) > 3
    # The real server shows it.
    proc, url = _start(project)
    try:
        body = _wait_for(f"{url}checklists/realserv-launch/security/", "Firebase Authentication configured")
        assert "Using the site" in body and "Start here" in body
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def _start(project: Path) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "-C", str(project), "serve", "-a", f"127.0.0.1:{port}"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return proc, f"http://127.0.0.1:{port}/"


def test_one_edit_is_one_rebuild_and_nothing_is_written_into_the_project(project: Path) -> None:
    """serve builds from a staged docs/, so its own pages do not wake the watcher for a second rebuild."""
    proc, base = _start(project)
    url = f"{base}checklists/realserv-launch/security/"
    data = project / "data" / "realserv-launch.yaml"
    try:
        _wait_for(url, "Firebase Authentication configured")
        data.write_text(data.read_text(encoding="utf-8").replace("Firebase Authentication configured", "Firebase Auth edited once"), encoding="utf-8")
        _wait_for(url, "Firebase Auth edited once")
        time.sleep(2)  # a second rebuild would start within half a second (and say so as it starts)
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=20)
    assert output.count("Building documentation") == 2, output  # the first build, and the edit's
    assert output.count("Detected file changes") == 1, output
    assert sorted(p.name for p in (project / "docs").iterdir()) == sorted(p.name for p in (ROOT / "docs").iterdir() if p.name not in ("checklists", "runbooks"))


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def test_a_deleted_hand_written_page_leaves_the_served_site(project: Path) -> None:
    proc, base = _start(project)
    try:
        _wait_for(f"{base}how-to-use/", "<h1")
        assert 'href="how-to-use/"' in _get(base)  # in the navigation
        (project / "docs" / "how-to-use.md").unlink()
        deadline = time.monotonic() + 30
        while _status(f"{base}how-to-use/") != 404 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert _status(f"{base}how-to-use/") == 404
        home = _wait_for(base, "Launch checklists")
        assert "how-to-use" not in home
        assert "Firebase Authentication configured" in _get(f"{base}checklists/realserv-launch/security/")
    finally:
        proc.terminate()
        proc.communicate(timeout=20)


def _site_files(site: Path) -> dict[str, bytes]:
    import gzip

    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    return {rel: gzip.decompress(data) if rel.endswith(".gz") else data for rel, data in files.items()}  # gzip's header holds the time


def test_a_dirty_rebuild_gives_the_site_a_full_build_gives(project: Path, tmp_path: Path) -> None:
    """After an edit of an item (its page, its sheet, the packet and search change), the site MkDocs
    built dirty with the hook's post-build steps is byte for byte the site of a full build."""
    from generator.commands.serve import rebuild
    from generator.project import Project

    url = "http://127.0.0.1:8000/"
    served = tmp_path / "served"
    assert rebuild(Project.at(project), served / "docs", url, site_dir=str(served / "site")) == "full"  # the first build is a full one
    assert rebuild(Project.at(project), served / "docs", url, site_dir=str(served / "site")) == "publish"  # nothing changed: MkDocs builds nothing
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Firebase Authentication configured", "Firebase Auth edited <in place>"), encoding="utf-8")
    assert rebuild(Project.at(project), served / "docs", url, site_dir=str(served / "site")) == "publish"  # an item's text: blocks only
    dirty = _site_files(served / "site")
    assert "Firebase Auth edited &lt;in place&gt;" in dirty["checklists/realserv-launch/security/index.html"].decode()
    assert "Firebase Auth edited &lt;in place&gt;" in dirty["checklists/realserv-launch/sheets/security/index.html"].decode()  # its slot filled again
    assert "Firebase Auth edited" in dirty["search/search_index.json"].decode()
    fresh = tmp_path / "fresh"
    shutil.copytree(project, fresh / "project", ignore=shutil.ignore_patterns(".checklist-site"))
    assert rebuild(Project.at(fresh / "project"), fresh / "docs", url, site_dir=str(fresh / "site")) == "full"
    full = _site_files(fresh / "site")
    assert sorted(dirty) == sorted(full)
    assert [rel for rel in sorted(full) if dirty[rel] != full[rel]] == []
    assert not (project / "docs" / "checklists").exists()


def test_mirror_copies_what_changed_and_removes_what_is_gone(tmp_path: Path) -> None:
    from generator.publish.write import mirror

    source, target = tmp_path / "docs", tmp_path / "staged"
    (source / "images").mkdir(parents=True)
    (source / "checklists").mkdir()
    (source / "index.md").write_text("# Home\n", encoding="utf-8")
    (source / "images" / "a.png").write_bytes(b"png")
    (source / "checklists" / "stale.md").write_text("left by a build\n", encoding="utf-8")
    (target / "checklists").mkdir(parents=True)
    (target / "checklists" / "generated.md").write_text("# Generated\n", encoding="utf-8")
    assert mirror(source, target, ("checklists",)) == ["images/a.png", "index.md"]
    assert mirror(source, target, ("checklists",)) == []  # nothing changed: nothing copied
    (source / "index.md").write_text("# Home, edited\n", encoding="utf-8")
    (source / "images" / "a.png").unlink()
    assert mirror(source, target, ("checklists",)) == ["index.md", "images/a.png"]
    assert (target / "index.md").read_text(encoding="utf-8") == "# Home, edited\n"
    assert not (target / "images").exists()
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["checklists/generated.md", "index.md"]


def test_a_file_cache_loads_again_only_the_files_that_changed(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.format import validate
    from generator.format.validate import FileCache
    from generator.project import Project, check

    loaded: list[str] = []
    real = validate.load_data_file
    monkeypatch.setattr(validate, "load_data_file", lambda path, display: (loaded.append(display), real(path, display))[1])
    cache = FileCache()
    first = check(Project.at(project), cache=cache)
    assert loaded == ["data/realserv-launch.status.yaml", "data/realserv-launch.yaml", "data/runbooks.yaml"]
    assert check(Project.at(project), cache=cache) == first and len(loaded) == 3  # nothing changed: nothing loaded
    runbooks = project / "data" / "runbooks.yaml"
    runbooks.write_text(runbooks.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    edited = check(Project.at(project), cache=cache)
    assert loaded[3:] == ["data/runbooks.yaml"]
    assert edited == check(Project.at(project)) != first


def test_a_rebuild_is_a_full_one_when_more_than_generated_pages_changed(project: Path, tmp_path: Path) -> None:
    """A title (the navigation), a hand-written page, mkdocs.yml or overrides/: every page may show it, so all are built."""
    from generator.commands.serve import rebuild
    from generator.project import Project

    def again() -> str:
        return rebuild(Project.at(project), tmp_path / "docs", "http://127.0.0.1:8000/", site_dir=str(tmp_path / "site"))

    assert again() == "full" and again() == "publish"
    data = project / "data" / "realserv-launch.yaml"
    text = data.read_text(encoding="utf-8")
    assert "    title: Security\n" in text
    data.write_text(text.replace("    title: Security\n", "    title: Security and access\n", 1), encoding="utf-8")
    assert again() == "full"
    other = tmp_path / "site" / "checklists" / "realserv-launch" / "deployment" / "index.html"
    assert "Security and access" in other.read_text(encoding="utf-8")  # in its navigation
    edits = [("docs/how-to-use.md", "# ", "# Edited: "), ("mkdocs.yml", "site_name: ", "site_name: Edited "), ("overrides/main.html", "{%", "{# edited #}{%")]
    for path, old, new in edits:
        assert again() == "publish"
        (project / path).write_text((project / path).read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        assert again() == "full", path


def test_serve_publishes_as_build_does_and_does_not_serve_a_page_the_scan_refuses(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild runs build's pipeline (generator.publish): the JSON files, and the safety scan of the pages it
    wrote, whose hit is not served: the located message takes the page's place until a rebuild is clean."""
    from generator import publish
    from generator.build import mkdocs_config
    from generator.commands.serve import HOOK, rebuild
    from generator.project import Project

    site = tmp_path / "site"
    hook = mkdocs_config(Project.at(project), hooks=[HOOK], strict=False).plugins[HOOK]

    def again() -> str:
        return rebuild(Project.at(project), tmp_path / "docs", "http://127.0.0.1:8000/", site_dir=str(site))

    assert again() == "full"
    assert json.loads((site / "checklist.json").read_text(encoding="utf-8"))["checklists"][0]["id"] == "realserv-launch"
    assert "service-down" in (site / "runbook-links.json").read_text(encoding="utf-8")
    real = publish.render_paper

    def leaking(*args: object) -> dict[str, str]:  # an escaping bug: script in the security sheet's block, in the packet and on the sheet's page
        blocks = real(*args)
        keys = ("checklists/realserv-launch:sheet-security", "checklists/realserv-launch:page-sheets/security")
        return {**blocks, **{key: blocks[key] + "<img src=x onerror=alert(1)>" for key in keys}}

    monkeypatch.setattr(publish, "render_paper", leaking)
    data = project / "data" / "realserv-launch.yaml"
    data.write_text(data.read_text(encoding="utf-8").replace("Firebase Authentication configured", "Firebase Auth edited"), encoding="utf-8")
    assert again() == "publish"  # no page for MkDocs: the scan reads the pages the steps after it filled
    sheet = (site / "checklists/realserv-launch/sheets/security/index.html").read_text(encoding="utf-8")
    assert "<img src=x" not in sheet and 'class="cl-serve-error"' in sheet
    assert "checklists/realserv-launch/sheets/security/index.html: " in hook.error() and "could run script" in hook.error()
    assert "Firebase Auth edited" in (site / "checklists/realserv-launch/security/index.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    assert again() == "full"  # the last rebuild did not finish: a full one
    assert hook.error() == ""
    sheet = (site / "checklists/realserv-launch/sheets/security/index.html").read_text(encoding="utf-8")
    assert "cl-serve-error" not in sheet and "Firebase Auth edited" in sheet


def test_a_data_error_is_kept_for_the_browser_until_a_rebuild_checks(project: Path, tmp_path: Path) -> None:
    from generator.build import mkdocs_config
    from generator.commands.serve import HOOK, rebuild
    from generator.project import Project

    hook = mkdocs_config(Project.at(project), hooks=[HOOK], strict=False).plugins[HOOK]

    def again() -> str:
        return rebuild(Project.at(project), tmp_path / "docs", "http://127.0.0.1:8000/", site_dir=str(tmp_path / "site"))

    again()
    data = project / "data" / "realserv-launch.yaml"
    good = data.read_text(encoding="utf-8")
    data.write_text(good.replace("critical: true}", "critcal: true}", 1), encoding="utf-8")
    again()
    assert re.match(r"data/realserv-launch\.yaml:\d+:\d+: error: unknown key 'critcal'", hook.error()), hook.error()
    box = hook.overlay("<b>x</b> & 'y'")
    assert box.startswith('<div class="cl-serve-error" role="alert"') and "&lt;b&gt;x&lt;/b&gt; &amp; &#x27;y&#x27;" in box
    data.write_text(good, encoding="utf-8")
    again()
    assert hook.error() == ""


def test_after_each_edit_the_served_site_is_the_site_of_a_full_build(project: Path, tmp_path: Path) -> None:
    """Edits one after the other, each rebuilt as serve rebuilds (an item's text: the section parsed again alone, the
    parts kept, no MkDocs; an edit that breaks the check; a renamed id: the section page again; a moved section: all), and after each that
    builds, the served site byte for byte the site a full build of the same data gives."""
    from generator.build import mkdocs_config
    from generator.commands.serve import HOOK, rebuild
    from generator.project import Project

    url, served = "http://127.0.0.1:8000/", tmp_path / "served"
    hook = mkdocs_config(Project.at(project), hooks=[HOOK], strict=False).plugins[HOOK]
    data = project / "data" / "realserv-launch.yaml"
    text = data.read_text(encoding="utf-8")
    first, second, third = (m.start() for m in list(re.finditer(r"^  - id: ", text, re.MULTILINE))[:3])
    moved = text[:first] + text[second:third] + text[first:second] + text[third:]  # the second section first
    steps = [
        ("publish", text.replace("Firebase Authentication configured", "Firebase Auth edited <in place>")),
        ("", text.replace("critical: true}", "critcal: true}", 1)),  # does not check: the last good site stays
        ("dirty", text.replace("id: firebase-authentication-configured-prod", "id: firebase-auth-prod, former_ids: [firebase-authentication-configured-prod]")),
        ("full", moved),
    ]
    assert rebuild(Project.at(project), served / "docs", url, site_dir=str(served / "site")) == "full"
    sites = {}
    for n, (how, edited) in enumerate(steps):
        data.write_text(edited, encoding="utf-8")
        assert rebuild(Project.at(project), served / "docs", url, site_dir=str(served / "site")) in ((how,) if how else ("publish", "dirty")), n
        if not how:
            assert "critcal" in hook.error()
            continue
        assert hook.error() == ""
        assert gc.isenabled() and gc.get_freeze_count() > 0  # the collector runs again, over what the next rebuild makes
        sites[n] = _site_files(served / "site")
    for n, dirty in sites.items():  # after the served rebuilds: the hook keeps one project's state, this process's
        fresh = tmp_path / f"fresh{n}"
        shutil.copytree(project, fresh / "project", ignore=shutil.ignore_patterns(".checklist-site"))
        (fresh / "project" / "data" / "realserv-launch.yaml").write_text(steps[n][1], encoding="utf-8")
        assert rebuild(Project.at(fresh / "project"), fresh / "docs", url, site_dir=str(fresh / "site")) == "full"
        full = _site_files(fresh / "site")
        assert sorted(dirty) == sorted(full), n
        assert [rel for rel in sorted(full) if dirty[rel] != full[rel]] == [], n


def test_a_status_folded_again_as_it_was_is_the_last_rebuilds_object(project: Path) -> None:
    """A record folder's entries are folded into a new status by every check; serve gives the last good rebuild's
    status where the new one equals it, so the kept parts' keys compare it at once (serve_hook.as_before)."""
    from generator.format.incremental import Incremental
    from generator.project import Project, check
    from generator.serve_hook import as_before

    from .conftest import run_cli

    assert run_cli("-C", str(project), "mark", "firebase-authentication-configured-prod", "--done", "--by", "Priya").returncode == 0
    assert any((project / "data" / "realserv-launch.record").iterdir())
    cache = Incremental()
    first = check(Project.at(project), cache=cache)
    again = check(Project.at(project), cache=cache)
    assert again.statuses[0] is not first.statuses[0] and again.statuses[0] == first.statuses[0]  # folded afresh
    assert as_before(again, first).statuses[0] is first.statuses[0]
    assert as_before(again, first).checklists == again.checklists
    assert run_cli("-C", str(project), "mark", "firebase-authentication-configured-prod", "--open", "--by", "Priya").returncode == 0
    changed = check(Project.at(project), cache=cache)
    assert as_before(changed, first).statuses[0] is changed.statuses[0] != first.statuses[0]


def test_a_hand_written_slot_naming_no_block_is_shown_located_as_build_says_it(project: Path, tmp_path: Path) -> None:
    from generator.build import mkdocs_config
    from generator.commands.serve import HOOK, rebuild
    from generator.project import Project

    hook = mkdocs_config(Project.at(project), hooks=[HOOK], strict=False).plugins[HOOK]

    def again() -> str:
        return rebuild(Project.at(project), tmp_path / "docs", "http://127.0.0.1:8000/", site_dir=str(tmp_path / "site"))

    again()  # serving, as it starts: then the typo
    home = project / "docs" / "index.md"
    good = home.read_text(encoding="utf-8")
    home.write_text(good.replace("checklists:all-checklists", "checklists:all-checklist"), encoding="utf-8")
    line = next(n for n, text in enumerate(home.read_text(encoding="utf-8").splitlines(), 1) if "cl-slot" in text)
    again()
    said = hook.error()
    assert said.startswith(f"docs/index.md:{line}:1: error: the slot names no block the build makes: 'checklists:all-checklist'"), said
    assert "checklists:all-checklists" in said and "Traceback" not in said  # the slot there is, as the hint
    home.write_text(good, encoding="utf-8")
    again()
    assert hook.error() == ""
    assert 'class="cl-slot"' not in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")  # the home page's list filled in


def test_slots_shown_as_code_are_none_and_every_slot_naming_no_block_is_located_alike_by_build_and_serve(project: Path, tmp_path: Path) -> None:
    """A page showing how to write a slot (in a fenced block, an indented block or inline code) holds no slot: build
    builds it and serve says nothing. Slots naming no block, written while serve runs (a page in a subfolder, a key
    written with an entity, two typos) are each located, the same by both, and so is a slot written so that no build
    reads it (single quotes, class last: it would stay empty), and one in an admonition (Markdown there, as a fenced
    example in one is code); serve goes on with the last good pages; fixed, serve's
    error clears and the slots are filled."""
    from generator.build import mkdocs_config
    from generator.commands.serve import HOOK, rebuild
    from generator.project import Project

    def served() -> str:
        hook = mkdocs_config(Project.at(project), hooks=[HOOK], strict=False).plugins[HOOK]
        rebuild(Project.at(project), tmp_path / "docs", "http://127.0.0.1:8000/", site_dir=str(tmp_path / "site"))
        return hook.error()

    how = project / "docs" / "how-to-use.md"
    shown = '<div class="cl-slot" data-block="checklists:NAME"></div>'
    example = f'!!! example "In a note"\n\n    ```html\n    {shown}\n    ```\n'  # a fenced block inside an admonition
    told = f"\n\nA slot:\n\n```html\n{shown}\n```\n\n    {shown}\n\nOr inline: `{shown}`.\n\n{example}"
    how.write_text(how.read_text(encoding="utf-8") + told, encoding="utf-8")
    built = run_cli("-C", str(project), "build")
    assert built.returncode == 0, built.stderr
    assert served() == ""
    (project / "docs" / "guides").mkdir()
    guide = project / "docs" / "guides" / "lists.md"
    odd = "<div data-block='checklists:all-checklists' class='cl-slot'></div>"  # read by no build: it would stay empty
    note = '!!! note "All lists"\n\n    <div class="cl-slot" data-block="checklists:all-checklistz"></div>\n'  # Markdown inside, as Python-Markdown reads it
    entity = '<div class="cl-slot" data-block="checklists&#58;all-checklist"></div>'
    guide.write_text(f"# Lists\n\nAll of them:\n\n  {entity}\n\nAgain: {odd}\n\n{note}", encoding="utf-8")
    home = project / "docs" / "index.md"
    good = home.read_text(encoding="utf-8")
    good_slot = '<div class="cl-slot" data-block="checklists:all-checklists"></div>'
    home.write_text(good.replace("checklists:all-checklists", "checklist:all-checklists"), encoding="utf-8")
    line = next(n for n, text in enumerate(good.splitlines(), 1) if "cl-slot" in text)
    said = served()
    failed = run_cli("-C", str(project), "build")
    assert failed.returncode == 1
    for out in (said, failed.stderr):
        assert f"docs/index.md:{line}:1: error: the slot names no block the build makes: 'checklist:all-checklists'" in out, out
        assert "docs/guides/lists.md:5:3: error: the slot names no block the build makes: 'checklists:all-checklist'" in out, out
        assert "docs/guides/lists.md:7:8: error: a slot is written otherwise than the build reads one" in out, out
        assert "docs/guides/lists.md:11:5: error: the slot names no block the build makes: 'checklists:all-checklistz'" in out, out
        assert "NAME" not in out and "Traceback" not in out
    home.write_text(good, encoding="utf-8")
    fixed = guide.read_text(encoding="utf-8").replace("all-checklist\"", "all-checklists\"").replace("all-checklistz", "all-checklists")
    guide.write_text(fixed.replace(odd, good_slot), encoding="utf-8")
    assert served() == ""
    assert "cl-slot" not in (tmp_path / "site" / "guides" / "lists" / "index.html").read_text(encoding="utf-8")  # both filled


def test_a_template_error_while_serving_is_said_at_its_line_not_as_a_bug(tmp_path: Path) -> None:
    """A template of overrides/ failing while MkDocs renders a page stopped `serve`'s first build with 'internal error:
    UndefinedError: ...' and 'this is a bug in checklist-site': it is said at the template's line, as `build` says it
    (the server shows it over the pages, and serves on)."""
    from generator.commands.serve import rebuild
    from generator.errors import BuildError
    from generator.project import Project

    from .conftest import FIXTURES, make_project

    project = make_project(tmp_path / "p", FIXTURES / "mini")
    broken = '{% extends "base.html" %}\n{% block content %}\n{{ page.nope.deeper }}\n{% endblock %}\n'
    (project / "overrides" / "main.html").write_text(broken, encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        rebuild(Project.at(project), tmp_path / "docs", "http://127.0.0.1:8000/", None, project / "docs", site_dir=str(tmp_path / "site"))
    said = raised.value.format()
    assert said.startswith("overrides/main.html:3:1: error: template error: UndefinedError:") and "(building the page docs/" in said, said
