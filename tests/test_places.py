"""Data text where it lands beyond a page's body text: the page's headings, the command line's site address, the exports."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.format.types import MarkdownBlock
from generator.site import escape

from .conftest import FIXTURES, ROOT, make_project, run_cli

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
