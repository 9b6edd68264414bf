"""Generated pages converted by substitution (generator/converted.py) are the pages MkDocs' own conversion gives: byte for byte."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.converted import Converted, blocks, plain

from .conftest import make_project, run_cli
from .test_copies import TITLES, _site

# mkdocs.yml changed as a user may change it: the permalinks' look, an extension that reads plain text (off then).
SMARTY = ("markdown_extensions:\n", "markdown_extensions:\n  - smarty\n")
OFFLINE = ("--offline", "")  # not a change of mkdocs.yml: the build's --offline (pages at .html addresses, links to them)
PERMALINK = ("      permalink: true\n", '      permalink: "#"\n      permalink_title: Link here\n')


def _checklist(sections: int) -> str:
    """Sections whose titles are plain or not (test_copies' TITLES), groups of different counts, with plain titles or not."""
    lines = ["id: long", "title: A long checklist", 'version: "1"', "sections:"]
    for s in range(1, sections + 1):
        title = TITLES[s % len(TITLES)].replace('"', '\\"')
        lines += [f"  - id: s{s}", f'    title: "{title} {s}"', "    priority: high", "    groups:"]
        for g in range(1, 1 + s % 3 + 1):
            group = f"Group {g} & {title}" if s % 4 == 0 else f"Group {g}: {s}.{g}"
            lines += [f"      - id: s{s}-g{g}", f'        title: "{group}"', "        items:"]
            lines += [f'          - {{id: s{s}-g{g}-i, text: "Check {s}.{g} & <x>", critical: {str(s % 2 == 0).lower()}}}']
    return "\n".join(lines) + "\n"


Change = tuple[str, str] | None


def _built(tmp_path: Path, name: str, data: Path | None, converted: bool, change: Change, monkeypatch: pytest.MonkeyPatch) -> tuple[dict[str, bytes], int]:
    """The site built, with the pages converted by substitution or not, and how many were (--offline: a change of None)."""
    project = make_project(tmp_path / name, data)
    offline = change == OFFLINE
    if change is not None and not offline:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert change[0] in text
        config.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    if converted:
        monkeypatch.delenv("CHECKLIST_SITE_NO_CONVERTED", raising=False)
    else:
        monkeypatch.setenv("CHECKLIST_SITE_NO_CONVERTED", "1")
    ran = run_cli("-C", str(project), "-v", "build", *(["--offline"] if offline else []))
    assert ran.returncode == 0, ran.stderr
    counted = [line for line in ran.stderr.splitlines() if "converted by substitution" in line]
    return _site(project), int(counted[0].split()[0]) if counted else 0


@pytest.mark.parametrize(
    ("data", "change", "some"),
    [("long", None, True), ("shipped", None, True), ("shipped", OFFLINE, True), ("long", PERMALINK, True), ("long", SMARTY, False)],
    ids=["mixed-titles", "shipped-data", "offline", "permalinks-configured", "smarty-off"],
)
def test_converted_pages_are_the_pages_mkdocs_converts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: str, change: Change, some: bool) -> None:
    source = None
    if data == "long":
        source = tmp_path / "data"
        source.mkdir()
        (source / "long.yaml").write_text(_checklist(26), encoding="utf-8")
    (on, count), (off, none) = (_built(tmp_path, f"p-{flag}", source, flag, change, monkeypatch) for flag in (True, False))
    assert none == 0
    assert (count > 0) == some, count  # titles with & or quotes are not plain: those pages are converted by MkDocs
    assert on.keys() == off.keys()
    different = [name for name in on if on[name] != off[name]]
    assert not different, different[:5]


