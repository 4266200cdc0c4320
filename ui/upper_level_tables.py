"""What the level above's dialogs share: the colour of each standing and outcome, a
table of rows coloured by what they say, and the choice of a period followed."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QTableWidget,
    QTableWidgetItem,
)

from desktop.consolidation.matrix import Standing, opening_period, tracked_periods
from desktop.consolidation.receive import DUPLICATE, HELD, QUARANTINED, RECEIVED
from desktop.domain.periods import PeriodId

COLOURS = {
    Standing.ON_TIME: "#d8f0d8",
    Standing.LATE: "#fdeec4",
    Standing.RESUBMITTED: "#dde8f8",
    Standing.RETURNED: "#eadcf5",
    Standing.INVALID: "#f8d0d0",
    Standing.MISSING: "#eeeeee",
    Standing.HELD: "#ffd9a8",
}
WIDEST = 340  # pixels: a column wider than this wraps its text
OUTCOME_COLOURS = {
    RECEIVED: "#d8f0d8",
    DUPLICATE: "#eeeeee",
    QUARANTINED: "#f8d0d0",
    HELD: "#ffd9a8",
}


def day_text(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def fill_periods(box: QComboBox, ws, chosen: str | None = None) -> None:
    """The periods followed, newest first, by name and due date ('Quý IV năm 2025 (hạn
    20/01/2026)'), the period's id as each item's data; `chosen` selected, else the one
    the level above is busy with (matrix.opening_period)."""
    expected = ws.receiving.expected()
    box.clear()
    for key in tracked_periods(ws):
        due = f" (hạn {day_text(expected[key])})" if key in expected else ""
        box.addItem(PeriodId.parse(key).title + due, key)
    box.setCurrentIndex(max(0, box.findData(chosen or opening_period(ws))))


def money_text(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".")


def colour_table(
    headers: tuple[str, ...], rows: list[tuple], colours: list[str | None]
) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    for r, (row, colour) in enumerate(zip(rows, colours, strict=True)):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if colour:
                item.setBackground(QBrush(QColor(colour)))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(len(headers)):  # long texts wrap instead of pushing columns away
        table.setColumnWidth(column, min(table.columnWidth(column), WIDEST))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeRowsToContents()
    return table
