"""What a render made of each part of a checklist, kept with the inputs it was made from: `serve` renders again only the parts an edit changed.

A part (a section's sheet, a group's item list, a section's page) is named, and made from a key: a
tuple of everything its text depends on (the section, the checklist's title, the record...).
While the key of a name equals the key it was made with, the kept text is given again. Keys are
compared with ``==``, which compares the model's frozen objects field by field and, inside tuples,
the same object without looking into it: an edit that replaced one section of a checklist
(``format/incremental.py``) keeps the other sections' objects, so their keys compare in no time,
and a checklist loaded afresh compares equal where its content is (locations are not compared, and
no part shows one). `build` renders once and keeps nothing (:data:`NONE`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import jinja2

from .. import kept
from ..format.model import Checklist, Group, Part, Section, Status
from ..format.types import people_known

T = TypeVar("T")


class Memo:
    """Parts kept by name with the key they were made from; :meth:`sweep` drops those a render did not ask for."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._kept: dict[Hashable, tuple[Any, Any]] = {}  # name -> (its key: the key itself, or its digest in Kept; the part)
        self._asked: set[Hashable] = set()
        self.made = 0  # parts made (not found) since the last sweep: tests and benchmarks read it

    def __call__(self, name: Hashable, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The part ``name`` made from ``key``: the kept one when it was made from an equal key, else ``make()``."""
        if not self.keep:
            return make()
        self._asked.add(name)
        key = (*key, people_known())  # who is who (the .mailmap): `serve` of an edit of it alone made no part again
        kept = self._kept.get(name)
        if kept is not None and kept[0] == key:
            return kept[1]
        value = make()
        self._kept[name] = (key, value)
        self.made += 1
        return value

    def sweep(self) -> int:
        """Forget the parts not asked for since the last sweep (a section removed, renamed...); returns how many were made."""
        self._kept = {name: kept for name, kept in self._kept.items() if name in self._asked}
        self._asked, made, self.made = set(), self.made, 0
        return made


NONE = Memo(keep=False)  # every part made afresh: a build renders once


class Kept(Memo):
    """A :class:`Memo` kept between builds in the user's cache folder (``generator.kept``): `build` renders again only the
    parts an edit changed, as `serve` does, though each build is a new process.

    A key is kept as a digest of its content (:class:`Digests`), never as the model objects it holds (reading and writing
    those cost more than the render they spare): the same digest is the same content, so the same part. The file holds
    the parts of one stage of one project under ``context``, the key of everything the parts read besides their keys
    (this package's code, the site's addresses, the data's revision, today's date and the time zone: ``warm.context``);
    another context is a file read as empty. :meth:`save` writes the parts asked for in this build, and only when one was
    made or dropped. ``digests``: shared by the memos of one process, which digest the same sections."""

    def __init__(self, store: kept.Kept, context: str, digests: Digests | None = None) -> None:
        super().__init__()
        self.store, self.context, self.digests = store, context, digests or Digests()
        self._read = False  # the file is read when a part is first asked for (a build that kept its stage whole asks none)

    def __call__(self, name: Hashable, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        if not self._read:
            found = self.store.get(self.context)
            self._kept, self._read = found if isinstance(found, dict) else {}, True
        self._asked.add(name)
        digest = self.digests(key)
        found = self._kept.get(name)
        if found is not None and found[0] == digest:
            return found[1]
        value = make()
        self._kept[name] = (digest, value)
        self.made += 1
        return value

    def save(self) -> None:
        """Keep the parts asked for since this memo was read (none when nothing was made and nothing dropped)."""
        if self.made or len(self._kept) != len(self._asked):
            self.store.put(self.context, {name: part for name, part in self._kept.items() if name in self._asked})


class Digests:
    """The digest of a key's content, as :class:`Kept` keeps it: the key written out by ``repr`` (which writes a model
    object's fields, and every builtin value, exactly), with what the model's equality leaves out left out here too,
    and what is the same in every build of one context taken for granted.

    - A location (``Loc``) is left out, as the model's ``==`` leaves it out (no part shows one; ``repr`` does not write
      it either): a line added above a section leaves its parts as they were.
    - A checklist, record, section, part or group is written by its fields alone (not by what its methods computed and
      cached since), once per build whichever key holds it: the sections and groups inside it by their own digests.
    - A template environment or module is the same in every build of a context (it is made from the code and the
      site's addresses), so it is a name.
    Two keys of different content never share a digest: ``repr`` writes a value's type where the type tells texts
    apart (a ``Markup``, an enum, a date), and each place of a key holds one kind of text. A value whose ``repr`` is not
    its content (an object written with its address) is never found again: a part made again, never a wrong one."""

    def __init__(self) -> None:
        self._made: dict[int, tuple[Any, str]] = {}  # id -> (the object, kept alive while its id is used; its digest)

    def __call__(self, key: tuple[Any, ...]) -> bytes:
        text = "\0".join(self._written(value) for value in key)
        if " at 0x" in text:  # an object's address: not its content (see above)
            text += "\0" + os.urandom(16).hex()
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()

    def _written(self, value: Any) -> str:
        kind = type(value)
        if kind in _MODEL:
            return self._digest(value)
        if kind is tuple and value and type(value[0]) in _MODEL:
            return "(" + ",".join(self._written(v) for v in value) + ")"
        if kind in _NAMED:
            return kind.__name__
        return repr(value)

    def _digest(self, obj: Any) -> str:
        found = self._made.get(id(obj))
        if found is None:
            fields = ",".join(f"{f.name}={self._written(getattr(obj, f.name))}" for f in dataclasses.fields(obj) if f.repr)
            found = self._made[id(obj)] = (obj, type(obj).__name__ + ":" + hashlib.sha256(fields.encode("utf-8", "surrogatepass")).hexdigest())
        return found[1]


_MODEL = (Checklist, Status, Section, Part, Group)  # digested once per build, by their fields
_NAMED = (jinja2.Environment, jinja2.environment.TemplateModule)  # the same in every build of a context
