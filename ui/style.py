"""Colours and table helpers shared by the tabs."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QTableView,
)

from desktop.domain.indicator_progress import Outlook
from desktop.domain.targets import Verdict
from desktop.domain.task_state import TaskState

PROBLEM_COLOUR = "#b00020"
DONE_COLOUR = "#1b6e20"


class OutcomeLabel(QLabel):
    """The line under a form: in red, why it was not saved (setText); in green, what was
    just done (done). Each text brings its own colour, so a success said after a problem
    is never shown in the problem's red."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setStyleSheet(f"color: {PROBLEM_COLOUR};")

    def setText(self, text: str) -> None:
        self.setStyleSheet(f"color: {PROBLEM_COLOUR};")
        super().setText(text)

    def done(self, text: str) -> None:
        self.setStyleSheet(f"color: {DONE_COLOUR};")
        super().setText(text)


def problem_label() -> OutcomeLabel:
    """The line under a form that says, in red, why it was not saved."""
    return OutcomeLabel()


STATE_COLOURS = {
    TaskState.DONE_ON_TIME: "#d7f0d7",
    TaskState.DONE_LATE: "#fdeec4",
    TaskState.OVERDUE: "#f8d0d0",
    TaskState.NOT_DUE: "#e6ecf5",
    TaskState.ONGOING: "#dcecfa",
    TaskState.ONGOING_UNREPORTED: "#ece6f2",
}

VERDICT_COLOURS = {
    Verdict.MET: "#d7f0d7",
    Verdict.NOT_MET: "#f8d0d0",
    Verdict.NO_DATA: "#eeeeee",
    Verdict.NOT_ASSESSABLE: "#f3f3f3",
}

OUTLOOK_COLOURS = {
    Outlook.REACHED: "#d7f0d7",
    Outlook.ON_TRACK: "#e6f4e0",
    Outlook.BEHIND: "#fbe0c4",
    Outlook.NO_DATA: "#eeeeee",
    Outlook.NO_ESTIMATE: "#f3f3f3",
    Outlook.NOT_ASSESSABLE: "#f3f3f3",
    Outlook.NO_TARGET: "#f3f3f3",
}


class _AiryDelegate(QStyledItemDelegate):
    """Adds vertical breathing room only: horizontal padding would make wrapped text
    need more lines than the row height computed for it, and clip the last line."""

    def sizeHint(self, option, index) -> QSize:
        return super().sizeHint(option, index) + QSize(0, 6)


class RowTable(QTableView):
    """A read-only table of records chosen by row.

    `chosen` fires on a double-click or Enter on a row: the way into its form.
    """

    chosen = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.doubleClicked.connect(lambda _index: self.chosen.emit())
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().setVisible(False)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.chosen.emit()
            return
        super().keyPressEvent(event)

    def add_row_action(self, text: str, slot) -> QAction:
        """An entry of the row's context menu (right-click)."""
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        action = QAction(text, self)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else 0


class WrappingTable(RowTable):
    """Rows as tall as their wrapped Vietnamese text, for short lists (indicators,
    budget lines): measuring a row costs about a millisecond, fine for a hundred rows.

    Row heights depend on column widths, which are only final after layout, so
    they are recomputed (once per event-loop turn) whenever widths or rows change.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setItemDelegate(_AiryDelegate(self))
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.resizeRowsToContents)
        self.horizontalHeader().sectionResized.connect(self._refit.start)

    @property
    def refitting(self) -> bool:
        """Row heights are due to be measured again, once this event-loop turn is over."""
        return self._refit.isActive()

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelReset.connect(self._refit.start)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._refit.start()


class CompactTable(RowTable):
    """One line per row, long text elided (shown whole in a tooltip or a detail pane).

    Nothing is measured per row, so filtering or refilling costs what the visible rows
    cost, whether the list holds fifty rows or five thousand.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Room for stacked Vietnamese marks above and below the line ('Ưu tiên', 'Ập').
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)

    def setModel(self, model) -> None:
        super().setModel(model)
        # Lay the rows out as soon as they change, not on a timer after the next paint:
        # that would paint the table twice for each keystroke of a search.
        model.modelReset.connect(self.executeDelayedItemsLayout)


def fit_columns(view: QTableView, stretch: int, widths: dict[int, int]) -> None:
    """Given widths for some columns, the `stretch` column takes the rest, others fit content."""
    header = view.horizontalHeader()
    for column in range(view.model().columnCount()):
        if column == stretch:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        elif column in widths:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, widths[column])
        else:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
