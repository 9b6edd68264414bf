"""String-level escaping rules for text whose kind the caller knows: link texts, navigation titles, CSS strings.

Data text of a declared kind goes through ``escape.py`` (one function per kind and place); these
rules are what those functions, and the places that compose our words with data text (navigation
titles, CSS strings), are built from. ``md``, ``md_block`` and ``fence`` are escape.py's.
"""

from __future__ import annotations

import html
import re

from .escape import fence, md, md_block

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
    """A navigation title: MkDocs themes print it as HTML unescaped, so escape it here.

    >>> nav_title("<b>Deploy</b> & [run](x)")
    '&lt;b&gt;Deploy&lt;/b&gt; &amp; run'
    """
    return html.escape(strip_links(text), quote=False)


def attr(text: str) -> str:
    """Text for an HTML attribute or raw HTML block."""
    return html.escape(strip_links(text), quote=True)


def css_string(text: str) -> str:
    """A CSS string literal, safe inside a <style> element.

    >>> css_string('Say "hi" </style>')
    '"Say \\\\22 hi\\\\22  \\\\3c /style\\\\3e "'
    """
    out = []
    for ch in text:
        if ch in '"\\<>' or ord(ch) < 0x20:
            out.append(f"\\{ord(ch):x} ")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'
