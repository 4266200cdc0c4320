"""Reading a unit's form as it came back: recognised by what it holds (its hidden sheet),
never by its name; every row found by its key, never by its place; every cell the unit
filled in read to the value it is stored as, or to a Vietnamese message saying what is
wrong with it, by row and column (cells.py).

The file is checked before openpyxl sees it (container.py). A row moved or sorted is
read where it is; a row added, copied or merged, or whose cells were sorted apart from
its key, is said; a row deleted is said and not taken. A formula is read as the value it
last computed when the file keeps it. The rules a report or a value must follow are the
services' own (checked_report, completion_note): called, never repeated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from desktop.documents.assignment_annex import assignments
from desktop.domain.model import Indicator, Plan, Task, Unit
from desktop.domain.periods import Period, PeriodId
from desktop.domain.plan_calendar import PlanCalendar
from desktop.errors import InvalidInput, NotFound
from desktop.services.progress import checked_report, completion_note
from desktop.unit_forms import cells, container
from desktop.unit_forms.cells import CellError, RowCheck
from desktop.unit_forms.figures import Figure, Report, Value
from desktop.unit_forms.layout import (
    FORM_KIND,
    FORM_VERSION,
    HEADER_ROW,
    INFO_FIELDS,
    INFO_SHEET,
    LINES_LABEL,
    SHEETS,
    Column,
    Identity,
    Line,
    RowKey,
    carried,
    plan_fingerprint,
)
from desktop.vietnamese.numbers import format_number
from desktop.workspace import Workspace

MAX_LINES = 5_000  # rows a form may hold: a plan has a few hundred tasks and indicators
EXTRA_ROWS = 500  # rows read under a sheet's own, so that rows a unit added are said


@dataclass(frozen=True)
class FormRow:
    """A row of the form as the unit filled it in."""

    key: RowKey
    sheet: str
    row: int  # where it is in the file as it came back
    code: str  # the number printed beside it
    title: str  # the task's title or the indicator's name now
    filled: bool  # the unit wrote something in it
    figure: Figure | None  # what it says, when filled in and sound
    evidence: tuple[str, ...]  # names of the files sent with the form
    errors: tuple[CellError, ...]
    recorded_then: str  # fingerprint of the office's record when the form was written


@dataclass(frozen=True)
class FormReading:
    path: Path
    sha256: str
    identity: Identity
    plan: Plan
    period: Period
    unit: Unit
    rows: tuple[FormRow, ...]  # in the form's own order
    problems: tuple[CellError, ...]  # rows that are not the form's (added, merged)
    notes: tuple[str, ...]  # rows of the form not found (deleted)


class Known:
    """What reading forms asks of the database, asked once for a batch of them."""

    def __init__(self, ws: Workspace):
        self.ws = ws
        self._calendars: dict[int, PlanCalendar] = {}
        self._tasks: dict[int, dict[int, Task]] = {}
        self._indicators: dict[int, dict[int, Indicator]] = {}
        self._carried: dict[tuple[int, int], tuple[set[int], set[int]]] = {}
        self._turns: dict[tuple[int, str], set[str]] = {}

    @cached_property
    def today(self) -> date:
        return self.ws.today()

    def calendar(self, plan_id: int) -> PlanCalendar:
        if plan_id not in self._calendars:
            self._calendars[plan_id] = self.ws.periods.calendar(plan_id)
        return self._calendars[plan_id]

    def tasks(self, plan_id: int) -> dict[int, Task]:
        if plan_id not in self._tasks:
            self._tasks[plan_id] = {t.id: t for t in self.ws.tasks.list(plan_id)}
        return self._tasks[plan_id]

    def indicators(self, plan_id: int) -> dict[int, Indicator]:
        if plan_id not in self._indicators:
            self._indicators[plan_id] = {i.id: i for i in self.ws.indicators.list(plan_id)}
        return self._indicators[plan_id]

    def carries(self, plan: Plan, unit: Unit, key: RowKey) -> bool:
        """Whether the unit reports on the row's task or indicator now (layout.carried)."""
        if (plan.id, unit.id) not in self._carried:
            tasks, indicators = carried(assignments(self.ws, plan, unit))
            self._carried[plan.id, unit.id] = ({t.id for t in tasks}, {i.id for i in indicators})
        tasks_now, indicators_now = self._carried[plan.id, unit.id]
        return key.id in (tasks_now if key.task else indicators_now)

    def turns(self, task: Task, period: Period) -> set[str]:
        """The turns of a recurring task a report in the period can speak of."""
        if (task.id, period.key) not in self._turns:
            turns, _ = self.ws.progress.turns(task, period)
            self._turns[task.id, period.key] = {t.key for t in turns}
        return self._turns[task.id, period.key]


