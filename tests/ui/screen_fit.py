"""Whether a window fits an office screen: every control inside the window and the
window inside the room the screen leaves (taskbar and title bar left out), nothing cut.

A control is checked where the clerk would see it: inside each widget that holds it.
A control in a scroll area is fine when the area itself is on screen (it scrolls to it).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)

from ui import screen_room

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractScrollArea,
    QTabBar,
    QLabel,
)
# Office screens, each with a 40 px taskbar at the bottom.
SCREENS = [(1280, 720), (1366, 768)]
TASKBAR = 40


def room_of(width: int, height: int) -> QRect:
    return QRect(0, 0, width, height - TASKBAR)


def maximised(window: QWidget, room: QRect) -> None:
    """The window as large as the room leaves it, as a clerk opens it."""
    inside = screen_room.room(window)
    window.setGeometry(room.x(), room.y() + 30, inside.width(), inside.height())
    window.show()
    QApplication.processEvents()


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and parent.viewport().isAncestorOf(widget):
            return True
        parent = parent.parentWidget()
    return False


def _shown_whole(widget: QWidget, window: QWidget) -> bool:
    """Inside every ancestor up to the window (each one clips what it holds)."""
    rect = QRect(QPoint(0, 0), widget.size())
    child, parent = widget, widget.parentWidget()
    while parent is not None:
        rect.translate(child.pos())
        if not parent.rect().contains(rect):
            return False
        if parent is window:
            return True
        child, parent = parent, parent.parentWidget()
    return True


def _text_cut(widget: QWidget) -> bool:
    if isinstance(widget, QLabel) and widget.text() and not widget.pixmap():
        if widget.wordWrap():
            return widget.heightForWidth(widget.width()) > widget.height() + 1
        return widget.minimumSizeHint().width() > widget.width() + 1
    if isinstance(widget, QAbstractButton) and widget.text():
        return widget.minimumSizeHint().width() > widget.width() + 1
    return False


def problems(window: QWidget) -> list[str]:
    """What a clerk could not see or reach in `window` as it is now shown."""
    found = []
    room = screen_room.room(window)
    if window.width() > room.width() or window.height() > room.height():
        found.append(
            f"window {window.width()}×{window.height()} > room {room.width()}×{room.height()}"
        )
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(window):
            continue
        if widget.window() is not window or _in_scroll_area(widget, window):
            continue
        name = f"{type(widget).__name__} {_said(widget)!r}"
        if not _shown_whole(widget, window):
            found.append(f"{name} cut off at {widget.mapTo(window, QPoint(0, 0))} {widget.size()}")
        elif _text_cut(widget):
            found.append(f"{name} text clipped ({widget.width()}×{widget.height()})")
    return found


def _said(widget: QWidget) -> str:
    for attribute in ("text", "placeholderText", "windowTitle"):
        getter = getattr(widget, attribute, None)
        if callable(getter) and (text := getter()):
            return str(text)[:40]
    return widget.objectName()
