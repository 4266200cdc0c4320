"""'Soạn chỉ tiêu': the plan's indicator groups and indicators with their milestone
targets. The form reads each target as it is typed and says how it will be judged
('đạt khi ≥ 60'), or that it cannot be judged by a number."""

from __future__ import annotations

from functools import partial
from typing import TypedDict

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.model import Indicator, IndicatorGroup, Plan
from desktop.domain.targets import is_rank, parse_target
from desktop.errors import InvalidInput, UserError
from desktop.workspace import Workspace
from ui import ask
from ui.form import FormDialog
from ui.unit_picker import UnitPicker

_GROUP, _INDICATOR = "group", "indicator"
_KIND, _ID = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1


class _IndicatorFields(TypedDict):
    """An indicator as the form shows it, but for its group (IndicatorService.add and
    .update)."""

    code: str
    name: str
    unit_of_measure: str
    targets: dict[int, str]
    leads: list[str]
    output: str


class GroupDialog(FormDialog):
    def __init__(self, ws: Workspace, plan: Plan, parent=None):
        super().__init__("Thêm nhóm chỉ tiêu", parent)
        self.ws, self.plan = ws, plan
        self.code = QLineEdit(str(len(ws.indicators.groups(plan.id)) + 1))
        self.title = QLineEdit()
        self.title.setMinimumWidth(420)
        self.form.addRow("Số thứ tự", self.code)
        self.form.addRow("Tên nhóm", self.title)

    def save(self) -> None:
        self.ws.indicators.add_group(self.plan.id, self.code.text(), self.title.text())


