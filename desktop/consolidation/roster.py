"""The offices expected to report, read from a CSV or a workbook as people keep them:
a header row 'Tên đơn vị, Cấp, Mã định danh', one office per row; Cấp written as
people write it ('xã', 'Phường') or as the CLI's codes ('xa', 'phuong'); UTF-8 CSV with
or without a BOM, separated by commas or by semicolons as Excel writes it. Optional
columns 'Người liên hệ, Điện thoại, Thư điện tử' give whom to call about its reports."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from desktop.consolidation.matrix import chronological
from desktop.domain.model import LEVEL_WORDS, OfficeLevel
from desktop.domain.periods import (
    PeriodId,
    PeriodKind,
    PeriodRule,
    default_period,
    period_containing,
)
from desktop.errors import InvalidInput
from desktop.infra.untrusted_files import Unreadable, read_regular
from desktop.services.receiving import Contact
from desktop.vietnamese.text import clean, fold
from desktop.workspace import Workspace

HEADERS = {
    "ten don vi": "name",
    "cap": "level",
    "ma dinh danh": "agency_code",
    "nguoi lien he": "person",
    "dien thoai": "phone",
    "so dien thoai": "phone",
    "thu dien tu": "email",
    "email": "email",
    "e-mail": "email",
}
CONTACT_KEYS = ("person", "phone", "email")
LEVELS = (
    {fold(word): level for level, word in LEVEL_WORDS.items()}
    | {level.value: level for level in OfficeLevel}
    | {"dac khu": OfficeLevel.DAC_KHU}
)


MAX_ROSTER_BYTES = 20 * 1024 * 1024  # a roster of every commune in the country is ~1 MB


@dataclass(frozen=True)
class RosterEntry:
    name: str  # without the level word: 'Trần Liêu'
    level: OfficeLevel
    agency_code: str = ""
    contact: Contact | None = None  # None: the file says nothing of it (kept as it was)


def _rows(path: Path) -> list[list[str]]:
    if not path.is_file():
        raise InvalidInput(f"Không có tệp danh sách đơn vị «{path}».")
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).active
        except Exception as exc:  # a damaged workbook raises many kinds
            raise InvalidInput(f"Không đọc được «{path.name}»: tệp Excel hỏng.") from exc
        return [
            ["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)
        ]
    if path.suffix.lower() != ".csv":
        raise InvalidInput(
            f"Danh sách đơn vị phải là tệp .csv hoặc .xlsx, không phải «{path.name}»."
        )
    try:
        text = read_regular(path, MAX_ROSTER_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"«{path.name}» không phải CSV mã UTF-8 (lưu lại với UTF-8).") from exc
    except Unreadable as exc:
        raise InvalidInput(f"Không đọc được «{path.name}»: {exc}.") from exc
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text.splitlines()[0] if text else ",", delimiters=",;"
        )
    except csv.Error:  # one column, so no separator to find: the header check says what is missing
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return list(reader)
    except csv.Error as exc:  # a field past the csv module's limit (131,072 characters)
        raise InvalidInput(
            f"Dòng {reader.line_num} của «{path.name}» không đọc được ({exc}): một ô quá dài "
            "hoặc dấu ngoặc kép không đóng. Không ghi gì."
        ) from exc


def read_roster(path: Path) -> list[RosterEntry]:
    """The offices in the file, or an InvalidInput naming the row that is wrong."""
    path = Path(path)
    rows = [r for r in _rows(path) if any(clean(c) for c in r)]
    if not rows:
        raise InvalidInput(f"«{path.name}» trống.")
    header = [HEADERS.get(fold(c)) for c in rows[0]]
    if "name" not in header or "level" not in header:
        raise InvalidInput(
            f"«{path.name}» cần dòng tiêu đề «Tên đơn vị, Cấp, Mã định danh» ở dòng đầu."
        )
    has_contact = any(key in header for key in CONTACT_KEYS)
    entries, seen = [], set()
    for number, row in enumerate(rows[1:], start=2):
        cells = {key: clean(row[i]) if i < len(row) else "" for i, key in enumerate(header) if key}
        name, level_text = cells.get("name", ""), cells.get("level", "")
        level = LEVELS.get(fold(level_text))
        if not name or level is None:
            raise InvalidInput(
                f"Dòng {number}: cần tên đơn vị và cấp (xã, phường, đặc khu, huyện, tỉnh), "
                f"đang có «{name}», «{level_text}»."
            )
        # 'Phường Trần Liêu' and 'Trần Liêu' are the same office.
        word = LEVEL_WORDS[level]
        if fold(name).startswith(fold(word) + " "):
            name = name[len(word) + 1 :].strip()
        key = (level, fold(name))
        if key in seen:
            raise InvalidInput(f"Dòng {number}: {word} {name} đã có ở dòng trên.")
        seen.add(key)
        contact = None
        if has_contact:
            try:
                contact = Contact(*(cells.get(key, "") for key in CONTACT_KEYS)).checked()
            except InvalidInput as exc:
                raise InvalidInput(f"Dòng {number}: {exc}") from exc
        entries.append(RosterEntry(name, level, cells.get("agency_code", ""), contact))
    return entries


def suggested_due(ws: Workspace, period: PeriodId) -> date:
    """The day reports of `period` are due here: as the level above set it, else as NĐ
    09/2019 has it (the 20th of the period's last month)."""
    if due := ws.receiving.expected().get(str(period)):
        return date.fromisoformat(due)
    return default_period(period, PeriodRule(period.kind)).due_on


def next_to_expect(ws: Workspace) -> PeriodId:
    """The period the clerk most likely sets next: the one after the newest expected,
    of its kind; else this quarter."""
    expected = [PeriodId.parse(key) for key in ws.receiving.expected()]
    if not expected:
        return period_containing(ws.today(), PeriodKind.QUARTER)
    return max(expected, key=lambda p: chronological(str(p))).following()
