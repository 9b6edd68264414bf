"""Checklists written otherwise than in Markdown task lists, written again as the Markdown the walk reads, line for line.

Org-mode (``* Heading``, ``- [ ]``), AsciiDoc (``== Heading``, ``* [ ]``, ``** [x]``), reStructuredText (titles
underlined with any punctuation), MediaWiki (``== Heading ==``, ``* {{Done}}``), HTML (checkbox inputs in list
items, Confluence tasks) and GitHub issue forms (YAML with a body) are known by the file's suffix, or by what their
first lines hold when it has none (standard input); in any file, a line that starts with a box outside a list
(``[ ] Bug fix``, ``☐ Backups``) is a task item. Each source line gives exactly one line (HTML and issue forms: each
block on the line it starts on, where it can), so messages name the file's own lines.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.entities import html5 as _HTML5
from itertools import groupby
from typing import Any

from ..format.load import Mapping, Scalar, Sequence, load_text
from ..format.types import whole_number
from ..site.escape import DRAWN_CROSS, DRAWN_DONE, DRAWN_OPEN, QUICK_ACTION
from .csvrows import box_of, csv_rows, names_id, placed, reference_id, role_of, unread_columns
from .ics import ics
from .latex import latex, latex_lists
from .literals import literal_lists
from .marks import DEFAULT_MARKERS
from .opml import LinearParser, opml
from .xmlfiles import data_lines, document_lines, is_document, local, safe_root

# A box at the start of a line that is no list item: "[ ] text", "[x] text", "☐ text".
_BARE_BOX = re.compile(r"^( {0,3})((?:\[[ xX]\]|[☐☑☒])[ \t]+\S)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_LIST_OR_QUOTE = re.compile(r"^\s*(?:[-*+]|\d+[.)]|>)\s")


_NESTED_BARE = re.compile(r"^([ \t]+)((?:\[[ xX]\]|[☐☑☒])[ \t]+\S)")


def bare_boxes(lines: list[str]) -> dict[int, int]:
    """The numbers (from 0) of the lines that start with a box outside a list, a fence or a quote, each a task item,
    and its depth: one indented (by tabs or spaces) under such a line is nested under it ('[ ] image cache' then
    '\t[ ] add a hash', as Zim and plain text checklists nest boxes), which CommonMark read as more of its text.

    >>> bare_boxes(["[ ] Cache", "\t[ ] Hash", "\t\t[x] Tags", "    [ ] Upload", "[ ] Deploy", "    [ ] not under a box"][:5])
    {0: 0, 1: 1, 2: 2, 3: 1, 4: 0}
    """
    found: dict[int, int] = {}
    fence = ""
    indents: list[int] = []  # the indentation of each open bare box, outermost first
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
            continue
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if opened:
            fence, indents = opened.group(1), []
        elif _BARE_BOX.match(line) or (indents and indent > indents[0] and _NESTED_BARE.match(line)):
            while indents and indents[-1] >= indent:
                indents.pop()
            found[number] = len(indents)
            indents.append(indent)
        elif line.strip():
            indents = []
    return found


def with_bare_boxes(lines: list[str]) -> list[str]:
    """Lines starting with a box outside a list written as task items ('- [ ] text'), nested ones under theirs."""
    out = list(lines)
    for number, depth in bare_boxes(lines).items():
        out[number] = "  " * depth + "- " + lines[number].lstrip()
    return out


_ESCAPED_BOX = re.compile(r"^(\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?)\\\[([ xX]?)\\\](?=[ \t])")
_ESCAPED_CELL = re.compile(r"(\|[ \t]*)\\\[([ xX]?)\\\](?=[ \t|])")


_LOOSE_BOX = re.compile(r"^(\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?)\[([ xX]?)\](?:[ \t]*(?=[^\s(\[:])|(?<=\[\])[ \t]+)")


_WIDE_SPACE = "\u00a0\u2007\u202f\u3000"  # no-break, figure, narrow no-break and ideographic spaces
_SPACED_BOX = re.compile(
    rf"^([ \t]*(?:>[ \t]*)*)(?:([-*+]|\d+[.)])[ \t{_WIDE_SPACE}]+)?[\[［]([ xX{_WIDE_SPACE}xｘＸ✓]?)[\]］](?=[ \t{_WIDE_SPACE}])[ \t{_WIDE_SPACE}]*"
)


def spaced_boxes(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Boxes written with a no-break or an ideographic space, or full-width brackets ('- [\u00a0] Backups', copied
    from a web page or a word processor; '- ［ ］ 检查备份', '- [\u3000] タスク', as a Chinese or Japanese input method
    types them) at the start of a list item or a line: boxes, as a reader sees them. They were text.

    >>> spaced_boxes(["- [\u00a0] Backups", "-\u00a0[ ] DNS", "- ［ ］ 检查", "- [\u3000] タスク", "- ［ｘ］ 完了", "a [\u00a0] b"])
    ['- [ ] Backups', '- [ ] DNS', '- [ ] 检查', '- [ ] タスク', '- [x] 完了', 'a [\xa0] b']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        found = _SPACED_BOX.match(line)
        if found is None or not any(ch in found.group(0) for ch in _WIDE_SPACE + "［］ｘＸ"):
            continue
        mark = "x" if found.group(3) and found.group(3) in "xXｘＸ✓" else " "
        out[number] = f"{found.group(1)}{found.group(2) + ' ' if found.group(2) else ''}[{mark}] {line[found.end():]}"
        if changed is not None:
            changed.append(number + 1)
    return out


# A box with room in it or none before it: '- [ x ] Done', '- [  ] Open', '-[ ] Open', '-[x]Done', '1.[ ] Step'.
_ROOMY_BOX = re.compile(r"^(\s*(?:>\s*)*)(?:([-*+]|\d+[.)])([ \t]*))?\[([ \t]*)([xX]?)([ \t]*)\](?![(\[:])[ \t]*(?=\S)")


def _roomy_box(line: str) -> str:
    """The line with its box written as a box is ('- [ x ] Done' is '- [x] Done', '-[ ] Open' is '- [ ] Open'), where
    spaces in the brackets or none after the list marker made it none; the line as it was where it is one already."""
    found = _ROOMY_BOX.match(line)
    if found is None:
        return line
    inside = found.group(4) + found.group(5) + found.group(6)
    tight = found.group(2) is not None and not found.group(3)  # '-[ ]': no space after the marker
    if not tight and inside in (" ", "x", "X"):
        return line
    if found.group(2) is None and not found.group(5) and len(inside) > 3:
        return line  # '[     ]' opening a line of prose: a blank to fill in, not a box
    marker = f"{found.group(2)} " if found.group(2) else ""
    return f"{found.group(1)}{marker}[{found.group(5) or ' '}] " + line[found.end() :]


def loose_boxes(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Boxes typed loosely at the start of a list item or a line: empty brackets ('[] Backups', '- [] Tell support'),
    no space after the box ('[x]DNS switched', '* [ ]Tag'), spaces in it ('- [ x ] Sync', '- [  ] Migrate') or none
    before it ('-[ ] Deploy'), as a plain text checklist or a filled-in template has them: boxes. A link
    ('[x](…)'), a reference ('[1]: …') or a bracket in prose stays as written.

    >>> loose_boxes(["[] Backups", "[x]DNS switched", "- []Notes", "* [ ]Tag", "[x](https://x.test)", "[ ] fine"])
    ['[ ] Backups', '[x] DNS switched', '- [ ] Notes', '* [ ] Tag', '[x](https://x.test)', '[ ] fine']
    >>> loose_boxes(["- [ x ] Sync", "- [  ] Migrate", "-[X] Tag", "-[ ]Deploy", "1.[ ] Step", "[ x ] Done", "- [ ](#anchor)"])
    ['- [x] Sync', '- [ ] Migrate', '- [X] Tag', '- [ ] Deploy', '1. [ ] Step', '[x] Done', '- [ ](#anchor)']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        found = _LOOSE_BOX.match(line)
        if found is None or (found.group(2) and line[found.end() - 1 : found.end()].isspace()):
            out[number] = _roomy_box(line)
            if changed is not None and out[number] != line:
                changed.append(number + 1)
            continue  # not loose: '[ ] fine' is a box as written
        out[number] = f"{found.group(1)}[{found.group(2) or ' '}] " + line[found.end() :].lstrip()
        if changed is not None:
            changed.append(number + 1)
    return out


def unescaped_boxes(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Boxes written with escaped brackets ('* \\[ \\] Step', '\\[x\\] Done', '| \\[ \\] |', as Google Docs,
    Notion and pandoc export task lists) at the start of a list item, a line or a table cell: boxes as written
    ('\\[\\]' an open one). ``changed`` gets the numbers (from 1) of the lines they stand on.

    >>> unescaped_boxes([r"* \\[ \\] **Step 5b**", r"\\[x\\] Done", r"| \\[\\] | Backups |", r"Use \\[ \\] to show a box"])
    ['* [ ] **Step 5b**', '[x] Done', '| [ ] | Backups |', 'Use \\\\[ \\\\] to show a box']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        if "\\[" not in line:
            continue
        new = _ESCAPED_BOX.sub(lambda m: f"{m.group(1)}[{m.group(2) or ' '}]", line, count=1)
        if new.lstrip().startswith("|"):
            new = _ESCAPED_CELL.sub(lambda m: f"{m.group(1)}[{m.group(2) or ' '}]", new)
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


# A box in bold or italics ('**[ ]**', '_[x]_'; its brackets may be escaped), or bold over a box and its text ('**[ ] Tag**').
_EMPHASIS = r"(\*\*|__|\*|_)\\?\[([ xX]?)\\?\]\2"
_EMPHASISED_BOX = re.compile(rf"^(\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?){_EMPHASIS}(?=[ \t]|$)")
_EMPHASISED_CELL = re.compile(rf"(\|[ \t]*){_EMPHASIS}(?=[ \t]*\|| [ \t]*\S)")
_BOLD_TASK = re.compile(r"^(\s*(?:>\s*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?)(\*\*|__)\\?\[([ xX]?)\\?\][ \t]+(?=\S)(.*?\S)\2(?=[ \t]|$)")


def emphasised_boxes(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Boxes set in bold or italics ('| Backups | **[ ]** |', '- *[x]* Tag', '**[ ] Freeze main**', as a template
    makes its boxes stand out) at the start of a list item, a line or a table cell: boxes, the bold over a box's text
    kept on the text. Emphasis elsewhere in a line stays as written.

    >>> emphasised_boxes(["| Backups | **[ ]** |", "- *[x]* Tag", "**[ ] Freeze main** now", "| __[x]__ DNS |", "a **[ ]** b"])
    ['| Backups | [ ] |', '- [x] Tag', '[ ] **Freeze main** now', '| [x] DNS |', 'a **[ ]** b']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        if "[" not in line or not re.search(r"[*_]\\?\[", line):
            continue
        new = _BOLD_TASK.sub(lambda m: f"{m.group(1)}[{m.group(3) or ' '}] {m.group(2)}{m.group(4)}{m.group(2)}", line, count=1)
        new = _EMPHASISED_BOX.sub(lambda m: f"{m.group(1)}[{m.group(3) or ' '}]", new, count=1)
        if new.lstrip().startswith("|"):
            new = _EMPHASISED_CELL.sub(lambda m: f"{m.group(1)}[{m.group(3) or ' '}]", new)
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


_SHORTCODE = re.compile(r"(?<![\w:]):([a-z0-9_+-]+):(?![\w:])")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")  # as marks.CODE_SPAN: a code span, closed by as many backticks


def _emoji(name: str) -> str:
    """The emoji a GitHub shortcode names ('white_check_mark' '✅'), '' for no known name."""
    from pymdownx import gemoji_db  # type: ignore[import-untyped]  # GitHub's own list, as pymdown-extensions (a dependency) keeps it

    key = gemoji_db.aliases.get(f":{name}:", f":{name}:")
    found = gemoji_db.emoji.get(key)
    return "".join(chr(int(point, 16)) for point in (found.get("unicode_alt") or found["unicode"]).split("-")) if found else ""


def shortcodes(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """GitHub's emoji shortcodes ('- :white_check_mark: Backups', '## :rocket: Deploy', '| :x: |') as the emoji they
    show, outside code: the site shows a shortcode as its letters, and a list of them is a list of ticks and boxes
    (:func:`glyph_lists`). A name GitHub does not know ('10:30:00', ':foo:') stays as written.

    >>> shortcodes(["- :white_check_mark: Backups", "- :white_large_square: DNS `:x:`", "At 10:30:00 :nosuch:"])
    ['- ✅ Backups', '- ⬜ DNS `:x:`', 'At 10:30:00 :nosuch:']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        if line.count(":") < 2 or not _SHORTCODE.search(line):
            continue
        pieces, at = [], 0
        for span in _CODE_SPAN.finditer(line):
            pieces += [line[at : span.start()], span.group(0)]
            at = span.end()
        pieces.append(line[at:])
        new = "".join(piece if n % 2 else _SHORTCODE.sub(lambda m: _emoji(m.group(1)) or m.group(0), piece) for n, piece in enumerate(pieces))
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


_COLON_FENCE = re.compile(r"^ {0,3}(:{3,})[ \t]*(?:\{([\w-]+)\}|([A-Za-z][\w-]*))[ \t]*(.*?)[ \t]*$")
_DIRECTIVE_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*\{([\w-]+)\}[ \t]*(.*?)[ \t]*$")
_DIRECTIVE_OPTION = re.compile(r"^[ \t]*:[\w-]+:")
# Directives whose body is code: anything else in colons is prose, and in backticks only MyST's admonitions and boxes.
_CODE_DIRECTIVES = {"mermaid", "code", "code-block", "sourcecode", "code-cell", "math", "csv-table", "raw", "literalinclude", "graphviz"}
_PROSE_DIRECTIVES = {
    "note", "warning", "tip", "hint", "important", "caution", "danger", "attention", "error", "seealso", "admonition",
    "dropdown", "tab-item", "tab-set", "card", "grid-item-card", "sidebar", "topic", "margin", "div", "todo",
}


def _opening(line: str) -> tuple[str, bool, str] | None:
    """(fence, body is prose, label) of a line opening an admonition or a directive: the label its title (or kind)
    where its body is prose, the language of its code where it is code."""
    colon, directive = _COLON_FENCE.match(line), _DIRECTIVE_FENCE.match(line)
    tasklist = re.match(r"^ {0,3}(`{3,}|~{3,})[ \t]*\[tasklist\][ \t]*$", line, re.I)
    if tasklist:  # GitHub's tasklist block: a task list, its '### Title' in it
        return tasklist.group(1), True, ""
    if colon:
        kind, title = (colon.group(2) or colon.group(3)).lower(), colon.group(4).strip("[]")
        prose = kind not in _CODE_DIRECTIVES
        return colon.group(1), prose, (title or kind.replace("-", " ").capitalize()) if prose else kind
    if directive:
        kind, rest = directive.group(2).lower(), directive.group(3)
        prose = kind in _PROSE_DIRECTIVES
        return directive.group(1), prose, (rest or kind.replace("-", " ").capitalize()) if prose else (rest.split() or [""])[0]
    return None


# A callout's opening line: GitHub's alerts ('> [!NOTE]'), Obsidian's callouts ('> [!todo]- This week').
_CALLOUT = re.compile(r"^([ \t]*(?:>[ \t]*)+)\[!([A-Za-z][\w-]*)\][+-]?[ \t]*(.*?)[ \t]*$")


