"""Round twelve's held-out payloads: a text's reference and footnote definitions reach no other text of its page, and no
file the tool prints (CSV, Markdown, imported YAML) holds a command of a CI runner. In process and small."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from .conftest import ROOT, make_project, run_cli

MINI = ROOT / "tests" / "fixtures" / "mini"


def _ci_commands(output: str) -> list[str]:
    """The lines of ``output`` a CI runner reads as a command: GitHub Actions' '::' after leading blanks (the runner trims
    them) and '##[' anywhere, Azure Pipelines' '##vso[' anywhere."""
    return [line for line in output.splitlines() if line.lstrip().startswith("::") or "##[" in line or "##vso[" in line]


def _ordinal(html: str) -> str:
    """``html`` with each footnote reference's number as 'N': footnotes are numbered in the order of the page, so a text's
    own footnote is its page's second when another text before it has one (its target is its own all the same)."""
    return re.sub(r">\d+</a></sup>", ">N</a></sup>", html)


def _page(*parts: str) -> str:
    import markdown

    return markdown.Markdown(extensions=["footnotes", "attr_list", "md_in_html", "tables", "pymdownx.superfences"]).convert("\n\n".join(parts))


_DEFINING = st.lists(
    st.sampled_from(["[g]", "[G][]", "[x][g]", "[^1]", "[g]: https://a.test/", "[^1]: Note", "\n", "\n\n", "> ", "- ", " ", "w", "`", ":"]),
    min_size=1,
    max_size=14,
).map("".join)


@settings(max_examples=60, deadline=None)
@given(block=_DEFINING, other=_DEFINING, line=st.sampled_from(["Look at [g] and [^1]", "[g]: https://b.test/", "[x][g] [g][]", "See [^1]"]))
@example(block="[g]: https://a.test/", other="w", line="Look at [g] and [^1]")  # a runbook's meaning made a step's '[g]' its link
@example(block="[^1]: Note", other="w", line="See [^1]")  # with the footnotes extension, the footnote of every '[^1]' of the page
@example(block="w", other="[g]", line="[g]: https://b.test/")  # a step whose text is a definition vanished, and defined '[g]'
@example(block="> [g]: https://a.test/", other="[g]", line="[g]")  # a definition in a quote: the quote marker made again
@example(block="[^1]: Note", other="[^1]\n[^1]: Note", line="Look at [g] and [^1]")  # (a draw in CI) each its own footnote
@example(block="[g]", other="[^1]:[g]: https://a.test/", line="Look at [g] and [^1]")  # a definition in a footnote's content
def test_a_definition_of_one_text_reaches_no_other_text_of_its_page(block: str, other: str, line: str) -> None:
    """Python-Markdown takes a reference definition ('[g]: https://…') or a footnote's ('[^1]: …', with the footnotes
    extension, in Material's recipes) out of its text and applies it to the whole page: a runbook's meaning made an '[g]'
    of a step's text its link. A Markdown block keeps its own for itself (each label renamed for that block); an inline
    text's is text. Each text of a page renders as it does alone, whatever the others define."""
    from generator.format.types import InlineMarkdown, MarkdownBlock
    from generator.site import escape

    assume(block != other)  # the same text twice shares its definitions: they are the same
    texts = [escape.markdown(InlineMarkdown(line)), escape.markdown(MarkdownBlock(block)), escape.markdown(MarkdownBlock(other))]
    boxed = [f'<div class="t{n}" markdown="1">\n\n{text}\n\n</div>' for n, text in enumerate(texts)]
    together = _page(*boxed)
    for n, box in enumerate(boxed):
        alone = _page(box)
        assert _ordinal(_box(together, n)) == _ordinal(_box(alone, n)), (texts, together)
    assert "<a " not in _box(together, 0) and "<sup" not in _box(together, 0), together  # an inline text defines nothing


@settings(max_examples=40, deadline=None)
@given(block=_DEFINING, line=st.sampled_from(["Look at [g] and [^1]", "[g]: https://b.test/", "[x][g] [g][]"]))
@example(block="[g]: https://a.test/", line="Look at [g] and [^1]")  # a note's definition made another item's '[g]' a link
@example(block="> - [^1]: Note", line="See [^1]")
def test_the_markdown_export_holds_no_definition_of_the_whole_file(block: str, line: str) -> None:
    """In the Markdown export (GitHub, GitLab, any CommonMark renderer), a definition applies to the whole file: a note's
    '[g]: https://…' made an '[g]' of another item's text its link, a '[^1]: …' the footnote of every '[^1]'. Its bracket
    is a character reference there (markdown-it finds no definition, a footnote's read as one too), which import reads
    back as the text it was."""
    from markdown_it import MarkdownIt

    from generator.format.types import InlineMarkdown, MarkdownBlock
    from generator.site import escape

    env: dict = {}
    MarkdownIt("commonmark").parse(f"{escape.gfm(MarkdownBlock(block))}\n\n- [ ] {escape.gfm(InlineMarkdown(line))}\n", env)
    assert not env.get("references"), env


