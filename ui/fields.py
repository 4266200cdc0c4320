"""Input fields that read what clerks type: money in đồng, Vietnamese decimals, dates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from desktop.domain.targets import parse_number
from desktop.errors import InvalidInput
from desktop.vietnamese.dates import in_words, read_date
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


class DateField(QWidget):
    """A day typed as people type it (20/12/2025, 20122025, 20-12-2025, 20/12/25), read
    back in words beside it, or picked from a calendar. What is typed is never altered;
    `value()` refuses what is not one day, in words. Which days are allowed (not after
    today for a completion or a payment) is the core's rule, said when the form saves."""

    edited = Signal()

    def __init__(self, value: date, what: str = "Ngày"):
        super().__init__()
        self.what = what
        self.edit = QLineEdit()
        self.edit.setPlaceholderText("ngày/tháng/năm")
        self.edit.setMaximumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 24)
        self.words = QLabel()
        self.words.setStyleSheet("color: #555;")
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        pick = QToolButton()
        pick.setText("Lịch…")
        pick.setToolTip("Chọn ngày trên lịch (Alt+↓)")
        pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        # The menu arrow would be drawn over "Lịch…": the dots say a choice opens.
        pick.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        menu = QMenu(pick)
        shown = QWidgetAction(menu)
        shown.setDefaultWidget(self.calendar)
        menu.addAction(shown)
        pick.setMenu(menu)
        # Tab goes from the day to the next field; the calendar opens from the keyboard
        # with Alt+↓ or F4 as a list does.
        pick.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for keys in ("Alt+Down", "F4"):
            opening = QShortcut(QKeySequence(keys), self.edit)
            opening.setContext(Qt.ShortcutContext.WidgetShortcut)
            opening.activated.connect(pick.showMenu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(pick)
        layout.addWidget(self.words, 1)
        self.setFocusProxy(self.edit)
        self.edit.textEdited.connect(self._typed)
        self.calendar.clicked.connect(lambda picked: self._picked(from_qdate(picked), menu))
        self.set_value(value)

    def set_value(self, value: date) -> None:
        self.edit.setText(f"{value:%d/%m/%Y}")
        self.calendar.setSelectedDate(to_qdate(value))
        self._say()

    def value(self) -> date:
        """The day typed; an InvalidInput naming what was typed when it is not one."""
        return read_date(self.edit.text(), self.what)

    def _picked(self, day: date, menu: QMenu) -> None:
        self.set_value(day)
        menu.hide()
        self.edited.emit()

    def _typed(self) -> None:
        self._say()
        self.edited.emit()

    def _say(self) -> None:
        try:
            self.words.setText(in_words(read_date(self.edit.text(), self.what)))
            self.words.setStyleSheet("color: #555;")
        except InvalidInput:
            self.words.setText("chưa phải một ngày")
            self.words.setStyleSheet("color: #b00020;")


def date_edit(value: date, what: str = "Ngày") -> DateField:
    return DateField(value, what)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())
