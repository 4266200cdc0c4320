"""A horizontal bar chart painted with QPainter: one bar per label, longest first.

Long Vietnamese unit names get a line of their own above their bar (elided to the
width, whole in the tooltip), so the chart reads in a narrow column too. At most
`most_bars` are drawn and a last line says how many more there are: a plan with
sixty units must not make the window taller than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

_BAR_HEIGHT = 14
_GAP = 8


class BarChart(QWidget):
    def __init__(self, colour: str, empty_text: str, more_text: str, most_bars: int = 8) -> None:
        super().__init__()
        self.colour = QColor(colour)
        self.empty_text = empty_text
        self.more_text = more_text  # '{n}' is replaced by the number of bars left out
        self.most_bars = most_bars
        self.bars: list[tuple[str, int]] = []  # every bar, longest first
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[tuple[str, int]]) -> None:
        self.bars = sorted((b for b in bars if b[1] > 0), key=lambda b: -b[1])
        self.updateGeometry()
        self.update()

    def _row_height(self) -> int:
        return self.fontMetrics().height() + _BAR_HEIGHT + _GAP

    def shown(self) -> list[tuple[str, int]]:
        return self.bars[: self.most_bars]

    def left_out(self) -> int:
        return len(self.bars) - len(self.shown())

    def sizeHint(self) -> QSize:
        height = max(1, len(self.shown())) * self._row_height() + 4
        if self.left_out():
            height += self.fontMetrics().height()
        return QSize(240, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def _row_at(self, y: int) -> int | None:
        row = y // self._row_height()
        return row if 0 <= row < len(self.shown()) else None

    def mouseMoveEvent(self, event) -> None:
        row = self._row_at(int(event.position().y()))
        if row is not None:
            label, value = self.bars[row]
            QToolTip.showText(event.globalPosition().toPoint(), f"{label}: {value}", self)
        super().mouseMoveEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        width = self.width() - 2
        if not self.bars:
            painter.setPen(QColor("#555"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignLeft, self.empty_text)
            return
        most = max(value for _, value in self.bars)
        number_width = metrics.horizontalAdvance(str(most)) + 8
        for row, (label, value) in enumerate(self.shown()):
            top = row * self._row_height()
            painter.setPen(self.palette().text().color())
            name = metrics.elidedText(label, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(1, top, width, metrics.height()), 0, name)
            bar_top = top + metrics.height() + 1
            length = max(2, round((width - number_width) * value / most))
            painter.fillRect(QRect(1, bar_top, length, _BAR_HEIGHT), self.colour)
            painter.drawText(
                QRect(length + 6, bar_top, number_width, _BAR_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        if self.left_out():
            painter.setPen(QColor("#555"))
            top = len(self.shown()) * self._row_height()
            text = self.more_text.replace("{n}", str(self.left_out()))
            painter.drawText(QRect(1, top, width, metrics.height()), 0, text)
        painter.end()
