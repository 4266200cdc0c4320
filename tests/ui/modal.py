"""Answering a modal dialog from the keyboard in a test: the dialog's exec() waits in its
own event loop, so the answer is queued before the action that opens it."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from ui import ask

ASK_TEXT = ask.text  # the real question, kept before each test's guard replaces it


def when_asked(handle) -> list:
    """`handle(dialog)` on the modal dialog the next action opens, its result kept in the
    list returned; the dialog is closed after it whatever happened, so a failing test does
    not hang."""
    seen = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            seen.append(handle(dialog))
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    return seen