def read_form(ws: Workspace, path: Path, known: Known | None = None) -> FormReading:
    """The form at `path` read and checked against the database, or an InvalidInput
    saying in Vietnamese why the file is not taken at all. `known`: shared by the forms
    of one batch (preview makes one)."""
    path = Path(path)
    data = container.checked_bytes(path)
    book = container.load(path, data)
    identity = _identity(path, book)
    plan, period, unit = _recognised(ws, path, identity)
    computed: list = []  # the workbook's formulas' values, loaded at the first formula

    def values() -> Any:
        if not computed:
            computed.append(container.load(path, data, data_only=True))
        return computed[0]

    reader = _SheetReader(known or Known(ws), plan, period, unit, values)
    for name in dict.fromkeys(line.sheet for line in identity.lines):
        if name not in book.sheetnames:
            raise InvalidInput(
                f"Phiếu «{path.name}» không còn trang «{name}» (trang bị đổi tên hay xóa): "
                "không đọc được. Hãy điền vào phiếu gốc văn phòng gửi."
            )
        reader.read(path, book[name], [line for line in identity.lines if line.sheet == name])
    order = {line.key: index for index, line in enumerate(identity.lines)}
    return FormReading(
        path,
        hashlib.sha256(data).hexdigest(),
        identity,
        plan,
        period,
        unit,
        tuple(sorted(reader.rows, key=lambda r: (order[r.key], r.row))),
        tuple(reader.problems),
        _missing(identity, {row.key for row in reader.rows}),
    )


def _missing(identity: Identity, found: set[RowKey]) -> tuple[str, ...]:
    missing = [line for line in identity.lines if line.key not in found]
    if not missing:
        return ()
    named = ", ".join(f"«{line.code}» (trang {line.sheet})" for line in missing[:10])
    more = " …" if len(missing) > 10 else ""
    return (
        f"Không thấy {len(missing)} dòng của phiếu gửi đi (đã bị xóa?): {named}{more}. Các "
        "dòng này không được ghi.",
    )


# The hidden sheet ----------------------------------------------------------------------


class _Info:
    """The hidden sheet's rows as text, each checked against what the writer puts there."""

    def __init__(self, path: Path, sheet: Any):
        self.path = path
        last = min(sheet.max_row, len(INFO_FIELDS) + 1 + MAX_LINES)
        self.rows = [
            tuple(cells.text(v) for v in row)
            for row in sheet.iter_rows(max_row=last, max_col=2, values_only=True)
        ]

    def damaged(self, index: int) -> InvalidInput:
        return InvalidInput(
            f"Phần thông tin của phiếu «{self.path.name}» đã bị sửa hoặc hỏng (dòng "
            f"{index + 1}): không nhận ra phiếu. Hãy điền vào phiếu gốc văn phòng gửi."
        )

    def field(self, index: int, label: str) -> str:
        if index >= len(self.rows) or self.rows[index][0] != label:
            raise self.damaged(index)
        return self.rows[index][1]

    def number(self, index: int, label: str) -> int:
        text = self.field(index, label)
        if not text.isdecimal():
            raise self.damaged(index)
        return int(text)

    def lines(self, at: int, count: int) -> tuple[Line, ...]:
        """The `count` lines written one a cell from the row at index `at`."""
        if count > MAX_LINES or len(self.rows) < at + count:
            raise self.damaged(at - 1)
        lines = []
        for index in range(at, at + count):
            line = Line.parse(self.rows[index][0])
            if line is None:
                raise self.damaged(index)
            lines.append(line)
        if len({line.key for line in lines}) != len(lines):
            raise self.damaged(at - 1)
        return tuple(lines)


