"""How an export writes an item's record under it, which import reads back: its own module, so that the export (which
every build runs) does not import the drafts' YAML writer (ruamel.yaml) with it."""

from __future__ import annotations

# An exported item's record ('export --format markdown'): each of its fields a line of its own under the item, after
# this hint, so that a reader sees every state (done, n/a, waived, open again) with who, when and why, and `import`
# reads it back as it was recorded (a value is one line: no text can run into the next field).
RECORD_HINT = "<!-- checklist-site: record -->"
RECORD_FIELDS = (
    ("Recorded", "state"), ("By", "by"), ("Date", "date"), ("Reason", "reason"), ("Approver", "approver"), ("Note", "note"), ("Owner", "owner"),
    ("Due", "due"),
)  # fmt: skip
# A group's sign-off and an approver's decision as the record holds them, each after the same hint: the group's sign-off
# line and the approvals table said who and when for a reader, and import read them as the checklist's groups and roles,
# not as the record's sign-offs and approvals (the line's name and date run into each other: 'Date:' may be in a name).
SIGNOFF_FIELDS = (("Sign-off", "name"), ("Date", "date"), ("With items open", "with_open"), ("Note", "note"))
APPROVAL_FIELDS = (("Approval", "approval"), ("Name", "name"), ("Decision", "decision"), ("Date", "date"))
# The Go / No-Go decision as the record holds it, after the decision's boxes: who announced it, when, and each blocker a
# line of its own (the box alone came back by 'imported' on the import's day, and the blockers were not exported at all).
DECISION_FIELDS = (("Go / No-Go", "decision"), ("By", "by"), ("Date", "date"), ("Blocker", "blockers"))
# An attendee of the launch meeting as the record holds one (the minutes'), after the decision: their name and role, who
# recorded them and when; a status file holds none, `import --run` records each again.
ATTENDEE_FIELDS = (("Attendee", "name"), ("Role", "role"), ("By", "by"), ("Date", "date"))