def _box(page: str, n: int) -> str:
    start = page.index(f'<div class="t{n}">')
    return page[start : page.index("</div>", start)]


def test_a_markdown_block_keeps_its_own_references_and_footnotes() -> None:
    """What a block defines still works inside it: its references link, its footnotes are its own."""
    from generator.format.types import MarkdownBlock
    from generator.site import escape

    page = _page(escape.markdown(MarkdownBlock('See [the guide][g], [G] and [g][].[^1]\n\n[g]: https://a.test/ "T"\n[^1]: Note')))
    assert page.count('<a href="https://a.test/" title="T">') == 3 and '<li id="fn:1-' in page and "[g]" not in page, page
    assert escape.md_block("```\n[g]: https://a.test/\n```\n\n[g]") == "```\n[g]: https://a.test/\n```\n\n[g]"  # code is code


_CI_TEXT = st.lists(st.sampled_from([*":#[] \tx`\n", "##vso[", "::error::", "```\n", "> ", "- "]), min_size=1, max_size=16).map("".join)


@settings(max_examples=60, deadline=None)
@given(_CI_TEXT)
@example("a\n  ::error::b")  # a line of notes opening with a command: the CSV's cell, the Markdown's line, the YAML's block
@example("`##[x]`")  # in a code span, where no character reference works
@example("```\n::error::x\n```")  # in a code block
def test_no_file_the_tool_prints_holds_a_command_of_a_ci_runner(text: str) -> None:
    """`export --format csv|markdown` and `import` without -o print their file on standard output, into a CI job's log
    where they run in one: a notes line '::error title=Approved::GO' was an annotation of the job, an item's
    '##[set-output name=verdict;]go' set a step's output. Each printer writes that character its own way: the Markdown a
    character reference (in code, as the terminal shows it), the YAML an escape of a double-quoted string (the same text
    to its readers), the CSV as the terminal shows it (CSV has no escape)."""
    import yaml

    from generator.exchange.drafts import dump
    from generator.format.types import InlineMarkdown, MarkdownBlock
    from generator.site import escape

    line = text.replace("\n", " ")
    printed = {
        "csv": escape.csv_table([["id", text], ["x", line]]),
        "markdown block": escape.gfm(MarkdownBlock(text)),
        "markdown line": escape.gfm(InlineMarkdown(line)),
        "yaml": dump({"id": "x", "notes": text, "text": line}, [f"Imported from {text}"]),
    }
    for where, output in printed.items():
        assert _ci_commands(output) == [], (where, output)
    assert yaml.safe_load(printed["yaml"]) == {"id": "x", "notes": text, "text": line}


def test_exports_and_imports_printed_in_a_pipeline_hold_no_command_of_the_ci_runner(tmp_path: Path) -> None:
    """The real commands on a checklist whose item, details and code hold runner commands: what each prints holds none,
    and the Markdown export imported back gives the texts outside code as they were."""
    import yaml

    project = make_project(tmp_path / "p", MINI)
    mini = project / "data" / "mini.yaml"
    command = "##[set-output name=verdict;]go ##vso[task.setvariable variable=v]go"
    text = mini.read_text(encoding="utf-8").replace("text: JWT validation in *all* services", f'text: "{command}"')
    notes = "Deploy during the **maintenance window**. <b>not bold</b>\n              ::error title=Approved::GO\n                `::x` ##[y"
    text = text.replace("Deploy during the **maintenance window**. <b>not bold</b>", notes)
    mini.write_text(text.replace("./deploy --order api,web <all>", "./deploy --order api,web <all>\n              ::error::in code"), encoding="utf-8")
    printed = {fmt: run_cli("export", "--format", fmt, cwd=project) for fmt in ("csv", "markdown")}
    for fmt, ran in printed.items():
        assert ran.returncode == 0 and _ci_commands(ran.stdout) == [], (fmt, ran.stdout + ran.stderr)
    (tmp_path / "export.md").write_text(printed["markdown"].stdout, encoding="utf-8")
    imported = run_cli("import", str(tmp_path / "export.md"), cwd=project)
    assert imported.returncode == 0 and _ci_commands(imported.stdout) == [], imported.stdout + imported.stderr
    back = yaml.safe_load(imported.stdout)
    items = {i["id"]: i for s in back["sections"] for g in s["groups"] for i in g["items"]}
    assert items["jwt-validation"]["text"] == command
    assert "\n::error title=Approved::GO\n  `::x` ##[y\n" in items["deploy-order"]["details"], items["deploy-order"]


