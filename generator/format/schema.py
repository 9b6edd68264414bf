"""The checklist format, declared once: it builds the model from nodes and exports the JSON Schema."""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass
from typing import Any, Callable

from . import model
from ..errors import Issue, Loc
from .load import Mapping, Node, Scalar, Sequence

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
MAX_ID = 64
MAX_TEXT = 500
MAX_MARKDOWN = 4000
MAX_DEPTH = 3  # an item, its sub-items and theirs


@dataclass(frozen=True)
class Field:
    """One key of a mapping in the format."""

    name: str
    type: str  # id | text | line | bool | date | int | enum | object | list
    doc: str
    required: bool = False
    spec: Spec | None = None  # for object and list-of-object
    example: Any = None
    enum: Any = None  # for type enum: the Enum class the value becomes

    @property
    def choices(self) -> tuple[str, ...]:
        """The values an enum field accepts: its Enum's values."""
        return tuple(member.value for member in self.enum) if self.enum else ()


@dataclass(frozen=True)
class Spec:
    """A kind of mapping in the format, and the model class it builds."""

    name: str
    cls: Callable[..., Any]
    doc: str
    fields: tuple[Field, ...]
    shorthand: str | None = None  # a plain text in place of the mapping sets this field

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


ITEM_FIELDS: list[Field] = [
    Field("id", "id", "Stable id: the item's URL anchor. Lowercase letters, digits and hyphens.", True, example="firebase-auth-prod"),
    Field("text", "text", "What to check, in one line. Inline Markdown (emphasis, `code`, links) is allowed.", True),
    Field("critical", "bool", "A critical item must not be skipped; it carries a Critical badge.", example=True),
    Field("target", "line", "A target value for a metric, shown after the text.", example="<1%"),
    Field("ordered", "bool", "Number the sub-items (a sequence that must be followed in order)."),
    Field("alarm", "bool", "The item is a monitoring alarm: a runbook must answer it (see runbooks.yaml)."),
    Field("priority", "enum", "The item's own priority, where it differs from its section's.", enum=model.Priority),
    Field("details", "markdown", "More about the item: paragraphs, notes, code blocks, links. Shown under it on the runbook page."),
    Field("former_ids", "ids", "Ids this item had before: links to them keep landing here.", example=["old-item-id"]),
]
ITEM = Spec("item", model.Item, "A check box.", ())
# An item holds items: tie the recursive knot once, at import.
object.__setattr__(ITEM, "fields", (*ITEM_FIELDS, Field("items", "list", "Sub-items, indented under this one.", spec=ITEM)))
ITEM_LIST = Spec(
    "item_list",
    model.ItemList,
    "A labelled list of check boxes inside a group, such as 'Database List'.",
    (
        Field("id", "id", "Stable id: the list's URL anchor.", True),
        Field("label", "line", "The list's label.", True, example="Database List"),
        Field("items", "list", "The list's check boxes.", True, spec=ITEM),
    ),
)
_GROUP_FIELDS = (
    Field("id", "id", "Stable id: the group's URL anchor.", True, example="authentication"),
    Field("title", "line", "The group's heading.", True, example="Authentication & Authorization"),
    Field("items", "list", "The group's check boxes.", True, spec=ITEM),
    Field("lists", "list", "Labelled lists of check boxes after the items.", spec=ITEM_LIST),
    Field("former_ids", "ids", "Ids this group had before: links to them keep landing here."),
)
GROUP = Spec(
    "group",
    model.Group,
    "A group of items that is signed off together.",
    (
        *_GROUP_FIELDS,
        Field("signoff", "bool", "Whether the group has a sign-off block (name, date). Default: true."),
        Field("priority", "enum", "The group's own priority, where it differs from its section's: post-launch work never blocks the launch.", enum=model.Priority),
    ),
)
PART_GROUP = Spec("part_group", lambda **kw: model.Group(signoff=False, **kw), "A group of items without a sign-off.", _GROUP_FIELDS)
SECTION = Spec(
    "section",
    model.Section,
    "A numbered section: one runbook page and one sign-off sheet.",
    (
        Field("id", "id", "Stable id: the section's page name in URLs.", True, example="security"),
        Field("title", "line", "The section's title.", True, example="Security"),
        Field("priority", "enum", "How urgent the section is.", True, enum=model.Priority),
        Field("icon", "line", "An emoji shown before the title.", example="🔐"),
        Field("notes", "markdown", "Text shown under the section's title (the importer keeps prose it could not place here)."),
        Field("groups", "list", "The section's groups.", True, spec=GROUP),
        Field("former_ids", "ids", "Ids this section had before: its old page URL redirects here."),
    ),
)
PART = Spec(
    "part",
    model.Part,
    "A page of groups outside the numbered sections.",
    (
        Field("id", "id", "Stable id: the page name in URLs.", True),
        Field("title", "line", "The page title.", True),
        Field("period", "line", "When it applies, shown after the title.", example="First 30 Days"),
        Field("groups", "list", "The groups.", True, spec=PART_GROUP),
    ),
)
ROLE = Spec("role", model.Role, "An approver role.", (Field("id", "id", "Stable id.", True), Field("title", "line", "The role's name.", True, example="Tech Lead")))
APPROVAL = Spec(
    "approval",
    model.Approval,
    "The approval table: each role signs with name, signature and date.",
    (Field("id", "id", "Stable id: the table's anchor.", True), Field("title", "line", "Heading.", True), Field("roles", "list", "The approver roles.", True, spec=ROLE)),
)
OPTION = Spec(
    "option",
    model.Option,
    "One box of the Go / No-Go decision.",
    (
        Field("id", "id", "Stable id: the box's anchor.", True),
        Field("label", "line", "Short label.", True, example="GO"),
        Field("text", "text", "What choosing it means.", True),
        Field("icon", "line", "An emoji shown before the label."),
    ),
)
DECISION = Spec(
    "decision",
    model.Decision,
    "The Go / No-Go decision.",
    (
        Field("id", "id", "Stable id: the decision's anchor.", True),
        Field("title", "line", "Heading.", True),
        Field("options", "list", "The boxes to tick.", True, spec=OPTION),
        Field("notes", "line", "Label of the notes box.", example="Notes / Blockers"),
        Field("notes_hint", "line", "What to write in the notes box."),
    ),
)
FINAL = Spec(
    "final_signoff",
    model.FinalSignoff,
    "The final sign-off page: approvals and the Go / No-Go decision.",
    (Field("title", "line", "Page title."), Field("approval", "object", "The approval table.", True, spec=APPROVAL), Field("decision", "object", "The decision.", True, spec=DECISION)),
)
STEP = Spec(
    "step",
    model.Step,
    "One step of the rollback procedure.",
    (
        Field("id", "id", "Stable id: the step's anchor.", True),
        Field("title", "line", "Short name of the step.", True, example="Decision"),
        Field("text", "text", "What to do.", True),
        Field("who", "line", "Who acts or decides.", example="Tech Lead + Product Manager"),
    ),
)
ROLLBACK = Spec(
    "rollback",
    model.Rollback,
    "The rollback procedure: ordered steps.",
    (
        Field("id", "id", "Stable id: the page name in URLs.", True),
        Field("title", "line", "Page title.", True),
        Field("when", "line", "When to roll back."),
        Field("steps", "list", "The steps, in order.", True, spec=STEP),
    ),
)
LEGEND = Spec("legend", model.Legend, "What the marks mean.", (Field("critical", "line", "What the Critical badge means."),))
CHECKLIST = Spec(
    "checklist",
    model.Checklist,
    "A launch checklist.",
    (
        Field("id", "id", "Stable id: the checklist's folder in URLs.", True, example="realserv-launch"),
        Field("title", "line", "The checklist's title.", True),
        Field("version", "line", "Version, quoted so YAML keeps it as text.", example="1.0"),
        Field("created", "date", "When the checklist was created, as YYYY-MM-DD.", example="2026-01-12"),
        Field("updated", "date", "Last updated, as YYYY-MM-DD.", example="2026-01-12"),
        Field("owner", "line", "Who owns the checklist."),
        Field("next_review", "line", "When it is reviewed next."),
        Field("legend", "object", "What the marks mean.", spec=LEGEND),
        Field("instructions", "list", "How to use the checklist, as check boxes.", spec=ITEM),
        Field("sections", "list", "The numbered sections.", True, spec=SECTION),
        Field("final_signoff", "object", "Approvals and the Go / No-Go decision.", spec=FINAL),
        Field("metrics", "object", "Metrics to track after launch.", spec=PART),
        Field("post_launch", "object", "Tasks after launch.", spec=PART),
        Field("rollback", "object", "The rollback procedure.", spec=ROLLBACK),
    ),
)

