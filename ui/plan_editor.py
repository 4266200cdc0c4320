"""'Soạn kế hoạch': the plan's sections and tasks as a tree, to add, edit, reorder and
delete them. Every button is one service call (one audited change); a deletion first
says what goes with it (reports, evidence) and asks."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop.domain.model import Plan
from desktop.errors import UserError
from desktop.workspace import Workspace
from ui import ask
from ui.plan_forms import SectionDialog, TaskDialog

_SECTION, _TASK, _RETIRED = "section", "task", "retired"  # retired: a later version dropped it
_KIND, _ID = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1


class PlanEditor(QDialog):
    def __init__(self, ws: Workspace, plan: Plan, parent=None):
        super().__init__(parent)
        self.ws, self.plan = ws, plan
        self.setWindowTitle(f"Soạn kế hoạch {plan.number}")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Mục, nhiệm vụ", "Cơ quan chủ trì", "Thời gian hoàn thành"])
        self.tree.setColumnWidth(0, 520)
        self.tree.setColumnWidth(1, 220)
        self.tree.itemDoubleClicked.connect(lambda *_: self.edit())
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.buttons = {}
        side = QVBoxLayout()
        for key, text, slot in (
            ("add_section", "Thêm mục…", self.add_section),
            ("add_task", "Thêm nhiệm vụ…", self.add_task),
            ("edit", "Sửa…", self.edit),
            ("up", "Lên", lambda: self.move_item(-1)),
            ("down", "Xuống", lambda: self.move_item(1)),
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

    # What is shown ----------------------------------------------------------------------

    def fill(self, select: tuple[str, int] | None = None) -> None:
        self.tree.clear()
        tasks = self.ws.tasks.list(self.plan.id)
        chosen = None
        for section in self.ws.plans.sections(self.plan.id):
            top = QTreeWidgetItem([f"{section.code}. {section.title}"])
            top.setData(0, _KIND, _SECTION)
            top.setData(0, _ID, section.id)
            top.setToolTip(0, section.title)
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            if select == (_SECTION, section.id):
                chosen = top
            for task in (t for t in tasks if t.section_id == section.id):
                child = QTreeWidgetItem(
                    [f"{task.code}  {task.title}", task.lead_names, task.deadline.text]
                )
                child.setData(0, _KIND, _TASK)
                child.setData(0, _ID, task.id)
                child.setToolTip(0, task.title)
                top.addChild(child)
                if select == (_TASK, task.id):
                    chosen = child
        retired = self.ws.tasks.retired(self.plan.id)
        if retired:
            top = QTreeWidgetItem(["Không còn trong kế hoạch (giữ lại cùng báo cáo)"])
            top.setForeground(0, QBrush(QColor("#666")))
            self.tree.addTopLevelItem(top)
            for task in retired:
                child = QTreeWidgetItem(
                    [
                        f"{task.code}  {task.title}",
                        task.lead_names,
                        f"bỏ từ phiên bản {task.retired_in}",
                    ]
                )
                child.setData(0, _KIND, _RETIRED)
                child.setData(0, _ID, task.id)
                child.setForeground(0, QBrush(QColor("#666")))
                top.addChild(child)
        self.tree.expandAll()
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        self._enable()

    def selected(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        if item is None or item.data(0, _KIND) is None:
            return None  # the heading over dropped tasks
        return item.data(0, _KIND), item.data(0, _ID)

    def _enable(self) -> None:
        chosen = self.selected()
        editable = chosen is not None and chosen[0] in (_SECTION, _TASK)
        for key in ("edit", "up", "down"):
            self.buttons[key].setEnabled(editable)
        self.buttons["delete"].setEnabled(chosen is not None and chosen[0] is not None)
        self.buttons["add_task"].setEnabled(self.tree.topLevelItemCount() > 0)

    def _section_here(self) -> int | None:
        chosen = self.selected()
        if chosen is None:
            count = self.tree.topLevelItemCount()
            tops = [top for i in range(count) if (top := self.tree.topLevelItem(i)) is not None]
            sections = [t.data(0, _ID) for t in tops if t.data(0, _KIND) == _SECTION]
            return sections[-1] if sections else None
        kind, item_id = chosen
        return item_id if kind == _SECTION else self.ws.tasks.get(item_id).section_id

    # Changes --------------------------------------------------------------------------

    def _after(self, done: bool, select: tuple[str, int] | None = None) -> None:
        if done:
            self.fill(select or self.selected())

    def add_section(self) -> None:
        before = {s.id for s in self.ws.plans.sections(self.plan.id)}
        done = SectionDialog(self.ws, self.plan, parent=self).exec()
        added = [s.id for s in self.ws.plans.sections(self.plan.id) if s.id not in before]
        self._after(bool(done), (_SECTION, added[0]) if added else None)

    def add_task(self) -> None:
        section_id = self._section_here()
        if section_id is None:
            return
        before = {t.id for t in self.ws.tasks.list(self.plan.id)}
        section = self.ws.plans.section(section_id)
        done = TaskDialog(self.ws, self.plan, section, parent=self).exec()
        added = [t.id for t in self.ws.tasks.list(self.plan.id) if t.id not in before]
        self._after(bool(done), (_TASK, added[0]) if added else None)

    def edit(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        kind, item_id = chosen
        if kind == _RETIRED:
            return
        dialog: SectionDialog | TaskDialog
        if kind == _SECTION:
            dialog = SectionDialog(self.ws, self.plan, self.ws.plans.section(item_id), self)
        else:
            task = self.ws.tasks.get(item_id)
            dialog = TaskDialog(
                self.ws, self.plan, self.ws.plans.section(task.section_id), task, self
            )
        self._after(bool(dialog.exec()))

    def move_item(self, step: int) -> None:
        """Move the selected section or task up (-1) or down (+1)."""
        chosen = self.selected()
        if chosen is None:
            return
        kind, item_id = chosen
        if kind == _RETIRED:
            return
        if kind == _SECTION:
            self.ws.plans.move_section(item_id, step)
        else:
            self.ws.tasks.move(item_id, step)
        self._after(True)

    def delete(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        kind, item_id = chosen
        if kind == _SECTION:
            section = self.ws.plans.section(item_id)
            what = f"mục {section.code}. {section.title}"
            goes = self.ws.plans.contents(section_id=item_id).describe()
            remove = partial(self.ws.plans.delete_section, item_id)
        else:
            task = self.ws.tasks.get(item_id)
            what = f"nhiệm vụ {task.code}"
            goes = self.ws.plans.contents(task_id=item_id).describe()
            remove = partial(self.ws.tasks.delete, item_id)
        question = f"Xóa {what}?"
        if goes:
            question += f"\n\nCùng bị xóa: {goes}."
        question += "\n\nViệc xóa được ghi vào lịch sử thay đổi."
        if not ask.confirm(self, "Xóa", question):
            return
        try:
            remove()
        except UserError as exc:
            ask.tell(self, "Xóa", str(exc), problem=True)
            return
        self.fill()
