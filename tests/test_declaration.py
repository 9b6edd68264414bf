"""The format is declared once, on the model's attributes: the loader, the JSON Schema, the reference and the importer's writer derive from it."""

from __future__ import annotations

import dataclasses
import datetime
import re
from enum import Enum

import pytest

from generator.format import model
from generator.format import types as t
from generator.format.load import load_text
from generator.format.schema import FILE_KINDS, json_schema, reference_markdown
from generator.format.types import Ident, InlineMarkdown, MarkdownBlock, PlainText, declare, declared, spec_of


class Size(str, Enum):
    SMALL = "small"
    LARGE = "large"


@declare
class Part:
    """A part of a gadget.

    Not part of the reference: only the first paragraph is.
    """

    id: Ident = declared(t.Id(), "Its id.", required=True)
    size: Size | None = declared(t.Choice(), "How big it is.", default=None)
    loc: object = None
    places: dict[str, object] = dataclasses.field(default_factory=dict)


@declare
class Gadget:
    """A gadget, declared the way the model's classes are."""

    id: Ident = declared(t.Id(), "Stable id.", required=True, example="box")
    label: PlainText = declared(t.Line(), "Its label, shown as written.", required=True)
    note: InlineMarkdown = declared(t.Line(), "A remark in inline Markdown.", default=InlineMarkdown())
    about: MarkdownBlock = declared(t.Markdown(), "More about it.", default=MarkdownBlock())
    made: datetime.date | None = declared(t.Date(), "When it was made.", default=None)
    tags: tuple[PlainText, ...] = declared(t.Lines(), "Its tags.", default=())
    parts: tuple[Part, ...] = declared(t.List(), "Its parts.", default=())
    source: str = ""  # not a key: not declared
    loc: object = None
    places: dict[str, object] = dataclasses.field(default_factory=dict)


def _read(spec: t.Spec, text: str) -> tuple[object, list[str]]:
    node, issues = load_text(text, "gadget.yaml")
    assert node is not None and not issues
    conv = t.Converter()
    built = conv.build(spec, node, "the gadget")
    return built, [f"{i.loc}: {i.message} ({i.hint})" for i in conv.issues]


def test_a_class_declares_its_mapping_its_types_bound_to_the_annotations() -> None:
    spec = spec_of(Gadget)
    assert spec.name == "gadget" and spec.doc == "A gadget, declared the way the model's classes are."
    assert [f.name for f in spec.fields] == ["id", "label", "note", "about", "made", "tags", "parts"]  # source and loc are not keys
    by_name = {f.name: f for f in spec.fields}
    assert isinstance(by_name["label"].type, t.Line) and by_name["label"].type.kind is PlainText  # the kind from the annotation
    assert isinstance(by_name["note"].type, t.Line) and by_name["note"].type.kind is InlineMarkdown
    assert by_name["tags"].type.reference() == "list of texts (one line, plain)"
    assert by_name["parts"].type.specs() == (spec_of(Part),)
    assert spec_of(Part).doc == "A part of a gadget."
    assert spec_of(Part).field("size").type.choices == ("small", "large")  # type: ignore[union-attr]


def test_the_loader_reads_a_declared_class_each_text_of_its_kind() -> None:
    built, issues = _read(spec_of(Gadget), "id: box\nlabel: 'A <b>box</b>'\nnote: see **this**\ntags: [red]\nparts:\n  - {id: lid, size: large}\n")
    assert issues == []
    assert isinstance(built, Gadget)
    assert type(built.label) is PlainText and type(built.note) is InlineMarkdown and type(built.tags[0]) is PlainText
    assert type(built.about) is MarkdownBlock and built.about == ""  # the default, of its kind
    assert built.parts[0].size is Size.LARGE


def test_a_missing_required_key_is_located_with_its_meaning_as_the_fix() -> None:
    built, issues = _read(spec_of(Gadget), "id: box\nparts:\n  - {size: huge}\n")
    assert built is None
    assert "gadget.yaml:1:1: missing required key 'label' in the gadget 'box' (add 'label:' (its label, shown as written))" in issues
    assert any(re.match(r"gadget\.yaml:3:\d+: expected 'size' of part to be one of small, large, but got 'huge'", i) for i in issues), issues


def test_the_json_schema_and_the_reference_come_from_the_declaration() -> None:
    schema = json_schema(spec_of(Gadget))
    assert schema["required"] == ["id", "label"]
    label = {"type": "string", "minLength": 1, "maxLength": t.MAX_TEXT, "pattern": "^[^\\n]*$", "description": "Its label, shown as written."}
    assert schema["properties"]["label"] == label
    assert schema["properties"]["id"]["examples"] == ["box"]
    assert schema["$defs"]["part"]["properties"]["size"] == {"enum": ["small", "large"], "description": "How big it is."}
    reference = reference_markdown()
    for _, root in FILE_KINDS:
        for spec in t.walk(root):
            for field in spec.fields:  # every declared key, with its meaning, in its table
                doc = field.doc.replace("|", "\\|")
                assert f"| `{field.name}` | {field.type.reference()} | {'yes' if field.required else ''} | {doc} |" in reference


