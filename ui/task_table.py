"""The task list of a period as a compact table: filtered, searched and sorted in memory.

Each row's cell texts are computed once per period; filtering and sorting rearrange a
list of row numbers and reset the model, and the view (one line per row) asks only for
the rows it paints. Search text is folded lazily, the first time a search is typed,
and the fixed part of it (code, title, units) is kept across periods.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop.domain.model import PROGRESS_LABELS
from desktop.domain.periods import PeriodId
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.services.progress import TaskOverview
from desktop.vietnamese.collation import sort_key
from desktop.vietnamese.search import Query, best_matches, query
from desktop.vietnamese.text import searchable
from ui.style import STATE_COLOURS

Index = QModelIndex | QPersistentModelIndex
_STATE_ORDER = {state: rank for rank, state in enumerate(TaskState)}
_FAR_FUTURE = "9999-12-31"
_DISPLAY, _BACKGROUND = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.BackgroundRole


def progress_text(item: TaskOverview) -> str:
    if item.latest is None:
        return "Chưa báo cáo"
    return f"{PROGRESS_LABELS[item.latest.status]} ({item.latest.percent}%)"


def progress_tooltip(item: TaskOverview) -> str:
    report, turn = item.latest, item.turn
    if report is None and turn is not None and turn.occurrence.key:
        return f"Chưa có báo cáo tiến độ về {turn.occurrence.label.lower()}."
    if report is None:
        return "Chưa có báo cáo tiến độ đến kỳ này."
    parts = [f"Kỳ báo cáo: {PeriodId.parse(report.period_id).label}"]
    if report.occurrence:
        parts[0] += f" (lần {PeriodId.parse(report.occurrence).label})"
    if report.result:
        parts.append(f"Kết quả: {report.result}")
    if report.difficulties:
        parts.append(f"Khó khăn, vướng mắc: {report.difficulties}")
    if report.proposals:
        parts.append(f"Đề xuất, kiến nghị: {report.proposals}")
    return "\n".join(parts)


def state_lines(item: TaskOverview) -> list[str]:
    """Why the task is in its state: each turn due so far, and a late completion."""
    lines = [
        f"{o.occurrence.label}"
        + (f" (hạn {o.occurrence.due:%d/%m/%Y})" if o.occurrence.due else "")
        + f": {STATE_LABELS[o.state].lower()}"
        + (f", xong ngày {o.completed_on:%d/%m/%Y}" if o.completed_on else "")
        + (" — từ kỳ trước chuyển sang" if o.carried_over else "")
        for o in item.occurrences
    ]
    if item.completed_after_cutoff:
        lines.append(
            f"Báo cáo ghi hoàn thành ngày {item.completed_after_cutoff:%d/%m/%Y}, sau ngày chốt "
            "số liệu của kỳ này: tính từ kỳ sau."
        )
    return lines


def _task_tooltip(item: TaskOverview) -> str:
    lines = [item.task.title]
    if item.task.expected_product:
        lines.append(f"Sản phẩm: {item.task.expected_product}")
    if item.task.note:
        lines.append(f"Ghi chú: {item.task.note}")
    return "\n".join(lines)


def _due_key(item: TaskOverview) -> tuple:
    dues = [o.occurrence.due for o in item.occurrences if o.occurrence.due]
    due = item.task.deadline.milestone or (min(dues) if dues else None)
    return (due.isoformat() if due else _FAR_FUTURE, sort_key(item.task.deadline.text))


@dataclass(frozen=True)
class TaskColumn:
    header: str
    text: Callable[[TaskOverview], str]
    sort: Callable[[TaskOverview], Any] | None = None  # None: Vietnamese order of the text
    tooltip: Callable[[TaskOverview], str] | None = None


COLUMNS = [
    # The code sorts in the plan's own order (I.2 before I.10, II after I).
    TaskColumn("Mã", lambda i: i.task.code, sort=lambda i: 0),
    TaskColumn("Nhiệm vụ", lambda i: i.task.title, tooltip=_task_tooltip),
    TaskColumn("Cơ quan chủ trì", lambda i: i.task.lead_names),
    TaskColumn("Cơ quan phối hợp", lambda i: i.task.coordinator_names),
    TaskColumn(
        "Thời gian hoàn thành",
        lambda i: i.task.deadline.text,
        sort=_due_key,
        tooltip=lambda i: f"Cách hiểu thời hạn: {i.reading}",
    ),
    TaskColumn(
        "Tiến độ",
        progress_text,
        sort=lambda i: -1 if i.latest is None else i.latest.percent,
        tooltip=progress_tooltip,
    ),
    TaskColumn(
        "Tình trạng",
        lambda i: i.state_label,
        sort=lambda i: _STATE_ORDER[i.state],
        tooltip=lambda i: "\n".join(state_lines(i)),
    ),
]
STATE_COLUMN = len(COLUMNS) - 1


@lru_cache(maxsize=65536)  # a task's own text does not change from period to period
def _searchable(*texts: str) -> str:
    return searchable(*texts)


def _search_text(item: TaskOverview) -> str:
    task = item.task
    fixed = _searchable(task.code, task.title, task.lead_names, task.coordinator_names)
    result = item.latest.result if item.latest else ""
    return fixed + searchable(result) if result else fixed


class TaskTableModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._items: list[TaskOverview] = []
        self._cells: list[tuple[str, ...]] = []
        self._search: list[str] | None = None  # folded search text per item, when needed
        self._sort_keys: dict[int, list] = {}
        self._shown: list[int] = []  # indexes into _items, in display order
        self._unit, self._state = "", ""
        self._query: Query | None = None
        self._sort_column, self._sort_order = 0, Qt.SortOrder.AscendingOrder
        self._brushes = {state: QBrush(QColor(colour)) for state, colour in STATE_COLOURS.items()}

    # What is shown ----------------------------------------------------------------------

    def set_items(self, items: list[TaskOverview]) -> None:
        self._items = items
        self._cells = [tuple(column.text(item) for column in COLUMNS) for item in items]
        self._search = None
        self._sort_keys = {}
        self._rearrange()

    def set_filter(self, unit: str = "", state: str = "", search: str = "") -> None:
        self._unit, self._state, self._query = unit, state, query(search)
        self._rearrange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        self._rearrange()

    def _rearrange(self) -> None:
        self.beginResetModel()
        self._shown = self._ordered(self._matching())
        self.endResetModel()

    def _matching(self) -> list[int]:
        unit, state, wanted = self._unit, self._state, self._query
        items = self._items
        shown: Sequence[int] = range(len(items))
        if unit:
            shown = [i for i in shown if any(u.name == unit for u in items[i].task.owners)]
        if state:
            shown = [i for i in shown if items[i].state.value == state]
        if wanted:
            if self._search is None:
                self._search = [_search_text(item) for item in items]
            shown = best_matches(self._search, shown, wanted)
        return list(shown)

    def _ordered(self, rows: list[int]) -> list[int]:
        keys = self._keys(self._sort_column)
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(rows, key=keys.__getitem__, reverse=descending)

    def _keys(self, column: int) -> list:
        """Per item, its key for the column; the plan's order breaks ties."""
        if column not in self._sort_keys:
            by = COLUMNS[column].sort
            if by is None:
                keys = [sort_key(cells[column]) for cells in self._cells]
            else:
                keys = [by(item) for item in self._items]
            self._sort_keys[column] = [(key, i) for i, key in enumerate(keys)]
        return self._sort_keys[column]

    # Reading back ---------------------------------------------------------------------

    def item(self, row: int) -> TaskOverview:
        return self._items[self._shown[row]]

    def items(self) -> list[TaskOverview]:
        return [self._items[i] for i in self._shown]

    def row_of(self, task_id: int) -> int | None:
        for row, i in enumerate(self._shown):
            if self._items[i].task.id == task_id:
                return row
        return None

    def total(self) -> int:
        return len(self._items)

    # Qt's side ------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section].header
        return None

    def multiData(self, index: Index, roles) -> None:
        """What the view paints, one call per cell (Qt would ask data() once per role)."""
        item = self._shown[index.row()]
        column = index.column()
        for i in range(len(roles)):
            wanted = roles[i]
            role = wanted.role()
            if role == _DISPLAY:
                wanted.setData(self._cells[item][column])
            elif role == _BACKGROUND and column == STATE_COLUMN:
                wanted.setData(self._brushes[self._items[item].state])
            else:
                wanted.clearData()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cells[self._shown[index.row()]][index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and index.column() == STATE_COLUMN:
            return self._brushes[self._items[self._shown[index.row()]].state]
        if role == Qt.ItemDataRole.ToolTipRole:
            column = COLUMNS[index.column()]
            item = self._items[self._shown[index.row()]]
            return (column.tooltip or column.text)(item)
        return None
