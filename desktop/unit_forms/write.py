"""Writing each unit's progress form for a period: one .xlsx per unit (layout.py).

The unit fills in the white columns only: tình trạng from a list, % hoàn thành a whole
number, ngày hoàn thành a date cell, the texts, the names of the evidence files it sends
along. Everything else is locked (the sheet is protected without a password: it guards
against slips, not against the unit) and shows what the office has recorded so far.
Printed A4 landscape, fitted to the page's width, the column titles on every page.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from desktop.documents.assignment_annex import Assignments, annexed_units
from desktop.documents.xlsx import FONT, print_landscape, row_height, times_workbook
from desktop.domain.model import Indicator, Plan, Task
from desktop.domain.periods import Period
from desktop.errors import InvalidInput
from desktop.infra.atomic_files import write_set
from desktop.infra.problems import explain
from desktop.services.progress import REPORT_TEXT_LIMIT
from desktop.unit_forms import figures
from desktop.unit_forms.layout import (
    DATE_FORMAT,
    EVIDENCE_SEPARATOR,
    FORM_KIND,
    FORM_VERSION,
    HEADER_ROW,
    INDICATOR_COLUMNS,
    INDICATOR_SHEET,
    INFO_FIELDS,
    INFO_SHEET,
    LINES_LABEL,
    STATUS_LABELS,
    TASK_COLUMNS,
    TASK_SHEET,
    Column,
    Identity,
    Line,
    RowKey,
    carried,
    plan_fingerprint,
    position,
)
from desktop.vietnamese.numbers import format_number
from desktop.vietnamese.text import slug
from desktop.workspace import Workspace

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_GREY = PatternFill("solid", fgColor="EEEEEE")  # what the unit reads, locked
_HEAD = PatternFill("solid", fgColor="DDDDDD")
_ENTRY_HEAD = PatternFill("solid", fgColor="FFF2CC")  # over the columns the unit fills in
_SECTION = PatternFill("solid", fgColor="E2EFDA")
_TOP = Alignment(wrap_text=True, vertical="top")
_PLAIN, _BOLD = Font(name=FONT, size=11), Font(name=FONT, size=11, bold=True)
_ENTRY_LINES = 2  # room to write in, at least, on every row
_ROOM = row_height(["\n".join("x" * _ENTRY_LINES)], [10])


def form_units(ws: Workspace, plan: Plan, unit: str | None = None) -> list[Assignments]:
    """The units a form goes to: every unit the assignment annexes are made for (the one
    named, else all) that leads a task or an indicator or shares a task given to all."""
    annexed = annexed_units(ws, plan, unit)
    chosen = [g for g in annexed if any(carried(g))]
    if not chosen:
        if unit is not None:
            raise InvalidInput(
                f"{annexed[0].unit.name} chỉ phối hợp, không chủ trì nhiệm vụ hay chỉ tiêu nào "
                f"trong {plan.title}: không có phiếu báo cáo tiến độ (đơn vị chủ trì báo cáo)."
            )
        raise InvalidInput(f"{plan.title} chưa giao cho đơn vị nào chủ trì nhiệm vụ, chỉ tiêu.")
    return chosen


def form_name(period: Period, unit_name: str) -> str:
    """'phieu-tien-do_2025-Q4_phong-van-hoa-xa-hoi.xlsx': ASCII, so the name survives any
    USB stick, zip tool or mail server on the way (the form is known by its content)."""
    return f"phieu-tien-do_{period.key}_{slug(unit_name) or 'don-vi'}.xlsx"


def write_forms(
    ws: Workspace, plan: Plan, period: Period, folder: Path, unit: str | None = None
) -> list[Path]:
    """One form per unit (the one named, else every unit reporting something) in
    `folder`, as one set: all of them new or all as they were (write_set). A locked
    period gets none: nothing could be taken back into it."""
    ws.locks.refuse(plan.id, period.key)
    units = form_units(ws, plan, unit)
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(f"Không tạo được thư mục «{folder}»: {explain(exc, folder)}.") from exc
    rendered = (
        (form_name(period, given.unit.name), render_form(ws, plan, period, given))
        for given in units
    )
    return write_set(folder, rendered)


@dataclass
class _Sheet:
    """A visible sheet's rows before they are written: a heading (a section) or a row of
    the form with its cells by field."""

    name: str
    columns: tuple[Column, ...]
    heading: str
    rows: list[tuple[Line | None, dict[str, str]]] = field(default_factory=list)

    def section(self, title: str) -> None:
        self.rows.append((None, {"code": title}))


def render_form(ws: Workspace, plan: Plan, period: Period, given: Assignments) -> bytes:
    """The form of one unit (from form_units) as the bytes of an .xlsx."""
    tasks, indicators = carried(given)
    sheets = [
        s
        for s in (
            _task_sheet(ws, plan, period, given, tasks),
            _indicator_sheet(ws, plan, period, indicators),
        )
        if s.rows
    ]
    lines = tuple(line for s in sheets for line, _ in s.rows if line is not None)
    identity = Identity(
        form_uid=uuid.uuid4().hex,
        version=FORM_VERSION,
        plan_id=plan.id,
        plan_number=plan.number,
        plan_fingerprint=plan_fingerprint(ws, plan),
        period_id=period.key,
        unit_id=given.unit.id,
        unit_name=given.unit.name,
        written_at=ws.timestamp(),
        lines=lines,
    )
    book = times_workbook()
    book.remove(book.active)
    for sheet in sheets:
        _write_sheet(book.create_sheet(sheet.name), sheet, plan, period, given)
    _write_identity(book.create_sheet(INFO_SHEET), identity)
    book.properties.title = f"Phiếu báo cáo tiến độ {period.label} — {given.unit.name}"
    book.properties.creator = plan.issuer
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _task_sheet(
    ws: Workspace, plan: Plan, period: Period, given: Assignments, tasks: tuple[Task, ...]
) -> _Sheet:
    sheet = _Sheet(TASK_SHEET, TASK_COLUMNS, "PHIẾU BÁO CÁO TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ")
    rows: list[tuple[Task, RowKey, str]] = []
    for task in tasks:
        turns, default = ws.progress.turns(task, period)
        if task.deadline.recurring and not turns:
            continue  # no turn left in the plan's years: nothing to report
        turn = next((t.label for t in turns if t.key == default), "")
        rows.append((task, RowKey("t", task.id, default), turn))
    now = figures.recorded(ws, plan.id, period, [key for _, key, _ in rows])
    shared = {t.id for t in given.shared}
    for heading, group in (
        ("I. NHIỆM VỤ CHỦ TRÌ THỰC HIỆN", [r for r in rows if r[0].id not in shared]),
        ("II. NHIỆM VỤ GIAO CHUNG CÁC CƠ QUAN, ĐƠN VỊ", [r for r in rows if r[0].id in shared]),
    ):
        if not group:
            continue
        sheet.section(f"{heading} ({len(group)} nhiệm vụ)")
        for task, key, turn in group:
            title = f"{task.title}\n({turn})" if turn else task.title
            line = Line(key, TASK_SHEET, task.code, figures.fingerprint(now[key]))
            sheet.rows.append(
                (
                    line,
                    {
                        "key": str(key),
                        "code": task.code,
                        "title": title,
                        "deadline": task.deadline.text or "—",
                        "recorded": figures.shown(now[key]) or "Chưa có",
                    },
                )
            )
    return sheet


def _indicator_sheet(
    ws: Workspace, plan: Plan, period: Period, indicators: tuple[Indicator, ...]
) -> _Sheet:
    sheet = _Sheet(INDICATOR_SHEET, INDICATOR_COLUMNS, "PHIẾU BÁO CÁO KẾT QUẢ CÁC CHỈ TIÊU")
    keys = [RowKey("i", i.id) for i in indicators]
    now = figures.recorded(ws, plan.id, period, keys)
    groups = {g.id: g.title for g in ws.indicators.groups(plan.id)} if indicators else {}
    group = None
    for indicator, key in zip(indicators, keys, strict=True):
        if indicator.group_id != group:
            group = indicator.group_id
            sheet.section(groups.get(group, ""))
        milestone = indicator.target_for(period.id.year)
        target = f"Năm {milestone[0]}: {milestone[1].text}" if milestone else ""
        line = Line(key, INDICATOR_SHEET, indicator.code, figures.fingerprint(now[key]))
        sheet.rows.append(
            (
                line,
                {
                    "key": str(key),
                    "code": indicator.code,
                    "title": indicator.name,
                    "unit": indicator.unit_of_measure,
                    "target": target,
                    "recorded": figures.shown(now[key]) or "Chưa có",
                },
            )
        )
    return sheet


def _heading_lines(plan: Plan, period: Period, given: Assignments, sheet: _Sheet) -> list:
    due = f"; hạn gửi văn phòng: {period.units_due:%d/%m/%Y}" if period.units_due else ""
    how = (
        "Ghi vào các cột nền trắng; không thêm, xóa, gộp ô hay sắp xếp lại dòng. Tình trạng "
        "chọn trong danh sách; ngày ghi dạng 31/12/2025; minh chứng ghi tên các tệp gửi kèm "
        f"phiếu, cách nhau dấu «{EVIDENCE_SEPARATOR}». Dòng để trống là chưa báo cáo."
        if sheet.name == TASK_SHEET
        else "Ghi vào các cột nền trắng: giá trị là số (82,5), hoặc kết quả bằng lời khi chỉ "
        "tiêu không đo bằng số; không thêm, xóa hay sắp xếp lại dòng."
    )
    return [
        (sheet.heading, Font(name=FONT, size=13, bold=True), "center"),
        (f"{plan.title} của {plan.issuer}", Font(name=FONT, size=12, italic=True), "center"),
        (
            f"Kỳ báo cáo: {period.title} (số liệu từ {period.data_from:%d/%m/%Y} đến "
            f"{period.data_to:%d/%m/%Y}){due}",
            Font(name=FONT, size=12),
            "center",
        ),
        (f"Đơn vị báo cáo: {given.unit.name}", Font(name=FONT, size=12, bold=True), "left"),
        (how, Font(name=FONT, size=10, italic=True), "left"),
    ]


def _write_sheet(
    out: Worksheet, sheet: _Sheet, plan: Plan, period: Period, given: Assignments
) -> None:
    columns = sheet.columns
    last = get_column_letter(len(columns))
    widths = [c.width for c in columns]
    for index, column in enumerate(columns, start=1):
        out.column_dimensions[get_column_letter(index)].width = column.width
    out.column_dimensions["A"].hidden = True  # the row keys
    across = [sum(widths[1:])]
    for row, (text, font, horizontal) in enumerate(_heading_lines(plan, period, given, sheet), 1):
        cell = out.cell(row, 2, text)
        cell.font, cell.alignment = font, Alignment(horizontal=horizontal, wrap_text=True)
        out.merge_cells(f"B{row}:{last}{row}")
        out.row_dimensions[row].height = row_height([text], across, font.sz, bool(font.b))
    for index, column in enumerate(columns, start=1):
        cell = out.cell(HEADER_ROW, index, column.title)
        cell.font, cell.border = _BOLD, _BOX
        cell.fill = _ENTRY_HEAD if column.entry else _HEAD
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    titles = [c.title for c in columns]
    out.row_dimensions[HEADER_ROW].height = row_height(titles, widths, bold=True)
    for row, (line, cells) in enumerate(sheet.rows, start=HEADER_ROW + 1):
        if line is None:
            _write_section(out, row, cells["code"], len(columns))
        else:
            _write_row(out, row, columns, cells)
    first, end = HEADER_ROW + 1, HEADER_ROW + len(sheet.rows)
    _validations(out, columns, first, end, period)
    out.freeze_panes = f"D{first}"
    print_landscape(out, HEADER_ROW)
    out.oddFooter.center.text = "Trang &P/&N"
    # Protected without a password: the unit cannot slip on a locked cell, and can still
    # widen a column or heighten a row to read a long text.
    out.protection = SheetProtection(sheet=True, formatColumns=False, formatRows=False)


def _write_section(out: Worksheet, row: int, title: str, width: int) -> None:
    for index in range(1, width + 1):
        cell = out.cell(row, index)
        cell.fill, cell.border = _SECTION, _BOX
    cell = out.cell(row, 2, title)
    cell.font = _BOLD  # not wrapped: it runs on over the empty cells beside it


def _write_row(out: Worksheet, row: int, columns: tuple[Column, ...], cells: dict) -> None:
    texts = []
    for index, column in enumerate(columns, start=1):
        value = cells.get(column.field)
        cell = out.cell(row, index, value)
        cell.font, cell.border, cell.alignment = _PLAIN, _BOX, _TOP
        if column.entry:
            cell.protection = Protection(locked=False)
            if column.field == "completed_on":
                cell.number_format = DATE_FORMAT
        else:
            cell.fill = _GREY
        texts.append("" if column.field == "key" else value or "")
    height = row_height(texts, [c.width for c in columns])
    out.row_dimensions[row].height = max(height, _ROOM)


def _validations(
    out: Worksheet, columns: tuple[Column, ...], first: int, end: int, period: Period
) -> None:
    """Each entry column's rule, said in Vietnamese where Excel or LibreOffice refuses a
    value; the reader checks the same again (a rule is easy to paste over)."""
    cutoff = period.data_to
    rules = {
        "status": DataValidation(
            type="list",
            formula1='"' + ",".join(STATUS_LABELS) + '"',
            error="Chọn một tình trạng trong danh sách: " + ", ".join(STATUS_LABELS) + ".",
            prompt="Chọn trong danh sách",
        ),
        "percent": DataValidation(
            type="whole",
            operator="between",
            formula1="0",
            formula2="100",
            error="Tỷ lệ hoàn thành là số nguyên từ 0 đến 100.",
        ),
        "completed_on": DataValidation(
            type="date",
            operator="lessThanOrEqual",
            formula1=f"MIN(DATE({cutoff.year},{cutoff.month},{cutoff.day}),TODAY())",
            error=f"Ngày hoàn thành là một ngày (31/12/2025), không sau hôm nay và không sau "
            f"ngày chốt số liệu {cutoff:%d/%m/%Y}.",
            prompt="Ngày dạng 31/12/2025",
        ),
        "value": DataValidation(
            type="decimal",
            operator="between",
            formula1="-1000000000000",
            formula2="1000000000000",
            error="Giá trị đạt được là một số (82,5); kết quả bằng lời ghi ở cột bên cạnh.",
        ),
    }
    texts = ("result", "difficulties", "proposals", "evidence", "value_text", "note")
    for name in texts:
        rules[name] = DataValidation(
            type="textLength",
            operator="lessThanOrEqual",
            formula1=str(REPORT_TEXT_LIMIT),
            error=f"Tối đa {format_number(REPORT_TEXT_LIMIT)} ký tự; phần chi tiết gửi kèm "
            "thành tệp minh chứng.",
        )
    for column in columns:
        rule = rules.get(column.field)
        if rule is None or not column.entry:
            continue
        rule.allow_blank = True
        rule.showErrorMessage = True
        rule.errorTitle = column.title
        rule.showInputMessage = bool(rule.prompt)
        rule.promptTitle = column.title if rule.prompt else None
        letter = get_column_letter(position(columns, column.field))
        rule.add(f"{letter}{first}:{letter}{end}")
        out.add_data_validation(rule)


def _write_identity(out: Worksheet, identity: Identity) -> None:
    """The hidden sheet, every value as text (a spreadsheet program keeps text as it is)."""
    values = {"kind": FORM_KIND, **{k: getattr(identity, k) for k, _ in INFO_FIELDS[1:]}}
    for attribute, label in INFO_FIELDS:
        out.append([label, str(values[attribute])])
    out.append([LINES_LABEL, str(len(identity.lines))])
    for line in identity.lines:
        out.append([str(line)])
    out.sheet_state = "veryHidden"
    out.protection = SheetProtection(sheet=True)
