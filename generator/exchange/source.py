"""The Markdown source of an import: parsed once by markdown-it, with front matter, references and a cleaner for its text."""

from __future__ import annotations

import datetime
import functools
import html
import re
import textwrap
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode

from ..errors import Loc
from ..format.load import Mapping, Scalar, duplicate_key, load_text
from ..format.types import UNHELD, ZERO_WIDTH, cleared
from .dialects import (
    GLYPH_CROSS,
    GLYPH_DONE,
    GLYPH_OPEN,
    HTML_TASK,
    STEP_HEADING,
    as_markdown,
    boxed_headings,
    glyph,
    html_blocks,
    step_headings,
    step_lines,
    syntax_sections,
    text_lines,
)
from .linemap import CONTINUED, Place, identity, line_map
from .marks import CODE_SPAN, held_aside, squeezed
from .mojibake import repair

# What YAML says of a key given twice in one mapping.
_TWICE = duplicate_key("key", Loc("front matter", 1, 1), 1).hint


class Kind(Enum):
    """What the importer left out or changed, one message per kind (counted in the summary)."""

    COMMENT = "HTML comment dropped"
    STYLE = "style sheet or script in HTML ('<style>', '<script>'): left out, it is no text"
    HTML = "raw HTML tag dropped (its text kept)"
    NAV = "navigation link ('back to top') left out"
    TOC = "table of contents left out (the site has its own navigation)"
    LINK = "link to an anchor or page the site does not have: kept as plain text"
    IMAGE = "image with a relative address: kept as its alt text"
    GARBLED = "emoji garbled beyond repair: left out"
    FRONT = "front matter key not used"
    DATE = "date not understood: left out"
    LONG = "prose over the notes limit: moved to a page of its own, linked from the section"
    MOVED = "heading without check boxes: its prose moved to a neighbouring section's notes"
    HINT = "unknown checklist-site hint comment: left out"
    LABEL = "label without check boxes after it: kept as text"
    FINAL = "sign-off without a Go/No-Go decision or approvers: completed with defaults"
    CONTROL = "control, direction or zero-width character: replaced by a space (a zero-width one left out)"
    UNSAFE = "link to an address that is not http(s), mailto or relative: kept as text"
    LINKS = "paragraph of more links than a Markdown text may hold (100): its links kept as text"
    HIDDEN_CODE = (
        "character in code that the page does not show (a soft hyphen, a direction mark, a no-break space): left out,"
        " a blank made a space, as a copy of the code would otherwise hold it"
    )
    SNIPPET = "pymdownx.snippets notation ('--8<-- \"FILE\"') in code: its scissors written '8 <', so no site includes a file there"
    DEEP = "heading below the group level: joined to its group's title"
    SPLIT = "group whose boxes all sit in labelled lists: one group per list"
    SIGNATURES = "signature lines of a sign-off: read as its approver roles"
    GROUP_SIGNOFF = "signature lines under a group: the group's sign-off"
    CUT = "text over a limit of the format: cut, the whole kept in the details"
    NESTED = "check boxes nested more than three levels deep: kept at the third level"
    NUMBER = "number in a heading: left out (the site numbers sections and groups)"
    EMPTY = "block without visible text: left out"
    BLANK_BOX = "check box with nothing after it ('- [ ] ', a template's blank to fill in): left out"
    DIALECT = "not Markdown: read line by line as the Markdown it means (headings, task lists, code)"
    BARE = "check box at the start of a line outside a list: read as a task item"
    FOOTNOTE = "footnote: its text put in brackets where it is referred to"
    INLINE_BOX = "check box inside a line of text ('Result: [ ] PASS / [ ] FAIL'): kept as text, a choice is no item"
    ESCAPED = "check box written with escaped brackets ('\\[ \\]', as Google Docs and Notion export them): read as a box"
    STATE = (
        "task state other than [ ] or [x] in a task list ('[D]', '[P]': Obsidian's custom statuses): read as an open box"
        " (a word of done, '[yes]', '[done]', or the file's own '[*]', ticked; '[n/a]' n/a)"
    )
    DEFINITION = "definition list ('Backups' then ': [ ] verified'): the term a label, each definition an item under it"
    MARKDOWN_BLOCK = "checklist in a Markdown code block ('```markdown') of a file with no other box: read as Markdown"
    TEMPLATE = "a site generator's markup ('{: .no_toc }', '{% raw %}', '{{< hint >}}'): left out, the Markdown in it read"
    OUTLINER = "outliner task or wiki link ('- TODO Freeze', '- DONE Tag', '[[Page]]'): a box (DONE ticked), the link its words"
    LETTERED = "sub-step lettered or in Roman numerals under a list item ('a. [ ] Backup'): read as a numbered sub-item"
    ROLE = "MyST role ('{doc}`/usage`', '{ref}`Title <label>`'): its title, else its target as code"
    CELL_LIST = "task list in HTML in a table cell ('<ul><li> - [ ] Task</li></ul>'): read as the cell's boxes"
    ACTION = "GitLab quick action or Prow command ('/label ~bug', '/assign @me'): left out"
    ADMONITION = "admonition (':::tip', '```{note}'): its body read as Markdown, its title a label"
    SHORTCODE = "emoji shortcode (':white_check_mark:'): written as the emoji it shows"
    EMPHASIS = "check box in bold or italics ('**[ ]**'): read as a box"
    LOOSE = "box typed loosely ('[] Backups', '[x]DNS', a no-break space, full-width brackets): read as a box"
    INPUT = "checkbox input in a list item or a table cell of Markdown ('- <input type=\"checkbox\"> Backups'): read as a box"
    OUTLINE = "step numbered as an outline under a numbered list ('1.1 Take a backup'): read as a sub-item"
    GLYPH = "list, lines or table column of drawn boxes, ticks and crosses ('⬜ DNS', '□ Backups', '| ⬜ |'): read as boxes, ticks done"
    FENCED = "ballot box in a plain code block (a checklist set to print): read as a task item"
    COLUMNS = (
        "CSV column that holds no text, state, priority, owner, section or group (notes, dates): its values are lines of each item's details"
        " (a tracker's created and updated dates left out)"
    )
    CODED = "self-assessment's check written as a paragraph ('**EQA.1** - **[OK]** …'): a task item, its state its box, its code its id"
    SPEC = "a spec's task as Spec Kit writes it ('- [ ] T001 [P] [US1] …'): its code its id, its tags after its words"
    SMART = "Smart Checklist's status marks ('- To do', '+ Done', '~ In progress', 'x Skipped', '> details'): boxes, done ticked, skipped n/a"
    DUE = (
        "date in a task (Confluence's '<time datetime=\"2026-12-10\">', todo.txt's 'due:2026-12-10'): its due date, a line of its"
        " details ('Due: 2026-12-10')"
    )
    SIGNIFIERS = "Obsidian Tasks' date or recurrence after a task ('📅 2026-12-10', '✅ 2026-12-02', '🔁 every week'): a line of its details"
    BESIDE = "table linked from its place on the page and exported beside it (a Notion database's CSV file): its rows read there, as a CSV file's"
    PERCENT = "Obsidian comment ('%% … %%', hidden in its reading view): left out"
    LATEX = "LaTeX list of boxes in Markdown ('\\item[$\\square$] Backups', raw LaTeX for pandoc): read as a task list"
    MODE = "editor's mode line ('# -*- rd -*-', '.. -*- mode: rst -*-'): left out, its mode naming the markup where the suffix does not"
    DEEP_TASK = "task item indented four or more columns past the item above ('- [ ] A' then '          - [ ] b'): read as its sub-item"
    SHALLOW = "bullets indented under a numbered item, less than its text ('2. Study:' then '  - Name'): its sub-items"
    OUTCOME_ITEM = "task item whose boxes are its check's outcomes ('- [ ] PASS | [ ] FAIL - Consent'): one box, ticked by them"
    MATRIX = "table of empty cells to tick, a step a column ('| Artifact | Update POM | Formatting |'): a row an item, a column a box in it"
    STATUS = "table with a Status column left empty or saying done and not yet ('x', 'Done', 'Pending'): its rows read as boxes"
    OUTCOMES = "table with a column for each outcome ('| Pass | Fail | N/A |'): one box, ticked or n/a by the outcome marked"
    PLAIN = "no check box in the file: its list items read as open boxes (links alone, as in a table of contents, stay text)"
    STEPS = "no check box in the file: its headings of numbered steps ('## Step 1 — Install') read as open boxes, what is under each its details"
    TABLES = "no check box nor list in the file: the rows of its tables of checks or steps ('| Check | Description |') read as open boxes"
    LINES = "no check box nor list in the file: its 'Step 1: …' lines and headings (in a plain text file, every line) read as open boxes"