class TargetRows(QWidget):
    """Year, target as printed, and how it is read, one line per milestone."""

    def __init__(self, targets: dict[int, str], first_year: int, rank) -> None:
        super().__init__()
        self.rank = rank  # () -> bool: the indicator is a ranking (name, unit)
        self.rows: list[tuple[QSpinBox, QLineEdit, QLabel]] = []
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        for column, text in enumerate(("Năm", "Mục tiêu (như ghi trong kế hoạch)", "Cách hiểu")):
            self.grid.addWidget(QLabel(text), 0, column)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        for year, text in targets.items():
            self.add_row(year, text)
        if not targets:
            self.add_row(first_year, "")

    def add_row(self, year: int | None = None, text: str = "") -> None:
        year_box = QSpinBox()
        year_box.setRange(2000, 2100)
        last = self.rows[-1][0].value() + 5 if self.rows else 2030
        year_box.setValue(year or last)
        target = QLineEdit(text)
        target.setPlaceholderText("ví dụ ≥ 60%, 100%, thuộc nhóm 10 dẫn đầu")
        reading = QLabel()
        reading.setWordWrap(True)
        row = len(self.rows) + 1
        self.grid.addWidget(year_box, row, 0)
        self.grid.addWidget(target, row, 1)
        self.grid.addWidget(reading, row, 2)
        self.rows.append((year_box, target, reading))
        target.textChanged.connect(partial(self._read, target, reading))
        self._read(target, reading)

    def reread(self) -> None:
        for _, target, reading in self.rows:
            self._read(target, reading)

    def _read(self, target: QLineEdit, reading: QLabel, *_args) -> None:
        text = target.text().strip()
        reading.setText(parse_target(text, rank=self.rank()).reading if text else "")

    def targets(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for year_box, target, _ in self.rows:
            if not target.text().strip():
                continue
            year = year_box.value()
            if year in found:
                raise InvalidInput(f"Năm {year} có hai mục tiêu; mỗi năm một mục tiêu.")
            found[year] = target.text()
        return found


class IndicatorForm(FormDialog):
    """A new indicator in `group`, or `indicator` as printed in the plan."""

    def __init__(
        self,
        ws: Workspace,
        plan: Plan,
        group: IndicatorGroup,
        indicator: Indicator | None = None,
        parent=None,
    ):
        super().__init__(f"Sửa chỉ tiêu {indicator.code}" if indicator else "Thêm chỉ tiêu", parent)
        self.ws, self.plan, self.indicator = ws, plan, indicator
        self.group = QComboBox()
        for each in ws.indicators.groups(plan.id):
            self.group.addItem(f"{each.code}. {each.title}", each.id)
        self.group.setCurrentIndex(self.group.findData(group.id))
        self.group.setEnabled(indicator is None)  # an indicator stays in its group
        self.code = QLineEdit(indicator.code if indicator else "")
        self.code.setPlaceholderText("để trống: tự đánh số trong nhóm")
        self.name = QPlainTextEdit(indicator.name if indicator else "")
        self.name.setMinimumSize(560, 56)
        self.name.setMaximumHeight(80)
        self.unit_of_measure = QLineEdit(indicator.unit_of_measure if indicator else "")
        self.unit_of_measure.setPlaceholderText("%, số, hạng…")
        own = {year: t.text for year, t in indicator.targets.items()} if indicator else {}
        self.targets = TargetRows(own, plan.end_year, self._is_rank)
        more = QPushButton("Thêm năm")
        more.clicked.connect(lambda: self.targets.add_row())
        names = [unit.name for unit in ws.units.list(active_only=True)]
        self.leads = UnitPicker(names, [u.name for u in indicator.leads] if indicator else [])
        self.leads.list.setMinimumHeight(90)
        self.output = QLineEdit(indicator.output if indicator else "")
        self.form.addRow("Nhóm", self.group)
        self.form.addRow("Mã", self.code)
        self.form.addRow("Tên chỉ tiêu", self.name)
        self.form.addRow("Đơn vị tính", self.unit_of_measure)
        self.form.addRow("Mục tiêu theo năm", self.targets)
        more_row = QHBoxLayout()
        more_row.addWidget(more)
        more_row.addStretch(1)
        self.form.addRow("", more_row)
        self.form.addRow("Cơ quan chủ trì", self.leads)
        self.form.addRow("Sản phẩm đầu ra", self.output)
        self.name.textChanged.connect(self.targets.reread)
        self.unit_of_measure.textChanged.connect(self.targets.reread)

    def _is_rank(self) -> bool:
        return is_rank(self.name.toPlainText(), self.unit_of_measure.text())

    def save(self) -> None:
        fields: _IndicatorFields = {
            "code": self.code.text(),
            "name": self.name.toPlainText(),
            "unit_of_measure": self.unit_of_measure.text(),
            "targets": self.targets.targets(),
            "leads": self.leads.chosen(),
            "output": self.output.text(),
        }
        if self.indicator is None:
            self.ws.indicators.add(self.group.currentData(), **fields)
        else:
            self.ws.indicators.update(
                self.indicator.id,
                **fields,
                coordinators=self.indicator.coordinators,  # kept: the form does not show them
                note=self.indicator.note,
            )


class IndicatorEditor(QDialog):
    def __init__(self, ws: Workspace, plan: Plan, parent=None):
        super().__init__(parent)
        self.ws, self.plan = ws, plan
        self.setWindowTitle(f"Soạn chỉ tiêu — kế hoạch {plan.number}")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Nhóm, chỉ tiêu", "Đơn vị tính", "Mục tiêu"])
        self.tree.setColumnWidth(0, 560)
        self.tree.setColumnWidth(1, 90)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit())
        self.buttons = {}
        side = QVBoxLayout()
        for key, text, slot in (
            ("add_group", "Thêm nhóm…", self.add_group),
            ("add", "Thêm chỉ tiêu…", self.add),
            ("edit", "Sửa…", self.edit),
            ("delete", "Xóa…", self.delete),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            side.addWidget(button)
            self.buttons[key] = button
        side.addStretch(1)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        side.addWidget(close)
        layout = QHBoxLayout(self)
        layout.addWidget(self.tree, 1)
        layout.addLayout(side)
        self.resize(1100, 620)
        self.fill()

    def fill(self, select: tuple[str, int] | None = None) -> None:
        self.tree.clear()
        indicators = self.ws.indicators.list(self.plan.id)
        chosen = None
        for group in self.ws.indicators.groups(self.plan.id):
            top = QTreeWidgetItem([f"{group.code}. {group.title}"])
            top.setData(0, _KIND, _GROUP)
            top.setData(0, _ID, group.id)
            self.tree.addTopLevelItem(top)
            for indicator in (i for i in indicators if i.group_id == group.id):
                targets = "; ".join(f"{y}: {t.text}" for y, t in indicator.targets.items())
                child = QTreeWidgetItem(
                    [f"{indicator.code}  {indicator.name}", indicator.unit_of_measure, targets]
                )
                child.setData(0, _KIND, _INDICATOR)
                child.setData(0, _ID, indicator.id)
                child.setToolTip(0, indicator.name)
                child.setToolTip(2, targets)
                top.addChild(child)
                if select == (_INDICATOR, indicator.id):
                    chosen = child
        self.tree.expandAll()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)

    def selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        return (item.data(0, _KIND), item.data(0, _ID)) if item else None

    def _group_here(self) -> IndicatorGroup | None:
        groups = {g.id: g for g in self.ws.indicators.groups(self.plan.id)}
        chosen = self.selected()
        if chosen is None:
            return list(groups.values())[-1] if groups else None
        kind, item_id = chosen
        group_id = item_id if kind == _GROUP else self.ws.indicators.get(item_id).group_id
        return groups[group_id]

    def _after(self, done: bool) -> None:
        if done:
            self.fill(self.selected())

    def add_group(self) -> None:
        self._after(bool(GroupDialog(self.ws, self.plan, self).exec()))

    def add(self) -> None:
        group = self._group_here()
        if group is None:
            ask.tell(self, "Thêm chỉ tiêu", "Hãy thêm một nhóm chỉ tiêu trước.")
            return
        self._after(bool(IndicatorForm(self.ws, self.plan, group, parent=self).exec()))

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[0] != _INDICATOR:
            return
        indicator = self.ws.indicators.get(chosen[1])
        group = self._group_here()
        assert group is not None  # an indicator is selected: the group it is in
        self._after(bool(IndicatorForm(self.ws, self.plan, group, indicator, self).exec()))

    def delete(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen[0] != _INDICATOR:
            return
        indicator = self.ws.indicators.get(chosen[1])
        values = sum(
            1 for v in self.ws.indicators.all_values(self.plan.id) if v.indicator_id == indicator.id
        )
        question = f"Xóa chỉ tiêu {indicator.code}?"
        if values:
            question += f"\n\nCùng bị xóa: {values} kết quả chỉ tiêu đã ghi."
        question += "\n\nViệc xóa được ghi vào lịch sử thay đổi."
        if not ask.confirm(self, "Xóa chỉ tiêu", question):
            return
        try:
            self.ws.indicators.delete(indicator.id)
        except UserError as exc:
            ask.tell(self, "Xóa chỉ tiêu", str(exc), problem=True)
            return
        self.fill()