ACTION = Spec(
    "action",
    model.Action,
    "A step to take: plain text, or text with a shell command.",
    (
        Field("text", "text", "What to do.", True),
        Field("command", "line", "A command to run, shown as a copyable code block.", example="aws ecs describe-services --cluster prod"),
    ),
    shorthand="text",
)
LINK = Spec(
    "link",
    model.Link,
    "A link to a dashboard or document.",
    (Field("title", "line", "What the link shows.", True), Field("url", "url", "An http(s) address.", True, example="https://console.aws.amazon.com/cloudwatch/")),
)
RUNBOOK = Spec(
    "runbook",
    model.Runbook,
    "What the on-call engineer does when an alarm fires.",
    (
        Field("id", "id", "The alarm id: the runbook's URL is /runbooks/<id>/. Never reuse or change it without former_ids.", True, example="service-down"),
        Field("title", "line", "The alarm, as people name it.", True, example="Service down (health check fails)"),
        Field("item", "id", "Id of the checklist item (marked alarm: true) this runbook answers.", True),
        Field("severity", "enum", "How urgent the alarm is.", True, enum=model.Severity),
        Field("owner", "line", "Who acts first.", True, example="DevOps Lead (on-call)"),
        Field("alarm_name", "line", "The CloudWatch alarm's name. Default: the id."),
        Field(
            "alerts",
            "lines",
            "Names of the alerts (Prometheus, Grafana) this runbook answers, for `links --check` and `--fix`. Default: the alarm_name (or the id).",
            example=["HighErrorRate"],
        ),
        Field("metric", "line", "The metric the alarm watches."),
        Field("threshold", "line", "When the alarm fires."),
        Field("meaning", "markdown", "What the alarm means: condition, metric and threshold in words.", True),
        Field("impact", "markdown", "What users and the business feel.", True),
        Field("diagnosis", "list", "Steps to find the cause.", True, spec=ACTION),
        Field("mitigation", "list", "Steps to stop the harm.", True, spec=ACTION),
        Field("escalation", "list", "Whom to call, and when.", True, spec=ACTION),
        Field("related", "ids", "Ids of related checklist items."),
        Field("dashboards", "list", "Dashboards to open.", spec=LINK),
        Field("former_ids", "ids", "Ids this runbook had before: their URLs redirect here."),
    ),
)
RUNBOOKS = Spec(
    "runbooks",
    model.RunbookSet,
    "Alarm runbooks.",
    (
        Field("checklist", "id", "Id of the checklist whose items the runbooks link to.", True, example="realserv-launch"),
        Field("runbooks", "list", "The runbooks.", True, spec=RUNBOOK),
    ),
)

