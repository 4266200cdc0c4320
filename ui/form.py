"""The frame of every small form: fields, a line saying what is wrong, Lưu and Hủy."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QHBoxLayout, QPushButton, QVBoxLayout

from desktop.errors import UserError
from ui.style import problem_label


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
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.save_button.clicked.connect(self._save)
        cancel.clicked.connect(self.reject)

    def _save(self) -> None:
        try:
            self.save()
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()

    def save(self) -> None:
        raise NotImplementedError
