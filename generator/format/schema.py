"""The format's declaration: every field of checklist, runbook and status files, once; JSON Schema and reference from it.

To add a field: declare it here in its Spec (name, type, meaning, required, example) and give the
model class an attribute of the same name with its default (``model.py``); render it where it shows.
Its type (``types.py``) decides how it is read, how its text is made safe, and its JSON Schema.
"""

from __future__ import annotations

from typing import Any, Iterator

from . import model
from .types import (
    MAX_DEPTH,
    MAX_ID,
    MAX_MARKDOWN,
    MAX_TEXT,
    AddressType,
    Bool,
    Choice,
    Converter,
    Date,
    DateTime,
    Field,
    Id,
    IdMap,
    Ids,
    Line,
    Lines,
    List,
    Markdown,
    Object,
    PeriodType,
    PlainText,
    Spec,
    UrlType,
    VarName,
    values,
    walk,
)

__all__ = [
    "CHECKLIST",
    "RUNBOOKS",
    "STATUS",
    "ENTRY",
    "Converter",
    "Field",
    "Spec",
    "json_schema",
    "reference_markdown",
    "MAX_DEPTH",
    "MAX_ID",
    "MAX_MARKDOWN",
    "MAX_TEXT",
    "FILE_KINDS",
    "fields_of",
]

