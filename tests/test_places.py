"""Data text where it lands beyond a page's body text: the page's headings, the command line's site address, the exports."""

from __future__ import annotations

import dataclasses
import datetime
import json
import re
from html import unescape
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from generator.exchange.export import as_markdown
from generator.exchange.importing import run_import
from generator.exchange.source import decoded
from generator.format.model import Checklist, Data
from generator.format.types import InlineMarkdown, MarkdownBlock, PlainText
from generator.format.validate import load_all
from generator.site import escape

from .conftest import FIXTURES, ROOT, load_checklist, make_project, run_cli

# ---- a Markdown block adds no heading to its page ------------------------------------------------


def _site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions of the site's mkdocs.yml (its toc makes each heading a permalink and a
    navigation entry)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name = entry if isinstance(entry, str) else next(iter(entry))
        names.append(name)
        if isinstance(entry, dict):
            options[name] = entry[name] or {}
    return markdown.Markdown(extensions=names, extension_configs=options)


_CONTAINERS = ["", " ", "   ", "> ", ">> ", "> > ", "- ", "* ", "+ ", "1. ", "2) ", "- > ", "> - ", "  - ", "1. - "]
_HEADS = ["# ", "## ", "###### ", "#", "#x ", " # "]
_UNDERLINES = ["=", "===", "-", "---", "--", "   ===", "= =", "- - -", "***"]
_lines = st.one_of(
    st.tuples(st.sampled_from(_CONTAINERS), st.sampled_from(_HEADS), st.sampled_from(["Zq title", "Zq", ""])).map("".join),
    st.tuples(st.sampled_from(_CONTAINERS), st.sampled_from(_UNDERLINES)).map("".join),
    st.tuples(st.sampled_from(_CONTAINERS), st.sampled_from(["Zq words", "text #", "a"])).map("".join),
    st.just(""),
)


def test_a_markdown_block_of_the_data_makes_no_heading() -> None:
    """Each way Markdown makes a heading: '#' after a quote or list marker, and a setext underline (a section's notes
    'Title' then '---' was an <h2> of the runbook page, in its table of contents, with an id of its own)."""
    md = _site_markdown()
    for text in ("> # Quoted", "- # Listed", "1. ## Numbered", ">> ### Nested", "- #Tight", "Setext\n---", "Setext\n===", "> Quoted\n> ---", "- item\n---"):
        out = md.reset().convert(escape.markdown(MarkdownBlock(text)))
        assert not re.search(r"<h[1-6]", out), (text, out)
    kept = md.reset().convert(escape.markdown(MarkdownBlock("Before\n\n---\n\nAfter\n\n- one\n- two\n\n> quoted")))
    assert "<hr" in kept and "<li>one</li>" in kept and "<blockquote>" in kept, kept  # a rule, a list and a quote stay what they are


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_lines, min_size=1, max_size=6).map("\n".join))
def test_no_markdown_block_makes_a_heading(text: str) -> None:
    if not text.strip():
        return
    out = _site_markdown().convert(escape.markdown(MarkdownBlock(text)))
    assert not re.search(r"<h[1-6]", out), (text, escape.markdown(MarkdownBlock(text)), out)


# ---- the site's address: from the command line or mkdocs.yml, into every page's head and every export -----------

UNSAFE_SITE_URLS = [
    "javascript://x/%0aalert(1)//",  # a scheme and a host, as MkDocs asks of a site_url: a canonical link that runs script
    "data://x/text/html,<script>alert(1)</script>",
    'https://x.test/"><script>alert(1)</script>',
    "https://x.test/a'b/",
    "https://x.test/a b/",
    "https://x.test/<b>/",
]


