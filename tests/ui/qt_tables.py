"""Reading a RowsModel the way a user reads the table: by header text and row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication


def column_of(model, header: str) -> int:
    """The column whose horizontal header reads `header` (fails the test if absent)."""
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]
    assert header in headers, f"no column {header!r} in {headers}"
    return headers.index(header)


def cell(model, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, column), role)


def column_texts(model, header: str) -> list[str]:
    column = column_of(model, header)
    return [cell(model, r, column) for r in range(model.rowCount())]


def row_where(model, header: str, text: str) -> int:
    """The only row whose `header` column reads `text`."""
    rows = [r for r, value in enumerate(column_texts(model, header)) if value == text]
    assert len(rows) == 1, f"{len(rows)} rows with {header}={text!r}"
    return rows[0]


def type_text(widget, text: str) -> None:
    """Type `text` into `widget` as a keyboard with a Vietnamese input method would.

    qtbot.keyClicks aborts on letters outside Latin-1 (QTest maps text to key codes),
    so each character goes as a key event carrying it.
    """
    for character in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, character)
            QApplication.sendEvent(widget, event)


def retype_date(field, typed: str) -> None:
    """Type a day into a date field as the clerk does: select what is there, type over."""
    from PySide6.QtTest import QTest

    field.edit.setFocus()
    field.edit.selectAll()
    QTest.keyClicks(field.edit, typed)