_CELL = st.lists(st.sampled_from([*"|`\\[]()*_ x", "](https://a.test/)", "&#124;", "<b>"]), min_size=1, max_size=12).map("".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(_CELL, min_size=2, max_size=3))
@example(["p95 latency | x", "> 5%"])  # a runbook's metric took the threshold's cell, the threshold dropped
@example(["Known issue | CTO", "Bob"])  # a waiver's reason named its approver on the readiness page
@example(["x `", "` y"])  # a backtick of each cell made one code span of both, across the cells' '|'
def test_a_text_in_a_table_cell_is_that_cell_alone(texts: list[str]) -> None:
    """The pages' Markdown tables (a runbook's metric and threshold, the readiness page's waivers, blockers and runs,
    the overview, the sign-offs) hold data texts as inline Markdown, and a '|' of one ended its cell: Python-Markdown
    split the row there, moved the texts after it into the next cells and dropped what was past the last. Each text
    is its own cell, showing what it shows alone."""
    import markdown

    from generator.format.types import InlineMarkdown, PlainText
    from generator.site import escape

    def render(text: str) -> str:
        return markdown.Markdown(extensions=["tables", "attr_list", "md_in_html"]).convert(text)

    for kind in (InlineMarkdown, PlainText):
        for place in (escape.markdown, escape.link_text):
            cells = [place(kind(t)) for t in texts]
            alone = [render(c) for c in cells]
            assume(all(a.startswith("<p>") and a.endswith("</p>") for a in alone))  # a text a page shows as a list is not in a table
            table = render(f"| {' | '.join('h' for _ in cells)} |\n|{'---|' * len(cells)}\n| {' | '.join(cells)} |\n")
            shown = re.findall(r"<td>(.*?)</td>", table, re.S)
            assert [c.strip() for c in shown] == [a[3:-4].strip() for a in alone], (kind, place, cells, table)


_LINKISH = st.lists(
    st.sampled_from([*"[]() x\\`", "](https://a.test/)", "](javascript:alert(1))", "[x](https://b.test/)"]), min_size=1, max_size=8
).map("".join)


@settings(max_examples=80, deadline=None)
@given(_LINKISH, _LINKISH, st.sampled_from([("1. **", "**: ", ""), ("- ", ": done by ", ""), ("# ", " (", ")")]))
@example("Go [", "](javascript:alert(1)) now", ("1. **", "**: ", ""))  # a rollback step's title and text: our ': ' a javascript: link
@example("Approve [x", "](https://evil.example/phish)", ("- ", ": done by ", ""))  # our 'done by' a link to the other's address
def test_no_text_pairs_its_brackets_with_a_text_beside_it(first: str, second: str, line: tuple[str, str, str]) -> None:
    """Two data texts on one line of a page (a rollback step's title and text, a contact's role and name, a part's title
    and period): an '[' of one and a '](address)' of the other made a link of what lay between, our words included,
    to an address neither links to alone (so the check of links, text by text, passed a 'javascript:' one). The line's
    links are each text's own, as it renders alone."""
    import markdown

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    def links(text: str) -> list[tuple[str, str]]:
        """(address, text) of each link of the Markdown ``text``."""
        root = ElementTree.fromstring(f"<div>{markdown.Markdown().convert(text)}</div>")
        return [(a.get("href", ""), "".join(a.itertext())) for a in root.iter("a")]

    a, b = escape.markdown(InlineMarkdown(first)), escape.markdown(InlineMarkdown(second))
    before, between, after = line
    found = links(f"{before}{a}{between}{b}{after}")
    alone = links(f"{before}{a}{between}x{after}") + links(f"{before}x{between}{b}{after}")  # each on the line, the other 'x'
    assert {href for href, _ in found} <= {href for href, _ in alone}, (a, b, found)
    assert not any("done by" in text for _, text in found), (a, b, found)  # none of our words