@pytest.mark.parametrize("url", UNSAFE_SITE_URLS)
def test_an_unsafe_site_url_on_the_command_line_is_a_usage_error(tmp_path: Path, url: str) -> None:
    """Refused before anything is built or written, by every command that takes it: it would be every page's canonical
    link, the sitemap's addresses, and each URL of the exports and the alarm map (which monitoring links from)."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    for command in ("build", "export", "links", "status"):
        result = run_cli("-C", str(project), command, "--site-url", url)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert "error: --site-url: expected an http(s) address" in result.stderr, (command, result.stderr)
        assert "escaping" not in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize("url", ["https://x.test/{{$value}}/", "https://x.test/${var.x}/", "https://x.test/%{if x}/", "https://x.test/{{.Labels}}/"])
def test_a_site_url_holding_a_templates_notation_is_refused_so_no_alert_rule_expands_it(tmp_path: Path, url: str) -> None:
    """The runbook URLs under the site's address go into alerting rules (links --format prometheus, links --fix): an
    annotation is a template to Prometheus, Alertmanager and Grafana, so 'https://x.test/{{$value}}/' became the alert's
    value in every runbook link, and '${...}' is Terraform's. No URL holds a brace (RFC 3986): refused where the address
    is read, on the command line and in mkdocs.yml, by every command (in-process: the check they all share)."""
    from generator.build import site_url_of
    from generator.errors import UsageError
    from generator.mkdocs_yml import site_url_problem
    from generator.project import Project

    project = Project.at(make_project(tmp_path / "p", data=FIXTURES / "mini"))
    with pytest.raises(UsageError, match="expected an http"):
        site_url_of(project, url)
    assert site_url_problem(url)


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_unsafe_site_url_in_mkdocs_yml_is_located(tmp_path: Path, engine: str) -> None:
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    n = next(i for i, ln in enumerate(lines, 1) if ln.startswith("site_url:"))
    lines[n - 1] = "site_url: javascript://x/%0aalert(1)//"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    for args in (("build", "--engine", engine), ("export",)):
        result = run_cli("-C", str(project), *args)
        assert result.returncode == 2, (args, result.stderr)
        assert f"mkdocs.yml:{n}:1: error: key 'site_url': expected an http(s) address" in result.stderr, result.stderr
        assert "hint: fix 'site_url' in mkdocs.yml" in result.stderr
    assert not (project / "site").exists()


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("site_name", "Ops</title><script>alert(1)</script>"),  # the <title> and the header, as they are
        ("site_description", 'x" http-equiv="refresh" content="0;url=https://evil.test'),  # <meta content="..."> unescaped
        ("repo_name", "<b>repo</b>"),
        ("repo_url", "javascript://x/%0aalert(1)//"),  # the header's repository link
    ],
    ids=["site_name", "site_description", "repo_name", "repo_url"],
)
def test_a_key_the_theme_prints_as_html_is_refused_at_its_place_by_both_engines(tmp_path: Path, key: str, value: str) -> None:
    """Material and Zensical print site_name, site_description, site_author and repo_name into every page as they are, as
    HTML, and repo_url as a link: the scan refused such a site, but said 'this is a bug in checklist-site's escaping:
    report it' and named no key of mkdocs.yml (and, read without MkDocs for Zensical, nothing stopped it before the build)."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    kept = [ln for ln in config.read_text(encoding="utf-8").splitlines() if not ln.startswith(f"{key}:")]
    config.write_text("\n".join([*kept, f"{key}: {json.dumps(value)}"]) + "\n", encoding="utf-8")
    n = len(config.read_text(encoding="utf-8").splitlines())
    for engine in ("mkdocs", "zensical") if key in ("site_name", "repo_url") else ("zensical",):  # Zensical's reading first
        result = run_cli("-C", str(project), "build", "--engine", engine)
        assert result.returncode == 2, (engine, result.stderr)
        assert f"mkdocs.yml:{n}:1: error: key '{key}': expected " in result.stderr and f"hint: fix '{key}' in mkdocs.yml" in result.stderr
        assert "escaping" not in result.stderr and "Traceback" not in result.stderr
    assert not (project / "site").exists()
    config.write_text(config.read_text(encoding="utf-8").replace(json.dumps(value), json.dumps("R&D's 'launch' checklists")), encoding="utf-8")
    if key != "repo_url":  # an ampersand and apostrophes are text to the theme: a name may hold them
        from generator.build import mkdocs_config
        from generator.project import Project

        assert mkdocs_config(Project.at(project))[key] == "R&D's 'launch' checklists"


# ---- the Markdown export: what a CommonMark renderer shows, and what import reads back --------------------------

