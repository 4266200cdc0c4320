"""The 'Chỉ tiêu' tab: each indicator with the milestone target that judges it."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from desktop.numbers import format_number
from desktop.reports.status import IndicatorResult, StatusReport
from desktop.targets import VERDICT_LABELS
from ui.style import VERDICT_COLOURS, WrappingTable, fit_columns
from ui.table_model import Column, RowsModel


def _target(r: IndicatorResult) -> str:
    return f"{r.target.text} (năm {r.milestone})" if r.target else "—"


def _value(r: IndicatorResult) -> str:
    if r.value is None:
        return ""
    if r.value.value_text:
        return r.value.value_text
    number = format_number(r.value.value, 2).rstrip("0").rstrip(",")
    return f"{number}{'%' if r.indicator.unit_of_measure.startswith('%') else ''}"


COLUMNS: list[Column[IndicatorResult]] = [
    Column("Mã", lambda r: r.indicator.code, align_right=True),
    Column("Chỉ tiêu", lambda r: r.indicator.name),
    Column("Đơn vị tính", lambda r: r.indicator.unit_of_measure),
    Column("Mục tiêu", _target),
    Column("Kết quả kỳ này", _value, tooltip=lambda r: r.value.note if r.value else ""),
    Column(
        "Đánh giá",
        lambda r: VERDICT_LABELS[r.verdict],
        background=lambda r: VERDICT_COLOURS[r.verdict],
    ),
    Column("Cơ quan chủ trì theo dõi", lambda r: "; ".join(u.name for u in r.indicator.leads)),
]


class IndicatorsTab(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.model = RowsModel(COLUMNS)
        self.view = WrappingTable()
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        fit_columns(self.view, stretch=1, widths={2: 110, 3: 190, 4: 150, 5: 140, 6: 200})

    def show_report(self, report: StatusReport) -> None:
        self.model.set_rows(report.indicators)
