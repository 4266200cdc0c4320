"""'Nhập kế hoạch từ tệp': what the importer understood from an annex, before anything
is written. Sections and tasks, groups and indicators as a tree, with each problem on
its row (errors red, warnings yellow); the plan's number, date and issuer can be
corrected, and the header row chosen by hand when it was not found. 'Nhập' writes the
whole plan in one change, and only when nothing is wrong.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop import importing
from desktop.domain.model import Plan
from desktop.errors import InvalidInput
from desktop.workspace import Workspace
from ui import ask, ops
from ui.columns_dialog import ColumnsDialog
from ui.fields import date_edit

ANNEX_FILTER = "Phụ lục kế hoạch (*.xlsx *.docx);;Mọi tệp (*)"
_ERROR, _WARNING = QColor("#f8d0d0"), QColor("#fdeec4")


class ImportDialog(QDialog):
    def __init__(self, ws: Workspace, path: Path, parent=None):
        super().__init__(parent)
        self.ws, self.path = ws, path
        self.understood: importing.Understood | None = None
        self.plan: Plan | None = None  # the plan written, once imported
        self.setWindowTitle(f"Nhập kế hoạch từ tệp — {path.name}")
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.number = QLineEdit()
        self.issued_on = date_edit(ws.today(), what="Ngày ban hành")
        self.issuer = QLineEdit()
        self.header_row = QSpinBox()
        self.header_row.setRange(0, 500)
        self.header_row.setSpecialValueText("tự dò")
        reread = QPushButton("Đọc lại")
        columns = QPushButton("Sửa cột…")
        columns.clicked.connect(self.choose_columns)
        self.layouts: dict[str, importing.Layout] = {}
        facts = QFormLayout()
        facts.addRow("Số ký hiệu", self.number)
        facts.addRow("Ngày ban hành", self.issued_on)
        facts.addRow("Cơ quan ban hành", self.issuer)
        header = QHBoxLayout()
        header.addWidget(self.header_row)
        header.addWidget(reread)
        header.addWidget(columns)
        header.addStretch(1)
        facts.addRow("Hàng tiêu đề cột", header)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(
            ["Mục, nhiệm vụ, chỉ tiêu", "Chủ trì", "Thời hạn / mục tiêu", "Dòng"]
        )
        self.tree.setColumnWidth(0, 520)
        self.tree.setColumnWidth(1, 220)
        self.tree.setColumnWidth(2, 200)
        self.changes = QListWidget()  # a newer version of a plan already here: what changes
        self.changes.setMaximumHeight(150)
        self.changes.setVisible(False)
        self.problems = QTreeWidget()
        self.problems.setHeaderLabels(["Dòng", "Vấn đề"])
        self.problems.setColumnWidth(0, 190)
        self.problems.setMaximumHeight(150)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.import_button = QPushButton("Nhập")
        self.import_button.setDefault(True)
        cancel = QPushButton("Hủy")
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addLayout(facts)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.changes)
        layout.addWidget(self.problems)
        layout.addLayout(buttons)
        reread.clicked.connect(self.read)
        self.import_button.clicked.connect(self.write)
        cancel.clicked.connect(self.reject)
        self.resize(1150, 680)
        self._facts_filled = False

    # Reading ----------------------------------------------------------------------------

    def _given(self) -> dict:
        """What the clerk set: the facts once shown (and maybe corrected), the header row."""
        filled = self._facts_filled
        return {
            "number": self.number.text() if filled else "",
            "issued_on": self.issued_on.value() if filled else None,
            "issuer": self.issuer.text() if filled else "",
            "header_row": self.header_row.value() or None,
            "layouts": dict(self.layouts),
        }

    def _given_or_said(self) -> dict | None:
        """What the form says, or None once a date typed that is not one is said."""
        try:
            return self._given()
        except InvalidInput as exc:
            ask.tell(self, "Nhập kế hoạch", str(exc), problem=True)
            self.issued_on.setFocus()
            return None

    def read(self) -> None:
        """Understand the file (off the UI thread) with what the form says."""
        if (given := self._given_or_said()) is None:
            return
        ops.run_op(
            self,
            "Đang đọc tệp…",
            lambda: importing.understand(self.ws, self.path, **given),
            self.show_understood,
        )

    def choose_columns(self) -> None:
        """The clerk's own header row and columns for one sheet or table, then read again."""
        if self.understood is None or not self.understood.grids:
            return
        dialog = ColumnsDialog(self.understood, self)
        if dialog.exec() and dialog.layout_chosen is not None:
            name, layout = dialog.layout_chosen
            self.layouts[name] = layout
            self.read()

    def show_understood(self, understood: importing.Understood) -> None:
        self.understood = understood
        facts = understood.plan
        if not self._facts_filled:
            self.number.setText(facts.number)
            if facts.issued_on:
                self.issued_on.set_value(facts.issued_on)
            self.issuer.setText(facts.issuer)
            self._facts_filled = True
        self.source.setText(_source_text(understood))
        by_row = _problems_by_row(understood)
        self.tree.clear()
        if understood.task_annex:
            for section in understood.task_annex.sections:
                top = self._item(
                    None,
                    [f"{section.code}. {section.title}", "", "", str(section.row)],
                    by_row,
                    section.row,
                    understood.task_annex.grid,
                )
                for task in section.tasks:
                    self._item(
                        top,
                        [
                            f"{task.code}  {task.title}",
                            "; ".join(task.lead),
                            task.deadline_text,
                            str(task.row),
                        ],
                        by_row,
                        task.row,
                        understood.task_annex.grid,
                    )
        if understood.indicator_annex:
            for group in understood.indicator_annex.groups:
                top = self._item(
                    None,
                    [f"{group.code}. {group.title}", "", "", str(group.row)],
                    by_row,
                    group.row,
                    understood.indicator_annex.grid,
                )
                for item in group.indicators:
                    targets = "; ".join(f"{y}: {t}" for y, t in item.targets.items())
                    self._item(
                        top,
                        [f"{item.code}  {item.name}", "; ".join(item.lead), targets, str(item.row)],
                        by_row,
                        item.row,
                        understood.indicator_annex.grid,
                    )
        self.tree.expandAll()
        self.problems.clear()
        for label, problems, colour in (
            ("Lỗi", understood.errors, _ERROR),
            ("Cảnh báo", understood.warnings, _WARNING),
        ):
            for problem in problems:
                where = f"{problem.grid.name}, dòng {problem.row}" if problem.grid else ""
                line = QTreeWidgetItem([where, f"{label}: {problem.message}"])
                for column in range(2):
                    line.setBackground(column, QBrush(colour))
                line.setToolTip(1, problem.message)
                self.problems.addTopLevelItem(line)
        self.changes.clear()
        self.changes.setVisible(understood.diff is not None)
        if understood.diff is not None:
            self.changes.addItems(importing.describe_diff(understood.diff))
        self.import_button.setText("Nhập phiên bản mới" if understood.diff is not None else "Nhập")
        errors = len(understood.errors)
        self.import_button.setEnabled(errors == 0)
        self.summary.setText(
            f"{understood.task_count} nhiệm vụ, {understood.indicator_count} chỉ tiêu"
            + (f"; {errors} lỗi cần sửa trong tệp trước khi nhập." if errors else ".")
        )

    def _item(self, parent, texts, by_row, row, grid) -> QTreeWidgetItem:
        # One line per row here (sub-items joined); the tooltip keeps the lines.
        item = QTreeWidgetItem([text.replace("\n", " · ") for text in texts])
        for column, text in enumerate(texts[:3]):
            item.setToolTip(column, text)
        problems = by_row.get((grid.name, row), [])
        if problems:
            colour = _ERROR if any(kind == "error" for kind, _ in problems) else _WARNING
            for column in range(4):
                item.setBackground(column, QBrush(colour))
            item.setToolTip(0, "\n".join(p.message for _, p in problems))
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    # Writing ----------------------------------------------------------------------------

    def write(self) -> None:
        """Read the file again with what the form says (a corrected number is checked
        too), then write it if nothing is wrong: both off the UI thread, in one go."""
        if (given := self._given_or_said()) is None:
            return

        def work() -> importing.Understood:
            understood = importing.understand(self.ws, self.path, **given)
            if not understood.errors:
                importing.write(self.ws, understood)
            return understood

        ops.run_op(self, "Đang nhập kế hoạch…", work, self._after_write, title="Nhập kế hoạch")

    def _after_write(self, understood: importing.Understood) -> None:
        if understood.written is None:
            self.show_understood(understood)  # what stopped it, on its rows
            return
        self.plan = understood.written
        self.accept()


def _source_text(understood: importing.Understood) -> str:
    parts = []
    for annex in understood.annexes:
        what = "Bảng chỉ tiêu" if annex.columns.indicators else "Bảng nhiệm vụ"
        where = "trang tính" if annex.grid.kind == "sheet" else ""
        found = ", ".join(annex.columns.as_json().values())
        parts.append(
            f"{what}: {where} «{annex.grid.name}», hàng tiêu đề {annex.columns.row} ({found})"
        )
    return "\n".join(parts) or "Chưa tìm thấy bảng nhiệm vụ hay chỉ tiêu trong tệp."


def _problems_by_row(understood) -> dict:
    found: dict = {}
    for kind, problems in (("error", understood.errors), ("warning", understood.warnings)):
        for problem in problems:
            if problem.grid is not None:
                found.setdefault((problem.grid.name, problem.row), []).append((kind, problem))
    return found
