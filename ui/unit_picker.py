"""Choosing the units of a task: tick them in the office's list, or type a new name.

The box above the list filters it as one types (without diacritics too); Enter, or
'Thêm', ticks the unit of that exact name, adding it to the list if it is new (it is
created when the form is saved). The units come back in the order they were ticked,
which is the order they are printed in.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.vietnamese.collation import sort_key
from desktop.vietnamese.text import clean, matches, search_words, searchable


class UnitPicker(QWidget):
    changed = Signal()

    def __init__(self, names: list[str], chosen: Sequence[str] = ()) -> None:
        super().__init__()
        self.order: list[str] = []  # ticked names, in the order they were ticked
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Lọc, hoặc gõ tên cơ quan mới rồi Enter")
        self.filter.setClearButtonEnabled(True)
        add = QPushButton("Thêm")
        self.list = QListWidget()
        self.list.setMinimumHeight(110)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(add)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.list.itemChanged.connect(self._ticked)
        # The task's own units first, in their printed order, then the rest A to Z.
        for name in [*chosen, *sorted(set(names) - set(chosen), key=sort_key)]:
            self._add_item(name)
        for name in chosen:
            self.tick(name)
        self._summarise()
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self.add_typed)
        add.clicked.connect(self.add_typed)

    def _add_item(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setData(Qt.ItemDataRole.UserRole, searchable(name))
        self.list.addItem(item)
        return item

    def _item(self, name: str) -> QListWidgetItem | None:
        found = self.list.findItems(name, Qt.MatchFlag.MatchExactly)
        return found[0] if found else None

    def tick(self, name: str) -> None:
        name = clean(name)
        if not name:
            return
        item = self._item(name) or self._add_item(name)
        item.setCheckState(Qt.CheckState.Checked)

    def add_typed(self) -> None:
        self.tick(self.filter.text())
        self.filter.clear()

    def chosen(self) -> list[str]:
        return list(self.order)

    def _ticked(self, item: QListWidgetItem) -> None:
        name = item.text()
        if item.checkState() == Qt.CheckState.Checked and name not in self.order:
            self.order.append(name)
        elif item.checkState() != Qt.CheckState.Checked and name in self.order:
            self.order.remove(name)
        self._summarise()
        self.changed.emit()

    def _summarise(self) -> None:
        self.summary.setText("Đã chọn: " + ("; ".join(self.order) or "(chưa chọn)"))

    def _filter(self, text: str) -> None:
        words = search_words(text)
        for row in range(self.list.count()):
            item = self.list.item(row)
            shown = item.checkState() == Qt.CheckState.Checked or matches(
                item.data(Qt.ItemDataRole.UserRole), words
            )
            item.setHidden(not shown)
