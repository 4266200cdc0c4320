"""The real pages of a PDF, drawn by PDFium (pypdfium2): shown in the window and sent
to the printer, so what the clerk sees and prints is the file that is saved.

PDFium is not thread-safe: it is only ever called on the UI thread. Pages are drawn
when they scroll into view and dropped when far from it, so a 100-page appendix costs
a few pages of memory. The PDF is kept as its bytes: PDFium opens it only while it reads
the page sizes or draws pages (about a millisecond for a 16-page report) and closes it
at once, so no document is left open when another replaces it or its view goes away.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter, QPixmap
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QWidget

if TYPE_CHECKING:  # PDFium loads when a first PDF is shown, not with the window
    import pypdfium2 as pdfium

POINTS_PER_INCH = 72
GAP = 12  # pixels between pages
KEEP = 3  # pages drawn beyond the visible ones, each way


def page_image(page: pdfium.PdfPage, dpi: float) -> QImage:
    bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True)  # RGB bytes
    image = QImage(
        bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, QImage.Format.Format_RGB888
    )
    return image.copy()  # owns its pixels once the bitmap is gone


@contextmanager
def opened(content: bytes) -> Iterator[pdfium.PdfDocument]:
    """The PDF open in PDFium for the length of the block, closed after it."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(content)
    try:
        yield document
    finally:
        document.close()


class PageView(QScrollArea):
    """The pages one under the other, fitted to the view's width, drawn lazily."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(False)  # pages are placed by hand: sizes known up front
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QScrollArea { background: #808080; }")
        self._content: bytes | None = None  # the PDF shown
        self._sizes: list[tuple[float, float]] = []  # points
        self._labels: list[QLabel] = []
        self._drawn: set[int] = set()
        self._scale = 1.0  # pixels per point
        self._container = QWidget()
        self._container.setStyleSheet("background: #808080;")
        self.setWidget(self._container)
        self._redraw = QTimer(self, singleShot=True, interval=30)
        self._redraw.timeout.connect(self._draw_visible)
        self.verticalScrollBar().valueChanged.connect(lambda _value: self._redraw.start())

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def show_pdf(self, content: bytes | None) -> None:
        """Show these pages (None: none), keeping the scroll position where it can."""
        for label in self._labels:
            label.deleteLater()
        self._labels, self._drawn = [], set()
        self._content = content or None
        self._sizes = []
        if self._content is not None:
            with opened(self._content) as document:
                self._sizes = [document.get_page_size(i) for i in range(len(document))]
        for _ in self._sizes:
            label = QLabel(self._container)
            label.setStyleSheet("background: white;")
            label.show()
            self._labels.append(label)
        self._fit()

    def page_pixmap(self, index: int) -> QPixmap | None:
        """What is shown of a page now (None until it has scrolled into view)."""
        pixmap = self._labels[index].pixmap()
        return None if pixmap is None or pixmap.isNull() else pixmap

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """Scale the pages so the widest fits the view, one under the other, centred."""
        room = self.viewport().width()
        if not self._sizes:
            self._container.resize(room, self.viewport().height())
            return
        widest = max(width for width, _ in self._sizes)
        self._scale = max(0.3, min(1.6, (room - 2 * GAP) / widest))
        across = max(room, round(widest * self._scale) + 2 * GAP)
        top = GAP
        for label, (width, height) in zip(self._labels, self._sizes, strict=True):
            size = QSize(round(width * self._scale), round(height * self._scale))
            label.setGeometry((across - size.width()) // 2, top, size.width(), size.height())
            label.clear()
            top += size.height() + GAP
        self._container.resize(across, top)
        self._drawn.clear()
        self._redraw.start()

    def _draw_visible(self) -> None:
        if self._content is None:
            return
        top = self.verticalScrollBar().value()
        bottom = top + self.viewport().height()
        visible = [
            i
            for i, label in enumerate(self._labels)
            if label.y() + label.height() >= top and label.y() <= bottom
        ]
        if not visible:
            visible = [0]
        wanted = set(range(max(0, visible[0] - KEEP), min(len(self._labels), visible[-1] + KEEP)))
        for index in self._drawn - wanted:
            self._labels[index].clear()
        ratio = self.devicePixelRatioF()
        if to_draw := sorted(wanted - self._drawn):
            with opened(self._content) as document:
                for index in to_draw:
                    dpi = POINTS_PER_INCH * self._scale * ratio
                    pixmap = QPixmap.fromImage(page_image(document[index], dpi))
                    pixmap.setDevicePixelRatio(ratio)
                    self._labels[index].setPixmap(pixmap)
        self._drawn = wanted


def print_pdf(printer: QPrinter, content: bytes, dpi: int = 300) -> int:
    """Print every page on `printer`, each in its own orientation, over the whole sheet
    (the PDF's NĐ 30 margins are kept, not added to the printer's). Returns the pages
    printed."""
    printer.setFullPage(True)
    painter = QPainter()
    with opened(content) as document:
        try:
            for index in range(len(document)):
                page = document[index]
                width, height = page.get_size()
                orientation = (
                    QPageLayout.Orientation.Landscape
                    if width > height
                    else QPageLayout.Orientation.Portrait
                )
                printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
                printer.setPageOrientation(orientation)
                if index == 0:
                    if not painter.begin(printer):
                        raise OSError("Không mở được máy in.")
                elif not printer.newPage():
                    raise OSError("Máy in không nhận thêm trang.")
                image = page_image(page, min(dpi, printer.resolution()))
                sheet = painter.viewport()
                target = image.size().scaled(sheet.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.drawImage(QRect(sheet.topLeft(), target), image)
            return len(document)
        finally:
            if painter.isActive():
                painter.end()
