"""Forms of the Kinh phí tab: a budget line, and the payments made on one."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from desktop.domain.model import BudgetLine, Disbursement
from desktop.errors import InvalidInput, UserError
from desktop.vietnamese.numbers import format_dong
from desktop.workspace import Workspace
from ui import ask
from ui.fields import AmountEdit, date_edit
from ui.form import FormDialog
from ui.style import WrappingTable, fit_columns
from ui.table_model import Column, RowsModel


class LineDialog(FormDialog):
    """Add a line (under `parent_line` when given) or edit `line`."""

    def __init__(
        self,
        ws: Workspace,
        plan_id: int,
        year: int,
        line: BudgetLine | None = None,
        parent_line: BudgetLine | None = None,
        has_children: bool = False,
        parent=None,
    ):
        title = "Sửa dòng dự toán" if line else "Thêm dòng dự toán"
        super().__init__(f"{title} năm {year}", parent)
        self.ws, self.plan_id, self.year, self.line = ws, plan_id, year, line
        self.parent_line = parent_line
        self.code = QLineEdit(line.code if line else "")
        self.title = QLineEdit(line.title if line else "")
        self.title.setMinimumWidth(420)
        source = (
            line.funding_source if line else (parent_line.funding_source if parent_line else "")
        )
        self.source = QLineEdit(source)
        self.estimate = AmountEdit(line.estimate if line else None)
        if parent_line:
            self.form.addRow("Thuộc dòng", QLabel(f"{parent_line.code}. {parent_line.title}"))
        self.form.addRow("Mã", self.code)
        self.form.addRow("Nội dung", self.title)
        self.form.addRow("Nguồn kinh phí", self.source)
        self.form.addRow("Dự toán (đồng)", self.estimate)
        if has_children:
            self.estimate.setEnabled(False)
            self.estimate.setToolTip("Dự toán của dòng này là tổng các dòng con.")

    def save(self) -> None:
        estimate = self.estimate.amount() if self.estimate.isEnabled() else None
        if self.line:
            self.ws.budget.update_line(
                self.line.id,
                code=self.code.text(),
                title=self.title.text(),
                funding_source=self.source.text(),
                estimate=estimate,
            )
        else:
            self.ws.budget.add_line(
                self.plan_id,
                self.year,
                self.code.text(),
                self.title.text(),
                estimate,
                self.parent_line.id if self.parent_line else None,
                self.source.text(),
            )


class PaymentDialog(FormDialog):
    """Record a payment on a line, or edit one (a negative amount records a recovery)."""

    def __init__(
        self, ws: Workspace, line: BudgetLine, payment: Disbursement | None = None, parent=None
    ):
        super().__init__(f"Giải ngân dòng {line.code}", parent)
        self.ws, self.line, self.payment = ws, line, payment
        self.paid_on = date_edit(payment.paid_on if payment else ws.today(), what="Ngày giải ngân")
        self.amount = AmountEdit(payment.amount if payment else None)
        self.reference = QLineEdit(payment.reference if payment else "")
        self.note = QLineEdit(payment.note if payment else "")
        self.form.addRow("Dòng", QLabel(f"{line.code}. {line.title}"))
        self.form.addRow("Ngày giải ngân", self.paid_on)
        self.form.addRow("Số tiền (đồng)", self.amount)
        self.form.addRow("Số chứng từ", self.reference)
        self.form.addRow("Ghi chú", self.note)

    def save(self) -> None:
        amount = self.amount.amount()
        if amount is None:
            raise InvalidInput("Cần số tiền giải ngân.")
        paid_on = self.paid_on.value()
        if self.payment:
            self.ws.budget.update_disbursement(
                self.payment.id, paid_on, amount, self.reference.text(), self.note.text()
            )
        else:
            self.ws.budget.disburse(
                self.line.id, paid_on, amount, self.reference.text(), self.note.text()
            )


PAYMENT_COLUMNS: list[Column[Disbursement]] = [
    Column("Ngày", lambda d: f"{d.paid_on:%d/%m/%Y}"),
    Column("Số tiền (đồng)", lambda d: format_dong(d.amount), align_right=True),
    Column("Số chứng từ", lambda d: d.reference),
    Column("Ghi chú", lambda d: d.note),
]


class PaymentsDialog(QDialog):
    """The payments on one line: add, edit, delete."""

    def __init__(self, ws: Workspace, line: BudgetLine, parent=None):
        super().__init__(parent)
        self.ws, self.line = ws, line
        self.setWindowTitle(f"Giải ngân — dòng {line.code}")
        heading = QLabel(f"{line.code}. {line.title}")
        heading.setWordWrap(True)
        heading.setStyleSheet("font-weight: bold;")
        self.model = RowsModel(PAYMENT_COLUMNS)
        self.view = WrappingTable()
        self.view.setModel(self.model)
        fit_columns(self.view, stretch=3, widths={0: 100, 1: 150, 2: 140})
        self.total = QLabel()
        self.add_button = QPushButton("Thêm khoản giải ngân…")
        self.edit_button = QPushButton("Sửa…")
        self.delete_button = QPushButton("Xóa")
        close = QPushButton("Đóng")
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.total)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit)
        self.delete_button.clicked.connect(self.delete)
        self.view.doubleClicked.connect(self.edit)
        close.clicked.connect(self.accept)
        writable = not ws.read_only_reason
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setEnabled(writable)
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        payments = self.ws.budget.disbursements(self.line.id)
        self.model.set_rows(payments)
        self.total.setText(
            f"Tổng đã giải ngân: {format_dong(sum(p.amount for p in payments))} đồng"
        )

    def _selected(self) -> Disbursement | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def add(self) -> None:
        if PaymentDialog(self.ws, self.line, parent=self).exec():
            self.refresh()

    def edit(self) -> None:
        payment = self._selected()
        if payment and PaymentDialog(self.ws, self.line, payment, parent=self).exec():
            self.refresh()

    def delete(self) -> None:
        payment = self._selected()
        if payment is None:
            return
        question = (
            f"Xóa khoản giải ngân {format_dong(payment.amount)} đồng ngày "
            f"{payment.paid_on:%d/%m/%Y}?"
        )
        if ask.confirm(self, "Xóa giải ngân", question):
            try:
                self.ws.budget.delete_disbursement(payment.id)
            except UserError as exc:
                ask.tell(self, "Xóa giải ngân", str(exc), problem=True)
            self.refresh()
