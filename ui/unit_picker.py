"""Choosing the units of a task: tick them in the office's list, or type a new name.

The box above the list filters it as one types (without diacritics too). Enter picks
what was typed: the unit it names ("cong an" when the list holds "Công an xã" alone);
with several matches the list takes the keyboard to choose among them (Space ticks);
with none, or with 'Thêm', a unit of that name is added to the list (it is created when
the form is saved). Enter never reaches the form's Lưu. The units come back in the order
they were ticked, which is the order they are printed in.
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


class _Filter(QLineEdit):
    """The filter box: Enter and Down stay with the picker, not the form around it."""

    entered = Signal()
    down = Signal()

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.entered.emit()
        elif event.key() == Qt.Key.Key_Down:
            event.accept()
            self.down.emit()
        else:
            super().keyPressEvent(event)


class UnitPicker(QWidget):
    changed = Signal()

    def __init__(self, names: list[str], chosen: Sequence[str] = ()) -> None:
        super().__init__()
        self.order: list[str] = []  # ticked names, in the order they were ticked
        self.filter = _Filter()
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
        self.filter.entered.connect(self.pick_typed)
        self.filter.down.connect(self._to_list)
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

    def _shown(self) -> list[QListWidgetItem]:
        return [
            self.list.item(r) for r in range(self.list.count()) if not self.list.item(r).isHidden()
        ]

    def pick_typed(self) -> None:
        """Enter in the filter: the unit meant, a choice among several, or a new one."""
        typed = clean(self.filter.text())
        if not typed:
            return
        words = search_words(typed)
        exact = self._item(typed)
        meant = [i for i in self._shown() if matches(i.data(Qt.ItemDataRole.UserRole), words)]
        unticked = [i for i in meant if i.checkState() != Qt.CheckState.Checked]
        if exact is not None or not meant:
            self.add_typed()
        elif len(unticked) == 1:
            unticked[0].setCheckState(Qt.CheckState.Checked)
            self.filter.clear()
        else:
            self._to_list()

    def _to_list(self) -> None:
        shown = self._shown()
        if shown:
            self.list.setCurrentItem(shown[0])
            self.list.setFocus(Qt.FocusReason.TabFocusReason)

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
