"""The frame of every small form: fields, a line saying what is wrong, Lưu and Hủy.

It behaves as a clerk expects of a form: typing starts in the first field, Tab goes
from field to field (a multi-line box included), Enter saves, Esc with something typed
asks before dropping it, and on a short screen the fields scroll while Lưu stays in
view."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.errors import UserError
from ui import ask
from ui.screen_room import FormScroll
from ui.style import problem_label


def typed(widget: QWidget) -> list[object]:
    """What the fields inside `widget` hold, to tell whether anything was typed."""
    held: list[object] = []
    for field in widget.findChildren(QWidget):
        if isinstance(field, QLineEdit | QAbstractSpinBox):
            held.append(field.text())
        elif isinstance(field, QPlainTextEdit | QTextEdit):
            held.append(field.toPlainText())
        elif isinstance(field, QComboBox):
            held.append(field.currentText())
        elif isinstance(field, QAbstractButton) and field.isCheckable():
            held.append(field.isChecked())
        elif isinstance(field, QListWidget):
            held.append([field.item(i).checkState() for i in range(field.count())])
    return held


def _held(item) -> list[QWidget]:
    """The widgets a form row holds, in their order (a row may be a layout of several)."""
    if item is None:
        return []
    if (widget := item.widget()) is not None:
        return [widget, *widget.findChildren(QWidget)]
    layout = item.layout()
    return [w for i in range(layout.count()) for w in _held(layout.itemAt(i))] if layout else []


def first_field(fields: QFormLayout) -> QWidget | None:
    """The first field a clerk can type in or choose from, top to bottom."""
    for row in range(fields.rowCount()):
        for candidate in _held(fields.itemAt(row, QFormLayout.ItemRole.FieldRole)):
            if (
                candidate.focusPolicy() & Qt.FocusPolicy.TabFocus
                and candidate.isEnabled()
                and candidate.isVisibleTo(candidate.window())
                and not isinstance(candidate, QAbstractButton)
            ):
                return candidate
    return None


class FormDialog(QDialog):
    """A small form with a problem line and Lưu / Hủy. `save()` writes through a
    service; a UserError it raises is shown on the problem line and the form stays
    open, with nothing written."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        self.problem = problem_label()
        self.save_button = QPushButton("Lưu")
        self.save_button.setDefault(True)
        cancel = QPushButton("Hủy")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(cancel)
        fields = QWidget()
        fields.setLayout(self.form)
        self.form.setContentsMargins(0, 0, 0, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(FormScroll(fields), 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)
        self._fields = fields
        self._as_opened: list[object] | None = None  # what the fields held when shown

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._as_opened is None:
            for box in self._fields.findChildren(QWidget):
                if isinstance(box, QPlainTextEdit | QTextEdit):
                    box.setTabChangesFocus(True)
            if (field := first_field(self.form)) is not None:
                field.setFocus(Qt.FocusReason.OtherFocusReason)
            self._as_opened = typed(self._fields)

    def changed(self) -> bool:
        return self._as_opened is not None and typed(self._fields) != self._as_opened

    def _save(self) -> None:
        try:
            self.save()
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()

    def reject(self) -> None:  # Hủy, Esc, the window's close button
        if self.changed():
            answer = ask.unsaved(self, f"«{self.windowTitle()}»")
            if answer is ask.Unsaved.SAVE:
                self._save()
            if answer is not ask.Unsaved.DISCARD:
                return
        super().reject()

    def save(self) -> None:
        raise NotImplementedError
