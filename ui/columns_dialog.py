"""'Sửa cột': the clerk says which row is the header and what each column holds, when
the importer guessed wrong (headers nobody else uses, a header over two merged rows)."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox

from desktop.errors import InvalidInput
from desktop.importing import Layout, Understood
from desktop.importing.sources import Grid
from ui.form import FormDialog

ROLE_NAMES = {
    "": "(không dùng)",
    "stt": "Số thứ tự",
    "title": "Tên nhiệm vụ / chỉ tiêu",
    "lead": "Cơ quan chủ trì",
    "coordinate": "Cơ quan phối hợp",
    "deadline": "Thời gian hoàn thành",
    "product": "Kết quả, sản phẩm",
    "note": "Ghi chú",
    "unit": "Đơn vị tính",
    "target": "Mục tiêu",
}


def _letter(column: int) -> str:
    text = ""
    column += 1
    while column:
        column, rest = divmod(column - 1, 26)
        text = chr(65 + rest) + text
    return text


class ColumnsDialog(FormDialog):
    def __init__(self, understood: Understood, parent=None):
        super().__init__("Sửa hàng tiêu đề và cột", parent)
        self.understood = understood
        self.layout_chosen: tuple[str, Layout] | None = None
        self.save_button.setText("Đọc lại theo các cột này")
        self.grid = QComboBox()
        for grid in understood.grids:
            self.grid.addItem(grid.name, grid.name)
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 500)
        self.form.addRow("Trang tính / bảng", self.grid)
        self.form.addRow("Hàng tiêu đề", self.header_row)
        self.role_boxes: list[QComboBox] = []
        self.grid.currentIndexChanged.connect(self._show_grid)
        self.header_row.valueChanged.connect(self._show_columns)
        self._show_grid()

    def _current(self) -> Grid:
        return self.understood.grids[self.grid.currentIndex()]

    def _show_grid(self) -> None:
        grid = self._current()
        found = next((a for a in self.understood.annexes if a.grid is grid), None)
        self.header_row.blockSignals(True)
        self.header_row.setValue(found.columns.row if found else 1)
        self.header_row.blockSignals(False)
        self._show_columns()

    def _show_columns(self) -> None:
        while self.form.rowCount() > 2:
            self.form.removeRow(2)
        grid = self._current()
        found = next((a for a in self.understood.annexes if a.grid is grid), None)
        detected = {}
        if found is not None and found.columns.row == self.header_row.value():
            detected = {column: role for role, column in found.columns.roles.items()}
        rows = [r for r in grid.rows if r.number == self.header_row.value()]
        cells = rows[0].cells if rows else ()
        self.role_boxes = []
        for column, text in enumerate(cells):
            box = QComboBox()
            widest = max(box.fontMetrics().horizontalAdvance(n) for n in ROLE_NAMES.values())
            box.setMinimumWidth(widest + 48)  # room for the arrow: no name cut short
            for role, name in ROLE_NAMES.items():
                box.addItem(name, role)
            box.setCurrentIndex(max(0, box.findData(detected.get(column, ""))))
            self.role_boxes.append(box)
            label = QLabel(f"Cột {_letter(column)}: «{text or '(trống)'}»")
            self.form.addRow(label, box)

    def save(self) -> None:
        roles: dict[str, int] = {}
        for column, box in enumerate(self.role_boxes):
            role = box.currentData()
            if not role:
                continue
            if role in roles:
                raise InvalidInput(f"Hai cột cùng được chọn là «{ROLE_NAMES[role]}».")
            roles[role] = column
        if "title" not in roles:
            raise InvalidInput("Cần chọn cột tên nhiệm vụ hoặc chỉ tiêu.")
        self.layout_chosen = (self._current().name, Layout(self.header_row.value(), roles))