_COMMONMARK = MarkdownIt("commonmark")  # raw HTML on, as GitHub's parser before its sanitizer, and renderers without one


def _html_and_headings(text: str) -> tuple[list[str], list[int]]:
    """The raw HTML a CommonMark renderer passes through from ``text``, and the lines where it makes headings."""
    tokens = _COMMONMARK.parse(text)
    html = [t.content for t in tokens if t.type == "html_block"] + [c.content for t in tokens for c in t.children or [] if c.type == "html_inline"]
    return html, [t.map[0] for t in tokens if t.type == "heading_open" and t.map]


def test_the_markdown_export_shows_every_text_of_the_data_as_text_and_import_reads_it_back(tmp_path: Path) -> None:
    """The export is for GitHub, GitLab and any CommonMark renderer, some of which pass raw HTML through: it carried the
    data's texts as written, so '<img src=x onerror=...>' of an item (text on the site) was an element there, and a
    section's notes made headings that import read back as groups."""
    files = [FIXTURES / "payloads.yaml", FIXTURES / "mini" / "mini.yaml", FIXTURES / "mini" / "runbooks.yaml"]
    data, issues = load_all([(path, f"data/{path.name}") for path in files])
    assert not [i for i in issues if i.severity == "error"], issues
    exported = as_markdown(data)
    html, headings = _html_and_headings(exported)
    assert html and all(re.fullmatch(r"<!-- checklist-site: [a-z-]+ -->\n", h) for h in html), html  # the export's own hints only
    lines = exported.splitlines()
    assert headings == [n for n, line in enumerate(lines) if re.match(r"#{1,3} ", line)]  # the export's own headings only
    assert "onerror=alert('img')" in exported and "<img src=x onerror" not in exported
    boxes = len(re.findall(r"^\s*(?:[-*+]|\d+\.) \[[ x]\] ", exported, re.M))
    assert boxes == sum(len(c.item_blocks()) for c in data.checklists) + sum(
        len(c.final_signoff.decision.options) for c in data.checklists if c.final_signoff
    )  # a box of the file is an item (or a Go / No-Go option), never a line of notes or details
    for c in data.checklists:
        # An icon that is no emoji reads back as part of its section's title: not the escaping's doing.
        c = dataclasses.replace(c, sections=tuple(dataclasses.replace(s, icon=PlainText()) for s in c.sections))
        (tmp_path / f"{c.id}.md").write_text(as_markdown(Data((c,))), encoding="utf-8")
        written = run_import(tmp_path / f"{c.id}.md", tmp_path / "data" / f"{c.id}.yaml", tmp_path / "docs", today=datetime.date(2026, 1, 12))
        out = tmp_path / f"{c.id}-again.yaml"
        out.write_text(next(iter(written.files.values())), encoding="utf-8")
        again, problems = load_checklist(out, out.name)
        assert again is not None and not problems
        after = dict(_texts(again))
        assert [(k, v, after.get(k)) for k, v in _texts(c) if after.get(k) != v] == []


def test_the_json_files_hold_no_markup_and_read_back_as_the_data() -> None:
    """checklist.json (the export) and runbook-links.json (the alarm map) kept the data's '<', '>' and '&' as written:
    '</script><img src=x onerror=...>' of an item was markup to a browser or host that takes the file for HTML, or to a
    page that inlines it. They are JSON escapes now (escape.json_inert), the same texts to every JSON reader."""
    from generator.exchange import links
    from generator.exchange.export import as_json

    files = [FIXTURES / "payloads.yaml", FIXTURES / "mini" / "mini.yaml", FIXTURES / "mini" / "runbooks.yaml"]
    data, issues = load_all([(path, f"data/{path.name}") for path in files])
    assert not [i for i in issues if i.severity == "error"], issues
    exported, alarms = as_json(data, "https://x.test/"), links.as_json(links.alarm_links(data, "https://x.test/"))
    for text in (exported, alarms):
        assert not re.search("[<>&]", text), re.search(".{40}[<>&].{40}", text)
    rows = [row for c in json.loads(exported)["checklists"] for row in c["items"]]
    texts = {i.id: i.text for c in data.checklists for _, i in c.item_blocks().values()}
    assert [row["id"] for row in rows if row["text"] != texts[row["id"]]] == [] and any("<" in row["text"] for row in rows)
    assert {a["title"] for a in json.loads(alarms)["alarms"].values()} == {r.title for r in data.runbooks}


