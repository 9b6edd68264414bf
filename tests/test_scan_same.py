"""The post-build scan's cheaper reading finds what the reading before it found, hit for hit and in the same order.

The scan (generator/publish/scan.py) was made cheaper for #29: the tags of a page's text read in one pass instead of
four, and the elements of the counted end tags (``</title>``, ``</style>``, ``</textarea>``) counted by the selection
that picks the elements to look at instead of by two more searches of the tree. The reading before that change is kept
here, as it was, and both read generated hostile pages (tags, event handlers, ``srcdoc``, ``xlink:href``, schemes
written as character references, raw-text elements, templates, SVG, early end tags, navigation and article
structure) and every page of the RealServ site built with both engines: the hits must be the same.
"""

from __future__ import annotations

import importlib
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser, LexborNode

from generator.publish.scan import RAW_TEXT, Hit, html_files, scan_html

scan = importlib.import_module("generator.publish.scan")  # the module (the package exports its function scan)

# ---- the reading before the change (as it was in generator/publish/scan.py) -------------------------------------------


def _before(text: bytes, page: str) -> list[Hit]:
    listed, animations, check, inside_of, selector_of, within = scan._LISTED, scan._ANIMATIONS, scan._check, scan._inside, scan._selector, scan._within
    start_tag = re.compile(rb"<(" + b"|".join(name.encode() for name in sorted({*listed, *animations, "template"})) + rb")[\t\n\f\r />]")
    nav_tag = re.compile(rb"<nav[\t\n\f\r />]")
    raw_open = re.compile(rb"<(" + b"|".join(name.encode() for name in RAW_TEXT) + rb")(?=[\t\n\f\r />])[^>]*>")
    end_tag = re.compile(rb"</(" + b"|".join(name.encode() for name in ("title", "textarea", "style")) + rb")[\t\n\f\r />]")

    def raw_spans(low: bytes) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        at = 0
        while (found := raw_open.search(low, at)) is not None:
            end = low.find(b"</" + found.group(1), found.end())
            end = len(low) if end < 0 else end
            spans.append((found.end(), end))
            at = end + 1
        return spans

    def content_spans(low: bytes) -> list[tuple[int, int]]:
        start, end = low.find(b"<article"), low.rfind(b"</article")
        header = max(low.find(b"</header"), 0)
        navs = [found.start() for found in nav_tag.finditer(low, header)]
        last_nav = low.rfind(b"</nav")
        if not 0 <= start < end:
            return [(navs[0], last_nav)] if navs else []
        before, after = [at for at in navs if at < start], [at for at in navs if at > end]
        return [(start, end), *([(before[0], start)] if before else []), *([(after[0], last_nav)] if after else [])]

    low = text.lower()
    raw = raw_spans(low)
    tags = [(found.start(), found.group(1).decode()) for found in start_tag.finditer(low) if not within(found.start(), raw)]
    content = content_spans(low)
    found: list[tuple[str, str]] = []
    in_content: Counter[str] = Counter()

    def walk(root: LexborNode, hosts: tuple[LexborNode, ...] = ()) -> None:
        names: set[str] = set()
        for node in root.traverse():
            names.update(node.attributes)
        selector = selector_of(names, {name for _, name in tags})
        nodes: Iterable[LexborNode]
        if selector is None:
            nodes = root.traverse()
        else:
            nodes = list({node.mem_id: node for node in root.css(selector)}.values()) if selector else []
        for node in nodes:
            tag = (node.tag or "").lower()
            inside = tag in listed and inside_of(node, hosts)
            in_content[tag] += inside
            found.extend(check(node, tag, inside))
            if tag == "template":
                for fragment in node.template_fragments():
                    walk(fragment, (node, *hosts))

    def ended_early(root: LexborNode) -> list[tuple[str, str]]:
        written = Counter(found.group(1).decode() for found in end_tag.finditer(low) if not within(found.start(), raw))
        if not written:
            return []
        held: Counter[str] = Counter()
        roots = [root]
        while roots:
            here = roots.pop()
            for node in here.css(", ".join(sorted(written))):
                held[(node.tag or "").lower()] += 1
            roots += [fragment for template in here.css("template") for fragment in template.template_fragments()]
        what = "a </{0}> end tag with no <{0}> to end: text ended a <{0}> early, so what follows it is markup"
        return [(what.format(name), f"</{name}") for name in sorted(written) if written[name] > held[name]]

    root = LexborHTMLParser(text, scripting=True).root
    if root is not None:
        walk(root)
        found += ended_early(root)
    written = Counter(name for where, name in tags if name in listed and any(start <= where < end for start, end in content))
    for tag in sorted(written - in_content):
        what = f"a <{tag}> tag in the content that a browser does not read as part of it (the content closes early, or the tag is text)"
        found.append((what, f"<{tag}"))
    return [Hit(page, what, evidence) for what, evidence in found]


# ---- hostile pages ----------------------------------------------------------------------------------------------------
PAGE = """<!doctype html><html><head><title>{title}</title><style>a{{}}</style>{head}
<script>window.theme = 1</script><link rel="icon" href="data:image/svg+xml,x"></head>
<body><header class="md-header"><nav class="md-header__inner"><script>palette()</script></nav></header>
<nav class="md-nav"><a href="../x/">ok</a>{nav}</nav>
<article class="md-content__inner md-typeset"><script type="application/json" id="cl-moved">{{}}</script>{content}</article>
<script>var target = 1</script><footer><nav class="md-footer__inner"><a href="../y/">next</a>{footer}</nav></footer>
<script src="assets/bundle.js"></script></body></html>"""