# What each of the text's rewrites (dialects.as_markdown's ``changed``) is reported as.
_CHANGED = {
    "escaped": Kind.ESCAPED,
    "states": Kind.STATE,
    "fenced": Kind.FENCED,
    "glyphs": Kind.GLYPH,
    "outline": Kind.OUTLINE,
    "inputs": Kind.INPUT,
    "loose": Kind.LOOSE,
    "emphasis": Kind.EMPHASIS,
    "comments": Kind.COMMENT,
    "actions": Kind.ACTION,
    "cells": Kind.CELL_LIST,
    "roles": Kind.ROLE,
    "lettered": Kind.LETTERED,
    "outliner": Kind.OUTLINER,
    "smart": Kind.SMART,
    "coded": Kind.CODED,
    "spec": Kind.SPEC,
    "signifiers": Kind.SIGNIFIERS,
    "due": Kind.DUE,
    "templates": Kind.TEMPLATE,
    "markdown": Kind.MARKDOWN_BLOCK,
    "definitions": Kind.DEFINITION,
    "admonitions": Kind.ADMONITION,
    "shortcodes": Kind.SHORTCODE,
    "deep": Kind.DEEP_TASK,
    "shallow": Kind.SHALLOW,
    "outcomes": Kind.OUTCOME_ITEM,
    "percent": Kind.PERCENT,
    "mode": Kind.MODE,
    "latex": Kind.LATEX,
    "columns": Kind.COLUMNS,
}


@dataclass(frozen=True)
class Note:
    kind: Kind
    line: int  # of the text as read
    detail: str = ""
    at: Place = (1, 1)  # the line and column of the file itself (linemap)


_FENCE = re.compile(r"(```.*?```|~~~.*?~~~)", re.DOTALL)


def code_pieces(text: str) -> list[str]:
    """The text cut at its code spans, as CommonMark reads them ('``a `b` c``' is one): prose, code, prose … prose.

    >>> code_pieces("x ``[High] `y` `` &amp; `z`")
    ['x ', '``[High] `y` ``', ' &amp; ', '`z`', '']
    """
    out, at = [], 0
    for span in CODE_SPAN.finditer(text):
        out += [text[at : span.start()], span.group(0)]
        at = span.end()
    return [*out, text[at:]]
_HARD_BREAK = re.compile(r"(?<!\\)((?:\\\\)*)\\\n")  # a backslash at a line's end (an escaped one is text)


def one_line(text: str) -> str:
    r"""Markdown of several lines as one line of text: a hard line break (two spaces or a backslash at a line's end,
    'Tag\' then 'with signature') a space, as every other line end; a code span kept as written.

    >>> one_line("Tag\\\nwith  \nsignature `a\\` c\\\\\nd")
    'Tag with signature `a\\` c\\\\ d'
    """
    pieces = code_pieces(text)
    return squeezed("".join(piece if n % 2 else _HARD_BREAK.sub(r"\1\n", piece) for n, piece in enumerate(pieces)))