def _texts(c: Checklist) -> list[tuple[str, str]]:
    """(id, text) of every item, group and list, with its details, and each section's title and notes (without blank lines:
    a blank line between two blocks is not content)."""

    def strip(text: str) -> str:
        return "\n".join(line for line in text.splitlines() if line.strip())

    out = []
    for section in c.sections:
        out += [(section.id, section.title), (f"{section.id} notes", strip(section.notes))]
        for group in section.groups:
            out.append((group.id, group.title))
            out += [(sub.id, sub.label) for sub in group.lists]
    for ident, (_, item) in c.item_blocks().items():
        out += [(ident, item.text), (f"{ident} details", strip(item.details))]
    return out + [(role.id, role.title) for role in (c.final_signoff.approval.roles if c.final_signoff else ())]  # a table's cells


_INLINE = st.text(alphabet="ab <>&`*_[]()!#{};:/=-x", min_size=1, max_size=40).map(str.strip).filter(bool)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_INLINE, _INLINE)
def test_no_exported_text_is_html_and_import_reads_each_back(text: str, target: str) -> None:
    """Any one-line text, beside another on its line (a backtick of one may not open code that the other closes)."""
    line = f"- [ ] {escape.gfm(InlineMarkdown(text))} (target: {escape.gfm(InlineMarkdown(target))}) {{#x}}"
    html, headings = _html_and_headings(line)
    assert not html and not headings, (text, target, line)
    assert decoded(escape.gfm(InlineMarkdown(text))) == text


_GFM = MarkdownIt("commonmark").enable(["strikethrough", "table"])


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="ab <>&`*_[]()!#{};:/=-~|$\\x1.", min_size=1, max_size=40).map(str.strip).filter(bool))
@example("@Bob *em* `x` [l](https://x.test) ~~s~~").via("found: a signer's name as emphasis, code, a link and a strike")
def test_a_plain_text_shows_in_the_markdown_export_as_written(text: str) -> None:
    """A plain text (a signer's or recorder's name, an owner, a rollback step's 'who', a version) shows as written on the
    site, every character of it; the Markdown export wrote it as inline Markdown, so on GitHub a name '[l](https://x.test)'
    was a link, '*em*' emphasis, '`x`' code and '~~s~~' struck through. It is one paragraph of text there, read back as
    written."""
    written = escape.gfm(PlainText(text))
    tokens = _GFM.parse(written)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], (text, written)
    children = tokens[1].children or []
    shown = "".join(c.content for c in children).replace("\u2060", "")  # the word joiner after a mention's '@': nothing shown
    assert {c.type for c in children} <= {"text"} and shown == text, (text, written, children)
    assert decoded(written) == text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet="ab $`\\x*[]()1", min_size=1, max_size=30).map(str.strip).filter(bool), st.sampled_from([InlineMarkdown, PlainText]))
@example("Budget $100 for A and $50 for B", InlineMarkdown).via("found: math on GitHub, text on the site")
def test_no_exported_text_is_math_to_github(text: str, kind: type) -> None:
    """GitHub and GitLab read '$...$' as math: an item 'Budget $100 for A and $50 for B' showed '100 for A and ' as a
    formula there, where the site shows the text (escape._MATH). Outside code a '$' is a character reference (code
    shows it as written), read back as written."""
    written = escape.gfm(kind(text))
    spans, _ = escape._backtick_runs(written)
    outside = "".join(ch for n, ch in enumerate(written) if not any(start <= n < end for start, end in spans))
    assert "$" not in outside, (text, written)
    assert decoded(written) == text


# ---- no text of the data pings anyone or links an issue where the export is pasted (GitHub, GitLab) --------------------