def test_a_broken_link_on_a_converted_page_is_reported_once(tmp_path: Path) -> None:
    """Links of a page converted by substitution go through MkDocs' own check: a link to no page is its warning (once)."""
    import logging

    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config, files = _config(tmp_path)
    seen: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: seen.append(record.getMessage())  # type: ignore[method-assign]
    logger = logging.getLogger("mkdocs.structure.pages")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)  # whatever an earlier test (a quiet build) set on MkDocs' loggers
    try:
        converter = Converted()
        for n in range(2):  # the first page proves the form, the second is converted by substitution
            src = f"c/page{n}.md"
            page = Page(None, File(src, config["docs_dir"], config["site_dir"], True), config)
            page.markdown = "# Title\n\n[Print](sheets/none.md){ .md-button }\n"
            files = Files([*files, page.file])
            converter.on_page_markdown(page.markdown, page, config)
            page.render(config, files)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    assert converter.count == 1
    broken = [message for message in seen if "sheets/none.md" in message]
    assert len(broken) == 2 and "page0.md" in broken[0] and "page1.md" in broken[1], seen


def _config(tmp_path: Path) -> tuple[object, object]:
    from mkdocs.config import load_config
    from mkdocs.structure.files import File, Files

    (tmp_path / "docs").mkdir(exist_ok=True)
    root = Path(__file__).resolve().parent.parent  # the shipped mkdocs.yml, its Markdown extensions as configured there
    config = load_config(str(root / "mkdocs.yml"), docs_dir=str(tmp_path / "docs"), site_dir=str(tmp_path / "site"))
    target = File("c/sheets/target.md", config["docs_dir"], config["site_dir"], True)
    return config, Files([target])


# Any words of letters, marks, digits, punctuation and symbols of any script but the characters Markdown reads, joined by
# single spaces: the texts plain() admits, made rather than filtered.
FORBIDDEN = "\\`*_[]<>&\"{}#|~^=+$"
CHARACTERS = st.characters(categories=("L", "M", "N", "P", "S"), exclude_characters=FORBIDDEN) | st.sampled_from(list("éß中ж🔐–—·.:;,!?()'/%-@"))
TEXTS = st.lists(st.text(alphabet=CHARACTERS, min_size=1, max_size=8), min_size=1, max_size=5).map(" ".join)
IDS = st.from_regex(r"[a-z][a-z0-9-]{0,8}", fullmatch=True)


@st.composite
def _pages(draw: st.DrawFn) -> str:
    chunks = ["<!-- Generated -->"]
    used: set[str] = set()
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["h", "h-auto", "raw", "a", "p"]))
        text = draw(TEXTS)
        assert plain(text), text
        if kind == "h":
            ident = draw(IDS.filter(lambda i: i not in used))
            used.add(ident)
            chunks.append(f"{'#' * draw(st.integers(1, 6))} {text} {{#{ident}}}")
        elif kind == "h-auto":
            chunks.append(f"{'#' * draw(st.integers(1, 6))} {text}")
        elif kind == "raw":
            chunks.append('<div class="cl-slot" data-block="x:y"></div>\n<p class="m" data-search-exclude><span>t</span> u</p>')
        elif kind == "a":
            chunks.append(f"[{text}](sheets/target.md){{ .md-button .cl-print-link data-search-exclude }}")
        elif text[0].isalnum() and not text.split(" ")[0].rstrip(".)").isdigit():
            chunks.append(text)
    return "\n\n".join(chunks) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(markdown=_pages())
