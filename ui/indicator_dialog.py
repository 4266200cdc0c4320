"""The indicator form: the value reached in the selected period, indicator after indicator.

A figure with a Vietnamese decimal comma ("82,5"), or a description where the target
is not a figure; a note. The verdict (or the progress estimate) follows as soon as
it is saved. A plan without indicators gets the form saying so, with nothing to fill.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.indicator_progress import IndicatorResult
from desktop.domain.periods import Period
from desktop.errors import InvalidInput, UserError
from desktop.workspace import Workspace
from ui import ask
from ui.fields import DecimalEdit
from ui.style import problem_label


class IndicatorDialog(QDialog):
    def __init__(
        self,
        ws: Workspace,
        period: Period,
        items: list[IndicatorResult],
        index: int,
        parent=None,
        assessment: Callable[[int], str] | None = None,
    ):
        """`assessment(indicator_id)`: the verdict or progress once saved, to show at once."""
        super().__init__(parent)
        self.ws, self.period, self.items, self.index = ws, period, items, index
        self.assessment = assessment
        self._dirty = False
        self.setWindowTitle(f"Ghi kết quả chỉ tiêu — {period.title}")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.name = QLabel()
        self.name.setWordWrap(True)
        self.target = QLabel()
        self.target.setWordWrap(True)
        self.number = DecimalEdit()
        self.text = QLineEdit()
        self.text.setPlaceholderText("khi mục tiêu không phải một con số")
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow("Giá trị đạt được", self.number)
        form.addRow("Mô tả kết quả", self.text)
        form.addRow("Ghi chú", self.note)
        self.problem = problem_label()
        self.save_button = QPushButton("Lưu")
        self.next_button = QPushButton("Lưu và sang chỉ tiêu tiếp (Ctrl+Enter)")
        self.next_button.setDefault(True)
        self.delete_button = QPushButton("Xóa kết quả kỳ này")
        close_button = QPushButton("Đóng")
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.next_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.name, self.target):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        layout.addLayout(buttons)
        for field in (self.number, self.text, self.note):
            field.textEdited.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.next_button.clicked.connect(self.save_and_next)
        self.delete_button.clicked.connect(self.delete)
        close_button.clicked.connect(self.close)
        # What records a value: all off when the plan has no indicator to record.
        self._inputs: list[QWidget | QShortcut] = [
            self.number,
            self.text,
            self.note,
            self.save_button,
            self.next_button,
        ]
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.save_and_next)
            self._inputs.append(shortcut)
        saving = QShortcut(QKeySequence.StandardKey.Save, self)  # Ctrl+S, as in Ghi tiến độ
        saving.activated.connect(self.save)
        self._inputs.append(saving)
        self.resize(760, 360)
        if items:
            self.show_indicator(index)
        else:
            self._show_none()

    @property
    def item(self) -> IndicatorResult:
        return self.items[self.index]

    def show_indicator(self, index: int) -> None:
        self.index = index
        indicator = self.item.indicator
        self.heading.setText(
            f"Chỉ tiêu {indicator.group_code}/{indicator.code} ({index + 1}/{len(self.items)})"
        )
        self.name.setText(indicator.name)
        target = self.item.target
        self.target.setText(
            f"Mục tiêu năm {self.item.milestone}: {target.text}"
            + (f" · đơn vị tính: {indicator.unit_of_measure}" if indicator.unit_of_measure else "")
            if target
            else "Không có mục tiêu cho giai đoạn này."
        )
        value = self.ws.indicators.value(indicator.id, self.period.id)
        self.number.set_value(value.value if value else None)
        self.text.setText(value.value_text if value else "")
        self.note.setText(value.note if value else "")
        self.delete_button.setEnabled(value is not None)
        self.problem.setText("")
        self._dirty = False
        self.number.setFocus()

    def _show_none(self) -> None:
        self.heading.setText("Kế hoạch này chưa có chỉ tiêu nào.")
        self.name.setText("Soạn chỉ tiêu ở Kế hoạch → Soạn chỉ tiêu…")
        self.delete_button.setEnabled(False)
        for widget in self._inputs:
            widget.setEnabled(False)

    def _edited(self) -> None:
        self._dirty = True
        self.problem.setText(self.problem_text() or "")

    def problem_text(self) -> str | None:
        try:
            number = self.number.value()
        except InvalidInput as exc:
            return str(exc)
        if number is None and not self.text.text().strip():
            return "Cần nhập giá trị (số) hoặc mô tả kết quả."
        return None

    def save(self) -> bool:
        problem = self.problem_text()
        if problem:
            self.problem.setText(problem)
            return False
        try:
            self.ws.indicators.record_value(
                self.item.indicator.id,
                self.period.id,
                self.number.value(),
                self.text.text(),
                self.note.text(),
            )
        except UserError as exc:
            self.problem.setText(str(exc))
            return False
        self._dirty = False
        self.delete_button.setEnabled(True)
        saved = f"Đã lưu kết quả chỉ tiêu {self.item.indicator.code}."
        if self.assessment is not None:
            saved += f" Đánh giá: {self.assessment(self.item.indicator.id)}."
        self.problem.done(saved)
        return True

    def save_and_next(self) -> None:
        if self.save() and self.index + 1 < len(self.items):
            self.show_indicator(self.index + 1)

    def delete(self) -> None:
        indicator = self.item.indicator
        if ask.confirm(
            self, "Xóa kết quả", f"Xóa kết quả {self.period.label} của chỉ tiêu {indicator.code}?"
        ):
            self.ws.indicators.delete_value(indicator.id, self.period.id)
            self.show_indicator(self.index)

    def closeEvent(self, event) -> None:
        if not self._dirty:
            event.accept()
            return
        answer = ask.unsaved(self, f"Kết quả chỉ tiêu {self.item.indicator.code}")
        if (answer is ask.Unsaved.SAVE and not self.save()) or answer is ask.Unsaved.CANCEL:
            event.ignore()
        else:
            event.accept()

    def reject(self) -> None:
        self.close()
