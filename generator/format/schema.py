"""The format's files and what is derived from their declaration: the loader's Specs, the JSON Schema, the reference.

The format is declared once, on the model's attributes (``model.py``). To add a field: give the
model class an attribute declared with ``declared(type, meaning, required=..., example=...,
default=...)``, annotated with what it holds (a kind of text such as ``InlineMarkdown`` or
``PlainText``, a model class, an Enum), and render it where it shows. Nothing else lists it: the
loader reads it, the JSON Schema (``checklist-site schema``, docs/schema/) and the README's
reference (``checklist-site schema --reference``) show it, and the importer writes it when its
draft has an attribute of that name (``exchange/drafts.py``). Its type (``types.py``) decides how it
is read, how its text is made safe, and its JSON Schema.
"""

from __future__ import annotations

from typing import Any, Iterator

from . import model
from .types import MAX_DEPTH, MAX_ID, MAX_MARKDOWN, MAX_TEXT, Converter, Field, Spec, spec_of, values, walk

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

CHECKLIST = spec_of(model.Checklist)
RUNBOOKS = spec_of(model.RunbookSet)
STATUS = spec_of(model.Status)
ENTRY = spec_of(model.Entry)

FILE_KINDS = (("Checklist files", CHECKLIST), ("Runbook files", RUNBOOKS), ("Status files", STATUS))
# Record entries are read like the others; their texts land in the folded Status, which is walked as a status file.
REFERENCE_KINDS = (*FILE_KINDS, ("Record entries", ENTRY))
_DERIVED = [walk(root) for _, root in REFERENCE_KINDS]  # every Spec now: a declaration at odds with its annotation fails on import


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


def reference_markdown(only: Spec | None = None) -> str:
    """The format reference for the README, generated from the same declarations as the loader (``only``: of that
    kind of file alone)."""
    out: list[str] = []
    for title, root in REFERENCE_KINDS:
        if only is not None and root is not only:
            continue
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