# What GitHub and GitLab read in the rendered file's text (outside links and code, after its character references are
# decoded): a mention (an '@' after no ASCII word character, a name's character after it), an issue's, pull or merge
# request's, epic's or snippet's number ('#12', 'repo#12', 'GH-12', '!12', '&12', '$12').
_PINGS = re.compile(r"(?<![A-Za-z0-9_])@[A-Za-z0-9_]|[#!&$][0-9]|(?<![A-Za-z0-9_])[Gg][Hh]-[0-9]")
# What GFM links as it stands (its specification's extended autolinks): no reference is read in it.
_BARE_LINK = re.compile(
    r"(?:(?<![A-Za-z])(?:https?|ftp)://|(?<![^ \t\n*_~(])www\.)[^\W_]\S*|(?<![\w.+/-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[\w-]*[A-Za-z](?![\w-])", re.A
)
_REFERENCING = st.lists(
    st.sampled_from(
        ["@bob", "@Bob_1", "@org/team", "#12", "repo#3", "GH-4", "gh-5", "!6", "&7", "$8", "a@b.test", "x.@y", "é@z", "@",
         "#", "1", "a", " ", "(", ")", "[", "]", "-", ".", "*", "_", "`", "\\", "<", "&", "~~", ":", "/", " https://x.test/#9 ",
         " www.x.test/@w ", "[@l #1](https://x.test/a#2)", "`@c #3`", "**@e**", "_#4_", "\\@f", "\\#5", "{#6}"]
    ),
    min_size=1,
    max_size=12,
).map("".join)


def _tracker_text(html: str) -> str:
    """The text of rendered HTML where a tracker reads references: outside links and code, without what GFM links bare."""
    html = re.sub(r"<a\b.*?</a>|<code>.*?</code>|<pre>.*?</pre>", " ", html, flags=re.S)
    return _BARE_LINK.sub(" ", unescape(re.sub(r"<[^>]+>", " ", html)))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_REFERENCING, st.sampled_from([InlineMarkdown, PlainText, MarkdownBlock]))
@example("Ask @bob about #34", InlineMarkdown).via("red19's leftover: a ping and an issue's link where the export is pasted")
@example("@carol #99", PlainText).via("found: a recorder's name pinged someone")
@example("see [docs](https://x.test/a#1) and https://x.test/b#2 or a@b.test", InlineMarkdown).via("addresses kept as written")
def test_no_exported_text_mentions_anyone_or_references_an_issue(text: str, kind: type) -> None:
    """The Markdown export is pasted into GitHub and GitLab issues, which read '@bob' as a mention (a notification to
    that user) and '#12', 'GH-12', '!12' (a merge request), '&12' (an epic) as references (a link, and a note on that
    issue), after decoding character references ('&#64;bob' pings too). Each sign is followed by a word joiner, which
    shows as nothing: the rendered file shows what it did, but for the joiners (links, code and emphasis alike), holds no
    reference outside links and code, and import reads the text back as written."""
    written = escape.gfm(kind(text))
    html = _GFM.render(written)
    assert not _PINGS.search(_tracker_text(html)), (text, written, _tracker_text(html))
    assert html.replace("\u2060", "") == _GFM.render(written.replace("&#8288;", "")), (text, written)  # nothing else changed
    # A block's lines are read back by import's walk, not one by one (test_import_export); import's code spans
    # (marks.CODE_SPAN) take an escaped backtick for one that opens a span (red20's note: a leftover of its own).
    if kind is not MarkdownBlock and "\\`" not in text:
        assert decoded(written) == text, (text, written)


