"""Reading the 'Thời gian hoàn thành' column of a plan into what can fall due.

A printed deadline can hold three things at once: a one-off milestone
('Tháng 8/2025'), continuous work ('thường xuyên', never overdue by itself) and
recurring obligations ('hằng năm', 'định kỳ 6 tháng (trước ngày 15/6)', 'hằng
Quý … trước ngày 12 tháng cuối Quý'). The printed text is always kept verbatim;
this only derives the structure the counting needs. Text naming a condition
('Sau khi thành phố ban hành…') has no date: such a task is not due until a
date is set for it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from desktop.domain.periods import PeriodId, PeriodKind, add_months, day_in_month
from desktop.vietnamese.text import clean, fold

# Recurring kinds, shortest first, and the months a period of each kind can end in.
CYCLE_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.YEAR)
LAST_MONTHS = {
    PeriodKind.MONTH: tuple(range(1, 13)),
    PeriodKind.QUARTER: (3, 6, 9, 12),
    PeriodKind.HALF: (6, 12),
    PeriodKind.NINE_MONTHS: (9,),
    PeriodKind.YEAR: (12,),
}
CYCLE_LABELS = {
    PeriodKind.MONTH: "Hằng tháng",
    PeriodKind.QUARTER: "Hằng quý",
    PeriodKind.HALF: "Định kỳ 6 tháng",
    PeriodKind.YEAR: "Hằng năm",
}


@dataclass(frozen=True)
class Cycle:
    """A recurring obligation: one occurrence per period of `kind` from `start_year`.

    `day` None: due on the data cut-off of that period's report (the plan's
    reporting schedule decides it). Otherwise due on `day` of the period's last
    month shifted by `month_offset` ('30/11' for a year: day 30, offset -1).
    """

    kind: PeriodKind
    start_year: int
    day: int | None = None
    month_offset: int = 0

    def periods(self, year: int) -> list[PeriodId]:
        """The periods of this cycle that end in `year`, in order."""
        match self.kind:
            case PeriodKind.MONTH:
                return [PeriodId(year, self.kind, m) for m in range(1, 13)]
            case PeriodKind.QUARTER:
                return [PeriodId(year, self.kind, q) for q in range(1, 5)]
            case PeriodKind.HALF:
                return [PeriodId(year, self.kind, 1), PeriodId(year, self.kind, 2)]
            case _:
                return [PeriodId(year, PeriodKind.YEAR)]

    def due_on(self, pid: PeriodId, cutoff_of) -> date:
        """Due date of the turn for period `pid`; `cutoff_of(pid)` is the plan's data cut-off."""
        if self.day is None:
            return cutoff_of(pid)
        year, month = add_months(pid.year, pid.months[1], self.month_offset)
        return day_in_month(year, month, self.day)

    def label(self, *, with_year: bool = False) -> str:
        """'Hằng năm (trước ngày 30/11)', 'Hằng quý (trước ngày 12 tháng cuối quý)';
        `with_year`: the deadline also has a yearly cycle, which takes the year-end turn."""
        name = CYCLE_LABELS[self.kind]
        if self.day is None:
            return f"{name} (đến ngày chốt số liệu báo cáo)"
        if self.kind is PeriodKind.MONTH:
            return f"{name} (trước ngày {self.day})"
        if self.kind is PeriodKind.QUARTER and self.month_offset == 0:
            return f"{name} (trước ngày {self.day} tháng cuối quý)"
        lasts = [m for m in LAST_MONTHS[self.kind] if not (with_year and m == 12)] or [12]
        dates = ", ".join(
            f"{self.day}/{add_months(2000, last, self.month_offset)[1]}" for last in lasts
        )
        return f"{name} (trước ngày {dates})"


@dataclass(frozen=True)
class Deadline:
    """A task's printed deadline and its reading: a one-off milestone, continuous work, cycles."""

    text: str
    milestone: date | None = None  # a one-off due date
    continuous: bool = False  # 'thường xuyên': ongoing work, never overdue by itself
    cycles: tuple[Cycle, ...] = ()

    @property
    def recurring(self) -> bool:
        return bool(self.cycles)

    @property
    def one_off(self) -> bool:
        """A single piece of work (possibly without a date yet)."""
        return not self.cycles and not self.continuous

    def with_milestone(self, due: date | None) -> Deadline:
        return replace(self, milestone=due)

    @property
    def summary(self) -> str:
        """How the deadline is read, for a tooltip: 'Một lần (hạn 31/08/2025); Thường xuyên'."""
        yearly = any(cycle.kind is PeriodKind.YEAR for cycle in self.cycles)
        parts = [cycle.label(with_year=yearly) for cycle in self.cycles]
        if self.milestone is not None:
            parts.insert(0, f"Một lần (hạn {self.milestone:%d/%m/%Y})")
        elif self.one_off:
            parts.append("Một lần (chưa xác định ngày)")
        if self.continuous:
            parts.append("Thường xuyên")
        return "; ".join(parts)