ITEM_STATE = Spec(
    "item_state",
    model.ItemState,
    "Where an item stands.",
    (
        Field("state", "enum", "open, done, n/a (not applicable) or waived.", True, enum=model.State),
        Field("by", "line", "Who did it, or decided it doesn't apply or may be skipped.", example="Priya"),
        Field("date", "date", "When, as YYYY-MM-DD.", example="2026-01-10"),
        Field("note", "line", "A deviation or remark; shown on the readiness page."),
        Field("reason", "line", "Why a waived item may be skipped (required for a waived item)."),
        Field("approver", "line", "Who accepted the risk of skipping (required for a waived critical item)."),
    ),
)
SIGNOFF = Spec(
    "signoff",
    model.Signoff,
    "A group's sign-off.",
    (Field("name", "line", "Who signed.", True), Field("date", "date", "When, as YYYY-MM-DD."), Field("note", "line", "Deviations noted at sign-off.")),
)
ROLE_APPROVAL = Spec(
    "role_approval",
    model.RoleApproval,
    "One approver's entry in the final sign-off.",
    (
        Field("name", "line", "The approver's name.", True),
        Field("decision", "enum", "go, no-go or pending. Default: go.", enum=model.Vote),
        Field("date", "date", "When, as YYYY-MM-DD."),
    ),
)
DECISION_RECORD = Spec(
    "decision_record",
    model.DecisionRecord,
    "The Go / No-Go decision as taken at the launch meeting.",
    (
        Field("decision", "enum", "go, no-go or pending.", True, enum=model.Vote),
        Field("by", "line", "Who announced it."),
        Field("date", "date", "When, as YYYY-MM-DD."),
        Field("blockers", "lines", "What blocks the launch (for no-go)."),
    ),
)
STATUS = Spec(
    "status",
    model.Status,
    "The recorded progress of a checklist.",
    (
        Field("checklist", "id", "Id of the checklist this file records.", True, example="realserv-launch"),
        Field("items", "idmap", "Item id -> its state.", spec=ITEM_STATE),
        Field("signoffs", "idmap", "Group id -> its sign-off.", spec=SIGNOFF),
        Field("approvals", "idmap", "Approver role id -> the approval.", spec=ROLE_APPROVAL),
        Field("decision", "object", "The Go / No-Go decision.", spec=DECISION_RECORD),
    ),
)

