"""Data text where it lands beyond a page's body text: the page's headings, the command line's site address, the exports."""

from __future__ import annotations

import re

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.format.types import MarkdownBlock
from generator.site import escape

from .conftest import ROOT

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