_FULL_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})\b")
_HALF_YEAR = re.compile(r"\b6 thang (dau|cuoi) nam (\d{4})\b")
_MONTH_YEAR = re.compile(r"\b(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})\b")
_MONTH_WORD = re.compile(r"\bthang\s+(\d{1,2})\s+nam\s+(\d{4})\b")
_YEAR_WORD = re.compile(r"\bnam\s+(20\d{2})\b")
_YEAR_RANGE = re.compile(r"\b(\d{4})\s*[-–]\s*(\d{4})\b")
_YEAR = re.compile(r"\b(20\d{2})\b")
_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Words that make a clause recurring, per kind (on folded text).
_CYCLE_WORDS = (
    (PeriodKind.MONTH, re.compile(r"\b(?:hang|moi|tung) thang\b|\bdinh ky thang\b")),
    (PeriodKind.QUARTER, re.compile(r"\b(?:hang|moi|tung) quy\b|\bdinh ky quy\b")),
    (PeriodKind.HALF, re.compile(r"\b(?:dinh ky|hang|moi) (?:06|6|sau) thang\b(?! (?:dau|cuoi))")),
    (PeriodKind.YEAR, re.compile(r"\b(?:hang|moi|tung) nam\b|\bdinh ky nam\b")),
)
# Ongoing effort from a year on ('Năm 2025 và những năm tiếp theo', 'từ năm 2025 trở đi'):
# continuous work, its year where it starts, not a deadline nor a yearly turn.
_ONGOING = re.compile(
    r"\b(?:tu )?(?:nam )?20\d{2}\s*(?:,|va|tro di)?\s*(?:(?:nhung|cac) nam tiep theo|tro di)\b"
    r"|\btu nam 20\d{2} tro di\b|\b(?:nhung|cac) nam tiep theo\b"
)
# 'ngày 12 tháng cuối quý' / 'ngày 15/6' / 'ngày 15 tháng 6' / 'ngày 20'
_DAY_OF_LAST_MONTH = re.compile(r"\bngay (\d{1,2}) (?:cua )?thang cuoi\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/)")
_DAY_MONTH_WORDS = re.compile(r"\bngay (\d{1,2}) thang (\d{1,2})\b")
_DAY_ONLY = re.compile(r"\bngay (\d{1,2})\b")


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _one_off_date(key: str, *, allow_bare_years: bool = True) -> date | None:
    if m := _FULL_DATE.search(key):
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _QUARTER.search(key):
        return _month_end(int(m.group(2)), 3 * _ROMAN_QUARTER[m.group(1)])
    if m := _HALF_YEAR.search(key):
        return _month_end(int(m.group(2)), 6 if m.group(1) == "dau" else 12)
    if m := _MONTH_WORD.search(key) or _MONTH_YEAR.search(key):
        return _month_end(int(m.group(2)), int(m.group(1)))
    if m := _YEAR_WORD.search(key):
        return date(int(m.group(1)), 12, 31)
    if not allow_bare_years:
        return None
    if m := _YEAR_RANGE.search(key):
        return date(int(m.group(2)), 12, 31)
    if m := _YEAR.search(key):
        return date(int(m.group(1)), 12, 31)
    return None


def month_offset(kind: PeriodKind, month: int) -> int:
    """Offset of calendar `month` from the last month of a period of `kind` it belongs to.

    A yearly date stays in its year (15/1 -> offset -11); a shorter cycle takes
    the nearest period end, so '5/7' for a 6-monthly report is a month after June.
    """
    if kind is PeriodKind.YEAR:
        return month - 12
    candidates = [month - last + shift for last in LAST_MONTHS[kind] for shift in (-12, 0, 12)]
    return min(candidates, key=lambda offset: (abs(offset), -offset))


def _due_day(kind: PeriodKind, segment: str) -> tuple[int | None, int]:
    """(day, month offset) named in the clause of one cycle, or (None, 0) for 'at cut-off'."""
    if m := _DAY_OF_LAST_MONTH.search(segment):
        return int(m.group(1)), 0
    if m := _DAY_MONTH_WORDS.search(segment) or _DAY_MONTH.search(segment):
        day, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 31:
            return day, 0 if kind is PeriodKind.MONTH else month_offset(kind, month)
    if m := _DAY_ONLY.search(segment):
        day = int(m.group(1))
        if 1 <= day <= 31:
            return day, 0
    return None, 0


def _cycles(key: str, start_year: int) -> tuple[Cycle, ...]:
    found = sorted(
        (match.start(), kind)
        for kind, pattern in _CYCLE_WORDS
        if (match := pattern.search(key)) is not None
    )
    cycles = []
    for index, (start, kind) in enumerate(found):
        # Each cycle's clause runs to the next cycle's words; the first one also
        # takes what precedes it ('Trước ngày 30/11 hằng năm').
        begin = 0 if index == 0 else start
        end = found[index + 1][0] if index + 1 < len(found) else len(key)
        day, offset = _due_day(kind, _FULL_DATE.sub(" ", key[begin:end]))
        cycles.append(Cycle(kind, start_year, day, offset))
    return tuple(sorted(cycles, key=lambda c: CYCLE_KINDS.index(c.kind)))


@lru_cache(maxsize=4096)  # a plan repeats a few texts ('Thường xuyên') many times
def parse_deadline(text: str, default_year: int, title: str = "") -> Deadline:
    """Derive milestone, continuous work and cycles; `default_year` starts cycles without a
    year. A `title` that says the work recurs ('Xây dựng Kế hoạch chuyển đổi số của phường
    hằng năm') makes it recurring when the deadline itself names no date, no turn and no
    continuous work ('Sau khi thành phố ban hành kế hoạch')."""
    verbatim = clean(text)
    key = fold(verbatim)
    year_match = _YEAR.search(_FULL_DATE.sub(" ", key))
    start_year = int(year_match.group(1)) if year_match else default_year
    continuous = "thuong xuyen" in key or _ONGOING.search(key) is not None
    key = _ONGOING.sub(" ", key)
    cycles = _cycles(key, start_year)
    if cycles:
        return Deadline(verbatim, None, continuous, cycles)
    # Beside continuous work only an explicit date is a milestone: 'Thường xuyên,
    # giai đoạn 2025-2030' is continuous work over a stage, not a 2030 deadline.
    milestone = _one_off_date(key, allow_bare_years=not continuous)
    if milestone is None and not continuous and (said := _cycles(fold(clean(title)), start_year)):
        return Deadline(verbatim, None, False, said)
    return Deadline(verbatim, milestone, continuous, ())
