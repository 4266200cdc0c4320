"""Every question the window puts to the clerk, one small function each, so a test can
answer it instead (pytest's monkeypatch) and no modal dialog blocks a test run."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from desktop.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

DATABASE_FILTER = "Cơ sở dữ liệu Sổ Kế hoạch (*.db);;Mọi tệp (*)"


class Unsaved(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def documents_folder() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation))


def tell(parent: QWidget | None, title: str, text: str, problem: bool = False) -> None:
    if problem:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, title, text, buttons, QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def unsaved(parent: QWidget | None, what: str) -> Unsaved:
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Chưa lưu",
        f"{what} có thay đổi chưa lưu. Lưu lại không?",
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.button(QMessageBox.StandardButton.Save).setText("Lưu")
    box.button(QMessageBox.StandardButton.Discard).setText("Bỏ thay đổi")
    box.button(QMessageBox.StandardButton.Cancel).setText("Quay lại")
    answer = box.exec()
    return {
        QMessageBox.StandardButton.Save: Unsaved.SAVE,
        QMessageBox.StandardButton.Discard: Unsaved.DISCARD,
    }.get(QMessageBox.StandardButton(answer), Unsaved.CANCEL)


def open_file(
    parent: QWidget | None, title: str, file_filter: str = DATABASE_FILTER
) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, title, str(documents_folder()), file_filter)
    return Path(name) if name else None


def open_files(parent: QWidget | None, title: str) -> list[Path]:
    names, _ = QFileDialog.getOpenFileNames(parent, title, str(documents_folder()), "Mọi tệp (*)")
    return [Path(name) for name in names]


def save_file(
    parent: QWidget | None, title: str, suggested: Path, file_filter: str = DATABASE_FILTER
) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return Path(name) if name else None


def folder(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, title, str(suggested))
    return Path(name) if name else None


def printer(parent: QWidget | None) -> QPrinter | None:
    """A printer the clerk chose and set up in Qt's print dialog, or None."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter  # Qt's printing: on first use

    chosen = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(chosen, parent)
    dialog.setWindowTitle("In văn bản")
    return chosen if dialog.exec() == QPrintDialog.DialogCode.Accepted else None


class _Answer(QInputDialog):
    """A line of text handed to `act` before the dialog closes: a UserError it raises is
    said in red under the question, and the dialog stays open for another answer."""

    def __init__(self, parent: QWidget | None, label: str, act: Callable[[str], object] | None):
        super().__init__(parent)
        self.question, self.act = label, act
        self.setLabelText(label)

    def done(self, result: int) -> None:
        if result == QDialog.DialogCode.Accepted and self.act is not None:
            try:
                self.act(self.textValue())
            except UserError as exc:
                from ui.style import PROBLEM_COLOUR  # not at start: it imports the domain

                said = f"<span style='color: {PROBLEM_COLOUR};'>{escape(str(exc))}</span>"
                self.setLabelText(f"{escape(self.question)}<br>{said}".replace("\n", "<br>"))
                return
        super().done(result)


def text(
    parent: QWidget | None,
    title: str,
    label: str,
    value: str = "",
    act: Callable[[str], object] | None = None,
) -> str | None:
    """A line of text, or None when the clerk cancels (Esc, Hủy). With `act`, the answer
    is acted on before the dialog closes; one it refuses is asked again, with the reason."""
    dialog = _Answer(parent, label, act)
    dialog.setWindowTitle(title)
    dialog.setTextValue(value)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    dialog.resize(480, dialog.height())
    return dialog.textValue() if dialog.exec() else None


def secret(parent: QWidget | None, title: str, label: str) -> str | None:
    """A password or PIN, typed hidden; None when the clerk cancels."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    return dialog.textValue() if dialog.exec() else None


def choose(parent: QWidget | None, title: str, label: str, options: list[str]) -> str | None:
    """One of `options`, or None when the clerk cancels."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setComboBoxItems(options)
    dialog.setComboBoxEditable(False)
    dialog.setOkButtonText("Đồng ý")
    dialog.setCancelButtonText("Hủy")
    return dialog.textValue() if dialog.exec() else None