def callouts(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A callout opening a quote ('> [!todo] This week', as Obsidian writes one; GitHub's alerts, '> [!WARNING]'): its
    title, else its kind, a bold label, so its task list is labelled by it. It showed as '[!todo] This week'.

    >>> callouts(["> [!todo]- This week", "> - [ ] Pay rent", "> [!WARNING]", "[!x] not in a quote"])
    ['> **This week**', '> - [ ] Pay rent', '> **Warning**', '[!x] not in a quote']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        found = _CALLOUT.match(lines[number])
        if found:
            out[number] = f"{found.group(1)}**{found.group(3) or found.group(2).capitalize()}**"
            if changed is not None:
                changed.append(number + 1)
    return out


def admonitions(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Admonitions fenced with colons (':::tip Before you start' … ':::', as Docusaurus, VuePress, MyST and Azure
    DevOps' wiki write them) and MyST's admonitions in backticks ('```{note}' … '```'): their body read as the
    Markdown it is, the opening line a bold label of the title (or the kind), the closing one and the directive's
    options (':class: tip') blank. A body of code (':::mermaid', '```{code-block} sh') is fenced code. GitHub's
    tasklist block ('```[tasklist]', '### Tasks', task items) is its task list.

    >>> admonitions([":::tip[Before you start]", "- [ ] Backups", ":::", "```{note}", ":class: x", "- [ ] DNS", "```"])
    ['**Before you start**', '- [ ] Backups', '', '**Note**', '', '- [ ] DNS', '']
    >>> admonitions(["```{code-block} sh", ":::tip", "```", "::: mermaid", "graph", ":::", "```", ":::tip", "```"])
    ['```sh', ':::tip', '```', '```mermaid', 'graph', '```', '```', ':::tip', '```']
    """
    out = list(lines)
    opened: list[tuple[str, bool]] = []  # the fences open, innermost last: (fence, body is prose)
    code = ""  # a plain fence open (outside them or in a prose body)
    for number, line in enumerate(lines):
        bare = line.strip()
        top = opened[-1] if opened else ("", True)
        plain = _FENCE.match(line)
        if code:
            code = "" if _closes(bare, code) else code
            continue
        if opened and _closes(bare, top[0]):
            opened.pop()
            out[number] = "" if top[1] else "```"
        elif not top[1]:
            continue  # the body of code
        elif (found := _opening(line)) is not None:
            opened.append((found[0], found[1]))
            out[number] = (f"**{found[2]}**" if found[2] else "") if found[1] else "```" + found[2]
        elif plain:
            code = plain.group(1)
            continue
        elif opened and _DIRECTIVE_OPTION.match(line) and (_opening(lines[number - 1]) or _DIRECTIVE_OPTION.match(lines[number - 1])):
            out[number] = ""
        else:
            continue
        if changed is not None:
            changed.append(number + 1)
    return out


def _closes(line: str, fence: str) -> bool:
    return bool(line) and len(line) >= len(fence) and line == line[0] * len(line) and line[0] == fence[0]


_HINT = re.compile(r"^[ \t]*<!--\s*checklist-site:")


# A code span, empty or not, tried from a run's start only (tried at each backtick of a run, each try read on to the
# line's end: a line of backticks took time growing with its square). It once had the name of _CODE_SPAN above, which
# every function then used, shortcodes' too.
_ANY_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)")


_PERCENT_OPENS = re.compile(r"^ {0,3}%%(?!.*%%)")  # '%% kanban:settings': a comment over the lines up to a closing '%%'
_PERCENT_CLOSES = re.compile(r"^ {0,3}(?:.*\S)?[ \t]*%%[ \t]*$")
_PERCENT_PAIR = re.compile(r"%%.*?%%")


def percent_comments(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Obsidian's comments, which its reading view hides: in a line ('Build site %% a note %%') and over lines, from
    one opening with '%%' to one ending with it (the Kanban plugin's '%% kanban:settings' block, code and all): left
    out, a comment's lines blank. They showed as text. A lone '%%' ('Load to 90%%', strftime's '%%' in code) is text.

    >>> percent_comments(["- [ ] Build %% hidden %% site", "%% kanban:settings", "```", "{}", "```", "%%", "After `%%`"])
    ['- [ ] Build  site', '', '', '', '', '', 'After `%%`']
    >>> percent_comments(["- [ ] Load to 90%%", "      %% Literal %", "- [ ] Deploy", "%% never closed", "- [ ] Tag"])
    ['- [ ] Load to 90%%', '      %% Literal %', '- [ ] Deploy', '%% never closed', '- [ ] Tag']
    """
    out = list(lines)
    outside = list(_outside_fences(lines))
    closing = {n for n in range(len(lines)) if _PERCENT_CLOSES.match(lines[n])}
    number = 0
    while number < len(lines):
        end = next((k for k in sorted(closing) if k > number), None) if number in outside and _PERCENT_OPENS.match(lines[number]) else None
        if end is not None:
            out[number : end + 1] = [""] * (end + 1 - number)
            if changed is not None:
                changed += range(number + 1, end + 2)
            number = end + 1
            continue
        if number in outside and "%%" in lines[number]:
            pieces = [lines[number][m.start() : m.end()] for m in _ANY_CODE_SPAN.finditer(lines[number])]
            kept = _PERCENT_PAIR.sub("", _ANY_CODE_SPAN.sub("\0", lines[number]))
            for piece in pieces:
                kept = kept.replace("\0", piece, 1)
            if kept != lines[number]:
                out[number] = kept if kept.strip() else ""
                if changed is not None:
                    changed.append(number + 1)
        number += 1
    return out


def comment_lines(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """HTML comments on lines of their own ('<!-- Uncomment for non-patch releases' … '-->' between a template's
    list items or table rows) as blank lines, in a table empty rows: a reader never sees them, and Markdown ended
    the list or the table there (the items after it a list of their own, the rows after it text). A comment that
    shares a line with text, or an export's hint ('<!-- checklist-site: final -->'), stays.

    >>> comment_lines(["- [ ] a", "<!-- later:", "- [ ] b", "-->", "- [ ] c", "| a |", "<!-- | b | -->", "| c |", "x <!-- y -->"])
    ['- [ ] a', '', '', '', '- [ ] c', '| a |', '| |', '| c |', 'x <!-- y -->']
    """
    out = list(lines)
    fenced = set(_outside_fences(lines))
    number = 0
    while number < len(lines):
        line = lines[number]
        if number not in fenced or not line.lstrip().startswith("<!--") or _HINT.match(line):
            number += 1
            continue
        end = _comment_end(lines, number)
        if end is None:
            number += 1
            continue
        in_table = number > 0 and lines[number - 1].lstrip().startswith("|") and end + 1 < len(lines) and lines[end + 1].lstrip().startswith("|")
        for k in range(number, end + 1):
            out[k] = "| |" if in_table else ""
        if changed is not None:
            changed.append(number + 1)
        number = end + 1
    return out


def _comment_end(lines: list[str], number: int) -> int | None:
    """The line a comment opened at the start of line ``number`` closes on, where nothing follows it; else None."""
    for k in range(number, len(lines)):
        rest = lines[k][lines[k].index("<!--") + 4 :] if k == number else lines[k]
        if "-->" in rest:
            return k if not rest.split("-->", 1)[1].strip() else None
    return None


def quick_actions(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A line that is a GitLab quick action or a Prow command ('/label ~"meta: release"', '/milestone', '/kind bug', as
    an issue template ends): left out, a blank line. GitLab runs them and removes them from the text; no reader sees
    them as text. A path in prose ('/etc/hosts updated') stays.

    >>> quick_actions(['/label ~"meta: release"', "/assign @me", "/etc/hosts updated", "- /label in a list"])
    ['', '', '/etc/hosts updated', '- /label in a list']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        if lines[number].startswith((" ", "/")) and QUICK_ACTION.match(lines[number]):
            out[number] = ""
            if changed is not None:
                changed.append(number + 1)
    return out


_CELL_TASK = re.compile(r"<li\b[^>]*>\s*(?:[-*+][ \t]+)?\[[ xX]\]", re.I)


def cell_lists(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A task list written in HTML in a table cell ('| UI | <ul><li> - [ ] Task one </li><li> - [x] Task two </li></ul>
    |', as GitLab's documentation advises, Markdown lists being no cell's text): the cell's boxes, a line break
    between them (each a sub-item of the row's item). Its boxes were the text of a table in the notes.

    >>> cell_lists(["| UI | <ul><li> - [ ] Task one </li><li> - [x] Task two </li></ul> |", "| <ul><li>plain</li></ul> |"])
    ['| UI | [ ] Task one<br>[x] Task two |', '| <ul><li>plain</li></ul> |']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        if not line.lstrip().startswith("|") or not _CELL_TASK.search(line):
            continue
        new = re.sub(r"<(?:ul|ol)\b[^>]*>[ \t]*|(?<![ \t])[ \t]*</(?:ul|ol)>", "", line, flags=re.I)
        new = re.sub(r"(?<![ \t])[ \t]*</li>[ \t]*(?=<li\b)", "<br>", new, flags=re.I)
        new = re.sub(r"(?<![ \t])[ \t]*</li>", "", new, flags=re.I)
        new = re.sub(r"<li\b[^>]*>[ \t]*(?:[-*+][ \t]+)?", "", new, flags=re.I)
        out[number] = new
        if changed is not None:
            changed.append(number + 1)
    return out


_MYST_ROLE = re.compile(r"(?<![\w`])\{([a-z][\w:.+-]*)\}(`+)(?!`)(.+?)(?<!`)\2(?!`)")


def myst_roles(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """MyST's roles ('{doc}`/usage/the_basics`', '{ref}`the guide <guide>`', '{py:func}`run`', as Sphinx docs in
    Markdown write them): the title where one is given, else the target as code; the role's name left out (it showed
    in the text as '{doc}').

    >>> myst_roles(["See {doc}`/usage/the_basics` and {ref}`the guide <guide>`.", "Keep `{doc}` as code"])
    ['See `/usage/the_basics` and the guide.', 'Keep `{doc}` as code']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        if "}`" not in line:
            continue
        new = _MYST_ROLE.sub(lambda m: _role_text(m.group(2), m.group(3)), line)
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


def _role_text(ticks: str, content: str) -> str:
    titled = re.fullmatch(r"(.*?\S)\s*<([^<>]+)>", content.strip())
    return titled.group(1) if titled else f"{ticks}{content}{ticks}"


_KEYWORD_ITEM = re.compile(
    r"^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+)(?:\{\{\[\[(TODO|DONE)\]\]\}\}|(TODO|DOING|NOW|LATER|WAITING|WAIT|IN-PROGRESS|DONE|CANCELED|CANCELLED))[ \t]+(?=\S)"
)  # Roam writes its to-dos "{{[[TODO]]}} Freeze", "{{[[DONE]]}} Tag"
_KEYWORD_BOX = {"DONE": "[x] ", "CANCELED": "[-] ", "CANCELLED": "[-] "}  # any other keyword: an open box
_OUTLINER_PRIORITY = re.compile(r"^(\s*(?:[-*+]|\d+[.)])[ \t]+\[[ x-]\] )\[#([A-Z])\][ \t]+(.*?)[ \t]*$")
_HIDDEN_PROPERTY = re.compile(r"^[ \t]+(?:collapsed|id)::[ \t]")
_PROPERTY_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?[\w.-]+::(?:[ \t]|$)")  # an outliner's 'key:: value', a block's or the page's
_HEADING_BLOCK = re.compile(r"^(\t*)-[ \t]+(#{1,6}[ \t]+\S.*)$")
_RENDERER = re.compile(r"(?<![ \t])[ \t]*\{\{renderer[ \t][^{}]*\}\}")  # a plugin's macro ('{{renderer :todomaster}}'): drawn by it


def _outliner_blocks(lines: list[str], changed: list[int] | None) -> list[str]:
    """An outliner page's heading blocks as headings, the blocks under each a tab less indented; its blocks of
    properties alone and its queries left out."""
    out, heads, query, drawer = list(lines), list[int](), False, False  # the tabs of each heading block over the line, outermost first
    for number, line in enumerate(lines):
        tabs = len(line) - len(line.lstrip("\t"))
        if query or line.strip().upper().startswith("#+BEGIN_QUERY"):
            query = not line.strip().upper().startswith("#+END_QUERY")
            out[number] = ""
        elif _PROPERTY_LINE.match(line) and (line.lstrip().startswith("-") or not tabs and not line.startswith(" ")):
            out[number] = ""  # a block of properties alone, or the page's
        elif drawer or re.fullmatch(r"[ \t]*:(?:LOGBOOK|PROPERTIES):[ \t]*", line):  # a task's clock and properties drawer: bookkeeping
            drawer = line.strip() != ":END:"
            out[number] = ""
        elif _ORG_PLANNING.search(line) and not line.lstrip().startswith("-"):  # 'SCHEDULED: <…>' under a task: a line of its details
            out[number] = f"{line[min(len(heads), tabs) : len(line) - len(line.lstrip())]}- {_planned(line)}"
        elif _PROPERTY_LINE.match(line):  # a block's property under its text: a line of its details, unless hidden or empty
            key, _, value = line.strip().partition("::")
            shown = value.strip() and key not in ("collapsed", "id") and not key.startswith("template")
            out[number] = f"{line[min(len(heads), tabs) : len(line) - len(line.lstrip())]}- {key}: {value.strip()}" if shown else ""
        elif line.strip():
            while heads and heads[-1] >= tabs and line.lstrip().startswith("-"):  # a block (not more lines of one) ends them
                heads.pop()
            heading = _HEADING_BLOCK.match(line)
            out[number] = _RENDERER.sub("", heading.group(2) if heading else line[min(len(heads), tabs) :])
            if heading:
                heads.append(tabs)
        if out[number] != line and changed is not None:
            changed.append(number + 1)
    return out
_WIKILINK = re.compile(r"!?\[\[([^\[\]|]+?)(?:\|([^\[\]]+))?\]\]")


# Smart Checklist's (a Jira app's) text: a status mark before each item ('-' or '*' to do, '+' done, '~' in progress,
# 'x' skipped), a '!' after it (or alone, to do) a mandatory item, '#' headers, '>' lines of the item's details.
_SMART_LINE = re.compile(r"^(?:([-*+~x])(?:[ \t]*+(!))?|(!)(?!\[))[ \t]*+(?<=[ \t!])(?=[^ \t!])|^(#{1,6})[ \t]|^>[ \t]?")
_SMART_BOX = {"-": "[ ]", "*": "[ ]", "+": "[x]", "~": "[/]", "x": "[-]"}


def _smart_shaped(lines: list[str], told: list[int]) -> bool:
    """Whether the lines ``told`` (the file's, outside code) are Smart Checklist's text: each a header, an item with
    its mark or a '>' line of details; two items at least; one in progress or skipped ('~ ', 'x '), or a done one
    ('+ ') right beside one to do (Markdown starts a list anew at each change of bullet: no list of its is so)."""
    marks = [(n, found.group(1) or "!") for n in told if (found := _SMART_LINE.match(lines[n])) is not None and (found.group(1) or found.group(3))]
    if len(marks) < 2 or any(not _SMART_LINE.match(lines[n]) for n in told):
        return False
    at = dict(marks)
    beside = any(at.get(n) == "+" and {at.get(n - 1), at.get(n + 1)} & {"-", "*"} for n, _ in marks)
    return beside or any(mark in "~x!" for _, mark in marks) or any(_SMART_LINE.match(lines[n]).group(2) for n, _ in marks)  # type: ignore[union-attr]


# A self-assessment's check written as a paragraph: its code in bold, then its state in bold brackets, then the
# recommendation ('**EQA.1** - **[OK]** The software responsible …', as DLR's software engineering checklists write them).
_CODED_CHECK = re.compile(r"^[ \t]{0,3}\*\*([^*\s]{1,24})\*\*[ \t]*[-–—:]?[ \t]*\*\*\[([^\]*\n]{1,12})\]\*\*[ \t]+(?=\S)")


def coded_checks(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Paragraphs that are a self-assessment's checks, two or more ('**EQA.1** - **[OK]** The software responsible
    recognizes …'): each a task item, its state's word its box ('OK' ticked, 'n.a.' n/a, 'todo' or 'future' open), its
    code its id where it is a reference code ('eqa-1'). They were paragraphs of prose (notes), the file's one list,
    its usage hints, read as its checks.

    >>> coded_checks(["## Qualification", "**EQA.1** - **[OK]** Roles known.", "", "**EQA.2** - **[todo]** Support known."])
    ['## Qualification', '- [x] Roles known. {#eqa-1}', '', '- [ ] Support known. {#eqa-2}']
    """
    found = [(n, m) for n in _outside_fences(lines) if (m := _CODED_CHECK.match(lines[n])) is not None]
    if len(found) < 2:
        return lines
    out = list(lines)
    for n, m in found:
        ident = reference_id(m.group(1))
        rest = lines[n][m.end() :].rstrip()
        out[n] = f"- {box_of(m.group(2))} {rest}{f' {{#{ident}}}' if ident else ''}"
        if changed is not None:
            changed.append(n + 1)
    return out


# A spec's task as GitHub's Spec Kit writes its tasks.md: '- [ ] T001 [P] [US1] Create the model in src/models/user.py'
# (its id, whether it runs in parallel, its user story or phase, then the task).
_SPEC_TASK = re.compile(r"^(\s*[-*+][ \t]+\[[ xX]\][ \t]+)(T\d{3,4})[ \t]+((?:\[[^\[\]\n]{1,24}\][ \t]*)*)(\S.*)$")


def spec_tasks(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A spec's tasks (Spec Kit's tasks.md, two or more: '- [ ] T001 [P] [US1] Create the model'): the code the
    item's id ('t001'), its tags after the task's words ('Create the model [P] [US1]'), where they were its first
    words and the id a slug of them ('t001-setup-compile-existing').

    >>> spec_tasks(["- [ ] T001 [Setup] Compile the notes", "- [x] T002 [P] [US1] Create `user.py`", "- [ ] T3 Other"])
    ['- [ ] Compile the notes [Setup] {#t001}', '- [x] Create `user.py` [P] [US1] {#t002}', '- [ ] T3 Other']
    """
    found = [(n, m) for n in _outside_fences(lines) if (m := _SPEC_TASK.match(lines[n])) is not None]
    if len(found) < 2:
        return lines
    out = list(lines)
    for n, m in found:
        tags = " ".join(m.group(3).split())
        out[n] = f"{m.group(1)}{m.group(4).rstrip()}{' ' + tags if tags else ''} {{#{m.group(2).lower()}}}"
        if changed is not None:
            changed.append(n + 1)
    return out


def smart_checklist(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Smart Checklist's text (a Jira app's checklist copied or exported: '- To do', '+ Done', '~ In progress',
    'x Skipped', '# Header', '> details'): each item a box (done ticked, in progress open, skipped n/a), a header a
    heading over its items, a '>' line the details of the item above. Its '+', '~' and 'x' items were words of the
    item above, its '>' lines a quote. A '!' after the mark ('- ! Back up', '+! Tag') or alone ('! Back up') makes
    the item mandatory: critical, its '🔴' as the CSV reader writes a Critical column's yes (it was words of the text).

    >>> smart_checklist(["# Done means", "- Code reviewed", "+ Tests written", "~ Docs", "> For API changes only", "x Load test"])
    ['# Done means', '- [ ] Code reviewed', '- [x] Tests written', '- [/] Docs', '', '  For API changes only', '- [-] Load test']
    >>> smart_checklist(["- ! Back up", "+! Tag", "! Tell support", "- Rest"])
    ['- [ ] 🔴 Back up', '- [x] 🔴 Tag', '- [ ] 🔴 Tell support', '- [ ] Rest']
    >>> smart_checklist(["- one", "", "+ two"])  # Markdown's bullets: as written
    ['- one', '', '+ two']
    """
    told = [n for n in _outside_fences(lines) if lines[n].strip()]
    if not _smart_shaped(lines, told):
        return lines
    out: list[str] = []
    for number, line in enumerate(lines):
        found = _SMART_LINE.match(line) if number in told else None
        if found is None or found.group(4):
            out.append(line)
            continue
        if found.group(1) or found.group(3):
            must = "🔴 " if found.group(2) or found.group(3) else ""
            out.append(f"- {_SMART_BOX[found.group(1) or '-']} {must}{line[found.end() :].rstrip()}")
        else:  # a line of the item's details: a paragraph under it
            detail = "  " + line[found.end() :].rstrip()
            out += ["", detail] if out and out[-1].startswith("- [") else [detail]
        if changed is not None:
            changed.append(len(out))  # the line as read (a blank line went before the first line of details)
    return out


def outliner_tasks(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """An outliner's tasks (Logseq, Roam: '- TODO Freeze main', '- DONE Tag', '- LATER Notes', '- CANCELED Old') as
    boxes, DONE ticked, CANCELED n/a; their hidden properties ('collapsed:: true', 'id:: …') left out; and a wiki
    link ('[[Release notes]]', '[[Page|shown words]]', as Logseq, Obsidian and Foam write them) its words. The
    keyword stayed in the item's text and DONE was no tick, a property was more of the text.

    >>> outliner_tasks(["- TODO Freeze [[main]]", "\t- DONE Tag", "\t  collapsed:: true", "- Now [[Page|we]] go"])
    ['- [ ] Freeze main', '\t- [x] Tag', '', '- Now we go']

    In an outliner's page (a task of a keyword in it, or properties), a block of a heading ('- ## Preparations' over its
    tasks indented a tab under it) is that heading, its blocks a tab less indented (they were items under a list item
    of a heading, in a group 'Items'); a block of properties alone ('- query-table:: true') and a query
    ('#+BEGIN_QUERY' … '#+END_QUERY') are left out, as the page shows them (they were items).

    >>> outliner_tasks(["icon:: ✈️", "- ## Before", "\\t- TODO Charge the radio", "\\t\\t- Both of them", "- query-table:: true",
    ...                 "  #+BEGIN_QUERY", "  {}", "  #+END_QUERY"])
    ['', '## Before', '- [ ] Charge the radio', '\\t- Both of them', '', '', '', '']
    """
    outliner = any(_KEYWORD_ITEM.match(line) for line in lines) or sum(1 for line in lines if _PROPERTY_LINE.match(line)) >= 2
    lines = _outliner_blocks(lines, changed) if outliner else lines
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        new = _KEYWORD_ITEM.sub(lambda m: m.group(1) + _KEYWORD_BOX.get(m.group(2) or m.group(3), "[ ] "), line, count=1)
        cookie = _OUTLINER_PRIORITY.match(new) if new != line else None  # '- LATER [#A] research': its level after the text
        new = f"{cookie.group(1)}{cookie.group(3)}{_priority_said(cookie.group(2))}" if cookie else new
        new = "" if _HIDDEN_PROPERTY.match(new) else new
        if "[[" in new:
            pieces = re.split(r"(`+[^`]*`+)", new)  # not in code
            new = "".join(piece if n % 2 else _WIKILINK.sub(lambda m: (m.group(2) or m.group(1)).strip(), piece) for n, piece in enumerate(pieces))
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


# Obsidian Tasks' signifiers after a task's text: a date, a recurrence or an id each, as the plugin writes them.
_SIGNIFIERS = {"📅": "Due", "⏳": "Scheduled", "🛫": "Start", "➕": "Created", "✅": "Done", "❌": "Cancelled", "🔁": "Repeats",
               "🆔": "Id", "⛔": "Depends on", "🏁": "On completion"}
_SIGNS = "📅⏳🛫➕✅❌🔁🆔⛔🏁⏫🔼🔽⏬🔺"  # and the priority signs, which end a value
_SIGNIFIED = re.compile(rf"(?<![ \t])[ \t]*(📅|⏳|🛫|➕|✅|❌|🔁|🆔|⛔|🏁)\ufe0f?[ \t]*([^{_SIGNS}]*?)(?=[ \t]*(?:[{_SIGNS}]|$))")
_DATE_VALUE = re.compile(r"\d{4}-\d\d-\d\d")
_SIGNIFIED_VALUE = {**dict.fromkeys("📅⏳🛫➕✅❌", _DATE_VALUE), "🔁": re.compile(r"every\b.*", re.I), "🆔": re.compile(r"[\w-]+"),
                    "⛔": re.compile(r"[\w-]+(?:\s*,\s*[\w-]+)*"), "🏁": re.compile(r"keep|delete", re.I)}
_TASK_START = re.compile(r"^([ \t]*(?:>[ \t]*)*(?:[-*+]|\d+[.)])[ \t]+)\[[^\]]\][ \t]+")


def task_signifiers(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Obsidian Tasks' dates and recurrence after a task's text ('📅 2026-12-10' due, '⏳' scheduled, '🛫' start, '➕'
    created, '✅' done, '❌' cancelled, '🔁 every week', '🆔 …', '⛔ …'): lines of its details, the text without them
    (they were words of it; its priority signs stay, read as markers). A sign before the text (an icon: '✅ **GO**'), or
    without the value the plugin writes after it (a date, 'every …'), is left as written.

    >>> task_signifiers(["- [ ] Call the venue 📅 2026-12-10 ⏫", "- [x] Book ✅ 2026-12-02", "- [ ] Rain ☔ today"])
    ['- [ ] Call the venue ⏫', '  - Due: 2026-12-10', '- [x] Book', '  - Done: 2026-12-02', '- [ ] Rain ☔ today']
    >>> task_signifiers(["- [ ] ✅ **GO** - All critical items done", "- [ ] Paint ✅ later"])  # an icon before the text, no date: as written
    ['- [ ] ✅ **GO** - All critical items done', '- [ ] Paint ✅ later']
    """
    if not any(sign in line for line in lines for sign in _SIGNIFIERS):
        return lines
    out: list[str] = []
    for number in range(len(lines)):
        line = lines[number]
        start = _TASK_START.match(line)
        signed = start is not None and any(sign in line for sign in _SIGNIFIERS)
        found = [m for m in _SIGNIFIED.finditer(line) if _SIGNIFIED_VALUE[m.group(1)].fullmatch(m.group(2).strip())] if signed else []
        found = [m for m in found if start and line[start.end() : m.start()].strip(" \t[]xX-")]  # after the text: an icon before it is none
        if not found:
            out.append(line)
            continue
        text = line
        for m in reversed(found):
            text = text[: m.start()] + text[m.end() :]
        margin = " " * len(start.group(1)) if start else ""
        out += [text.rstrip(), *(f"{margin}- {_SIGNIFIERS[m.group(1)]}: {m.group(2).strip()}" for m in found)]
        if changed is not None:
            changed.append(number + 1)
    return out


_IAL_LINE = re.compile(r"^[ \t]*\{:[^{}]*\}[ \t]*$")  # kramdown's attribute list alone: '{: .no_toc }', '{:toc}'
_IAL_END = re.compile(r"(?<![ \t])[ \t]*\{:[ \t]*[.#][^{}]*\}[ \t]*$")  # … or closing a line: 'Backups {: .important }'
_TOC_MARK = re.compile(r"^[ \t]*(?:[-*+]|1[.)])[ \t]+TOC[ \t]*$")
_LIQUID_LINE = re.compile(r"^[ \t]*\{%-?[ \t]*(\w+)\b[^%]*-?%\}[ \t]*$")  # '{% raw %}', '{% include x.html %}'
_LIQUID_TAG = re.compile(r"(?<![ \t])[ \t]*\{%-?[ \t]*(?:include|include_relative|link|post_url|raw|endraw)\b[^%]*-?%\}")
_SHORTCODE_LINE = re.compile(r"^[ \t]*\{\{([<%])[ \t]*(/?)([\w-]+)((?:[ \t]+[^>%]*?)?)[ \t]*[>%]\}\}[ \t]*$")  # Hugo's '{{< hint info >}}'


def site_templates(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """What a static site generator reads around the Markdown (Jekyll's kramdown attribute lists '{: .no_toc }' and
    its '* TOC' / '{:toc}' placeholder, Liquid tags on lines of their own or an '{% include … %}', Hugo's shortcodes
    on lines of their own, '{{< hint info >}}' … '{{< /hint >}}'): left out, the Markdown between them read as
    Markdown, a shortcode's quoted title a bold label. It ended items' texts ('Backups {: .important }', 'Inside
    {{< /hint >}}') and stood in the notes.

    >>> site_templates(["# T", "{: .no_toc }", "* TOC", "{:toc}", "- [ ] A {: .x }", "{% raw %}", '{{< details "Before" >}}', "- [ ] B {% include b.html %}"])
    ['# T', '', '', '', '- [ ] A', '', '**Before**', '- [ ] B']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        toc = _TOC_MARK.match(line) and number + 1 < len(lines) and lines[number + 1].strip().startswith("{:toc")
        if "{" not in line and not toc:
            continue
        new = line
        if _IAL_LINE.match(line) or toc:
            new = ""
        elif _LIQUID_LINE.match(line):
            new = ""
        elif (code := _SHORTCODE_LINE.match(line)) is not None:
            title = re.match(r"""[ \t]*(?:[\w-]+=)?["']([^"']+)["']""", code.group(4) or "") if not code.group(2) else None
            new = f"**{title.group(1)}**" if title else ""
        else:
            new = _LIQUID_TAG.sub("", _IAL_END.sub("", line))
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


_MKDOCS_BLOCK = re.compile(r"^([ \t]*)(?:!!!|\?\?\?\+?|===\+?)[ \t]+(?:([\w-]+)(?:[ \t]+[\w-]+)*)?[ \t]*(?:\"([^\"]*)\")?[ \t]*$")


def indented_blocks(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """MkDocs' admonitions and tabs ('!!! note "Before you start"', '??? tip', '=== "Linux"', as Material for MkDocs
    and Python-Markdown write them) with their body indented under them: the body read as the Markdown it is, four
    spaces less, the opening line a bold label of the title (or the kind). CommonMark read the body as more of the
    line above or as code, its boxes lost.

    >>> indented_blocks(['!!! note "Before you start"', "    - [ ] Back up", "", "    Text", "Out", "=== \\"Linux\\"", "    - [x] apt"])
    ['**Before you start**', '- [ ] Back up', '', 'Text', 'Out', '**Linux**', '- [x] apt']
    """
    out = list(lines)
    opened: list[int] = []  # the indentation of each block's body, innermost last
    for number in _outside_fences(lines):
        line = lines[number]
        width = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        while opened and line.strip() and width < opened[-1]:
            opened.pop()
        found = _MKDOCS_BLOCK.match(line)
        if found and (found.group(2) or found.group(3)):
            out[number] = " " * max(width - 4 * len(opened), 0) + f"**{found.group(3) or (found.group(2) or '').capitalize()}**"
            opened.append(width + 4)
        elif opened and line.strip():
            out[number] = line.expandtabs(4)[4 * len(opened) :]
        else:
            continue
        if changed is not None:
            changed.append(number + 1)
    return out


_MARKDOWN_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*(?:markdown|md|gfm|commonmark)[ \t]*$", re.I)
_TASK_LINE = re.compile(
    r"^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?(?:\[[ xX]\]|[☐☑☒])(?:[ \t]|$)|^[ \t]*\|.*\|[ \t]*\[[ xX]\][ \t]*\|"
)


_REF = r"&#(?:(\d{4,6})|[xX]([0-9a-fA-F]{4,5}));"
_REF_ITEM = re.compile(rf"^([ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d+[.)])[ \t]+)?){_REF}")
_REF_CELL = re.compile(rf"(\|[ \t]*){_REF}(?=[ \t]*\|)")


def _drawn_ref(found: re.Match[str]) -> str:
    code = int(found.group(2)) if found.group(2) else int(found.group(3), 16)
    return found.group(1) + (chr(code) if chr(code) in DRAWN_OPEN + DRAWN_DONE + DRAWN_CROSS else found.group(0)[len(found.group(1)) :])


def reference_boxes(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Boxes written as character references ('- &#9745; Prepare the seminar', '&#9744; Genre table', '| &#9744; |',
    as generated pages and hand-typed logs have them) in a file with no box of another kind: the boxes they show.
    They were text ('☐ Genre table' in the notes). A file with boxes of its own keeps them text, as the Markdown
    export writes a drawn box of the data's text.

    >>> reference_boxes(["- &#9745; Prepare", "- &#x2610; Define", "&#9744; Genre", "| a | &#9744; |", "&#169; 2024"])
    ['- ☑ Prepare', '- ☐ Define', '☐ Genre', '| a | ☐ |', '&#169; 2024']
    >>> reference_boxes(["- [ ] Real", "- &#9744; text"])[1]
    '- &#9744; text'
    """
    outside = list(_outside_fences(lines))
    if any(_TASK_LINE.match(lines[n]) or _DRAWN_LINE.match(lines[n]) for n in outside):
        return lines
    out = list(lines)
    for number in outside:
        line = lines[number]
        new = _REF_ITEM.sub(_drawn_ref, line, count=1)
        new = _REF_CELL.sub(_drawn_ref, new) if new.lstrip().startswith("|") else new
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


# What leads into an example of a checklist's lines rather than into the checklist itself ('For example:', 'A good item
# reads like this:', 'The result looks like this:'; not 'Use this checklist:'), and a heading over one ('## Example').
_EXAMPLE_LEAD = re.compile(
    r"\b(?:for (?:example|instance)|e\.\s?g\.|an example|examples?\s*(?:\([^)]*\)\s*)?[:.]|like (?:this|so)|looks? like|reads? like|"
    r"(?:bad|good|better|wrong|right|poor|vague|sample)\s+(?:items?|examples?|checklists?|boxes?|one|version)\b)",
    re.I,
)
_EXAMPLE_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+.*\b(?:examples?|samples?|syntax|before and after|do(?:'|’)?s and don(?:'|’)?ts)\b", re.I)


def leads_into_example(text: str) -> bool:
    """Whether the paragraph or heading right before a code block or a quote shows it as an example of what the text
    explains (a blog post on writing checklists: 'For example:' over a fenced '- [ ] Tag the release'), not as the
    file's checklist ('Copy this template into your repository:').

    >>> [leads_into_example(t) for t in ["Each item is one action. For example:", "The result looks like this:", "## Examples"]]
    [True, True, True]
    >>> [leads_into_example(t) for t in ["Copy this template into .github/:", "## Before the release", "Use this checklist:"]]
    [False, False, False]
    """
    text = text.strip()
    if _EXAMPLE_HEADING.match(text):
        return True
    if text.startswith("#"):
        return False
    last = re.split(r"(?<=[.!?])\s+(?=[A-Z])", " ".join(text.split()))[-1]  # the sentence that leads into the block
    return bool(_EXAMPLE_LEAD.search(last))


_OTHER_BLOCK = re.compile(r"^ {0,3}(?:`{3,}|~{3,}|[-*+>|][ \t]|\d+[.)][ \t])")  # a fence, a list item, a quote, a table row


# A heading over the syntax of task lists, as a Markdown dialect's documentation or a README's section shows it ('Task
# lists', '[](#task-lists)Task lists', 'Task list items (extension)', 'Checkboxes'), and the headings of the other
# features such a page documents ('Tables', 'Strikethrough', 'Nested lists', 'Footnotes').
_SYNTAX_HEADING = re.compile(r"\b(?:task[- ]?lists?(?:[- ]items?)?|check[- ]?box(?:es)?|tasklists?)\b", re.I)
_FEATURE_HEADING = re.compile(
    r"^\W*(?:\d+[.)]?\s*)?(?:(?:un)?ordered lists?|nested lists?|lists?|headings?|headers?|emphasis|bold(?: text)?|italics?|strikethrough|"
    r"links?|images?|tables?|(?:fenced |indented |inline )?code(?: blocks?| spans?)?|block ?quotes?|footnotes?|horizontal rules?|line breaks?|"
    r"paragraphs?|escaping(?: characters)?|emoji|mentions|autolinks?|syntax highlighting|(?:basic|extended) syntax)\W*$",
    re.I,
)
# Prose that explains the syntax rather than leads into the boxes: a box written out ('followed by `[ ]`', 'use [x]'),
# or the words of markup ('Markdown checkboxes', 'task lists are rendered', 'GitHub Flavored Markdown').
_SYNTAX_PROSE = re.compile(r"\\?\[[ xX]?\\?\]|\b(?:markdown|syntax|render(?:s|ed|ing)?|gfm|flavou?red|extension|preface|prefix(?:ed)?|markup)\b", re.I)
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def syntax_sections(lines: list[str]) -> set[int]:
    """The numbers (from 0) of the lines of sections that show the syntax of task lists, not a checklist: a section
    under a heading naming task lists or checkboxes whose prose explains the markup ('To create a task list, preface
    list items with a hyphen and space followed by `[ ]`'; 'Use markdown checkboxes for actionable tasks:'), or, in a
    page documenting a dialect's features (headings 'Tables', 'Strikethrough', 'Nested lists': three or more), any
    such section. Its boxes, live or in code, are what the syntax looks like, as after 'For example:'.

    >>> doc = ["# Syntax", "## Tables", "x", "## Lists", "y", "## Task lists", "", "To create one, use `[ ]`.", "", "- [ ] a", "## Links"]
    >>> sorted(syntax_sections(doc))
    [5, 6, 7, 8, 9]
    >>> syntax_sections(["# Launch", "## Task list", "Before the launch:", "- [ ] Backups", "- [ ] DNS"])
    set()
    """
    outside = list(_outside_fences(lines))
    heads: list[tuple[int, int, str]] = []  # (line, level, text)
    for n in outside:
        atx = re.match(r"^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$", lines[n])
        if atx:
            heads.append((n, len(atx.group(1)), atx.group(2)))
        elif n + 1 < len(lines) and n + 1 in outside and lines[n].strip() and _SETEXT.match(lines[n + 1]) and not _OTHER_BLOCK.match(lines[n]):
            if n == 0 or not lines[n - 1].strip() or (heads and heads[-1][0] == n - 2):
                heads.append((n, 1 if lines[n + 1].strip()[0] == "=" else 2, lines[n]))
    words = [re.sub(r"\[([^\]\[]*)\]\([^)]*\)", r"\1", text).strip(" *_`") for _, _, text in heads]
    documented = sum(1 for text in words if _FEATURE_HEADING.match(text)) >= 3
    found: set[int] = set()
    prose_lines = set(outside)
    for k, (n, level, _) in enumerate(heads):
        if not _SYNTAX_HEADING.search(words[k]) or len(words[k].split()) > 6:
            continue
        end = next((m for m, lv, _ in heads[k + 1 :] if lv <= level), len(lines))
        prose = [lines[m] for m in range(n + 1, end) if m in prose_lines and lines[m].strip() and not _TASK_LINE.match(lines[m])
                 and not _SETEXT.match(lines[m])]
        if documented or any(_SYNTAX_PROSE.search(line) for line in prose):
            found |= set(range(n, end))
    return found


def lead_before(lines: list[str], number: int) -> str:
    """The paragraph (or heading) right before line ``number``, across blank lines: its lines joined."""
    end = number
    while end > 0 and not lines[end - 1].strip():
        end -= 1
    start = end
    while start > 0 and lines[start - 1].strip() and not lines[start].lstrip().startswith("#") and not _OTHER_BLOCK.match(lines[start - 1]):
        start -= 1
    return "\n".join(lines[start:end]) if end else ""


def is_task_line(line: str) -> bool:
    """Whether a line is a task item ('- [ ] x', '> - [x] y', '☐ z') or a table row with a box cell."""
    return bool(_TASK_LINE.match(line))


def example_fences(lines: list[str]) -> list[int]:
    """The numbers (from 0) of the lines of task items inside code blocks (any fence) that the text before shows as
    examples ('For example:' over it): the boxes a file shows as code, not as its checklist.

    >>> example_fences(["Keep it short, e.g.:", "```", "- [ ] Tag it", "```", "Copy this:", "```", "- [ ] Tests", "```"])
    [2]
    """
    outside, shown, found, syntax = set(_outside_fences(lines)), False, [], syntax_sections(lines)
    for n, line in enumerate(lines):
        if n not in outside and _FENCE.match(line) and (n - 1 in outside or n == 0):
            shown = n in syntax or leads_into_example(lead_before(lines, n))  # a fence opening: shown as an example or not
        elif n not in outside and shown and _TASK_LINE.match(line):
            found.append(n)
    return found


def fenced_markdown(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A checklist shown in a Markdown code block ('```markdown' … '```', a docs page's template to copy) in a file
    with no box outside code: that block read as the Markdown it holds, its fences blank lines. Such a page was
    refused ('no check boxes found'). A file with boxes of its own keeps the block as code (an example shown), and so
    does one that shows the block as an example ('For example:' over it, a post on writing checklists).

    >>> fenced_markdown(["# Template", "```markdown", "- [ ] Tests added", "```"])
    ['# Template', '', '- [ ] Tests added', '']
    >>> fenced_markdown(["- [ ] Real", "```md", "- [ ] Example", "```"])[1]
    '```md'
    >>> fenced_markdown(["Keep items short. For example:", "```md", "- [ ] Tag it", "```"])[1]
    '```md'
    """
    if any(_TASK_LINE.match(lines[n]) for n in _outside_fences(lines)):
        return lines
    out = list(lines)
    n = 0
    syntax = syntax_sections(lines)
    while n < len(lines):
        opened = _FENCE.match(lines[n])
        if opened is None:
            n += 1
            continue
        fence = opened.group(1)
        end = next((k for k in range(n + 1, len(lines)) if _closes(lines[k].strip(), fence)), len(lines))
        shown = n in syntax or leads_into_example(lead_before(lines, n))  # an example of the syntax, or led into as one
        if _MARKDOWN_FENCE.match(lines[n]) and any(_TASK_LINE.match(x) for x in lines[n + 1 : end]) and not shown:
            out[n] = ""
            if end < len(lines):
                out[end] = ""
            if changed is not None:
                changed.append(n + 1)
        n = end + 1
    return out


_DEFINITION = re.compile(r"^:[ \t]+(?=\S)")
_TERM = re.compile(r"^(?![ \t]|[-*+>#|:]|\d+[.)][ \t]|\*\*.*\*\*[ \t]*$)(\S.*?)[ \t]*$")


def definition_lists(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Definition lists (PHP Markdown Extra, pandoc, MultiMarkdown: 'Backups' then ': [ ] verified on a test host'):
    the term a label, each definition an item of the list under it, a box its box. CommonMark read the term and its
    definitions as one paragraph, the boxes text in it.

    >>> definition_lists(["Backups", ": [ ] verified", ": restored once", "", "Text", "with: colon"])
    ['**Backups**', '- [ ] verified', '- restored once', '', 'Text', 'with: colon']
    """
    out = list(lines)
    outside = set(_outside_fences(lines))
    for number in sorted(outside):
        if not _DEFINITION.match(lines[number]) or number == 0:
            continue
        out[number] = _DEFINITION.sub("- ", lines[number], count=1)
        term = number - 1
        while term > 0 and _DEFINITION.match(lines[term]):
            term -= 1
        found = _TERM.match(lines[term]) if term in outside and not _DEFINITION.match(lines[term]) else None
        if found and out[term] == lines[term]:
            out[term] = f"**{found.group(1)}**"
        if changed is not None:
            changed.append(number + 1)
    return out


_DRAWN_LINE = re.compile(rf"^([ \t]*)([{DRAWN_OPEN}{DRAWN_DONE}{DRAWN_CROSS}])\ufe0f?(?=[ \t]+\S)")


def drawn_lines(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Lines that open with a drawn box ('□ Define the feature', '▢ Cancel internet', '⬜ Backups', a checklist typed
    in plain text or set in a plain code block to print) are ballot lines as '☐' ones are, where their run (the lines
    up to one of text that opens with none, or a fence; blank lines go on) holds an open box: a tick there ('✓ Pack books') is
    done, a cross open. A run of ticks and crosses alone (a status report's '✅ Tests pass') stays text; code with a
    language, list items (``glyph_lists``) and table cells (``glyph_tables``) are read where they are.

    >>> drawn_lines(["Before", "□ Book movers", "✓ Order boxes", "", "```", "▢ Cancel internet", "```", "✅ Fast", "❌ No GC"])
    ['Before', '☐ Book movers', '☑ Order boxes', '', '```', '☐ Cancel internet', '```', '✅ Fast', '❌ No GC']
    """
    out = list(lines)
    runs: list[list[tuple[int, re.Match[str]]]] = [[]]
    plain = set(_plain_lines(lines))
    for number, line in enumerate(lines):
        found = _DRAWN_LINE.match(line) if number in plain else None
        if found:
            runs[-1].append((number, found))
        elif line.strip():  # text, code or a fence: the run ends
            runs.append([])
    for run in runs:
        if not any(found.group(2) in DRAWN_OPEN for _, found in run):
            continue
        for number, found in run:
            mark = "☑" if found.group(2) in DRAWN_DONE else "☐"
            out[number] = found.group(1) + mark + lines[number][found.end() :]
            if changed is not None and found.group(2) not in "☐☑":
                changed.append(number + 1)
    return out


# An item whose boxes are the outcomes of its check ('- [ ] **PASS** | [ ] **FAIL** | [ ] **N/A** - Claims substantiated').
_OUTCOME_WORDS = r"pass(?:ed)?|fail(?:ed)?|yes|no|n/a|na|not applicable|ok|met|not met|compliant|non-compliant|partial"
_OUTCOME_BOX = re.compile(rf"\[([ xX])\][ \t]*(?:\*\*|__)?({_OUTCOME_WORDS})(?:\*\*|__)?[ \t]*(?=[|/]|[-–—:][ \t])", re.I)
_OUTCOME_KIND = {"n/a": "-", "na": "-", "not applicable": "-", "pass": "+", "passed": "+", "yes": "+", "ok": "+", "met": "+", "compliant": "+"}
_OUTCOME_ITEM = re.compile(r"^([ \t]*(?:>[ \t]*)*(?:[-*+]|\d{1,9}[.)])[ \t]+)(?=\[[ xX]\])")


def outcome_items(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A task item whose boxes are the outcomes of its check, side by side before its text ('- [ ] **PASS** | [ ]
    **FAIL** | [ ] **N/A** - All claims substantiated', a legal review's): one box, ticked where the positive outcome is,
    n/a where not applicable is, the other outcome ticked said after the text. Its text was the boxes' words and a box.

    >>> outcome_items(["- [ ] **PASS** | [x] **FAIL** - Consent obtained", "- [x] Yes / [ ] No: Logged", "- [ ] Pass the ball"])
    ['- [ ] Consent obtained (FAIL)', '- [x] Logged', '- [ ] Pass the ball']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        item = _OUTCOME_ITEM.match(lines[number])
        if item is None:
            continue
        at, found = item.end(), []
        while (box := _OUTCOME_BOX.match(lines[number], at)) is not None:
            found.append((box.group(1) != " ", box.group(2)))
            rest = re.match(r"[ \t]*[|/][ \t]*", lines[number][box.end() :])
            at = box.end() + (rest.end() if rest else 0)
            if rest is None:
                break
        text = re.match(r"[ \t]*[-–—:][ \t]+(\S.*)$", lines[number][at:])
        kinds = [(_OUTCOME_KIND.get(w.lower(), "?"), t) for t, w in found]
        if len(found) < 2 or text is None or not any(k == "+" for k, _ in kinds):
            continue
        ticked = [(k, w) for (k, t), (_, w) in zip(kinds, found, strict=True) if t]
        mark = "[x]" if any(k == "+" for k, _ in ticked) else "[-]" if any(k == "-" for k, _ in ticked) else "[ ]"
        said = ", ".join(w for k, w in ticked if k == "?") if mark == "[ ]" else ""
        out[number] = f"{item.group(1)}{mark} {text.group(1)}" + (f" ({said})" if said else "")
        if changed is not None:
            changed.append(number + 1)
    return out


_ORDERED_ITEM = re.compile(r"^( {0,3})(\d{1,9})([.)])([ \t]+)(?=\S)")
_SHALLOW_BULLET = re.compile(r"^( +)[-*+][ \t]+(?=\S)")


def shallow_sublists(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Bullets indented under a numbered item, but less than its text ('3. Study each attribute:' then '  - Name',
    as a notebook's renderer and most editors nest them), where the item ends with a colon or the numbering goes on
    after them ('4. …'): its sub-items, indented to its text. CommonMark ends the numbered list there, and the
    bullets were items of their own beside the steps.

    >>> shallow_sublists(["1. Get the data", "2. Study each attribute:", "  - Name", "  - Type", "3. Visualize"])
    ['1. Get the data', '2. Study each attribute:', '   - Name', '   - Type', '3. Visualize']
    >>> shallow_sublists(["1. Done", "  - a note"])
    ['1. Done', '  - a note']
    """
    out = list(lines)
    outside = set(_outside_fences(lines))
    number = 0
    while number < len(lines):
        item = _ORDERED_ITEM.match(lines[number]) if number in outside else None
        number += 1
        if item is None:
            continue
        indent, text = len(item.group(1)), item.end()
        run: list[int] = []
        while number < len(lines) and number in outside and lines[number].strip():
            bullet = _SHALLOW_BULLET.match(lines[number])
            here = len(lines[number]) - len(lines[number].lstrip(" "))
            if not (indent < here < text) or (not run and bullet is None):
                break
            run.append(number)
            number += 1
        after = _ORDERED_ITEM.match(lines[number]) if number < len(lines) and number in outside else None
        goes_on = after is not None and len(after.group(1)) == indent and int(after.group(2)) == int(item.group(2)) + 1
        if run and (lines[run[0] - 1].rstrip().endswith((":", "：")) or goes_on):
            shift = " " * (text - len(_SHALLOW_BULLET.match(lines[run[0]]).group(1)))  # type: ignore[union-attr]
            for n in run:
                out[n] = shift + lines[n]
                if changed is not None:
                    changed.append(n + 1)
    return out


def _plain_lines(lines: list[str]) -> Iterator[int]:
    """The numbers (from 0) of the lines outside code and those of plain fenced blocks (no language, or text)."""
    fence, plain = "", False
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
            elif plain:
                yield number
            continue
        if opened:
            fence, plain = opened.group(1), bool(_PLAIN_FENCE.match(line))
            continue
        yield number


# A step of a procedure written as a line of a paragraph: 'Step 1: Stop the servers', '**Step 2.** Restore', 'STEP 3 - Start'.
_STEP_LINE = re.compile(r"^ {0,3}(\*\*|__)?step[ \t]+(\d{1,4})[ \t]*(?:[:.)\-–—][ \t]*)?(?:\1[ \t]*(?:[:.)\-–—][ \t]*)?)?(?=\S)", re.I)


def step_lines(lines: list[str], paragraphs: list[tuple[int, int]]) -> tuple[list[str], list[int]]:
    """The lines of ``paragraphs`` (spans of line numbers from 0) that open with 'Step N' ('Step 1: Stop the
    servers', a procedure written as paragraphs, no box nor list in its file) as a numbered list of open boxes, the
    step's number its own; the lines made items (from 1).

    >>> step_lines(["Step 1: Stop the app.", "**Step 2:** Restore", "it all", "", "Steps to take"], [(0, 3), (4, 5)])
    (['1. [ ] Stop the app.', '2. [ ] Restore', 'it all', '', 'Steps to take'], [1, 2])
    """
    out, made = list(lines), []
    for start, end in paragraphs:
        for number in range(start, end):
            found = _STEP_LINE.match(lines[number])
            if found:
                out[number] = f"{int(found.group(2))}. [ ] {lines[number][found.end():].rstrip()}"
                made.append(number + 1)
    return out, made


# todo.txt's marks before a task's text: 'x ' done, '(A) ' its priority, then its completion and creation dates
# ('x (A) 2026-04-03 2026-04-01 Book the flights', '(B) 2026-04-01 Call the venue'); a date alone opens no task.
_TODO_TXT = re.compile(r"^(?:(x)[ \t]+(?:\(([A-Z])\)[ \t]+)?|\(([A-Z])\)[ \t]+)?(?:(?<=[ \t])\d{4}-\d{2}-\d{2}[ \t]+){0,2}")
_TODO_PRIORITY = {"A": "High", "B": "Medium", "C": "Low"}
# A blank run holding a tab or two blanks, from its start only (tried at each blank, each split of the run: a line of
# blanks took time growing with its cube), then a word of done ending the line.
_TEXT_DONE = re.compile(r"(?<![ \t])(?=[ \t]{2}|[ \t]*\t)[ \t]++(?:done|yes|ok|completed?|✓|✔|✅|x)[ \t]*+$", re.I)
STEP_HEADING = re.compile(r"^(#{1,6})[ \t]+(?=(?:\*\*|__)?step[ \t]+\d{1,4}\b)", re.I)


def step_headings(lines: list[str], heads: set[int], headed: set[int]) -> tuple[list[str], list[int]]:
    """The ATX headings among ``heads`` (line numbers from 0) that open with 'Step N' ('## Step 1: Install the
    agent', a how-to with no box nor list) as boxed headings: task items, what stands under each its details (lines
    from 1 added to ``headed``). The lines made items (from 1).

    >>> step_headings(["# Setup", "## Step 1: Install", "Run it.", "## Step 2: Check"], {0, 1, 3}, set())
    (['# Setup', '- [ ] Step 1: Install', '  Run it.', '- [ ] Step 2: Check'], [2, 4])
    """
    marked = [f"{found.group(1)} [ ] {line[found.end() :]}" if n in heads and (found := STEP_HEADING.match(line)) else line for n, line in enumerate(lines)]
    if marked == lines:
        return lines, []
    found_lines: set[int] = set()
    out = boxed_headings(marked, found_lines)
    headed |= found_lines
    return out, sorted(found_lines)


_TEXT_RULE = re.compile(r"^[ \t]*([-=_*~#─━═])\1{2,}[ \t]*$")
# A challenge and its response joined by a leader, as an aircraft's or a ward's checklist prints them:
# 'PARKING BRAKE..........SET', 'Flaps . . . . UP', 'Oxygen ______ Tested, 100%'.
_LEADER = re.compile(r"^(\S.*?)[ \t]*(?:\.{3,}|(?:\.[ \t]){3,}\.?|…{2,}|_{3,})[ \t]*(\S.*)$")


def text_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """A plain text file of lines, no box nor list in it (a checklist typed in a text editor): each line an open
    box, nested by its indentation, a line that goes on a wrapped sentence (it opens in lower case, the line above is
    of 50 characters or more and ends in none of '.:;!?') more of the item above; a word of done after a tab ('Test plan reviewed<TAB>Done', a column of
    ticks) a tick; todo.txt's 'x ' (with its dates) a tick and '(A) ' a priority; drawn rules left out; a paragraph
    of sentences wrapped over lines (``prose_paragraphs``) stays prose, and a file mostly of them (an e-mail, a design
    note) gives no item at all. The lines made items (from 1).

    >>> text_lines(["Add a row:", "    Check the names, the ages and the e-mail addresses the form", "    takes", "----"])
    (['- [ ] Add a row:', '  - [ ] Check the names, the ages and the e-mail addresses the form', '    takes', ''], [1, 2])
    >>> text_lines(["x 2011-03-02 2011-03-01 Review the pull request +Touch", "(A) Call Mom @phone", "xylophone lesson"])[0]
    ['- [x] Review the pull request +Touch', '- [ ] (High) Call Mom @phone', '- [ ] xylophone lesson']
    """
    out, made = list(lines), list[int]()
    prose = {n for start, end in prose_paragraphs(lines) for n in range(start, end)}
    if is_prose(lines):
        return out, made  # an e-mail, a design note: no line of it an item
    lines, titles = _challenges(lines)
    head, lead = _text_head(lines) if not titles else (None, set())
    if head is not None:
        out[head] = f"# {lines[head].strip()}"
    indents: list[int] = []  # the indentation of each open item, outermost first
    for number, line in enumerate(lines):
        text, indent = line.strip(), len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if number in prose or number in lead or number == head:  # a paragraph of sentences wrapped over lines: prose, as written
            indents = []
            continue
        if number in titles:  # the title of a run of challenges
            out[number], indents = f"## {text.rstrip(':')}", []
            continue
        if not text or _TEXT_RULE.match(line) or re.match(r"^#{1,6}[ \t]", line):
            out[number] = line if text.startswith("#") and not _TEXT_RULE.match(line) else ""  # a heading stays one
            indents = []
            continue
        above = lines[number - 1].strip() if number else ""
        wrapped = len(above) >= 50 and above[-1] not in ".:;!?" and text[0].islower() and not _TODO_TXT.match(text).group(1)  # type: ignore[union-attr]
        if indents and wrapped and indent == indents[-1]:
            out[number] = "  " * len(indents) + text  # more of the item above
            continue
        while indents and indents[-1] >= indent:
            indents.pop()
        done = _TEXT_DONE.search(text)  # 'Test plan reviewed<TAB>Done': a column of ticks
        text = text[: done.start()] if done else text
        todo = _TODO_TXT.match(text)  # todo.txt's 'x 2011-03-03 Call Mom' (done) and '(A) Call Mom' (a priority)
        if todo and todo.group(0):
            priority = todo.group(2) or todo.group(3)
            text = (f"({_TODO_PRIORITY[priority]}) " if priority in _TODO_PRIORITY else "") + text[todo.end() :]
        out[number] = "  " * len(indents) + f"- [{'x' if done or (todo and todo.group(1)) else ' '}] {text}"
        indents.append(indent)
        made.append(number + 1)
    return out, made


# todo.txt's key:values that are the task's dates ('due:2026-04-01', 't:2026-03-25', its threshold: the day it may
# start), each a line of its details as Obsidian Tasks' '📅' and '🛫' are; any other key:value ('rec:1w') stays text.
_TODO_DATES = {"due": "Due", "t": "Start"}
_TODO_KEY_DATE = re.compile(r"(?<!\S)(due|t):(\d{4}-\d{2}-\d{2})(?!\S)")
_TODO_TAG = re.compile(r"(?<!\S)[+@]\w")  # '+GarageSale', '@phone': a project and a context
_TODO_NOT = re.compile(r"^(?:[ \t]|[-*+][ \t]|#|>|\||\d+[.)][ \t])")  # a line of Markdown or indented: no todo.txt file's


def todo_shaped(lines: list[str]) -> bool:
    """Whether a file is a todo.txt list: two tasks or more, no line of Markdown or indented, one at least opening
    with its marks ('x ', '(A) ') or holding a date of its own ('due:2026-04-01'), half at least with one of those or
    a project or context ('+web', '@phone'). A text file of checks with a todo.txt line or two among them is none.

    >>> todo_shaped(["(A) Call Mom @phone", "Post signs +GarageSale due:2026-04-01", "x 2026-04-02 Pick up milk"])
    True
    >>> todo_shaped(["Search the table", "Add a row", "Delete a row", "x 2011-03-03 Call Mom"])
    False
    """
    told = [line for line in lines if line.strip()]
    if len(told) < 2 or any(_TODO_NOT.match(line) for line in told):
        return False
    strong = [bool(_TODO_TXT.match(line).group(0) or _TODO_KEY_DATE.search(line)) for line in told]  # type: ignore[union-attr]
    signed = sum(1 for line, marked in zip(told, strong, strict=True) if marked or _TODO_TAG.search(line))
    return any(strong) and 2 * signed >= len(told)


def todo_txt(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A todo.txt list: each line a task item, 'x ' ticked, '(A)' its level (B medium, C low), its completion and
    creation dates left out, its due date ('due:') and threshold ('t:', the day it may start) lines of its details
    ('Due: 2026-04-01', 'Start: 2026-03-25'; ``changed`` gets their lines); projects, contexts and other key:values
    stay words of its text.

    >>> todo_txt(["(A) 2026-03-01 Call Mom @phone due:2026-04-01 t:2026-03-25 rec:1w", "", "x 2026-04-02 Pick up milk"])
    ['- [ ] (High) Call Mom @phone rec:1w', '  - Due: 2026-04-01', '  - Start: 2026-03-25', '', '- [x] Pick up milk']
    """
    out: list[str] = []
    for line in lines:
        text = line.strip()
        todo = _TODO_TXT.match(text)
        if not text or todo is None:
            out.append("")
            continue
        priority = todo.group(2) or todo.group(3)
        rest = text[todo.end() :]
        dates = [(_TODO_DATES[m.group(1)], m.group(2)) for m in _TODO_KEY_DATE.finditer(rest)]
        rest = " ".join(_TODO_KEY_DATE.sub("", rest).split())
        level = f"({_TODO_PRIORITY[priority]}) " if priority in _TODO_PRIORITY else ""
        out += [f"- [{'x' if todo.group(1) else ' '}] {level}{rest}", *(f"  - {name}: {date}" for name, date in dates)]
        if dates and changed is not None:
            changed.append(len(out) - len(dates))  # the task's line as read
    return out


def _text_head(lines: list[str]) -> tuple[int | None, set[int]]:
    """A plain text file's title and lead-in, where its list comes after them: the lines standing alone that are
    sentences ('Before every release, go through this list.') before the first run of two lines or more, and its
    first line standing alone, short and no sentence, where a lead-in follows it or it names a list ('Release
    checklist'; 'Search the table' over the other checks is the first of them). The title's line (None for none) and
    the lead-in's lines (from 0); none where no run of lines follows (each line its own paragraph: a check each).

    >>> _text_head(["Release checklist", "", "Before every release, go through this list.", "", "Tag it", "Ship it"])
    (0, {2})
    >>> _text_head(["Check the oil", "", "Check the tyres", "", "Check the lights"])
    (None, set())
    >>> _text_head(["Search the table", "", "Add a row", "Delete a row"])
    (None, set())
    """
    blocks: list[list[int]] = []
    for number, line in enumerate(lines):
        if not line.strip() or _TEXT_RULE.match(line):
            if blocks and blocks[-1]:
                blocks.append([])
            continue
        if not blocks:
            blocks.append([])
        blocks[-1].append(number)
    blocks = [b for b in blocks if b]
    run = next((k for k, b in enumerate(blocks) if len(b) > 1), None)
    if run is None or run == 0:
        return None, set()
    first = lines[blocks[0][0]].strip()
    lead = {b[0] for b in blocks[:run] if len(b) == 1 and _LEAD_SENTENCE.fullmatch(lines[b[0]].strip())}
    titled = len(first) <= 80 and first[-1] not in ".,;:!?" and not _TODO_TXT.match(first).group(0)  # type: ignore[union-attr]
    if not titled or not ((len(blocks) > 2 and blocks[1][0] in lead) or _NAMES_A_LIST.search(first)):
        return None, lead  # 'Search the table' over the other checks: the first of them
    return blocks[0][0], lead


_LEAD_SENTENCE = re.compile(r"\A(?:\S+\s+){4,}\S*[.:!]")  # five words or more, ending as a sentence or a lead-in does
_NAMES_A_LIST = re.compile(r"\b(?:check ?list|to-?do|tasks|steps|runbook|procedure|list)\b", re.I)


def _challenges(lines: list[str]) -> tuple[list[str], set[int]]:
    """A checklist of challenges and responses ('PARKING BRAKE..........SET'; two such lines at least): each such line
    as 'PARKING BRAKE — SET', and the numbers of the lines that title a run of them (a line of no leader after a blank
    line, or first, with such a line next at its indentation: 'BEFORE START', 'Before taxi:').

    >>> _challenges(["BEFORE START", "", "Parking brake.....SET", "Beacon . . . . ON", "If APU used", "  APU......START"])
    (['BEFORE START', '', 'Parking brake — SET', 'Beacon — ON', 'If APU used', '  APU — START'], {0})
    """
    found = {n: m for n, line in enumerate(lines) if (m := _LEADER.match(line.strip())) is not None}
    if len(found) < 2:
        return lines, set()
    out = [line[: len(line) - len(line.lstrip())] + f"{found[n].group(1)} — {found[n].group(2)}" if n in found else line for n, line in enumerate(lines)]
    titles = set()
    for number, line in enumerate(lines):
        if number in found or not line.strip() or (number and lines[number - 1].strip() and not _TEXT_RULE.match(lines[number - 1])):
            continue
        after = next((n for n in range(number + 1, len(lines)) if lines[n].strip() and not _TEXT_RULE.match(lines[n])), None)
        indent = len(line) - len(line.lstrip())
        if after in found and len(lines[after]) - len(lines[after].lstrip()) == indent:
            titles.add(number)
    return out, titles


_SENTENCE_END = re.compile(r"[.!?](?=\s+[A-Z0-9\"'(])|[.!?]\s*$|[。！？]")


def prose_paragraphs(lines: list[str]) -> list[tuple[int, int]]:
    """The spans (from 0, end excluded) of the paragraphs of prose in plain text: two or more lines at one indentation
    after a blank line (not an item's text wrapped under it), every line but the last filled (45 characters or more)
    and one at least running on into the next (it ends in none of '.:;!?'): sentences wrapped over lines, as an
    e-mail or a text editor's filled paragraph has them; or lines of 120 characters or more holding two sentences or
    more each, paragraphs an editor wraps on screen only. A checklist's lines, short or each a sentence, are none.

    >>> prose_paragraphs(["Upgrading is recommended if you want to pick up new features or", "applications. Releases from",
    ...                   "", "Back up the database before you start the upgrade of the servers.", "Tell support.", "",
    ...                   "First you should subscribe to one of the lists below. After subscribing you can send mail to"
    ...                   " the list address. Please read the netiquette first."])
    [(0, 2), (6, 7)]
    """
    spans: list[tuple[int, int]] = []
    number = 0
    while number < len(lines):
        if not lines[number].strip():
            number += 1
            continue
        indent, end = len(lines[number]) - len(lines[number].lstrip()), number + 1
        while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) == indent:
            end += 1
        body = [x.strip() for x in lines[number:end]]
        filled = all(len(x) >= 45 for x in body[:-1]) and any(x[-1] not in ".:;!?" for x in body[:-1])
        opens = number == 0 or not lines[number - 1].strip() or bool(_TEXT_RULE.match(lines[number - 1]))  # not an item's wrapped text
        if len(body) >= 2 and filled and opens and not any(_TEXT_RULE.match(x) for x in body):
            spans.append((number, end))
        elif opens and all(len(x) >= 120 and len(_SENTENCE_END.findall(x)) >= 2 for x in body):  # an editor's unwrapped paragraphs
            spans.append((number, end))
        number = end
    return spans


def is_prose(lines: list[str]) -> bool:
    """Whether a plain text file is prose: most of its lines (three in five) sit in paragraphs of wrapped sentences."""
    written = sum(1 for line in lines if line.strip())
    return written > 0 and sum(end - start for start, end in prose_paragraphs(lines)) * 5 >= written * 3


_BALLOT_LINE = re.compile(r"^([ \t]*)([☐☑☒])[ \t]+(\S.*?)[ \t]*$")
_PLAIN_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})[ \t]*(?:text|txt|plain|plaintext)?[ \t]*$", re.I)
_DRAWN_RULE = re.compile(r"^[\s─━═\-=_~*]+$")


def fenced_ballots(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A plain fenced block whose lines start with ballot boxes (a checklist set in monospace to print and tick,
    '☐ 1. Check the disk space') is that checklist: each box line a task item, nested by its indentation, the
    indented lines under it its text's continuation (as code), other lines paragraphs, drawn rules ('────') and the
    fences left out. Other code, and '- [ ]' in code (a task list's syntax shown), stays code.

    >>> fenced_ballots(["```", "☐ 1. Check the disk", "    df -h", "  ☑ Backups taken", "```"])
    ['', '- [ ] 1. Check the disk', '  `df -h`', '  - [x] Backups taken', '']
    """
    out = list(lines)
    number = 0
    while number < len(lines):
        opened = _FENCE.match(lines[number])
        mark = opened.group(1) if opened else ""
        close = next((n for n in range(number + 1, len(lines)) if lines[n].strip().startswith(mark) and not lines[n].strip(mark[0])), None) if mark else None
        if opened is None or close is None:
            number += 1 if opened is None else len(lines)
            continue
        body = range(number + 1, close)
        if _PLAIN_FENCE.match(lines[number]) and any(_BALLOT_LINE.match(lines[n]) for n in body):
            out[number] = out[close] = ""
            _ballot_lines(lines, out, body, changed)
        number = close + 1
    return out


def _ballot_lines(lines: list[str], out: list[str], body: range, changed: list[int] | None) -> None:
    indents: list[int] = []  # the indentation of each open box, outermost first
    for n in body:
        line = lines[n].expandtabs(4)
        ballot, indent = _BALLOT_LINE.match(line), len(line) - len(line.lstrip())
        if ballot:
            while indents and indents[-1] >= indent:
                indents.pop()
            out[n] = "  " * len(indents) + f"- [{'x' if ballot.group(2) in '☑☒' else ' '}] {ballot.group(3)}"
            indents.append(indent)
            if changed is not None:
                changed.append(n + 1)
        elif not line.strip() or _DRAWN_RULE.match(line):
            out[n] = ""
        elif indents and indent > indents[-1]:  # under a box: more of it, as written
            text = line.strip()
            out[n] = "  " * len(indents) + (f"`{text}`" if "`" not in text else text)
        else:
            indents = []
            out[n] = line.strip()


_INPUT = r"<input\b(?=[^>]*\btype\s*=\s*[\"']?checkbox)[^>]*>"
_INPUT_BOX = re.compile(rf"^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+)({_INPUT})[ \t]*", re.I)
_INPUT_CELL = re.compile(rf"(\|[ \t]*)({_INPUT})", re.I)


def _input_box(tag: str) -> str:
    return "[x]" if re.search(r"\bchecked\b", tag, re.I) else "[ ]"


def input_boxes(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A checkbox input written in a Markdown line ('- <input type="checkbox" checked> Tell support', '|
    <input type="checkbox"> | Backups |', as a page's HTML pasted into Markdown has it) at the start of a list item
    or a table cell: a box, ticked where it is checked (HTML blocks are read as HTML: ``html_blocks``).

    >>> input_boxes(['- <input type="checkbox" checked disabled> Tell support', '| <input type="checkbox"> | DNS |'])
    ['- [x] Tell support', '| [ ] | DNS |']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        if "<input" not in line.lower():
            continue
        new = _INPUT_BOX.sub(lambda m: f"{m.group(1)}{_input_box(m.group(2))} ", line, count=1)
        if new.lstrip().startswith("|"):
            new = _INPUT_CELL.sub(lambda m: f"{m.group(1)}{_input_box(m.group(2))}", new)
        if new != line:
            out[number] = new
            if changed is not None:
                changed.append(number + 1)
    return out


_ITEM = re.compile(r"^(\s*(?:>\s*)*)(?:[-*+]|\d+[.)])[ \t]+")
_TASK = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\]|[☐☑☒])(?:[ \t]|$)")
_OTHER_STATE = re.compile(r"^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+)\[([^\]\s^\\xX/\-><!?*])\ufe0f?\](?=[ \t])")
_TICKS = "✓✔√☑✅"  # a tick in the brackets ('[√] Compressor'): done


def _outside_fences(lines: list[str]) -> Iterator[int]:
    """The numbers (from 0) of the lines outside fenced code."""
    fence = ""
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) and not line.strip(" `~"):
                fence = ""
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield number


def _list_runs(lines: list[str]) -> Iterator[list[int]]:
    """The item lines of each list (outside fences): a run of items, their indented lines and blank lines, up to a
    line of no indentation that starts no item."""
    run: list[int] = []
    for number in _outside_fences(lines):
        line = lines[number]
        if _ITEM.match(line):
            run.append(number)
        elif line.strip() and not line[0].isspace() and not line.lstrip().startswith(">"):
            if run:
                yield run
            run = []
    if run:
        yield run


# Boxes drawn as characters: open ones, ticks (done) and crosses (not done: open).
GLYPH_OPEN, GLYPH_DONE, GLYPH_CROSS = DRAWN_OPEN, DRAWN_DONE, DRAWN_CROSS
_GLYPH_ITEM = re.compile(rf"^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+)([{GLYPH_OPEN}{GLYPH_DONE}{GLYPH_CROSS}])\ufe0f?[ \t]+(?=\S)")


def glyph(mark: str) -> str:
    """The box a drawn one stands for: '[x] ' for a tick, '[ ] ' for an open box or a cross."""
    return "[x] " if mark in GLYPH_DONE else "[ ] "


def glyph_lists(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A list whose every item opens with a drawn box, a tick or a cross, one of them an open box ('- ⬜ DNS
    switched', '- ✅ Backups verified', '- ❌ Load test'): a task list, ticks done. A list of ticks and crosses alone
    (a feature list's '✅ Fast') stays text.

    >>> glyph_lists(["- ✅ Backups", "- ⬜ DNS", "  - ❌ TTL", "", "- ✅ Fast", "- ❌ No GC"])[:3]
    ['- [x] Backups', '- [ ] DNS', '  - [ ] TTL']
    """
    out = list(lines)
    for run in _list_runs(lines):
        found = [_GLYPH_ITEM.match(lines[n]) for n in run]
        if not all(found) or not any(m.group(2) in GLYPH_OPEN for m in found if m):
            continue
        for n, m in zip(run, found, strict=True):
            if m:
                out[n] = m.group(1) + glyph(m.group(2)) + lines[n][m.end() :]
                if changed is not None:
                    changed.append(n + 1)
    return out


_GLYPH_CELL = re.compile(rf"^[ \t]*([{GLYPH_OPEN}{GLYPH_DONE}{GLYPH_CROSS}])\ufe0f?[ \t]*$")
# Blanks on either side of an optional '|' are one run, read one way ('[ \t]*\|?[ \t]*' read a line of blanks under a
# table's first row in time growing with its square: 16,000 took 13 s).
_DELIMITER_ROW = re.compile(r"^[ \t]*(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def glyph_tables(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A table column whose every cell is a drawn box, a tick or a cross (or empty), one of them an open box ('| ✅ |
    Activity |', '| ⬜ | Billing |', a tracking sheet's Done column): a column of boxes, ticks done. A column of ticks
    and crosses alone (a support matrix) stays text.

    >>> glyph_tables(["| Done | Name |", "|---|---|", "| ✅ | Activity |", "| ⬜ | Billing |", "", "| A |", "|---|", "| ✅ |"])
    ['| Done | Name |', '|---|---|', '| [x] | Activity |', '| [ ] | Billing |', '', '| A |', '|---|', '| ✅ |']
    """
    out = list(lines)
    outside = set(_outside_fences(lines))
    for number in sorted(outside):
        if number + 1 not in outside or not lines[number].lstrip().startswith("|") or not _DELIMITER_ROW.match(lines[number + 1]):
            continue
        if number > 0 and lines[number - 1].lstrip().startswith("|"):
            continue  # not the head of its table
        end = number + 2
        while end < len(lines) and end in outside and lines[end].lstrip().startswith("|"):
            end += 1
        rows = {k: _CELL_SPLIT.split(lines[k]) for k in range(number + 2, end)}
        for column in range(1, max((len(r) for r in rows.values()), default=0)):
            cells = [_GLYPH_CELL.match(r[column]) if column < len(r) and r[column].strip() else None for r in rows.values()]
            filled = [r[column] for r in rows.values() if column < len(r) and r[column].strip()]
            if not filled or len([c for c in cells if c]) < len(filled) or not any(c and c.group(1) in GLYPH_OPEN for c in cells):
                continue
            for k, row in rows.items():
                found = _GLYPH_CELL.match(row[column]) if column < len(row) else None
                if found:
                    row[column] = " " + glyph(found.group(1)).strip() + " "
                    out[k] = "|".join(row)
                    if changed is not None and k + 1 not in changed:
                        changed.append(k + 1)
    return out


_OUTLINE = re.compile(r"^(\d+(?:\.\d+)+)\.?[ \t]+(?=\S)")  # '1.1 Take a backup', '1.2.1 Restore it'
_NUMBERED_LINE = re.compile(r"^\d+[.)][ \t]+\S")


_LETTERED = re.compile(r"^([ \t]*)(?:[A-Za-z]|[ivxIVX]{1,5})[.)][ \t]+(?=(?:\[[ xX]\]|[☐☑☒])(?:[ \t]|$))")
_LIST_ITEM = re.compile(r"^([ \t]*(?:>[ \t]*)*)(?:[-*+]|\d{1,9}[.)])[ \t]+")


def lettered_steps(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Sub-steps lettered or in Roman numerals under a list item ('1. [ ] Prepare', then '   a. [ ] Back up the
    database', '   ii. [ ] Full rollout', as a procedure typed by hand letters them; Markdown knows no such list):
    a numbered list under that item, in their order. They were more of the item's text, their boxes text in it. So
    are steps without a box indented under an item, two or more lettered in order from 'a' or 'i' ('3. Repoint the
    app', '   a. Update the secret', '   b. Restart the pods': they were one line of text, 'Repoint the app a. Update …').

    >>> lettered_steps(["1. [ ] Prepare", "   a. [ ] Backup", "b. [x] Notify", "", "Then:", "a. [ ] not under an item"])
    ['1. [ ] Prepare', '   1. [ ] Backup', '   1. [x] Notify', '', 'Then:', 'a. [ ] not under an item']
    >>> lettered_steps(["3. Repoint the app", "   a. Update the secret", "   b. Restart the pods", "4. Check", "   A. Smith signs"])
    ['3. Repoint the app', '   1. Update the secret', '   1. Restart the pods', '4. Check', '   A. Smith signs']
    """
    out = list(lines)
    indent = -1  # the content indentation of the list item above, -1 outside a list
    plain = _plain_lettered(lines)
    for number in _outside_fences(lines):
        line = lines[number]
        item, lettered = _LIST_ITEM.match(line), _LETTERED.match(line) or plain.get(number)
        if lettered and indent >= 0:
            out[number] = " " * max(indent, len(lettered.group(1).expandtabs(4))) + "1. " + line[lettered.end() :]
            if changed is not None:
                changed.append(number + 1)
        elif item:
            indent = len(item.group(0).expandtabs(4)) if not lettered else indent
        elif not line.strip() or not line[:1].isspace():
            indent = -1 if line.strip() else indent
    return out


_LETTERED_PLAIN = re.compile(r"^([ \t]+)([a-z]|[A-Z]|[ivx]{1,5}|[IVX]{1,5})[.)][ \t]+(?=\S)")
_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"]


def _plain_lettered(lines: list[str]) -> dict[int, re.Match[str]]:
    """The lines (from 0) of runs of two or more indented steps without a box lettered in order from 'a' or 'i'
    ('   a. Update the secret', '   b. Restart'), blank lines between them or not: a run's other lines end it."""
    found: dict[int, re.Match[str]] = {}
    run: list[tuple[int, re.Match[str]]] = []

    def ordered(marks: list[str]) -> bool:
        lower = [m.lower() for m in marks]
        return lower == [chr(ord("a") + k) for k in range(len(lower))] or lower == _ROMAN[: len(lower)]

    for number, line in [*enumerate(lines), (len(lines), "end")]:
        match = _LETTERED_PLAIN.match(line)
        if match and (not run or match.group(1) == run[0][1].group(1)) and ordered([m.group(2) for _, m in run] + [match.group(2)]):
            run.append((number, match))
        elif line.strip():
            if len(run) >= 2:
                found.update(run)
            run = [(number, match)] if match and ordered([match.group(2)]) else []
    return found


def outline_steps(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """Steps numbered as an outline under a numbered list ('1. Preparation', then '1.1 Take a backup', '1.2.1 Restore
    it', as a runbook typed in a text editor writes them) are its sub-items, nested by their number's depth, the
    number kept: Markdown read them as more of the step above ('Preparation 1.1 Take a backup 1.2 …').

    >>> outline_steps(["1. Preparation", "1.1 Take a backup", "1.2.1 Restore it", "", "2. Deploy", "See 3.1:", "3.1 is text"])
    ['1. Preparation', '   - 1.1 Take a backup', '     - 1.2.1 Restore it', '', '2. Deploy', 'See 3.1:', '3.1 is text']
    """
    out = list(lines)
    inside = False  # in a numbered list that outline steps may follow
    for number in _outside_fences(lines):
        line = lines[number]
        outline = _OUTLINE.match(line)
        if outline and inside:
            depth = outline.group(1).count(".")
            out[number] = " " * (3 + 2 * (depth - 1)) + "- " + line
            if changed is not None:
                changed.append(number + 1)
        elif _NUMBERED_LINE.match(line):
            inside = True
        elif line.strip():
            inside = False
    return out


def deep_tasks(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """A task item indented four or more columns past the text of the list item above it ('- [ ] Profile screen'
    then '            - [ ] add stats', as an editor's tab stops leave a sub-task): a sub-item of that item, at its
    text's column, and so are the items after it at its indentation (its siblings, 'Reference' then 'Tutorials'
    under 'Update the documentation': each was read as a sub-item of the one before, four deep), the deeper ones
    moved as far; a plain bullet so indented right under a task item is one too ('- [ ] Write a blog post for' over
    '        - New features'). CommonMark read each as more of the item's text ('Profile screen - [ ] add stats'), or
    as code after a blank line, its box lost.

    >>> deep_tasks(["- [ ] Profile", "            - [ ] add stats", "* [ ] Other", "", "        - [x] sub"])
    ['- [ ] Profile', '  - [ ] add stats', '* [ ] Other', '', '  - [x] sub']
    >>> deep_tasks(["- [ ] Docs", "        - [ ] Guide", "        - [ ] Tutorial", "            - [ ] Part", "- [ ] Blog", "        - News"])
    ['- [ ] Docs', '  - [ ] Guide', '  - [ ] Tutorial', '      - [ ] Part', '- [ ] Blog', '  - News']
    """
    out = list(lines)
    column = -1  # where the text of the list item above starts (-1: no list item above)
    moved: list[tuple[int, int]] = []  # the indentation of each run of items moved, and how far they moved, outermost first
    above = -1  # the line of the list item above, when the task item right above this line
    for number in _outside_fences(lines):
        line = lines[number].expandtabs(4)
        item = _ITEM.match(line)
        if not line.strip():
            above = -1
            continue
        if item is None:
            column = column if line[0].isspace() else -1  # a paragraph of no indentation ends the list
            moved = moved if line[0].isspace() else []
            above = -1
            continue
        indent = len(line) - len(line.lstrip())
        while moved and indent < moved[-1][0]:
            moved.pop()
        if moved and not line.lstrip().startswith(">"):
            out[number] = " " * (indent - moved[-1][1]) + line.lstrip()
        elif column >= 0 and indent >= column + 4 and (_TASK.match(line) or above == number - 1) and not line.lstrip().startswith(">"):
            moved.append((indent, indent - column))
            out[number] = " " * column + line.lstrip()
        if out[number] != lines[number] and changed is not None:
            changed.append(number + 1)
        line = out[number] if out[number] != lines[number] else line
        column = len(_ITEM.match(line).group(0))  # type: ignore[union-attr]
        above = number if _TASK.match(line) else -1
    return out


def task_states(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """In a list holding a task ('[ ]', '[x]', '☐'), an item that opens with another one-character state in brackets
    ('[D]', '[P]', '[~]', '[@]': Obsidian's custom statuses and its themes' alternate checkboxes, which it shows as
    boxes) is a task too, open as '[/]' is, done where it is a tick ('[√]', '[✔]'). A list without a task keeps such
    brackets as text ('[1] Smith, 2020'). A state written as a word ('[yes]', '[done]', '[n/a]', '[no]': a template
    filled in) is one too, and so is '[*]', done in a file that ticks no box with '[x]' ('* [] Cancel', '* [*] Retry':
    the file's own tick), else a star of Obsidian's themes, open.

    >>> task_states(["- [ ] Plan", "- [D] Date", "- [P] Pro", "", "Sources:", "", "- [1] Smith, 2020"])
    ['- [ ] Plan', '- [/] Date', '- [/] Pro', '', 'Sources:', '', '- [1] Smith, 2020']
    >>> task_states(["- [yes] Refactor", "- [ ] Feature", "- [N/A] iOS", "- [*] Docs"])
    ['- [x] Refactor', '- [ ] Feature', '- [-] iOS', '- [x] Docs']
    """
    out = list(lines)
    star = "x" if not any(_TICKED_TASK.match(lines[n]) for n in _outside_fences(lines)) else "*"
    for run in _list_runs(lines):
        if not any(_TASK.match(lines[n]) or _WORD_STATE.match(lines[n]) for n in run):
            continue
        for n in run:
            state = _OTHER_STATE.match(lines[n])
            if state:
                out[n] = _OTHER_STATE.sub(lambda m: f"{m.group(1)}[{'x' if m.group(2) in _TICKS else '/'}]", lines[n], count=1)
            elif (word := _WORD_STATE.match(lines[n])) is not None:
                out[n] = f"{word.group(1)}[{_word_state(word.group(2))}]{lines[n][word.end() :]}"
            elif star == "x" and (starred := _STAR_TASK.match(lines[n])) is not None:
                out[n] = f"{starred.group(1)}[x]{lines[n][starred.end() :]}"
            else:
                continue
            if changed is not None:
                changed.append(n + 1)
    return out


# A state written as a word in the brackets ('- [yes] Refactor', '- [done] Docs', '- [n/a] iOS': a template filled in).
_DONE_STATES = ("yes", "y", "done", "ok", "okay", "complete", "completed", "finished", "passed", "pass")
_NA_STATES = ("n/a", "na", "skip", "skipped", "not applicable")
_OPEN_STATES = ("no", "n", "todo", "to do", "wip", "pending", "open", "tbd", "in progress", "fail", "failed")
_STATE_WORDS = "|".join(re.escape(w) for w in (*_DONE_STATES, *_NA_STATES, *_OPEN_STATES))
_WORD_STATE = re.compile(rf"^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+)\[[ \t]*({_STATE_WORDS})[ \t]*\](?=[ \t])", re.I)
_TICKED_TASK = re.compile(r"^\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+\[[xX]\](?:[ \t]|$)")
_STAR_TASK = re.compile(r"^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+)\[\*\](?=[ \t])")


def _word_state(word: str) -> str:
    word = " ".join(word.lower().split())
    return "x" if word in _DONE_STATES else "-" if word in _NA_STATES else "/"


_BOXED_HEADING = re.compile(r"^(#{1,6})[ \t]+((?:\[[ xX-]\]|[☐☑☒])[ \t]+\S.*?)[ \t#]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def boxed_headings(lines: list[str], headed: set[int] | None = None) -> list[str]:
    """A heading that starts with a box ('### ☐ Step 1: Add the key') is a task item, and what stands under it up to
    the next heading as high or a rule (steps, prose, code) its details: its lines indented under the item; a boxed
    heading under it (org's '** DONE Back up' under '* TODO Deploy') its sub-item.

    >>> boxed_headings(["## [ ] Deploy", "### [x] Back up", "Took 5 min", "### [ ] Push", "## [ ] Announce"])
    ['- [ ] Deploy', '  - [x] Back up', '    Took 5 min', '  - [ ] Push', '- [ ] Announce']
    """
    out = list(lines)
    fence, levels = "", list[int]()  # the open fence; the levels of the boxed headings being read, outermost first
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        heading = re.match(r"^(#{1,6})[ \t]", line) if not fence else None
        while levels and heading and len(heading.group(1)) <= levels[-1]:
            levels.pop()
        if levels and not fence and _BREAK.match(line):
            levels = []
        boxed = _BOXED_HEADING.match(line) if not fence else None
        if boxed:
            out[number] = "  " * len(levels) + f"- {boxed.group(2)}"  # under a boxed heading higher: its sub-item
            levels.append(len(boxed.group(1)))
            if headed is not None:
                headed.add(number + 1)
        elif levels and line.strip():
            out[number] = "  " * len(levels) + line
        if opened and not fence:
            fence = opened.group(1)
        elif fence and opened and opened.group(1)[0] == fence[0] and not line.strip(" `~"):
            fence = ""
    return out


# ---- org-mode

_ORG_KEYWORDS = r"(?:TODO|DONE|NEXT|WAITING|HOLD|CANCELLED|CANCELED|STARTED)"
_ORG_HEADLINE = re.compile(rf"^(\*+)\s+(?:({_ORG_KEYWORDS})\s+)?(?:\[#([A-Z0-9])\]\s+)?(.*?)(?:\s+:[\w@#%:]+:)?\s*$")
# A planning line under a headline ('SCHEDULED: <2026-12-08 Tue>', 'DEADLINE: <…>', an outliner's too): its dates.
_ORG_PLANNING = re.compile(r"\b(SCHEDULED|DEADLINE):\s*<([^<>]*)>")


def _planned(line: str) -> str:
    """A planning line's dates as words of the details ('Deadline: 2026-12-20 Sun'); CLOSED, when it was done, none."""
    return "; ".join(f"{kind.capitalize()}: {when.strip()}" for kind, when in _ORG_PLANNING.findall(line))


def _priority_said(cookie: str | None) -> str:
    """An org or Logseq priority cookie's level after the text, as todo.txt's (A) is read: '[#A]' high, B medium, C low."""
    return f" ({_TODO_PRIORITY[cookie]})" if cookie in _TODO_PRIORITY else ""
_ORG_STATE = {"DONE": "[x] ", "CANCELLED": "[-] ", "CANCELED": "[-] "}  # any other keyword: an open task
_ORG_COOKIE = re.compile(r"(?<!\s)\s*\[(?:\d*/\d*|\d*%)\]")  # blanks tried from their run's start only: linear
_ORG_LINK = re.compile(r"\[\[([^\[\]]+)\](?:\[([^\[\]]+)\])?\]")  # no '[' inside: a line of '[' read in linear time
# The nearest closing mark: "~.~ or ~,~" two spans; within 500 characters (a closing mark looked for up to the line's end
# from every opening one: a line of '=a ' 10,000 times took 7 s, quadratic).
_ORG_CODE = re.compile(r"(?<![\w=~])([=~])(\S(?:[^\n]{0,500}?\S)??)\1(?![\w=~])")
_ORG_BOLD = re.compile(r"(?<![\w*])\*([^\s*](?:[^*\n]*?[^\s*])?)\*(?![\w*])")  # *bold*, not **bold** nor a * b


# Org's entities as LaTeX names them where HTML names them otherwise ('\to' the arrow Org shows); any other is
# HTML's name ('\rarr', '\mdash', '\alpha'), as Org's table mostly is.
_ORG_LATEX = {"to": "→", "rightarrow": "→", "leftarrow": "←", "gets": "←", "ldots": "…", "dots": "…", "textbackslash": "\\",
              "leftrightarrow": "↔", "Rightarrow": "⇒", "Leftarrow": "⇐", "neq": "≠", "leq": "≤", "geq": "≥", "textbar": "|"}
_ORG_ENTITY = re.compile(r"\\([A-Za-z]+)(?:\{\}|(?![A-Za-z]))")


def _org_entity(name: str) -> str | None:
    r"""The character an Org entity shows ('\to' →, '\mdash' —); None for a name Org has none for.

    >>> _org_entity("to"), _org_entity("mdash"), _org_entity("nbsp"), _org_entity("foo")
    ('→', '—', ' ', None)
    """
    found = _ORG_LATEX.get(name) or _HTML5.get(name + ";")
    return " " if found == "\xa0" else found


def _org_entity_reference(m: re.Match[str]) -> str:
    r"""An Org entity as character references of what it shows ('&#8594;'), which the walk reads as those characters and
    no Markdown ('\lt' is '<', '\ast' '*': text, not a tag or emphasis); one Org has no character for as written."""
    found = _org_entity(m.group(1))
    return "".join(f"&#{ord(c)};" for c in found) if found is not None else m.group(0)


def _org_inline(text: str) -> str:
    r"""An Org line's markup as Markdown's: links, '~code~' and '=verbatim=' code, '*bold*'; an entity ('\to',
    '\mdash', '\alpha'), outside code, the character Org shows (it was written as typed: 'KITM \to Outline').

    >>> print(_org_inline(r"~KITM~ \to ~Outline~, ~\to~ and \mdash{} \lt \bogus"))
    `KITM` &#8594; `Outline`, `\to` and &#8212; &#60; \bogus
    """
    text = _ORG_LINK.sub(lambda m: f"[{m.group(2)}]({m.group(1)})" if m.group(2) else f"<{m.group(1)}>" if "://" in m.group(1) else m.group(1), text)
    text = _ORG_CODE.sub(lambda m: f"`{m.group(2)}`", text)
    if "\\" in text:
        pieces = re.split(r"(`[^`]*`)", text)
        text = "".join(p if n % 2 else _ORG_ENTITY.sub(_org_entity_reference, p) for n, p in enumerate(pieces))
    return _ORG_BOLD.sub(r"**\1**", text)


def _boxes_under(lines: list[str], number: int) -> bool:
    """Whether a box stands under the headline at ``number``, before the next headline."""
    for line in lines[number + 1 :]:
        if re.match(r"^\*+\s", line):
            return False
        if re.match(r"^\s*(?:[-+*]|\d+[.)])\s+\[[ xX-]\]", line):
            return True
    return False


def _org_leaves(lines: list[str]) -> set[int]:
    """In an outline without a box, a task keyword or a list item (a checklist of headlines, '* Pre-flight' then
    '** Fuel level'), the headlines below the first level with nothing under them: the plain items of that outline;
    in a file of first-level headlines and nothing else (a TODO.org, '* use evt consistently'), every headline.

    >>> sorted(_org_leaves(["* use evt consistently", "* write the reconcile command", ""]))
    [0, 1]
    >>> sorted(_org_leaves(["* Notes", "Some text.", "* Ideas"]))
    []
    """
    if any(re.match(r"^\s*(?:[-+]|\d+[.)]|\s\*)\s", line) or re.match(rf"^\*+\s+{_ORG_KEYWORDS}\s", line) for line in lines):
        return set()
    heads = [(n, len(h.group(1))) for n, line in enumerate(lines) if (h := re.match(r"^(\*+)\s+\S", line))]
    leaves: set[int] = set()
    for (n, level), (after, next_level) in zip(heads, [*heads[1:], (len(lines), 0)][: len(heads)], strict=True):
        bare = all(not x.strip() or re.match(r"^\s*#(?:\+|\s|$)", x) for x in lines[n + 1 : after])  # comments only
        if level >= 2 and next_level <= level and bare:
            leaves.add(n)
    flat = len(heads) >= 2 and all(level == 1 for _, level in heads)
    if flat and all(not x.strip() or x.startswith("*") or re.match(r"^\s*#(?:\+|\s|$)", x) for x in lines):
        return {n for n, _ in heads}  # a TODO.org of headlines alone, one level, nothing under any: each a to-do
    return leaves


# org's log of a task's change written under its headline (org-log-done, no drawer): bookkeeping, as a LOGBOOK's lines.
_ORG_STATE_NOTE = re.compile(
    r'^[ \t]*-[ \t]+(?:State[ \t]+"[^"]*"[ \t]+from(?:[ \t]+"[^"]*")?|Rescheduled from[ \t]+"[^"]*"[ \t]+on|Refiled on)[ \t]+\[[^\]]*\][ \t]*$'
)
_ORG_FIXED = re.compile(r"^([ \t]*):(?:[ \t](.*))?$")
_ORG_TERM = re.compile(r"^(\s*[-+]\s+(?:\[[ xX-]\]\s+)?)(\S.*?)(?<=\S)\s+::(?:\s+(.*)|\s*)$")  # '- term :: description' (blanks tried once)


def org(lines: list[str]) -> list[str]:
    """Org-mode: '#+TITLE:' the title, '*' headlines sections and groups (priorities, cookies and tags left out; a
    headline with a TODO keyword and no box under it is a task: DONE ticked, CANCELLED n/a, its body its details),
    source and example blocks and ': ' fixed-width lines code, drawers, planning lines and '# comments' left out;
    '[-]' (some sub-boxes done) an open box; '- term :: description' the term in bold. An outline of headlines
    alone (no box, keyword or list) has its leaves below the first level as plain items."""
    out: list[str] = []
    block, drawer = False, False
    leaves = _org_leaves(lines)
    for number, line in enumerate(lines):
        low = line.strip().lower()
        if block:
            block = not low.startswith("#+end_")
            out.append("```" if not block else line)
            continue
        if drawer or re.fullmatch(r":[a-z]+:", low):
            drawer = low != ":end:"
            out.append("")
            continue
        title = re.match(r"^#\+title:\s*(.*)$", line, re.I)
        headline = _ORG_HEADLINE.match(line)
        if title:
            out.append(f"# {_org_inline(title.group(1))}")
        elif low.startswith(("#+begin_src", "#+begin_example")):
            block = True
            lang = low.split()[1] if low.startswith("#+begin_src") and len(low.split()) > 1 else ""
            out.append(f"```{re.sub(r'[^a-z0-9_+-]', '', lang)}")
        elif re.match(r"^\s*(SCHEDULED|DEADLINE|CLOSED):", line):
            out.append(_planned(line))  # when it is planned for: a line of what stands under it
        elif _ORG_STATE_NOTE.match(line):
            out.append("")  # '- State "DONE" from "TODO" [2017-09-11 Mon 09:59]': org's log of the change, as a LOGBOOK drawer's
        elif low.startswith("#+") or re.match(r"^\s*#(\s|$)", line):
            out.append("")
        elif headline and number in leaves:
            out.append(f"- {_org_inline(headline.group(4))}{_priority_said(headline.group(3))}")  # a plain item: an open box, as plain bullets are
        elif headline:
            task = headline.group(2) and not _boxes_under(lines, number)  # 'TODO Call Ann': a task (a box), unless boxes stand under it
            box = _ORG_STATE.get(headline.group(2) or "", "[ ] ") if task else ""
            said = _org_inline(_ORG_COOKIE.sub("", headline.group(4))) + _priority_said(headline.group(3))
            out.append("#" * min(len(headline.group(1)) + 1, 6) + " " + box + said)
        elif _ORG_FIXED.match(line):  # ': text', a fixed-width line: code
            found = _ORG_FIXED.match(line)
            code = (found.group(2) or "").strip() if found else ""
            out.append(f"{found.group(1)}`` {code} ``" if found and code else "")
        else:
            line = re.sub(r"^(\s*(?:[-+*]|\d+[.)])\s+)\[-\]", r"\1[ ]", line)
            line = _ORG_TERM.sub(lambda m: f"{m.group(1)}**{m.group(2)}**" + (f": {m.group(3)}" if m.group(3) else ""), line)
            out.append(re.sub(r"^(\s*)\|-[-+|]*$", lambda m: m.group(0).replace("+", "|"), _org_inline(_ORG_COOKIE.sub("", line))))
    return out


# ---- AsciiDoc

# A link starts a word (after a blank, an opening bracket or mark): tried at every character of a word, each try read
# on to the word's end, a line of 'a.' 16,000 times took 4 s (quadratic); an xref's id and text hold no '<' ('<' 16,000
# times: 8 s).
_ADOC_LINK = re.compile(r"(?<![^\s(\[<>*\"'])(?:link:)?((?:https?|mailto):[^\s\[\]]+|[^\s\[\]:(<>*\"']+\.[a-z]{2,5})\[([^\]]*)\]")
_ADOC_XREF = re.compile(r"<<([^,<>]+)(?:,\s*([^<>]+))?>>")
_ADOC_LIST = re.compile(r"^\s*(\*+|-)\s+(?:\[([ xX*])\]\s+)?(.*)$")
_ADOC_ORDERED = re.compile(r"^\s*(\.+|[0-9]{1,9}\.)\s+(?:\[([ xX*])\]\s+)?(.*)$")
_ADOC_BLOCKS = {"----": "```", "....": "```", "////": "", "++++": ""}  # code, literal, comment, passthrough: tracked
_ADOC_DELIMITERS = {**_ADOC_BLOCKS, "====": "", "****": "", "____": "", "--": ""}  # example, sidebar, quote, open: their lines stay


_ADOC_CODE_LINK = re.compile(r"`(?:link:)?((?:https?|mailto):[^\s\[\]`]+|[^\s\[\]:`]+\.[a-z]{2,5})\[([^\]`]*)\]`")
_ADOC_ATTRIBUTE = re.compile(r"^:([\w-]+):(?:[ \t]+(.*))?$")
_ADOC_BUILTIN = {"nbsp": " ", "sp": " ", "empty": "", "zwsp": "", "amp": "&", "lt": "<", "gt": ">", "startsb": "[", "endsb": "]", "vbar": "|"}


def _adoc_inline(text: str) -> str:
    text = _ADOC_CODE_LINK.sub(lambda m: f"[`{m.group(2) or m.group(1)}`]({m.group(1)})", text)  # a link in monospace
    text = _ADOC_LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})", text)
    text = _ADOC_XREF.sub(lambda m: m.group(2) or m.group(1), text)
    return _ORG_BOLD.sub(r"**\1**", text)  # AsciiDoc's constrained bold is org's


def _adoc_item(match: re.Match[str], ordered: bool, markers: list[tuple[str, int]]) -> str:
    """A list item at its depth: a marker of its list's kinds at that kind's level; '**' under '*' (or '..' under '.')
    a level deeper, as before; another kind indented past the item above ('   - Linux' under '2. Build', as a release
    guide nests platforms under a step) a level deeper too (it was a list of its own at the top); else the top.
    ``markers``: the kinds of the open list and their indentation, outermost first."""
    kind = "1." if match.group(1)[0].isdigit() else match.group(1)
    indent = len(match.string) - len(match.string.lstrip())
    kinds = [k for k, _ in markers]
    if kind in kinds:
        del markers[kinds.index(kind) + 1 :]
    elif markers and (indent > markers[-1][1] or (kind[0] == markers[-1][0][0] and len(kind) > len(markers[-1][0]) and kind[0] in "*.")):
        markers.append((kind, indent))
    else:
        markers[:] = [(kind, indent)]
    box = {None: "", " ": "[ ] "}.get(match.group(2), "[x] ")
    margin = "".join("   " if k[0] in ".1" else "  " for k, _ in markers[:-1])
    return f"{margin}{'1.' if ordered else '-'} {box}{_adoc_inline(match.group(3))}"


def asciidoc(lines: list[str]) -> list[str]:
    """AsciiDoc: '=' headings, '*'/'**' (or '.'/'..', '-', '1.') lists nested by their marker's length, or another
    kind indented under an item (``_adoc_item``), with '[ ]', '[x]' or '[*]' boxes, listing blocks code, comments,
    attributes and block attribute lines left out, '.Title' a label.

    >>> asciidoc(["1. Build:", "   - Linux", "2. Tag", "* Ship", "** Tell", "- Notes", "", "Done.", "  - Later"])
    ['1. Build:', '   - Linux', '1. Tag', '- Ship', '  - Tell', '- Notes', '', 'Done.', '- Later']
    """
    out: list[str] = []
    markers: list[tuple[str, int]] = []  # the kinds of marker of the open list and their indentation, outermost first
    inside = ""  # the delimiter of the open block
    attributes = dict(_ADOC_BUILTIN)  # ':name: value' lines, put in for '{name}' in the lines after them
    for line in lines:
        stripped = line.rstrip()
        attribute = _ADOC_ATTRIBUTE.match(stripped) if not inside else None
        if attribute:
            attributes[attribute.group(1).lower()] = attribute.group(2) or ""
        elif not inside and "{" in line:
            line = re.sub(r"\{([\w-]+)\}", lambda m: attributes.get(m.group(1).lower(), m.group(0)), line)
            stripped = line.rstrip()
        if inside:
            if stripped == inside:
                out.append(_ADOC_DELIMITERS[inside])
                inside = ""
            else:
                out.append("" if _ADOC_DELIMITERS[inside] != "```" else line)
            continue
        heading = re.match(r"^(={1,6})\s+(.*)$", stripped)
        bullet, number = _ADOC_LIST.match(stripped), _ADOC_ORDERED.match(stripped)
        if heading or (stripped and not bullet and not number and out and not out[-1].strip()):
            markers = []  # a heading, or a paragraph after a blank line: the list ended
        if stripped in _ADOC_DELIMITERS:
            inside = stripped if stripped in _ADOC_BLOCKS else ""
            out.append(_ADOC_DELIMITERS[stripped])
        elif re.fullmatch(r"'{3,}", stripped):
            out.append("***")  # a thematic break (three quotes): Markdown's, which no paragraph above reads as its underline
        elif stripped == "<<<":
            out.append("")  # a page break: nothing on a page
        elif heading:
            out.append("#" * len(heading.group(1)) + " " + _adoc_inline(heading.group(2)))
        elif re.match(r"^(//|:[\w-]+!?:|\[.*\]$|include::|ifn?def::|endif::|toc::)", stripped) or stripped == "+":
            out.append("")
        elif bullet:
            out.append(_adoc_item(bullet, False, markers))
        elif number:
            out.append(_adoc_item(number, True, markers))
        elif re.match(r"^\.[^\s.]", stripped):
            out.append(f"**{_adoc_inline(stripped[1:])}**")
        else:
            out.append(_adoc_inline(line))
    for start, end in _adoc_table_spans(lines):
        _adoc_table(lines, out, start, end)
    return out


_ADOC_BOX_CELL = re.compile(r"^\[([ xX*])\]|^([☐☑☒])")


def _adoc_table_spans(lines: list[str]) -> Iterator[tuple[int, int]]:
    """The opening and closing '|===' line of each table."""
    start = None
    for n, line in enumerate(lines):
        if line.rstrip() == "|===":
            if start is None:
                start = n
            else:
                yield start, n
                start = None


def _adoc_cell(text: str) -> str:
    text = text.strip()
    box = _ADOC_BOX_CELL.match(text)
    if box:
        text = ("[ ]" if (box.group(1) or box.group(2)) in (" ", "☐") else "[x]") + text[box.end() :]
    return _adoc_inline(text).replace("|", "\\|")


def _adoc_table(lines: list[str], out: list[str], start: int, end: int) -> None:
    """A table ('|===' … '|===') as a Markdown table line for line (a box in a cell a box): its columns from the
    'cols' attribute or its first line, the header row ('%header', or a first line followed by a blank one) on the
    opening line and the delimiter row on the next (without a header: on the attribute line and the opening one),
    each row on the line of its first cell, the table's other lines empty rows, which hold no item."""
    attributes = lines[start - 1].strip() if start and re.fullmatch(r"\[.*\]", lines[start - 1].strip()) else ""
    cells: list[tuple[int, str]] = []  # (line, text) of each cell
    for n in range(start + 1, end):
        line = lines[n].strip()
        if line.startswith("|") or re.match(r"^[\d.+*]*[a-z]?\|", line):
            cells += [(n, c) for c in re.split(r"(?:^|\s)[\d.+*]*[a-z]?\|", " " + line)[1:]]
        elif line and cells:
            cells[-1] = (cells[-1][0], cells[-1][1] + " " + line)
    cols_spec = re.search(r"cols\s*=\s*\"?([^\",\]]*(?:,[^\",\]]*)*)\"?", attributes)
    first = [c for c in cells if c[0] == cells[0][0]] if cells else []
    spec = cols_spec.group(1).strip() if cols_spec else ""
    count = re.fullmatch(r"([0-9]+)\*?(?:[^,]*)", spec) if "," not in spec else None  # 'cols=2', 'cols="3*"': a count
    # no more columns than cells ('cols=99999999' made rows of a hundred million cells)
    width = min(whole_number(count.group(1), 999) or 1, max(len(cells), 1)) if count else len(spec.split(",")) if spec else len(first)
    if not cells or width < 1:
        return
    rows = [cells[k : k + width] for k in range(0, len(cells), width)]
    header = "header" in attributes or (cells[0][0] + 1 < len(lines) and not lines[cells[0][0] + 1].strip() and len(first) == width)
    if not header and not attributes:
        return  # no line free for a header of its own: the lines stay as they were
    top = start if header else start - 1
    head = [_adoc_cell(t) for _, t in rows[0]] if header else [""] * width
    for n in range(top, end + 1):
        out[n] = "|" + " |" * width
    out[top] = "| " + " | ".join(head) + " |"
    out[top + 1] = "|" + " --- |" * width
    for row in rows[1:] if header else rows:
        if row[0][0] > top + 1:
            out[row[0][0]] = "| " + " | ".join([_adoc_cell(t) for _, t in row] + [""] * (width - len(row))) + " |"
    out[end] = ""


# ---- reStructuredText

_RST_ADORNMENT = re.compile(r"^([=\-~^\"'`#*+:._])\1+\s*$")
_RST_LINK = re.compile(r"`([^`<]+?)\s*<([^`>]+)>`__?")
_RST_ROLE = re.compile(r"(?<![\w:+-]):[\w:+-]+:`([^`]+)`")  # tried at a run's start only: a line of ':' in linear time
_RST_ADMONITIONS = "note|warning|important|tip|hint|caution|danger|attention|error|seealso|admonition"


def _rst_inline(text: str) -> str:
    text = _RST_LINK.sub(r"[\1](\2)", text)
    text = _RST_ROLE.sub(r"`\1`", text)
    text = re.sub(r"``([^`]+)``", r"`\1`", text)
    return re.sub(r"`([^`]+)`__?", r"\1", text)


def _rst_titles(lines: list[str]) -> dict[int, int]:
    """Line number of each title -> its level, by the order in which each adornment style first appears."""
    styles: list[tuple[str, bool]] = []
    titles: dict[int, int] = {}
    for n in range(1, len(lines)):
        under, text = _RST_ADORNMENT.match(lines[n]), lines[n - 1].strip()
        if not under or not text or _RST_ADORNMENT.match(lines[n - 1]) or len(lines[n].strip()) < len(text) or lines[n - 1].startswith(" "):
            continue
        over = n >= 2 and lines[n - 2].strip() == lines[n].strip()
        style = (lines[n].strip()[0], over)
        if style not in styles:
            styles.append(style)
        titles[n - 1] = min(styles.index(style) + 1, 6)
    return titles


def _rst_blocks(lines: list[str]) -> Iterator[tuple[int, int, str]]:
    """(first, end, language) of each literal or code block: its indented lines after '::' or a code directive."""
    for n, line in enumerate(lines):
        code = re.match(r"^\s*\.\.\s+(?:code-block|code|sourcecode)::\s*(\S*)", line)
        if not code and not (line.rstrip().endswith("::") and not line.lstrip().startswith("..")):
            continue
        indent = len(line) - len(line.lstrip())
        end = n + 1
        while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
            end += 1
        while end > n + 1 and not lines[end - 1].strip():
            end -= 1
        if end > n + 1:
            yield n, end, code.group(1) if code else ""


_RST_LINK_OPENS = re.compile(r"`([^`<]+?)\s*$")  # '… check the `TestPyPI page' with its '<https://…>`_' on the next line
_RST_LINK_ENDS = re.compile(r"^(\s*)<([^`>\s]+)>`__?")


def _rst_joined_links(lines: list[str]) -> list[str]:
    """The lines with each hyperlink broken over two ('`TestPyPI page' then '<https://…>`_.') written whole on its
    second line, as the Markdown link it is (the line stays more of the same text): its words were text and its
    address shown.

    >>> _rst_joined_links(["* Check the `TestPyPI page", "  <https://test.pypi.org/>`_.", "keep `this"])
    ['* Check the', '  `TestPyPI page <https://test.pypi.org/>`_.', 'keep `this']
    """
    out = list(lines)
    for n in range(len(lines) - 1):
        opens, ends = _RST_LINK_OPENS.search(out[n]), _RST_LINK_ENDS.match(lines[n + 1])
        if opens and ends and out[n].count("`") % 2:
            out[n] = out[n][: opens.start()].rstrip()
            out[n + 1] = ends.group(1) + f"`{opens.group(1)} <{ends.group(2)}>`_" + lines[n + 1][ends.end() :]
    return out


_HEADER_FIELD = re.compile(r"^([A-Z][\w-]*):(?:[ \t]+(\S.*))?$")


def _rfc_header(lines: list[str], out: list[str]) -> list[str]:
    """A header of 'Field: value' lines opening the file (a PEP's 'PEP: 101', 'Title: Doing Python Releases 101',
    'Author: …', as RFC 822 writes them, lines indented under one going on): its Title the checklist's title, the rest
    left out (it was text, and the first heading below, 'Abstract', the title).

    >>> _rfc_header(["PEP: 101", "Title: Doing Releases", "Author: A,", "  B", "Post-History:", "", "Abstract"], ["x"] * 7)
    ['', '# Doing Releases', '', '', '', 'x', 'x']
    """
    end = next((n for n, line in enumerate(lines) if not line.strip()), len(lines))
    fields = [_HEADER_FIELD.match(line) for line in lines[:end]]
    if end < 2 or not fields[0] or not all(f or lines[n][:1] in " \t" for n, f in enumerate(fields)):
        return out
    if not any(f and f.group(1).lower() == "title" and f.group(2) for f in fields):
        return out
    return [f"# {f.group(2)}" if f and f.group(1).lower() == "title" and f.group(2) else "" for f in fields] + out[end:]


def rst(lines: list[str]) -> list[str]:
    """reStructuredText: underlined (and overlined) titles headings, levels in the order their styles appear; code and
    literal blocks fenced; comments, targets and other directives left out; field lists metadata lines; a hyperlink
    broken over two lines a link."""
    out = _rfc_header(lines, [_rst_inline(line) for line in _rst_joined_links(lines)])
    for number, level in _rst_titles(lines).items():
        out[number] = "#" * level + " " + out[number].strip()
        out[number + 1] = ""
        if number >= 1 and _RST_ADORNMENT.match(lines[number - 1]):
            out[number - 1] = ""
    skipping = False
    for n, line in enumerate(lines):
        directive = re.match(r"^\.\.(\s|$)", line)
        admonition = re.match(rf"^\.\.\s+({_RST_ADMONITIONS})::\s*(.*)$", line, re.I)
        if admonition:
            skipping = False
            out[n] = f"**{admonition.group(1).capitalize()}:** {_rst_inline(admonition.group(2))}".rstrip()
        elif directive or (skipping and (line.startswith(" ") or not line.strip())):
            skipping = skipping or bool(directive)
            out[n] = ""
        else:
            skipping = False
        field = re.match(r"^:([A-Za-z][\w ]*):\s+(.*)$", line)
        if field:
            out[n] = f"**{field.group(1)}**: {field.group(2)}"
    for first, end, lang in _rst_blocks(lines):
        coded = lines[first].lstrip().startswith("..")
        if not coded and lines[first + 1].strip():  # 'validate::' right over its commands, no blank line between
            _rst_tight_block(lines, out, first, end)
            continue
        if end < len(lines) and lines[end].strip():
            continue  # no blank line to close a fence on: the lines stay as written
        out[first : end] = lines[first : end]
        out[first] = "" if coded else _rst_inline(lines[first]).rstrip()[:-1]  # 'Run this::' reads 'Run this:'
        if lines[first + 1].strip():  # a directive's option line: the fence opens on the directive's
            out[first] = f"```{lang}"
        else:
            out[first + 1] = f"```{lang}"
        if end < len(lines):
            out[end] = "```"
        else:
            out[end - 1] += "\n```"  # the file ends in the block: a line more, after every other
    out = [re.sub(r"^(\s*)#\.(\s)", r"\g<1>1.\2", line) for line in out]
    for n, line in enumerate(lines):
        if re.match(r"^\s*\.\.\s+list-table::", line):
            _rst_list_table(lines, out, n)
    return out


def _rst_tight_block(lines: list[str], out: list[str], first: int, end: int) -> None:
    r"""A literal block right under its '::' line, no blank line between ('* double-check that they validate::' over
    its indented commands, as a release checklist in a list writes them): fenced at the text's column of its line, a
    line more on each side (the line map places them), the '::' a colon. Its commands were words of the item's text.

    >>> out = ["  * check::", "     gpg --verify a", "     gpg --verify b", "* next"]
    >>> _rst_tight_block(out, out, 0, 3); out
    ['  * check:\n     ```', '     gpg --verify a', '     gpg --verify b\n     ```', '* next']
    """
    item = re.match(r"^(\s*(?:[-*+]|\d+[.)]|#\.)?\s*)", lines[first])
    column, block = len(item.group(1)) if item else 0, min(len(x) - len(x.lstrip()) for x in lines[first + 1 : end] if x.strip())
    pad = " " * (block if column <= block < column + 4 else min(column, block))  # the commands' own column where it is the item's
    out[first + 1 : end] = lines[first + 1 : end]
    out[first] = f"{_rst_inline(lines[first]).rstrip()[:-1]}\n{pad}```"
    out[end - 1] += f"\n{pad}```"


def _rst_list_table(lines: list[str], out: list[str], start: int) -> None:
    """A list-table directive as a Markdown table, line for line (its body was left out with the other directives'):
    its title a bold line, the header ('header-rows', else empty) and the delimiter rows on the lines before its first
    row, each row on the line of its first cell ('* -'), the row's other lines empty rows, which hold no item."""
    indent = len(lines[start]) - len(lines[start].lstrip())
    end, rows, header_rows = start + 1, [], 0  # rows: (first line, cells)
    while end < len(lines) and (not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent):
        line = lines[end].strip()
        option = re.match(r"^:header-rows:\s*([0-9]+)", line)
        header_rows = (whole_number(option.group(1), 999) or 0) if option else header_rows
        row, cell = re.match(r"^\*\s+-(?:\s+(.*))?$", line), re.match(r"^-(?:\s+(.*))?$", line)
        if row:
            rows.append((end, [row.group(1) or ""]))
        elif cell and rows:
            rows[-1][1].append(cell.group(1) or "")
        elif line and rows and not line.startswith(":"):
            rows[-1][1][-1] += " " + line  # more of the cell
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # the blank lines after the table are not of it
    if not rows or rows[0][0] - start < 2:
        return  # no lines for a header before the first row: left out, as before
    width = max(len(cells) for _, cells in rows)

    def row_text(cells: list[str]) -> str:
        return "| " + " | ".join([_rst_inline(c.strip()).replace("|", "\\|") for c in cells] + [""] * (width - len(cells))) + " |"

    head, body = (rows[0], rows[1:]) if header_rows >= 1 else ((0, [""] * width), rows)
    first = body[0][0] if body else end
    for n in range(start, end):
        out[n] = "" if n < first - 1 else "|" + " |" * width
    title = lines[start].split("::", 1)[1].strip()
    if title and start < first - 2:
        out[start] = f"**{_rst_inline(title)}**"
    out[first - 2], out[first - 1] = row_text(head[1]), "|" + " --- |" * width
    for number, cells in body:
        out[number] = row_text(cells)


# ---- HTML (a page saved from a wiki, an export with checkbox inputs, Confluence's task lists)

# Left out with what they hold: a Confluence template's placeholder ('<ac:placeholder>Action item</ac:placeholder>') is
# the editor's hint, shown to none on the page: a task of it alone is a blank to fill in, as '- [ ] ' is.
_HTML_SKIP = {"script", "style", "head", "title", "template", "noscript", "ac:task-id", "ac:placeholder"}
_HTML_BLOCKS = {"p", "div", "section", "article", "blockquote", "dd", "dt", "caption", "figcaption", "summary", "details", "tr", "table", "body"}
# Notion's HTML export: a to-do's box '<div class="checkbox checkbox-on"></div>' (checked) or '… checkbox-off …'.
_NOTION_BOX = re.compile(r"<div\s+class=\"checkbox checkbox-o(n|ff)\"\s*>\s*</div>")
_HTML_INLINE = {"strong": "**", "b": "**", "em": "*", "i": "*", "code": "`"}
# An element a page's style draws as an item's box ('<div class="checkbox"><span class="checkmark">✓</span></div>', its
# mark shown when the item is ticked): its class names a box, and a ticked one says so ('checked', 'checkbox-on').
_DRAWN_CLASS = re.compile(r"^(?:check-?box|checkmark|check-mark|task-?checkbox|todo-checkbox|checkbox-o(?:n|ff))$", re.I)
_TICKED_CLASS = {"checked", "checkbox-on", "is-checked", "done", "completed"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _image(found: dict[str, str | None]) -> str:
    """An image as Markdown writes it (``![alt](src)``), which the import reads as the rest of the file's images: its
    alternative text kept in the text, its address said in a warning at its place. Dropped, it was lost without a word.
    The alternative text's brackets are written as parentheses, and the address as a destination reads it whole.

    >>> _image({"src": "wiring.png", "alt": "Wiring [v2]"}), _image({"src": "a b(1).png"}), _image({"alt": "x"})
    ('![Wiring (v2)](wiring.png)', '![](a%20b%281%29.png)', 'x')
    """
    alt = " ".join((found.get("alt") or "").split()).replace("[", "(").replace("]", ")").replace("\\", "/")
    src = (found.get("src") or "").strip()
    if not src or any(c in src for c in "<>\n"):
        return alt
    return f"![{alt}]({_destination(src, paired=False)})"


def _destination(address: str, paired: bool = True) -> str:
    """An address as a Markdown link's destination reads it whole: its spaces percent-encoded, and its parentheses too
    unless they pair up (CommonMark reads balanced parentheses as a link's address: 'wiki/Foo_(bar)' stays as written;
    an image's, ``paired`` False, the import reads up to the first ')').

    >>> _destination("wiki/Foo_(bar)"), _destination("a b(1.png"), _destination("a(1).png", paired=False)
    ('wiki/Foo_(bar)', 'a%20b%281.png', 'a%281%29.png')
    """
    address = address.replace(" ", "%20")
    depth = 0 if paired else -1
    for c in address:
        depth += {"(": 1, ")": -1}.get(c, 0)
        if depth < 0:
            break
    return address if depth == 0 else address.replace("(", "%28").replace(")", "%29")


class _Html(LinearParser):
    """HTML as Markdown blocks, each with the source line it starts on: headings, nested lists whose items hold a
    checkbox input (or are Confluence tasks) as task items, table rows with a checkbox as rows of a box cell, pre as code."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[int, str, str]] = []  # (line, kind, markdown): kind 'item', 'row' or 'block'
        self.text: list[str] = []
        self.start = 1
        self.lists: list[str] = []  # 'ul' or 'ol', outermost first
        self.box = ""  # the pending block's box: '', '[ ] ' or '[x] '
        self.kind = "block"
        self.skip = 0
        self.macro = 0  # inside a Confluence link ('<ac:link>'): its markup's whitespace is none of the text
        self.pre = False
        self.code = 0  # inside inline code ('<code>'): its text is the span's, as written
        self.macros: list[tuple[str, dict[str, str]]] = []  # Confluence macros open ('<ac:structured-macro>'): name, parameters
        self.param: str | None = None  # inside a macro's parameter: its name (its text is the macro's setting, no text)
        self.href: list[tuple[str, int]] = []  # the links open: each one's address, and where its '[' is in the pending text
        self.cell = False  # inside a table cell
        self.status_at = 0  # where a Confluence task's status text starts in the pending text
        self.drawn = 0  # inside an element drawn as the item's box: how many of its elements are open
        self.told: list[bool] = []  # for each list item open, outermost first: whether its text was written
        self.drawn_lists: dict[str, str] = {}  # list classes whose style draws a box as the bullet, and the box
        self.list_boxes: list[str] = []  # for each list open, the box its style draws ('' where none)
        self.mentions: list[list[Any]] = []  # mentions open: their element, where their text starts, the user's name, depth
        self.owner = ""  # the pending task's first mention, its assignee, where its name is known
        self.timed = 0  # inside a '<time datetime>': its words are the date's, which is read from the attribute
        self.due = ""  # the pending task's date ('<time datetime>' in a Confluence task): its due date, a line of its details
        self.due_at = 0  # where the date stands in the pending text
        self.dated: list[int] = []  # the lines of the tasks whose date was read as their due date

    def flush(self, kind: str = "") -> None:
        if self.due and self.due_at < len(self.text) and not _said_date(self.text, self.due_at):
            self.text[self.due_at] = ""  # 'Tag the release 10 Dec 2026': the date no words of it (it was '… 2026-12-10')
        text = "".join(self.text)
        text = text if self.pre else " ".join(text.split())
        kind = kind or self.kind
        if kind == "item" and self.box and text.strip():
            text += f" (assignee: {self.owner})" if self.owner else ""  # read back as the task's owner, recorded with 'assign'
        if (text.strip() or self.box) and kind == "block" and self.told and self.told[-1] and self.lists and not text.startswith("#"):
            self.blocks.append((self.start, "more", self._under(text)))  # a later paragraph of an item: its details
        elif text.strip() or self.box:
            self.blocks.append((self.start, kind, self.prefix() + text))
            if kind == "item" and self.told:
                self.told[-1] = True
            if kind == "item" and self.due:  # as Obsidian Tasks' '📅' and todo.txt's 'due:' are read
                self.blocks.append((self.start, "more", self._under(f"- Due: {self.due}")))
                self.dated.append(self.start)
        self.text, self.box, self.kind, self.start = [], "", "block", self.getpos()[0]
        self.owner = self.due = ""

    def _under(self, text: str) -> str:
        """A block's lines indented under the open item's text, which Markdown reads as the item's."""
        depth = max(len(self.lists), 1)
        margin = " " * (3 * (depth - 1) + (3 if self.lists and self.lists[-1] == "ol" else 2))
        return "\n".join(margin + line if line else line for line in text.split("\n"))

    def _close_inline(self, mark: str) -> None:
        """Close bold, italics or code: its spaces outside its marks ('<b>bold </b>and' is '**bold** and', which
        Markdown reads as bold), no marks around nothing ('<b><en-todo/></b>')."""
        at = next((k for k in range(len(self.text) - 1, -1, -1) if self.text[k] == mark), None)
        if at is None:
            self.text.append(mark)
            return
        inner = "".join(self.text[at + 1 :])
        if not inner.strip():
            self.text[at:] = [inner]
            return
        body = inner.strip()
        self.text[at:] = [inner[: len(inner) - len(inner.lstrip())], mark, body, mark, inner[len(inner.rstrip()) :]]

    def prefix(self) -> str:
        if self.kind != "item":
            return self.box
        depth = max(len(self.lists), 1)
        marker = "1." if self.lists and self.lists[-1] == "ol" else "-"
        return "   " * (depth - 1) + f"{marker} {self.box}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if self._drawn(tag, found) or self._macro_start(tag, found) or self._mention_start(tag, found):
            return
        if self.pre:  # preformatted: its tags are its text
            self.text.append(self.get_starttag_text() or "")
        elif tag in _HTML_SKIP:
            self.skip += 1
        elif self.cell and tag in ("ul", "ol", "ac:task-list", "li", "ac:task", "p", "div", "span", "ac:task-body"):
            self._in_cell(tag, found)  # a list or paragraph in a table cell: the cell's text, its task a box
        elif re.fullmatch(r"h[1-6]", tag):
            self.flush()
            self.text.append("#" * int(tag[1]) + " ")
        elif tag in ("ul", "ol", "ac:task-list"):
            self.flush()
            self.lists.append("ol" if tag == "ol" else "ul")
            self.list_boxes.append(next((self.drawn_lists[c] for c in (found.get("class") or "").split() if c in self.drawn_lists), ""))
        elif tag in ("li", "ac:task"):
            self._item_start(found)
        elif tag == "ac:task-status":
            self.status_at = len(self.text)
        elif tag == "ac:link":
            self.macro += 1
        elif tag == "input" and (found.get("type") or "").lower() == "checkbox":
            box = "[x] " if "checked" in found else "[ ] "
            if self.cell:
                self.text.append(box)  # a box cell of the row
            else:
                self.box = box
        elif tag in ("td", "th"):
            self.cell = True
            self.text.append("| ")
        elif tag == "pre":
            self.flush()
            self.pre = True
        elif tag in ("br", "hr"):
            self._break(tag)
        elif tag == "a":
            self.href.append(((found.get("href") or "").strip(), len(self.text)))
            self.text.append("[")
        elif tag == "img" and not self.macro:
            self.text.append(_image(found))
        elif tag in _HTML_INLINE:
            self.code += tag == "code"
            self.text.append(_HTML_INLINE[tag])
        elif tag in _HTML_BLOCKS and not self._box_waits():
            self.flush()
            self._to_do(found)
            if tag == "p" and "title" in (found.get("class") or "").split():  # Google Docs' title paragraph
                self.text.append("# ")

    def _item_start(self, found: dict[str, str | None]) -> None:
        """A list item (or a Confluence task): an item, a box where its class, its data or its list's style says so."""
        self.flush()
        self.told.append(False)
        self.kind = "item"
        classes = (found.get("class") or "").split()
        self.box = self.list_boxes[-1] if self.list_boxes else ""  # a bullet the style draws as a box
        if "checked" in classes or found.get("data-task-state") == "checked" or found.get("data-checked") == "true":
            self.box = "[x] "
        elif {"inline-task", "task-list-item", "checklist-item"} & set(classes) or found.get("data-inline-task-id"):
            self.box = "[ ] "
        elif found.get("data-type") == "taskItem" or found.get("data-checked") == "false":
            self.box = "[ ] "  # TipTap's and ProseMirror's task items ('<li data-type="taskItem" data-checked="false">')
        self._to_do(found)

    def _break(self, tag: str) -> None:
        """A line break: a space; a rule between blocks: Markdown's ('***', which no paragraph above reads as its underline)."""
        if tag == "br":
            self.text.append(" ")
        elif not self.lists:
            self.flush()
            self.blocks.append((self.getpos()[0], "rule", "***"))

    def _link_end(self, href: str, at: int) -> None:
        """A link's end: a link as Markdown writes it, which the import reads as a Markdown file's (an anchor of a heading
        that became a section leads to its page; another, or an address the site has no page for, is plain text,
        reported); a link to no address or to script is its words alone (it was '[words]', the brackets kept as text)."""
        if href and not href.lower().startswith(("javascript:", "vbscript:", "data:")):
            self.text.append(f"]({_destination(href)})")
        elif at < len(self.text) and self.text[at] == "[":
            self.text[at] = ""

    def _drawn(self, tag: str, found: dict[str, str | None]) -> bool:
        """Whether a tag is (in) an element that a page's style draws as the item's box ('<div class="checkbox"><span
        class="checkmark">✓</span></div>'): its mark is none of the text; the item is a box, ticked where it says so."""
        if self.drawn:
            self.drawn += tag not in _VOID
            return True
        classes = set((found.get("class") or "").split())
        if self.kind != "item" or self.pre or tag in _VOID or not any(_DRAWN_CLASS.match(c) for c in classes):
            return False
        self.drawn = 1
        self.box = self.box if self.box.strip() == "[x]" else "[x] " if classes & _TICKED_CLASS else "[ ] "
        return True

    def _to_do(self, found: dict[str, str | None]) -> None:
        """OneNote's to-do tags ('<p data-tag="to-do">', '<li data-tag="to-do:completed">'): a box, completed ticked."""
        tags = (found.get("data-tag") or "").split(",")
        if any(t.strip().startswith("to-do") for t in tags):
            self.box = "[x] " if any(t.strip() == "to-do:completed" for t in tags) else "[ ] "

    def _in_cell(self, tag: str, found: dict[str, str | None]) -> None:
        classes = (found.get("class") or "").split()
        if tag == "li" and ("checked" in classes or found.get("data-task-state") == "checked"):
            self.text.append("[x] ")
        elif tag == "li" and ({"inline-task", "task-list-item", "checklist-item"} & set(classes) or found.get("data-inline-task-id")):
            self.text.append("[ ] ")
        elif "".join(self.text).strip(" |"):
            self.text.append(" ")

    def _macro_start(self, tag: str, found: dict[str, str | None]) -> bool:
        """A Confluence macro's parts (storage format): its parameters are settings, not text; a code macro's body
        (its CDATA) code; an expand, panel or note macro's title a bold label over its body; a time its date. Whether
        the tag was one of them."""
        if self.pre and not (self.macros and tag == "ac:plain-text-body"):
            return False
        if tag == "ac:structured-macro":
            self.macros.append(((found.get("ac:name") or "").lower(), {}))
        elif tag == "ac:parameter" and self.macros:
            self.param = found.get("ac:name") or ""
        elif tag == "ac:plain-text-body" and self.macros:
            self.flush()
            self.pre = True
        elif tag == "time" and found.get("datetime"):  # its date; its words ('10 Dec 2026', an exported page's) say it again
            date = " ".join((found.get("datetime") or "").split())
            if self.kind == "item" and self.box and not self.cell and not self.due and _DUE_DATE.fullmatch(date):
                self.due, self.due_at = date[:10], len(self.text)  # a task's date, Confluence's due date
            self.text.append(_as_text(date))
            self.timed += 1
            self.skip += 1
        elif tag == "ac:rich-text-body" and self.macros and self.macros[-1][1].get("title", "").strip():
            self.flush()  # an expand, panel or note macro's title: a bold label over its body
            self.text.append(f"**{_as_text(' '.join(self.macros[-1][1]['title'].split()))}**")
            self.flush()
        else:
            return False
        return True

    def _mention_start(self, tag: str, found: dict[str, str | None]) -> bool:
        """A user's mention: Confluence's storage format ('<ac:link><ri:user ri:account-id="…"/></ac:link>', a link
        body its shown name) or its exported page ('<a class="confluence-userlink user-mention">Ana Ruiz</a>', a span
        so classed): its text the name shown, else the user name the export holds, else a placeholder saying a
        mention was there ('@(mention)'); a task's first its assignee. Whether the tag opened one."""
        if self.mentions and tag == self.mentions[-1][0]:
            self.mentions[-1][3] += 1  # an element of its kind inside it
            return False
        classes = set((found.get("class") or "").split())
        if tag == "ri:user" and self.macro and not self.pre:
            self.mentions.append(["ac:link", len(self.text), found.get("ri:username") or "", 0])
        elif tag in ("a", "span") and not self.pre and ({"user-mention", "confluence-userlink"} & classes or found.get("data-mention-id")
                                                          or found.get("data-linked-resource-type") == "userinfo"):
            self.mentions.append([tag, len(self.text), found.get("data-username") or "", 0])
        elif tag == "ri:user" and not self.pre:
            self.text.append(_as_text(f"@{found.get('ri:username') or '(mention)'}"))
        else:
            return False
        return True

    def _mention_end(self, tag: str) -> bool:
        """A mention's end: its name in its place (see ``_mention_start``). Whether the tag closed one."""
        if not self.mentions or tag != self.mentions[-1][0]:
            return False
        if self.mentions[-1][3]:
            self.mentions[-1][3] -= 1
            return False
        _, at, user, _ = self.mentions.pop()
        shown = " ".join("".join(self.text[at:]).split())
        name = shown or (_as_text(f"@{user}") if user else "")
        self.text[at:] = [name or "@(mention)"]
        if name and not self.owner and self.kind == "item" and self.box and not self.cell and "(" not in name and ")" not in name:
            self.owner = name.removeprefix("@")
            if _blank(self.text[:at]):  # the task opens with it ('@Ana Ruiz Review the plan'): its owner, no words of it
                self.text[at:] = []
        return True

    def _macro_end(self, tag: str) -> bool:
        """The end of a Confluence macro's part: a code body fenced (in its language), a status lozenge its title in
        bold ('**CRITICAL**'), a Jira macro its issue key. Whether the tag was one of them."""
        if tag == "ac:parameter" and self.param is not None:
            self.param = None
        elif tag == "ac:plain-text-body" and self.pre and self.macros:
            language = self.macros[-1][1].get("language", "").strip()
            self.text = [f"```{language if re.fullmatch(r'[A-Za-z0-9_+-]{1,30}', language) else ''}\n", *self.text, "\n```"]
            self.flush()
            self.pre = False
        elif tag == "ac:structured-macro" and self.macros and not self.pre:
            name, params = self.macros.pop()
            said = {"status": params.get("title", ""), "jira": params.get("key", "")}.get(name, "").strip()
            if said:
                self.text.append(f" **{_as_text(said)}** " if name == "status" else f" {_as_text(said)} ")
        else:
            return False
        return True

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):  # a code macro's body: its text as written
            self.handle_data(data[len("CDATA[") :])

    def handle_endtag(self, tag: str) -> None:
        self.macro -= 1 if tag == "ac:link" and self.macro else 0
        if self._mention_end(tag) or self._macro_end(tag):
            return
        if tag == "time" and self.timed:
            self.timed -= 1
            self.skip = max(self.skip - 1, 0)
            return
        if self.drawn:
            self.drawn -= 1
            return
        if self.pre and tag != "pre":
            self.text.append(f"</{tag}>")
        elif self.cell and tag in ("ul", "ol", "ac:task-list", "li", "ac:task", "p", "div", "span", "ac:task-body"):
            pass  # in a table cell: its text goes on
        elif self.cell and tag == "ac:task-status":
            status = "".join(self.text[self.status_at :]).lower()
            self.text[self.status_at :] = ["[x] " if "complete" in status and "incomplete" not in status else "[ ] "]
        elif tag in _HTML_SKIP:
            self.skip = max(self.skip - 1, 0)
        elif tag in ("ul", "ol", "ac:task-list"):
            self.flush()
            self.lists = self.lists[:-1]
            self.list_boxes = self.list_boxes[:-1]
        elif tag == "ac:task-status":
            self.box = "[x] " if "complete" in "".join(self.text).lower() and "incomplete" not in "".join(self.text).lower() else "[ ] "
            self.text = []
        elif tag == "pre":
            self.text = ["```\n", *self.text, "\n```"]
            self.flush()
            self.pre = False
        elif tag == "tr":
            self.text.append(" |")
            self.flush("row")
        elif tag == "a" and self.href:
            self._link_end(*self.href.pop())
        elif tag in _HTML_INLINE:
            self.code -= tag == "code" and self.code > 0
            self._close_inline(_HTML_INLINE[tag])
        elif tag in ("td", "th"):
            self.cell = False
            self.text.append(" ")
        elif re.fullmatch(r"h[1-6]", tag) or tag in ("li", "ac:task") or (tag in _HTML_BLOCKS and not self._box_waits()):
            self.flush()
            if tag in ("li", "ac:task") and self.told:
                self.told.pop()

    def _box_waits(self) -> bool:
        """Whether an item's box waits for its text: a paragraph or division in the item ('<li><input
        type="checkbox"><div><p>Back up</p></div></li>', as TipTap writes one) is its text, not a block of its own."""
        return self.kind == "item" and bool(self.box) and _blank(self.text)

    def handle_data(self, data: str) -> None:
        if self.param is not None and self.macros:  # a macro's setting ('language', 'colour', 'title', 'key')
            self.macros[-1][1][self.param] = self.macros[-1][1].get(self.param, "") + data
            return
        if not self.skip and not self.drawn and not (self.macro and not data.strip()):
            if _blank(self.text) and not self.box:
                self.start = self.getpos()[0]
                drawn = _DRAWN_BOX.match(data) if self.kind == "item" and not self.pre else None
                if drawn:  # '<li>☐ Backups verified</li>', as a word processor saves a checklist: a box
                    self.box, data = ("[x] " if drawn.group(1) in "☑☒" else "[ ] "), data[drawn.end() :]
            if self.cell and _ends(self.text, "| "):
                data = _DRAWN_CELL.sub(lambda m: "[x]" if m.group(1) in "☑☒" else "[ ]", data, count=1)  # '<td>☐</td>': a box cell
            self.text.append(data if self.pre else _as_text(data.replace("\n", " ")) if not self.code else data.replace("\n", " "))


def _blank(parts: list[str]) -> bool:
    """Whether the text gathered in ``parts`` is blank, read from its first part on (the parser hands '<' 16,000 times
    over as 16,000 parts: joining them all at each one took 4 s, quadratic)."""
    return not any(part.strip() for part in parts)


def _ends(parts: list[str], suffix: str) -> bool:
    """Whether the text gathered in ``parts`` ends with ``suffix``, read from its last parts only.

    >>> _ends(["a |", " "], "| "), _ends(["| ", ""], "| "), _ends(["x"], "| ")
    (True, True, False)
    """
    tail = ""
    for part in reversed(parts):
        tail = part + tail
        if len(tail) >= len(suffix):
            break
    return tail.endswith(suffix)


def _as_text(data: str) -> str:
    """An HTML page's text (its character references read) as Markdown's text: '<', '>' and '&' as references again,
    which the walk reads as those characters. '&lt;samlProviders enabled="true"&gt;', text on a Confluence page, was
    written '<samlProviders enabled="true">', a tag the walk left out.

    >>> _as_text('<provider title="QL"> & more')
    '&lt;provider title="QL"&gt; &amp; more'
    """
    return data.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_DATE_WORDS = {"by", "on", "before", "until", "till", "after", "from", "at", "since", "due", "of", "the"}


def _said_date(parts: list[str], at: int) -> bool:
    """Whether a task's date (``parts[at]``) is a word of its sentence: words follow it ('Ship on 2026-12-10 at noon'),
    or one that needs it stands before it ('Tell support by 2026-12-08'). Else it closes the task, its due date only
    ('Tag the release 10 Dec 2026', as Confluence shows one).

    >>> _said_date(["Tell support by ", "2026-12-08"], 1), _said_date(["Tag the release ", "2026-12-10", " "], 1)
    (True, False)
    """
    if "".join(parts[at + 1 :]).strip(" \t\n.,;:"):
        return True
    before = "".join(parts[:at]).split()
    return bool(before) and before[-1].lower().strip(",;:") in _DATE_WORDS


_DUE_DATE = re.compile(r"\d{4}-\d\d-\d\d(?:[T ][0-9:.]+(?:Z|[+-]\d\d:?\d\d)?)?")  # '2026-12-10', '2026-12-10T09:00:00Z'
_DRAWN_BOX = re.compile(r"^\s*([☐☑☒])\ufe0f?[ \t\xa0]+(?=\S)")
_DRAWN_CELL = re.compile(r"^\s*([☐☑☒])\ufe0f?(?=\s|$)")
HTML_TASK = re.compile(r"<input\b[^>]*\btype\s*=\s*[\"']?checkbox|<ac:task\b|data-inline-task-id|<(?:li|td)\b[^>]*>\s*(?:<(?:p|span)\b[^>]*>\s*)*[☐☑☒]", re.I)


def html_blocks(lines: list[str], spans: list[tuple[int, int]] | list[Any]) -> list[str]:
    """A Markdown file's HTML blocks that hold checkbox inputs (``spans``: their first and end lines) written as
    Markdown in place; a blank line after each, which ends an HTML block as it ends a list. An input outside a list
    ('<div><input type="checkbox" id="1"><label for="1">Alt text</label></div>', a page's form) a task item too.

    >>> html_blocks(['<div><input type="checkbox" id="1">', '<label for="1">Alt text</label></div>'], [(0, 2)])
    ['- [ ] Alt text', '']
    """
    out = list(lines)
    for start, end in sorted(spans, reverse=True):
        block = with_bare_boxes(html(lines[start:end]))
        out[start:end] = block if not block or not block[-1].strip() else [*block, ""]
    return out


def _table(rows: list[tuple[int, str, str]]) -> list[tuple[int, str, str]]:
    """A run of table rows: the first is the header, a separator after it; a row's checkbox a box cell. A first row of
    one cell over a wider table (a title, '<th colspan="7">') is its caption, a bold line before it; a header
    narrower than the rows under it gets empty cells: Markdown drops the cells of a row past its header's."""
    width = max(r[2].count("|") - 1 for r in rows)
    cells = rows[0][2].count("|") - 1
    if cells == 1 and width > 1 and len(rows) > 1:
        return [(rows[0][0], "block", f"**{rows[0][2].strip(' |')}**"), *_table(rows[1:])]
    if re.search(r"\|\s*\[[ xX]\]", rows[0][2]):  # a first row with a box is a row to tick, no head: an empty one
        return [(rows[0][0], "row", "|" + "   |" * max(width, 1)), (rows[0][0], "row", "|" + " --- |" * max(width, 1)), *rows]
    head = (rows[0][0], "row", rows[0][2] + " |" * (width - cells))
    return [head, (rows[0][0], "row", "|" + " --- |" * max(width, 1)), *rows[1:]]


# An Evernote export's elements that hold no note's text (dates, attributes, attached files' data): left out.
_ENEX_OUT = re.compile(r"<(created|updated|note-attributes|resource|tag|recognition)\b[^>]*>.*?</\1\s*>|<\?xml[^>]*\?>|<!DOCTYPE[^>]*>", re.S | re.I)
_ENEX_TODO = re.compile(r"<en-todo\b([^>]*?)/?>(?:\s*</en-todo>)?", re.I)
_ENEX_TICKED = re.compile(r"checked\s*=\s*[\"']?true", re.I)
_ENEX_CHECKED = re.compile(r"<li\b[^>]*--en-checked:\s*(true|false)[^>]*>", re.I)


def enex(lines: list[str]) -> list[str]:
    """An Evernote export (.enex): each note's title a heading (the title when it is the only note), its content the
    HTML it is, read as HTML is; its to-dos ('<en-todo checked="true"/>', and Evernote 10's '<li
    style="--en-checked:true;">' in a '--en-todo' list) checkbox inputs, checked ones ticked.

    >>> enex(['<en-export><note><title>Trip</title><content><![CDATA[<en-note><div><en-todo checked="true"/>Pack</div>',
    ...       '<ul style="--en-todo:true;"><li style="--en-checked:false;"><div>Book</div></li></ul></en-note>]]></content>',
    ...       '<created>20230121T093733Z</created></note></en-export>'])
    ['# Trip', '- [x] Pack', '- [ ] Book']
    """
    text = "\n".join(lines)
    text = _ENEX_OUT.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    heading = "h1" if text.count("<note>") <= 1 else "h2"
    text = re.sub(r"<title>(.*?)</title>", rf"<{heading}>\1</{heading}>", text, flags=re.S)
    text = text.replace("<![CDATA[", "").replace("]]>", "")
    text = _ENEX_TODO.sub(lambda m: '<input type="checkbox"' + (" checked>" if _ENEX_TICKED.search(m.group(1)) else ">"), text)
    text = _ENEX_CHECKED.sub(lambda m: '<li><input type="checkbox"' + (" checked>" if m.group(1).lower() == "true" else ">"), text)
    text = re.sub(r"(<li\b[^>]*>(?:<input[^>]*>)?)\s*<div\b[^>]*>((?:(?!<div\b).)*?)</div>", r"\1\2", text, flags=re.S | re.I)  # a div, an item's text
    text = re.sub(r"<div\b[^>]*>(\s*<input[^>]*>(?:(?!<div\b).)*?)</div>", r"<ul><li>\1</li></ul>", text, flags=re.S | re.I)  # a to-do line
    return html(text.split("\n"))


# A list class whose style draws a box as its items' bullet (Google Docs' HTML export of a checklist:
# '.lst-kix_ab12-0>li:before{content:"\\0025a1   "}', a ballot box, '\\002611' one ticked).
_DRAWN_BULLET = re.compile(r"\.([\w-]+)\s*>\s*li:before\s*\{[^{}]*?content:\s*\"\\0*(25a1|2610|2611|2612|2705|2713|2714|274f|25a2|2b1c)\b", re.I)


def _drawn_list_classes(text: str) -> dict[str, str]:
    r"""The list classes of a page's style sheets whose bullet is a box, and the box each is ('[ ] ', or '[x] ' for a
    ticked one).

    >>> _drawn_list_classes('<style>.lst-kix_a-0>li:before{content:"\\0025a1   "}.lst-kix_b-0>li:before{content:"\\002611  "}</style>')
    {'lst-kix_a-0': '[ ] ', 'lst-kix_b-0': '[x] '}
    """
    ticked = {"2611", "2612", "2705", "2713", "2714"}
    return {m.group(1): "[x] " if m.group(2).lower() in ticked else "[ ] " for m in _DRAWN_BULLET.finditer(text)}


def html(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """HTML as Markdown, each block at the line it starts on in the source (or the next free line, a blank line
    between blocks of different kinds): a page printed one element a line keeps its lines. ``changed`` gets the lines
    of the tasks whose date was read as their due date."""
    parser = _Html()
    parser.drawn_lists = _drawn_list_classes("\n".join(lines))
    parser.feed(_NOTION_BOX.sub(lambda m: '<input type="checkbox"' + (" checked>" if m.group(1) == "n" else ">"), "\n".join(lines)))
    parser.close()
    parser.flush()
    if changed is not None:
        changed += parser.dated
    blocks: list[tuple[int, str, str]] = []
    for kind, run in groupby(parser.blocks, key=lambda b: b[1]):
        found = list(run)
        blocks += _table(found) if kind == "row" else found
    out: list[str] = []
    last = ""
    for line, kind, text in blocks:
        joined = (kind == last and kind in ("item", "row")) or (last == "block" and kind == "item") or (last == "block" and text.startswith("#"))
        gap = 0 if joined or not out or (out[-1].startswith("#") and kind != "row") else 1  # a paragraph after a list would continue its item
        if not (joined and kind == "row"):  # a table's rows stay together: a blank line would end it
            out += [""] * (max(line - 1, len(out) + gap) - len(out))
        out.extend(text.split("\n"))
        last = kind
    return out + [""] * (len(lines) - len(out))


# ---- MediaWiki

_WIKI_HEADING = re.compile(r"^(={1,6})\s*((?=.*[^=\s]).+?)\s*\1\s*$")  # a line of '=' alone is none: an underline
_WIKI_LIST = re.compile(r"^([*#]+)\s*(.*)$")
_WIKI_DONE = r"done|tick|y|yes|check mark|checked|checkbox\|(?:checked|yes|1)"
_WIKI_OPEN = r"not done|cross|n|no|x mark|unchecked|checkbox|to ?do|pending"
_WIKI_BOX = re.compile(rf"^\s*(?:\{{\{{\s*(?:({_WIKI_DONE})|({_WIKI_OPEN}))\s*\}}\}}|(\[[ xX]\]|[☐☑☒]))\s*", re.I)
_WIKI_CODE = re.compile(r"^\s*<(pre|syntaxhighlight|source)\b", re.I)


def _wiki_inline(text: str) -> str:
    text = re.sub(r"\[\[(?:[^\[\]|]*\|)?([^\[\]]*)\]\]", r"\1", text)  # [[Page|words]]: the words (no '[' inside: linear)
    text = re.sub(r"\[((?:https?|mailto):[^\s\]]+)\s+([^\]]+)\]", r"[\2](\1)", text)
    text = re.sub(r"\[((?:https?|mailto):[^\s\]]+)\]", r"<\1>", text)
    text = re.sub(r"'{3}(.+?)'{3}", r"**\1**", text)
    return re.sub(r"'{2}(.+?)'{2}", r"*\1*", text)


def _wiki_item(item: re.Match[str]) -> str:
    box = _WIKI_BOX.match(item.group(2))
    ticked = box is not None and (box.group(1) is not None or (box.group(3) or "").strip("[]") in ("x", "X", "☑", "☒"))
    mark = "" if box is None else "[x] " if ticked else "[ ] "
    rest = item.group(2)[box.end() :] if box else item.group(2)
    indent = "   " * (len(item.group(1)) - 1)
    return f"{indent}{'1.' if item.group(1)[-1] == '#' else '-'} {mark}{_wiki_inline(rest)}"


def _wiki_cell(text: str) -> str:
    """A table cell's text as a Markdown cell: its attributes ('style="…" | text') left out, a box template a box."""
    text = re.split(r"(?<!\|)\|(?!\|)", text, maxsplit=1)[-1] if re.search(r"^[^|\[{=]*=[^|]*(?<!\|)\|(?!\|)", text) else text
    box = _WIKI_BOX.match(text)
    if box:
        ticked = box.group(1) is not None or (box.group(3) or "").strip("[]") in ("x", "X", "☑", "☒")
        text = ("[x] " if ticked else "[ ] ") + text[box.end() :]
    return _wiki_inline(text).strip().replace("|", "\\|")


def _wiki_tables(lines: list[str], out: list[str]) -> None:
    """Tables ('{|' … '|}') as Markdown tables line for line (a box in a cell a box): the delimiter row on the header's
    line (or on the '|-' before the first row), the header on the line before, each row on its first line, a row's
    other lines and the '|-' between rows empty rows; a caption ('|+') a bold line before the table."""
    start = None
    for n, line in enumerate(lines):
        if line.startswith("{|"):
            start = n
        elif line.startswith("|}") and start is not None:
            _wiki_table(lines, out, start, n)
            start = None


def _wiki_table(lines: list[str], out: list[str], start: int, end: int) -> None:
    rows: list[tuple[list[int], list[str], bool]] = [([], [], False)]  # (lines, cells, a header's) of each row
    for n in range(start + 1, end):
        line = lines[n]
        if line.startswith(("|-", "|+")):
            rows.append(([n], [], False))  # a free line, then the next row
            rows.append(([], [], False))
        elif line[:1] in ("|", "!"):
            rows[-1][0].append(n)
            rows[-1][1].extend(_wiki_cell(c) for c in re.split(r"\|\||!!", line[1:]))
            rows[-1] = (rows[-1][0], rows[-1][1], rows[-1][2] or line[0] == "!")
        else:
            rows[-1][0].append(n)  # more of the last cell, or a blank line: no row of its own
    content = [r for r in rows if r[1]]
    if not content:
        return
    width = max(len(r[1]) for r in content)
    header = content[0] if content[0][2] else None
    body = content[1:] if header else content
    first = body[0][0][0] if body else end
    free = header[0][0] if header else next((r[0][0] for r in rows if not r[1] and r[0] and r[0][0] < first), None)
    if free is None:
        return  # no line for the delimiter row: the lines stay as they were
    for n in range(start, end):  # before the header nothing, after it empty rows, which hold no item
        out[n] = "" if n < free - 1 else "|" + " |" * width
    caption = next((x[2:].strip() for x in lines[start:free] if x.startswith("|+")), "")
    if caption and start < free - 1:
        out[start] = f"**{_wiki_inline(caption)}**"
    names = header[1] if header else []
    out[free - 1] = "| " + " | ".join(names + [""] * (width - len(names))) + " |"
    out[free] = "|" + " --- |" * width
    for row_lines, cells, _ in body:
        out[row_lines[0]] = "| " + " | ".join(cells + [""] * (width - len(cells))) + " |"
    out[end] = ""


# ---- TaskPaper

_TP_PROJECT = re.compile(r"^(\t*)([^\s\-#*>|].*?):((?:[ \t]+@[\w-]+(?:\([^)]*\))?)*)[ \t]*$")
_TP_TASK = re.compile(r"^(\t*)- (.*)$")
_TP_DONE = re.compile(r"(?<![ \t])[ \t]*@done(?:\([^)]*\))?")  # blanks tried from their run's start only: linear


def taskpaper(lines: list[str]) -> list[str]:
    r"""TaskPaper: 'Project:' lines headings (nested by their tabs), '- task' lines task items nested under the task
    above, '@done' (with its date) ticked and left out of the text, other tags kept, other lines notes: one indented
    under a task its details, one at its project's level the project's (it was more of the task above's text).

    >>> taskpaper(["Launch:", "\t- Back up @done(2024-01-01)", "\t\t- Tell the team @flag", "\tA note.", "\tGo live:", "\t\t- DNS",
    ...            "\t\t\tIts note."])
    ['## Launch', '- [x] Back up', '  - [ ] Tell the team @flag', '', 'A note.', '### Go live', '- [ ] DNS', '', '  Its note.']
    """
    out: list[str] = []
    depth = 0  # the tabs of the project the lines are in
    task_tabs = -1  # the tabs of the task above, where its notes may follow; -1 after a project or a project's note
    for line in lines:
        project, task = _TP_PROJECT.match(line), _TP_TASK.match(line)
        tabs = len(line) - len(line.lstrip("\t"))
        if task:
            level = max(len(task.group(1)) - depth, 0)
            box = "[x]" if _TP_DONE.search(task.group(2)) else "[ ]"
            out.append("  " * min(level, 5) + f"- {box} {_TP_DONE.sub('', task.group(2)).strip()}")
            task_tabs = len(task.group(1))
        elif project:
            depth, task_tabs = len(project.group(1)) + 1, -1
            out.append("#" * min(depth + 1, 6) + " " + project.group(2).strip())
        elif line.strip() and task_tabs >= 0 and tabs > task_tabs:  # a note under a task: its details, under its text
            margin = "  " * (min(max(task_tabs - depth, 0), 5) + 1)
            out += ["", margin + line.strip()] if out and out[-1].lstrip().startswith("- [") else [margin + line.strip()]
        elif line.strip():  # a project's note: a paragraph of its own (after a list, a blank line ends it)
            out += ["", line.strip()] if out and out[-1].lstrip().startswith("- [") else [line.strip()]
            task_tabs = -1
        else:
            out.append("")
    return out


# ---- Zim

_ZIM_HEADING = re.compile(r"^(={2,6})[ \t]*((?=.*[^=\s]).*?)[ \t]*\1[ \t]*$")  # a line of '=' alone is none: an underline
_ZIM_ITEM = re.compile(r"^(\t*)(?:\[([ *x><])\]|(\*)|(\d+|[a-zA-Z])\.)[ \t]+(?=\S)")
_ZIM_STATE = {" ": "[ ] ", "*": "[x] ", "x": "[-] ", ">": "[>] ", "<": "[ ] "}  # Zim's [x] is 'not done': n/a
_ZIM_LINK = re.compile(r"\[\[([^\]|\[]*)(?:\|([^\]]*))?\]\]")  # a page's name holds no '[': each '[[' read on to the end was a square
_ZIM_CODE = "'" * 3  # a line of three quotes opens and closes a code block


def _zim_inline(text: str) -> str:
    text = _ZIM_LINK.sub(lambda m: f"[{m.group(2) or m.group(1)}]({m.group(1)})" if "://" in m.group(1) else m.group(2) or m.group(1), text)
    text = re.sub(r"(?<!:)//(?=\S)(.+?)(?<=\S)//", r"*\1*", text)  # //italic//, not an address's //
    return re.sub(r"''(.+?)''", r"`\1`", text)  # ''verbatim''


def zim(lines: list[str]) -> list[str]:
    """Zim's wiki pages: its header lines left out, '====== Title ======' headings (six '=' the highest), boxes
    '[ ]', '[*]' done, '[x]' not done (n/a), '[>]' moved on (open), '*' bullets and numbered items nested by tabs,
    code blocks between lines of three quotes, //italics//, verbatim in two quotes and [[links|text]]."""
    out: list[str] = []
    code = False
    for number, line in enumerate(lines):
        heading, item = _ZIM_HEADING.match(line), _ZIM_ITEM.match(line)
        if line.strip() == _ZIM_CODE:
            code = not code
            out.append("```")
        elif code:
            out.append(line)
        elif number < 4 and re.match(r"^(Content-Type|Wiki-Format|Creation-Date):", line):
            out.append("")
        elif heading:
            out.append("#" * (7 - len(heading.group(1))) + " " + _zim_inline(heading.group(2)))
        elif item:
            marker = f"{item.group(4)}." if item.group(4) and item.group(4).isdigit() else "-"
            box = _ZIM_STATE[item.group(2)] if item.group(2) else ""
            out.append("  " * len(item.group(1)) + f"{marker} {box}" + _zim_inline(line[item.end() :]))
        else:
            out.append(_zim_inline(line))
    return out


# DokuWiki's pages (Zim's syntax is DokuWiki's): lists indented two spaces a level ('  * item', '  - numbered'), the
# todo plugin's '<todo>' tags (done with '#'), '<code>' and '<file>' blocks, a two-space indented line preformatted.
_DOKU_ITEM = re.compile(r"^((?:  |\t)+)([*-])[ \t]+(?:<todo\b([^>]*)>(.*?)</todo>|(?=\S))")
_DOKU_BLOCK = re.compile(r"^\s*<(/?)(code|file|nowiki|html|php)\b[^>]*>\s*(?:</\2>)?\s*$", re.I)
_DOKU_MACRO = re.compile(r"~~[A-Z_]+(?::[^~]*)?~~|\{\{[^{}]*\}\}")


def dokuwiki(lines: list[str]) -> list[str]:
    """DokuWiki: '====== Title ======' headings (six '=' the highest), lists nested by their indentation of two
    spaces, '<todo>' items (the todo plugin's) boxes, done with '#', **bold** as Markdown's, //italics//, ''monospace''
    and [[links|text]] as Zim's, '<code>' blocks and two-space indented lines code, '~~NOTOC~~' and {{media}} left out.

    >>> dokuwiki(["====== Go-live ======", "**Before**", "  * <todo #>Back up</todo>", "    - check it //twice//", "  * [[x:y|Tell]]"])
    ['# Go-live', '**Before**', '- [x] Back up', '  1. check it *twice*', '- Tell']
    >>> dokuwiki(["Release check-list", "==================", "", "  - Tag it"])
    ['# Release check-list', '', '', '1. Tag it']
    """
    out: list[str] = []
    code = False
    for line in lines:
        heading, item, block = _ZIM_HEADING.match(line), _DOKU_ITEM.match(line), _DOKU_BLOCK.match(line)
        if block:
            code = not block.group(1) and not re.search(r"</\w+>\s*$", line)
            out.append("```")
        elif code:
            out.append(line)
        elif heading:
            out.append("#" * (7 - len(heading.group(1))) + " " + _DOKU_MACRO.sub("", _zim_inline(heading.group(2))).strip())
        elif re.fullmatch(r"={3,}[ \t]*", line) and out and out[-1].strip() and not out[-1].startswith(("#", " ", "-", "1.")):
            out[-1] = f"# {out[-1].strip()}"  # 'olap4j release check-list' underlined, as a text file titles itself
            out.append("")
        elif item:
            depth = len(item.group(1).replace("\t", "  ")) // 2 - 1
            box = ("[x] " if "#" in item.group(3) else "[ ] ") if item.group(3) is not None else ""
            text = item.group(4) if item.group(3) is not None else line[item.end() :]
            out.append("  " * depth + f"{'1.' if item.group(2) == '-' else '-'} {box}" + _DOKU_MACRO.sub("", _zim_inline(text)).strip())
        elif re.match(r"^(?:  |\t)\S", line):
            out.append("    " + line.strip())  # preformatted
        else:
            out.append(_DOKU_MACRO.sub("", _zim_inline(line)).replace("\\\\ ", " ").rstrip("\\").rstrip())
    return out


def mediawiki(lines: list[str]) -> list[str]:
    """MediaWiki: '== Heading ==' headings, '*'/'#' lists nested by the markers' length, a box or a {{Done}} /
    {{Not done}} template first in an item or a table cell its box, bold, [[links]], <pre> code; categories and magic
    words left out, and so are Google Code's wiki pragmas ('#labels', '#summary' its prose) and '<wiki:comment>' blocks.

    >>> mediawiki(["#summary Steps of a release", "#labels Phase-Support", "", "== Checklist ==", "  * Build it", "<wiki:comment>", "x", "</wiki:comment>"])
    ['Steps of a release', '', '', '## Checklist', '  * Build it', '', '', '']
    """
    out = _wiki_lines(lines)
    _wiki_tables(lines, out)
    return out


# Google Code's wiki (MediaWiki's look-alike): '#summary …', '#labels …' pragmas opening a page, '<wiki:comment>' blocks.
_GC_PRAGMA = re.compile(r"^#(summary|labels|sidebar)\b[ \t]*(.*)$")
_GC_COMMENT = re.compile(r"^\s*</?wiki:(comment|toc)\b[^>]*>\s*$", re.I)


def _wiki_lines(lines: list[str]) -> list[str]:
    out: list[str] = []
    pre, comment = False, False
    for number, line in enumerate(lines):
        heading, item = _WIKI_HEADING.match(line), _WIKI_LIST.match(line)
        pragma = _GC_PRAGMA.match(line) if all(_GC_PRAGMA.match(x) or not x.strip() for x in lines[:number]) else None
        if pragma or comment or _GC_COMMENT.match(line):  # a page's summary is its prose; labels and comments are left out
            out.append(_wiki_inline(pragma.group(2)) if pragma and pragma.group(1) == "summary" else "")
            comment = (comment or line.strip().lower().startswith("<wiki:comment")) and "</wiki:comment>" not in line.lower()
        elif _WIKI_CODE.match(line) or (pre and re.search(r"</(pre|syntaxhighlight|source)>", line, re.I)):
            pre = not pre
            out.append("```")
        elif pre:
            out.append(line)
        elif heading:
            out.append("#" * len(heading.group(1)) + " " + _wiki_inline(heading.group(2)))
        elif item:
            out.append(_wiki_item(item))
        elif re.match(r"^\s*(__[A-Z]+__|\[\[(Category|File|Image):[^\]]*\]\])\s*$", line, re.I):
            out.append("")
        else:
            out.append(_wiki_inline(line))
    return out


# ---- Jira and Confluence wiki markup, Textile (Redmine)

_JIRA_HEADING = re.compile(r"^\s*h([1-6])\.\s+(.*)$")
_JIRA_LIST = re.compile(r"^\s*([*#-]+)\s+(.*)$")
_JIRA_BOX = re.compile(r"^(?:\((/|x|\+|-)\)|\[([ xX])\]|([☐☑☒]))\s+")  # (/) done, (x) not done; a box as written
_JIRA_BLOCK = re.compile(r"^\s*\{(code|noformat|panel|quote|info|note|tip|warning|expand|color)(?::[^}]*)?\}\s*$", re.I)
_JIRA_LINK = re.compile(r"\[([^\[\]|]+)\|((?:https?|mailto):[^\]\s]+)\]")
_TEXTILE_LINK = re.compile(r"\"([^\"]+)\":((?:https?|mailto):[^\s\]]*[^\s\].,;:!?)])")


def _jira_inline(text: str) -> str:
    text = re.sub(r"\{\{([^{}]+?)\}\}", r"`\1`", text)  # {{monospace}} (no brace inside: a line of '{' in linear time)
    text = re.sub(r"(?<![\w@])@([^@\s](?:[^@]*[^@\s])?)@(?![\w@])", r"`\1`", text)  # Textile's @code@
    text = re.sub(r"\[~([\w.@-]+)\]", r"@\1", text)  # [~jsmith]: a mention
    text = _JIRA_LINK.sub(r"[\1](\2)", text)
    text = re.sub(r"\[((?:https?|mailto):[^\]\s|]+)\]", r"<\1>", text)
    text = _TEXTILE_LINK.sub(r"[\1](\2)", text)
    return _ORG_BOLD.sub(r"**\1**", text)  # *bold*, as org writes it


def _jira_item(item: re.Match[str]) -> str:
    box = _JIRA_BOX.match(item.group(2))
    if box is None:
        mark = ""
    elif box.group(1):  # an icon: (/) and (+) done, (x) and (-) not
        mark = "[x] " if box.group(1) in "/+" else "[ ] "
    else:
        mark = "[x] " if (box.group(2) or box.group(3)) in ("x", "X", "☑", "☒") else "[ ] "
    rest = item.group(2)[box.end() :] if box else item.group(2)
    indent = "   " * (len(item.group(1)) - 1)
    return f"{indent}{'1.' if item.group(1)[-1] == '#' else '-'} {mark}{_jira_inline(rest)}"


# A Textile block's signature: 'bc. ', 'p(note). ', 'bq.. ' (two dots: the block goes on over blank lines), 'fn1. '.
_TEXTILE_BLOCK = re.compile(r"^(p|bq|bc|pre|notextile|fn\d+|###|h[1-6])((?:\([^)]*\)|\{[^}]*\}|\[[^\]]*\]|[<>=~])*)(\.\.?)(?:[ \t]+(.*))?$")


def _textile_blocks(lines: list[str]) -> dict[int, str]:
    """The lines of Textile's code blocks ('bc. make', 'pre.. ', over blank lines up to the next signature with two
    dots) as fenced code, the fences on the blank lines around them (indented code where there is none before), and
    a comment's ('###. ') lines blank: line number -> its Markdown.

    >>> _textile_blocks(["", "bc. make release", "make publish", "", "p. After"])
    {0: '```', 1: 'make release', 2: 'make publish', 3: '```'}
    >>> _textile_blocks(["bc.. one", "", "* two", "", "p. three", "###. hidden"])
    {0: '    one', 1: '', 2: '    * two', 3: '', 5: ''}
    """
    out: dict[int, str] = {}
    n = 0
    while n < len(lines):
        found = _TEXTILE_BLOCK.match(lines[n])
        if found is None or found.group(1) not in ("bc", "pre", "###"):
            n += 1
            continue
        end = n + 1
        if found.group(3) == "..":
            while end < len(lines) and not _TEXTILE_BLOCK.match(lines[end]):
                end += 1
        else:
            while end < len(lines) and lines[end].strip():
                end += 1
        body = [found.group(4) or "", *lines[n + 1 : end]]
        blanks = [k for k in range(n + 1, end) if not lines[k].strip()] if found.group(3) == ".." else [end]
        close = len(lines) if end >= len(lines) else blanks[-1] if blanks and not lines[blanks[-1]].strip() else -1  # blank after it
        if found.group(1) == "###":
            out.update((k, "") for k in range(n, end))
        elif n > 0 and not lines[n - 1].strip() and n - 1 not in out and close >= 0:
            out.update({n - 1: "```", **dict(enumerate(body, n))})
            if close < len(lines):
                out[close] = "```"
        else:
            out.update((k, "    " + line if line.strip() else "") for k, line in enumerate(body, n))
        n = end
    return out


def jira(lines: list[str]) -> list[str]:
    """Jira and Confluence wiki markup and Textile (Redmine): 'h2.' headings, '*'/'#' lists nested by the markers'
    length ('*#' a numbered list under a bullet), an item's '(/)' a done box and '(x)' an open one ('[ ]', '[x]' as
    written), {{monospace}}, *bold*, [text|url] links, {code} and {noformat} blocks code, other macros' lines left out;
    Textile's 'bc.' and 'pre.' blocks code, 'p.' and 'bq.' a paragraph and a quote, 'fn1.' a footnote."""
    out: list[str] = []
    code = ""
    textile = _textile_blocks(lines)
    for number, line in enumerate(lines):
        if number in textile and not code:
            out.append(textile[number])
            continue
        line = _textile_signature(line)
        block = _JIRA_BLOCK.match(line)
        heading, item = _JIRA_HEADING.match(line), _JIRA_LIST.match(line)
        if code:
            closed = block is not None and block.group(1).lower() == code
            code = "" if closed else code
            out.append("```" if closed else line)
        elif block:
            code = block.group(1).lower() if block.group(1).lower() in ("code", "noformat") else ""
            out.append("```" if code else "")
        elif heading:
            out.append("#" * int(heading.group(1)) + " " + _jira_inline(heading.group(2)))
        elif item and not re.match(r"^-{4,}\s*$", line):
            out.append(_jira_item(item))
        elif re.match(r"^\s*-{4,}\s*$", line):
            out.append("---")
        else:
            out.append(_jira_inline(line))
    _jira_tables(lines, out)
    return out


def _textile_signature(line: str) -> str:
    """A line opening a Textile paragraph, quote or footnote without its signature: 'p(note). Text' is 'Text', 'bq.
    Quote' '> Quote', 'fn1. Source' the footnote '[^1]: Source'."""
    found = _TEXTILE_BLOCK.match(line)
    if found is None or found.group(1) not in ("p", "bq", "notextile") and not found.group(1).startswith("fn"):
        return line
    rest = found.group(4) or ""
    if found.group(1) == "bq":
        return "> " + rest
    return f"[^{found.group(1)[2:]}]: {rest}" if found.group(1).startswith("fn") else rest


def _jira_cell(text: str) -> str:
    text = text.strip()
    box = _JIRA_BOX.match(text + " ")
    if box and box.group(1):
        text = ("[x] " if box.group(1) in "/+" else "[ ] ") + text[box.end() - 1 :].strip()
    return _jira_inline(text).strip()


def _room_above(out: list[str], n: int) -> bool:
    """Whether the line above line ``n`` is blank, or can be made so: the block right above (a heading, a paragraph:
    'h2. Checks' then the table) moved up a line into the blank line before it. No block holding code moves.

    >>> out = ["", "## Checks", "Tick each row:", "||Task||"]
    >>> _room_above(out, 3), out
    (True, ['## Checks', 'Tick each row:', '', '||Task||'])
    >>> _room_above(["## Checks", "||Task||"], 1), _room_above(["```", "x", "||T||"], 2)
    (False, False)
    """
    if n == 0 or not out[n - 1].strip():
        return n > 0
    top = n - 1
    while top > 0 and out[top - 1].strip():
        top -= 1
    if top == 0 or any(_FENCE.match(line) for line in out[top:n]):
        return False
    out[top - 1 : n - 1], out[n - 1] = out[top:n], ""
    return True


def _jira_tables(lines: list[str], out: list[str]) -> None:
    """A table ('||Task||Done||' then '|Backups|(/)|' rows) after a blank line, or right under a block that moves up a
    line to make one (:func:`_room_above`), as a Markdown table line for line: the header on the blank line, the
    delimiter row on the header's; a cell's (/) a done box, (x) an open one."""
    n = 0
    while n < len(lines):
        if not lines[n].startswith("||") or not _room_above(out, n):
            n += 1
            continue
        end = n + 1
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        head = [_jira_cell(c) for c in lines[n].strip().strip("|").split("||")]
        rows = [[_jira_cell(c) for c in lines[k].strip().strip("|").split("|")] for k in range(n + 1, end)]
        width = max([len(head), *(len(r) for r in rows)])
        out[n - 1] = "| " + " | ".join(head + [""] * (width - len(head))) + " |"
        out[n] = "|" + " --- |" * width
        for k, row in enumerate(rows, n + 1):
            out[k] = "| " + " | ".join(c.replace("|", "\\|") for c in row + [""] * (width - len(row))) + " |"
        n = end


# ---- GitHub issue forms (.github/ISSUE_TEMPLATE/*.yml)


def _get(node: object, key: str) -> object:
    return next((v for k, v in node.entries if k.value == key), None) if isinstance(node, Mapping) else None


def _text(node: object) -> str:
    return node.value if isinstance(node, Scalar) else ""


def _form_element(element: object) -> list[str]:
    """One element of an issue form's body as Markdown: its label a heading, its text as written, a checkboxes
    element's options boxes (a required one marked so), a dropdown's a line of its choices."""
    attributes = _get(element, "attributes")
    kind, label = _text(_get(element, "type")), " ".join(_text(_get(attributes, "label")).split())
    out = [f"## {label}"] if label else []
    for key in ("description", "value"):
        if _text(_get(attributes, key)).strip():
            out += ["", *_text(_get(attributes, key)).strip().split("\n")]
    options = _get(attributes, "options")
    if kind == "checkboxes" and isinstance(options, Sequence):
        required = [" (Required)" if _text(_get(o, "required")) == "true" else "" for o in options.items]
        out += ["", *(f"- [ ] {' '.join(_text(_get(o, 'label')).split())}{mark}" for o, mark in zip(options.items, required, strict=True))]
    elif isinstance(options, Sequence):  # a dropdown's choices: a field to fill in, no steps (they were read as boxes)
        out += ["", "Options: " + "; ".join(" ".join(_text(o).split()) for o in options.items)]
    return out


def issue_form(lines: list[str]) -> list[str]:
    """A GitHub issue form: its name the title; each element of its body a heading, its text as written, the options
    of a checkboxes element boxes; each element at the line it starts on where it can."""
    tree, _ = load_text("\n".join(lines), "form")
    body = _get(tree, "body")
    if not isinstance(body, Sequence):
        return lines
    name = _get(tree, "name")
    out = [f"# {' '.join(_text(name).split())}"] if _text(name) else []
    for element in body.items:
        line = element.loc.line if isinstance(element, Mapping) else 0
        out += [""] * max(line - 1 - len(out), 1)
        out += _form_element(element)
    return out + [""] * (len(lines) - len(out))


# ---- checklists kept as data by other tools (YAML or JSON: a Trello board's export, a to-do app's file)

_TEXT_KEYS = ("name", "title", "text", "task", "item", "description", "label", "content", "summary")
_DONE_KEYS = (
    *("done", "checked", "completed", "complete", "is_done", "isdone", "iscompleted", "is_completed", "ischecked", "is_checked"),
    *("state", "status", "finished"),
)
_DONE_VALUES = ("true", "yes", "1", "done", "complete", "completed", "checked", "closed", "finished", "x")


def _field(node: object, keys: tuple[str, ...]) -> Scalar | None:
    if not isinstance(node, Mapping):
        return None
    return next((v for k, v in node.entries if k.value.lower() in keys and isinstance(v, Scalar) and v.value.strip()), None)


def _is_task(node: object) -> bool:
    """A mapping with a text and a state ('{name: Backups, state: complete}', '{title: DNS, done: false}')."""
    return isinstance(node, Mapping) and _field(node, _TEXT_KEYS) is not None and any(k.value.lower() in _DONE_KEYS for k, _ in node.entries)


# An entry's fields that are a tracker's bookkeeping, not the check's: left out of its details.
_BOOKKEEPING = re.compile(
    r"^(?:id|uuid|guid|key|ref|pos|position|order|index|rank|type|kind|created.*|updated.*|modified.*|last.?(?:updated|modified)|version|schema.*)$", re.I
)
# A field naming another record by its id ('idChecklist', 'idMember', 'list_id', 'parentId'): the export's links.
_ID_REF = re.compile(r"^id(?:[A-Z_].*)?$|.(?:_id|Id|ID|_ids|Ids|IDs)$")
# A yes-or-no field that makes a check one that must not be skipped ('required: true', 'blocking: true').
_MUST_KEYS = ("required", "blocking", "blocker", "mandatory", "critical", "launch_blocker", "is_blocker", "must")


def _data_title(tree: object) -> Scalar | None:
    """A title of data that names no title: what it reviews and the review ('service: payments-api' and 'review:
    Production readiness review', a readiness review's file), at the line of the first."""
    subject = _field(tree, ("service", "project", "product", "system", "application", "app", "component", "release"))
    review = _field(tree, ("review", "checklist", "assessment", "audit"))
    if subject is None or review is None:
        return subject or review
    first = subject if subject.loc.line <= review.loc.line else review
    return Scalar(f"{' '.join(review.value.split())}: {' '.join(subject.value.split())}", first.kind, first.loc)


def _role_field(node: object, role: str) -> Scalar | None:
    """A mapping's field whose key names ``role`` (csvrows.role_of: 'category' a section, 'severity' a priority)."""
    if not isinstance(node, Mapping):
        return None
    return next((v for k, v in node.entries if role_of(k.value) == role and isinstance(v, Scalar) and v.value.strip() and v.value != "null"), None)


def _data_task(x: Mapping, depth: int) -> list[tuple[int, str]]:
    """One task of data as a task item and its details, read with the words a CSV file's columns are read with
    (csvrows.role_of, box_of): its state ('status: pass' ticked, 'waived' n/a, 'fail' open), its priority or severity
    a level after its text where it names one ('Blocker', 'P0', 'High'; else a line of its details), 'required: true'
    critical, its owner an 'Owner:' line (recorded with assign), a list of words under it (a gate's criteria) and its
    other fields (evidence, notes, a due date) lines of its details; ids, positions and dates of its record left out.
    A list of mappings under it is read as its sub-items (_data_lines)."""
    name = _field(x, _TEXT_KEYS)
    state = _field(x, _DONE_KEYS)
    box = box_of(state.value) if state is not None else "[ ]"
    box = "[x]" if state is not None and state.value.strip().lower() in _DONE_VALUES else box
    level = _role_field(x, "priority")
    marks = f" ({' '.join(level.value.split())})" if level is not None and level.value.strip().lower() in DEFAULT_MARKERS else ""
    must = any(k.value.lower() in _MUST_KEYS and isinstance(v, Scalar) and v.value.lower() in ("true", "yes") for k, v in x.entries)
    marks += " (Required)" if must and not marks.endswith(("(Blocker)", "(Critical)", "(P0)")) else ""
    text = " ".join(name.value.split()) if name is not None else "(no name)"
    indent = "  " * depth
    lines = [(x.loc.line, f"{indent}- {box} {text}{marks}")]
    used = {id(v) for v in (name, state) if v is not None} | ({id(level)} if marks and level is not None else set())
    for k, v in x.entries:
        key = k.value
        if id(v) in used or _BOOKKEEPING.match(key) or _ID_REF.match(key) or key.lower() in _MUST_KEYS or role_of(key) == "section":
            continue
        head = key.replace("_", " ").strip()
        head = head[:1].upper() + head[1:]
        if isinstance(v, Scalar) and v.value.strip() and v.value != "null":
            said = " ".join(v.value.split())
            lines.append((v.loc.line, f"{indent}  - {'Owner' if role_of(key) == 'owner' else head}: {said}"))
        elif isinstance(v, Sequence) and v.items and all(isinstance(e, Scalar) for e in v.items):
            words = [" ".join(e.value.split()) for e in v.items if isinstance(e, Scalar) and e.value.strip()]
            if role_of(key) == "owner":
                lines.append((v.loc.line, f"{indent}  - Owner: {', '.join(words)}"))
                continue
            lines.append((v.loc.line, f"{indent}  - {head}:"))
            lines += [(e.loc.line, f"{indent}    - {w}") for e, w in zip([e for e in v.items if isinstance(e, Scalar) and e.value.strip()], words, strict=True)]
    return lines


def _data_lines(node: object, depth: int, out: list[tuple[int, str]]) -> None:
    """(line, Markdown) of a data tree: a sequence holding tasks a task list (sub-lists of a task its sub-items), a
    mapping's name over a list of tasks a heading; the rest of the data not a checklist's, left out."""
    if isinstance(node, Sequence):
        tasks = any(_is_task(x) for x in node.items)
        sections = [_role_field(x, "section") for x in node.items]
        grouped = tasks and depth == 0 and all(sections)  # every task names its category, phase or area: headings
        said = ""
        for x, section in zip(node.items, sections, strict=True):
            if tasks and isinstance(x, Mapping) and _field(x, _TEXT_KEYS) is not None:
                if grouped and section is not None and " ".join(section.value.split()) != said:
                    said = " ".join(section.value.split())
                    out.append((section.loc.line, f"### {said}"))
                out += _data_task(x, depth)
                for _, value in x.entries:
                    if isinstance(value, Sequence) and any(isinstance(e, Mapping) for e in value.items):
                        _data_lines(value, depth + 1, out)
            else:
                _data_lines(x, depth, out)
    elif isinstance(node, Mapping):
        name = _field(node, _TEXT_KEYS)
        holds = any(isinstance(v, Sequence) and any(_is_task(x) for x in v.items) for _, v in node.entries)
        if name is not None and holds and depth == 0:
            out.append((name.loc.line, f"## {' '.join(name.value.split())}"))
        for _, value in node.entries:
            _data_lines(value, depth, out)


# Keys whose list is a list of steps or checks, where its entries have no state ('checklist:', Ansible's 'tasks:',
# deon's 'sections:' of 'lines:'); strings listed under an entry's step key ('instructions: [...]') its sub-items.
_LIST_KEYS = (
    *("checklist", "checklists", "items", "tasks", "steps", "todo", "todos", "checks", "lines", "sections", "subtasks", "actions", "tests"),
    *("requirements", "controls"),  # a standard's (ASVS' JSON: 'Requirements' of chapters, their 'Items' of sections and requirements)
)
_STEP_KEYS = ("instructions", "steps", "items", "checks", "subtasks", "todo", "todos", "checklist", "tasks")


def _entry_text(node: object, key: str) -> Scalar | None:
    """An entry's text: its name, title, text… ('{name: Build App}'), else the field (of ``key``, the one of the most
    words over its list) a plain text ('{line_id: A.1, line: Have we …?}')."""
    return _field(node, _TEXT_KEYS) or (_field(node, (key,)) if key else None)


def _wordiest(items: tuple[object, ...]) -> str:
    """The key whose text values have the most words over a list of mappings ('line' beside 'line_id', 'line_summary')."""
    words: dict[str, int] = {}
    for x in items:
        for k, v in x.entries if isinstance(x, Mapping) else ():
            if isinstance(v, Scalar) and v.kind == "str":
                words[k.value.lower()] = words.get(k.value.lower(), 0) + len(v.value.split())
    return max(words, key=lambda k: words[k]) if words else ""


def _listed_lines(node: object, key: str, depth: int, out: list[tuple[int, str]]) -> None:
    """(line, Markdown) of a checklist kept as data without states (a template of checks: a release tool's
    'checklist:' of steps, Ansible's 'tasks:', deon's sections of lines): a list under a list key (or the file's own
    list) of mappings with a text is a list of open items, an entry holding such a list a heading over it, and so is
    the key of a mapping that holds one and names nothing itself (OWASP WSTG's '"categories": {"Information
    Gathering": {"id": "WSTG-INFO", "tests": [...]}}': the key its name).

    >>> from ..format.load import load_text
    >>> found: list[tuple[int, str]] = []
    >>> _listed_lines(load_text('{"categories": {"Recon": {"id": "R", "tests": [{"name": "Fingerprint"}]}}}', "x")[0], "", 0, found)
    >>> [text for _, text in found]
    ['## Recon', '- [ ] Fingerprint']
    """
    if isinstance(node, Mapping):
        for k, value in node.entries:
            named = isinstance(value, Mapping) and _field(value, _TEXT_KEYS) is None and any(
                isinstance(v, Sequence) and key.value.lower() in _LIST_KEYS and any(_entry_text(e, _wordiest(v.items)) is not None for e in v.items)
                for key, v in value.entries
            )
            if named:  # '"Information Gathering": {"tests": [...]}': the key names the list under it
                out.append((k.loc.line, f"{'#' * min(depth + 2, 6)} {' '.join(k.value.split())}{_entry_id(value)}"))
            _listed_lines(value, k.value.lower(), depth + named, out)
        return
    if not isinstance(node, Sequence) or key not in (*_LIST_KEYS, ""):
        return
    wordiest = _wordiest(node.items)
    inners = [[(k.value.lower(), v) for k, v in x.entries if isinstance(v, Sequence) and k.value.lower() in _LIST_KEYS] if isinstance(x, Mapping) else []
              for x in node.items]
    holds = [any(isinstance(e, Mapping) and _entry_text(e, _wordiest(v.items)) is not None for _, v in inner for e in v.items) for inner in inners]
    where: dict[str, str] = {}
    for x, inner, holding in zip(node.items, inners, holds, strict=True):
        text = _entry_text(x, wordiest)
        if not isinstance(x, Mapping) or text is None:
            continue
        if holding:
            out.append((text.loc.line, f"{'#' * min(depth + 2, 6)} {' '.join(text.value.split())}{_entry_id(x)}"))
            for name, v in inner:
                _listed_lines(v, name, depth + 1, out)
        elif not (inner and any(holds)):  # an empty list of its own beside headings ('"Items": []'): a heading of nothing
            out += _entry_place(x, where, depth)
            _listed_item(x, text, out)


def _entry_place(x: Mapping, where: dict[str, str], depth: int) -> list[tuple[int, str]]:
    """Headings where the section or the group an entry names changes ('chapter_name', 'section_name': a standard's
    flat export, ASVS'), with their ids ('chapter_id' V1)."""
    keys = [k.value for k, _ in x.entries]
    values = [v for _, v in x.entries]
    out: list[tuple[int, str]] = []
    for role, level in (("section", 2), ("group", 3)):
        at, ident = placed(keys)[role], placed(keys)[f"{role} id"]
        value = values[at] if at is not None else None
        if not isinstance(value, Scalar) or not value.value.strip() or " ".join(value.value.split()) == where.get(role):
            continue
        where[role] = " ".join(value.value.split())
        where.pop("group", None) if role == "section" else None
        code = reference_id(values[ident].value) if ident is not None and isinstance(values[ident], Scalar) else ""  # type: ignore[union-attr]
        out.append((value.loc.line, f"{'#' * min(depth + level, 6)} {where[role]}{f' {{#{code}}}' if code else ''}"))
    return out


def _listed_item(x: Mapping, text: Scalar, out: list[tuple[int, str]]) -> None:
    """An entry of a list of checks as an open item: its id where it is a reference code, its steps its sub-items, its
    fields that tell about it lines of its details."""
    out.append((text.loc.line, f"- [ ] {' '.join(text.value.split())}{_entry_id(x)}"))
    for k, value in x.entries:
            if isinstance(value, Sequence) and k.value.lower() in _STEP_KEYS:
                out += [(s.loc.line, f"  - [ ] {' '.join(s.value.split())}") for s in value.items if isinstance(s, Scalar) and s.value.strip()]
            elif k.value.lower() in _ABOUT_KEYS and value is not text:
                out += _entry_about(k.value, value)


# An entry's fields that tell about its check (a testing guide's 'objectives' and 'reference'): lines of its details.
_ABOUT_KEYS = (
    *("description", "details", "objective", "objectives", "reference", "references", "rationale", "remediation", "guidance"),
    *("notes", "note", "how", "why", "link", "links", "url", "see", "help", "explanation", "evidence", "expected"),
)


def _entry_id(x: object) -> str:
    """An entry's 'id' that is a reference code ('WSTG-INFO-02', a number in it) as the item's id after its text
    ('{#wstg-info-02}', as the Markdown export writes ids; its '_' and '.' dashes); none where it is no code (a
    workflow step's 'id: versions', a name for its program, not a reference a reader uses).

    >>> from ..format.load import load_text
    >>> _entry_id(load_text('{"name": "Fingerprint", "id": "WSTG-INFO-02"}', "x")[0]), _entry_id(load_text('{"id": "versions"}', "x")[0])
    (' {#wstg-info-02}', '')
    """
    ident = next((v for k, v in x.entries if names_id(k.value) and isinstance(v, Scalar)), None) if isinstance(x, Mapping) else None
    found = reference_id(ident.value) if ident is not None else ""  # 'id', 'req_id', ASVS' 'Shortcode': V1.1.1
    return f" {{#{found}}}" if found else ""


def _entry_about(key: str, value: object) -> list[tuple[int, str]]:
    """A field telling about an entry's check as lines of its details: 'Reference: https://…', a list of words
    ('objectives: [...]') a line of its name over a bullet each (blank ones left out)."""
    head = key.replace("_", " ").strip()
    head = head[:1].upper() + head[1:]
    if isinstance(value, Scalar) and value.value.strip() and value.value != "null":
        return [(value.loc.line, f"  - {head}: {' '.join(value.value.split())}")]
    if not isinstance(value, Sequence):
        return []
    said = [e for e in value.items if isinstance(e, Scalar) and e.value.strip()]
    if not said:
        return []
    return [(value.loc.line, f"  - {head}:"), *((e.loc.line, f"    - {' '.join(e.value.split())}") for e in said)]


def _pos(node: object) -> float:
    try:
        return float(_text(_get(node, "pos")) or 0)
    except ValueError:
        return 0.0


def _mappings(node: object, key: str) -> list[Mapping]:
    """The mappings listed under a key of a mapping ('cards', 'checkItems'); none where it lists none."""
    found = _get(node, key)
    return [x for x in found.items if isinstance(x, Mapping)] if isinstance(found, Sequence) else []


def _open(node: object) -> bool:
    """A Trello list or card not archived ('closed': true)."""
    return isinstance(node, Mapping) and _text(_get(node, "closed")) != "true"


def _one_line(node: object) -> str:
    return " ".join(_text(node).split()).replace("(", "\\(") if _text(node) != "null" else ""


def _trello_lines(tree: object) -> list[tuple[int, str]]:
    """(line, Markdown) of a Trello board's JSON export ('lists', 'cards', 'checklists', 'members'): each open list a
    heading in its order on the board, each open card in it a task item (ticked where its due date is marked complete,
    its members its owners, its due date and description its details), each of its checklists' items a sub-item
    (complete ticked, its member its owner; a card's second checklist and more a sub-item of their own over theirs).
    Archived lists and cards are left out; the actions (the board's history) too.

    >>> from ..format.load import load_text
    >>> board = '{"name": "Launch", "lists": [{"id": "l", "name": "To Do", "pos": 1}], "cards": [{"id": "c", "name": "DNS",'
    >>> board += ' "idList": "l", "idMembers": ["m"], "dueComplete": false, "desc": ""}], "checklists": [{"id": "k", "idCard": "c",'
    >>> board += ' "name": "Checklist", "checkItems": [{"name": "Switch", "state": "incomplete", "pos": 2}, {"name": "TTL",'
    >>> board += ' "state": "complete", "pos": 1}]}], "members": [{"id": "m", "fullName": "Ana Ruiz"}]}'
    >>> [text for _, text in _trello_lines(load_text(board, "x")[0])]
    ['## To Do', '- [ ] DNS', '  - Owner: Ana Ruiz', '  - [x] TTL', '  - [ ] Switch']
    """
    members = {_text(_get(m, "id")): _one_line(_get(m, "fullName")) or _one_line(_get(m, "username")) for m in _mappings(tree, "members")}
    checklists: dict[str, list[Mapping]] = {}
    for checklist in sorted(_mappings(tree, "checklists"), key=_pos):
        checklists.setdefault(_text(_get(checklist, "idCard")), []).append(checklist)
    out: list[tuple[int, str]] = []
    for column in sorted((x for x in _mappings(tree, "lists") if _open(x)), key=_pos):
        cards = sorted((c for c in _mappings(tree, "cards") if _open(c) and _text(_get(c, "idList")) == _text(_get(column, "id"))), key=_pos)
        out.append((column.loc.line, f"## {_one_line(_get(column, 'name')) or 'List'}"))
        for card in cards:
            out += _trello_card(card, members)
            lists = checklists.get(_text(_get(card, "id")), [])
            for checklist in lists:
                depth = "  "
                entries = sorted(_mappings(checklist, "checkItems"), key=_pos)
                if len(lists) > 1:
                    ticked = "x" if entries and all(_text(_get(x, "state")) == "complete" for x in entries) else " "
                    out.append((checklist.loc.line, f"  - [{ticked}] {_one_line(_get(checklist, 'name')) or 'Checklist'}"))
                    depth = "    "
                for entry in entries:
                    ticked = "x" if _text(_get(entry, "state")) == "complete" else " "
                    out.append((entry.loc.line, f"{depth}- [{ticked}] {_one_line(_get(entry, 'name')) or '(no name)'}"))
                    named = _members(entry, "idMember", members)
                    out += [(entry.loc.line, f"{depth}  - Owner: {named}")] if named else []
    return out


def _members(node: object, key: str, members: dict[str, str]) -> str:
    """The names of the board's members a card's 'idMembers' (or a check item's 'idMember') lists, joined."""
    value = _get(node, key)
    ids = [_text(v) for v in value.items] if isinstance(value, Sequence) else [_text(value)]
    return ", ".join(members[i] for i in ids if members.get(i))


def _trello_card(card: Mapping, members: dict[str, str]) -> list[tuple[int, str]]:
    """A Trello card as a task item: ticked where marked complete, a label of a level ('Critical') after its text, its
    members, other labels and due date lines of its details (its owners read as an Owner column's), its description
    a paragraph of them."""
    done = "x" if _text(_get(card, "dueComplete")) == "true" else " "
    labels = [_one_line(_get(label, "name")) for label in _mappings(card, "labels")]
    marks = "".join(f" ({x})" for x in labels if x.lower() in DEFAULT_MARKERS)  # 'Critical', 'High': its level, read so
    due, named = _text(_get(card, "due")), _members(card, "idMembers", members)
    others = [x for x in labels if x and x.lower() not in DEFAULT_MARKERS]
    said = [
        *([f"Owner: {named}"] if named else []),
        *([f"Labels: {', '.join(others)}"] if others else []),
        *([f"Due: {due[:10]}"] if due not in ("", "null") else []),
    ]
    desc = _text(_get(card, "desc")).strip()
    return [
        (card.loc.line, f"- [{done}] {_one_line(_get(card, 'name')) or '(no name)'}{marks}"),
        *((card.loc.line, f"  - {line}") for line in said),
        *((card.loc.line, f"  {line}" if line.strip() else "") for line in (["", *desc.split("\n"), ""] if desc else [])),
    ]


def _jira_issues(tree: object) -> list[Mapping]:
    """The issues of a Jira JSON export (the REST API's search result, '{"issues": [{"key", "fields"}]}', or a list of
    them): none where the data is no such export."""
    found = _get(tree, "issues") if isinstance(tree, Mapping) else tree
    issues = [x for x in found.items if isinstance(x, Mapping)] if isinstance(found, Sequence) else []
    fielded = [x for x in issues if isinstance(_get(x, "fields"), Mapping) and _get(x, "key") is not None]
    return fielded if fielded and len(fielded) == len(issues) else []


def _adf_text(node: object) -> str:
    """The words of a Jira description: a string, or Atlassian's document format (its 'text' nodes, a paragraph a line)."""
    if isinstance(node, Scalar):
        return "" if node.value == "null" else node.value
    if isinstance(node, Mapping):
        kind, inner = _text(_get(node, "type")), _get(node, "content")
        words = _text(_get(node, "text")) + "".join(_adf_text(x) for x in (inner.items if isinstance(inner, Sequence) else ()))
        return words + ("\n" if kind in ("paragraph", "heading", "listItem", "codeBlock") else "")
    return ""


def _jira_done(fields: object) -> str:
    """A Jira issue's box: its status's category 'done' (or a resolution) ticked, a status of no work n/a."""
    status = _get(fields, "status")
    category = _text(_get(_get(status, "statusCategory"), "key"))
    name = _text(_get(status, "name")) if isinstance(status, Mapping) else _text(status)
    box = box_of(name)
    return "[x]" if category == "done" and box != "[-]" else box


def _jira_checklist(value: object, depth: str) -> list[tuple[int, str]]:
    """A checklist custom field's items as sub-items: a list of entries with a name and 'checked' (Checklist for
    Jira's; 'mandatory' critical, a header entry a label), or a text of lines ('* [x] done', Smart Checklist's
    '- open', '+ done', 'x skipped', '## Header')."""
    out: list[tuple[int, str]] = []
    if isinstance(value, Sequence):
        for entry in value.items:
            name = _one_line(_get(entry, "name")) or _one_line(_get(entry, "text")) or _one_line(_get(entry, "summary"))
            if not name:
                continue
            if _text(_get(entry, "isHeader")) == "true":
                out.append((entry.loc.line, f"{depth}- **{name}**"))
                continue
            ticked = "x" if _text(_get(entry, "checked")) == "true" or _text(_get(entry, "status")).lower() in ("done", "checked") else " "
            must = " (Required)" if _text(_get(entry, "mandatory")) == "true" else ""
            out.append((entry.loc.line, f"{depth}- [{ticked}] {name}{must}"))
    elif isinstance(value, Scalar) and value.value != "null":
        for line in value.value.split("\n"):
            boxed = re.match(r"^\s*(?:[-*+]\s+)?\[([ xX-])\]\s+(.+)$", line)
            smart = re.match(r"^\s*([-*+x~])\s+(.+)$", line)  # Smart Checklist's: '-' open, '+' done, '~' under way, 'x' skipped
            header = re.match(r"^\s*#+\s+(.+)$", line)
            if header:
                out.append((value.loc.line, f"{depth}- **{header.group(1).strip()}**"))
            elif boxed or smart:
                mark = {"x": "[x]", "X": "[x]", "-": "[-]", " ": "[ ]"}[boxed.group(1)] if boxed else _SMART_BOX[smart.group(1)]  # type: ignore[union-attr]
                out.append((value.loc.line, f"{depth}- {mark} {(boxed or smart).group(2).strip()}"))  # type: ignore[union-attr]
    return out


def _jira_lines(issues: list[Mapping]) -> list[tuple[int, str]]:
    """(line, Markdown) of a Jira JSON export: each issue a task item (its summary; ticked where its status is of the
    done category; its priority its level where it names one, 'Blocker', 'Highest'; its assignee its owner; its key,
    type and description its details), its sub-tasks and the items of a checklist custom field (a field whose value
    is a list of entries with a name and 'checked', or a text of '[x]'/'+ ' lines) its sub-items. A sub-task listed
    under its parent is not read again where the export lists it on its own.

    >>> from ..format.load import load_text
    >>> export = '{"issues": [{"key": "OPS-1", "fields": {"summary": "Cut over DNS", "status": {"name": "In Progress",'
    >>> export += ' "statusCategory": {"key": "indeterminate"}}, "priority": {"name": "Blocker"}, "assignee": {"displayName":'
    >>> export += ' "Ana Ruiz"}, "subtasks": [{"key": "OPS-2", "fields": {"summary": "Lower the TTL", "status": {"name":'
    >>> export += ' "Done", "statusCategory": {"key": "done"}}}}], "customfield_10200": [{"name": "Notify support", "checked":'
    >>> export += ' false, "mandatory": true}]}}, {"key": "OPS-2", "fields": {"summary": "Lower the TTL",'
    >>> export += ' "status": {"name": "Done"}, "parent": {"key": "OPS-1"}}}]}'
    >>> [text for _, text in _jira_lines(_jira_issues(load_text(export, "x")[0]))]
    ['- [ ] Cut over DNS (Blocker)', '  - Owner: Ana Ruiz', '  - Key: OPS-1', '  - [x] Lower the TTL', '    - Key: OPS-2', '  - [ ] Notify support (Required)']
    """
    subtasks = [_get(_get(x, "fields"), "subtasks") for x in issues]
    listed = {_text(_get(t, "key")) for found in subtasks if isinstance(found, Sequence) for t in found.items}
    out: list[tuple[int, str]] = []
    full = {_text(_get(x, "key")): x for x in issues}
    for issue in issues:
        fields = _get(issue, "fields")
        key = _text(_get(issue, "key"))
        if key in listed and _text(_get(_get(fields, "parent"), "key")):
            continue
        out += _jira_issue(issue, fields, "", full)
    return out


def _jira_issue(issue: Mapping, fields: object, depth: str, full: dict[str, Mapping]) -> list[tuple[int, str]]:
    summary = _one_line(_get(fields, "summary")) or "(no summary)"
    priority = _one_line(_get(_get(fields, "priority"), "name"))
    marks = f" ({priority})" if priority.lower() in DEFAULT_MARKERS else ""
    owner = _one_line(_get(_get(fields, "assignee"), "displayName"))
    kind = _one_line(_get(_get(fields, "issuetype"), "name"))
    said = [
        *([f"Owner: {owner}"] if owner else []),
        f"Key: {_text(_get(issue, 'key'))}" + (f" ({kind})" if kind and kind.lower() not in ("task", "sub-task", "subtask") else ""),
        *([f"Priority: {priority}"] if priority and not marks else []),
    ]
    out = [(issue.loc.line, f"{depth}- {_jira_done(fields)} {summary}{marks}"), *((issue.loc.line, f"{depth}  - {x}") for x in said)]
    subtasks = _get(fields, "subtasks")
    for sub in subtasks.items if isinstance(subtasks, Sequence) else ():
        if isinstance(sub, Mapping):  # the sub-task as the export lists it on its own where it does (its fields whole)
            whole = full.get(_text(_get(sub, "key")), sub)
            out += _jira_issue(whole, _get(whole, "fields"), depth + "  ", {})
    for k, value in fields.entries if isinstance(fields, Mapping) else ():
        if k.value.startswith("customfield_"):
            out += _jira_checklist(value, depth + "  ")
    description = _adf_text(_get(fields, "description")).strip()
    if description:
        out += [(issue.loc.line, ""), *((issue.loc.line, f"{depth}  {line}" if line.strip() else "") for line in description.split("\n")), (issue.loc.line, "")]
    return out


def data(lines: list[str]) -> list[str]:
    """A checklist kept as data (YAML, or JSON, which YAML reads): its top name or title the title, each list of tasks
    (mappings with a text and a state: done, checked, completed, 'state: complete') a task list under its owner's
    name, each task at the line it stands on where it can; the rest of the data left out. Data with no state at all
    (a template of checks) gives its lists of steps as open items (``_listed_lines``)."""
    tree, _ = load_text("\n".join(lines), "data")
    found: list[tuple[int, str]] = []
    title = _field(tree, _TEXT_KEYS) or _data_title(tree)
    trello = any(_get(c, "idList") is not None for c in _mappings(tree, "cards")) and bool(_mappings(tree, "lists"))  # a Trello board's export
    issues = _jira_issues(tree)
    if issues:  # a Jira JSON export: its issues, nothing else of it
        found, trello = _jira_lines(issues), True
    elif trello:
        found = _trello_lines(tree)
        desc = _field(tree, ("desc",))
        found[:0] = [(desc.loc.line, line) for line in desc.value.strip().split("\n")] if desc is not None and found else []
    for value in [v for _, v in tree.entries] if isinstance(tree, Mapping) and not trello else [] if trello else [tree]:
        _data_lines(value, 0, found)
    if not found:
        _listed_lines(tree, "", 0, found)
        found = [(line, text) for line, text in found if not (title is not None and line == title.loc.line)]
    if not found:
        return lines
    out: list[str] = []
    for line, text in sorted([(title.loc.line, f"# {' '.join(title.value.split())}")] if title else [], key=lambda x: x[0]) + found:
        out += [""] * max(line - 1 - len(out), 1 if out and (text.startswith("#") or out[-1].startswith("#")) else 0)
        out.append(text)
    return out + [""] * (len(lines) - len(out))


_XML_ENCODING = re.compile(r"""\A(\s*<\?xml\b[^>]*?)\s+encoding\s*=\s*["'][^"']*["']""")


def xml(lines: list[str]) -> list[str]:
    """An XML file as the Markdown it means, parsed safely (:mod:`.xmlfiles`: no entity declared, nothing fetched): an
    OPML outline as one; XHTML and Confluence's storage format (its 'ac:' tasks) as HTML; a DocBook or DITA document
    its headings, paragraphs, lists and steps; a Jira XML export its issues; other XML the data it mirrors (a
    standard's export beside its JSON), read as that JSON. XML that declares an entity, or is not well formed, gives
    blank lines: no checklist (refused, saying so).

    >>> xml(['<?xml version="1.0" encoding="ISO-8859-1"?>', '<article><title>Go live</title>',
    ...      '<itemizedlist><listitem><para>Back up</para></listitem></itemizedlist></article>'])
    ['# Go live', '', '- Back up', '']
    """
    text = "\n".join(lines)
    if re.search(r"<(?:ac|ri):[a-z]", text):
        return html(lines)  # Confluence's storage format: its prefixes are never declared
    root = safe_root(_XML_ENCODING.sub(r"\1", text).encode("utf-8"), doctype=True)  # decoded already: its declaration said how
    if root is None:
        return [""] * len(lines)
    name = local(root.tag)
    if name == "opml":
        return opml(lines)
    if name in ("html", "xhtml"):
        return html(lines)
    if is_document(root):
        return document_lines(root)
    listed = data_lines(root)
    read = data(listed)
    return read if read is not listed else [""] * len(lines)


# ---- which one

Dialect = Callable[[list[str]], list[str]]
# ---- Jupyter notebooks (.ipynb)


def notebook(lines: list[str]) -> list[str]:
    r"""A Jupyter notebook: its Markdown cells, each on the lines its source stands on in the file (nbformat writes a
    line of the cell to a line of JSON), a blank line between cells; code cells and outputs left out. A file that
    is no notebook's JSON gives nothing.

    >>> notebook(['{"cells": [', ' {"cell_type": "markdown", "source": [', '  "# Data\\n",', '  "- [ ] Load"', ' ]},',
    ...           ' {"cell_type": "code", "source": ["x = 1"]}', ']}'])
    ['', '', '# Data', '- [ ] Load', '', '', '']
    >>> notebook(['{"cells": [{"cell_type": "markdown", "source": "# Data"}, {"cell_type": "markdown", "source": "- Load"}]}'])
    ['# Data', '', '- Load']
    """
    import json

    try:
        data = json.loads("\n".join(lines), parse_int=str)
    except (ValueError, RecursionError):  # not JSON, or '[' nested past Python's stack
        return ["" for _ in lines]
    cells = _get_cells(data)
    at = [n for n, line in enumerate(lines) if re.search(r'"source"\s*:', line)]
    out = ["" for _ in lines]
    free = 0
    placed = len(at) == len(cells)  # else (a notebook saved on one line, a source key in a cell's text): one after another
    for number, cell in enumerate(cells):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(s for s in source if isinstance(s, str)) if isinstance(source, list) else str(source)
        line = at[number] if placed else free
        start = max(line + (1 if placed and lines[line].rstrip().endswith("[") else 0), free)
        body = text.split("\n")
        out += [""] * max(0, start + len(body) - len(out))
        out[start : start + len(body)] = body
        free = start + len(body) + 1
    return shallow_sublists(out[: max(len(lines), free - 1)])  # as Jupyter's renderer nests a step's bullets


def _get_cells(data: object) -> list[object]:
    if not isinstance(data, dict):
        return []
    cells = data.get("cells")
    if cells is None and isinstance(data.get("worksheets"), list) and data["worksheets"]:  # nbformat 3
        cells = data["worksheets"][0].get("cells") if isinstance(data["worksheets"][0], dict) else None
    return cells if isinstance(cells, list) else []


_RD_HEADING = re.compile(r"^(={1,4}|\+{1,2})[ \t]+(\S.*?)[ \t]*$")
_RD_NUMBERED = re.compile(r"^([ \t]*)\((\d{1,9})\)[ \t]+(.*)$")
_RD_LIST = re.compile(r"^([ \t]*)(?:[*-]|\(\d{1,9}\)|:)[ \t]+\S")


def rd(lines: list[str]) -> list[str]:
    """RD, Ruby's document format ('= Title', '== Section', '+ Deeper', '* item', '(1) step', ': term', lines of
    '#' comments, '=begin' … '=end' in a Ruby file, verbatim lines indented), as the Markdown it means, line for line.
    A procedure written as headings over prose, with no list (its steps the headings of the deepest level, two at
    least, below the title): each of those headings an open box, what it holds its details.

    >>> rd(["# -*- rd -*-", "= Release", "== Steps", "=== Update NEWS", "Write it.", "  % rake", "=== Tag", "(1) x"])[1:]
    ['# Release', '## Steps', '### Update NEWS', 'Write it.', '      % rake', '### Tag', '1. x']
    >>> rd(["= Release", "", "=== Update NEWS", "", "Write it.", "", "=== Tag", "", "Push it."])[2::4]
    ['### [ ] Update NEWS', '### [ ] Tag']
    """
    out = list(lines)
    inside = not any(line.startswith("=begin") for line in lines)  # a Ruby file's document: between =begin and =end
    listed = False  # in a list item, whose indented lines go on it (else an indented line is verbatim: code)
    for number, line in enumerate(lines):
        if line.startswith(("=begin", "=end")):
            inside, out[number] = line.startswith("=begin"), ""
            continue
        heading = _RD_HEADING.match(line)
        if not inside or line.startswith("#"):
            out[number] = ""  # Ruby outside the document; an RD comment
        elif heading:
            marks = heading.group(1)
            out[number], listed = "#" * (len(marks) + (4 if marks[0] == "+" else 0)) + " " + heading.group(2), False
        elif _RD_NUMBERED.match(line):
            found = _RD_NUMBERED.match(line)
            out[number], listed = f"{found.group(1)}{found.group(2)}. {found.group(3)}", True  # type: ignore[union-attr]
        elif re.match(r"^[ \t]*:[ \t]+\S", line):
            out[number], listed = re.sub(r"^([ \t]*):[ \t]+(.*)$", r"\1- **\2**", line), True  # a term: a labelled item
        elif _RD_LIST.match(line):
            listed = True
        elif line.strip() and line[0] in " \t" and not listed:
            out[number] = "    " + line  # verbatim: code
        elif line.strip() and line[0] not in " \t":
            listed = False
    if any(_RD_LIST.match(line) for line in lines) or any(re.search(r"\[[ xX]\]", line) for line in out):
        return out
    levels = [len(m.group(1)) for line in out if (m := re.match(r"^(#{2,6})[ \t]+\S", line))]
    deepest = max(levels, default=0)
    if levels.count(deepest) < 2:
        return out
    return [re.sub(r"^(#+)[ \t]+", r"\1 [ ] ", line) if re.match(rf"^#{{{deepest}}}[ \t]+\S", line) else line for line in out]


# ---- POD, Perl's documentation format (.pod)

_POD_COMMAND = re.compile(r"^=([a-zA-Z]\w*)[ \t]*(.*)$")
_POD_ENTITIES = {"lt": "<", "gt": ">", "sol": "/", "verbar": "|", "amp": "&", "quot": '"', "apos": "'"}


def pod_inline(text: str) -> str:
    r"""POD's formatting codes as Markdown: B<bold>, I<italic> and F<file> emphasis, C<code> (C<< $a <=> $b >> too)
    code, L<text|url> a link (L<perlfunc> its words), E<gt> the character, S<>, X<> and Z<> their text or none.

    >>> pod_inline("Run C<< make test >> and B<check> L<the docs|https://x.test/d>, see L<perlpod/\"Formatting\">, 1 E<lt> 2")
    'Run `make test` and **check** [the docs](https://x.test/d), see "Formatting" in perlpod, 1 < 2'
    """
    held: list[str] = []

    def hold(value: str) -> str:  # a character or code span held aside (a private-use stand-in) while codes around it are read
        held.append(value)
        return chr(0xF0000 + len(held) - 1)

    def entity(name: str) -> str:
        if name.isdigit() or re.fullmatch(r"0x[0-9a-fA-F]+", name):
            number = int(name, 0)
            return chr(number) if 0 < number < 0x110000 and not 0xD800 <= number < 0xE000 else ""
        return _POD_ENTITIES.get(name, f"&{name};" if re.fullmatch(r"[A-Za-z]\w*", name) else name)

    def code(letter: str, body: str) -> str:
        if letter == "C":
            tick = "``" if "`" in body else "`"
            return hold(f"{tick}{body}{tick}" if body.strip() else body)
        if letter in "BI F":
            mark = "**" if letter == "B" else "*"
            return f"{mark}{body.strip()}{mark}" if body.strip() else body
        if letter == "L":
            words, _, target = body.partition("|") if "|" in body else ("", "", body)
            if re.match(r"^[a-z][a-z0-9+.-]*://\S+$", target.strip()):
                return f"[{words}]({target.strip()})" if words else f"<{target.strip()}>"
            name, _, section = target.partition("/")
            section = section.strip().strip('"')
            return words or (f'"{section}" in {name}' if name and section else section or name)
        return "" if letter in "XZ" else body  # S<non-breaking>: its text

    text = re.sub(r"E<([^<>\s]+)>", lambda m: hold(entity(m.group(1))), text)
    text = re.sub(r"([A-Z])<{2,}\s+(.*?)\s+>{2,}", lambda m: code(m.group(1), m.group(2)), text)
    for _ in range(8):  # innermost first, as deep as a reader writes them
        text, count = re.subn(r"([BICLFSXZ])<([^<>]*)>", lambda m: code(m.group(1), m.group(2)), text)
        if not count:
            break
    for _ in range(2):  # a code span holding another held character
        text = re.sub("[\U000f0000-\U000fffff]", lambda m: held[ord(m.group(0)) - 0xF0000] if ord(m.group(0)) - 0xF0000 < len(held) else "", text)
    return text


@dataclass
class _Pod:
    """Where a POD reading is: in POD or in Perl, in a block for another formatter, in lists (and the text's indent)."""

    inside: bool = False
    skipping: str = ""  # '=begin X' … '=end X': X; a '=for' paragraph: '='
    depth: int = 0  # lists open ('=over')
    margin: int = 0  # the indentation of the verbatim paragraph being read
    pending: str = ""  # an '=item' without its text: the next paragraph's first line is the item
    named: int = -1  # the line of the NAME heading just read: its paragraph is the title
    indent: str = ""  # where the text of the open list item stands

    def command(self, number: int, name: str, raw: str) -> str:
        """A command paragraph's line as Markdown ('' for one that shows nothing)."""
        rest = pod_inline(raw.strip())
        self.inside = name != "cut"
        if self.skipping:
            self.skipping = "" if name == "end" and raw.split()[:1] == [self.skipping] else self.skipping
        elif name in ("begin", "for"):
            self.skipping = (raw.split() or ["x"])[0] if name == "begin" else "="
        elif re.fullmatch(r"head[1-6]", name):
            self.named = number if name == "head1" and rest.strip().upper() == "NAME" else -1
            self.depth, self.indent, self.pending = 0, "", ""
            return "#" * int(name[4]) + " " + rest
        elif name == "over":
            self.depth += 1
        elif name == "back":
            self.depth, self.indent, self.pending = max(self.depth - 1, 0), "  " * max(self.depth - 2, 0), ""
        elif name == "item":
            return self.item(rest)
        return ""

    def item(self, rest: str) -> str:
        lead = "  " * max(self.depth - 1, 0)
        bullet = rest[:1] in ("*", "-", "+", "o") and (len(rest) == 1 or rest[1] == " ")
        numbered = re.match(r"^(\d+)\.?(?:\s+(.*))?$", rest)
        marker = f"{numbered.group(1)}. " if numbered else "- "
        words = (numbered.group(2) or "") if numbered else rest[1:].strip() if bullet else (f"**{rest}**" if rest else "")
        self.indent = lead + " " * len(marker)
        self.pending = "" if words else lead + marker
        return lead + marker + words if words else ""


def pod(lines: list[str]) -> list[str]:
    """POD, Perl's documentation format ('=head1 NAME', '=head2 …', '=over' … '=item *' … '=back', verbatim paragraphs
    indented, B<>, C<>, L<> codes), as the Markdown it means, line for line: headings, list items (a '=item' paragraph
    its text, the paragraphs after it under it), code; the text before the first command and after '=cut' (Perl), and
    '=begin' … '=end' and '=for' blocks (for other formatters) left out. The NAME section's line ('perlpodspec - Plain
    Old Documentation: format specification') is the title.

    >>> pod(["=head1 NAME", "", "rmg - Releasing perl", "", "=head2 Steps", "", "=over 4", "", "=item *", "", "Tag B<it>.",
    ...      "", "  git tag v1", "", "=back", "", "=cut", "print 1;"])
    ['# rmg - Releasing perl', '', '', '', '## Steps', '', '', '', '', '', '- Tag **it**.', '', '      git tag v1', '', '', '', '', '']
    """
    out = ["" for _ in lines]
    at = _Pod()
    starts = True  # the line starts a paragraph
    for number, line in enumerate(lines):
        command = _POD_COMMAND.match(line) if starts else None
        blank = not line.strip()
        if command is not None:
            out[number] = at.command(number, command.group(1), command.group(2))
        elif not at.inside or blank or at.skipping:
            at.skipping = "" if at.skipping == "=" and blank else at.skipping
        elif (starts or out[number - 1].startswith(at.indent + "    ")) and line[0] in " \t":  # verbatim: code under the item
            wide = line.expandtabs(8)
            at.margin = len(wide) - len(wide.lstrip()) if starts else at.margin
            out[number] = at.indent + "    " + wide[min(at.margin, len(wide) - len(wide.lstrip())) :]
        elif at.named >= 0:
            out[at.named], at.named = "# " + pod_inline(line.strip()), -1
        elif at.pending and starts:
            out[number], at.pending = at.pending + pod_inline(line.strip()), ""
        else:
            text = pod_inline(line.strip())
            out[number] = at.indent + ("\\" + text if re.match(r"^(?:#|[-*+] |\d+[.)] |>)", text) else text)
        starts = blank
    return out


SUFFIXES: dict[str, Dialect] = {
    ".rd": rd,
    ".pod": pod,
    ".org": org,
    ".adoc": asciidoc,
    ".asciidoc": asciidoc,
    ".asc": asciidoc,
    ".rst": rst,
    ".rest": rst,
    ".html": html,
    ".htm": html,
    ".xhtml": html,
    ".wiki": mediawiki,
    ".mediawiki": mediawiki,
    ".wikitext": mediawiki,
    ".jira": jira,
    ".textile": jira,
    ".confluence": jira,
    ".ipynb": notebook,
    ".enex": enex,
    ".opml": opml,
    ".xml": xml,
    ".dita": xml,
    ".dbk": xml,
    ".docbook": xml,
    ".xlsx": csv_rows,  # a spreadsheet's rows, as CSV (read_source)
    ".ods": csv_rows,
    ".ics": ics,
    ".taskpaper": taskpaper,
    ".csv": csv_rows,
    ".tsv": csv_rows,
    ".tex": latex,
    ".latex": latex,
    ".ltx": latex,
}
_FORM = re.compile(r"^body:\s*$", re.M)  # a .yml or .yaml file: a GitHub issue form when it has a body
_FORM_IN_MARKDOWN = re.compile(r"\A\s*(?:#[^\n]*\n\s*)*(?:name|description|title):[ \t]*\S")  # a form's first key, first
_FORM_ELEMENT = re.compile(r"^\s*- type:[ \t]*[\"']?(?:markdown|checkboxes|textarea|input|dropdown)\b", re.M)


def sniff(lines: list[str]) -> Dialect | None:
    """The dialect of a file without a telling suffix, by its first lines: '#+TITLE:', '= Title', an overlined title."""
    head = [line for line in lines[:40] if line.strip()][:8]
    if any("<en-export" in line for line in head):
        return enex  # an Evernote export
    if head and _TP_PROJECT.match(head[0]) and any(re.match(r"^\t+- \S", line) for line in lines):
        return taskpaper  # 'Project:' over tab-indented '- task' lines
    if any("<opml" in line for line in head):
        return opml  # an outline: WorkFlowy's, Dynalist's, OmniOutliner's export
    if head and re.match(r"^\s*<\?xml", head[0]) and not re.search(r"<(?:html|ac:|ri:)", "\n".join(lines[:40]), re.I):
        return xml  # XML: a document, an export, data
    if head and re.match(r"^\s*<(!doctype html|html|\?xml)", head[0], re.I):
        return html
    if any(re.match(r"^\\documentclass\b", line) for line in head):
        return latex
    if head and head[0].startswith("Content-Type: text/x-zim-wiki"):
        return zim  # a Zim page ('.txt'), its headings '====== Title ======'
    if any(re.match(r"^#\+(title|author|startup|options):", line, re.I) for line in head):
        return org
    if head and re.match(r"^=(pod|head[1-6]|encoding)\b", head[0]):
        return pod  # Perl's POD
    if any(line.startswith("======") and _ZIM_HEADING.match(line) for line in head) and any(re.match(r"^(?:  )+[*-] ", x) for x in lines):
        return dokuwiki  # '====== Title ======' over lists indented two spaces a level
    if any(line.startswith("==") and _WIKI_HEADING.match(line) for line in head):
        return mediawiki  # '== Heading ==': closed by as many '=' as open it
    if head and re.match(r"^= \S", head[0]) and not any(line.startswith("# ") for line in lines):
        return asciidoc
    if len(head) >= 3 and _RST_ADORNMENT.match(head[0]) and _RST_ADORNMENT.match(head[2]) and head[0].strip() == head[2].strip():
        return rst
    if any(re.match(r"^\.\. (code-block|note|warning|toctree|_[\w-]+):", line) for line in lines):
        return rst
    if any(_JIRA_HEADING.match(line) for line in head) or sum(1 for line in lines if _JIRA_HEADING.match(line)) >= 2:
        return jira  # 'h2. Heading': Jira, Confluence's wiki markup, Textile
    if todo_shaped(lines):
        return todo_txt  # '(A) Call Mom @phone due:2026-04-01' lines
    return None


# An editor's mode line ('# -*- rd -*-', '.. -*- mode: rst -*-', '<!-- -*- mode: org; coding: utf-8 -*- -->'): Emacs
# reads it on the first line, or the second after a '#!' line; its mode names the markup where the suffix does not.
_MODE_LINE = re.compile(r"-\*-[ \t]*(?:[^:;*]*;[ \t]*)*?(?:mode:[ \t]*)?([\w+-]+)[ \t]*(?:;[^*]*)?-\*-")
MODES: dict[str, Dialect] = {"org": org, "rst": rst, "adoc": asciidoc, "asciidoc": asciidoc, "mediawiki": mediawiki, "textile": jira}
MODES |= {"latex": latex, "tex": latex, "rd": rd, "pod": pod}


def mode_line(lines: list[str]) -> tuple[int, str] | None:
    """The line (from 0) of an editor's mode line and the mode it names, lowercased ('rd', 'org', 'markdown').

    >>> mode_line(["# -*- rd -*-", "= Release"]), mode_line(["#!/bin/sh", ".. -*- mode: rst; coding: utf-8 -*-"])
    ((0, 'rd'), (1, 'rst'))
    >>> mode_line(["# Title -*- not a mode line", "text"]) is None
    True
    """
    for number in (0, 1) if lines and lines[0].startswith("#!") else (0,):
        found = _MODE_LINE.search(lines[number]) if number < len(lines) else None
        if found is not None and len(lines[number]) - len(found.group(0)) <= 12:  # the line is the mode line, its comment's marks aside
            return number, found.group(1).lower()
    return None


def _dialect(lines: list[str], text: str, suffix: str, mode: tuple[int, str] | None) -> Dialect | None:
    """The dialect a file is written in, by its suffix, its mode line, its first lines or its content; None for Markdown."""
    markdown = suffix in (".md", ".markdown", ".mdx", ".mkd", ".mdown", ".mkdn")  # under an RD mode line too (a Ruby project's page)
    named = MODES.get(mode[1]) if mode is not None and suffix not in SUFFIXES and not (markdown and mode[1] == "rd") else None
    if suffix in (".yml", ".yaml") and _FORM.search(text):
        return issue_form
    if markdown and _FORM_IN_MARKDOWN.match(text) and _FORM.search(text) and _FORM_ELEMENT.search(text):
        return issue_form  # an issue form's YAML saved as a .md template (PULL_REQUEST_TEMPLATE.md): what it means
    if suffix == ".json" and re.search(r'"nbformat"\s*:', text) and re.search(r'"cells"\s*:', text):
        return notebook  # a notebook saved as .json
    if suffix in (".yml", ".yaml", ".json"):
        return data
    if suffix in CODE_COMMENTS and _COMMENT_TASK.search("\n".join(code_comments(lines, suffix))):
        return functools.update_wrapper(functools.partial(code_comments, suffix=suffix), code_comments)  # a checklist in its comments
    if suffix in CODE_COMMENTS and _LIST_LINE.search("\n".join(here_documents(lines))):
        return here_documents  # a program writing a checklist out of its here-documents
    if suffix in CODE_COMMENTS and literal_lists(lines):
        return literal_lists  # a program keeping a checklist as an array of objects
    return SUFFIXES.get(suffix) or named or (sniff(lines) if not markdown else None)


# ---- programs: a checklist in their comments

# A program's comments: the marks of a line's ('--', '#', '//') and of a block's start and end, by its file's suffix.
_C_LIKE = (("//",), (("/*", "*/"),))
CODE_COMMENTS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    ".lua": (("--",), (("--[[", "]]"), ("--[=[", "]=]"))),
    ".sql": (("--",), (("/*", "*/"),)),
    ".hs": (("--",), (("{-", "-}"),)),
    ".py": (("#",), (('"""', '"""'), ("'''", "'''"))),
    ".sh": (("#",), ()),
    ".bash": (("#",), ()),
    ".zsh": (("#",), ()),
    ".rb": (("#",), (("=begin", "=end"),)),
    ".ps1": (("#",), (("<#", "#>"),)),
    ".tf": (("#", "//"), (("/*", "*/"),)),
    ".r": (("#",), ()),
    ".js": _C_LIKE,
    ".mjs": _C_LIKE,
    ".ts": _C_LIKE,
    ".go": _C_LIKE,
    ".c": _C_LIKE,
    ".h": _C_LIKE,
    ".cpp": _C_LIKE,
    ".cs": _C_LIKE,
    ".java": _C_LIKE,
    ".kt": _C_LIKE,
    ".swift": _C_LIKE,
    ".rs": _C_LIKE,
    ".scss": _C_LIKE,
}
_COMMENT_TASK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\[[ xX]\](?:[ \t]|$)", re.M)


def code_comments(lines: list[str], suffix: str = ".lua") -> list[str]:
    """A program's comments, each line's text in its place ('-- - [ ] Bump the version' is '- [ ] Bump the version',
    its indentation past the mark kept); its code, blank lines. A file whose comments hold task items (a plugin's
    release checklist kept at the top of its Lua file) is read so; any other program as Markdown, as before.

    >>> code_comments(["--[[ Release", "]]", "local M = {}", "-- - [ ] Bump", "--   - [x] Tag", "return M -- done"])
    [' Release', '', '', '- [ ] Bump', '  - [x] Tag', '']
    """
    inline, blocks = CODE_COMMENTS.get(suffix, CODE_COMMENTS[".lua"])
    out, closing = [], ""
    for line in lines:
        stripped = line.strip()
        if closing:
            end = line.find(closing)
            out.append(line if end < 0 else line[:end])
            closing = "" if end >= 0 else closing
            continue
        opened = next(((o, c) for o, c in blocks if stripped.startswith(o)), None)
        if opened is not None:
            rest = stripped[len(opened[0]) :]
            end = rest.find(opened[1])
            out.append(rest if end < 0 else rest[:end])
            closing = "" if end >= 0 else opened[1]
            continue
        mark = next((m for m in inline if stripped.startswith(m)), None)
        text = stripped[len(mark) :] if mark is not None else None
        out.append("" if text is None else text[1:] if text.startswith(" ") else text)
    return out


_LIST_LINE = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+\S", re.M)
# Where a program's here-document starts, at its line's end (what closes it): PowerShell's '@"' ('"@' at the next
# line's start), a shell's, Perl's, Ruby's or PHP's '<<EOF', '<<-EOF', "<<~'EOF'" (the word alone on its line), a
# string of lines opened by three quotes or a backtick (the same again).
_HERE = re.compile(r"""@(?P<ps>["'])\s*$|<<[-~]?\s*(?P<q>["']?)(?P<word>[A-Za-z_]\w*)(?P=q)|(?P<lines>"{3}|'{3}|`)\s*$""")


def here_documents(lines: list[str]) -> list[str]:
    """What a program's here-documents hold, line for line (their margin taken off), the rest blank: a script that
    writes a release checklist out of a here-string ('$content = @"' over '# Release Readiness' and its list, closed
    by '"@') is read as the checklist it writes, its code and its closing marks left out.

    >>> here_documents(['$c = @"', "# Ready", "- [ ] Tag", '"@', "cat <<-EOF", "\t- [ ] Push", "\tEOF", "echo"])
    ['', '# Ready', '- [ ] Tag', '', '', '- [ ] Push', '', '']
    """
    out: list[str] = []
    closing: Callable[[str], bool] | None = None
    block: list[str] = []
    for line in lines:
        if closing is not None:
            if not closing(line):
                block.append(line)
                continue
            out += [*_dedented(block), ""]
            closing, block = None, []
            continue
        out.append("")
        opened = _HERE.search(line)
        if opened is None or (opened["lines"] and line.count(opened["lines"]) % 2 == 0):
            continue
        if opened["ps"]:
            closing = functools.partial(_starts, opened["ps"] + "@")
        elif opened["word"]:
            closing = functools.partial(_alone, opened["word"])
        else:
            closing = functools.partial(_starts, opened["lines"], strip=True)
    return out + _dedented(block)


def _starts(mark: str, line: str, strip: bool = False) -> bool:
    return (line.lstrip() if strip else line).startswith(mark)


def _alone(word: str, line: str) -> bool:
    return line.strip() == word


def _dedented(block: list[str]) -> list[str]:
    """Lines without the margin all of them share (blank ones aside)."""
    margin = min((len(line) - len(line.lstrip()) for line in block if line.strip()), default=0)
    return [line[margin:] for line in block]


_MDX_STATEMENT = re.compile(r"^(?:import\s+(?:[\w*{][^;]*?\s+from\s+)?[\"'][^\"']+[\"'];?|export\s+(?:const|let|var|function|default|\{)\b.*)\s*$")


def mdx_statements(lines: list[str], changed: list[int] | None = None) -> list[str]:
    """An MDX page's JavaScript statements at the top level ('import { LinkCta } from "@/components";', 'export const
    meta = …' on one line): left out, as the page shows them to no reader (they were the first section's notes).

    >>> mdx_statements(['import { LinkCta } from "@/components";', "", "Import the data first.", "export const x = 1"])
    ['', '', 'Import the data first.', '']
    """
    out = list(lines)
    for number in _outside_fences(lines):
        if _MDX_STATEMENT.match(lines[number]):
            out[number] = ""
            if changed is not None:
                changed.append(number + 1)
    return out


def as_markdown(
    text: str, name: str, headed: set[int] | None = None, changed: dict[str, list[int]] | None = None
) -> tuple[str, str, list[int]]:
    """The text as the walk reads it, line for line; the dialect it was written in ('' for Markdown); the lines
    (from 1) that started with a box outside a list. ``headed`` gets the lines of headings made items: their text is
    that line alone, what follows it without a blank line their details. ``changed`` gets the lines of escaped
    boxes ('escaped'), of other task states read as open boxes ('states') and of ballot boxes in code ('fenced')."""
    lines = text.split("\n")
    suffix = name[name.rfind(".") :].lower() if "." in name.rsplit("/", 1)[-1] else ""
    mode = mode_line(lines)
    if mode is not None:
        changed = changed if changed is not None else {}
        changed.setdefault("mode", []).append(mode[0] + 1)
        lines[mode[0]] = ""
    dialect = _dialect(lines, text, suffix, mode)
    changed = changed if changed is not None else {}
    if dialect is csv_rows and unread_columns(lines):
        changed.setdefault("columns", []).append(1)
    if dialect is html or dialect is todo_txt:  # their tasks' dates read as due dates, reported
        lines = html(lines, changed.setdefault("due", [])) if dialect is html else todo_txt(lines, changed.setdefault("due", []))
    elif dialect is not None:
        lines = dialect(lines)
    if dialect is None:
        lines = comment_lines(shallow_sublists(lines, changed.setdefault("shallow", [])), changed.setdefault("comments", []))
        lines = outcome_items(lines, changed.setdefault("outcomes", []))
        lines = percent_comments(lines, changed.setdefault("percent", []))
        lines = quick_actions(lines, changed.setdefault("actions", []))
        lines = cell_lists(lines, changed.setdefault("cells", []))
        lines = myst_roles(lines, changed.setdefault("roles", []))
        lines = coded_checks(lines, changed.setdefault("coded", []))
        lines = spec_tasks(lines, changed.setdefault("spec", []))
        lines = smart_checklist(lines, changed.setdefault("smart", []))
        lines = outliner_tasks(lines, changed.setdefault("outliner", []))
        lines = task_signifiers(lines, changed.setdefault("signifiers", []))
        lines = admonitions(lines, changed.setdefault("admonitions", []))
        lines = callouts(lines, changed.setdefault("admonitions", []))
        lines = indented_blocks(lines, changed.setdefault("admonitions", []))
        lines = site_templates(lines, changed.setdefault("templates", []))
        lines = mdx_statements(lines, changed.setdefault("templates", [])) if suffix == ".mdx" else lines
        lines = definition_lists(lines, changed.setdefault("definitions", []))
        lines = latex_lists(lines, changed.setdefault("latex", []))
    lines = shortcodes(lines, changed.setdefault("shortcodes", []))
    lines = reference_boxes(lines, changed.setdefault("glyphs", [])) if dialect is None else lines
    lines = drawn_lines(lines, changed.setdefault("glyphs", []))
    lines = fenced_ballots(lines, changed.setdefault("fenced", []))
    lines = emphasised_boxes(lines, changed.setdefault("emphasis", []))
    lines = spaced_boxes(lines, changed.setdefault("loose", []))
    lines = unescaped_boxes(lines, changed.setdefault("escaped", []))
    lines = loose_boxes(lines, changed.setdefault("loose", [])) if dialect is None else lines
    lines = input_boxes(lines, changed.setdefault("inputs", [])) if dialect is None else lines
    lines = deep_tasks(lines, changed.setdefault("deep", []))
    lines = task_states(lines, changed.setdefault("states", []))
    lines = glyph_lists(lines, changed.setdefault("glyphs", []))
    lines = glyph_tables(lines, changed.setdefault("glyphs", []))
    lines = outline_steps(lines, changed.setdefault("outline", []))
    lines = lettered_steps(lines, changed.setdefault("lettered", []))
    lines = boxed_headings(lines, headed)
    lines = fenced_markdown(lines, changed.setdefault("markdown", [])) if dialect is None else lines
    bare = list(bare_boxes(lines))
    return "\n".join(with_bare_boxes(lines)), dialect.__name__ if dialect else "", [n + 1 for n in bare]
