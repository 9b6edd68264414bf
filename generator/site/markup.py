"""String-level escaping rules for text whose kind the caller knows: link texts, navigation titles, CSS strings.

Data text of a declared kind goes through ``escape.py`` (one function per kind and place); these
rules are what those functions, and the places that compose our words with data text (navigation
titles, CSS strings), are built from. ``md``, ``md_block`` and ``fence`` are escape.py's.
"""

from __future__ import annotations

import html
import re

from .escape import css_string, fence, head_title, md, md_block

__all__ = ["attr", "css_string", "fence", "md", "md_block", "nav_title", "plain", "strip_links"]

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def strip_links(text: str) -> str:
    """Markdown links replaced by their texts, for places where a link cannot go.

    >>> strip_links("See [the guide](https://x.test) now")
    'See the guide now'
    """
    return _LINK.sub(r"\1", text)


def plain(text: str) -> str:
    """Text for places where Markdown links can't nest (link texts, nav titles).

    >>> plain("See [the guide](https://x.test) *now*")
    'See the guide *now*'
    """
    return md(strip_links(text)).replace("[", "\\[").replace("]", "\\]")


def nav_title(text: str) -> str:
    """A navigation title (our words composed with data text): the page title's escape (``escape.head_title``).

    >>> nav_title("<b>Deploy</b> & [run](x)")
    '&lt;b&gt;Deploy&lt;/b&gt; &amp; run'
    """
    return head_title(text)


def attr(text: str) -> str:
    """Text for an HTML attribute or raw HTML block."""
    return html.escape(strip_links(text), quote=True)
