"""Reading the units named in an annex cell and matching them to the office's list.

A cell may name several units, one per line or separated by semicolons. Commas are
harder: "Phòng Văn hóa - Xã hội, Công an phường" is two units, but "Các sở, ban,
ngành, UBND các huyện, thị xã, thành phố" is one group of units. A part is split at
its commas (or at "và") when every piece is a unit the office already has, or at its
commas alone when every piece names a kind of body on its own ("Các phòng chuyên môn,
Trung tâm hành chính công phường": a group and a centre; "và" is left alone there, as
in "Văn phòng HĐND và UBND"); otherwise it stays whole. Matching ignores case,
diacritics (and where a tone mark sits: 'hoá'/'hóa'), spacing and the spacing around
dashes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop.domain.model import UnitKind
from desktop.services.units import guess_kind
from desktop.vietnamese.text import clean, fold

_PARTS = re.compile(r"\s*(?:;|\n)\s*")
_BULLET = re.compile(r"^[-+•*]\s*")
_DASH = re.compile(r"\s*[-–]\s*")
_AND = re.compile(r"\s*,\s*|\s+và\s+")
_COMMA = re.compile(r"\s*,\s*")


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
            for name in self._units_in(part):
                key = unit_key(name)
                if key not in self.known and key not in self.new:
                    self.new[key] = name
                    created.append(name)
                if name not in names:
                    names.append(name)
        return names, created

    def _units_in(self, part: str) -> list[str]:
        pieces = _pieces(_AND, part)
        matched = [self._match(p) for p in pieces]
        if len(pieces) > 1 and None not in matched:
            return [m for m in matched if m is not None]
        bodies = _pieces(_COMMA, part)
        if len(bodies) > 1 and all(guess_kind(p) is not UnitKind.KHAC for p in bodies):
            return [self._match(p) or p for p in bodies]
        return [self._match(part) or part]


def _pieces(separator: re.Pattern[str], part: str) -> list[str]:
    return [p for p in (clean(p).strip(" .") for p in separator.split(part)) if p]