NAMES = [
    "script", "iframe", "object", "embed", "frame", "frameset", "applet", "base", "portal", "meta", "template", "svg", "math",
    "animate", "set", "a", "img", "p", "title", "textarea", "style", "noscript", "xmp", "noembed", "noframes", "nav",
    "article", "header", "form", "button", "use", "foreignObject", "desc", "table", "select", "option", "body", "html",
]
ATTRIBUTES = [
    "onclick", "ONLOAD", "on", "one", "onerror", "srcdoc", "xlink:href", "xlink:title", "xml:lang", "xmlns:xlink", "href",
    "src", "action", "formaction", "data", "poster", "background", "ping", "cite", "title", "http-equiv", "type", "class",
    "attributeName", "values", "to", "from", "by", "style", "id", "name",
]
VALUES = [
    "", "x", "https://x.test", "javascript:alert(1)", " JaVa&#x09;Script:alert(1)", "javascript&colon;x", "&#106;avascript:x",
    "data:text/html,x", "data:image/png,x", "mailto:a@b.c", "#a", "href", "xlink:href", "a;javascript:b", "<img src=x onerror=1>",
    "&lt;script&gt;", "application/json", "refresh", "</title><script>x</script>", "a &amp; b", "&", ":",
]
TEXTS = [
    "text", " on ", "only one", "<", ">", "&", "&lt;", "<!--", "-->", "<!-->", "'", '"', "/", "=", "\n", "\x00", "é", "<![CDATA[",
    "</", "<p", "<script", "</script", "</title", "</textarea", "</style", "</nav>", "</article>", "</header>", "</template>",
    "</svg>", "</noscript>", "<template>", "<nav>", "<article>", "javascript:", "onclick=",
]


@st.composite
def _tag(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(NAMES))
    shown = name.upper() if draw(st.booleans()) and draw(st.booleans()) else name
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        attribute = draw(st.sampled_from(ATTRIBUTES))
        value = draw(st.sampled_from(VALUES))
        quote = draw(st.sampled_from(['"', "'", ""]))
        if quote == "" and (value == "" or any(c in value for c in " \t\n'\"=<>`")):
            quote = '"'
        sep = draw(st.sampled_from([" ", " ", "/", "\n"]))
        parts.append(f"{sep}{attribute}" if draw(st.integers(0, 5)) == 0 else f"{sep}{attribute}={quote}{value.replace(quote, '') if quote else value}{quote}")
    close = draw(st.sampled_from([">", ">", "/>", " >"]))
    return f"<{shown}{''.join(parts)}{close}"


_piece = st.one_of(
    _tag(), _tag(), st.sampled_from(TEXTS), st.sampled_from([f"</{name}>" for name in NAMES]), st.text(alphabet="ao n<>/=\"'&:;", max_size=6)
)
_fragment = st.lists(_piece, max_size=12).map("".join)


def _same(text: bytes) -> None:
    assert scan_html(text, "p.html") == _before(text, "p.html")


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=_fragment, head=_fragment, nav=_fragment, content=_fragment, footer=_fragment)
def test_the_scan_finds_on_hostile_pages_what_it_found_before(title: str, head: str, nav: str, content: str, footer: str) -> None:
    _same(PAGE.format(title=title, head=head, nav=nav, content=content, footer=footer).encode("utf-8", "surrogatepass"))


@settings(max_examples=300, deadline=None)
@given(page=_fragment)
def test_the_scan_finds_on_bare_fragments_what_it_found_before(page: str) -> None:
    _same(page.encode("utf-8", "surrogatepass"))


@pytest.mark.parametrize(
    "page",
    [
        "<svg><title xlink:title='a' title='<img src=x onerror=1>'>t</title></svg></title>",  # a prefixed attribute: the count's own searches
        "<template><title></title></template></title></title>",  # a template's content holds a counted element
        "<p onclick=x></style><style title='<iframe>'></style></style>",  # an event handler: every element looked at
        "<svg><style><script>alert(1)</script></style></svg><textarea title='<script>x</script>'></textarea></textarea>",
        "<title title='<script>' href='javascript:x'>t</title></title></title>",
        "<style data='a:b'></style></style><textarea></textarea></textarea></textarea>",
        "<!-- </title> --><noscript></title></noscript><xmp></style></xmp>",
    ],
)
def test_the_scan_finds_in_the_count_s_edge_cases_what_it_found_before(page: str) -> None:
    _same(PAGE.format(title="t", head=page, nav=page, content=page, footer="").encode())
    _same(page.encode())


def test_the_scan_finds_on_the_built_sites_what_it_found_before(site: Path, zensical_project: tuple[Path, object]) -> None:
    for folder in (site, zensical_project[0] / "site"):
        pages = html_files(folder)
        assert len(pages) > 20, folder
        for page in pages:
            text = (folder / page).read_bytes()
            assert scan_html(text, page) == _before(text, page), page