ITEM: Spec = Spec(
    "item",
    model.Item,
    "A check box.",
    (
        Field("id", Id(), "Stable id: the item's URL anchor. Lowercase letters, digits and hyphens.", True, example="firebase-auth-prod"),
        Field("text", Line(), "What to check, in one line. Inline Markdown (emphasis, `code`, links) is allowed.", True),
        Field("critical", Bool(), "A critical item must not be skipped; it carries a Critical badge.", example=True),
        Field("target", Line(), "A target value for a metric, shown after the text.", example="<1%"),
        Field("ordered", Bool(), "Number the sub-items (a sequence that must be followed in order)."),
        Field("alarm", Bool(), "The item is a monitoring alarm: a runbook must answer it (see runbooks.yaml)."),
        Field("priority", Choice(model.Priority), "The item's own priority, where it differs from its section's."),
        Field("details", Markdown(), "More about the item: paragraphs, notes, code blocks, links. Shown under it on the runbook page."),
        Field("former_ids", Ids(), "Ids this item had before: links to them keep landing here.", example=["old-item-id"]),
        Field("items", List(lambda: ITEM), "Sub-items, indented under this one."),  # an item holds items
    ),
)
ITEM_LIST = Spec(
    "item_list",
    model.ItemList,
    "A labelled list of check boxes inside a group, such as 'Database List'.",
    (
        Field("id", Id(), "Stable id: the list's URL anchor.", True),
        Field("label", Line(), "The list's label.", True, example="Database List"),
        Field("items", List(ITEM), "The list's check boxes.", True),
    ),
)
_GROUP_FIELDS = (
    Field("id", Id(), "Stable id: the group's URL anchor.", True, example="authentication"),
    Field("title", Line(), "The group's heading.", True, example="Authentication & Authorization"),
    Field("items", List(ITEM), "The group's check boxes.", True),
    Field("lists", List(ITEM_LIST), "Labelled lists of check boxes after the items."),
    Field("former_ids", Ids(), "Ids this group had before: links to them keep landing here."),
)
GROUP = Spec(
    "group",
    model.Group,
    "A group of items that is signed off together.",
    (
        *_GROUP_FIELDS,
        Field("signoff", Bool(), "Whether the group has a sign-off block (name, date). Default: true."),
        Field("priority", Choice(model.Priority), "The group's own priority, where it differs from its section's: post-launch work never blocks the launch."),
    ),
)
PART_GROUP = Spec("part_group", lambda **kw: model.Group(signoff=False, **kw), "A group of items without a sign-off.", _GROUP_FIELDS)
SECTION = Spec(
    "section",
    model.Section,
    "A numbered section: one runbook page and one sign-off sheet.",
    (
        Field("id", Id(), "Stable id: the section's page name in URLs.", True, example="security"),
        Field("title", Line(), "The section's title.", True, example="Security"),
        Field("priority", Choice(model.Priority), "How urgent the section is.", True),
        Field("icon", Line(PlainText), "An emoji shown before the title.", example="🔐"),
        Field("notes", Markdown(), "Text shown under the section's title (the importer keeps prose it could not place here)."),
        Field("groups", List(GROUP), "The section's groups.", True),
        Field("former_ids", Ids(), "Ids this section had before: its old page URL redirects here."),
    ),
)
PART = Spec(
    "part",
    model.Part,
    "A page of groups outside the numbered sections.",
    (
        Field("id", Id(), "Stable id: the page name in URLs.", True),
        Field("title", Line(), "The page title.", True),
        Field("period", Line(), "When it applies, shown after the title.", example="First 30 Days"),
        Field("groups", List(PART_GROUP), "The groups.", True),
    ),
)
ROLE = Spec(
    "role", model.Role, "An approver role.", (Field("id", Id(), "Stable id.", True), Field("title", Line(), "The role's name.", True, example="Tech Lead"))
)
APPROVAL = Spec(
    "approval",
    model.Approval,
    "The approval table: each role signs with name, signature and date.",
    (
        Field("id", Id(), "Stable id: the table's anchor.", True),
        Field("title", Line(), "Heading.", True),
        Field("roles", List(ROLE), "The approver roles.", True),
    ),
)
OPTION = Spec(
    "option",
    model.Option,
    "One box of the Go / No-Go decision.",
    (
        Field("id", Id(), "Stable id: the box's anchor.", True),
        Field("label", Line(), "Short label.", True, example="GO"),
        Field("text", Line(), "What choosing it means.", True),
        Field("icon", Line(PlainText), "An emoji shown before the label."),
    ),
)
DECISION = Spec(
    "decision",
    model.Decision,
    "The Go / No-Go decision.",
    (
        Field("id", Id(), "Stable id: the decision's anchor.", True),
        Field("title", Line(), "Heading.", True),
        Field("options", List(OPTION), "The boxes to tick.", True),
        Field("notes", Line(), "Label of the notes box.", example="Notes / Blockers"),
        Field("notes_hint", Line(PlainText), "What to write in the notes box."),
    ),
)
FINAL = Spec(
    "final_signoff",
    model.FinalSignoff,
    "The final sign-off page: approvals and the Go / No-Go decision.",
    (
        Field("title", Line(), "Page title."),
        Field("approval", Object(APPROVAL), "The approval table.", True),
        Field("decision", Object(DECISION), "The decision.", True),
    ),
)
_EXAMPLE = "The command (or contact) is an example to adapt: names the checklist does not give (a cluster, a log group, a channel) are guesses."
VARIABLE = Spec(
    "variable",
    model.Variable,
    "A value the commands use as $NAME, with how to find it; shown above the commands.",
    (
        Field("name", VarName(), "The variable's name, as the commands write it after '$'.", True, example="SERVICE"),
        Field("find", Line(), "How to find the value, in a sentence.", True, example="The ECS service named in the alarm, e.g. identity-service."),
        Field("example", Line(PlainText), "A value it may take.", example="identity-service"),
    ),
)
STEP = Spec(
    "step",
    model.Step,
    "One step of the rollback procedure.",
    (
        Field("id", Id(), "Stable id: the step's anchor.", True),
        Field("title", Line(), "Short name of the step.", True, example="Decision"),
        Field("text", Line(), "What to do.", True),
        Field("who", Line(PlainText), "Who acts or decides.", example="Tech Lead + Product Manager"),
        Field("command", Line(PlainText), "A command to run for the step, shown as a copyable code block.", example="aws ecs update-service --cluster prod"),
        Field("example", Bool(), _EXAMPLE),
    ),
)
ROLLBACK = Spec(
    "rollback",
    model.Rollback,
    "The rollback procedure: ordered steps.",
    (
        Field("id", Id(), "Stable id: the page name in URLs.", True),
        Field("title", Line(), "Page title.", True),
        Field("when", Line(), "When to roll back."),
        Field("steps", List(STEP), "The steps, in order.", True),
        Field("variables", List(VARIABLE), "The variables the steps' commands use ($NAME), with how to find each."),
    ),
)
LEGEND = Spec("legend", model.Legend, "What the marks mean.", (Field("critical", Line(), "What the Critical badge means."),))
CHECKLIST = Spec(
    "checklist",
    model.Checklist,
    "A launch checklist.",
    (
        Field("id", Id(), "Stable id: the checklist's folder in URLs.", True, example="realserv-launch"),
        Field("title", Line(), "The checklist's title.", True),
        Field("version", Line(PlainText), "Version, quoted so YAML keeps it as text.", example="1.0"),
        Field("created", Date(), "When the checklist was created, as YYYY-MM-DD.", example="2026-01-12"),
        Field("updated", Date(), "Last updated, as YYYY-MM-DD.", example="2026-01-12"),
        Field("owner", Line(PlainText), "Who owns the checklist."),
        Field("next_review", Line(PlainText), "When it is reviewed next."),
        Field("legend", Object(LEGEND), "What the marks mean."),
        Field("instructions", List(ITEM), "How to use the checklist, as check boxes."),
        Field("sections", List(SECTION), "The numbered sections.", True),
        Field("final_signoff", Object(FINAL), "Approvals and the Go / No-Go decision."),
        Field("metrics", Object(PART), "Metrics to track after launch."),
        Field("post_launch", Object(PART), "Tasks after launch."),
        Field("rollback", Object(ROLLBACK), "The rollback procedure."),
    ),
)