@settings(max_examples=200, deadline=None)
@given(st.from_regex(r"[a-z0-9]{1,4}(?:-[a-z0-9]{1,4}){0,3}", fullmatch=True) | st.sampled_from(["12", "gh-7", "3-db", "x-gh-12"]))
def test_no_exported_id_references_an_issue_and_import_reads_it_back(ident: str) -> None:
    """The export writes an item's or heading's id as '{#id}', which GitHub shows as text: '{#12}' linked issue 12 (an
    id may be digits), '{#gh-7}' issue 7."""
    from generator.exchange.walk import explicit_id

    anchor = escape.gfm_anchor(ident)
    assert not _PINGS.search(_tracker_text(_GFM.render(f"Text {anchor}"))), (ident, anchor)
    assert explicit_id(f"Text {anchor}") == ("Text", ident)
    assert _GFM.render(anchor).replace("\u2060", "") == _GFM.render(f"{{#{ident}}}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(_lines, _INLINE, st.sampled_from(["```", "    <b>x</b>", "~~~ <b>"])), min_size=1, max_size=6).map("\n".join))
def test_no_exported_markdown_block_is_html_or_a_heading(text: str) -> None:
    if not text.strip():
        return
    html, headings = _html_and_headings(escape.gfm(MarkdownBlock(text)))
    assert not [h for h in html if "<" in h.replace("&lt;", "")] and not headings, (text, escape.gfm(MarkdownBlock(text)))


# ---- one line of text holds no line separator, whoever writes it -------------------------------------------------

INVISIBLE = {
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "right-to-left override": "\u202e",
    "isolate": "\u2066",
    "escape": "\x1b",
    "return": "\r",
    "zero width space": "\u200b",  # 'Pri\u200bya' looked like Priya and was someone else
    "hangul filler": "\u3164",  # a name that looks like none
}


def test_the_record_panel_refuses_what_one_line_of_text_refuses() -> None:
    """The panel's copy of the rule (checklist.js's CONTROL) and the Python one (types._CONTROL_LINE) refuse the same
    characters: the panel's copy had fallen behind once (a direction override), and the zero-width ones were added to both."""
    from generator.format.types import _CONTROL_LINE

    script = (ROOT / "overrides" / "assets" / "javascripts" / "checklist.js").read_text(encoding="utf-8")
    found = re.search(r"var CONTROL = /(\[[^\]]*\])/u?;", script)
    assert found is not None
    panel = re.compile(found.group(1))
    assert [c for c in map(chr, range(0x10000)) if bool(panel.match(c)) != bool(_CONTROL_LINE.match(c))] == []


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_every_writer_refuses_the_same_invisible_characters_in_one_line_texts(tmp_path: Path, name: str) -> None:
    """A data file, `mark` and the live meeting read one line of text by one rule: the meeting recorded a name or note
    holding a line separator (U+2028: a line break to YAML's plain scalars and to JavaScript before ES2019), which `mark`
    refused, and `mark` refused it as wrong usage but a direction override only once the entry was written and read."""
    from starlette.testclient import TestClient

    from generator.format.validate import FileCache
    from generator.meeting import Room, application
    from generator.progress.record import append
    from generator.project import Project, check

    ch = INVISIBLE[name]
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    checklist = project / "data" / "mini.yaml"
    original = checklist.read_text(encoding="utf-8")
    checklist.write_text(original.replace("text: Read every section before the meeting", f'text: "Read every{json.dumps(ch)[1:-1]} section"'), encoding="utf-8")
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 1 and re.search(r"data/mini\.yaml:\d+:\d+: error: .* holds the invisible character U\+", result.stderr), result.stderr
    checklist.write_text(original, encoding="utf-8")
    for option in ("--by", "--note"):
        args = {"--by": "Priya", "--note": "fine", option: f"Pri{ch}ya"}
        result = run_cli("-C", str(project), "mark", "read-first", "--done", *[x for kv in args.items() for x in kv])
        assert result.returncode == 2 and f"{option} contains the" in result.stderr, result.stderr
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("<html><head></head><body></body></html>", encoding="utf-8")
    room = Room(Project.at(project), lambda p: check(p, cache=FileCache()), append, project / "site")
    room.reload()
    with TestClient(application(room), base_url="http://127.0.0.1:8765") as client:
        head = {"content-type": "application/json", "x-checklist-site-token": room.token, "origin": "http://127.0.0.1:8765"}
        for body in (
            {"checklist": "mini", "by": f"Pri{ch}ya", "changes": [{"item": "read-first", "state": "done"}]},
            {"checklist": "mini", "by": "Priya", "changes": [{"item": "read-first", "state": "done", "note": f"a{ch}b"}]},
        ):
            answer = client.post("/_meeting/record", content=json.dumps(body), headers=head)
            assert answer.status_code == 400 and "character U+" in answer.json()["error"], answer.text
    assert not [p for p in (project / "data").rglob("*") if p.is_file() and "record" in str(p.relative_to(project))]


@settings(max_examples=30, deadline=None)
@given(st.text(max_size=30) | st.sampled_from(['T: x\nowner: Mallory', 'say "hi"', "C:\\new\\t", "a\\", "\\u0041", "#c", "'q'", "Pri\u200bya"]))
def test_new_writes_the_title_it_was_given_or_refuses_it(title: str) -> None:
    """`new --title` wrote the title between double quotes by hand, a '"' turned into "'": 'C:\\new' read back with a
    line break (a YAML escape), 'a\\' was a file YAML could not read, a line break or a zero width space a file that
    failed check (or a title YAML folded into one line). Now the title is a YAML string of exactly its text
    (escape.yaml_string), checked as the format reads it before anything is written: refused (usage error, no file) or
    read back as given."""
    import tempfile

    from generator.errors import UsageError
    from generator.exchange.scaffold import new

    with tempfile.TemporaryDirectory() as root:
        path = Path(root) / "data" / "t.yaml"
        try:
            new(Path(root), "t", title)
        except UsageError as refused:
            assert refused.message.startswith("--title: ") and not path.exists()
            return
        loaded, issues = load_checklist(path, "data/t.yaml")
        assert not issues and loaded is not None and loaded.title == (title or "T").strip(), (title, path.read_text(encoding="utf-8"))


# ---- file names in what the tool writes and says ------------------------------------------------------------------


def test_a_source_file_name_adds_no_key_to_the_imported_yaml(tmp_path: Path) -> None:
    """The import heads its YAML with a comment naming the source file: a name holding a line break ended the comment,
    and the rest of the name was a key of the checklist (here its owner), which passed check."""
    source = tmp_path / "z\nowner: Mallory #\r\u2028\u0085.md"
    source.write_text("- [ ] one\n", encoding="utf-8")
    written = run_import(source, tmp_path / "data" / "z.yaml", tmp_path / "docs", today=datetime.date(2026, 1, 12))
    text = written.files[tmp_path / "data" / "z.yaml"]
    comments = [line for line in text.splitlines() if line.startswith("#")]
    assert len(comments) == 2 and "Imported from z\\x0aowner: Mallory #\\x0d\\u2028\\x85.md by" in comments[1], comments
    assert "owner" not in yaml.safe_load(text)


def test_ids_yaml_reads_otherwise_key_the_imported_status_quoted(tmp_path: Path) -> None:
    """A ticked box whose text makes the id 'no' (or 'on', 'null', ...) keyed the status file's items unquoted: YAML read
    the key as false and the import refused its own file (found by the import's hypothesis property)."""
    source = tmp_path / "ticked.md"
    source.write_text("".join(f"- [x] {word}\n" for word in ("NO", "on", "Null", "yes", "Off", "true")), encoding="utf-8")
    written = run_import(source, tmp_path / "data" / "ticked.yaml", tmp_path / "docs", today=datetime.date(2026, 1, 12))
    status = yaml.safe_load(written.files[tmp_path / "data" / "ticked.status.yaml"])
    assert set(status["items"]) == {"no", "on", "null", "yes", "off", "true"}


# ---- a generated page is never a template ------------------------------------------------------------------------


def test_no_generated_page_is_rendered_as_a_template_by_a_macros_extension(tmp_path: Path) -> None:
    """A site with a macros extension (Zensical's, or the mkdocs-macros plugin: Jinja over every page's Markdown) ran the
    data's text as a template, so a runbook's command 'echo {{ 7*7 }}' printed 49 (and '{{ ...__globals__... }}' runs
    code at build time), and our own anchors ('{#diagnosis}' opens a Jinja comment) made a runbook page a 'Macro Syntax
    Error'. Every generated page says ``render_macros: false`` in its front matter, which both honour."""
    from generator.zensical import without_keys

    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    config = project / "mkdocs.yml"
    text = without_keys(config.read_text(encoding="utf-8"), ("markdown_extensions",))
    config.write_text(text + "markdown_extensions:\n  - attr_list\n  - md_in_html\n  - zensical.extensions.macros\n", encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Home\n\nzh{{ 6*7 }}hz\n", encoding="utf-8")  # a hand-written page: the user's template
    runbooks = project / "data" / "runbooks.yaml"
    runbooks.write_text(runbooks.read_text(encoding="utf-8").replace('command: "grep -c ``` app.log"', 'command: "echo zq{{ 7*7 }}qz"'), encoding="utf-8")
    result = run_cli("-C", str(project), "build", "--engine", "zensical")
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert "zh42hz" in (site / "index.html").read_text(encoding="utf-8")  # the extension works on the user's pages
    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    assert not [p for p, html in pages.items() if "Macro Syntax Error" in html or "zq49qz" in html]
    assert any("zq{{ 7*7 }}qz" in re.sub(r"<[^>]+>", "", html) for html in pages.values())  # the command as written


def test_a_file_name_in_a_message_stays_on_its_line(tmp_path: Path) -> None:
    """A data file named with a line break printed, in each of its errors, a line of the name's choosing."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    bad = project / "data" / "x\nok: no problems\u2028.yaml"
    bad.write_text("id: x\ntitle: X\nsections: []\nbogus: 1\n", encoding="utf-8")
    result = run_cli("-C", str(project), "check")
    assert result.returncode == 1
    assert "data/x\\x0aok: no problems\\u2028.yaml:" in result.stderr, result.stderr
    assert not [line for line in result.stderr.splitlines() if line.startswith("ok")], result.stderr


def test_prose_that_import_moves_to_a_page_is_not_a_template_either(tmp_path: Path) -> None:
    """Prose over the notes limit goes to a page of docs/imported/, a file's third-party text: its code blocks are as
    written, and a macros extension would run '{{ ... }}' in them at every build."""
    paragraphs = [f"Paragraph {n} explains step {n} of the rollout in detail, so nobody has to guess." for n in range(60)]
    source = tmp_path / "rollout.md"
    source.write_text("# Rollout\n\n## Preparation\n\n" + "\n\n".join(paragraphs) + "\n\n```\nzq{{ 7*7 }}qz\n```\n\n- [ ] Read it\n", encoding="utf-8")
    written = run_import(source, tmp_path / "data" / "rollout.yaml", tmp_path / "docs", today=datetime.date(2026, 1, 12))
    page = written.files[tmp_path / "docs" / "imported" / "rollout" / "preparation.md"]
    assert "zq{{ 7*7 }}qz" in page
    assert yaml.safe_load(page.split("---\n")[1]) == {"render_macros": False}, page[:200]


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_no_header_comment_adds_to_the_yaml_the_tool_writes(name: str) -> None:
    """Whatever a source file is named, the header of the YAML import writes stays comments, for every YAML reader."""
    from ruamel.yaml import YAML

    from generator.exchange.drafts import dump

    text = dump({"id": "x", "title": "T"}, [f"Imported from {name} by checklist-site import."])
    assert text.count("\n# ") + text.startswith("# ") == 1 and text.index("\n\n") == text.index("\n")
    assert yaml.safe_load(text) == yaml.load(text, Loader=yaml.CSafeLoader) == YAML(typ="safe", pure=True).load(text) == {"id": "x", "title": "T"}


# ---- the alarm's description in another system -------------------------------------------------------------------


def test_an_alarm_description_carries_the_runbook_titles_words_not_its_markdown(tmp_path: Path) -> None:
    """CloudWatch's AlarmDescription (and Terraform's) is plain text that notifications carry to e-mail and chat, which
    link any address in it: a title's '[see](https://evil.example/phish)' put the data's address beside the runbook's."""
    project = make_project(tmp_path / "p", data=FIXTURES / "mini")
    runbooks = project / "data" / "runbooks.yaml"
    text = runbooks.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("    title:"))
    runbooks.write_text(text.replace(title, '    title: "**Errors** high: [see](https://evil.example/phish) `5xx`"', 1), encoding="utf-8")
    for fmt in ("cloudwatch", "terraform"):
        result = run_cli("-C", str(project), "links", "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert "Errors high: see 5xx. Runbook: https://" in result.stdout, result.stdout
        assert "evil.example" not in result.stdout and "**" not in result.stdout
