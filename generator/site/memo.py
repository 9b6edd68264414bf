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

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")


class Memo:
    """Parts kept by name with the key they were made from; :meth:`sweep` drops those a render did not ask for."""

    def __init__(self, keep: bool = True) -> None:
        self.keep = keep
        self._kept: dict[Hashable, tuple[tuple[Any, ...], Any]] = {}
        self._asked: set[Hashable] = set()
        self.made = 0  # parts made (not found) since the last sweep: tests and benchmarks read it

    def __call__(self, name: Hashable, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        """The part ``name`` made from ``key``: the kept one when it was made from an equal key, else ``make()``."""
        if not self.keep:
            return make()
        self._asked.add(name)
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
