"""The 'Kinh phí' tab: a year's budget lines with estimate, disbursed and remaining."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.numbers import format_dong, format_number
from desktop.services.budget import BudgetRow, table_totals
from desktop.workspace import Workspace
from ui.style import WrappingTable, fit_columns
from ui.table_model import Column, RowsModel


def _rate(row: BudgetRow) -> str:
    return "" if row.rate is None else f"{format_number(row.rate * 100, 1)}%"


def _dong(amount: int | None) -> str:
    return "—" if amount is None else format_dong(amount)


COLUMNS: list[Column[BudgetRow]] = [
    Column("Mã", lambda r: r.line.code),
    Column("Nội dung", lambda r: ("    " * r.depth) + r.line.title),
    Column("Nguồn kinh phí", lambda r: r.line.funding_source),
    Column("Dự toán (đồng)", lambda r: _dong(r.estimate), align_right=True),
    Column("Đã giải ngân (đồng)", lambda r: format_dong(r.disbursed), align_right=True),
    Column("Còn lại (đồng)", lambda r: _dong(r.remaining), align_right=True),
    Column("Tỷ lệ giải ngân", _rate, align_right=True),
]


class BudgetTab(QWidget):
    def __init__(self, ws: Workspace, plan_id: int) -> None:
        super().__init__()
        self.ws, self.plan_id = ws, plan_id
        self.year = QComboBox()
        self.total = QLabel()
        bold = QFont()
        bold.setBold(True)
        self.total.setFont(bold)
        top = QHBoxLayout()
        top.addWidget(QLabel("Năm ngân sách:"))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.total)
        self.model = RowsModel(COLUMNS, bold=lambda r: r.depth == 0)
        self.view = WrappingTable()
        self.view.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view)
        fit_columns(self.view, stretch=1, widths={2: 150, 3: 150, 4: 160, 5: 150, 6: 120})
        self.year.currentIndexChanged.connect(self.refresh)
        self.reload_years()

    def reload_years(self) -> None:
        years = self.ws.budget.years(self.plan_id)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(len(years) - 1)
        self.year.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        year = self.year.currentData()
        if year is None:
            self.model.set_rows([])
            self.total.setText("Kế hoạch chưa có dự toán kinh phí.")
            return
        today = self.ws.today()
        rows = self.ws.budget.table(self.plan_id, year, as_of=min(today, date(year, 12, 31)))
        self.model.set_rows(rows)
        estimate, disbursed = table_totals(rows)
        budgeted = (
            "Không bố trí dự toán"
            if estimate is None
            else f"Tổng dự toán {format_dong(estimate)} đồng"
        )
        self.total.setText(f"{budgeted} · đã giải ngân {format_dong(disbursed)} đồng")