# What no text of the format may hold (C0 and C1 controls but newline and tab, direction overrides, line separators),
# nor a YAML file (U+FFFE and U+FFFF: the YAML written of them was refused by its reader).
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_INVISIBLE = UNHELD  # the format's rule, lone surrogates (a notebook's JSON '\ud800') included

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_IMG_TAG = re.compile(r"<img\b[^<>]*>", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_INLINE_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\(\s*<?([^)\s>\[]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_LINK = re.compile(r"(!?)\[((?:[^\[\]]|\[[^\[\]]*\])*)\](?:\[([^\]]*)\])?(?![(:])")
_BR = re.compile(r"[ \t]*<br\s*/?>[ \t]*", re.I)
_EMPTY_ANCHOR = re.compile(r"<a\s+(?:name|id)=[^<>]*>\s*</a>", re.I)
SECTION_LINK = r"([a-z0-9]+(?:-[a-z0-9]+)*)\.md(#[a-z0-9]+(?:-[a-z0-9]+)*)?"
_SECTION_LINK = re.compile(SECTION_LINK)
_SAFE = re.compile(r"^(https?:|mailto:)", re.I)


# Inline HTML that formats words, as the Markdown that means it ('' where Markdown has none: the words alone).
_FORMATS = {"b": "**", "strong": "**", "i": "*", "em": "*", "cite": "*", "var": "*", "code": "`", "kbd": "`", "samp": "`", "tt": "`"}
_FORMAT_TAG = re.compile(
    r"<(b|strong|i|em|cite|var|code|kbd|samp|tt|del|s|strike|sub|sup|u|ins|mark|small|big|abbr|span|font)(?:\s[^<>]*)?>"
    r"([^<>]*)</\1\s*>",
    re.IGNORECASE,
)


# Unicode's superscript and subscript forms, for a raised or lowered word that has one for each of its characters.
_RAISED = dict(zip("0123456789+-=()abcdefghijklmnoprstuvwxyzABDEGHIJKLMNOPRTUVW", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᴬᴮᴰᴱᴳᴴᴵᴶᴷᴸᴹᴺᴼᴾᴿᵀᵁⱽᵂ", strict=True))
_LOWERED = dict(zip("0123456789+-=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True))


def _shifted(tag: str, words: str) -> str:
    """A raised or lowered number or a letter or two in the characters that show it so ('H₂O', 'x²', '1ˢᵗ'), else set apart in brackets
    ('R<sup>Eng. Lead, Team</sup>', a RACI chart's roles: 'R (Eng. Lead, Team)'), never run into the word before it."""
    forms = _RAISED if tag == "sup" else _LOWERED
    word = words.strip()
    if word and all(c in forms for c in word) and sum(c.isalpha() for c in word) <= 2:  # a word of letters reads better in brackets
        return "".join(forms[c] for c in word)
    return f" ({words.strip()})" if words.strip() else words


def formatting(text: str) -> str:
    """Inline HTML that formats words ('Press <kbd>Ctrl</kbd>', 'H<sub>2</sub>O', '<b>Stop</b>', as a template or an
    export writes them) as the Markdown that means it, or the words alone (raised and lowered ones as ``_shifted``
    shows them): the site shows HTML in a text as text, and the item read 'Press <kbd>Ctrl</kbd>'. Struck words keep
    Markdown's '~~'.

    >>> formatting("Press <kbd>Ctrl</kbd>+<KBD>C</KBD>, H<sub>2</sub>O, <b> Stop </b>, <del>old</del>, <code>a`b</code>")
    'Press `Ctrl`+`C`, H₂O, **Stop**, ~~old~~, <code>a`b</code>'
    >>> formatting("R<sup>Eng. Lead</sup> I<sup>Team</sup>, 10<sup>6</sup>, 1<sup>st</sup>")
    'R (Eng. Lead) I (Team), 10⁶, 1ˢᵗ'
    """

    def one(found: re.Match[str]) -> str:
        tag, words = found.group(1).lower(), found.group(2)
        if tag in ("sup", "sub"):
            return _shifted(tag, words)
        mark = "~~" if tag in ("del", "s", "strike") else _FORMATS.get(tag, "")
        if mark == "`" and "`" in words:
            return found.group(0)
        return f"{mark}{words.strip()}{mark}" if mark and words.strip() else words

    for _ in range(3):  # nested ones ('<b><i>x</i></b>') from the inside out
        changed = _FORMAT_TAG.sub(one, text)
        if changed == text:
            break
        text = changed
    return text


_FOOTNOTE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$", re.DOTALL)
_FOOTNOTE_REF = re.compile(r"(?<!^)\[\^([^\[\]\s]+)\](?!:)")
# A template's blank to fill in, in a list item: an ellipsis in quotes ("Go to '...'", a bug report's steps to
# reproduce), an example in brackets ('OS: [e.g. iOS]') or a 'TBD' opening it ('TBD: 1st item of release notes').
_FILL_IN = re.compile(r"(['\"‘“])(?:\.{3,}|…)['\"’”]|\[e\.g\.[^\]\n]*\]|^\s*TBD\b", re.I)
_ONLY_LINK = re.compile(r"(?:\[[^\]]*\]\([^)]*\)|<[^>\s]+>|\[[^\]]*\]\[[^\]]*\])?")  # a navigation entry (or nothing)
_GLYPH_START = re.compile(rf"([{GLYPH_OPEN}{GLYPH_DONE}{GLYPH_CROSS}])\ufe0f?[ \t]+(?=\S)")
_MARKER = re.compile(r"^(\s*(?:>\s*)*(?:[-*+]|\d+[.)])[ \t]+)")
_BOXED = re.compile(r"^#{1,6}[ \t]+\[[ xX]\]")


# A table's column for ticks: its head names a state (what follows in brackets, '(✅/⚠️/❌)', and emphasis aside).
_STATUS_COLUMN = re.compile(
    r"[*_\s]*(?:status|state|done|complete|completed|check|checked|tick|ticked|ok|pass/fail|result|✓|✔|✔️|✅|☑️?"
    r"|erledigt|estado|statut|état|stato|статус|状态|状態|완료)[*_\s]*(?:\([^)]*\))?[*_\s]*",
    re.IGNORECASE,
)
# A yes-or-no question heading a column of its answers ('| Do We Have It? |' over 'Yes', 'No', '??', 'N/A'); one asking
# whether the row is needed at all ('Required?', 'Applicable?') says no state.
_QUESTION_COLUMN = re.compile(r"[*_\s]*[^|?]{2,40}\?[*_\s]*")
_NEED_QUESTION = re.compile(r"requir|mandator|optional|applicab|need|critical|block", re.I)
# What a Status column's cell says: done, not yet (a blank, or not known: '??'), or that the row does not apply.
_DONE_WORDS = {"x", "done", "yes", "y", "completed", "complete", "finished", "closed", "erledigt", "fait", "hecho", "完了", "已完成"}
_DONE_WORDS |= {"implemented", "in place", "verified", "passed", "approved", "resolved", "fixed", "deployed", "released", "shipped"}
_OPEN_WORDS = {"", "no", "n", "-", "open", "todo", "to do", "pending", "not started", "in progress", "wip", "offen", "à faire", "pendiente"}
_OPEN_WORDS |= {"?", "??", "???", "unknown", "not sure", "unsure", "tbd", "partial", "partially"}
_OPEN_WORDS |= {"not implemented", "planned", "blocked", "on hold", "in review", "missing", "not done"}
_STATUS_NA = {"n/a", "na", "not applicable"}
# A state drawn before the word that says it ('✅ Complete', '⏳ Pending', '❌ Not started', a status report's cells).
_STATUS_GLYPH = re.compile(r"^([✅✔✓☑⏳⌛❌✗✘])\ufe0f?\s*(.*)$")
_GLYPH_SAYS = {"✅": "done", "✔": "done", "✓": "done", "☑": "done", "⏳": "pending", "⌛": "pending", "❌": "no", "✗": "no", "✘": "no"}


def _status_said(cell: str) -> str:
    """What a Status column's cell says, in lower case: its word, after a state drawn before it; the drawn state's
    word where the word is none of a state's ('✅ Passed' done); a drawing alone is none.

    >>> [_status_said(c) for c in ["✅ Complete", "⏳  Pending", "✅ Passed", "✅ Shipped it", "Done", "❌"]]
    ['complete', 'pending', 'passed', 'done', 'done', '❌']
    """
    value = " ".join(cell.lower().split())
    drawn = _STATUS_GLYPH.match(value)
    if drawn is None or not drawn.group(2):
        return value  # a drawing alone: a status report's, read as text (a table of ticks to make is drawn boxes)
    word = drawn.group(2)
    return word if word in _DONE_WORDS or word in _OPEN_WORDS or word in _STATUS_NA else _GLYPH_SAYS[drawn.group(1)]
# A column for one outcome of a check, beside the others ('| Pass | Fail | N/A |', '| Not satisfied | Totally satisfied
# | Not applicable |'): the mark in the row's positive one ticks it, in the not applicable one makes it n/a.
_OUTCOME_POSITIVE = re.compile(
    r"[*_\s]*(?:pass(?:ed)?|yes|met|compliant|ok|done|implemented|in place|(?:totally |fully |completely )?satisfied|conforms?)[*_\s]*", re.I
)
_OUTCOME_NA = re.compile(r"[*_\s]*(?:n/?a|not applicable|skip(?:ped)?)[*_\s]*", re.I)
_OUTCOME_OTHER = re.compile(
    r"[*_\s]*(?:fail(?:ed)?|no|not met|non-?compliant|not implemented|(?:not|partially|partly) satisfied|partial(?:ly)?|"
    r"does not conform|needs work)[*_\s]*",
    re.I,
)
_OUTCOME_MARKS = {"x", "✓", "✔", "✅", "☑", "☒", "[x]", "yes", "y"}
_OUTCOME_EMPTY = {"", "&nbsp;", "☐", "[ ]", "□", "⬜"}
# MultiMarkdown's and Pelican's metadata: 'Key: value' lines opening the file, up to a blank line, the first a title or a date.
_METADATA = re.compile(r"^((?:title|date|author|authors)[ \t]*:[ \t]*\S[^\n]*\n(?:[A-Za-z][\w-]*[ \t]*:[ \t]*[^\n]*\n)*)(?=[ \t]*\n)", re.I)
# A column of a form to fill in, not a step to tick: a matrix has none ('| Service | Owner | Notes |' left empty).
_FIELD_HEAD = re.compile(
    r"\b(?:owner|assignee|who|name|date|due|deadline|notes?|comments?|remarks?|description|details|link|url|version|signature"
    r"|sign-off|reviewer|approver|priority|severity|risk|impact|likelihood|mitigation|value|amount|qty|quantity|email|phone)\b",
    re.I,
)
# A table's column of checks or steps to do: its head names them ('| Check name | Short Description |', '| Step | Action |').
_CHECKS_HEAD = re.compile(
    r"[*_\s]*(?:check|check ?name|check ?item|checkpoint|control|requirement|task|step|action|activity|to ?do|检查项|检查|步骤|任务"
    r"|проверка|шаг|задача|prüfung|prüfpunkt|schritt|aufgabe|étape|tâche|contrôle|paso|tarea|passo|tarefa|verificação)s?[*_\s]*",
    re.IGNORECASE,
)
_NA_CELLS = {"n/a", "na", "-", "–", "—"}
# A changelog's heading: a version ('Version 0.18.2 (2025-09-11)', '[1.0.0] - 2017-06-20', 'v2.1', '[Unreleased]'). Its leading marks
# and its first word each read once (a heading of '+' run long was read in time growing with its square).
_VERSION_HEADING = re.compile(
    r"^\W*+(?:(?:[\w.+-]++\s+)?(?:version|release|v)\s*\d+(?:\.\d+)+|v?\d+\.\d+\.\d+|v?\d+\.\d+\]?\s*(?:[-–—(]|\d{4}-\d\d-\d\d|$)|unreleased\W*$)", re.I
)

# A changelog's headings under a version: the kinds of change (Keep a Changelog's, and others').
_CHANGE_KIND = re.compile(r"\W*(?:added|changed|deprecated|removed|fixed|security|features?|bug ?fixes|fixes|breaking changes|improvements|other)\W*", re.I)


# A line of a document's particulars ('- ID: FT-12', '- Owner: Ann', '- **Status**: draft', '- Document Owner: …'), as a
# template card or a runbook's header lists them.
_FIELD = re.compile(
    r"^(?:\*\*|__)?(?:id|owner|document owner|status|dates?|team|squad|reviewers?|contributors?|contributor roles|related|links?|version|"
    r"authors?|created|updated|last (?:updated|reviewed|modified)|approvers?|stakeholders?|tags|automation (?:inputs|outputs)|"
    r"review cadence|classification|used by|triggers?|type|scope|audience|applies to|frequency|maintainers?)"
    r"(?:(?:\*\*|__)?[ \t]*:|[ \t]*:(?:\*\*|__))",  # 'ID:', '**Status**:' and '**ID:**' alike
    re.I,
)


def _fields(node: SyntaxTreeNode) -> bool:
    """Whether a plain list is one of a document's particulars, three or more of its items in four naming one
    ('- ID: RUN-12', '- Owner: Support Lead', '- Status: draft', '- Dates: …'): no steps to tick (a runbook card's
    header was read as its first checks)."""
    heads = [_cell_text(li.children[0]) if li.children and li.children[0].type == "paragraph" else "" for li in node.children]
    named = sum(1 for h in heads if _FIELD.match(h.strip()))
    return named >= 3 and 4 * named >= 3 * len(heads)


# A person as a roster lists one: a handle ('@jdoe', '@org/team'), a name with a handle or an address after it
# ('Jane Doe (@jdoe)', 'Jane Doe <jane@example.org>', 'Jane Doe - @jdoe'), or an address alone.
_HANDLE = r"@[\w-]+(?:/[\w-]+)?|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
_NAME = r"[^\W\d_][\w.'’-]*(?: [^\W\d_][\w.'’-]*){0,3}"
_PERSON = re.compile(rf"(?:\[?(?:{_HANDLE})\]?(?:\([^()]*\))?|{_NAME}\s*(?:[(<\[]\s*(?:{_HANDLE})\s*[)>\]]|[-–—,:]\s*(?:{_HANDLE})))(?:\s*[-–—,(].{{0,40}})?")
_NAMED = re.compile(rf"{_NAME}(?:\s*(?:\([^()]{{1,40}}\)|[-–—,]\s*[^\W\d_][\w ]{{0,30}}))?")
# A roster's lead-in: a heading or a label naming people ('Release team', 'Maintainers:', 'Reviewers', 'Thanks to').
_ROSTER = re.compile(
    r"\b(?:team|maintainers?|reviewers?|approvers?|contributors?|authors?|owners?|members?|contacts?|people|credits|thanks|"
    r"release managers?|shadows?|leads?|on[- ]call|cc)\b\W*$",
    re.I,
)


def _people(node: SyntaxTreeNode) -> bool:
    r"""Whether a plain list is a roster, two people or more, one to an item: handles or names with a handle or an
    address ('- @jdoe', '- Jane Doe (@jdoe)'), or names alone under a lead-in naming people ('Release team:' over '-
    Jane Doe'). Its lines name who, not what to do: no steps (a release page's team were its first checks).

    >>> from markdown_it import MarkdownIt
    >>> def tree(text): return SyntaxTreeNode(MarkdownIt("commonmark").parse(text))
    >>> [_people(tree(t).children[-1]) for t in ("- @jdoe\n- Ann Lee (@ann)\n", "Release team:\n\n- Jane Doe\n- Bo Li (shadow)\n",
    ...  "- Big Data\n- Log Management\n", "- Tag the release\n- @jdoe reviews\n")]
    [True, True, False, False]
    """
    heads = [_cell_text(li.children[0]) if li.children and li.children[0].type == "paragraph" else "" for li in node.children]
    if len(heads) < 2 or not all(heads):
        return False
    if all(_PERSON.fullmatch(h.strip()) for h in heads):
        return True
    before = node.previous_sibling
    led = before is not None and before.type in ("paragraph", "heading") and bool(_ROSTER.search(_cell_text(before).rstrip(":").strip()))
    return led and all(_NAMED.fullmatch(h.strip()) for h in heads)


def changelog(headings: list[str]) -> str:
    """The first heading of a changelog (three headings or more, two in three of them a version), else ''. Its list
    items are the changes each version made, not steps to tick.

    >>> changelog(["Version 0.18.2 (2025-09-11)", "Version 0.18.1 (2025-09-02)", "Version 0.18.0"])
    'Version 0.18.2 (2025-09-11)'
    >>> changelog(["[Unreleased]", "[1.0.0] - 2017-06-20", "Added", "[0.3.0] - 2015-12-03", "Fixed"])
    '[Unreleased]'
    >>> changelog(["DIRVISH RELEASE NOTES", "Dirvish version 1.2 released 24 February 2003", "Dirvish version 1.1.2"])
    'Dirvish version 1.2 released 24 February 2003'
    >>> changelog(["1.1 Deploy", "1.2 Verify", "2 Rollback"])
    ''
    >>> changelog(["OpenSearch 1.3.12 Release Notes", "Release Details", "BUG FIXES", "Observability", "MAINTENANCE"])
    'OpenSearch 1.3.12 Release Notes'
    >>> changelog(["Release 2.0 checklist", "Features", "Bug fixes"]), changelog(["Release Notes", "Features"])
    ('', '')
    """
    if headings and _NOTES_TITLE.search(headings[0]) and any(_CHANGE_KIND.fullmatch(h) or _MORE_KINDS.fullmatch(h) for h in headings[1:]):
        return headings[0]  # one version's release notes ('OpenSearch 1.3.12 Release Notes' over '## BUG FIXES', '## MAINTENANCE')
    headings = [h for h in headings if not _CHANGE_KIND.fullmatch(h)]
    versions = [h for h in headings if _VERSION_HEADING.match(h)]
    return versions[0] if len(headings) >= 3 and 3 * len(versions) >= 2 * len(headings) else ""


# A README's sections ('Key Features', 'Installation', 'Quick Start', 'License'), and those that only a README has.
_README_ONLY = re.compile(
    r"\W*(?:installation|installing|install|getting started|quick ?start|usage|basic usage|licen[cs]e|contributing|how to contribute)\W*", re.I
)
_README_SECTION = re.compile(
    r"\W*(?:overview|introduction|about|(?:key )?features|installation|installing|install|getting started|quick ?start|usage|basic usage|"
    r"examples?|documentation|docs|links|licen[cs]e|contributing|how to contribute|support|credits|authors|acknowledge?ments|"
    r"supported (?:python |platforms? |)versions|compatibility|requirements|dependencies|motivation|roadmap|faq|citation|"
    r"development|testing|running tests|api|configuration)\W*",
    re.I,
)
_CHECKS_WORDS = re.compile(r"\b(?:check ?list|checks|steps?|procedure|runbook|to ?do|tasks|release process|releasing|before|after)\b", re.I)


def _version_line(text: str) -> bool:
    """Whether a paragraph of one line reads as a version's heading: a version and its date, a few words at most.

    >>> _version_line("Release 1.4.0 (14th June 2022)"), _version_line("v2.1.0 - 2024-01-02"), _version_line("Bump to 1.2.3 before tagging it")
    (True, True, False)
    """
    return len(text.split()) <= 6 and bool(_VERSION_HEADING.match(text)) and not text.rstrip().endswith((".", ":"))


# The title of one version's release notes ('OpenSearch 1.3.12 Release Notes', 'Release notes for v2.4', "What's new in 3.0").
_NOTES_TITLE = re.compile(r"(?:release notes|what'?s new)\b.*\d+\.\d+|\d+\.\d+.*\b(?:release notes|what'?s new)\b", re.I)
_MORE_KINDS = re.compile(r"\W*(?:maintenance|enhancements?|new features?|bug fixes and improvements|dependenc(?:y|ies) updates?)\W*", re.I)
_MATRIX_CELLS = {"", "&nbsp;", "x", "✓", "✔", "✅", "done", "yes"} | _NA_CELLS  # a matrix's cells: left empty, ticked, or n/a
# An HTML table mostly of empty cells (a matrix of steps to tick) is read as a table, as HTML task lists are.
_EMPTY_TD = re.compile(r"<td\b[^>]*>\s*(?:&nbsp;|\xa0)?\s*</td>", re.I)


def _matrix_steps(head: list[str], cells: list[list[str]], again: set[int]) -> dict[str, list[str]]:
    """The boxes of each row of a matrix to tick ('[ ] Update POM'), under the head its cells stand under (the last
    one repeated above them), a cell of n/a none."""
    steps: dict[str, list[str]] = {}
    names = head
    for k, row in enumerate(cells):
        if k in again:
            names = row
            continue
        cells_named = [(names[c], v.lower()) for c, v in enumerate(row) if 0 < c < len(names) and names[c]]
        steps.setdefault(row[0], []).extend(f"[{'x' if v in _DONE_WORDS else ' '}] {name}" for name, v in cells_named if v not in _NA_CELLS)
    return steps


def _matrix_spans(tree: SyntaxTreeNode, lines: list[str]) -> Iterator[tuple[int, int]]:
    """The lines (from 0, end excluded) of each HTML table of a Markdown file mostly of empty cells (a matrix of steps
    to tick), from the HTML block that opens it to its '</table>', blank lines (a comment left out) and all."""
    for node in (n for n in tree.children if n.type == "html_block" and n.map and "<table" in lines[n.map[0]].lower()):
        start = node.map[0] if node.map else 0
        end = next((k + 1 for k in range(start, len(lines)) if "</table>" in lines[k].lower()), None)
        block = "\n".join(lines[start:end]) if end else ""
        cells, empty = len(re.findall(r"<td\b", block, re.I)), len(_EMPTY_TD.findall(block))
        if end and empty >= 4 and empty * 2 >= cells:
            yield start, end


_NOT_TEXT = re.compile(r"<(style|script)\b[^>]*>.*?</\1\s*>", re.S | re.I)  # a page's style sheet, its script: no text
_ROW_SPLIT = re.compile(r"(?<!\\)\|")  # a row's cells, as GFM splits them (an escaped '\|' is a cell's text)


def _cell_text(node: SyntaxTreeNode) -> str:
    return node.children[0].content.strip() if node.children else ""


def line_of_map(span: Any) -> int:
    return int(span[0]) + 1 if span else 0


_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def decoded(text: str) -> str:
    """Text with its character references (outside code spans) read as the characters they stand for, as a Markdown
    renderer reads them (``&lt;b&gt;`` shows '<b>', which the site shows as text; ``export --format markdown`` writes
    every '&' and '<' of the data so); a reference to a zero-width character is nothing, as the character itself is
    (``cleared``: the export writes a word joiner after a mention's '@' and an issue's '#', ``escape.unreferenced``); one
    to any other character no text may hold (a control, a direction override) stays as written.

    >>> decoded("&lt;b&gt; AT&amp;T &#35; &#x1b; &nosuch; & `&lt;` @&#8288;bob #&#x200B;12")
    '<b> AT&T # &#x1b; &nosuch; & `&lt;` @bob #12'
    """
    if "&" not in text:
        return text

    def one(found: re.Match[str]) -> str:
        ch = html.unescape(found.group())
        if len(ch) == 1 and ch != found.group() and _ZERO_WIDTH.match(ch):
            return ""
        return found.group() if not ch or ch == found.group() or _INVISIBLE.search(ch) or any(c in "\n\t" for c in ch) else ch

    pieces = code_pieces(text)
    return "".join(piece if n % 2 else _REFERENCE.sub(one, piece) for n, piece in enumerate(pieces))


def _attr(tag: str, name: str) -> str:
    match = re.search(rf"\b{name}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", tag, re.I)
    return decoded(match.group(1).strip("\"'")) if match else ""  # '&#x202e;' stays as written, as in text


class Source:
    """One Markdown file: its lines, token tree, reference definitions and front matter; and what was left out of it."""

    def __init__(self, text: str, name: str, beside: tuple[tuple[int, tuple[str, ...]], ...] = ()) -> None:
        self.name = name
        self.notes: list[Note] = []
        self.front: dict[str, tuple[str, int]] = {}
        self.headed: set[int] = set()  # lines of headings that start with a box, read as task items
        changed: dict[str, list[int]] = {}
        self.origin: tuple[Place, ...] = ()  # where each line of the text as read came from: none yet, the file's own
        visible = self._visible(text)
        repaired = repair(visible)  # 'â€®' garbled through Windows-1252 is a right-to-left override again: seen again below
        text, dialect, bare = as_markdown(repaired, name, self.headed, changed)
        self.dialect = dialect
        for key in ("mode", "columns"):  # said of the file's own lines, before its reader wrote the text
            for number in changed.pop(key, []):
                self.note(_CHANGED[key], number)
        self.source_lines = repaired.split("\n")
        read = text.split("\n")
        if beside and not dialect and len(read) == len(self.source_lines):  # a table beside the file, read after its link
            for number, rows in sorted(beside, reverse=True):
                read[number + 1 : number + 1] = ["", *rows, ""]
            text = "\n".join(read)
            self.note(Kind.BESIDE, beside[0][0] + 1, str(len(beside)))
        self.origin = identity(self.source_lines, read) if not dialect and len(read) == len(self.source_lines) else line_map(self.source_lines, read)
        if dialect:  # a dialect decodes its own escapes ('&#x202E;' in HTML, '\u202e' in a notebook's JSON): seen again
            self.note(Kind.DIALECT, 1, dialect, at=(1, 1))
        if dialect or repaired != visible:
            text = self._visible(text, lines=False)
        for line in bare:
            self.note(Kind.BARE, line)
        for key, numbers in changed.items():
            for number in numbers:
                self.note(_CHANGED[key], number)
        self.text = self._strip_front_matter(text) if not dialect else text
        self.lines = self.text.split("\n")
        self.refs: dict[str, str] = {}
        self.tree = self._parse(self.text)
        lines = self.text.split("\n")
        tasks = [n for n in self.tree.children if n.type in ("html_block", "paragraph") and n.map and HTML_TASK.search("\n".join(lines[n.map[0] : n.map[1]]))]
        spans = sorted({(n.map[0], n.map[1]) for n in tasks if n.map} | set(_matrix_spans(self.tree, lines)))
        if spans:  # HTML lists of checkbox inputs (a wiki's export pasted in), tables to tick: as the Markdown they mean, parsed again
            self.note(Kind.DIALECT, spans[0][0] + 1, "html")
            self.tree = self._parse("\n".join(html_blocks(lines, [s for k, s in enumerate(spans) if not k or s[0] >= spans[k - 1][1]])))
        self._outcome_tables()
        self._status_tables()
        self._matrix_tables()
        self.footnotes: dict[str, str] = {}  # a footnote's label -> its text, put in brackets where it is referred to
        for node in self.tree.children:
            found = _FOOTNOTE.match(node.children[0].content) if node.type == "paragraph" and node.children else None
            if found:
                self.footnotes.setdefault(found.group(1), " ".join(found.group(2).split()))

    def footnote(self, node: SyntaxTreeNode) -> bool:
        """Whether a block is a footnote's definition ('[^1]: text'), which is put where the footnote is referred to."""
        found = _FOOTNOTE.match(node.children[0].content) if node.type == "paragraph" and node.children else None
        if found is None or found.group(1) not in self.footnotes:
            return False
        self.note(Kind.FOOTNOTE, line_of_map(node.map), found.group(1))
        return True

    def _parse(self, text: str) -> SyntaxTreeNode:
        """``text`` (one line for each of the source's) as this source's text, parsed; its reference definitions kept."""
        env: dict[str, Any] = {}
        self.text, self.lines = text, text.split("\n")
        tree = SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(text, env))
        self.refs = {key.lower(): value["href"] for key, value in env.get("references", {}).items()}
        return tree

    def _status_tables(self) -> None:
        """A table with a Status (Done, Check, ✓ …) column left empty in every row, a checklist printed as a table for
        its ticks to be written in, or holding words of done and of not yet ('x' and blanks, 'Done' and 'Pending'):
        that column's cells read as boxes (a box cell, as '| [ ] |'), ticked where they say done."""
        lines, found = list(self.lines), 0
        tables = []  # (table, its head, its rows, the column, what each row's cell says) of each table with a Status column
        for table in (n for n in self.tree.walk() if n.type == "table" and len(n.children) > 1 and n.children[0].children):
            head = [_cell_text(th) for th in table.children[0].children[0].children]
            rows = [row for body in table.children[1:] for row in body.children if row.map]
            column, said = self._status_column(head, rows, alone=False)
            if column is not None:
                tables.append((table, head, rows, column, said))
        alike: dict[str, set[str]] = {}  # the words of the Status columns of tables of one head (a table for each category)
        for _, head, *_, said in tables:
            alike.setdefault("|".join(head).lower(), set()).update(said)
        for table, head, rows, column, said in tables:
            words = alike["|".join(head).lower()]
            if not (words & _DONE_WORDS and words & _OPEN_WORDS) and self._status_column(head, rows)[0] is None:
                continue
            for row, value in zip(rows, said, strict=True):
                number = row.map[0] if row.map else 0
                cells = _ROW_SPLIT.split(lines[number])
                at = column + (1 if lines[number].lstrip().startswith("|") else 0)
                if at < len(cells) and any(_cell_text(c) for c in row.children):
                    other = value not in _DONE_WORDS and value not in _OPEN_WORDS and value not in _STATUS_NA  # 'Process': said
                    kept = f"{cells[at].strip()} " if other or value in ("partial", "partially") else ""
                    cells[at] = " [x] " if value in _DONE_WORDS else " [-] " if value in _STATUS_NA else f" [ ] {kept}"
                    lines[number] = "|".join(cells)
                    found += 1
            self.note(Kind.STATUS, line_of_map(table.map))
        if found:
            self.tree = self._parse("\n".join(lines))

    @staticmethod
    def _status_column(head: list[str], rows: list[SyntaxTreeNode], alone: bool = True) -> tuple[int | None, list[str]]:
        """The column of a table's ticks and what each row's cell says: the first Status (Done, Check, ✓ …) column left
        empty, or the first such column or yes-or-no question ('Do We Have It?') whose cells say done and not yet (a
        row not applying aside; not ``alone``: done or not yet, the other said in another table of the same head, as a
        checklist of a table for each category writes its statuses); (None, []) for none."""
        for column, name in enumerate(head):
            question = _STATUS_COLUMN.fullmatch(name) is None and _QUESTION_COLUMN.fullmatch(name) is not None
            if (not question and _STATUS_COLUMN.fullmatch(name) is None) or (question and _NEED_QUESTION.search(name)):
                continue
            said = [_status_said(_cell_text(r.children[column])) if column < len(r.children) else "" for r in rows]
            unknown = sum(1 for v in said if v not in _DONE_WORDS and v not in _OPEN_WORDS and v not in _STATUS_NA)
            known = unknown * 4 <= len(said) and (unknown == 0 or not question)  # a word of its own in four at most ('Process')
            done, open_ = any(v in _DONE_WORDS for v in said), any(v in _OPEN_WORDS for v in said)
            if question:  # its answers, none of them given yet maybe ('No', '??'): a 'Yes' or 'No' among them
                done, open_ = True, known and any(v in ("yes", "y", "no", "n") for v in said)
            if rows and ((not any(said) and not question) or (known and done and open_) or (not alone and not question and known and (done or open_))):
                return column, said
        return None, []

    def _outcome_tables(self) -> None:
        """A table with a column for each outcome of its checks ('| Check ID | Criteria | Pass | Fail | N/A |' over boxes
        or empty cells, a review's '| Not satisfied | Partially satisfied | Totally satisfied | Not applicable |'):
        those columns one box, ticked where the positive one is marked, n/a where the not applicable one is, open with
        the outcome marked said beside it otherwise (each row an item, as a Status column's are)."""
        lines, found = list(self.lines), 0
        for table in (n for n in self.tree.walk() if n.type == "table" and len(n.children) > 1 and n.children[0].children and n.map):
            head = [_cell_text(th) for th in table.children[0].children[0].children]
            kinds = ["+" if _OUTCOME_POSITIVE.fullmatch(h) else "-" if _OUTCOME_NA.fullmatch(h) else "?" if _OUTCOME_OTHER.fullmatch(h) else "" for h in head]
            outcomes = [k for k, kind in enumerate(kinds) if kind]
            rows = [row for body in table.children[1:] for row in body.children if row.map]
            cells = [[" ".join(_cell_text(c).lower().split()) for c in row.children] for row in rows]
            if len(outcomes) < 2 or "+" not in kinds or len(outcomes) == len(head) or not rows:
                continue
            if not all(k >= len(r) or r[k] in _OUTCOME_MARKS | _OUTCOME_EMPTY for r in cells for k in outcomes):
                continue  # cells of text under them: a table of results written out, not boxes
            for row, values in zip(rows, cells, strict=True):
                marked = [k for k in outcomes if k < len(values) and values[k] in _OUTCOME_MARKS]
                kind = next((kinds[k] for k in marked if kinds[k] == "+"), None) or next((kinds[k] for k in marked), "")
                box = {"+": "[x]", "-": "[-]"}.get(kind, "[ ]")
                said = ", ".join(head[k] for k in marked if kinds[k] == "?") if kind == "?" else ""
                number = row.map[0] if row.map else 0
                lines[number] = self._with_outcome(lines[number], outcomes, f"{box} {said}".strip())
                found += 1
            start = table.map[0] if table.map else 0
            lines[start] = self._with_outcome(lines[start], outcomes, "Result")
            lines[start + 1] = self._with_outcome(lines[start + 1], outcomes, "---")
            self.note(Kind.OUTCOMES, line_of_map(table.map))
        if found:
            self.tree = self._parse("\n".join(lines))

    @staticmethod
    def _with_outcome(line: str, columns: list[int], value: str) -> str:
        """A table's row with its outcome columns made one, holding ``value``, where the first of them stood."""
        cells = _ROW_SPLIT.split(line)
        shift = 1 if line.lstrip().startswith("|") else 0
        kept = [c for k, c in enumerate(cells) if k - shift not in columns[1:]]
        at = columns[0] + shift
        if at < len(kept):
            kept[at] = f" {value} "
        return "|".join(kept)

    def _matrix_tables(self) -> None:
        """A table whose every column but the first is left empty for ticks (or says n/a, or is ticked), a matrix of
        steps by the things to do them on ('| Artifact | Update POM | Formatting |' over '| isis | | n/a |', a release
        spreadsheet's): each row an item, a box for each of its columns, a cell of n/a left out (the step is none of
        that row's); a head repeated in the body (the second half of the steps) gives the same rows more steps."""
        lines, found = list(self.lines), 0
        for table in (n for n in self.tree.walk() if n.type == "table" and len(n.children) > 1 and n.children[0].children and n.map):
            head = [_cell_text(th) for th in table.children[0].children[0].children]
            rows = [row for body in table.children[1:] for row in body.children if row.map]
            cells = [[_cell_text(c) for c in row.children] for row in rows]
            again = {k for k, r in enumerate(cells) if r and r[0].lower() == head[0].lower()}  # a head repeated: more steps
            body = [r for k, r in enumerate(cells) if k not in again]
            ticks = [v.lower() for r in body for v in r[1:]]
            if len(head) < 3 or any(_STATUS_COLUMN.fullmatch(h) or _FIELD_HEAD.search(h) for h in head[1:]):
                continue  # a Status column (read so above), or a form to fill in
            if not body or not all(r and r[0] for r in body):
                continue
            if not all(v in _MATRIX_CELLS for v in ticks) or not any(v in ("", "&nbsp;") for v in ticks):
                continue
            steps = _matrix_steps(head, cells, again)
            start = table.map[0] if table.map else 0
            lines[start : start + 2] = [f"| {head[0]} | Steps |", "| --- | --- |"]
            firsts = {r[0]: k for k, r in reversed(list(enumerate(cells))) if k not in again}  # a row's first line takes its steps
            for k, row in enumerate(rows):
                shown = "<br>".join(steps[cells[k][0]]).replace("|", "\\|") if firsts.get(cells[k][0] if cells[k] else "") == k else ""
                lines[row.map[0] if row.map else 0] = f"| {cells[k][0]} | {shown} |" if shown else "| | |"
            found += 1
            self.note(Kind.MATRIX, line_of_map(table.map))
        if found:
            self.tree = self._parse("\n".join(lines))

    def plain_lists_as_boxes(self) -> bool:
        """A file without a single box (a release checklist of plain bullets): each list item that is more than a
        link (a table of contents, a page's navigation) read as an open box. False when it has no such item."""
        if self.changelog():
            return False  # a changelog's items are the changes made: not steps to tick (refused, saying so)
        if self.dialect == "issue_form":
            return False  # a form's field descriptions tell the reporter what to paste: fields to fill in (refused, saying so)
        items = self._plain_items()
        if not items:
            return False
        lines = list(self.lines)
        for node in items:
            line = lines[node.map[0] if node.map else 0]
            marker = _MARKER.match(line)
            if marker is None:
                continue
            rest = line[marker.end() :]
            drawn = _GLYPH_START.match(rest)  # '✅ Overview done': a tick, done; '⬜ DNS': an open box
            lines[node.map[0] if node.map else 0] = marker.group(1) + (glyph(drawn.group(1)) + rest[drawn.end() :] if drawn else "[ ] " + rest)
        self.note(Kind.PLAIN, line_of_map(items[0].map))
        self.tree = self._parse("\n".join(lines))
        return True

    def changelog(self) -> tuple[int, str] | None:
        """The line and words of a changelog's first version (:func:`changelog`), its headings read with the lines
        that stand alone as one ('Release 1.4.0 (14th June 2022)' under a rule of dashes, a paragraph of its own, as
        a text file's release notes write the newest; the older ones were headings, too few to tell), else None."""
        heads = [(line_of_map(n.map), _cell_text(n)) for n in self.tree.walk() if n.type == "heading" or (
            n.type == "paragraph" and n.map and n.map[1] - n.map[0] == 1 and _version_line(_cell_text(n)))]
        first = changelog([text for _, text in heads])
        return next(((line, text) for line, text in heads if text == first), None) if first else None

    def readme(self) -> tuple[int, str] | None:
        r"""The line and words of the first heading of a project's README (a library's page about itself, named
        RELEASE.rst or not: 'Overview', 'Key Features', 'Installation', 'Quick Start'), where a file without a box has
        three headings or more of a README's sections, one of them what only a README has (installing, using, the
        licence, contributing), half its headings at least, and none about checks or steps: its lists describe the
        project (its features, the versions it supports), not steps to tick. Else None.

        >>> Source("wrapt\n=====\n\nOverview\n--------\n\nKey Features\n------------\n\n- Fast\n\nInstallation\n------------\n\n- pip\n", "R.rst").readme()
        (4, 'Overview')
        >>> Source("# Release\n\n## Installation\n\n- build\n\n## Usage\n\n- run\n\n## Release steps\n\n- tag\n", "R.md").readme()
        """
        heads = [(line_of_map(n.map), _cell_text(n)) for n in self.tree.walk() if n.type == "heading"]
        sections = [(line, text) for line, text in heads if _README_SECTION.fullmatch(text)]
        if len(sections) < 3 or 2 * len(sections) < len(heads) or any(_CHECKS_WORDS.search(text) for _, text in heads):
            return None
        return sections[0] if any(_README_ONLY.fullmatch(text) for _, text in sections) else None

    def _plain_items(self) -> list[SyntaxTreeNode]:
        """The list items a box-less file's plain lists would give as boxes: not a link alone, not a particular."""
        items = [n for n in self.tree.walk() if n.type == "list_item" and n.map and n.children and n.children[0].type == "paragraph"]
        items = [n for n in items if not _ONLY_LINK.fullmatch(n.children[0].children[0].content.strip() if n.children[0].children else "")]
        fields = {id(li) for n in self.tree.walk() if n.type in ("bullet_list", "ordered_list") and (_fields(n) or _people(n)) for li in n.children}
        items = [n for n in items if id(n) not in fields]
        blanks = [n for n in items if _FILL_IN.search(n.children[0].children[0].content if n.children[0].children else "")]
        if blanks and len(items) - len(blanks) < 2:
            return []  # a template's blanks to fill in ("Go to '...'", 'TBD: 1st item of release notes'): no steps
        return items

    def tables_over_bullets(self) -> bool:
        """tables_as_boxes, before plain bullets, where the rows of the file's tables of checks outnumber the plain
        list items that would be read (a readiness checklist's '| Check | Pass Criteria | Severity |' tables, a gate
        rule's three bullets beside them: the bullets were its items, the checks notes); a guide of many bullets and
        one table of commands keeps its bullets. False otherwise."""
        rows = sum(len(rows) for _, rows in self._checks_tables())
        return rows > len(self._plain_items()) and self.tables_as_boxes()

    def _checks_tables(self) -> list[tuple[SyntaxTreeNode, list[SyntaxTreeNode]]]:
        """The tables naming a column of checks or steps, and their rows."""
        found = []
        for table in (n for n in self.tree.walk() if n.type == "table" and len(n.children) > 1 and n.children[0].children and n.map):
            head = [_cell_text(th) for th in table.children[0].children[0].children]
            rows = [row for body in table.children[1:] for row in body.children if row.map]
            if rows and any(_CHECKS_HEAD.fullmatch(h) for h in head):
                found.append((table, rows))
        return found

    def step_headings_as_boxes(self) -> bool:
        """A file without a box whose headings number its steps ('## Step 1 — Understand the changes', two or more):
        each such heading a boxed heading, what stands under it (prose, code, a list of options) its details, before
        its plain list items are read as boxes (they gave the steps' options as steps, the steps as sections). False
        when it has fewer."""
        heads = {n.map[0] for n in self.tree.children if n.type == "heading" and n.map and n.markup.startswith("#")}
        if sum(1 for n in heads if STEP_HEADING.match(self.lines[n])) < 2:
            return False
        listed = any(n.type in ("bullet_list", "ordered_list") for n in self.tree.walk())
        lines, made = step_headings(list(self.lines), heads, self.headed)
        self.note(Kind.STEPS if listed else Kind.LINES, made[0])
        self.tree = self._parse("\n".join(lines))
        return True

    def prose_headings_as_boxes(self) -> bool:
        """A guide without a box whose steps are headings, two levels or more under its top ones ('=head3 Bump the
        version number' over prose and code, Perl's release managers' guide): where six or more headings of that level
        stand over no list, two in three of them, each heading of that level or deeper is a boxed heading (a step),
        what stands under it its details, before the plain list items are read as boxes (they gave a few steps' lists
        as the steps, the steps themselves notes). False when it has none such."""
        kids = [n for n in self.tree.children if n.map]
        heads = [(k, int(n.tag[1])) for k, n in enumerate(kids) if n.type == "heading" and n.markup.startswith("#")]
        if not heads:
            return False
        top = min(level for _, level in heads)
        listed: dict[int, list[bool]] = {}
        for (k, level), (end, _) in zip(heads, [*heads[1:], (len(kids), 0)], strict=True):
            listed.setdefault(level, []).append(any(n.type in ("bullet_list", "ordered_list") for n in kids[k + 1 : end]))
        steps = next((level for level in sorted(listed) if level >= top + 2 and len(listed[level]) >= 6
                      and 3 * listed[level].count(False) >= 2 * len(listed[level])), None)
        if steps is None:
            return False
        lines = list(self.lines)
        for k, level in heads:
            span = kids[k].map
            number = span[0] if span else 0
            if level >= steps and not _BOXED.match(lines[number]):
                lines[number] = re.sub(r"^(#{1,6})[ \t]+", r"\1 [ ] ", lines[number], count=1)
        found: set[int] = set()
        lines = boxed_headings(lines, found)
        self.headed |= found
        self.note(Kind.STEPS, min(found))
        self.tree = self._parse("\n".join(lines))
        return True

    def tables_as_boxes(self) -> bool:
        """A file without a box, nor a list or a step line to read as one, whose tables name a column of checks or steps
        ('| Check name | Short Description | Level A |', a readiness review's; '| Step | Action | Owner |', a recovery
        runbook's): each row of those tables an open box (a box cell before its cells), the other tables text. False
        when it has none."""
        lines, found = list(self.lines), 0
        for table, rows in self._checks_tables():
            start = table.map[0] if table.map else 0
            for number, cell in [(start, "Done"), (start + 1, "---")] + [(r.map[0] if r.map else 0, "[ ]") for r in rows]:
                line = lines[number]
                lines[number] = f"| {cell} {line.lstrip()}" if line.lstrip().startswith("|") else f"| {cell} | {line.lstrip()}"
            found += 1
            self.note(Kind.TABLES, line_of_map(table.map))
        if found:
            self.tree = self._parse("\n".join(lines))
        return bool(found)

    @functools.cached_property
    def syntax(self) -> set[int]:
        """The lines (from 0) of the sections that show the syntax of task lists (dialects.syntax_sections)."""
        return syntax_sections(self.lines)

    def lines_as_boxes(self) -> bool:
        """A file without a box or a list: its paragraphs' 'Step 1: …' lines (a procedure written as paragraphs) read
        as a numbered list of open boxes, its 'Step 1: …' headings as boxed headings (what stands under one its
        details); in a plain text file (.txt, .text, not a wiki's page) every line an open box, nested by its
        indentation. False when it has no such line, or in a changelog (refused, saying so)."""
        if self.changelog():
            return False
        if self.name.lower().endswith((".txt", ".text", ".docx")) and not self.dialect:  # a wiki's page (.txt) has paragraphs of prose
            lines, made = text_lines(self.lines)
        else:
            spans = [(n.map[0], n.map[1]) for n in self.tree.children if n.type == "paragraph" and n.map]
            lines, made = step_lines(self.lines, spans)
            heads = {n.map[0] for n in self.tree.children if n.type == "heading" and n.map and n.markup.startswith("#")}
            lines, headed = step_headings(lines, heads, self.headed)
            made = sorted(made + headed)
        if not made:
            return False
        self.note(Kind.LINES, made[0])
        self.tree = self._parse("\n".join(lines))
        return True

    def _visible(self, text: str, lines: bool = True) -> str:
        """The text as a reader's editor shows it: no byte order mark, one kind of line end (``lines``: a dialect's
        Markdown has its source's lines, and a carriage return it decoded is a control character), no control characters."""
        text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n") if lines else text
        for number, line in enumerate(text.split("\n"), 1):
            for found in _INVISIBLE.finditer(line):
                self.note(Kind.CONTROL, number, at=None if self.origin else (number, found.start() + 1))
        return cleared(text)

    def _strip_front_matter(self, text: str) -> str:
        """YAML between '---' lines at the top (or TOML between '+++' lines, as Hugo writes it; or MultiMarkdown's and
        Pelican's 'Title: …' lines over a blank line), read safely; blank lines keep the line numbers."""
        toml = re.match(r"^\+\+\+[ \t]*\n(.*?\n)\+\+\+[ \t]*(?:\n|$)", text, re.DOTALL)
        rest = self._toml_front(toml) if toml else None
        if rest is not None:
            return rest
        match = re.match(r"^---[ \t]*\n(.*?\n)---[ \t]*\n", text, re.DOTALL) or _METADATA.match(text)
        if not match:
            return text
        tree, issues = load_text(match.group(1), self.name)
        twice = [issue for issue in issues if issue.hint == _TWICE]  # a key given twice ('about:' in an issue template): the first kept
        if not isinstance(tree, Mapping) or len(twice) < len(issues):
            return text  # not front matter: a rule and what follows it, read as Markdown
        for issue in twice:
            self.note(Kind.FRONT, issue.loc.line + 1, issue.message)
        if isinstance(tree, Mapping):
            for key, value in tree.entries:
                if isinstance(value, Scalar):
                    self.front[key.value.lower()] = (value.value, key.loc.line + 1)
                else:
                    self.note(Kind.FRONT, key.loc.line + 1, key.value)
        return "\n" * match.group(0).count("\n") + text[match.end() :]

    def _toml_front(self, match: re.Match[str]) -> str | None:
        """The text after TOML front matter, its top-level keys read as YAML front matter's are (a date as
        YYYY-MM-DD, a table or array reported as not used); None where it is no TOML (the lines stay Markdown)."""
        try:
            table = tomllib.loads(match.group(1))
        except (ValueError, RecursionError):  # not TOML (TOMLDecodeError), a number of over 4,300 digits, deep arrays
            return None
        lines = match.group(1).split("\n")
        for key, value in table.items():
            line = 2 + next((n for n, x in enumerate(lines) if re.match(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=", x)), 0)
            if isinstance(value, (dict, list)):
                self.note(Kind.FRONT, line, key)
            elif not self.front.get(key.lower()):
                text = value.isoformat() if isinstance(value, (datetime.date, datetime.time)) else str(value).lower() if isinstance(value, bool) else str(value)
                self.front[key.lower()] = (text, line)
        return "\n" * match.group(0).count("\n") + match.string[match.end() :]

    def note(self, kind: Kind, line: int, detail: str = "", at: Place | None = None) -> None:
        """Say what was left out or changed at a line of the text as read (``at``: a place in the file itself)."""
        self.notes.append(Note(kind, line, detail, at or self.place(line, detail)))

    def place(self, line: int, said: str = "") -> Place:
        """The line and column of the file itself that a line of the text as read (from 1) came from: where ``said``
        (a link's address, a footnote's label) stands on it, else where the text of that line starts."""
        if not self.origin:
            return (max(line, 1), 1)
        index = min(max(line, 1), len(self.origin)) - 1
        number, column = self.origin[index]
        if not said:
            return (number, column)
        for at_line in range(number, number + CONTINUED + 1):  # a record or element of several lines: said on a later one
            held = self.source_lines[at_line - 1] if at_line <= len(self.source_lines) else ""
            at = held.find(said, column - 1 if at_line == number else 0)
            if at >= 0:
                return (at_line, at + 1)
        held = self.source_lines[number - 1] if number <= len(self.source_lines) else ""
        at = held.find(said)
        return (number, at + 1 if at >= 0 else column)

    def block(self, node: SyntaxTreeNode) -> str:
        """The source lines of a block, dedented; an indented code block fenced (dedented, its lines were a paragraph's:
        '      make test' under an item gave details 'make test make dist' on one line, no code)."""
        if node.type == "code_block":
            code = textwrap.dedent(node.content).strip("\n")
            if re.fullmatch(r"(`{3,}|~{3,})[^\n]*\n(?:.*\n)?\1[ \t]*", code, re.DOTALL):
                return code  # a fenced block indented past its item (an indented code block of its fence): the fence it is
            fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`{3,}", code))])
            return f"{fence}\n{code}\n{fence}"
        start, end = node.map or (0, 0)
        lines = self.lines[start:end]
        indent = min((len(x) - len(x.lstrip()) for x in lines if x.strip()), default=0)
        return "\n".join(x[indent:] for x in lines).strip()

    def clean(self, text: str, line: int, anchors: dict[str, str] | None = None, tags: bool = False) -> str:
        """Markdown as the site can show it: references resolved, comments out, links that lead nowhere unlinked.

        Code (fenced or inline) is left exactly as written; a comment is out whole, code spans in it included. HTML tags
        go with ``tags`` (a block of raw HTML, a heading); elsewhere they stay, and the site shows them as text.
        """
        parts = _FENCE.split(text)
        for n in range(0, len(parts), 2):
            closed = parts[n].rfind("-->") + 3  # no comment opened after the last '-->' closes: those are text, not read again
            for _ in _COMMENT.findall(parts[n], 0, closed):
                self.note(Kind.COMMENT, line)
            prose = _COMMENT.sub("", parts[n][:closed]) + parts[n][closed:] if closed > 2 else parts[n]
            parts[n] = self._around_code(prose, lambda prose: self._clean_prose(self._no_sheets(prose, line), line, anchors or {}, tags))
        return "".join(parts).strip()

    def _no_sheets(self, prose: str, line: int) -> str:
        """Prose (its code spans held aside: a code span showing '<script>' is code, kept) without its style sheets and
        scripts, each said."""
        for _ in _NOT_TEXT.findall(prose):
            self.note(Kind.STYLE, line)
        return _NOT_TEXT.sub("", prose)

    @staticmethod
    def _around_code(text: str, change: Callable[[str], str]) -> str:
        """``change`` applied to the text with each code span held aside (a stand-in of its own), so that a link whose
        words hold code ('[Use `trackBy`](#use-trackby)') is seen whole, and no code is changed."""
        held, back = held_aside(text, CODE_SPAN)
        return back(change(held))

    def _clean_prose(self, text: str, line: int, anchors: dict[str, str], tags: bool) -> str:
        text = _IMG_TAG.sub(lambda m: f"![{_attr(m.group(0), 'alt')}]({_attr(m.group(0), 'src')})", text)
        if not tags and "</" in text:
            text = formatting(text)
        text = _BR.sub("  \n" if not tags else " ", text)  # a line break (in a table cell, GitHub's only one): Markdown's
        pattern = _TAG if tags else _EMPTY_ANCHOR
        for _ in pattern.findall(text):
            self.note(Kind.HTML, line)
        text = pattern.sub("", text)
        if "[^" in text:
            text = _FOOTNOTE_REF.sub(lambda m: f" ({self.footnotes[m.group(1)]})" if m.group(1) in self.footnotes else m.group(0), text)
        text = _REF_LINK.sub(self._resolve, text)
        return decoded(_INLINE_LINK.sub(lambda m: self._link(m, line, anchors), text))

    def _resolve(self, match: re.Match[str]) -> str:
        bang, label, ref = match.group(1), match.group(2), match.group(3)
        key = " ".join((ref or label).split()).lower()
        if key not in self.refs or re.fullmatch(r"[ xX]", label):
            return match.group(0)
        return f"{bang}[{label}]({self.refs[key]})"

    def _link(self, match: re.Match[str], line: int, anchors: dict[str, str]) -> str:
        bang, label, href = match.groups()
        if _SAFE.match(href):
            return match.group(0)
        if bang:
            self.note(Kind.IMAGE, line, href)
            return label
        if href.startswith("#") and href[1:] in anchors:
            return f"[{label}]({anchors[href[1:]]})"
        if _SECTION_LINK.fullmatch(href) and not bang:
            return match.group(0)  # a section page of this checklist (as export writes them); checked after the walk
        self.note(Kind.LINK, line, href)
        return label

    def summary(self, verbose: bool) -> list[str]:
        """One line per kind with its count and first place; every note when ``verbose``."""
        if verbose:
            return [f"{self.name}:{n.at[0]}:{n.at[1]}: {n.kind.value}{': ' + n.detail if n.detail else ''}" for n in sorted(self.notes, key=lambda n: n.at)]
        counts = Counter(n.kind for n in self.notes)
        out = []
        for kind, count in counts.items():
            places = sorted({n.at for n in self.notes if n.kind is kind})
            lines = sorted({line for line, _ in places})
            more = f"; lines {', '.join(map(str, lines[:12]))}{' …' if len(lines) > 12 else ''}" if len(lines) > 1 else ""
            out.append(f"{count} × {kind.value} (first at {self.name}:{places[0][0]}:{places[0][1]}{more})")
        return out