def test_a_declaration_at_odds_with_its_annotation_is_refused_when_derived() -> None:
    @declare
    class Wrong:
        """Declared as text, annotated as a number."""

        count: int = declared(t.Line(), "A count.", default=0)
        loc: object = None
        places: dict[str, object] = dataclasses.field(default_factory=dict)

    with pytest.raises(TypeError, match=r"Wrong\.count is annotated .*int.*: a text is annotated with its kind"):
        spec_of(Wrong)

    @declare
    class NoDefault:
        """A key the file may leave out, without a default."""

        name: PlainText = declared(t.Line(), "A name.")
        loc: object = None
        places: dict[str, object] = dataclasses.field(default_factory=dict)

    with pytest.raises(TypeError, match=r"NoDefault\.name has no default: declare it required=True, or give it a default"):
        spec_of(NoDefault)

    with pytest.raises(TypeError, match="says what it is in its docstring"):

        @declare
        class Undocumented:
            name: PlainText = declared(t.Line(), "A name.", required=True)

    # Converter.build gives every object its place and its keys' places: a class without either is refused when declared,
    # not when a file is first read into it (a TypeError at load).
    with pytest.raises(TypeError, match="keeps where it was written: add places"):

        @declare
        class Placeless:
            """Without its keys' places."""

            name: PlainText = declared(t.Line(), "A name.", required=True)
            loc: object = None


def test_the_models_texts_carry_their_kind_in_their_annotations() -> None:
    """Every text the format reads is annotated with its kind, so the type checker sees which text is which."""
    for _, root in FILE_KINDS:
        for spec in t.walk(root):
            for field in spec.fields:
                if isinstance(field.type, t.Line):
                    assert field.type.kind in (InlineMarkdown, PlainText, t.Name, t.Code, t.Command), (spec.name, field.name)
    assert spec_of(model.Item).field("text").type.kind is InlineMarkdown  # type: ignore[union-attr]
    assert spec_of(model.Step).field("command").type.kind is t.Command  # type: ignore[union-attr]  # shown as code, as written
    assert spec_of(model.Entry).field("by").type.kind is t.Name  # type: ignore[union-attr]  # read as people read names
    assert spec_of(model.Runbook).field("alarm_name").type.kind is t.Code  # type: ignore[union-attr]  # another system's name, shown as code


# ---- the importer's drafts are written by the same declaration ----------------------------------


def test_a_draft_writes_the_declared_keys_it_has_in_the_declarations_order() -> None:
    from types import SimpleNamespace

    from generator.format.types import mapping_of as data

    gadget = SimpleNamespace(parts=[SimpleNamespace(id="lid", size=Size.SMALL, colour="red")], label="Box", id="box", note="", made=None, line=3)
    assert data(gadget, spec_of(Gadget)) == {"id": "box", "label": "Box", "parts": [{"id": "lid", "size": "small"}]}  # no data() to teach
    assert list(data(gadget, spec_of(Gadget))) == ["id", "label", "parts"]


def test_an_imported_checklist_is_written_by_the_declaration_and_reads_back() -> None:
    from generator.exchange import drafts as d
    from generator.exchange.drafts import dump
    from generator.format.schema import CHECKLIST

    item = d.ItemDraft("check-it", "Check it", 1, critical=True, priority=model.Priority.HIGH, target="<1%", details=["One.", "Two."], owner="Ana")
    section = d.SectionDraft("security", "Security", 1, model.Priority.CRITICAL, icon="🔐", notes=["Read this."])
    section.groups.append(d.GroupDraft("auth", "Auth", [item], signoff=False))
    metrics = d.SectionDraft("metrics", "Metrics", 5, period="First 30 Days", groups=[d.GroupDraft("m", "M", [d.ItemDraft("m1", "Watch", 6)], signoff=None)])
    final = d.FinalDraft("Final Sign-off", d.ApprovalDraft("approval", "Approval", [d.RoleDraft("lead", "Lead")]))
    final.decision = d.DecisionDraft("decision", "Go?", [d.OptionDraft("go", "GO", "Ready", 9, ticked=True)], notes="Blockers")
    draft = d.ChecklistDraft("launch", "Launch", legend=d.LegendDraft("Do not skip."), sections=[section], final_signoff=final, metrics=metrics)
    written = draft.data()
    assert list(written) == ["id", "title", "legend", "sections", "final_signoff", "metrics"]
    assert written["sections"][0] == {
        "id": "security",
        "title": "Security",
        "priority": "critical",
        "icon": "🔐",
        "notes": "Read this.",
        "groups": [
            {
                "id": "auth",
                "title": "Auth",
                "items": [{"id": "check-it", "text": "Check it", "critical": True, "target": "<1%", "priority": "high", "details": "One.\n\nTwo."}],
                "signoff": False,  # false where the format's default is true
            }
        ],
    }
    assert written["metrics"]["groups"] == [{"id": "m", "title": "M", "items": [{"id": "m1", "text": "Watch"}]}]  # a part's group: no sign-off
    assert written["metrics"]["period"] == "First 30 Days" and "priority" not in written["metrics"]
    node, issues = load_text(dump(written, []), "launch.yaml")
    assert node is not None and not issues
    conv = t.Converter()
    checklist = conv.build(CHECKLIST, node, "the checklist")
    assert conv.issues == [] and isinstance(checklist, model.Checklist)
    assert checklist.final_signoff is not None and checklist.final_signoff.decision.notes == "Blockers"
    assert checklist.sections[0].groups[0].items[0].details == "One.\n\nTwo."