CONTACT = Spec(
    "contact",
    model.Contact,
    "Whom to reach, and how: at least one of phone, pager, chat or email.",
    (
        Field("role", Line(PlainText), "The role to reach.", True, example="Tech Lead"),
        Field("name", Line(PlainText), "The person's name, where there is one.", example="Priya"),
        Field("phone", AddressType("tel", "tel:+919812345678"), "A phone number, as a tel: address.", example="tel:+919812345678"),
        Field("pager", AddressType("https", "https://realserv.pagerduty.com/escalation_policies/P1"), "A paging link (PagerDuty, Opsgenie), https."),
        Field("chat", AddressType("https", "https://realserv.slack.com/archives/C01"), "A chat channel or conversation, https.", example="https://realserv.slack.com/archives/C01"),
        Field("email", AddressType("mailto", "mailto:oncall@realserv.com"), "An e-mail address, as a mailto: address."),
    ),
)
ACTION = Spec(
    "action",
    model.Action,
    "A step to take: plain text, or text with a shell command.",
    (
        Field("text", Line(), "What to do.", True),
        Field("command", Line(PlainText), "A command to run, shown as a copyable code block.", example="aws ecs describe-services --cluster prod"),
        Field("example", Bool(), _EXAMPLE),
        Field("contact", Object(CONTACT), "Whom to reach (escalation), with a phone, chat, pager or e-mail address."),
    ),
    shorthand="text",
)
LINK = Spec(
    "link",
    model.Link,
    "A link to a dashboard or document.",
    (
        Field("title", Line(), "What the link shows.", True),
        Field("url", UrlType(), "An http(s) address.", True, example="https://console.aws.amazon.com/cloudwatch/"),
    ),
)
RUNBOOK = Spec(
    "runbook",
    model.Runbook,
    "What the on-call engineer does when an alarm fires.",
    (
        Field("id", Id(), "The alarm id: the runbook's URL is /runbooks/<id>/. Never reuse or change it without former_ids.", True, example="service-down"),
        Field("title", Line(), "The alarm, as people name it.", True, example="Service down (health check fails)"),
        Field("item", Id(), "Id of the checklist item (marked alarm: true) this runbook answers.", True),
        Field("severity", Choice(model.Severity), "How urgent the alarm is.", True),
        Field("owner", Line(PlainText), "Who owns the runbook and acts first.", True, example="DevOps Lead (on-call)"),
        Field("alarm_name", Line(PlainText), "The CloudWatch alarm's name. Default: the id."),
        Field(
            "alerts",
            Lines(PlainText),
            "Names of the alerts (Prometheus, Grafana) this runbook answers, for `links --check` and `--fix`. Default: the alarm_name (or the id).",
            example=["HighErrorRate"],
        ),
        Field("metric", Line(), "The metric the alarm watches."),
        Field("threshold", Line(), "When the alarm fires."),
        Field("meaning", Markdown(), "What the alarm means: condition, metric and threshold in words.", True),
        Field("impact", Markdown(), "What users and the business feel.", True),
        Field("diagnosis", List(ACTION), "Steps to find the cause.", True),
        Field("mitigation", List(ACTION), "Steps to stop the harm.", True),
        Field("escalation", List(ACTION), "Whom to call, and when.", True),
        Field("related", Ids(), "Ids of related checklist items."),
        Field("dashboards", List(LINK), "Dashboards to open."),
        Field("former_ids", Ids(), "Ids this runbook had before: their URLs redirect here."),
        Field("variables", List(VARIABLE), "The variables its commands use ($NAME), with how to find each; `check` reports one not declared."),
        Field("last_reviewed", Date(), "When the owner last read it through and corrected it, as YYYY-MM-DD.", example="2026-01-12"),
        Field("review_every", PeriodType(), "How often it must be reviewed; past due, the page says so and `check` warns. Default: 3 months.", example="3m"),
        Field("last_exercised", Date(), "When it was last followed in a game day or drill, as YYYY-MM-DD."),
    ),
)
RUNBOOKS = Spec(
    "runbooks",
    model.RunbookSet,
    "Alarm runbooks.",
    (
        Field("checklist", Id(), "Id of the checklist whose items the runbooks link to.", True, example="realserv-launch"),
        Field("runbooks", List(RUNBOOK), "The runbooks.", True),
        Field(
            "stale_blocks_gate",
            Bool(),
            "Critical runbooks past their review date block `gate` and show as blockers on the readiness page. Default: false (they are listed).",
        ),
    ),
)