def _identity(path: Path, book: Any) -> Identity:
    if INFO_SHEET not in book.sheetnames:
        raise InvalidInput(
            f"Tệp «{path.name}» không phải phiếu báo cáo tiến độ do Sổ Kế hoạch lập (không có "
            "phần thông tin của phiếu). Chỉ nhận phiếu văn phòng đã gửi cho đơn vị."
        )
    info = _Info(path, book[INFO_SHEET])
    place = {attribute: index for index, (attribute, _) in enumerate(INFO_FIELDS)}
    fields = {attribute: info.field(index, label) for index, (attribute, label) in
              enumerate(INFO_FIELDS)}  # fmt: skip
    if fields["kind"] != FORM_KIND:
        raise info.damaged(place["kind"])
    numbers = {
        attribute: info.number(place[attribute], label)
        for attribute, label in INFO_FIELDS
        if attribute in ("version", "plan_id", "unit_id")
    }
    try:
        PeriodId.parse(fields["period_id"])
    except InvalidInput as exc:
        raise info.damaged(place["period_id"]) from exc
    if numbers["version"] > FORM_VERSION:
        raise InvalidInput(
            f"Phiếu «{path.name}» được lập bằng phiên bản Sổ Kế hoạch mới hơn: hãy cập nhật "
            "phần mềm rồi nhận lại."
        )
    at = len(INFO_FIELDS)  # the row counting the lines, then a line a row
    return Identity(
        form_uid=fields["form_uid"],
        version=numbers["version"],
        plan_id=numbers["plan_id"],
        plan_number=fields["plan_number"],
        plan_fingerprint=fields["plan_fingerprint"],
        period_id=fields["period_id"],
        unit_id=numbers["unit_id"],
        unit_name=fields["unit_name"],
        written_at=fields["written_at"],
        lines=info.lines(at + 1, info.number(at, LINES_LABEL)),
    )


def _recognised(ws: Workspace, path: Path, identity: Identity) -> tuple[Plan, Period, Unit]:
    """The plan, period and unit the form is for, as this database has them."""
    whose = f"Phiếu «{path.name}» ({identity.unit_name}, kế hoạch số {identity.plan_number})"
    try:
        plan = ws.plans.get(identity.plan_id)
    except NotFound:
        plan = None
    if plan is None or plan_fingerprint(ws, plan) != identity.plan_fingerprint:
        raise InvalidInput(
            f"{whose} không phải phiếu của kế hoạch trong cơ sở dữ liệu này (lập ở cơ sở dữ "
            "liệu khác, hoặc kế hoạch đã bị xóa rồi nhập lại): không nhận. Hãy lập phiếu mới "
            "cho đơn vị."
        )
    try:
        unit = ws.units.get(identity.unit_id)
    except NotFound as exc:
        raise InvalidInput(
            f"{whose}: đơn vị này không còn trong danh sách cơ quan, đơn vị (đã gộp hay "
            "xóa): không nhận. Hãy lập phiếu mới cho đơn vị."
        ) from exc
    return plan, ws.periods.get(identity.period_id, plan.id), unit


# The visible sheets --------------------------------------------------------------------


