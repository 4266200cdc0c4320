"""What an annex says: its sections and tasks, or its groups and indicators, row by row.

Nothing here writes. Every problem is kept with its row; the caller writes only when
there is none. The rules, from annexes offices really send:
- a section row has a Roman STT (I, II…), or an integer STT with nothing but a title,
  or its whole text in one merged cell ('II. Hoàn thiện thể chế');
- task numbering may restart in each section ('1', '2' become 'I.1', 'I.2') or be
  written in full ('1.1', '4.5'); an STT typed as a number arrives as 4.5, not '4.5';
- a row without STT continues the task above (text running on), and sub-items ('a)',
  '-', '+') become lines of it; blank rows and the row of column numbers are skipped;
- an indicator group titled 'Đến năm 2030' gives its single target column that year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from desktop.domain.deadlines import parse_deadline
from desktop.errors import InvalidInput
from desktop.importing.headers import Columns, find_header, is_numbering_row
from desktop.importing.sources import Grid, GridRow
from desktop.importing.unit_names import UnitNames
from desktop.services.plans import within_limit
from desktop.services.tasks import TASK_LIMITS
from desktop.vietnamese.text import clean, fold

_ROMAN = re.compile(r"^(?=[ivxlc]+$)(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_SECTION_TEXT = re.compile(
    r"^(?:(?:phan|muc|nhom)\s+)?([ivxlc]+|[a-z]|\d+)\s*[.:)\-–]\s*(.+)$", re.IGNORECASE
)
_SUB_ITEM = re.compile(r"^(?:[a-zđ]\)|[-+•*])\s*", re.IGNORECASE)
_SUB_MARK = re.compile(r"^(?:[a-zđ]|[-+•*])$", re.IGNORECASE)  # an STT cell holding 'a' or '-'
_INTEGER = re.compile(r"^\d+$")
_TASK_NUMBER = re.compile(r"^\d+(?:\.\d+)*\.?$")
_MILESTONE = re.compile(r"(?:den|dat|muc tieu)\s+nam\s+(20\d\d)")


# A task's field and the annex column it is read from.
_ROLES = {"title": "title", "deadline_text": "deadline", "expected_product": "product",
          "note": "note"}  # fmt: skip


@dataclass
class Problem:
    row: int | None
    message: str
    column: str | None = None
    grid: Grid | None = None  # the sheet or table the row is in


@dataclass
class TaskItem:
    code: str
    title: str
    row: int
    lead_text: str = ""
    lead: list[str] = field(default_factory=list)
    coordinate_text: str = ""
    coordinate: list[str] = field(default_factory=list)
    deadline_text: str = ""
    product: str = ""
    note: str = ""


@dataclass
class SectionItem:
    code: str
    title: str
    row: int
    tasks: list[TaskItem] = field(default_factory=list)


@dataclass
class IndicatorItem:
    code: str
    name: str
    row: int
    unit_of_measure: str = ""
    targets: dict[int, str] = field(default_factory=dict)
    lead_text: str = ""
    lead: list[str] = field(default_factory=list)


@dataclass
class GroupItem:
    code: str
    title: str
    row: int
    year: int | None = None  # the milestone its title names
    indicators: list[IndicatorItem] = field(default_factory=list)


@dataclass
class Annex:
    grid: Grid
    columns: Columns
    sections: list[SectionItem] = field(default_factory=list)
    groups: list[GroupItem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def _roman(text: str) -> bool:
    """A section number: I, II, IV… in capitals (lower-case 'c', 'i' are sub-items)."""
    return bool(text) and text.isupper() and bool(_ROMAN.match(text.lower()))


def _stt(text: str) -> str:
    return clean(text).rstrip(".")


def _join(before: str, more: str, line: bool = False) -> str:
    if not before:
        return more
    return f"{before}\n{more}" if line else f"{before} {more}"


class _Reader:
    def __init__(self, grid: Grid, columns: Columns, units: UnitNames, start_year: int):
        self.annex = Annex(grid, columns)
        self.columns = columns
        self.units = units
        self.start_year = start_year
        self.last: TaskItem | IndicatorItem | None = None  # the rows run on into
        self.seen_codes: set[str] = set()

    # helpers ---------------------------------------------------------------------------

    def cell(self, row: GridRow, role: str) -> str:
        return row.cell(self.columns.roles.get(role))

    def error(self, row: int, message: str, column: str | None = None) -> None:
        self.annex.errors.append(Problem(row, message, column, self.annex.grid))

    def warn(self, row: int, message: str) -> None:
        self.annex.warnings.append(Problem(row, message, grid=self.annex.grid))

    def read_units(self, row: GridRow, role: str) -> tuple[str, list[str]]:
        text = clean(self.cell(row, role))
        names, created = self.units.read(self.cell(row, role))
        for name in created:
            self.warn(row.number, f"Cơ quan «{name}» chưa có trong danh sách: sẽ được thêm mới.")
        return text, names

    def _section_parts(self, row: GridRow) -> tuple[str, str] | None:
        """(code, title) when the row opens a section or group."""
        stt, title = _stt(self.cell(row, "stt")), clean(self.cell(row, "title"))
        others = [
            self.cell(row, role)
            for role in ("lead", "coordinate", "deadline", "product", "unit", "target")
        ] + [row.cell(column) for column in self.columns.years.values()]
        bare = not any(others)
        if _roman(stt) and (title or bare):
            return stt.upper(), title
        if bare and _INTEGER.match(stt) and title and not self.columns.indicators:
            return stt, title
        filled = [text for text in row.cells if text]
        if len(filled) == 1:  # the whole row merged: 'II. Hoàn thiện thể chế'
            match = _SECTION_TEXT.match(clean(filled[0]))
            if match and (_roman(match.group(1)) or match.group(1).isdigit()):
                return match.group(1).upper(), clean(match.group(2))
            if self.last is None and not (self.annex.sections or self.annex.groups):
                return "", clean(filled[0])  # a heading over the first items
        return None

    # rows ------------------------------------------------------------------------------

    def read(self) -> Annex:
        rows = [r for r in self.annex.grid.rows if r.number > self.columns.last_row]
        for row in rows:
            if is_numbering_row(row):
                continue
            opened = self._section_parts(row)
            if opened is not None:
                self.open_section(row, *opened)
            elif self.columns.indicators:
                self.indicator_row(row)
            else:
                self.task_row(row)
        return self.annex

    def open_section(self, row: GridRow, code: str, title: str) -> None:
        self.last = None
        if self.columns.indicators:
            match = _MILESTONE.search(fold(title))
            year = int(match.group(1)) if match else None
            self.annex.groups.append(GroupItem(code or "1", title, row.number, year))
        else:
            if not title:
                self.error(row.number, "Mục không có tên.", "title")
            self.annex.sections.append(SectionItem(code or "I", title, row.number))
        self.seen_codes = set()

    def _continues(self, row: GridRow, text: str) -> bool:
        """A row without a number adds to the item above: text running on, or a sub-item
        ('a', '-' in the STT column, or 'a)', '-', '+' starting the text) as a new line."""
        stt = _stt(self.cell(row, "stt"))
        marked = bool(_SUB_MARK.match(stt))
        if stt and not marked:
            return False
        if self.last is None:
            self.error(
                row.number,
                "Dòng không có số thứ tự và không tiếp nối nhiệm vụ nào ở trên.",
                "stt",
            )
            return True
        line = marked or bool(_SUB_ITEM.match(text))
        if marked:
            text = f"{stt}) {text}" if stt[0].isalpha() else f"{stt} {text}"
        if isinstance(self.last, TaskItem):
            self.last.title = _join(self.last.title, text, line)
            for role, attribute in (("deadline", "deadline_text"), ("product", "product")):
                if extra := clean(self.cell(row, role)):
                    setattr(self.last, attribute, _join(getattr(self.last, attribute), extra))
        else:
            self.last.name = _join(self.last.name, text, line)
        return True

    def _section(self, row: GridRow) -> SectionItem:
        if not self.annex.sections:  # tasks before any section: one unnamed section
            self.annex.sections.append(SectionItem("I", "", row.number))
        return self.annex.sections[-1]

    def task_row(self, row: GridRow) -> None:
        title = clean(self.cell(row, "title"))
        if self._continues(row, title):
            return
        stt = _stt(self.cell(row, "stt"))
        section = self._section(row)
        if not _TASK_NUMBER.match(stt):
            self.error(row.number, f"Số thứ tự «{stt}» không đọc được.", "stt")
        code = stt if "." in stt or not section.code else f"{section.code}.{stt}"
        if code in self.seen_codes:
            self.error(row.number, f"Số thứ tự {stt} trùng trong mục {section.code}.", "stt")
        self.seen_codes.add(code)
        task = TaskItem(code, title, row.number)
        if not title:
            self.error(row.number, "Nhiệm vụ không có tên.", "title")
        task.lead_text, task.lead = self.read_units(row, "lead")
        task.coordinate_text, task.coordinate = self.read_units(row, "coordinate")
        if not task.lead:
            self.error(row.number, "Nhiệm vụ chưa có cơ quan chủ trì.", "lead")
        task.deadline_text = clean(self.cell(row, "deadline"))
        task.product = clean(self.cell(row, "product"))
        task.note = clean(self.cell(row, "note"))
        section.tasks.append(task)
        self.last = task

    def finish_tasks(self) -> None:
        """What is only known once continuation rows are joined: a text longer than the
        task can hold (the same limits as a task typed in the window), and warnings."""
        for section in self.annex.sections:
            for task in section.tasks:
                texts = {"title": task.title, "deadline_text": task.deadline_text,
                         "expected_product": task.product, "note": task.note}  # fmt: skip
                for name, text in texts.items():
                    try:
                        within_limit(text, *TASK_LIMITS[name])
                    except InvalidInput as exc:
                        self.error(task.row, str(exc), _ROLES[name])
                if not task.deadline_text:
                    continue
                deadline = parse_deadline(task.deadline_text, self.start_year, task.title)
                if deadline.one_off and deadline.milestone is None:
                    self.warn(
                        task.row,
                        f"Thời hạn «{task.deadline_text}» không có ngày cụ thể: "
                        "nhiệm vụ không bị tính quá hạn cho đến khi đặt ngày.",
                    )

    def indicator_row(self, row: GridRow) -> None:
        name = clean(self.cell(row, "title"))
        if self._continues(row, name):
            return
        stt = _stt(self.cell(row, "stt"))
        if not self.annex.groups:
            self.annex.groups.append(GroupItem("1", "", row.number))
        group = self.annex.groups[-1]
        if stt in self.seen_codes:
            self.error(row.number, f"Số thứ tự {stt} trùng trong nhóm {group.code}.", "stt")
        self.seen_codes.add(stt)
        item = IndicatorItem(stt or str(len(group.indicators) + 1), name, row.number)
        if not name:
            self.error(row.number, "Chỉ tiêu không có tên.", "title")
        item.unit_of_measure = clean(self.cell(row, "unit"))
        for year, column in sorted(self.columns.years.items()):
            if text := clean(row.cell(column)):
                item.targets[year] = text
        if single := clean(self.cell(row, "target")):
            if group.year is None:
                self.error(
                    row.number,
                    "Không rõ mục tiêu thuộc năm nào: tên nhóm không ghi «Đến năm …» và "
                    "bảng không có cột năm.",
                    "target",
                )
            else:
                item.targets.setdefault(group.year, single)
        item.lead_text, item.lead = self.read_units(row, "lead")
        group.indicators.append(item)
        self.last = item


def read_annex(
    grid: Grid,
    units: UnitNames,
    start_year: int,
    header_row: int | None = None,
    roles: dict[str, int] | None = None,
):
    """The annex in one grid, or None when the grid has no header row of an annex."""
    columns = find_header(grid, header_row, roles)
    if columns is None:
        return None
    reader = _Reader(grid, columns, units, start_year)
    if "title" not in columns.roles:
        reader.error(columns.row, "Thiếu cột tên nhiệm vụ hoặc chỉ tiêu.", "title")
        return reader.annex
    if not columns.indicators and "lead" not in columns.roles:
        reader.error(columns.row, "Thiếu cột cơ quan chủ trì.", "lead")
        return reader.annex
    annex = reader.read()
    reader.finish_tasks()
    return annex


def plan_year(annexes: list[Annex], issued: date | None) -> tuple[int, int]:
    """The plan's first and last year, from its date, deadlines and milestone years."""
    first = issued.year if issued else date.today().year
    years = [first]
    for annex in annexes:
        years += list(annex.columns.years)
        years += [g.year for g in annex.groups if g.year]
        for section in annex.sections:
            for task in section.tasks:
                deadline = parse_deadline(task.deadline_text, first)
                if deadline.milestone:
                    years.append(deadline.milestone.year)
    return first, max(years)
