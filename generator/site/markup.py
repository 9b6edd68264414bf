"""Text from the data made safe where it goes: inline Markdown, Markdown blocks, HTML, CSS and code fences.

Every function takes data text and returns text that renders as that text and nothing more: raw
HTML shows as text, ``{: ...}`` attribute lists and ``#`` headings stay literal, a code fence
cannot be closed by the code inside it.
"""

from __future__ import annotations

import html
import re

_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")


def strip_links(text: str) -> str:
    """Markdown links replaced by their texts, for places where a link cannot go.

    >>> strip_links("See [the guide](https://x.test) now")
    'See the guide now'
    """
    return _LINK.sub(r"\1", text)


def md(text: str) -> str:
    """Inline Markdown from the data, made inert: raw HTML shows as text, '{' opens no attribute list.

    >>> md("Response time < 500ms {: onclick=x}")
    'Response time &lt; 500ms \\\\{: onclick=x\\\\}'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("{", "\\{").replace("}", "\\}")


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


def md_block(text: str) -> str:
    """Multi-line Markdown from the data: paragraphs and emphasis, no raw HTML, no headings.

    >>> md_block("# Not a heading\\n<b>x</b>")
    '\\\\# Not a heading\\n&lt;b&gt;x&lt;/b&gt;'
    """
    out, fence_mark = [], ""
    for line in text.strip().splitlines():
        opener = re.match(r"^\s*(`{3,}|~{3,})", line)
        if fence_mark:
            out.append(line)  # code is shown literally by the fence itself
            if opener and opener.group(1).startswith(fence_mark):
                fence_mark = ""
        elif opener:
            fence_mark = opener.group(1)
            out.append(line)
        else:
            out.append(re.sub(r"^(\s*)#", r"\1\\#", md(line)))
    if fence_mark:
        out.append(fence_mark)  # close a fence the text left open, so it cannot swallow the page
    return "\n".join(out)


def fence(code: str, lang: str = "sh") -> str:
    """A fenced code block that the code itself cannot close."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{code}\n{ticks}"


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
