"""Stacked horizontal bars painted with QPainter: one bar per row (a reporting period),
cut into coloured parts (how the offices stood), each part's count written in it when
it fits, a legend above. A click, or Up/Down, chooses a row.

Every bar is as long as the widest row's total, so bars of the same total line up and
a part's width reads as its share."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

_BAR_HEIGHT = 24
_GAP = 10
_SWATCH = 12


@dataclass(frozen=True)
class Part:
    label: str
    colour: str


@dataclass(frozen=True)
class Bar:
    key: str  # what the row stands for ('2025-Q4'), given back when it is chosen
    label: str  # 'Quý IV năm 2025'
    counts: tuple[int, ...]  # one per part, in the parts' order


class StackedBarChart(QWidget):
    chosen = Signal(str)  # a bar's key: the clerk clicked it, or moved to it by keyboard

    def __init__(self, parts: list[Part], empty_text: str) -> None:
        super().__init__()
        self.parts = parts
        self.empty_text = empty_text
        self.bars: list[Bar] = []
        self.current = ""
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[Bar], current: str = "") -> None:
        self.bars, self.current = bars, current
        self.updateGeometry()
        self.update()

    def set_current(self, key: str) -> None:
        self.current = key
        self.update()

    # Geometry ------------------------------------------------------------------------

    def _bold(self) -> QFont:
        bold = QFont(self.font())
        bold.setBold(True)
        return bold

    def _label_width(self) -> int:
        """Room for the longest label, bold (the chosen row's is)."""
        metrics = QFontMetrics(self._bold())
        widest = max((metrics.horizontalAdvance(b.label) for b in self.bars), default=0)
        return min(260, widest + 16)

    def _legend(self, width: int) -> list[tuple[Part, QRect]]:
        """Each part's swatch and words, wrapped onto as many lines as `width` needs."""
        metrics, placed = self.fontMetrics(), []
        x, y, line = 0, 0, metrics.height() + 6
        for part in self.parts:
            room = _SWATCH + 6 + metrics.horizontalAdvance(part.label) + 18
            if x and x + room > width:
                x, y = 0, y + line
            placed.append((part, QRect(x, y, room, line)))
            x += room
        return placed

    def _top(self, width: int) -> int:
        legend = self._legend(width)
        return (legend[-1][1].bottom() + 1 if legend else 0) + _GAP

    def bar_rect(self, row: int) -> QRect:
        """Where row `row`'s bar is painted (its parts inside it)."""
        left = self._label_width()
        top = self._top(self.width()) + row * (_BAR_HEIGHT + _GAP)
        return QRect(left, top, max(1, self.width() - left - 4), _BAR_HEIGHT)

    def part_rects(self, row: int) -> list[tuple[int, QRect]]:
        """(part index, rectangle) of each part of row `row` with a count, left to right."""
        most = max(sum(b.counts) for b in self.bars)
        whole = self.bar_rect(row)
        x, placed = whole.left(), []
        for index, count in enumerate(self.bars[row].counts):
            if count:
                width = round(whole.width() * count / most)
                placed.append((index, QRect(x, whole.top(), width, whole.height())))
                x += width
        return placed

    def heightForWidth(self, width: int) -> int:  # the legend wraps on a narrow window
        return self._top(width) + max(1, len(self.bars)) * (_BAR_HEIGHT + _GAP)

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(600, self.heightForWidth(max(self.width(), 600)))

    def minimumSizeHint(self) -> QSize:
        return QSize(320, self.heightForWidth(max(self.width(), 320)))

    # Reading -------------------------------------------------------------------------

    def describe(self, row: int) -> str:
        """'Quý IV năm 2025: Đúng hạn 5, Trễ hạn 1, …' (the tooltip, and for a screen reader)."""
        bar = self.bars[row]
        counts = [f"{p.label} {n}" for p, n in zip(self.parts, bar.counts, strict=True) if n]
        return f"{bar.label}: " + ", ".join(counts)

    def _row_at(self, y: int) -> int | None:
        top = self._top(self.width())
        row = (y - top) // (_BAR_HEIGHT + _GAP)
        return row if y >= top and row < len(self.bars) else None

    def mouseMoveEvent(self, event) -> None:
        row = self._row_at(int(event.position().y()))
        if row is not None:
            QToolTip.showText(event.globalPosition().toPoint(), self.describe(row), self)
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event) -> None:
        row = self._row_at(int(event.position().y()))
        if row is not None:
            self.chosen.emit(self.bars[row].key)
        super().mousePressEvent(event)

    def keyPressEvent(self, event) -> None:
        keys = [b.key for b in self.bars]
        step = {Qt.Key.Key_Up: -1, Qt.Key.Key_Down: 1}.get(Qt.Key(event.key()))
        if step is None or not keys:
            super().keyPressEvent(event)
            return
        row = keys.index(self.current) + step if self.current in keys else 0
        self.chosen.emit(keys[max(0, min(len(keys) - 1, row))])

    # Painting ------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        text = self.palette().text().color()
        if not self.bars:
            painter.setPen(QColor("#555"))
            painter.drawText(self.rect(), Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
            return
        metrics = self.fontMetrics()
        for part, place in self._legend(self.width()):
            swatch = QRect(place.left(), place.center().y() - _SWATCH // 2, _SWATCH, _SWATCH)
            painter.fillRect(swatch, QColor(part.colour))
            painter.setPen(QColor(part.colour).darker(150))
            painter.drawRect(swatch)
            painter.setPen(text)
            words = place.adjusted(_SWATCH + 6, 0, 0, 0)
            painter.drawText(words, Qt.AlignmentFlag.AlignVCenter, part.label)
        bold = self._bold()
        for row, bar in enumerate(self.bars):
            whole = self.bar_rect(row)
            painter.setFont(bold if bar.key == self.current else self.font())
            label = QRect(0, whole.top(), whole.left() - 8, whole.height())
            name = metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label.width())
            painter.setPen(text)
            painter.drawText(label, Qt.AlignmentFlag.AlignVCenter, name)
            painter.setFont(self.font())
            for index, place in self.part_rects(row):
                colour = QColor(self.parts[index].colour)
                painter.fillRect(place, colour)
                painter.setPen(colour.darker(150))
                painter.drawRect(place.adjusted(0, 0, -1, -1))
                count = str(bar.counts[index])
                if metrics.horizontalAdvance(count) + 4 <= place.width():
                    painter.setPen(text)
                    painter.drawText(place, Qt.AlignmentFlag.AlignCenter, count)
            if bar.key == self.current:
                painter.setPen(text)
                painter.drawRect(whole.adjusted(-2, -2, 1, 1))
        painter.end()
