"""A RowsModel the clerk sorts by clicking a column's header: by the column's own key
(a standing's rank, a count, a moment), else the Vietnamese order of its text. Rows
that tie keep the order they were given in (the offices' Vietnamese order)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt

from desktop.vietnamese.collation import sort_key
from ui.table_model import Column, Row, RowsModel


class SortableRowsModel(RowsModel[Row]):
    def __init__(
        self, columns: Sequence[Column[Row]], keys: dict[int, Callable[[Row], Any]] | None = None
    ):
        super().__init__(columns)
        self._keys = keys or {}
        self._given: list[Row] = []
        self._order: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[Row]) -> None:
        self._given = list(rows)
        super().set_rows(self._sorted())

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._order = (column, order)
        super().set_rows(self._sorted())

    def _sorted(self) -> list[Row]:
        if self._order is None or self._order[0] < 0:
            return self._given
        column, order = self._order
        text = self._columns[column].text
        key = self._keys.get(column) or (lambda row: sort_key(text(row)))
        # Stable even reversed: ties stay in the order given.
        return sorted(self._given, key=key, reverse=order == Qt.SortOrder.DescendingOrder)