class _SheetReader:
    """Reads the rows of the visible sheets, collecting them and the problems found."""

    def __init__(
        self, known: Known, plan: Plan, period: Period, unit: Unit, computed: Callable[[], Any]
    ):
        self.known, self.plan, self.period, self.unit = known, plan, period, unit
        self.computed = computed  # the workbook read for its formulas' values
        self.rows: list[FormRow] = []
        self.problems: list[CellError] = []

    def read(self, path: Path, sheet: Any, lines: list[Line]) -> None:
        columns = SHEETS[sheet.title]
        _check_columns(path, sheet, columns)
        merged = _merged_rows(sheet)
        last = HEADER_ROW + 2 * len(lines) + EXTRA_ROWS
        _check_beyond(path, sheet, last)
        expected = {line.key: line for line in lines}
        seen: dict[RowKey, int] = {}
        for row_cells in sheet.iter_rows(
            min_row=HEADER_ROW + 1, max_row=min(sheet.max_row, last), max_col=len(columns)
        ):
            check = RowCheck(sheet.title, row_cells[0].row, columns)
            values = self._values(check, row_cells, columns)
            entries = {c.field: values[c.field] for c in columns if c.entry}
            filled = any(not cells.empty(v) for v in entries.values())
            key = RowKey.parse(values["key"])
            if key is None or key not in expected:
                if filled or check.row_number in merged:
                    check.row(merged.get(check.row_number, _ADDED))
                    self.problems += check.errors
                continue
            line = expected[key]
            if key in seen:
                check.row(
                    f"dòng này lặp lại dòng {seen[key]} (cùng «{line.code}»): xóa dòng chép "
                    "thêm, chỉ giữ một dòng."
                )
            seen.setdefault(key, check.row_number)
            if cells.text(values["code"]) != line.code:
                check.column(
                    "code",
                    f"«{cells.text(values['code'])}» không khớp dòng gửi đi («{line.code}»): các "
                    "ô của dòng đã bị xáo trộn khi sắp xếp; không ghi dòng này.",
                )
            if check.row_number in merged:
                check.row(merged[check.row_number])
            self.rows.append(self._row(check, line, entries, filled))

    def _values(self, check: RowCheck, row_cells: tuple, columns: tuple[Column, ...]) -> dict:
        """Each cell's value by field: a formula as the value it last computed, when the
        file keeps it, otherwise refused for that cell; a number formatted as a
        percentage as the percentage it shows (0.6 -> 60)."""
        values: dict[str, Any] = {}
        for cell, column in zip(row_cells, columns, strict=True):
            value = cell.value
            if cell.data_type == "f":
                value = self.computed()[check.sheet].cell(cell.row, cell.column).value
                if cells.empty(value):
                    check.column(
                        column.field,
                        f"ô {cell.coordinate} là công thức chưa có giá trị tính sẵn: hãy dán giá "
                        "trị (không dán công thức) rồi gửi lại.",
                    )
            elif cell.data_type == "e":
                check.column(column.field, f"ô {cell.coordinate} báo lỗi {value}: hãy sửa lại.")
                value = None
            if isinstance(value, int | float) and "%" in (cell.number_format or ""):
                value = value * 100
            values[column.field] = value
        return values

    def _row(self, check: RowCheck, line: Line, entries: dict[str, Any], filled: bool) -> FormRow:
        key = line.key
        found = (self.known.tasks if key.task else self.known.indicators)(self.plan.id)
        record = found.get(key.id)
        title = (record.title if isinstance(record, Task) else record.name) if record else ""
        figure: Figure | None = None
        evidence: tuple[str, ...] = ()
        if filled and not check.errors:
            if record is None:
                check.row(f"«{line.code}» không còn trong kế hoạch: không ghi.")
            elif not self.known.carries(self.plan, self.unit, key):
                check.row(
                    f"«{line.code}» không (còn) do {self.unit.name} chủ trì báo cáo: không "
                    "ghi. Đơn vị chủ trì báo cáo nội dung này trong phiếu của mình."
                )
            elif isinstance(record, Task):
                figure, evidence = self._report(check, record, key, entries)
            else:
                figure = self._value(check, entries)
        return FormRow(
            key,
            check.sheet,
            check.row_number,
            line.code,
            title,
            filled,
            None if check.errors else figure,
            evidence,
            tuple(check.errors),
            line.recorded,
        )

    def _report(
        self, check: RowCheck, task: Task, key: RowKey, entries: dict[str, Any]
    ) -> tuple[Report | None, tuple[str, ...]]:
        status = check.cell("status", cells.status, entries["status"])
        percent = check.cell("percent", cells.percent, entries["percent"])
        completed = check.cell("completed_on", cells.day, entries["completed_on"])
        texts = {
            name: check.cell(name, cells.long_text, entries[name]) or ""
            for name in ("result", "difficulties", "proposals")
        }
        evidence = check.cell("evidence", cells.file_names, entries["evidence"]) or ()
        if check.errors:
            return None, ()
        if status is None:
            check.column("status", "chưa chọn tình trạng (dòng có ghi nội dung).")
            return None, ()
        try:
            status, percent, completed = checked_report(
                status, percent, completed, self.known.today
            )
        except InvalidInput as exc:
            check.row(str(exc))
            return None, ()
        if note := completion_note(self.known.calendar(self.plan.id), self.period, completed):
            check.column(
                "completed_on",
                f"{note} Phiếu {self.period.label} chỉ ghi việc đến ngày chốt số liệu: ghi "
                "«Đang thực hiện» và tỷ lệ đã đạt đến ngày đó.",
            )
            return None, ()
        if key.occurrence and key.occurrence not in self.known.turns(task, self.period):
            check.row(f"nhiệm vụ {task.code} không còn lần thực hiện «{key.occurrence}».")
            return None, ()
        return Report(status, percent, completed, **texts), evidence

    def _value(self, check: RowCheck, entries: dict[str, Any]) -> Value | None:
        value = check.cell("value", cells.number, entries["value"])
        text = check.cell("value_text", cells.line_text, entries["value_text"]) or ""
        note = check.cell("note", cells.line_text, entries["note"]) or ""
        if check.errors:
            return None
        if value is None and not text:
            check.column("value", "cần ghi giá trị (số) hoặc kết quả bằng lời.")
            return None
        return Value(value, text, note)


