"""The form's format, shared by the writer and the reader.

A form is one workbook for one unit, one plan and one period: a sheet of the tasks it
reports on, a sheet of the indicators it answers for (when it has any), and a hidden
sheet, `_phieu`, saying which plan (its number, its id in this database and a
fingerprint of both with the database's identity), which period and which unit, the
form's own id and version, and every row the form holds: its key, the sheet it is on,
the number printed beside it, and a fingerprint of what the office had recorded for it
when the form was written. Each row of a visible sheet carries its key in a hidden first
column, so a row moved, sorted, copied or deleted by a unit re-saving the file is found
by its key, never by its place.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from desktop.documents.assignment_annex import Assignments
from desktop.domain.model import PROGRESS_LABELS, Indicator, Plan, ProgressStatus, Task
from desktop.workspace import Workspace

FORM_KIND = "so-ke-hoach/phieu-bao-cao-tien-do"
FORM_VERSION = 1
INFO_SHEET = "_phieu"
TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
HEADER_ROW = 7  # the column titles; the form's rows start under it
STATUSES = (ProgressStatus.NOT_STARTED, ProgressStatus.IN_PROGRESS, ProgressStatus.DONE)
STATUS_LABELS = tuple(PROGRESS_LABELS[s] for s in STATUSES)
EVIDENCE_SEPARATOR = ";"  # between file names in the evidence column (a line break too)
DATE_FORMAT = "dd/mm/yyyy"


@dataclass(frozen=True)
class Column:
    field: str
    title: str
    width: float  # characters of the workbook's font
    entry: bool = False  # the unit fills it in: unlocked, white


TASK_COLUMNS = (
    Column("key", "Mã dòng", 6),
    Column("code", "STT", 7),
    Column("title", "Nhiệm vụ", 36),
    Column("deadline", "Thời hạn", 12),
    Column("recorded", "Văn phòng đã ghi", 22),
    Column("status", "Tình trạng", 14, entry=True),
    Column("percent", "% hoàn thành", 9, entry=True),
    Column("completed_on", "Ngày hoàn thành", 12, entry=True),
    Column("result", "Kết quả thực hiện", 26, entry=True),
    Column("difficulties", "Khó khăn, vướng mắc", 17, entry=True),
    Column("proposals", "Đề xuất, kiến nghị", 17, entry=True),
    Column("evidence", "Minh chứng (tên tệp gửi kèm)", 16, entry=True),
)
INDICATOR_COLUMNS = (
    Column("key", "Mã dòng", 6),
    Column("code", "STT", 7),
    Column("title", "Chỉ tiêu", 40),
    Column("unit", "Đơn vị tính", 11),
    Column("target", "Mục tiêu", 16),
    Column("recorded", "Văn phòng đã ghi", 22),
    Column("value", "Giá trị đạt được (số)", 13, entry=True),
    Column("value_text", "Kết quả (khi không là số)", 26, entry=True),
    Column("note", "Ghi chú", 22, entry=True),
)
SHEETS = {TASK_SHEET: TASK_COLUMNS, INDICATOR_SHEET: INDICATOR_COLUMNS}


def position(columns: tuple[Column, ...], field: str) -> int:
    """The 1-based column of `field`."""
    return next(i for i, c in enumerate(columns, start=1) if c.field == field)


def title_of(columns: tuple[Column, ...], field: str) -> str:
    return columns[position(columns, field) - 1].title


@dataclass(frozen=True, order=True)
class RowKey:
    """Which record a row speaks of: a task ('t', with the turn of a recurring task) or
    an indicator ('i'), by id. Written 't12', 't12@2025', 'i45'."""

    kind: str
    id: int
    occurrence: str = ""

    def __str__(self) -> str:
        turn = f"@{self.occurrence}" if self.occurrence else ""
        return f"{self.kind}{self.id}{turn}"

    @classmethod
    def parse(cls, text: object) -> RowKey | None:
        """The key written in a cell, or None for anything else."""
        if not isinstance(text, str) or len(text) > 40 or text[:1] not in ("t", "i"):
            return None
        number, _, occurrence = text[1:].partition("@")
        if not number.isascii() or not number.isdigit() or (occurrence and text[0] != "t"):
            return None
        return cls(text[0], int(number), occurrence)

    @property
    def task(self) -> bool:
        return self.kind == "t"


@dataclass(frozen=True)
class Line:
    """A row of the form as written: its key, the sheet it is on, the number printed
    beside it, and what the office had recorded for it then (a fingerprint, '' for
    nothing)."""

    key: RowKey
    sheet: str
    code: str
    recorded: str

    def __str__(self) -> str:
        """One cell of the hidden sheet: its fields between tabs (a cell per line, not per
        field: the fewer cells, the faster a form is read back)."""
        return "\t".join((str(self.key), self.sheet, self.code, self.recorded))

    @classmethod
    def parse(cls, text: str) -> Line | None:
        """The line written in a cell, or None for anything else."""
        fields = text.split("\t")
        if len(fields) == 3:  # nothing recorded: the trailing tab may have been trimmed
            fields.append("")
        if len(fields) != 4:
            return None
        key, sheet, code, recorded = fields
        found = RowKey.parse(key)
        if found is None or sheet not in SHEETS or len(recorded) > 64:
            return None
        return cls(found, sheet, code, recorded)


@dataclass(frozen=True)
class Identity:
    """What the hidden sheet says of the form."""

    form_uid: str
    version: int
    plan_id: int
    plan_number: str
    plan_fingerprint: str
    period_id: str
    unit_id: int
    unit_name: str
    written_at: str  # UTC, ISO
    lines: tuple[Line, ...]


# The hidden sheet's fields, in order: (attribute, label written beside its value).
INFO_FIELDS = (
    ("kind", "loai"),
    ("version", "phien_ban"),
    ("form_uid", "ma_phieu"),
    ("plan_id", "ke_hoach_id"),
    ("plan_number", "ke_hoach_so"),
    ("plan_fingerprint", "ke_hoach_van_tay"),
    ("period_id", "ky"),
    ("unit_id", "don_vi_id"),
    ("unit_name", "don_vi"),
    ("written_at", "lap_luc"),
)
LINES_LABEL = "dong"  # beside the number of lines, written one a cell under it


def plan_fingerprint(ws: Workspace, plan: Plan) -> str:
    """The plan as this database knows it: a form of another database's plan with the
    same id or number is not one of ours."""
    text = f"{ws.packages.identity()}|{plan.id}|{plan.number}|{plan.issued_on.isoformat()}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def carried(given: Assignments) -> tuple[tuple[Task, ...], tuple[Indicator, ...]]:
    """What a unit reports on in its form: the tasks it leads and those given to all the
    office's units (the assignment annex's rule), and the indicators it leads; what it
    only coordinates is reported by the unit leading it."""
    return given.leads + given.shared, given.indicators_led
