"""The 'Nhiệm vụ' tab: every task with its deadline, latest report and derived state,
found by unit, state and a search that ignores case and diacritics (what it keeps is
desktop.vietnamese.search's rule: the phrase typed first)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.reports.status import StatusReport
from desktop.services.progress import TaskOverview
from ui.style import CompactTable
from ui.task_table import TaskTableModel

if TYPE_CHECKING:
    from ui.task_detail import TaskDetailPane

ALL = ""
_WIDTHS = {0: 64, 2: 190, 3: 190, 4: 150, 5: 150, 6: 190}  # the title takes the rest
_TO_RESULTS = (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class SearchBox(QLineEdit):
    """The search field: Down or Enter go on to the results, Esc clears what was typed
    (and, with nothing typed, is left to the window)."""

    to_results = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in _TO_RESULTS:
            self.to_results.emit()
        elif event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
        else:
            super().keyPressEvent(event)


class TasksTab(QWidget):
    record = Signal()  # the clerk asks for the progress form of the current task
    current_changed = Signal(object)  # the TaskOverview now selected, or None

    def __init__(self, detail: TaskDetailPane) -> None:
        super().__init__()
        self.detail = detail
        self._told: TaskOverview | None = None  # the item current_changed last named
        self.search = SearchBox()
        self.search.setPlaceholderText("Tìm theo mã, tên, cơ quan, kết quả (gõ có dấu hoặc không)")
        self.search.setClearButtonEnabled(True)
        self.unit_filter = QComboBox()
        self.state_filter = QComboBox()
        self.state_filter.addItem("Tất cả tình trạng", ALL)
        for state in TaskState:
            self.state_filter.addItem(STATE_LABELS[state], state.value)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Tìm:"))
        filters.addWidget(self.search, 3)
        filters.addWidget(QLabel("Chủ trì:"))
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(QLabel("Tình trạng:"))
        filters.addWidget(self.state_filter, 1)
        filters.addWidget(self.count_label)
        self.model = TaskTableModel()
        self.view = CompactTable()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in _WIDTHS.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(1, header.ResizeMode.Stretch)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.view)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.splitter, 1)
        self.search.textChanged.connect(self._apply_filters)
        self.unit_filter.currentIndexChanged.connect(self._apply_filters)
        self.state_filter.currentIndexChanged.connect(self._apply_filters)
        self.search.to_results.connect(self._to_results)
        self.view.chosen.connect(self.record)
        self.view.selectionModel().currentRowChanged.connect(self._current_moved)
        self.record_action = self.view.add_row_action("Ghi tiến độ…", self.record)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.activated.connect(self.focus_search)

    def set_recording(self, enabled: bool) -> None:
        self.record_action.setEnabled(enabled)

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def select_task(self, task_id: int) -> None:
        """Select a task, clearing the search and filters if they hide it."""
        if self.model.row_of(task_id) is None:
            for box in (self.unit_filter, self.state_filter):
                box.blockSignals(True)
                box.setCurrentIndex(0)
                box.blockSignals(False)
            self.search.blockSignals(True)
            self.search.clear()
            self.search.blockSignals(False)
            self._apply_filters()
        row = self.model.row_of(task_id)
        if row is not None:
            self._go_to_row(row)

    def _to_results(self) -> None:
        """From the search box to the first task found, ready for Enter (the progress form)."""
        if self.model.rowCount():
            self._go_to_row(0)

    def _go_to_row(self, row: int) -> None:
        index = self.model.index(row, 0)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    def shown(self) -> list[TaskOverview]:
        """The tasks as the table shows them (filtered, in order)."""
        return self.model.items()

    def current_row(self) -> int:
        return self.view.current_row()

    def current(self) -> TaskOverview | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def show_report(self, report: StatusReport) -> None:
        chosen = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("Tất cả cơ quan", ALL)
        for tally in sorted(report.units, key=lambda t: t.unit):
            self.unit_filter.addItem(tally.label, tally.unit)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(chosen)))
        self.unit_filter.blockSignals(False)
        self._keeping_current(lambda: self.model.set_items(report.tasks))

    def _apply_filters(self) -> None:
        self._keeping_current(
            lambda: self.model.set_filter(
                self.unit_filter.currentData() or ALL,
                self.state_filter.currentData() or ALL,
                self.search.text(),
            )
        )

    def _keeping_current(self, change) -> None:
        """Run a change of rows, then select the same task again if it is still shown."""
        current = self.current()
        change()
        row = self.model.row_of(current.task.id) if current else None
        if row is not None:
            self.view.setCurrentIndex(self.model.index(row, 0))
        else:
            self._tell_current(None)
        self.count_label.setText(f"{self.model.rowCount()}/{self.model.total()} nhiệm vụ")

    def _current_moved(self, index) -> None:
        self._tell_current(self.model.item(index.row()) if index.isValid() else None)

    def _tell_current(self, item: TaskOverview | None) -> None:
        """Say the selection changed, only when it did (each keystroke resets the rows)."""
        if item is not self._told:
            self._told = item
            self.current_changed.emit(item)
