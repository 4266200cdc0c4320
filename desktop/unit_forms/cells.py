"""A form's cells read as what they are stored as, or refused in words: each rule takes
a cell's value (as openpyxl gives it: text, a number, a date) and returns what it means,
or raises an InvalidInput that a `RowCheck` keeps as that cell's problem."""

from __future__ import annotations

import math
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from desktop.domain.model import PROGRESS_LABELS, ProgressStatus
from desktop.domain.targets import parse_number
from desktop.errors import InvalidInput
from desktop.services.progress import REPORT_TEXT_LIMIT
from desktop.unit_forms.layout import EVIDENCE_SEPARATOR, STATUS_LABELS, STATUSES, Column, title_of
from desktop.vietnamese.dates import read_date
from desktop.vietnamese.numbers import format_number
from desktop.vietnamese.text import clean, clean_multiline, fold

MAX_NAME = 255  # an evidence file's name
_EXCEL_DAYS = (36526, 73050)  # 01/01/2000 to 31/12/2099 as Excel counts days
_STATUS_BY_WORDS = {fold(PROGRESS_LABELS[status]): status for status in STATUSES}


@dataclass(frozen=True)
class CellError:
    """What is wrong at a row (and a column) of a sheet, in words for the clerk."""

    sheet: str
    row: int  # as the spreadsheet numbers it
    column: str  # the column's title; '' for the row as a whole
    message: str

    def __str__(self) -> str:
        where = f"Trang «{self.sheet}», dòng {self.row}"
        if self.column:
            where += f", cột «{self.column}»"
        return f"{where}: {self.message}"


class RowCheck:
    """A row being read: each cell by its rule, its problems collected as CellErrors."""

    def __init__(self, sheet: str, row: int, columns: tuple[Column, ...]):
        self.sheet, self.row_number, self.columns = sheet, row, columns
        self.errors: list[CellError] = []

    def cell(self, field: str, rule: Callable[[Any], Any], value: Any) -> Any:
        """`value` read by `rule`; None when it is empty or refused (the problem kept)."""
        if empty(value):
            return None
        try:
            return rule(value)
        except InvalidInput as exc:
            self.column(field, str(exc))
            return None

    def column(self, field: str, message: str) -> None:
        self.errors.append(
            CellError(self.sheet, self.row_number, title_of(self.columns, field), message)
        )

    def row(self, message: str) -> None:
        self.errors.append(CellError(self.sheet, self.row_number, "", message))


def empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text: a whole number without its '.0', a date as dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    return str(value).strip()


def status(value: Any) -> ProgressStatus:
    found = _STATUS_BY_WORDS.get(fold(value)) if isinstance(value, str) else None
    if found is None:
        raise InvalidInput(
            f"«{text(value)}» không có trong danh sách tình trạng ({', '.join(STATUS_LABELS)})."
        )
    return found


def percent(value: Any) -> int:
    """A whole number from 0 to 100 ('60', 60, '60%'; a cell formatted as a percentage
    comes here multiplied by 100 already)."""
    number = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    elif isinstance(value, str):
        with suppress(ValueError):
            number = float(value.strip().removesuffix("%").strip().replace(",", "."))
    if number is None or not math.isfinite(number):
        raise InvalidInput(f"«{text(value)}» không phải tỷ lệ hoàn thành (số nguyên từ 0 đến 100).")
    number = round(number, 6)
    if not number.is_integer() or not 0 <= number <= 100:
        shown = format_number(number, 2).rstrip("0").rstrip(",")
        raise InvalidInput(f"tỷ lệ hoàn thành là số nguyên từ 0 đến 100, không phải {shown}.")
    return int(number)


def day(value: Any) -> date:
    """A date cell, a date typed as text (read_date's ways), or a date that lost its
    format on the way (a number of days as Excel counts them, within 2000–2099)."""
    from openpyxl.utils.datetime import from_excel

    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        return read_date(value, "Ngày hoàn thành")
    number = isinstance(value, int | float) and not isinstance(value, bool)
    if number and _EXCEL_DAYS[0] <= value <= _EXCEL_DAYS[1]:
        return from_excel(int(value)).date()
    raise InvalidInput(f"«{text(value)}» không phải một ngày (ghi dạng 31/12/2025).")


def long_text(value: Any) -> str:
    """A result, a difficulty, a proposal: as the progress service stores it, within its
    limit."""
    found = clean_multiline(text(value))
    if len(found) > REPORT_TEXT_LIMIT:
        raise InvalidInput(
            f"dài {format_number(len(found))} ký tự, quá giới hạn "
            f"{format_number(REPORT_TEXT_LIMIT)}: hãy rút gọn, phần chi tiết gửi kèm thành tệp "
            "minh chứng."
        )
    return found


def line_text(value: Any) -> str:
    """An indicator's result in words or its note: one line, as the indicator service
    stores it."""
    return clean(long_text(value))


def number(value: Any) -> float:
    found = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        found = float(value)
    elif isinstance(value, str):
        with suppress(ValueError):
            found = parse_number(value.replace(" ", ""))
    if found is None or not math.isfinite(found):
        raise InvalidInput(f"«{text(value)}» không phải một số (ghi dạng 82,5).")
    return found


def file_names(value: Any) -> tuple[str, ...]:
    """The evidence files named, separated by ';' or line breaks: names, no paths."""
    names = [
        clean(name)
        for part in text(value).split(EVIDENCE_SEPARATOR)
        for name in part.splitlines()
        if clean(name)
    ]
    for name in names:
        if "/" in name or "\\" in name or name in (".", "..") or len(name) > MAX_NAME:
            raise InvalidInput(
                f"«{name}»: chỉ ghi tên tệp gửi kèm phiếu (không ghi đường dẫn), các tên "
                f"cách nhau dấu «{EVIDENCE_SEPARATOR}»."
            )
    return tuple(dict.fromkeys(names))