_ADDED = (
    "dòng này không có trong phiếu gửi đi (dòng thêm vào): không ghi. Nội dung ngoài các "
    "nhiệm vụ, chỉ tiêu của phiếu xin gửi văn phòng riêng."
)


def _check_columns(path: Path, sheet: Any, columns: tuple[Column, ...]) -> None:
    width = min(sheet.max_column, len(columns) + 20)
    titles = [cells.text(c) for c in next(sheet.iter_rows(HEADER_ROW, HEADER_ROW, 1, width, True))]
    if titles[: len(columns)] != [c.title for c in columns] or any(titles[len(columns) :]):
        raise InvalidInput(
            f"Các cột của trang «{sheet.title}» trong phiếu «{path.name}» không còn như phiếu "
            "gửi đi (cột bị thêm, xóa hay đổi chỗ): không đọc được số liệu theo cột. Hãy điền "
            "vào phiếu gốc văn phòng gửi."
        )


def _merged_rows(sheet: Any) -> dict[int, str]:
    """The rows under the header that a merged range covers, each with what to say."""
    merged: dict[int, str] = {}
    for cell_range in sheet.merged_cells.ranges:
        if cell_range.max_row <= HEADER_ROW:
            continue  # the form's own title lines
        said = (
            f"các ô {cell_range.coord} bị gộp; gộp ô làm mất số liệu của các ô bị gộp vào: bỏ "
            "gộp ô, điền lại rồi gửi lại phiếu."
        )
        for row in range(max(cell_range.min_row, HEADER_ROW + 1), cell_range.max_row + 1):
            merged.setdefault(row, said)
    return merged


def _check_beyond(path: Path, sheet: Any, last: int) -> None:
    """Anything written far under the form's rows refuses the file: nothing a unit fills
    in goes there, and reading that far is not bounded."""
    if sheet.max_row <= last:
        return
    beyond = [  # only the cells that exist: a whole column formatted is harmless
        row for (row, _), cell in sheet._cells.items() if row > last and not cells.empty(cell.value)
    ]
    if beyond:
        raise InvalidInput(
            f"Trang «{sheet.title}» của phiếu «{path.name}» có nội dung tới dòng "
            f"{format_number(max(beyond))}, quá xa các dòng của phiếu: không đọc. Hãy xóa phần "
            "thêm vào hoặc điền vào phiếu gốc."
        )