_OPENING = st.lists(
    st.sampled_from(["#", "-", "+", "*", "_", "1.", "2)", "[ ]", "[x]", "!!!", "???", "===", "~~~", "```", ":::", "[TOC]", " ", "x", '"A"']),
    min_size=1,
    max_size=6,
).map("".join)


@settings(max_examples=80, deadline=None)
@given(_OPENING)
@example("# Mitigation")  # a runbook step's text: a heading of the page, its id the anchor of the page's own 'Mitigate' link
@example("[x] Approved")  # a ticked box of pymdownx.tasklist in a step
@example('!!! danger "Approved"')  # an admonition, a box of the theme
@example("- - -")
@example("::: os")  # mkdocstrings: the module imported where the site builds
def test_an_inline_text_opening_a_line_opens_no_block(text: str) -> None:
    """A page puts inline texts at the start of a line: a runbook's steps ('1. {text}'), the readiness page's lists
    ('- {text}'). There a text opening with '# ' was a heading of the page (in its table of contents, with an id that
    took the page's own anchor), '[x] ' a ticked box, '!!! danger' an admonition, '- ' a list, '---' a rule. Its first
    character is an escape: the list item holds the text, no block (a plain text too, in a link's text or not)."""
    import markdown

    from generator.format.types import InlineMarkdown, PlainText
    from generator.site import escape

    extensions = ["toc", "admonition", "attr_list", "md_in_html", "tables", "pymdownx.tasklist", "pymdownx.superfences", "pymdownx.tabbed"]
    for kind in (InlineMarkdown, PlainText):
        for place in (escape.markdown, escape.link_text):
            made = place(kind(text))
            for line in (f"1. {made}\n2. next", f"- {made}", made):
                html = markdown.Markdown(extensions=extensions).convert(line)
                inner = re.sub(r"^<ol>\n<li>|</li>\n<li>next</li>\n</ol>$|^<ul>\n<li>|</li>\n</ul>$|^<p>|</p>$", "", html)
                assert not re.search(r"<(?:h\d|ul|ol|li|hr|input|div|pre|p|blockquote|table)\b", inner), (text, kind, made, html)
    made = escape.markdown(InlineMarkdown(text))
    assert not re.search(r"^(?:#{1,6} *|)::: ?", made, re.M)  # mkdocstrings' marker (toc's makes a div, found above)
    assert not re.search(r"^(?:#{1,6} *|)::: ?", escape.md_block(f"Notes\n- {text}\n\n> {text}"), re.M)


@settings(max_examples=60, deadline=None)
@given(_LINKISH, _LINKISH)
@example("Go [", "](javascript:alert(1)) now")
@example("Approve [x", "](https://evil.example/phish)")
def test_no_text_of_the_markdown_export_pairs_its_brackets_with_a_text_beside_it(first: str, second: str) -> None:
    """The Markdown export puts a decision option's label and text on one line ('- [ ] **{label}** - {text}'), as it does
    a rollback step's title and text: an '[' of one and a '](address)' of the other made a link of our words between,
    on GitHub and for import reading the file back. Each text's links are its own there too."""
    from markdown_it import MarkdownIt

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    def hrefs(text: str) -> set[str]:
        return set(re.findall(r'href="([^"]*)"', MarkdownIt("commonmark").render(text)))

    a, b = escape.gfm(InlineMarkdown(first)), escape.gfm(InlineMarkdown(second))
    assert hrefs(f"- [ ] **{a}** - {b} {{#x}}") <= hrefs(f"- [ ] **{a}** - x {{#x}}") | hrefs(f"- [ ] **x** - {b} {{#x}}"), (a, b)


@settings(max_examples=60, deadline=None)
@given(_OPENING)
@example("# Before launch")  # a rollback's 'when', at a line's start of the export: a heading of the file, read back as one
@example("> quoted")
def test_an_inline_text_of_the_markdown_export_opens_no_block(text: str) -> None:
    """The Markdown export puts a rollback's 'when' at a line's start ('{when}:'): '# x' there was a heading of the file
    (and import read a section back), '> x' a quote, '- x' a list. Its first character is a character reference there,
    which import reads back as the character."""
    from markdown_it import MarkdownIt

    from generator.format.types import InlineMarkdown
    from generator.site import escape

    tokens = MarkdownIt("commonmark").parse(f"{escape.gfm(InlineMarkdown(text))}:\n")
    assert [t.type for t in tokens if t.nesting == 1] in ([], ["paragraph_open"]), (text, [t.type for t in tokens])
