"""Markdown checklist -> checklist YAML, with a real CommonMark parser (markdown-it-py).

Headings give the title, sections and groups; task items (any list marker, checked or not, nested,
ordered) give items; bold labels followed by a list give labelled lists; sign-off lines, metadata,
approval tables, Go/No-Go boxes and numbered procedures are recognised. Whatever cannot be placed is
kept as prose on its section and reported, never dropped silently.
"""

from __future__ import annotations

import datetime
import json
import re
import textwrap
from dataclasses import dataclass, field
from typing import Any

from ..site.layout import RESERVED_PAGES
from .mojibake import repair

STOP = {"the", "a", "an", "and", "or", "of", "in", "for", "all", "with", "is", "be", "at", "as", "by", "not", "just", "if", "per", "least", "once", "e", "g", "etc", "via", "from"}
PRIORITIES = {"critical": "critical", "high": "high", "medium": "medium", "low": "low", "post-launch": "post-launch", "post launch": "post-launch"}
CRITICAL_MARKS = ("🔴", ":red_circle:", "❗", "(!)")
META_KEYS = {"version": "version", "checklist version": "version", "last updated": "updated", "updated": "updated", "owner": "owner", "next review": "next_review", "created": "created"}
ROLE_WORDS = re.compile(r"\b(lead|manager|cto|eng|owner|team|on-call|oncall|sre|admin)\b", re.I)
PLAIN = re.compile(r"^[A-Za-z0-9(/][^:#,\[\]{}\"]*$")


@dataclass
class Imported:
    doc: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    ticked: int = 0


class Ids:
    """Readable, unique ids derived from text."""

    def __init__(self) -> None:
        self.used: set[str] = set(RESERVED_PAGES)

    def make(self, text: str, words: int = 4, prefix: str = "") -> str:
        t = text.lower().replace("'", "").replace("&", " and ").replace("₹", "inr ").replace("→", " to ")
        t = re.sub(r"\(.*?\)", lambda m: m.group(0) if len(m.group(0)) < 18 else "", t)
        kept = [w for w in re.findall(r"[a-z0-9]+", t) if w not in STOP]
        base = "-".join(([prefix] if prefix else []) + kept[:words]) or "item"
        base = base[:56].strip("-")
        ident, n = base, 2
        while ident in self.used:
            ident, n = f"{base}-{n}", n + 1
        self.used.add(ident)
        return ident


def _inline_text(source: str) -> str:
    """One line of Markdown as our texts keep it: repaired, whitespace folded."""
    return " ".join(repair(source).split())


def _strip_emoji_prefix(text: str) -> tuple[str, str]:
    """('🔐', 'SECTION 1: ...') from '🔐 SECTION 1: ...'; leftover garbling is dropped."""
    match = re.match(r"^([^A-Za-z0-9\s(\[*`\"']+)\s+(.*)$", text)
    if not match:
        return "", text
    icon = match.group(1).strip()
    if any(0x80 <= ord(ch) <= 0xFF for ch in icon):  # still garbled after repair: unknowable, drop it
        icon = "\ufffd"
    return icon, match.group(2)


def _trailing_paren(text: str) -> tuple[str, str] | None:
    """('Watch dashboards', 'DevOps Lead (on-call)') from 'Watch dashboards (DevOps Lead (on-call))'."""
    if not text.endswith(")"):
        return None
    depth = 0
    for pos in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[pos], 0)
        if depth == 0:
            return (text[:pos].rstrip(), text[pos + 1 : -1]) if pos > 0 and text[pos - 1] == " " else None
    return None


def _title(text: str) -> str:
    return text.title() if text.isupper() else text


BADGE = re.compile(r"\s*!\[([^\]]*)\]\([^)]*\)")
NAV_LINK = re.compile(r"back to top|\]\(#(top|table-of-contents|contents)\)|href=\"#top\"|^\s*<a name=\"[^\"]*\"\s*>\s*</a>\s*$", re.I)