ITEM_STATE = Spec(
    "item_state",
    model.ItemState,
    "Where an item stands.",
    (
        Field("state", Choice(model.State), "open, done, n/a (not applicable) or waived.", True),
        Field("by", Line(PlainText), "Who did it, or decided it doesn't apply or may be skipped.", example="Priya"),
        Field("date", Date(), "When, as YYYY-MM-DD.", example="2026-01-10"),
        Field("note", Line(), "A deviation or remark; shown on the readiness page."),
        Field("reason", Line(), "Why a waived item may be skipped (required for a waived item)."),
        Field("approver", Line(PlainText), "Who accepted the risk of skipping (required for a waived critical item)."),
    ),
)
SIGNOFF = Spec(
    "signoff",
    model.Signoff,
    "A group's sign-off.",
    (
        Field("name", Line(PlainText), "Who signed.", True),
        Field("date", Date(), "When, as YYYY-MM-DD."),
        Field("note", Line(), "Deviations noted at sign-off."),
    ),
)
ROLE_APPROVAL = Spec(
    "role_approval",
    model.RoleApproval,
    "One approver's entry in the final sign-off.",
    (
        Field("name", Line(PlainText), "The approver's name.", True),
        Field("decision", Choice(model.Vote), "go, no-go or pending. Default: go."),
        Field("date", Date(), "When, as YYYY-MM-DD."),
    ),
)
DECISION_RECORD = Spec(
    "decision_record",
    model.DecisionRecord,
    "The Go / No-Go decision as taken at the launch meeting.",
    (
        Field("decision", Choice(model.Vote), "go, no-go or pending.", True),
        Field("by", Line(PlainText), "Who announced it."),
        Field("date", Date(), "When, as YYYY-MM-DD."),
        Field("blockers", Lines(), "What blocks the launch (for no-go)."),
    ),
)
STATUS = Spec(
    "status",
    model.Status,
    "The recorded progress of a checklist.",
    (
        Field("checklist", Id(), "Id of the checklist this file records.", True, example="realserv-launch"),
        Field("items", IdMap(ITEM_STATE), "Item id -> its state."),
        Field("signoffs", IdMap(SIGNOFF), "Group id -> its sign-off."),
        Field("approvals", IdMap(ROLE_APPROVAL), "Approver role id -> the approval."),
        Field("decision", Object(DECISION_RECORD), "The Go / No-Go decision."),
    ),
)

