"""The 'Kinh phí' tab: the budget year of the selected period, its lines and their money.

The lines are those of the period's budget year (the calendar year); "trong kỳ" is what
was paid inside the report's data window and "lũy kế" what was paid up to its data
cut-off, as the report prints them (ws.budget.for_period). Lines can be added, edited,
moved and deleted; payments are recorded per line. What the tab writes it announces
(`changed`); the window then shows it where it is shown (`show_changes`): here, in the
period's figures and its documents.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.domain.model import BudgetLine
from desktop.domain.periods import Period
from desktop.errors import UserError
from desktop.services.budget import BudgetRow, PeriodBudget
from desktop.vietnamese.numbers import format_dong, format_number
from desktop.workspace import OpChanges, Workspace
from ui import ask
from ui.budget_dialogs import LineDialog, PaymentsDialog
from ui.style import WrappingTable, fit_columns
from ui.table_model import Column, RowsModel


def _source_text(source: str, estimate: int | None, paid: int) -> str:
    budgeted = (
        "không bố trí dự toán" if estimate is None else f"dự toán {format_dong(estimate)} đồng"
    )
    return f"{source or 'Chưa ghi nguồn'}: {budgeted}, đã giải ngân {format_dong(paid)} đồng"


def _rate(row: BudgetRow) -> str:
    return "" if row.rate is None else f"{format_number(row.rate * 100, 1)}%"


def _dong(amount: int | None) -> str:
    return "—" if amount is None else format_dong(amount)


# Headers on two lines so the money columns stay narrow enough for 1280 px.
COLUMNS: list[Column[BudgetRow]] = [
    Column("Mã", lambda r: r.line.code),
    Column("Nội dung", lambda r: ("    " * r.depth) + r.line.title),
    Column("Nguồn\nkinh phí", lambda r: r.line.funding_source),
    Column("Dự toán\n(đồng)", lambda r: _dong(r.estimate), align_right=True),
    Column("Giải ngân\ntrong kỳ (đồng)", lambda r: format_dong(r.in_period), align_right=True),
    Column("Lũy kế\ngiải ngân (đồng)", lambda r: format_dong(r.disbursed), align_right=True),
    Column("Còn lại\n(đồng)", lambda r: _dong(r.remaining), align_right=True),
    Column("Tỷ lệ\ngiải ngân", _rate, align_right=True),
]


class BudgetTab(QWidget):
    changed = Signal()  # a form of the tab may have written: the window settles

    def __init__(self, ws: Workspace, plan_id: int) -> None:
        super().__init__()
        self.ws, self.plan_id = ws, plan_id
        self.period: Period | None = None
        self.year: int | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.total = QLabel()
        self.sources = QLabel()  # each funding source's figures, when a year has several
        self.sources.setWordWrap(True)
        self.sources.hide()
        bold = QFont()
        bold.setBold(True)
        self.total.setFont(bold)
        self.model = RowsModel(COLUMNS, bold=lambda r: r.depth == 0)
        self.view = WrappingTable()
        self.view.setModel(self.model)
        self.add_button = QPushButton("Thêm dòng…")
        self.child_button = QPushButton("Thêm dòng con…")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        self.up_button = QPushButton("Lên")
        self.down_button = QPushButton("Xuống")
        self.pay_button = QPushButton("Giải ngân…")
        tools = QHBoxLayout()
        for button in (
            self.add_button,
            self.child_button,
            self.edit_button,
            self.delete_button,
            self.up_button,
            self.down_button,
            self.pay_button,
        ):
            tools.addWidget(button)
        tools.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.sources)
        layout.addLayout(tools)
        layout.addWidget(self.view)
        fit_columns(self.view, stretch=1, widths={2: 120, 3: 125, 4: 130, 5: 130, 6: 125, 7: 80})
        self.add_button.clicked.connect(lambda: self.add_line(child=False))
        self.child_button.clicked.connect(lambda: self.add_line(child=True))
        self.edit_button.clicked.connect(self.edit_line)
        self.delete_button.clicked.connect(self.delete_line)
        self.up_button.clicked.connect(lambda: self.move_line(-1))
        self.down_button.clicked.connect(lambda: self.move_line(1))
        self.pay_button.clicked.connect(self.payments)
        self.view.chosen.connect(self.payments)  # double-click or Enter on a line
        self.view.selectionModel().selectionChanged.connect(self._enable)

    def show_period(self, period: Period) -> None:
        self.period, self.year = period, period.id.year
        self.refresh()

    def show_changes(self, changes: OpChanges) -> None:
        if changes.touches("budget"):
            self.refresh()

    def refresh(self) -> None:
        if self.period is None:
            return
        budget = self.ws.budget.for_period(self.plan_id, self.period)
        selected = self.selected_line()
        rows = budget.rows
        self.model.set_rows(rows + ([_total_row(budget, self.plan_id)] if rows else []))
        self.heading.setText(
            f"Năm ngân sách {self.year} · {self.period.title}: giải ngân trong kỳ từ "
            f"{budget.since:%d/%m/%Y}, lũy kế đến ngày chốt số liệu {budget.as_of:%d/%m/%Y}"
        )
        if not rows:
            self.total.setText(f"Kế hoạch chưa có dự toán kinh phí năm {self.year}.")
        else:
            budgeted = (
                "Không bố trí dự toán"
                if budget.estimate is None
                else f"Tổng dự toán {format_dong(budget.estimate)} đồng"
            )
            self.total.setText(f"{budgeted} · đã giải ngân {format_dong(budget.disbursed)} đồng")
        sources = budget.by_source()
        several = len(sources) > 1  # recurrent money and public investment told apart
        self.sources.setText("; ".join(_source_text(*s) for s in sources) if several else "")
        self.sources.setVisible(several)
        if selected:
            self.select_line(selected.id)
        self._enable()

    def rows(self) -> list[BudgetRow]:
        return [self.model.row(i) for i in range(self.model.rowCount())]

    def selected_line(self) -> BudgetLine | None:
        index = self.view.currentIndex()
        if not index.isValid():
            return None
        line = self.model.row(index.row()).line
        return line if line.id else None  # the total row is no line

    def select_line(self, line_id: int) -> None:
        for row, item in enumerate(self.rows()):
            if item.line.id == line_id:
                self.view.selectRow(row)
                return

    def _has_children(self, line: BudgetLine) -> bool:
        return any(r.line.parent_id == line.id for r in self.rows())

    def _enable(self) -> None:
        writable = not self.ws.read_only_reason and self.period is not None
        line = self.selected_line()
        self.add_button.setEnabled(writable)
        for button in (self.child_button, self.edit_button, self.delete_button):
            button.setEnabled(writable and line is not None)
        self.up_button.setEnabled(writable and line is not None)
        self.down_button.setEnabled(writable and line is not None)
        self.pay_button.setEnabled(line is not None and not self._has_children(line))

    # Actions -----------------------------------------------------------------------

    def add_line(self, child: bool) -> None:
        assert self.year is not None  # the window shows a period as soon as it builds the tab
        parent_line = self.selected_line() if child else None
        LineDialog(self.ws, self.plan_id, self.year, parent_line=parent_line, parent=self).exec()
        self.changed.emit()

    def edit_line(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        assert self.year is not None  # a line is listed only once a period is shown
        LineDialog(
            self.ws,
            self.plan_id,
            self.year,
            line,
            has_children=self._has_children(line),
            parent=self,
        ).exec()
        self.changed.emit()

    def delete_line(self) -> None:
        line = self.selected_line()
        if line is None:
            return
        question = (
            f"Xóa dòng «{line.code}. {line.title}» cùng các dòng con và khoản giải ngân của nó?"
        )
        if ask.confirm(self, "Xóa dòng dự toán", question):
            self._try(lambda: self.ws.budget.delete_line(line.id))

    def move_line(self, step: int) -> None:
        line = self.selected_line()
        if line is not None:
            self._try(lambda: self.ws.budget.move_line(line.id, step))

    def payments(self) -> None:
        line = self.selected_line()
        if line is None or self._has_children(line):
            return
        PaymentsDialog(self.ws, line, parent=self).exec()
        self.changed.emit()

    def _try(self, work) -> None:
        try:
            work()
        except UserError as exc:
            ask.tell(self, "Kinh phí", str(exc), problem=True)
        self.changed.emit()


def _total_row(budget: PeriodBudget, plan_id: int) -> BudgetRow:
    line = BudgetLine(0, plan_id, None, budget.year, "", "Tổng cộng", None)
    return BudgetRow(line, 0, budget.estimate, budget.disbursed, budget.in_period)