def test_any_page_of_plain_texts_converts_as_mkdocs_converts_it(tmp_path: Path, markdown: str) -> None:
    """The property the substitution rests on: for a page of the forms it converts, with any plain texts and ids, its
    content, table of contents, title and anchors are MkDocs' (each example its own build: its skeleton's proof)."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config, files = _config(tmp_path)
    page = Page(None, File("c/page.md", config["docs_dir"], config["site_dir"], True), config)
    page.markdown = markdown
    converter = Converted()
    assert blocks(markdown) is not None, markdown
    converter.on_page_markdown(markdown, page, config)
    page.render(config, Files([*files, page.file]))
    assert list(converter.skeletons.values()) == [True], markdown


def test_plain_texts_are_those_markdown_reads_nothing_in() -> None:
    assert plain("10.1 Group 1 of section 10") and plain("It's 🔐 done: 100% (v2) / Pre-launch, ok?")
    for text in ("A & B", "a *b*", "x_y", "[x]", "<b>", "`c`", 'say "hi"', "a  b", " lead", "trail ", "a\tb", "a\u202eb", "1 + 1", "a {#x}", "h#"):
        assert not plain(text), text


def _both_ways(tmp_path: Path, pages: list[str], marker: str = "", later: str = "") -> list[tuple[object, object]]:
    """Each page's (content, toc, title, anchors, links to anchors) converted in order with one ``Converted`` (the first
    page of a form proves it, the next are converted by substitution), and by MkDocs alone. ``marker``: toc's ``marker:``;
    ``later``: a text a plugin running after ours (a hook of a lower priority) appends to the last page's Markdown."""
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.pages import Page

    config, files = _config(tmp_path)
    if marker:
        config["mdx_configs"]["toc"] = {**config["mdx_configs"]["toc"], "marker": marker}  # type: ignore[index]
    converter, out = Converted(), []
    for n, markdown in enumerate(pages):
        made = [Page(None, File(f"c/page{n}-{way}.md", config["docs_dir"], config["site_dir"], True), config) for way in (1, 2)]  # type: ignore[index]
        files = Files([*files, *(page.file for page in made)])  # type: ignore[attr-defined]
        converter.on_page_markdown(markdown, made[0], config)
        for page in made:
            page.markdown = markdown + (later if n == len(pages) - 1 else "")
        made[0].render(config, files)
        Page.render(made[1], config, files)
        out.append(tuple(_seen(page) for page in made))
    return out


def _seen(page: object) -> tuple[object, ...]:
    """What a conversion set on ``page``, its links to its own anchors (the permalinks) said as to itself."""
    from generator.converted import _state

    state = _state(page)
    links = {"itself" if file is page.file else file.src_uri: anchors for file, anchors in (state[4] or {}).items()}  # type: ignore[attr-defined]
    return (*state[:4], links)


HEADER = "<!-- Generated by checklist-site from data/{}. Do not edit. -->"
SECTION = (  # a section page of the generator's (its header, a paragraph of notes) with a header and notes put in
    "{}\n\n# 1. Alpha\n\n[Print sign-off sheet](sheets/target.md){{ .md-button }}\n\n{}\n\n"
    '## 1.1 Group {{#g1}}\n\n<div class="cl-slot" data-block="c:g1"><span id="jwt"></span></div>\n'
)


@pytest.mark.parametrize(
    ("first", "later"),
    [
        (SECTION.format(HEADER.format("a.yaml"), "Notes"), SECTION.format(HEADER.format("b\tc.yaml"), "Notes")),  # a tab: Markdown expands it
        (SECTION.format(HEADER.format("a.yaml"), "Notes"), SECTION.format(HEADER.format("b\x02c.yaml"), "Notes")),  # STX: Markdown drops it
        (SECTION.format(HEADER.format("a.yaml"), "Notes"), SECTION.format(HEADER.format('b id="zz".yaml'), "Notes")),  # no anchor in a comment
        (SECTION.format(HEADER.format("a.yaml"), "Notes"), SECTION.format(HEADER.format("a.yaml"), "Contents")),  # toc's marker, below
        (SECTION.format(HEADER.format("a.yaml"), "Notes"), SECTION.format(HEADER.format("a.yaml"), "\u0661. Check")),  # a list item
        (SECTION.format(HEADER.format("a.yaml"), "Notes"), SECTION.format(HEADER.format("a.yaml"), "    Notes")),  # a code block
    ],
    ids=["tab-in-a-raw-line", "stx-in-a-raw-line", "id-in-a-comment", "text-is-toc-marker", "arabic-digits-list", "indented"],
)
def test_a_page_converted_by_substitution_after_its_proof_is_mkdocs_conversion(tmp_path: Path, first: str, later: str) -> None:
    """The proof of a form is its first page; a later page of the same forms whose values Markdown reads otherwise (a tab
    it expands in a raw line, an id inside a comment, a paragraph that is toc's ``marker:``, a line that is a list item in
    digits of another script, or a code block by its indentation) is converted by MkDocs."""
    for mine, theirs in _both_ways(tmp_path, [first, later], marker="Contents"):
        assert mine == theirs


