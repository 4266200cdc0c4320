"""Input fields that read what clerks type: money in đồng, Vietnamese decimals, dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit, QLineEdit

from desktop.domain.targets import parse_number
from desktop.errors import InvalidInput
from desktop.vietnamese.numbers import format_dong, parse_dong


class AmountEdit(QLineEdit):
    """Đồng as clerks type them ('1.500.000' or '1500000'); shown grouped once typed."""

    def __init__(self, amount: int | None = None):
        super().__init__()
        self.setPlaceholderText("ví dụ 1.500.000")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.set_amount(amount)
        self.editingFinished.connect(self._tidy)

    def set_amount(self, amount: int | None) -> None:
        self.setText("" if amount is None else format_dong(amount))

    def amount(self) -> int | None:
        """None when empty; InvalidInput (Vietnamese) when not whole đồng."""
        text = self.text().strip()
        if not text:
            return None
        if "," in text:
            raise InvalidInput(
                f"Số tiền «{text}» có phần lẻ: tiền ghi bằng đồng, không có dấu phẩy thập phân."
            )
        return parse_dong(text)

    def _tidy(self) -> None:
        try:
            amount = self.amount()
        except InvalidInput:
            return  # the form shows why; leave the text as typed
        self.set_amount(amount)


class DecimalEdit(QLineEdit):
    """A figure with a Vietnamese decimal comma ('82,5'; '1.234,5')."""

    def __init__(self, value: float | None = None):
        super().__init__()
        self.setPlaceholderText("ví dụ 82,5")
        self.set_value(value)

    def set_value(self, value: float | None) -> None:
        if value is None:
            self.setText("")
            return
        text = f"{value:.4f}".rstrip("0").rstrip(".")
        self.setText(text.replace(".", ","))

    def value(self) -> float | None:
        text = self.text().strip().replace(" ", "").removesuffix("%")
        if not text:
            return None
        try:
            return parse_number(text)
        except ValueError as exc:
            raise InvalidInput(
                f"«{self.text()}» không phải một số (dùng dấu phẩy cho phần lẻ, ví dụ 82,5)."
            ) from exc


def date_edit(value: date, latest: date | None = None) -> QDateEdit:
    """A day picker (dd/MM/yyyy) with a calendar, not later than `latest`."""
    field = QDateEdit(to_qdate(value))
    field.setCalendarPopup(True)
    field.setDisplayFormat("dd/MM/yyyy")
    if latest is not None:
        field.setMaximumDate(to_qdate(latest))
    return field


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
