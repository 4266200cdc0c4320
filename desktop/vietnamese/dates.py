"""Dates as people type them, read back in words, and stored times as people read them.

A clerk types "20/12/2025", "20122025", "20-12-2025", "20.12.2025" or "20/12/25" (a
two-digit year is 2000 + it); an ISO date ("2025-12-20") from a copied cell is taken
too. What was typed is never changed to fit: text that is not one day is refused in
words, and the form says beside the field which day it read.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

from desktop.errors import InvalidInput

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")  # no daylight saving

_SEPARATED = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WEEKDAYS = ("Thứ hai", "Thứ ba", "Thứ tư", "Thứ năm", "Thứ sáu", "Thứ bảy", "Chủ nhật")
FORMAT_HINT = "ngày/tháng/năm, ví dụ 20/12/2025 hoặc 20122025"


def read_date(text: str, what: str = "Ngày") -> date:
    """The day `text` names, or an InvalidInput saying what was typed and how to type it."""
    typed = text.strip()
    digits = re.sub(r"\s", "", typed)
    if iso := _ISO.fullmatch(typed):
        year, month, day = (int(part) for part in iso.groups())
    elif separated := _SEPARATED.fullmatch(typed):
        day, month, year = (int(part) for part in separated.groups())
        year += 2000 if len(separated.group(3)) == 2 else 0
    elif digits.isdigit() and len(digits) in (6, 8):  # 201225, 20122025
        day, month, year = int(digits[:2]), int(digits[2:4]), int(digits[4:])
        year += 2000 if len(digits) == 6 else 0
    else:
        raise InvalidInput(
            f"{what} «{typed}» không đọc được thành một ngày; gõ theo dạng {FORMAT_HINT}."
            if typed
            else f"Chưa nhập {what.lower()} ({FORMAT_HINT})."
        )
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise InvalidInput(
            f"{what} «{typed}» không có trên lịch (ngày {day}, tháng {month}, năm {year})."
        ) from exc


def in_words(day: date) -> str:
    """'Thứ bảy, ngày 20 tháng 12 năm 2025': the day read, said back."""
    return f"{_WEEKDAYS[day.weekday()]}, ngày {day.day} tháng {day.month} năm {day.year}"


def local_time(moment: str | datetime | None) -> str:
    """'06/12/2026 23:08' for '2026-12-06T16:08:05Z': a stored moment as the clerk reads
    it, in Việt Nam's time whatever zone the machine is set to (as today's date is), so
    every window and document says the same hour. A moment without a zone was written in
    UTC, as the app writes them; text that is not a moment is shown as it is ('' for none).
    """
    if not moment:
        return ""
    try:
        when = moment if isinstance(moment, datetime) else datetime.fromisoformat(moment)
    except ValueError:
        return str(moment)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return f"{when.astimezone(VIETNAM_TZ):%d/%m/%Y %H:%M}"