def test_a_page_a_later_plugin_changes_is_converted_by_mkdocs(tmp_path: Path) -> None:
    """A plugin after ours (a hook of a lower priority) may change a page's Markdown: its conversion is of the changed page."""
    page = SECTION.format(HEADER.format("a.yaml"), "Notes")
    for mine, theirs in _both_ways(tmp_path, [page, page], later="\nAdded by a hook\n"):
        assert mine == theirs


def test_a_data_file_named_with_a_tab_builds_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The data file's name reaches every page of its checklist (the comment naming it, the status file's path): a tab in
    it is expanded by Markdown, so those pages are converted by MkDocs (another checklist's pages proved their forms)."""
    source = tmp_path / "data"
    source.mkdir()
    (source / "a.yaml").write_text(_checklist(26).replace("id: long", "id: first"), encoding="utf-8")
    (source / "b\tc.yaml").write_text(_checklist(12), encoding="utf-8")
    (on, count), (off, _) = (_built(tmp_path, f"p-{flag}", source, flag, None, monkeypatch) for flag in (True, False))
    assert count > 0
    assert on.keys() == off.keys()
    different = [name for name in on if on[name] != off[name]]
    assert not different, different[:5]


# Texts and ids that meet: the same text twice, an id that is another heading's slug or its slug with toc's suffix.
ANY_TEXTS = TEXTS | st.sampled_from(["A", "a", "a 1", "A_1"]) | st.text(min_size=1, max_size=12).filter(lambda t: "\n" not in t and "\r" not in t)
TWIN_IDS = IDS | st.sampled_from(["a", "a_1", "a_2", "a-1", "a_1_1"])


@st.composite
def _twins(draw: st.DrawFn) -> tuple[str, str]:
    """Two pages of the same forms (headings of the same levels, ids given or not, the same raw lines), with values of
    their own: any plain texts and ids, and now and then a text that is not plain (then MkDocs converts the page)."""
    kinds = draw(st.lists(st.sampled_from(["h", "h-auto", "raw", "comment", "a", "p"]), min_size=1, max_size=6))
    levels = [draw(st.integers(1, 6)) for _ in kinds]
    pages = []
    for _ in range(2):
        chunks, used = [], set()
        for kind, level in zip(kinds, levels, strict=True):
            text = draw(ANY_TEXTS)
            if kind == "h":
                ident = draw(TWIN_IDS.filter(lambda i, taken=used: i not in taken))
                used.add(ident)
                chunks.append(f"{'#' * level} {text} {{#{ident}}}")
            elif kind == "h-auto":
                chunks.append(f"{'#' * level} {text}")
            elif kind == "raw":
                chunks.append(f'<div class="cl-slot" data-block="x:y"><span id="{draw(IDS)}"></span></div>\n<p class="m">{html.escape(text)}</p>')
            elif kind == "comment":
                chunks.append(f"<!-- Generated from {text.replace('-', '&#45;').replace('<', '&lt;').replace('>', '&gt;')} -->")
            elif kind == "a":
                chunks.append(f"[{text}](sheets/target.md){{ .md-button .cl-print-link data-search-exclude }}")
            else:  # any line: a list item, a code block, ... is not a paragraph
                chunks.append(text)
        pages.append("\n\n".join(chunks) + "\n")
    return pages[0], pages[1]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(twins=_twins())
def test_a_page_of_a_proved_form_with_any_values_converts_as_mkdocs_converts_it(tmp_path: Path, twins: tuple[str, str]) -> None:
    """The property the substitution's proof rests on: once a form is proved by one page, any other page of the same
    forms, whatever its values, gets MkDocs' content, table of contents, title and anchors (or is converted by MkDocs)."""
    for mine, theirs in _both_ways(tmp_path, list(twins)):
        assert mine == theirs, twins
