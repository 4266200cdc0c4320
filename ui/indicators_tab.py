"""The 'Chỉ tiêu' tab: each indicator, its next milestone, and a verdict or its progress."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.domain.indicator_progress import OUTLOOK_LABELS, IndicatorResult, Outlook
from desktop.domain.targets import VERDICT_LABELS
from desktop.reports.status import StatusReport
from desktop.vietnamese.numbers import format_number
from ui.style import OUTLOOK_COLOURS, VERDICT_COLOURS, WrappingTable, fit_columns
from ui.table_model import Column, RowsModel


def _target(r: IndicatorResult) -> str:
    return f"{r.target.text} (năm {r.milestone})" if r.target else "—"


def _figure(r: IndicatorResult, number: float) -> str:
    text = format_number(number, 2).rstrip("0").rstrip(",")
    return f"{text}{'%' if r.indicator.unit_of_measure.startswith('%') else ''}"


def _value(r: IndicatorResult) -> str:
    value = r.value
    if value is None:
        return ""
    if value.value_text:
        return value.value_text
    assert value.value is not None  # a value is recorded as a number or in words
    return _figure(r, value.value)


def _outlook(r: IndicatorResult) -> Outlook:
    assert r.outlook is not None  # a result without a verdict has an outlook
    return r.outlook


def assessment_label(r: IndicatorResult) -> str:
    return VERDICT_LABELS[r.verdict] if r.verdict else OUTLOOK_LABELS[_outlook(r)]


def _assessment_colour(r: IndicatorResult) -> str:
    return VERDICT_COLOURS[r.verdict] if r.verdict else OUTLOOK_COLOURS[_outlook(r)]


def _assessment_tooltip(r: IndicatorResult) -> str:
    if r.verdict:
        return f"Đánh giá tại mốc năm {r.milestone}."
    if r.expected is None or r.baseline is None:
        return f"Chưa đến mốc {r.milestone}: theo dõi tiến độ." if r.milestone else ""
    baseline = r.baseline.value.value
    assert baseline is not None  # the expected figure is drawn from a numeric baseline
    return (
        f"Ước tính: nối thẳng từ số liệu trước ({_figure(r, baseline)} ngày "
        f"{r.baseline.on:%d/%m/%Y}) đến mục tiêu năm {r.milestone}; đến kỳ này cần khoảng "
        f"{_figure(r, r.expected)}."
    )


def _name_tooltip(r: IndicatorResult) -> str:
    return f"{r.indicator.name}\nGhi chú: {r.indicator.note}" if r.indicator.note else ""


COLUMNS: list[Column[IndicatorResult]] = [
    Column("Mã", lambda r: f"{r.indicator.group_code}/{r.indicator.code}"),
    Column("Chỉ tiêu", lambda r: r.indicator.name, tooltip=_name_tooltip),
    Column("Đơn vị tính", lambda r: r.indicator.unit_of_measure),
    Column("Mục tiêu", _target),
    Column("Kết quả đến kỳ này", _value, tooltip=lambda r: r.value.note if r.value else ""),
    Column(
        "Đánh giá",
        assessment_label,
        tooltip=_assessment_tooltip,
        background=_assessment_colour,
    ),
    Column("Cơ quan chủ trì theo dõi", lambda r: "; ".join(u.name for u in r.indicator.leads)),
]


class IndicatorsTab(QWidget):
    record = Signal()  # the clerk asks for the form of the current indicator

    def __init__(self) -> None:
        super().__init__()
        self.model = RowsModel(COLUMNS)
        self.view = WrappingTable()
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        fit_columns(self.view, stretch=1, widths={2: 110, 3: 190, 4: 150, 5: 140, 6: 200})
        self.view.chosen.connect(self.record)
        self.record_action = self.view.add_row_action("Ghi kết quả chỉ tiêu…", self.record)

    def set_recording(self, enabled: bool) -> None:
        self.record_action.setEnabled(enabled)

    def current_row(self) -> int:
        return self.view.current_row()

    def show_report(self, report: StatusReport) -> None:
        self.model.set_rows(report.indicators)
