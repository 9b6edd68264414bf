"""LaTeX checklists (.tex), and LaTeX lists of boxes in Markdown (pandoc's raw LaTeX), as the Markdown they mean.

A checklist typeset in LaTeX draws its boxes as an item's label ('\\item[$\\square$] Backups', '\\item[\\done] Tag'
in the 'todolist' of enumitem that TeX answers pass around) or lists its items in an environment whose label is a
box ('\\begin{todolist}' … '\\item Write it'). Each line is written as the Markdown it means, line for line, so
that messages name the file's own lines: sectioning commands are headings, list environments lists nested by
their depth, a box label a box, inline commands the words (or the Markdown) they show; the preamble, comments,
floats, tables and drawings are left out, verbatim environments code.
"""

from __future__ import annotations

import re

# An item's label that draws a box: open, ticked, or crossed out (won't do: n/a).
_OPEN_LABELS = r"\$?\\(?:square|Box|Square|boxempty|openbox|checkbox|ocircle)\$?|\\ding\{11[1-4]\}|\\fbox\{\s*\}"
_DONE_LABELS = r"\$?\\(?:boxtimes|checkmark|blacksquare|CheckedBox|Checkedbox|XBox|done|cmark|checkedbox|boxcheck)\$?|\\ding\{5[12]\}|\\rlap\{.*\}.*"
_CROSS_LABELS = r"\\(?:wontfix|wontdo|xmark|cancel(?:led)?)|\\ding\{5[56]\}"
_ITEM = re.compile(r"^(\s*)\\item(?:\s*\[((?:[^\[\]]|\[[^\]]*\])*)\])?\s*(.*)$")
_BEGIN = re.compile(r"^\s*\\begin\{([A-Za-z]+\*?)\}((?:\[[^\]]*\]|\{[^}]*\})*)\s*(.*)$")
_END = re.compile(r"^\s*\\end\{([A-Za-z]+\*?)\}\s*(.*)$")
_SECTION = re.compile(r"^\s*\\(part|chapter|section|subsection|subsubsection|paragraph)\*?(?:\[[^\]]*\])?\{(.*)\}\s*(.*)$")
_TITLE = re.compile(r"^\s*\\title\{(.*)\}\s*$")
_LEVEL = {"part": 1, "chapter": 1, "title": 1, "section": 2, "subsection": 3, "subsubsection": 4, "paragraph": 5}
_LISTS = re.compile(r"^(?:itemize|enumerate|description|todolist|checklist|tasks?|compact\w*|aspara\w*|inpara\w*|\w*list)\*?$", re.I)
_VERBATIM = re.compile(r"^(?:verbatim|Verbatim|lstlisting|minted|alltt|code)\*?$")
_LEFT_OUT = re.compile(r"^(?:tabular\w*|table|figure|tikzpicture|picture|equation|align|math|displaymath|thebibliography)\*?$")
_COMMENT = re.compile(r"(?<!\\)%.*$")
_SYMBOLS = {
    r"\rightarrow": "→", r"\to": "→", r"\leftarrow": "←", r"\Rightarrow": "⇒", r"\ldots": "…", r"\dots": "…",
    r"\textendash": "–", r"\textemdash": "—", r"\times": "×", r"\leq": "≤", r"\geq": "≥", r"\pm": "±",
}
_ESCAPES = {"\\&": "&", "\\%": "%", "\\_": "_", "\\#": "#", "\\$": "\u0000", "\\{": "{", "\\}": "}", "~": " ", "``": "“", "''": "”"}
_STYLES = [
    (re.compile(r"\\(?:textbf|bf|bfseries)\{([^{}]*)\}"), r"**\1**"),
    (re.compile(r"\\(?:emph|textit|textsl|it|itshape)\{([^{}]*)\}"), r"*\1*"),
    (re.compile(r"\\(?:texttt|code|path|file)\{([^{}]*)\}"), r"`\1`"),
    (re.compile(r"\\(?:verb|lstinline)([^\w\s])(.*?)\1"), r"`\2`"),
    (re.compile(r"\\url\{([^{}]*)\}"), r"<\1>"),
    (re.compile(r"\\href\{([^{}]*)\}\{([^{}]*)\}"), r"[\2](\1)"),
]
_COMMAND_ARG = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?\{([^{}]*)\}")
_COMMAND = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?")


def inline(text: str) -> str:
    r"""A line of LaTeX's text as the words (or the Markdown) it shows.

    >>> inline(r"\textbf{Model didn't converge?}\\ $\rightarrow$ Try \texttt{side}, see \href{https://x.test}{the guide} % note")
    "**Model didn't converge?** → Try `side`, see [the guide](https://x.test)"
    """
    text = _COMMENT.sub("", text).replace("\\\\", " ")
    for symbol, shown in _SYMBOLS.items():
        text = re.sub(re.escape(symbol) + r"(?![A-Za-z])", shown, text)
    for escape, shown in _ESCAPES.items():
        text = text.replace(escape, shown)
    for pattern, markdown in _STYLES:
        text = pattern.sub(markdown, text)
    for _ in range(8):  # commands nested in commands, innermost first; deeper nesting (no checklist's) left as braces
        text, found = _COMMAND_ARG.subn(r"\1", text)
        if not found:
            break
    text = _COMMAND.sub("", text).replace("$", "").replace("{", "").replace("}", "").replace("\u0000", "$")
    return " ".join(text.split())


