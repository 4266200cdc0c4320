"""'Cơ quan, đơn vị': the office's list of units, to add, rename, merge and retire.

Merging folds one spelling into another (the tasks and indicators naming it follow);
a unit no longer in use is set aside ('ngừng sử dụng') rather than deleted, so past
reports keep their names. Each action is one audited change.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QVBoxLayout

from desktop.domain.model import UNIT_KIND_LABELS, Unit
from desktop.errors import UserError
from desktop.vietnamese.collation import sort_key
from desktop.workspace import Workspace
from ui import ask
from ui.style import CompactTable
from ui.table_model import Column, RowsModel


class UnitsDialog(QDialog):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Cơ quan, đơn vị")
        self.model: RowsModel[Unit] = RowsModel(
            [
                Column("Tên cơ quan, đơn vị", lambda u: u.name, tooltip=lambda u: u.name),
                Column("Loại", lambda u: UNIT_KIND_LABELS[u.kind]),
                Column("Số việc được giao", lambda u: str(self._uses[u.id]), align_right=True),
                Column("Đang sử dụng", lambda u: "Có" if u.active else "Ngừng"),
            ]
        )
        self.view = CompactTable()
        self.view.setModel(self.model)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        for column, width in {1: 170, 2: 130, 3: 110}.items():
            header.resizeSection(column, width)
        self.view.chosen.connect(self.rename)
        side = QVBoxLayout()
        for text, slot in (
            ("Thêm…", self.add),
            ("Đổi tên…", self.rename),
            ("Gộp vào…", self.merge),
            ("Ngừng / dùng lại", self.toggle),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            side.addWidget(button)
        side.addStretch(1)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        side.addWidget(close)
        layout = QHBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(side)
        self.resize(900, 520)
        self.fill()

    def fill(self, select: int | None = None) -> None:
        units = sorted(self.ws.units.list(), key=lambda u: (not u.active, sort_key(u.name)))
        self._uses = {u.id: self.ws.units.usage(u.id) for u in units}
        self.model.set_rows(units)
        for row, unit in enumerate(units):
            if unit.id == select:
                self.view.setCurrentIndex(self.model.index(row, 0))

    def current(self) -> Unit | None:
        index = self.view.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _do(self, action) -> None:
        try:
            unit = action()
        except UserError as exc:
            ask.tell(self, "Cơ quan, đơn vị", str(exc), problem=True)
            return
        self.fill(unit.id if unit else None)

    def add(self) -> None:
        name = ask.text(self, "Thêm cơ quan, đơn vị", "Tên cơ quan, đơn vị:")
        if name is not None:
            self._do(lambda: self.ws.units.add(name))

    def rename(self) -> None:
        unit = self.current()
        if unit is None:
            return
        name = ask.text(self, "Đổi tên cơ quan, đơn vị", "Tên mới:", unit.name)
        if name is not None and name != unit.name:
            self._do(lambda: self.ws.units.rename(unit.id, name))

    def merge(self) -> None:
        unit = self.current()
        if unit is None:
            return
        others = [u for u in self.model_rows() if u.id != unit.id and u.active]
        name = ask.choose(
            self,
            "Gộp cơ quan, đơn vị",
            f"Gộp «{unit.name}» ({self._uses[unit.id]} việc được giao) vào:",
            [u.name for u in others],
        )
        if name is None:
            return
        into = next(u for u in others if u.name == name)
        question = (
            f"Mọi nhiệm vụ, chỉ tiêu giao cho «{unit.name}» sẽ chuyển sang «{into.name}», "
            f"rồi «{unit.name}» bị xóa khỏi danh sách. Gộp?"
        )
        if ask.confirm(self, "Gộp cơ quan, đơn vị", question):
            self._do(lambda: self.ws.units.merge(unit.id, into.id))

    def toggle(self) -> None:
        unit = self.current()
        if unit is not None:
            self._do(lambda: self.ws.units.set_active(unit.id, not unit.active))

    def model_rows(self) -> list[Unit]:
        return [self.model.row(r) for r in range(self.model.rowCount())]
