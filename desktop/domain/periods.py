"""The reporting-period calendar: ids, Vietnamese labels, data cut-off and due dates.

Ids: '2025-10' month, '2025-Q4' quarter, '2025-H1' six months, '2025-9M' nine
months, '2025' year. Default cut-off follows NĐ 09/2019/NĐ-CP: data runs from the
15th of the month before the period to the 14th of its last month (6 months,
9 months and year start on 15/12 of the previous year).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from desktop.errors import InvalidInput


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    NINE_MONTHS = "nine_months"
    YEAR = "year"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}

_ID_PATTERNS = (
    (re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"), PeriodKind.MONTH),
    (re.compile(r"^(\d{4})-Q([1-4])$"), PeriodKind.QUARTER),
    (re.compile(r"^(\d{4})-H([12])$"), PeriodKind.HALF),
    (re.compile(r"^(\d{4})-9M$"), PeriodKind.NINE_MONTHS),
    (re.compile(r"^(\d{4})$"), PeriodKind.YEAR),
)


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def day_in_month(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class PeriodId:
    """Which reporting period: its year, kind and number in the year ('2025-Q4')."""

    year: int
    kind: PeriodKind
    number: int | None = None  # month 1-12, quarter 1-4, half 1-2

    @classmethod
    def parse(cls, text: str) -> PeriodId:
        value = (text or "").strip().upper()
        for pattern, kind in _ID_PATTERNS:
            match = pattern.match(value)
            if match:
                year = int(match.group(1))
                if not 2000 <= year <= 2100:
                    break
                number = int(match.group(2)) if match.lastindex == 2 else None
                return cls(year, kind, number)
        raise InvalidInput(
            f"Mã kỳ báo cáo không hợp lệ: «{text}». Dùng dạng 2025-10 (tháng), 2025-Q4 (quý), "
            "2025-H1 (6 tháng), 2025-9M (9 tháng) hoặc 2025 (năm)."
        )

    def __str__(self) -> str:
        match self.kind:
            case PeriodKind.MONTH:
                return f"{self.year}-{self.number:02d}"
            case PeriodKind.QUARTER:
                return f"{self.year}-Q{self.number}"
            case PeriodKind.HALF:
                return f"{self.year}-H{self.number}"
            case PeriodKind.NINE_MONTHS:
                return f"{self.year}-9M"
            case PeriodKind.YEAR:
                return str(self.year)

    @property
    def index(self) -> int:
        """Its number within the year: month 1–12, quarter 1–4, half 1–2 (not for a year
        or nine months, which have none)."""
        assert self.number is not None, f"{self.kind} has no number"
        return self.number

    @property
    def label(self) -> str:
        """Lower-case label that reads inside a sentence: 'quý IV năm 2025'."""
        match self.kind:
            case PeriodKind.MONTH:
                return f"tháng {self.number} năm {self.year}"
            case PeriodKind.QUARTER:
                return f"quý {ROMAN[self.index]} năm {self.year}"
            case PeriodKind.HALF:
                which = "đầu" if self.number == 1 else "cuối"
                return f"6 tháng {which} năm {self.year}"
            case PeriodKind.NINE_MONTHS:
                return f"9 tháng năm {self.year}"
            case PeriodKind.YEAR:
                return f"năm {self.year}"

    @property
    def title(self) -> str:
        """Label for a heading or a list: 'Quý IV năm 2025'."""
        text = self.label
        return text[0].upper() + text[1:]

    @property
    def title_in_year(self) -> str:
        """The period named within its year, for a picker beside a year box: 'Quý IV'."""
        match self.kind:
            case PeriodKind.MONTH:
                return f"Tháng {self.number}"
            case PeriodKind.QUARTER:
                return f"Quý {ROMAN[self.index]}"
            case PeriodKind.HALF:
                return "6 tháng đầu năm" if self.number == 1 else "6 tháng cuối năm"
            case PeriodKind.NINE_MONTHS:
                return "9 tháng"
            case PeriodKind.YEAR:
                return "Cả năm"

    @property
    def months(self) -> tuple[int, int]:
        """First and last calendar month covered."""
        match self.kind:
            case PeriodKind.MONTH:
                return self.index, self.index
            case PeriodKind.QUARTER:
                return 3 * self.index - 2, 3 * self.index
            case PeriodKind.HALF:
                return (1, 6) if self.number == 1 else (7, 12)
            case PeriodKind.NINE_MONTHS:
                return 1, 9
            case PeriodKind.YEAR:
                return 1, 12

    def calendar_range(self) -> tuple[date, date]:
        first, last = self.months
        return date(self.year, first, 1), day_in_month(self.year, last, 31)

    @property
    def closes_the_year(self) -> bool:
        """A month, quarter or half ending in December: where a year report is also
        required, that one takes its turn (the fourth-quarter report is the year's)."""
        return self.kind is not PeriodKind.YEAR and self.months[1] == 12

    def following(self) -> PeriodId:
        """The next period of the same kind (9 months: the next year's)."""
        match self.kind:
            case PeriodKind.MONTH:
                year, month = add_months(self.year, self.index, 1)
                return PeriodId(year, self.kind, month)
            case PeriodKind.QUARTER:
                return PeriodId(self.year + self.index // 4, self.kind, self.index % 4 + 1)
            case PeriodKind.HALF:
                return PeriodId(self.year + self.index // 2, self.kind, self.index % 2 + 1)
            case _:
                return PeriodId(self.year + 1, self.kind)


@dataclass(frozen=True)
class PeriodRule:
    """How a kind of period is closed and when its reports are due.

    Each date is a day of the period's last month shifted by a number of months:
    data closes on close_day (14 per NĐ 09/2019; 31 means calendar months); the
    office's report to the level above is due on due_day; a plan may also say when
    its units report to the office (units_due_day: "trước ngày 30/11" is the 30th,
    one month before December), which falls between the two.
    """

    kind: PeriodKind
    close_day: int = 14
    due_day: int = 20
    due_month_offset: int = 0
    close_month_offset: int = 0
    units_due_day: int | None = None
    units_due_month_offset: int = 0

    @property
    def upward(self) -> tuple[int, int]:
        """(day, month offset) the office reports to the level above."""
        return self.due_day, self.due_month_offset

    @property
    def units_due(self) -> tuple[int, int] | None:
        """(day, month offset) the units report to the office, if the plan says."""
        if self.units_due_day is None:
            return None
        return self.units_due_day, self.units_due_month_offset


@dataclass(frozen=True)
class Period:
    """A reporting period with its dates: the data window, when the office's report is
    due at the level above, and when the plan's units report to the office."""

    id: PeriodId
    data_from: date
    data_to: date
    due_on: date  # the office's report, to the level above
    units_due: date | None = None  # the units' reports, to the office (as the plan says)

    def judged_to(self, today: date) -> date:
        """The last day the period's task states speak of: its data cut-off, or the end of
        yesterday while it is still open (a turn due on the cut-off is not overdue before)."""
        return min(self.data_to, today - timedelta(days=1))

    @property
    def key(self) -> str:
        return str(self.id)

    @property
    def label(self) -> str:
        return self.id.label

    @property
    def title(self) -> str:
        return self.id.title


def default_period(pid: PeriodId, rule: PeriodRule) -> Period:
    """The period's dates under `rule`: data from the day after the previous period of
    the same length closed, to this one's close; periods of a kind tile the calendar."""
    first, last = pid.months
    close_year, close_month = add_months(pid.year, last, rule.close_month_offset)
    data_to = day_in_month(close_year, close_month, rule.close_day)
    before_year, before_month = add_months(pid.year, first, rule.close_month_offset - 1)
    previous_close = day_in_month(before_year, before_month, rule.close_day)
    data_from = previous_close + timedelta(days=1)
    due_year, due_month = add_months(pid.year, last, rule.due_month_offset)
    units_due = None
    if rule.units_due_day is not None:
        units_year, units_month = add_months(pid.year, last, rule.units_due_month_offset)
        units_due = day_in_month(units_year, units_month, rule.units_due_day)
    due_on = day_in_month(due_year, due_month, rule.due_day)
    return Period(pid, data_from, data_to, due_on, units_due)


def period_containing(day: date, kind: PeriodKind) -> PeriodId:
    """The calendar period of `kind` that contains `day` (9 months: of that year)."""
    match kind:
        case PeriodKind.MONTH:
            return PeriodId(day.year, kind, day.month)
        case PeriodKind.QUARTER:
            return PeriodId(day.year, kind, (day.month - 1) // 3 + 1)
        case PeriodKind.HALF:
            return PeriodId(day.year, kind, 1 if day.month <= 6 else 2)
        case PeriodKind.NINE_MONTHS | PeriodKind.YEAR:
            return PeriodId(day.year, kind)


def periods_of_year(year: int) -> list[PeriodId]:
    """Every period id of a year, in the order a clerk meets them in the year."""
    ids = [PeriodId(year, PeriodKind.MONTH, m) for m in range(1, 13)]
    ids += [PeriodId(year, PeriodKind.QUARTER, q) for q in range(1, 5)]
    ids += [PeriodId(year, PeriodKind.HALF, 1), PeriodId(year, PeriodKind.NINE_MONTHS)]
    ids += [PeriodId(year, PeriodKind.HALF, 2), PeriodId(year, PeriodKind.YEAR)]
    return ids
