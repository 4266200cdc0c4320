"""The 'Tổng quan' tab: counts by state, overdue tasks per lead unit, indicator verdicts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.reports.status import StatusReport, UnitTally
from desktop.targets import VERDICT_LABELS, Verdict
from desktop.task_state import STATE_LABELS, TaskState
from ui.style import STATE_COLOURS, VERDICT_COLOURS, WrappingTable, fit_columns
from ui.table_model import Column, RowsModel

# Header text on two lines so narrow count columns are not clipped.
_HEADERS = {
    TaskState.DONE_ON_TIME: "Hoàn thành\nđúng hạn",
    TaskState.DONE_LATE: "Hoàn thành\nquá hạn",
    TaskState.OVERDUE: "Quá hạn chưa\nhoàn thành",
    TaskState.NOT_DUE: "Chưa\nđến hạn",
    TaskState.ONGOING: "Thường\nxuyên",
}


def _overdue_colour(tally: UnitTally) -> str | None:
    return STATE_COLOURS[TaskState.OVERDUE] if tally.counts[TaskState.OVERDUE] else None


UNIT_COLUMNS: list[Column[UnitTally]] = [
    Column("Cơ quan chủ trì", lambda t: t.unit),
    Column("Tổng số", lambda t: str(t.total), align_right=True),
    *(
        Column(
            _HEADERS[state],
            lambda t, s=state: str(t.counts[s]),
            align_right=True,
            background=_overdue_colour if state is TaskState.OVERDUE else None,
        )
        for state in TaskState
    ),
]


class _Tile(QFrame):
    """A coloured box with a big number and its label."""

    def __init__(self, label: str, colour: str):
        super().__init__()
        self.setObjectName("tile")
        self.setStyleSheet(
            f"#tile {{ background: {colour}; border: 1px solid #b8c2cc; border-radius: 6px; }}"
        )
        self.number = QLabel("0")
        self.number.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        caption = QLabel(label)
        caption.setWordWrap(True)
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addWidget(self.number)
        layout.addWidget(caption)


class OverviewTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.state_tiles = {s: _Tile(STATE_LABELS[s], STATE_COLOURS[s]) for s in TaskState}
        self.verdict_tiles = {v: _Tile(VERDICT_LABELS[v], VERDICT_COLOURS[v]) for v in Verdict}
        self.tasks_heading = QLabel()
        self.indicators_heading = QLabel()
        for heading in (self.tasks_heading, self.indicators_heading):
            heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        task_row = QHBoxLayout()
        for tile in self.state_tiles.values():
            task_row.addWidget(tile)
        verdict_grid = QGridLayout()
        for index, tile in enumerate(self.verdict_tiles.values()):
            verdict_grid.addWidget(tile, index // 2, index % 2)
        self.unit_model = RowsModel(UNIT_COLUMNS)
        self.unit_view = WrappingTable()
        self.unit_view.setModel(self.unit_model)
        fit_columns(self.unit_view, stretch=0, widths={c: 118 for c in range(1, 7)})

        left = QVBoxLayout()
        left.addWidget(self.tasks_heading)
        left.addLayout(task_row)
        unit_heading = QLabel("Theo cơ quan chủ trì (xếp theo số nhiệm vụ quá hạn)")
        unit_heading.setStyleSheet("font-weight: bold;")
        left.addWidget(unit_heading)
        left.addWidget(self.unit_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.indicators_heading)
        right.addLayout(verdict_grid)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 1)

    def show_report(self, report: StatusReport) -> None:
        counts, verdicts = report.task_counts, report.indicator_counts
        self.tasks_heading.setText(f"Nhiệm vụ: {len(report.tasks)}")
        self.indicators_heading.setText(f"Chỉ tiêu: {len(report.indicators)}")
        for state, tile in self.state_tiles.items():
            tile.number.setText(str(counts[state]))
        for verdict, tile in self.verdict_tiles.items():
            tile.number.setText(str(verdicts[verdict]))
        self.unit_model.set_rows(report.units)
