"""The card on screen while the window is built: the app's name and that it is opening.

On an office PC a start can take seconds (antivirus scanning the bundle, a slow disk);
without it a clerk sees nothing and starts the program a second time. It is shown before
the core and the window's modules are imported.

A plain frameless label, not a QSplashScreen: Qt 6's splash screen waits up to a second
for the window system to report it mapped, at every start (on X11 it never is in time).
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from desktop import __version__

HEIGHT, TEXT_LEFT, MARGIN = 180, 120, 28
TAGLINE = "Theo dõi kế hoạch, tiến độ nhiệm vụ và kinh phí"
INK, MUTED, EDGE = QColor("#1f3a5f"), QColor("#5b6675"), QColor("#c8d1dc")


def _font(points: int, bold: bool = False) -> QFont:
    font = QApplication.font()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def _card(icon: QIcon, ratio: float) -> QPixmap:
    small = _font(10)
    # As wide as the tagline needs in the system's font (Segoe UI on Windows is wider).
    width = TEXT_LEFT + QFontMetrics(small).horizontalAdvance(TAGLINE) + MARGIN
    pixmap = QPixmap(round(width * ratio), round(HEIGHT * ratio))
    pixmap.setDevicePixelRatio(ratio)  # sharp text on a 125 % or 150 % Windows screen
    pixmap.fill(QColor("#ffffff"))
    painter = QPainter(pixmap)
    painter.setPen(EDGE)
    painter.drawRect(0, 0, width - 1, HEIGHT - 1)
    icon.paint(painter, QRect(MARGIN, 40, 72, 72))
    painter.setPen(INK)
    painter.setFont(_font(20, bold=True))
    painter.drawText(TEXT_LEFT, 70, "Sổ Kế hoạch")
    painter.setPen(MUTED)
    painter.setFont(small)
    painter.drawText(TEXT_LEFT, 96, TAGLINE)
    painter.drawText(TEXT_LEFT, 116, f"Phiên bản {__version__}")
    painter.drawText(MARGIN, HEIGHT - 22, "Đang mở…")
    painter.end()
    return pixmap


def show_splash(app: QApplication) -> QLabel:
    """The card, shown and painted now, in the middle of the screen."""
    ratio = app.primaryScreen().devicePixelRatio()
    card = QLabel()
    card.setWindowFlags(Qt.WindowType.SplashScreen | Qt.WindowType.FramelessWindowHint)
    card.setPixmap(_card(app.windowIcon(), ratio))
    card.adjustSize()
    card.move(app.primaryScreen().availableGeometry().center() - card.rect().center())
    card.show()
    card.repaint()  # painted before the long imports that follow, not after them
    app.processEvents()
    return card


def close_when_shown(card: QLabel, window: QWidget) -> None:
    """Close the card once the event loop runs, which paints `window` first."""
    QTimer.singleShot(0, window, card.close)