def _badges(text: str) -> tuple[str, str | None]:
    """Heading text without badge images, and the priority a badge names (High/Medium/Low)."""
    priority = None
    for alt in BADGE.findall(text):
        found = re.search(r"\b(critical|high|medium|low)\b", alt, re.I)
        if found:
            priority = found.group(1).lower()
    return BADGE.sub("", text).strip(), priority


class Importer:
    def __init__(self, source: str, name: str = "checklist") -> None:
        from markdown_it import MarkdownIt
        from markdown_it.tree import SyntaxTreeNode

        self.lines = source.splitlines()
        self.tree = SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(source))
        self.ids = Ids()
        self.result = Imported({})
        self.name = name
        self.doc: dict[str, Any] = {}
        self.block: dict[str, Any] | None = None  # the current h2 block
        self.kind = "preamble"
        self.group: dict[str, Any] | None = None
        self.label: str | None = None
        self.sections: list[dict[str, Any]] = []
        self.pending_notes: list[str] = []  # prose before the first section
        self.hint: str | None = None  # a block kind announced by an exporter comment

    # ---- helpers
    def warn(self, node: Any, what: str) -> None:
        line = node.map[0] + 1 if getattr(node, "map", None) else 0
        self.result.warnings.append(f"{self.name}:{line}: {what}")

    def source_of(self, node: Any) -> str:
        start, end = node.map
        return textwrap.dedent("\n".join(self.lines[start:end])).strip()

    def keep_prose(self, node: Any, why: str) -> None:
        """Text we could not place: kept as notes of the current section (or the first one)."""
        text = repair(self.source_of(node))
        if not text:
            return
        target = self.block if self.kind == "section" and self.block is not None else None
        if target is None:
            self.pending_notes.append(text)
        else:
            target["notes"] = (target.get("notes", "") + "\n\n" + text).strip()
        self.warn(node, f"{why}; kept as prose on the section: {text.splitlines()[0][:60]!r}")

    # ---- items
    def item(self, node: Any, depth: int) -> dict[str, Any] | None:
        """A task list item, or None when the list item has no check box."""
        children = list(node.children)
        if not children or children[0].type != "paragraph":
            return None
        raw = children[0].children[0].content if children[0].children else ""
        first_line, _, rest_lines = raw.partition("\n")
        match = re.match(r"^\[([ xX])\]\s+(.*)$", first_line)
        if not match:
            return None
        if match.group(1) in "xX":
            self.result.ticked += 1
        text = _inline_text(match.group(2) + (" " + rest_lines if rest_lines else ""))
        out: dict[str, Any] = {"id": "", "text": text}
        for mark in CRITICAL_MARKS:
            if text.startswith(mark) or f" {mark} " in f" {text} ":
                out["critical"] = True
                text = " ".join(text.replace(mark, " ").split())
        priority = re.search(r"!\[(?:priority[-: ]*)?(critical|high|medium|low)[^\]]*\]\([^)]*\)|\*\*\[?(critical|high|medium|low)\]?\*\*|\((?:priority: *)(critical|high|medium|low)\)", text, re.I)
        if priority:
            level = next(g for g in priority.groups() if g).lower()
            if level == "critical":
                out["critical"] = True
            else:
                out["priority"] = level
            text = " ".join((text[: priority.start()] + text[priority.end() :]).split())
        target = re.match(r"^(.*) \(target: (.+)\)$", text)
        if target:
            text, out["target"] = target.group(1), target.group(2)
        out["text"] = text
        out["id"] = self.ids.make(text, 4 if depth == 0 else 3)
        details: list[str] = []
        subs: list[dict[str, Any]] = []
        for child in children[1:]:
            if child.type in ("bullet_list", "ordered_list") and depth < 2:
                items = [self.item(li, depth + 1) for li in child.children]
                if all(items):
                    subs += items  # type: ignore[arg-type]
                    if child.type == "ordered_list":
                        out["ordered"] = True
                    continue
            details.append(self.source_of(child))
        if details:
            out["details"] = repair("\n\n".join(details))
        if subs:
            out["items"] = subs
        return out

    def items(self, node: Any) -> tuple[list[dict[str, Any]], list[Any]]:
        found, other = [], []
        for li in node.children:
            item = self.item(li, 0)
            (found if item else other).append(item or li)
        return found, other

    # ---- blocks
    def start_h2(self, node: Any) -> None:
        raw, badge_priority = _badges(_inline_text(node.children[0].content))
        icon, text = _strip_emoji_prefix(raw)
        if self.label:
            self.warn(node, f"the label {self.label!r} had no list after it; left out")
        low = text.lower()
        self.group, self.label = None, None
        numbered = re.match(r"^section\s+\d+", low) is not None
        hint, self.hint = self.hint, None
        if hint:
            self.start_kind(hint, node, icon, text, badge_priority)
            return
        if numbered:
            pass
        elif low in ("table of contents", "contents", "toc", "index"):
            self.kind, self.block = "toc", None
            self.warn(node, "the table of contents was left out (the site has its own navigation)")
            return
        elif "how to use" in low:
            self.kind, self.block = "instructions", None
            return
        elif "sign-off" in low or "sign off" in low or "approval" in low:
            self.kind = "final"
            self.block = self.doc.setdefault("final_signoff", {"title": _title(re.sub(r"^[^\w]*", "", text)).replace("Sign-Off", "Sign-off")})
            return
        elif low.startswith("metrics"):
            self.kind = "part"
            title, period = (re.match(r"^(.*?)\s*\((.*)\)$", text) or re.match(r"^(.*)()$", text)).groups()  # type: ignore[union-attr]
            self.block = {"id": self.ids.make(title, 1), "title": _title(title).replace("To Track", "to Track"), **({"period": _title(period)} if period else {}), "groups": []}
            self.doc["metrics"] = self.block
            return
        elif "post-launch" in low or "post launch" in low:
            self.kind = "part"
            self.block = {"id": "post-launch", "title": _title(text), "groups": []}
            self.ids.used.add("post-launch")
            self.doc["post_launch"] = self.block
            return
        elif "rollback" in low:
            self.kind = "rollback"
            title = re.sub(r"^appendix:\s*", "", text, flags=re.I)
            self.block = {"id": self.ids.make(title, 1), "title": _title(title), "steps": []}
            self.doc["rollback"] = self.block
            return
        match = re.match(r"^(?:section\s+\d+\s*[:.]\s*)?(.*?)(?:\s*\(([^)]*)\))?$", text, re.I)
        title, priority = match.groups() if match else (text, None)  # type: ignore[misc]
        prio = PRIORITIES.get((priority or "").lower().replace(" priority", "").strip()) or badge_priority
        self.kind = "section"
        if icon == "\ufffd":
            self.warn(node, "the heading's emoji is garbled beyond repair; left out")
            icon = ""
        self.block = {"id": self.ids.make(title, 2), "title": _title(title), **({"icon": icon} if icon else {}), "priority": prio or "medium", "groups": []}
        if priority and not prio:
            self.block["title"] = _title(text)
        if not prio and priority is None:
            self.block["priority"] = "medium"
        self.sections.append(self.block)
        if self.pending_notes:
            self.block["notes"] = "\n\n".join(self.pending_notes)
            self.pending_notes = []

    def current_group(self, node: Any) -> dict[str, Any]:
        if self.group is None:  # items directly under a section: a group named after it
            assert self.block is not None
            self.group = {"id": self.ids.make(self.block["title"] + " items", 3), "title": self.block["title"], "items": []}
            self.block["groups"].append(self.group)
            if self.kind == "section":
                self.group["signoff"] = False
        return self.group

    def run(self) -> Imported:
        for node in self.tree.children:
            handler = getattr(self, f"on_{node.type}", None)
            if handler is None:
                self.keep_prose(node, f"a {node.type.replace('_', ' ')} the importer does not place")
            else:
                handler(node)
        return self.finish()

    def on_hr(self, node: Any) -> None:
        pass

    def on_heading(self, node: Any) -> None:
        level = int(node.tag[1])
        text = _inline_text(node.children[0].content)
        if level == 1 and "title" not in self.doc:
            self.doc["title"] = _strip_emoji_prefix(_badges(text)[0])[1]
            self.doc["id"] = self.ids.make(self.doc["title"], 3)
        elif level <= 2:
            self.start_h2(node)
        elif self.kind in ("section", "part") and self.block is not None:
            self.group = {"id": self.ids.make(text, 3), "title": _strip_emoji_prefix(text)[1], "items": []}
            if self.kind == "section":
                self.group["signoff"] = False  # until a sign-off line is seen
            self.block["groups"].append(self.group)
            self.label = None
        elif self.kind == "final":
            self.final_part = text.lower()
        else:
            self.keep_prose(node, "a heading outside any section")

    def on_paragraph(self, node: Any) -> None:
        text = repair(node.children[0].content if node.children else "")
        if NAV_LINK.search(text) and len(text) < 120:
            self.warn(node, "a navigation link ('back to top') was left out")
            return
        pairs = [re.match(r"^\*\*([^*]+?)\*\*:?\s*:?\s*(.*?)\s*$", line) for line in text.splitlines()]
        if pairs and all(p and p.group(1).strip(": ").lower() in META_KEYS for p in pairs):
            for p in pairs:
                assert p is not None
                key = META_KEYS[p.group(1).strip(": ").lower()]
                value = p.group(2).strip()
                if key in ("updated", "created"):
                    for fmt in ("%B %d, %Y", "%Y-%m-%d", "%d %B %Y", "%b %d, %Y"):
                        try:
                            value = datetime.datetime.strptime(value, fmt).date().isoformat()
                            break
                        except ValueError:
                            continue
                    else:
                        self.warn(node, f"could not read the date {value!r}; left out")
                        continue
                self.doc.setdefault(key, value)
            return
        if re.match(r"^\*\*sign[- ]?off\*\*", text, re.I) or re.match(r"^sign[- ]?off\s*:", text, re.I):
            if self.group is not None:
                self.group["signoff"] = True
                return
        label = re.match(r"^\*\*([^*]+)\*\*\s*:?\s*$", text)
        if label and self.kind in ("section", "part"):
            self.label = label.group(1).strip().rstrip(":")
            return
        if label and self.kind == "final":
            self.doc.setdefault("final_signoff", {}).setdefault("decision", {})["notes"] = label.group(1).strip().rstrip(":")
            return
        if self.kind == "rollback" and self.block is not None and not self.block["steps"]:
            self.block["when"] = text.strip().rstrip(":")
            return
        self.keep_prose(node, "a paragraph")

    def on_bullet_list(self, node: Any) -> None:
        self.on_list(node)

    def on_ordered_list(self, node: Any) -> None:
        self.on_list(node)

    def on_list(self, node: Any) -> None:
        if self.kind == "toc":
            return
        found, other = self.items(node)
        if self.kind == "instructions":
            self.doc.setdefault("instructions", []).extend({k: v for k, v in i.items() if k in ("id", "text")} for i in found)
        elif self.kind == "final":
            decision = self.doc["final_signoff"].setdefault("decision", {})
            decision.setdefault("id", self.ids.make("go no go", 3))
            decision.setdefault("title", "Go / No-Go Decision")
            for item in found:
                icon, rest = _strip_emoji_prefix(item["text"])
                m = re.match(r"^\*\*(.+?)\*\*\s*[-–:]\s*(.*)$", rest)
                label, text = (m.group(1), m.group(2)) if m else (rest.split(" ")[0], rest)
                self.ids.used.discard(item["id"])
                decision.setdefault("options", []).append({"id": self.ids.make(label, 2), "label": label, "text": text, **({"icon": icon} if icon else {})})
        elif self.kind == "rollback" and self.block is not None:
            for li in node.children:
                content = _inline_text(li.children[0].children[0].content) if li.children and li.children[0].children else ""
                m = re.match(r"^\*\*(.+?)\*\*\s*:?\s*(.*)$", content)
                title, text = (m.group(1).rstrip(":"), m.group(2)) if m else (content.split(":")[0], content)
                step: dict[str, Any] = {"id": self.ids.make(title, 2, prefix="rollback"), "title": title, "text": text}
                who = _trailing_paren(text)
                if who and ROLE_WORDS.search(who[1]):
                    step["text"], step["who"] = who
                self.block["steps"].append(step)
            return
        elif self.kind in ("section", "part") and self.block is not None:
            group = self.current_group(node)
            if self.label:
                group.setdefault("lists", []).append({"id": self.ids.make(self.label, 3), "label": self.label, "items": found})
                self.label = None
            elif group.get("lists"):
                self.warn(node, "items after a labelled list are added to the group's items")
                group["items"].extend(found)
            else:
                group["items"].extend(found)
        else:
            if found:
                self.warn(node, f"{len(found)} task item(s) before the first section; kept in a section 'General'")
                self.kind = "section"
                self.block = {"id": self.ids.make("general", 1), "title": "General", "priority": "medium", "groups": []}
                self.sections.append(self.block)
                self.current_group(node)["items"].extend(found)
        for li in other:
            self.keep_prose(li, "a list item without a check box")

    def on_table(self, node: Any) -> None:
        if self.kind == "final":
            roles = []
            for row in node.children[1].children if len(node.children) > 1 else []:
                cell = row.children[0]
                name = _inline_text(cell.children[0].content if cell.children else "").strip("* ")
                if name:
                    roles.append({"id": self.ids.make(name, 2), "title": name})
            final = self.doc["final_signoff"]
            final["approval"] = {"id": self.ids.make(getattr(self, "final_part", "approval"), 3), "title": _title(getattr(self, "final_part", "Approval").title()), "roles": roles}
            return
        self.keep_prose(node, "a table")

    def on_fence(self, node: Any) -> None:
        if self.kind == "final":
            hint = " ".join(node.content.split()).strip("[] ")
            if hint:
                self.doc["final_signoff"].setdefault("decision", {})["notes_hint"] = hint
            return
        self.keep_prose(node, "a code block")

    on_code_block = on_fence

    def start_kind(self, kind: str, node: Any, icon: str, text: str, priority: str | None) -> None:
        """A block the exporter labelled with a hint comment: its title is kept as written."""
        if kind == "instructions":
            self.kind, self.block = "instructions", None
        elif kind == "final":
            self.kind = "final"
            self.block = self.doc.setdefault("final_signoff", {"title": text})
        elif kind in ("metrics", "post-launch"):
            title, period = _trailing_paren(text) or (text, "")
            self.kind = "part"
            self.block = {"id": self.ids.make(title, 2), "title": title, **({"period": period} if period else {}), "groups": []}
            self.doc["metrics" if kind == "metrics" else "post_launch"] = self.block
        elif kind == "rollback":
            self.kind = "rollback"
            self.block = {"id": self.ids.make(text, 1), "title": text, "steps": []}
            self.doc["rollback"] = self.block
        else:
            self.warn(node, f"unknown checklist-site hint {kind!r}; read as a section")
            self.hint = None

    def on_html_block(self, node: Any) -> None:
        hint = re.match(r"^<!--\s*checklist-site:\s*([a-z-]+)\s*-->\s*$", node.content.strip())
        if hint:
            self.hint = hint.group(1)
            return
        if re.search(r"back to top|href=\"#", node.content, re.I):
            self.warn(node, "a navigation link ('back to top') was left out")
            return
        self.keep_prose(node, "raw HTML")

    def finish(self) -> Imported:
        doc = self.doc
        doc.setdefault("title", self.name)
        doc.setdefault("id", self.ids.make(doc["title"], 3))
        if self.pending_notes and self.sections:
            self.sections[0]["notes"] = ("\n\n".join(self.pending_notes) + "\n\n" + self.sections[0].get("notes", "")).strip()
        for section in self.sections:
            section["groups"] = [g for g in section["groups"] if g["items"] or g.get("lists")]
        kept = [s for s in self.sections if s["groups"]]
        for empty in (s for s in self.sections if not s["groups"]):
            self.result.warnings.append(f"{self.name}: section {empty['title']!r} has no check boxes; its text moves to the first section")
            if empty.get("notes") and kept:
                kept[0]["notes"] = (kept[0].get("notes", "") + f"\n\n{empty['title']}:\n\n" + empty["notes"]).strip()
        self.sections = kept
        doc["sections"] = self.sections
        final = doc.get("final_signoff")
        if final is not None and ("approval" not in final or "options" not in final.get("decision", {})):
            self.result.warnings.append(f"{self.name}: the final sign-off has no approval table or no Go/No-Go boxes; left out")
            doc.pop("final_signoff")
        if "instructions" in doc and any("🔴" in i["text"] for i in doc["instructions"]):
            doc.setdefault("legend", {"critical": "Critical item: don't skip it (marked 🔴 in the original checklist)."})
        if self.result.ticked:
            self.result.warnings.append(f"{self.name}: {self.result.ticked} item(s) were ticked; their state is not imported (record it with checklist-site mark)")
        self.result.doc = doc
        return self.result