CHANGE = Spec(
    "change",
    model.Change,
    "One change: an item's state or note (item), a group's sign-off (signoff), an approver's decision (approval), "
    "the Go / No-Go decision (decision alone), an owner (assign), an attendee (attendee) or a run's start or close (run).",
    (
        Field("item", Id(), "The item whose state or note this records.", example="jwt-token-validation-working"),
        Field("state", Choice(model.State), "The item's new state: open (reopen), done, n/a or waived. Without it, a note only."),
        Field("note", Line(), "A remark (on an item, a sign-off or an approval); shown on the readiness page and in the minutes."),
        Field("reason", Line(), "Why a waived item may be skipped (required for waived)."),
        Field("approver", Line(PlainText), "Who accepted the risk of skipping (required to waive a critical item)."),
        Field("signoff", Id(), "The group signed off."),
        Field("with_open", Bool(), "The group is signed off although items are open (printed on its sheet)."),
        Field("name", Line(PlainText), "Who signed or approved, where not the recorder (default: by)."),
        Field("approval", Id(), "The approver role whose decision this records (with decision; default go)."),
        Field("decision", Choice(model.Vote), "go, no-go or pending: an approver's (with approval), or alone the meeting's Go / No-Go."),
        Field("blockers", Lines(), "What blocks the launch (with the Go / No-Go decision)."),
        Field("assign", Id(), "The item that gets an owner (with to, and due)."),
        Field("to", Line(PlainText), "The owner of the item."),
        Field("due", Date(), "When the item is due, as YYYY-MM-DD."),
        Field("attendee", Line(PlainText), "Someone at the launch meeting (for the minutes)."),
        Field("role", Line(PlainText), "The attendee's role."),
        Field("run", Choice(model.RunEvent), "start or close: `run start` opens the run this entry's folder holds, `run close` freezes it."),
        Field("revision", Line(PlainText), "With run start: the commit of data/ the run uses (when data/ is in git)."),
        Field("items", Ids(), "With run close: the checklist's item ids as the run ended (items added later are not in it)."),
    ),
)
ENTRY = Spec(
    "entry",
    model.Entry,
    "A record entry: one file in data/<checklist>.record/ (a run's in data/<checklist>.record/<run>/), never changed once written.",
    (
        Field("checklist", Id(), "Id of the checklist this entry records.", True, example="realserv-launch"),
        Field("by", Line(PlainText), "Who recorded.", True, example="Priya Sharma"),
        Field("at", DateTime(), "When, as a date and time with its zone.", True, example="2026-01-10T14:03:22+01:00"),
        Field("changes", List(CHANGE), "What was recorded, applied in order.", True),
    ),
)

FILE_KINDS = (("Checklist files", CHECKLIST), ("Runbook files", RUNBOOKS), ("Status files", STATUS))
# Record entries are read like the others; their texts land in the folded Status, which is walked as a status file.
REFERENCE_KINDS = (*FILE_KINDS, ("Record entries", ENTRY))


def fields_of(root: Any) -> Iterator[tuple[str, Any, Any]]:
    """(field name, value, owner) for every value of a loaded file (checklist, runbooks or status), by the declaration."""
    spec = next(spec for _, spec in FILE_KINDS if type(root) is spec.cls)
    return values(root, spec)


def json_schema(spec: Spec | None = None) -> dict[str, Any]:
    """A format as JSON Schema (draft 2020-12), for editors and for docs/schema/."""
    spec = spec or CHECKLIST
    defs: dict[str, Any] = {}

    def prop(field: Field) -> dict[str, Any]:
        out = field.type.schema(ref, field.required)
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


def reference_markdown() -> str:
    """The format reference for the README, generated from the same declarations as the loader."""
    out: list[str] = []
    for title, root in REFERENCE_KINDS:
        out.append(f"#### {title}\n")
        for spec in walk(root):
            shorthand = f" A plain text may stand for the whole entry (its `{spec.shorthand}`)." if spec.shorthand else ""
            out.append(f"`{spec.name}`: {spec.doc}{shorthand}\n")
            out.append("| key | type | required | meaning |")
            out.append("|---|---|---|---|")
            for f in spec.fields:
                doc = f.doc.replace("|", "\\|")
                out.append(f"| `{f.name}` | {f.type.reference()} | {'yes' if f.required else ''} | {doc} |")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
