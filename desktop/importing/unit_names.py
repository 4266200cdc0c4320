"""Reading the units named in an annex cell and matching them to the office's list.

A cell may name several units, one per line or separated by semicolons. Commas are
harder: "Phòng Văn hóa - Xã hội, Công an phường" is two units, but "Các sở, ban,
ngành, UBND các huyện, thị xã, thành phố" is one group of units. A part is split at
its commas (or at "và") only when every piece is a unit the office already has;
otherwise it stays whole. Matching ignores case, diacritics (and where a tone mark
sits: 'hoá'/'hóa'), spacing and the spacing around dashes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.vietnamese.text import clean, fold

_PARTS = re.compile(r"\s*(?:;|\n)\s*")
_BULLET = re.compile(r"^[-+•*]\s*")
_DASH = re.compile(r"\s*[-–]\s*")
_AND = re.compile(r"\s*,\s*|\s+và\s+")


def unit_key(name: str) -> str:
    """What two spellings of one unit have in common."""
    return _DASH.sub(" - ", fold(name)).strip(" .,;")


class UnitNames:
    """The office's units by key; names first seen in the file join them as they come."""

    def __init__(self, known: Iterable[str]):
        self.known: dict[str, str] = {unit_key(name): name for name in known}
        self.new: dict[str, str] = {}  # key -> name as first written in the file

    def _match(self, name: str) -> str | None:
        key = unit_key(name)
        return self.known.get(key) or self.new.get(key)

    def read(self, text: str) -> tuple[list[str], list[str]]:
        """The unit names in a cell, and those of them the office does not have yet."""
        names: list[str] = []
        created: list[str] = []
        for part in _PARTS.split(text):
            part = clean(_BULLET.sub("", part)).strip(" .,;")
            if not part:
                continue
            pieces = [clean(p).strip(" .") for p in _AND.split(part)]
            pieces = [p for p in pieces if p]
            matched = [self._match(p) for p in pieces]
            found = [m for m in matched if m is not None]
            if len(pieces) == 1 or len(found) < len(pieces):
                found = [self._match(part) or part]
            for name in found:
                key = unit_key(name)
                if key not in self.known and key not in self.new:
                    self.new[key] = name
                    created.append(name)
                if name not in names:
                    names.append(name)
        return names, created