def import_markdown(source: str, name: str = "checklist") -> Imported:
    return Importer(source, name).run()


# ---- YAML out: readable, one line per simple item, keys in the format's order
ORDER = ["id", "title", "version", "created", "updated", "owner", "next_review", "legend", "instructions", "sections", "final_signoff", "metrics", "post_launch", "rollback"]


def _q(value: Any) -> str:
    import yaml

    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if PLAIN.match(text) and not text.endswith(" ") and yaml.safe_load(text) == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def _emit(value: Any, indent: str, out: list[str], key_order: list[str] | None = None) -> None:
    """Block style, with single-line flow mappings for small leaf entries."""
    if isinstance(value, dict):
        for key in sorted(value, key=lambda k: (key_order or []).index(k) if key_order and k in key_order else 99):
            _emit_pair(key, value[key], indent, out)
    elif isinstance(value, list):
        for entry in value:
            if isinstance(entry, dict) and all(not isinstance(v, (dict, list)) and "\n" not in str(v) for v in entry.values()):
                out.append(f"{indent}- {{" + ", ".join(f"{k}: {_q(v)}" for k, v in entry.items()) + "}")
            elif isinstance(entry, dict):
                first = True
                for key in entry:
                    sub: list[str] = []
                    _emit_pair(key, entry[key], indent + "  ", sub)
                    if first:
                        sub[0] = indent + "- " + sub[0][len(indent) + 2 :]
                        first = False
                    out.extend(sub)
            else:
                out.append(f"{indent}- {_q(entry)}")


def _emit_pair(key: str, value: Any, indent: str, out: list[str]) -> None:
    if isinstance(value, (dict, list)):
        if not value:
            out.append(f"{indent}{key}: {'{}' if isinstance(value, dict) else '[]'}")
            return
        out.append(f"{indent}{key}:")
        _emit(value, indent + "  ", out)
    elif isinstance(value, str) and "\n" in value:
        out.append(f"{indent}{key}: |")
        out.extend(f"{indent}  {line}" if line else "" for line in value.splitlines())
    elif key in ("updated", "created"):
        out.append(f"{indent}{key}: {value}")
    elif key == "version":
        out.append(f"{indent}{key}: {json.dumps(str(value))}")
    else:
        out.append(f"{indent}{key}: {_q(value)}")


def to_yaml(doc: dict[str, Any], source_name: str) -> str:
    out = [
        "# yaml-language-server: $schema=../docs/schema/checklist.schema.json",
        f"# Imported from {source_name} by checklist-site import. Ids are URL anchors: keep them stable.",
        "",
    ]
    _emit(doc, "", out, ORDER)
    return "\n".join(out) + "\n"
