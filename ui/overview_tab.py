"""The 'Tổng quan' tab: counts by state, what needs attention today (tasks falling due,
the next report), overdue tasks per lead unit, indicators, reports due."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.domain.indicator_progress import OUTLOOK_LABELS, Outlook
from desktop.domain.plan_calendar import DueStatus, due_words
from desktop.domain.targets import VERDICT_LABELS
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.reports.attention import Attention, DueSoon, ReportAhead
from desktop.reports.status import StatusReport, UnitTally
from desktop.unit_forms.take import UnitForm
from desktop.vietnamese.dates import local_time
from ui.bar_chart import BarChart
from ui.style import (
    OUTLOOK_COLOURS,
    STATE_COLOURS,
    VERDICT_COLOURS,
    CompactTable,
    WrappingTable,
    fit_columns,
)
from ui.table_model import Column, RowsModel

# Header text on two lines so narrow count columns are not clipped.
_HEADERS = {
    TaskState.DONE_ON_TIME: "Hoàn thành\nđúng hạn",
    TaskState.DONE_LATE: "Hoàn thành\nquá hạn",
    TaskState.OVERDUE: "Quá hạn chưa\nhoàn thành",
    TaskState.NOT_DUE: "Chưa\nđến hạn",
    TaskState.ONGOING: "Thường xuyên\nđã báo cáo",
    TaskState.ONGOING_UNREPORTED: "Thường xuyên\nchưa báo cáo",
}


def _overdue_colour(tally: UnitTally) -> str | None:
    return STATE_COLOURS[TaskState.OVERDUE] if tally.counts[TaskState.OVERDUE] else None


def _count_of(state: TaskState) -> Callable[[UnitTally], str]:
    return lambda tally: str(tally.counts[state])


UNIT_COLUMNS: list[Column[UnitTally]] = [
    Column("Cơ quan chủ trì", lambda t: t.label),
    Column("Tổng số", lambda t: str(t.total), align_right=True),
    *(
        Column(
            _HEADERS[state],
            _count_of(state),
            align_right=True,
            background=_overdue_colour if state is TaskState.OVERDUE else None,
        )
        for state in TaskState
    ),
]


def _days_left(due: DueSoon) -> str:
    return "hôm nay" if due.days_left == 0 else f"còn {due.days_left} ngày"


DUE_COLUMNS: list[Column[DueSoon]] = [
    Column("Hạn", lambda d: f"{d.occurrence.due:%d/%m/%Y}"),
    Column("Còn", _days_left),
    Column("Mã", lambda d: d.item.task.code),
    Column(
        "Nhiệm vụ",
        lambda d: d.item.task.title,
        tooltip=lambda d: d.item.task.title,
    ),
    # The turn due, as the task list names it: a task overdue for an earlier turn has
    # its next one here, 'chưa đến hạn' there too.
    Column("Lần thực hiện", lambda d: d.occurrence.label),
    Column("Cơ quan chủ trì", lambda d: d.item.task.lead_names),
]
OVERDUE_BAR = "#d9534f"


@dataclass(frozen=True)
class Tally:
    """One line of the indicator summary: a verdict or an outlook and how many have it,
    or (no colour) the heading of a group of them."""

    label: str
    count: int
    colour: str | None = None

    @property
    def heading(self) -> bool:
        return self.colour is None


TALLY_COLUMNS: list[Column[Tally]] = [
    Column(
        "Đánh giá",
        lambda t: t.label if t.heading else f"    {t.label}",
        background=lambda t: t.colour,
    ),
    Column("Số chỉ tiêu", lambda t: str(t.count), align_right=True),
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
    go_to_task = Signal(int)  # a task id: the clerk asks to see it in the task list

    def __init__(self) -> None:
        super().__init__()
        self.state_tiles = {s: _Tile(STATE_LABELS[s], STATE_COLOURS[s]) for s in TaskState}
        self.tasks_heading = QLabel()
        self.occurrences_note = QLabel()
        self.occurrences_note.setWordWrap(True)
        self.indicators_heading = QLabel()
        self.reports_due = QLabel()
        self.reports_due.setWordWrap(True)
        self.reports_due.setTextFormat(Qt.TextFormat.PlainText)
        for heading in (self.tasks_heading, self.indicators_heading):
            heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        task_row = QHBoxLayout()
        for tile in self.state_tiles.values():
            task_row.addWidget(tile)
        self.unit_model = RowsModel(UNIT_COLUMNS)
        self.unit_view = WrappingTable()
        self.unit_view.setModel(self.unit_model)
        fit_columns(self.unit_view, stretch=0, widths={c: 96 for c in range(1, 8)})
        self.tally_model = RowsModel(TALLY_COLUMNS, bold=lambda t: t.heading)
        self.tally_view = WrappingTable()
        self.tally_view.setModel(self.tally_model)
        fit_columns(self.tally_view, stretch=0, widths={1: 90})

        self.attention_heading = QLabel()
        self.attention_heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.next_report = QLabel()
        self.next_report.setWordWrap(True)
        self.due_heading = QLabel()
        self.due_model = RowsModel(DUE_COLUMNS)
        self.due_view = CompactTable()
        self.due_view.setModel(self.due_model)
        self.due_view.setMaximumHeight(6 * self.due_view.verticalHeader().defaultSectionSize())
        header = self.due_view.horizontalHeader()
        for column, width in {0: 90, 1: 90, 2: 56, 4: 170, 5: 230}.items():
            header.resizeSection(column, width)
        header.setSectionResizeMode(3, header.ResizeMode.Stretch)
        self.due_view.chosen.connect(self._chosen_due)
        self.overdue_chart = BarChart(
            OVERDUE_BAR,
            "Không cơ quan nào có nhiệm vụ quá hạn.",
            "và {n} cơ quan khác (xem bảng bên trái)",
        )

        left = QVBoxLayout()
        left.addWidget(self.tasks_heading)
        left.addLayout(task_row)
        left.addWidget(self.occurrences_note)
        left.addWidget(self.attention_heading)
        left.addWidget(self.next_report)
        left.addWidget(self.due_heading)
        left.addWidget(self.due_view)
        unit_heading = QLabel("Theo cơ quan chủ trì (xếp theo số nhiệm vụ quá hạn)")
        unit_heading.setStyleSheet("font-weight: bold;")
        left.addWidget(unit_heading)
        left.addWidget(self.unit_view, 1)
        right = QVBoxLayout()
        chart_heading = QLabel("Nhiệm vụ quá hạn theo cơ quan chủ trì")
        chart_heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        right.addWidget(chart_heading)
        right.addWidget(self.overdue_chart)
        right.addWidget(self.indicators_heading)
        right.addWidget(self.tally_view, 1)
        reports_heading = QLabel("Lịch báo cáo của kế hoạch")
        reports_heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        right.addWidget(reports_heading)
        right.addWidget(self.reports_due)
        self.forms_heading = QLabel()
        self.forms_heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.forms = QLabel()
        self.forms.setWordWrap(True)
        self.forms.setTextFormat(Qt.TextFormat.PlainText)
        right.addWidget(self.forms_heading)
        right.addWidget(self.forms)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 1)

    def show_report(self, report: StatusReport) -> None:
        counts, occurrences = report.task_counts, report.occurrence_counts
        self.tasks_heading.setText(f"Nhiệm vụ: {len(report.tasks)}")
        for state, tile in self.state_tiles.items():
            tile.number.setText(str(counts[state]))
        carried = sum(o.carried_over for _, o in report.occurrences)
        self.occurrences_note.setText(
            f"Tính theo từng lần thực hiện (mốc một lần và từng lần định kỳ): "
            f"{len(report.occurrences)} lần — "
            + ", ".join(
                f"{STATE_LABELS[s].lower()} {occurrences[s]}"
                for s in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE, TaskState.OVERDUE)
            )
            + (f"; {carried} lần từ kỳ trước chuyển sang" if carried else "")
            + "."
            + _open_period_text(report)
        )
        self.indicators_heading.setText(f"Chỉ tiêu: {len(report.indicators)}")
        self.tally_model.set_rows(_tallies(report))
        self.unit_model.set_rows(report.units)
        self.overdue_chart.set_bars([(t.label, t.counts[TaskState.OVERDUE]) for t in report.units])
        self.reports_due.setText(_reports_text(report))

    def show_forms(self, forms: list[UnitForm]) -> None:
        """Which units returned their progress form for the period shown, and when."""
        returned = [f for f in forms if f.returned_at]
        self.forms_heading.setText(f"Phiếu của đơn vị: đã nhận {len(returned)}/{len(forms)}")
        self.forms.setText(
            "\n".join(
                f"{f.unit_name}: "
                + (f"nhận {local_time(f.returned_at)}" if f.returned_at else "chưa nhận")
                for f in forms
            )
            or "Kế hoạch chưa giao nhiệm vụ cho đơn vị nào."
        )

    def show_attention(self, attention: Attention) -> None:
        """What is due from today on, whichever period the tab shows."""
        self.attention_heading.setText(f"Cần chú ý (tính đến hôm nay, {attention.today:%d/%m/%Y})")
        self.next_report.setText(_next_report_text(attention))
        self.next_report.setStyleSheet(f"color: {_lateness_colour(attention.next_report)};")
        days = (attention.horizon - attention.today).days
        self.due_heading.setText(
            f"Nhiệm vụ đến hạn trong {days} ngày tới (đến {attention.horizon:%d/%m/%Y}): "
            + (str(len(attention.due_soon)) if attention.due_soon else "không có")
        )
        self.due_model.set_rows(attention.due_soon)
        self.due_view.setVisible(bool(attention.due_soon))

    def _chosen_due(self) -> None:
        index = self.due_view.currentIndex()
        if index.isValid():
            self.go_to_task.emit(self.due_model.row(index.row()).item.task.id)


def _open_period_text(report: StatusReport) -> str:
    """Said while the period is open: its states speak of yesterday, not of its cut-off."""
    if report.judged_to >= report.period.data_to:
        return ""
    return (
        f" Kỳ chưa chốt số liệu (ngày chốt {report.period.data_to:%d/%m/%Y}): tình trạng tính "
        f"đến hết ngày {report.judged_to:%d/%m/%Y}."
    )


def _tallies(report: StatusReport) -> list[Tally]:
    verdicts, outlooks = report.verdict_counts, report.outlook_counts
    rows = []
    if verdicts:
        rows.append(Tally(f"Đánh giá tại mốc năm {report.period.id.year}", verdicts.total()))
        rows += [Tally(VERDICT_LABELS[v], verdicts[v], c) for v, c in VERDICT_COLOURS.items()]
    if outlooks:
        rows.append(Tally("Tiến độ đến mốc tiếp theo", outlooks.total()))
        rows += [Tally(OUTLOOK_LABELS[o], outlooks[o], OUTLOOK_COLOURS[o]) for o in Outlook]
    return [row for row in rows if row.count]


def _when(days_left: int) -> str:
    if days_left < 0:
        return f"quá hạn {-days_left} ngày"
    return "hạn là hôm nay" if days_left == 0 else f"còn {days_left} ngày"


def _ahead(ahead: ReportAhead) -> str:
    period = ahead.report.period
    upward = f"{period.due_on:%d/%m/%Y} ({_when(ahead.days_left)})"
    if period.units_due is None or ahead.units_days_left is None:
        return f"{period.title}: hạn gửi {upward}"
    units = f"{period.units_due:%d/%m/%Y} ({_when(ahead.units_days_left)})"
    return f"{period.title}: các đơn vị gửi trước {units}, hạn gửi cấp trên {upward}"


def _lateness_colour(ahead: ReportAhead | None) -> str:
    """Red when the office is late at the level above; amber when only its units are."""
    if ahead is None:
        return "palette(text)"
    if ahead.days_left < 0:
        return "#b00020"
    return "#a15c00" if (ahead.units_days_left or 0) < 0 else "palette(text)"


def _next_report_text(attention: Attention) -> str:
    if not attention.has_schedule:
        return "Báo cáo tiếp theo: kế hoạch chưa có lịch báo cáo riêng."
    if not attention.reports:
        return "Báo cáo tiếp theo: đã có số liệu cho mọi kỳ phải báo cáo đến nay."
    late = [a for a in attention.reports if a.days_left < 0]
    text = f"Báo cáo tiếp theo: {_ahead(attention.reports[0])}"
    if len(late) > 1:
        text += f"; còn {len(late) - 1} báo cáo khác đã quá hạn"
    return text + "."


def _reports_text(report: StatusReport) -> str:
    if not report.schedule:
        return "Kế hoạch chưa có lịch báo cáo riêng; dùng quy định chung của cơ quan."
    pending = [d for d in report.reports_due if d.status is not DueStatus.RECORDED]
    if not pending:
        return "Đã có số liệu cho mọi kỳ phải báo cáo."
    return "\n".join(f"{d.period.title}: {due_words(d.period)} — {d.label}" for d in pending)