def _box(label: str | None, boxed: bool) -> str | None:
    """The box an item's label draws ('[ ] ', '[x] ', '[-] '), '' for none (a term or a number), None when the label
    is no box: a description's term."""
    if label is None:
        return "[ ] " if boxed else ""
    if re.fullmatch(_OPEN_LABELS, label.strip()):
        return "[ ] "
    if re.fullmatch(_DONE_LABELS, label.strip()):
        return "[x] "
    if re.fullmatch(_CROSS_LABELS, label.strip()):
        return "[-] "
    return None


def latex(lines: list[str]) -> list[str]:
    r"""A LaTeX file as the Markdown it means, line for line.

    >>> latex([r"\documentclass{article}", r"\begin{document}", r"\section{Launch}", r"\begin{todolist}",
    ...        r"  \item[\done] Frame the problem", r"  \item Write it % soon", r"  \begin{itemize}", r"    \item[$\square$] Test",
    ...        r"  \end{itemize}", r"  \item[\wontfix] profit", r"\end{todolist}", r"\end{document}"])
    ['', '', '## Launch', '', '- [x] Frame the problem', '- [ ] Write it', '', '  - [ ] Test', '', '- [-] profit', '', '']
    """
    out = [""] * len(lines)
    body = not any(_BEGIN.match(line) and _BEGIN.match(line).group(1) == "document" for line in lines)  # type: ignore[union-attr]
    stack: list[str] = []  # the open environments, outermost first
    verbatim = ""
    for number, line in enumerate(lines):
        if verbatim:
            end = _END.match(line)
            out[number] = "```" if end and end.group(1) == verbatim else line
            verbatim = "" if end and end.group(1) == verbatim else verbatim
            continue
        begin, end = _BEGIN.match(line), _END.match(line)
        if begin and begin.group(1) == "document":
            body = True
        elif not body or (end and end.group(1) == "document"):
            continue
        elif begin:
            verbatim = begin.group(1) if _VERBATIM.match(begin.group(1)) else ""
            out[number] = "```" if verbatim else inline(begin.group(3)) if not _LEFT_OUT.match(begin.group(1)) else ""
            stack.append(begin.group(1))
        elif end:
            stack.pop() if end.group(1) in stack and stack[-1] == end.group(1) else None
        elif any(_LEFT_OUT.match(env) for env in stack):
            continue
        else:
            out[number] = _line(line, stack)
    return out


def _line(line: str, stack: list[str]) -> str:
    lists = [env for env in stack if _LISTS.match(env)]
    section, title, item = _SECTION.match(line), _TITLE.match(line), _ITEM.match(line)
    if section:
        return f"{'#' * _LEVEL[section.group(1)]} {inline(section.group(2))}"
    if title:
        return f"# {inline(title.group(1))}"
    if item and lists:
        env = lists[-1].lower()
        box = _box(item.group(2), "todo" in env or "check" in env or "task" in env)
        marker = "1." if env.startswith("enum") and not box else "-"
        term = f"**{inline(item.group(2))}** " if box is None and item.group(2) else ""
        return "  " * (len(lists) - 1) + f"{marker} {box or ''}{term}{inline(item.group(3))}".rstrip()
    if re.match(r"^\s*\\(?:maketitle|tableofcontents|newpage|clearpage|label|vspace|hspace|bigskip|medskip|smallskip|noindent)\b", line):
        return ""
    text = inline(line)
    return "  " * len(lists) + text if lists and text else text


def latex_lists(lines: list[str], changed: list[int] | None = None) -> list[str]:
    r"""In Markdown, a LaTeX list whose items open with a box ('\item[$\square$] Check the ICC', as pandoc passes raw
    LaTeX through to a PDF): the task list it typesets; the environment's lines around it left out.

    >>> latex_lists(["Checks:", r"\begin{itemize}[leftmargin=*]", r"\item[$\square$] \textbf{Converged?}\\", "Try again", r"\end{itemize}"])
    ['Checks:', '', '- [ ] **Converged?**', '  Try again', '']
    """
    out = list(lines)
    number = 0
    while number < len(lines):
        begin = _BEGIN.match(lines[number])
        if not begin or not _LISTS.match(begin.group(1)):
            number += 1
            continue
        end = next((n for n in range(number + 1, len(lines)) if (e := _END.match(lines[n])) and e.group(1) == begin.group(1)), None)
        if end is None:
            break
        span = lines[number : end + 1]
        if any((item := _ITEM.match(line)) and item.group(2) is not None and _box(item.group(2), False) for line in span):
            out[number : end + 1] = latex(span)
            if changed is not None:
                changed.append(number + 1)
        number = end + 1
    return out
