"""Windows sized to the screen they open on: an office PC is often 1366×768 or 1280×720
with a 40 px taskbar, smaller than the size a form asks for.

Every top-level window shown is made to fit the room the screen leaves it (title bar
included), and a tab page too tall for that room scrolls instead of pushing the
window's bottom off the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFrame, QScrollArea, QWidget

# A window's frame before the window manager has drawn it: title bar and borders.
FRAME = (8, 38)  # px added across and down


def available(widget: QWidget | None = None) -> QRect:
    """The part of the screen windows may use (the taskbar left out)."""
    screen = widget.screen() if widget is not None else None
    return (screen or QGuiApplication.primaryScreen()).availableGeometry()


def _frame(window: QWidget) -> tuple[int, int]:
    """What the window manager adds around the inside, across and down."""
    frame = window.frameGeometry()
    if frame.height() > window.height():  # drawn already: measured
        return frame.width() - window.width(), frame.height() - window.height()
    return FRAME


def room(window: QWidget | None = None) -> QSize:
    """The largest inside a window can have on its screen, frame and taskbar left out."""
    area = available(window)
    across, down = _frame(window) if window is not None else FRAME
    return QSize(area.width() - across, area.height() - down)


def fit(window: QWidget) -> None:
    """Shrink a window that asks for more than the room, and bring it wholly on screen
    (a window's position is its frame's)."""
    most = room(window)
    size = window.size().boundedTo(most)
    if size != window.size():
        window.resize(size)
    area, (across, down) = available(window), _frame(window)
    x = max(area.left(), min(window.x(), area.right() + 1 - window.width() - across))
    y = max(area.top(), min(window.y(), area.bottom() + 1 - window.height() - down))
    if (x, y) != (window.x(), window.y()):
        window.move(x, y)


class _FitShown(QObject):
    """Fits each top-level window as it is first shown (forms, wizards, Qt's own boxes)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and not watched.property("skh_fitted")
        ):
            watched.setProperty("skh_fitted", True)
            fit(watched)
        return False


def install(app: QApplication) -> None:
    app.installEventFilter(_FitShown(app))


class FormScroll(QScrollArea):
    """A form's fields, scrolling up and down when the screen is shorter than the form
    (never sideways: fields keep their width). It asks for the form's whole height, so
    on a screen tall enough nothing scrolls."""

    def __init__(self, form: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(form)
        self.form = form

    def sizeHint(self) -> QSize:
        return self.form.sizeHint()

    def minimumSizeHint(self) -> QSize:
        least = self.form.minimumSizeHint()
        across = least.width() + self.verticalScrollBar().sizeHint().width()
        return QSize(across, min(120, least.height()))
