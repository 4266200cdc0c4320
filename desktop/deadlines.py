"""Reading the 'Thời gian hoàn thành' column of a plan into a due date and recurrence.

The printed text is always kept verbatim; this only derives what the state
calculation needs. Text naming a condition ('Sau khi thành phố ban hành…') has
no date: such a task is not due until someone sets one.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.text import clean, fold


class Recurrence(StrEnum):
    NONE = "none"
    THUONG_XUYEN = "thuong_xuyen"  # continuous: never overdue
    HANG_NAM = "hang_nam"  # due every year on the month/day of due_date


RECURRENCE_LABELS = {
    Recurrence.NONE: "Một lần",
    Recurrence.THUONG_XUYEN: "Thường xuyên",
    Recurrence.HANG_NAM: "Hằng năm",
}


@dataclass(frozen=True)
class Deadline:
    text: str
    due_date: date | None
    recurrence: Recurrence

    def due_in(self, year: int) -> date | None:
        """The due date that applies to work in `year`."""
        if self.recurrence is Recurrence.HANG_NAM and self.due_date is not None:
            if year < self.due_date.year:
                return self.due_date
            last = calendar.monthrange(year, self.due_date.month)[1]
            return self.due_date.replace(year=year, day=min(self.due_date.day, last))
        return self.due_date


_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_FULL_DATE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b")
_DAY_MONTH = re.compile(r"\b(\d{1,2})\s*/\s*(\d{1,2})\b(?!\s*/)")
_QUARTER = re.compile(r"\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*(\d{4})\b")
_HALF_YEAR = re.compile(r"\b6 thang (dau|cuoi) nam (\d{4})\b")
_MONTH_YEAR = re.compile(r"\b(?:thang\s+)?(\d{1,2})\s*/\s*(\d{4})\b")
_MONTH_WORD = re.compile(r"\bthang\s+(\d{1,2})\s+nam\s+(\d{4})\b")
_YEAR_RANGE = re.compile(r"\b(\d{4})\s*[-–]\s*(\d{4})\b")
_YEAR = re.compile(r"\b(20\d{2})\b")


def _month_end(year: int, month: int) -> date | None:
    if not 1 <= month <= 12:
        return None
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _one_off_date(key: str) -> date | None:
    if m := _FULL_DATE.search(key):
        return _safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _QUARTER.search(key):
        return _month_end(int(m.group(2)), 3 * _ROMAN_QUARTER[m.group(1)])
    if m := _HALF_YEAR.search(key):
        return _month_end(int(m.group(2)), 6 if m.group(1) == "dau" else 12)
    if m := _YEAR_RANGE.search(key):
        return date(int(m.group(2)), 12, 31)
    if m := _MONTH_WORD.search(key) or _MONTH_YEAR.search(key):
        return _month_end(int(m.group(2)), int(m.group(1)))
    if m := _YEAR.search(key):
        return date(int(m.group(1)), 12, 31)
    return None


def parse_deadline(text: str, default_year: int) -> Deadline:
    """Derive due date and recurrence; `default_year` anchors 'hằng năm' without a year."""
    verbatim = clean(text)
    key = fold(verbatim)
    if "thuong xuyen" in key:
        return Deadline(verbatim, None, Recurrence.THUONG_XUYEN)
    annual = "hang nam" in key or "nhung nam tiep theo" in key or "cac nam tiep theo" in key
    if annual:
        year_match = _YEAR.search(key)
        year = int(year_match.group(1)) if year_match else default_year
        day_month = _DAY_MONTH.search(_FULL_DATE.sub(" ", key))
        due = None
        if day_month:
            due = _safe_date(year, int(day_month.group(2)), int(day_month.group(1)))
        return Deadline(verbatim, due or date(year, 12, 31), Recurrence.HANG_NAM)
    return Deadline(verbatim, _one_off_date(key), Recurrence.NONE)