_KIND_NAMES = {"str": "text", "int": "a number", "float": "a number", "bool": "true/false", "null": "an empty value", "timestamp": "a date", "map": "a mapping", "seq": "a list"}


def _describe(node: Node) -> str:
    if isinstance(node, Mapping):
        return "a mapping"
    if isinstance(node, Sequence):
        return "a list"
    return _KIND_NAMES.get(node.kind, node.kind)


class Converter:
    """Builds model objects from nodes, collecting an Issue for every problem instead of stopping."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def error(self, loc: Loc, message: str, hint: str = "") -> None:
        self.issues.append(Issue(loc, message, hint))

    def build(self, spec: Spec, node: Node, where: str, depth: int = 0, extra: dict[str, Any] | None = None) -> Any:
        if spec.shorthand and isinstance(node, Scalar) and node.kind == "str":
            field = spec.field(spec.shorthand)
            assert field is not None
            value = self.scalar(field, node, f"{where} text")
            return None if value is _INVALID else spec.cls(**{spec.shorthand: value}, loc=node.loc)
        if spec.shorthand and isinstance(node, Mapping) and len(node.entries) == 1 and spec.field(node.entries[0][0].value) is None:
            key = node.entries[0][0]
            self.error(key.loc, f"'{key.value}: ...' reads as a key, not as the text of {where}", "quote a text that contains ': ', e.g. - \"Check this: that\"")
            return None
        if not isinstance(node, Mapping):
            self.error(node.loc, f"expected {where} to be a mapping of keys, but got {_describe(node)}", f"write it as 'key: value' lines ({', '.join(f.name for f in spec.fields[:3])}, ...)")
            return None
        values: dict[str, Any] = {}
        names = [f.name for f in spec.fields]
        label = where
        id_node = next((v for k, v in node.entries if k.value == "id"), None)
        if isinstance(id_node, Scalar) and id_node.kind == "str" and id_node.value:
            label = f"{where} '{id_node.value}'"
        ok = True
        for key, value in node.entries:
            field = spec.field(key.value)
            if field is None:
                close = difflib.get_close_matches(key.value, names, n=1, cutoff=0.6)
                hint = f"did you mean '{close[0]}'?" if close else f"allowed keys: {', '.join(names)}"
                self.error(key.loc, f"unknown key '{key.value}' in {label}", hint)
                ok = False
                continue
            converted = self.value(field, value, label, depth, spec)
            if converted is _INVALID:
                ok = False
            else:
                values[field.name] = converted
        for field in spec.fields:
            if field.required and field.name not in {k.value for k, _ in node.entries}:
                self.error(node.loc, f"missing required key '{field.name}' in {label}", f"add '{field.name}:' ({field.doc.rstrip('.').lower()})")
                ok = False
        if not ok:
            return None
        return spec.cls(**values, **(extra or {}), loc=node.loc)

    def value(self, field: Field, node: Node, owner: str, depth: int, parent: Spec) -> Any:
        where = f"'{field.name}' of {owner}"
        if field.type == "object":
            assert field.spec is not None
            built = self.build(field.spec, node, field.name, depth)
            return _INVALID if built is None else built
        if field.type == "idmap":
            assert field.spec is not None
            if isinstance(node, Scalar) and node.kind == "null":
                return ()
            if not isinstance(node, Mapping):
                self.error(node.loc, f"expected {where} to be a mapping of id: value, but got {_describe(node)}", "write one 'id: {...}' line per entry")
                return _INVALID
            id_field = Field("id", "id", "")
            built = []
            for key, value in node.entries:
                ident = self.scalar(id_field, key, f"a key of {where}")
                if ident is _INVALID:
                    built.append(None)
                    continue
                built.append(self.build(field.spec, value, f"{field.spec.name.replace('_', ' ')} '{ident}'", depth, extra={"id": ident}))
            return _INVALID if any(b is None for b in built) else tuple(built)
        if field.type == "lines":
            if not isinstance(node, Sequence):
                self.error(node.loc, f"expected {where} to be a list of texts, but got {_describe(node)}", "write each entry on its own line starting with '- '")
                return _INVALID
            line_field = Field(field.name, "line", field.doc)
            values = []
            for child in node.items:
                value = self.scalar(line_field, child, where) if isinstance(child, Scalar) else _INVALID
                if value is _INVALID:
                    if not isinstance(child, Scalar):
                        self.error(child.loc, f"expected text in {where}, but got {_describe(child)}", "write plain text")
                    return _INVALID
                values.append(value)
            return tuple(values)
        if field.type == "ids":
            if not isinstance(node, Sequence):
                self.error(node.loc, f"expected {where} to be a list of ids, but got {_describe(node)}", "write it as [old-id, older-id]")
                return _INVALID
            id_field = Field(field.name, "id", field.doc)
            values = []
            for child in node.items:
                if not isinstance(child, Scalar):
                    self.error(child.loc, f"expected an id in {where}, but got {_describe(child)}", "write plain ids")
                    return _INVALID
                value = self.scalar(id_field, child, where)
                if value is _INVALID:
                    return _INVALID
                values.append(value)
            return tuple(values)
        if field.type == "list":
            assert field.spec is not None
            if not isinstance(node, Sequence):
                self.error(node.loc, f"expected {where} to be a list, but got {_describe(node)}", "write each entry on its own line starting with '- '")
                return _INVALID
            nested = parent is ITEM and field.spec is ITEM
            if nested and depth + 1 >= MAX_DEPTH:
                self.error(node.loc, f"items are nested more than {MAX_DEPTH} levels deep in {owner}", "flatten the list: a check box may have sub-items, and those their own, but no deeper")
                return _INVALID
            child_depth = depth + 1 if nested else depth
            built = [self.build(field.spec, child, field.spec.name, child_depth) for child in node.items]
            if any(b is None for b in built):
                return _INVALID
            if field.required and not built:
                self.error(node.loc, f"{where} is empty", f"add at least one entry, or remove '{field.name}'")
                return _INVALID
            return tuple(built)
        if not isinstance(node, Scalar):
            self.error(node.loc, f"expected {where} to be {_TYPE_NAMES[field.type]}, but got {_describe(node)}", _TYPE_HINTS[field.type])
            return _INVALID
        return self.scalar(field, node, where)

    def scalar(self, field: Field, node: Scalar, where: str) -> Any:
        kind, text = node.kind, node.value
        if field.type == "bool":
            if kind != "bool":
                self.error(node.loc, f"expected {where} to be true or false, but got {_describe(node)} '{text}'", "write true or false without quotes")
                return _INVALID
            return text.lower() in ("true", "yes", "on")
        if field.type == "date":
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                self.error(node.loc, f"expected {where} to be a date (YYYY-MM-DD), but got '{text}'", "write the date as 2026-01-12")
                return _INVALID
        if kind == "null":
            self.error(node.loc, f"{where} is empty", f"give it a value ({_TYPE_NAMES[field.type]}), or remove the key")
            return _INVALID
        if kind not in ("str",) and field.type in ("id", "text", "line", "enum", "markdown", "url"):
            if field.type == "id":
                self.error(node.loc, f"expected {where} to be an id made of lowercase letters, digits and hyphens, but got {_describe(node)} '{text}'", f"start it with a letter, e.g. 'item-{text.lower()}'")
                return _INVALID
            # Numbers, dates and booleans are kept as the text written; quote them to be explicit.
            if field.type in ("text", "line", "markdown"):
                return text
        text = text.strip()
        if not text:
            self.error(node.loc, f"{where} is empty", "write the text, or remove the key")
            return _INVALID
        if field.type == "id":
            if len(text) > MAX_ID or not ID_RE.match(text):
                fixed = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:MAX_ID] or "item"
                self.error(node.loc, f"invalid id '{text}': ids are URL anchors made of lowercase letters, digits and single hyphens (at most {MAX_ID} characters)", f"use '{fixed}'")
                return _INVALID
        elif field.type == "enum":
            if text not in field.choices:
                close = difflib.get_close_matches(text.lower(), field.choices, n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(field.choices)}"
                self.error(node.loc, f"expected {where} to be one of {', '.join(field.choices)}, but got '{text}'", hint)
                return _INVALID
            return field.enum(text)
        elif field.type == "url":
            if not re.match(r"^https?://[^\s<>\"]+$", text):
                self.error(node.loc, f"expected {where} to be an http(s) address, but got '{text}'", "write a full address starting with https://")
                return _INVALID
        elif field.type == "markdown":
            if len(text) > MAX_MARKDOWN:
                self.error(node.loc, f"{where} is {len(text)} characters long, over the limit of {MAX_MARKDOWN}", "shorten it; link to longer documents")
                return _INVALID
        elif field.type in ("text", "line"):
            if "\n" in text:
                self.error(node.loc, f"{where} spans several lines; expected one line", "join the lines, or split the item into sub-items")
                return _INVALID
            if len(text) > MAX_TEXT:
                self.error(node.loc, f"{where} is {len(text)} characters long, over the limit of {MAX_TEXT}", "shorten it, or split it into sub-items")
                return _INVALID
        return text


_INVALID = object()
_TYPE_NAMES = {"id": "an id", "ids": "a list of ids", "lines": "a list of texts", "idmap": "a mapping of id: value", "markdown": "text", "url": "an http(s) address", "text": "text", "line": "text", "bool": "true or false", "date": "a date (YYYY-MM-DD)", "enum": "one of the listed values", "int": "a number"}
_TYPE_HINTS = {
    "id": "write a single id such as 'jwt-validation'",
    "ids": "write it as [old-id, older-id]",
    "lines": "write each entry on its own line starting with '- '",
    "idmap": "write one 'id: {...}' line per entry",
    "markdown": "write the text after the key; use '|' for several lines",
    "url": "write a full address starting with https://",
    "text": "write the text on one line after the key",
    "line": "write the text on one line after the key",
    "bool": "write true or false",
    "date": "write the date as 2026-01-12",
    "enum": "write one value",
    "int": "write a number",
}


def json_schema(spec: Spec | None = None) -> dict[str, Any]:
    """A format as JSON Schema (draft 2020-12), for editors and for docs/schema/."""
    spec = spec or CHECKLIST
    defs: dict[str, Any] = {}

    def prop(field: Field) -> dict[str, Any]:
        out: dict[str, Any]
        if field.type == "object":
            assert field.spec is not None
            out = {"$ref": f"#/$defs/{ref(field.spec)}"}
        elif field.type == "list":
            assert field.spec is not None
            out = {"type": "array", "items": {"$ref": f"#/$defs/{ref(field.spec)}"}}
            if field.required:
                out["minItems"] = 1
        elif field.type == "id":
            out = {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID}
        elif field.type in ("text", "line"):
            out = {"type": "string", "minLength": 1, "maxLength": MAX_TEXT, "pattern": "^[^\\n]*$"}
        elif field.type == "markdown":
            out = {"type": "string", "minLength": 1, "maxLength": MAX_MARKDOWN}
        elif field.type == "url":
            out = {"type": "string", "format": "uri", "pattern": "^https?://"}
        elif field.type == "ids":
            out = {"type": "array", "items": {"type": "string", "pattern": ID_PATTERN, "maxLength": MAX_ID}}
        elif field.type == "lines":
            out = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": MAX_TEXT}}
        elif field.type == "idmap":
            assert field.spec is not None
            out = {"type": ["object", "null"], "propertyNames": {"pattern": ID_PATTERN, "maxLength": MAX_ID}, "additionalProperties": {"$ref": f"#/$defs/{ref(field.spec)}"}}
        elif field.type == "bool":
            out = {"type": "boolean"}
        elif field.type == "date":
            out = {"type": "string", "format": "date"}
        elif field.type == "enum":
            out = {"enum": list(field.choices)}
        else:  # pragma: no cover - every type is handled above
            raise ValueError(field.type)
        out["description"] = field.doc
        if field.example is not None:
            out["examples"] = [field.example]
        return out

    def ref(spec: Spec) -> str:
        if spec.name not in defs:
            defs[spec.name] = {}
            defs[spec.name] = obj(spec)
        return spec.name

    def obj(spec: Spec) -> dict[str, Any]:
        out = {
            "type": "object",
            "description": spec.doc,
            "properties": {f.name: prop(f) for f in spec.fields},
            "required": [f.name for f in spec.fields if f.required],
            "additionalProperties": False,
        }
        if spec.shorthand:
            return {"description": spec.doc, "oneOf": [{"type": "string", "minLength": 1}, {k: v for k, v in out.items() if k != "description"}]}
        return out

    root = obj(spec)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{spec.name}.schema.json",
        "title": f"checklist-site {spec.name}",
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def _specs(root: Spec) -> list[Spec]:
    seen: list[Spec] = []

    def visit(spec: Spec) -> None:
        if spec in seen:
            return
        seen.append(spec)
        for f in spec.fields:
            if f.spec is not None:
                visit(f.spec)

    visit(root)
    return seen


_TYPE_WORDS = {"id": "id", "ids": "list of ids", "text": "text (one line, inline Markdown)", "line": "text", "markdown": "Markdown (several lines)", "url": "http(s) URL", "bool": "true/false", "date": "date YYYY-MM-DD", "lines": "list of texts"}


def reference_markdown() -> str:
    """The format reference for the README, generated from the same declarations as the loader."""
    out: list[str] = []
    for title, root in (("Checklist files", CHECKLIST), ("Runbook files", RUNBOOKS), ("Status files", STATUS)):
        out.append(f"#### {title}\n")
        for spec in _specs(root):
            shorthand = f" A plain text may stand for the whole entry (its `{spec.shorthand}`)." if spec.shorthand else ""
            out.append(f"`{spec.name}`: {spec.doc}{shorthand}\n")
            out.append("| key | type | required | meaning |")
            out.append("|---|---|---|---|")
            for f in spec.fields:
                if f.type == "enum":
                    kind = " \\| ".join(f"`{c}`" for c in f.choices)
                elif f.type == "list":
                    kind = f"list of `{f.spec.name}`"  # type: ignore[union-attr]
                elif f.type == "object":
                    kind = f"`{f.spec.name}`"  # type: ignore[union-attr]
                elif f.type == "idmap":
                    kind = f"id: `{f.spec.name}`"  # type: ignore[union-attr]
                else:
                    kind = _TYPE_WORDS[f.type]
                doc = f.doc.replace("|", "\\|")
                out.append(f"| `{f.name}` | {kind} | {'yes' if f.required else ''} | {doc} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
