"""The 'Nhiệm vụ' tab: every task with its deadline, latest report and derived state."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.model import PROGRESS_LABELS
from desktop.periods import PeriodId
from desktop.reports.status import StatusReport
from desktop.services.progress import TaskOverview
from desktop.task_state import STATE_LABELS, TaskState
from ui.style import STATE_COLOURS, WrappingTable, fit_columns
from ui.table_model import Column, RowsModel

ALL = ""


def _progress_text(item: TaskOverview) -> str:
    if item.latest is None:
        return "Chưa báo cáo"
    return f"{PROGRESS_LABELS[item.latest.status]} ({item.latest.percent}%)"


def _progress_tooltip(item: TaskOverview) -> str:
    report = item.latest
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


def _deadline_tooltip(item: TaskOverview) -> str:
    return f"Cách hiểu thời hạn: {item.task.deadline.summary}"


def _state_tooltip(item: TaskOverview) -> str:
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
    return "\n".join(lines)


def _task_tooltip(item: TaskOverview) -> str:
    lines = [item.task.title]
    if item.task.expected_product:
        lines.append(f"Sản phẩm: {item.task.expected_product}")
    if item.task.note:
        lines.append(f"Ghi chú: {item.task.note}")
    return "\n".join(lines)


COLUMNS: list[Column[TaskOverview]] = [
    Column("Mã", lambda i: i.task.code),
    Column("Nhiệm vụ", lambda i: i.task.title, tooltip=_task_tooltip),
    Column("Cơ quan chủ trì", lambda i: i.task.lead_names),
    Column("Cơ quan phối hợp", lambda i: i.task.coordinator_names),
    Column("Thời gian hoàn thành", lambda i: i.task.deadline.text, tooltip=_deadline_tooltip),
    Column("Tiến độ", _progress_text, tooltip=_progress_tooltip),
    Column(
        "Tình trạng",
        lambda i: STATE_LABELS[i.state],
        tooltip=_state_tooltip,
        background=lambda i: STATE_COLOURS[i.state],
    ),
]


class TasksTab(QWidget):
    record = Signal()  # the clerk asks for the progress form of the current task

    def __init__(self) -> None:
        super().__init__()
        self._items: list[TaskOverview] = []
        self.unit_filter = QComboBox()
        self.state_filter = QComboBox()
        self.state_filter.addItem("Tất cả tình trạng", ALL)
        for state in TaskState:
            self.state_filter.addItem(STATE_LABELS[state], state.value)
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(QLabel("Cơ quan chủ trì:"))
        filters.addWidget(self.unit_filter, 2)
        filters.addWidget(QLabel("Tình trạng:"))
        filters.addWidget(self.state_filter, 1)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        self.model = RowsModel(COLUMNS)
        self.view = WrappingTable()
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.view)
        fit_columns(self.view, stretch=1, widths={2: 210, 3: 210, 4: 150, 5: 170, 6: 190})
        self.unit_filter.currentIndexChanged.connect(self._apply_filters)
        self.state_filter.currentIndexChanged.connect(self._apply_filters)
        self.view.chosen.connect(self.record)
        self.record_action = self.view.add_row_action("Ghi tiến độ…", self.record)

    def set_recording(self, enabled: bool) -> None:
        self.record_action.setEnabled(enabled)

    def shown(self) -> list[TaskOverview]:
        """The tasks as the table shows them (filtered, in order)."""
        return [self.model.row(i) for i in range(self.model.rowCount())]

    def current_row(self) -> int:
        return self.view.current_row()

    def show_report(self, report: StatusReport) -> None:
        self._items = report.tasks
        chosen = self.unit_filter.currentData()
        self.unit_filter.blockSignals(True)
        self.unit_filter.clear()
        self.unit_filter.addItem("Tất cả cơ quan", ALL)
        for tally in sorted(report.units, key=lambda t: t.unit):
            self.unit_filter.addItem(tally.unit, tally.unit)
        self.unit_filter.setCurrentIndex(max(0, self.unit_filter.findData(chosen)))
        self.unit_filter.blockSignals(False)
        self._apply_filters()

    def _apply_filters(self) -> None:
        unit, state = self.unit_filter.currentData(), self.state_filter.currentData()
        rows = [
            item
            for item in self._items
            if (not unit or any(u.name == unit for u in item.task.leads))
            and (not state or item.state.value == state)
        ]
        self.model.set_rows(rows)
        self.count_label.setText(f"{len(rows)}/{len(self._items)} nhiệm vụ")
