"""Finding the header row of an annex and what each column holds.

Headers are compared folded (no case, no diacritics, single spaces), so 'Cơ quan
chủ trì', 'CƠ QUAN CHỦ TRÌ' and 'Co quan chu tri' are one name. A header may span two
rows ('Mục tiêu' over '2025 | 2030'): year columns are looked for in the row under it
too. The row of column numbers printed under many headers ('(1)', '(2)', 'A', 'B') is
skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from desktop.importing.sources import Grid, GridRow
from desktop.vietnamese.text import fold

# Role -> header names, most specific first; a header is matched whole, then by prefix.
ROLES: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "title": (
        "ten nhiem vu",
        "noi dung nhiem vu",
        "nhiem vu",
        "noi dung",
        "ten chi tieu",
        "chi tieu",
        "noi dung chi tieu",
    ),
    "lead": ("co quan chu tri", "don vi chu tri", "chu tri", "co quan thuc hien"),
    "coordinate": ("co quan phoi hop", "don vi phoi hop", "phoi hop"),
    "deadline": ("thoi gian hoan thanh", "thoi han hoan thanh", "thoi han", "tien do", "thoi gian"),
    "product": ("ket qua/san pham", "ket qua, san pham", "san pham", "ket qua du kien"),
    "note": ("ghi chu",),
    "unit": ("don vi tinh", "dvt"),
    "target": ("ket qua theo doi, danh gia", "muc tieu", "chi tieu phan dau", "ke hoach"),
}
_YEAR = re.compile(r"^(?:nam\s+)?(20\d\d)$")
_NUMBERING = re.compile(r"^\(?([0-9]{1,2}|[a-z])\)?$")


@dataclass
class Columns:
    """Where each role is (0-based column index), and the header text it was found by."""

    row: int  # the header row's number (1-based); the first data row is after `last_row`
    last_row: int  # the header's last row (the year row of a two-row header)
    roles: dict[str, int] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    years: dict[int, int] = field(default_factory=dict)  # year -> column

    @property
    def indicators(self) -> bool:
        """An indicator annex: a unit of measure or target/year columns, no deadline."""
        return "deadline" not in self.roles and bool(
            "unit" in self.roles or self.years or "target" in self.roles
        )

    def as_json(self) -> dict[str, str]:
        found = dict(self.headers)
        return {key: found[key] for key in sorted(found, key=self._order)}

    def _order(self, key: str) -> int:
        return self.roles.get(key, self.years.get(int(key)) if key.isdigit() else 99) or 0


def _role_of(text: str) -> str | None:
    key = fold(text).replace(" / ", "/").strip(" :.")
    for role, names in ROLES.items():
        if key in names:
            return role
    for role, names in ROLES.items():
        if any(key.startswith(name + " ") or key.startswith(name + "(") for name in names):
            return role
    return None


def _year_of(text: str) -> int | None:
    match = _YEAR.match(fold(text))
    return int(match.group(1)) if match else None


def read_header(row: GridRow) -> Columns:
    columns = Columns(row.number, row.number)
    for index, text in enumerate(row.cells):
        if not text:
            continue
        if (year := _year_of(text)) is not None:
            columns.years.setdefault(year, index)
            columns.headers[str(year)] = text
            continue
        role = _role_of(text)
        if role == "title" and "title" in columns.roles:
            role = None  # 'Nội dung' beside 'Nhiệm vụ': the first one names the item
        if role and role not in columns.roles:
            columns.roles[role] = index
            columns.headers[role] = text
    return columns


def _score(columns: Columns) -> int:
    return len(columns.roles) + (1 if columns.years else 0)


def find_header(
    grid: Grid, forced_row: int | None = None, forced_roles: dict[str, int] | None = None
) -> Columns | None:
    """The header among the first rows: the row naming the most known columns, with a
    title column and one other. The clerk may choose the row (`forced_row`) and what
    each column holds (`forced_roles`: role -> 0-based column), overriding the guess."""
    candidates = list(grid.rows[:40])  # rows with something in them: blank ones are not kept
    if forced_row is not None:
        candidates = [r for r in grid.rows if r.number == forced_row]
    best: Columns | None = None
    for row in candidates:
        columns = read_header(row)
        has_item = "title" in columns.roles
        if not has_item or _score(columns) < 2:
            continue
        if best is None or _score(columns) > _score(best):
            best = columns
    if best is None and forced_roles and candidates:
        best = read_header(candidates[0])  # the clerk's row, whatever its names say
    if best is None:
        return None
    if forced_roles is not None:
        cells = next(r for r in grid.rows if r.number == best.row).cells
        best.roles = dict(forced_roles)
        best.headers = {key: text for key, text in best.headers.items() if key.isdigit()}
        for role, column in forced_roles.items():
            best.headers[role] = cells[column] if column < len(cells) else f"cột {column + 1}"
    _two_row_header(grid, best)
    return best


def _two_row_header(grid: Grid, columns: Columns) -> None:
    """Years (or roles) in the row under the header: 'Mục tiêu' spans 2025 | 2030."""
    following = [r for r in grid.rows if r.number == columns.row + 1]
    if not following:
        return
    under = following[0]
    years = {i: y for i, text in enumerate(under.cells) if text and (y := _year_of(text))}
    if years and len(years) >= sum(1 for text in under.cells if text) - 1:
        for index, year in years.items():
            columns.years.setdefault(year, index)
            columns.headers[str(year)] = under.cells[index]
        columns.last_row = under.number
        if "target" in columns.roles and columns.roles["target"] in years:
            del columns.roles["target"], columns.headers["target"]


def is_numbering_row(row: GridRow) -> bool:
    """The row of column numbers under a header: '(1)', '(2)', … or 'A', 'B', 1, 2, …"""
    filled = [text for text in row.cells if text]
    if len(filled) < 2:
        return False
    return all(_NUMBERING.match(fold(text)) for text in filled)
