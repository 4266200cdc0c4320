"""Nhận phiếu của đơn vị: the units' forms set beside what the office has recorded, row by
row, before anything is written (desktop.unit_forms.preview); a row in conflict is
decided by the clerk (the unit's figure or the office's), then everything confirmed is
written in one change (desktop.unit_forms.take). The window decides nothing itself."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.errors import UserError
from desktop.unit_forms.preview import ACTION_LABELS, Action, FormPreview, RowPreview, RowRef
from desktop.unit_forms.take import Choice, TakeResult, take
from desktop.workspace import Workspace
from ui.style import CompactTable, problem_label
from ui.table_model import Column, RowsModel

ACTION_COLOURS = {
    Action.NEW: "#d8f0d8",
    Action.UPDATE: "#dde8f8",
    Action.SAME: None,
    Action.CONFLICT: "#fdeec4",
    Action.ERROR: "#f8d0d0",
    Action.EMPTY: None,
}
CHOSEN = {Choice.UNIT: "lấy số liệu của đơn vị", Choice.OFFICE: "giữ số liệu đã ghi"}


@dataclass(frozen=True)
class Line:
    """A row of the batch as shown: its form and, once decided, the clerk's choice."""

    form: FormPreview
    row: RowPreview
    choice: Choice | None = None

    @property
    def doing(self) -> str:
        if self.row.action is Action.CONFLICT:
            said = CHOSEN[self.choice] if self.choice else "cần chọn"
            return f"Khác số liệu đã ghi: {said}"
        return ACTION_LABELS[self.row.action]

    @property
    def note(self) -> str:
        return "; ".join([self.row.conflict] * bool(self.row.conflict) + [
            f"cột «{e.column}»: {e.message}" if e.column else e.message for e in self.row.errors
        ])  # fmt: skip


def _file_colour(form: FormPreview) -> str | None:
    if form.refused:
        return ACTION_COLOURS[Action.ERROR]
    return "#eeeeee" if form.already else None


FILE_COLUMNS: list[Column[FormPreview]] = [
    Column("Tệp", lambda f: f.path.name, tooltip=lambda f: str(f.path)),
    Column(
        "Kết quả đọc phiếu", lambda f: f.summary, tooltip=lambda f: f.summary,
        background=_file_colour,
    ),
]  # fmt: skip


LINE_COLUMNS: list[Column[Line]] = [
    Column("Đơn vị", lambda line: line.form.unit.name if line.form.unit else ""),
    Column("Mã", lambda line: line.row.code),
    Column("Nhiệm vụ, chỉ tiêu", lambda line: line.row.title, tooltip=lambda line: line.row.title),
    Column(
        "Sẽ làm",
        lambda line: line.doing,
        background=lambda line: ACTION_COLOURS[line.row.action],
    ),
    Column(
        "Theo phiếu", lambda line: line.row.figure_text, tooltip=lambda line: line.row.figure_text
    ),
    Column(
        "Đang ghi trong sổ",
        lambda line: line.row.recorded_text,
        tooltip=lambda line: line.row.recorded_text,
    ),
    Column("Lỗi, ghi chú", lambda line: line.note, tooltip=lambda line: line.note),
]


class FormsPreviewDialog(QDialog):
    """`result` once accepted: what was written."""

    def __init__(self, ws: Workspace, previews: list[FormPreview], parent=None):
        super().__init__(parent)
        self.ws, self.previews = ws, previews
        self.result_: TakeResult | None = None
        self.setWindowTitle("Nhận phiếu của đơn vị")
        self.choices: dict[RowRef, Choice] = {}
        self.files = RowsModel(FILE_COLUMNS, previews)
        self.file_view = CompactTable()
        self.file_view.setModel(self.files)
        self.file_view.setMaximumHeight(self.file_view.verticalHeader().defaultSectionSize() * 5)
        self.file_view.horizontalHeader().resizeSection(0, 380)
        self.file_view.horizontalHeader().setStretchLastSection(True)
        self.lines = RowsModel(LINE_COLUMNS)
        self.view = CompactTable()
        self.view.setModel(self.lines)
        header = self.view.horizontalHeader()
        for column, width in {0: 150, 1: 50, 2: 250, 3: 220, 4: 180, 5: 180}.items():
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.detail = QLabel()  # the row under the cursor, whole
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.all_rows = QCheckBox("Hiện cả các dòng để trống và đã ghi như phiếu")
        self.unit_button = QPushButton("&Lấy số liệu của đơn vị")
        self.office_button = QPushButton("&Giữ số liệu đã ghi")
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.problem = problem_label()
        self.take_button = QPushButton("Ghi &vào sổ")
        self.take_button.setDefault(True)
        cancel = QPushButton("Hủy")
        choose = QHBoxLayout()
        choose.addWidget(QLabel("Dòng khác số liệu đã ghi:"))
        choose.addWidget(self.unit_button)
        choose.addWidget(self.office_button)
        choose.addStretch(1)
        choose.addWidget(self.all_rows)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.take_button)
        bottom.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Các tệp</b> (chưa ghi gì cho đến khi bấm «Ghi vào sổ»)"))
        layout.addWidget(self.file_view)
        layout.addWidget(QLabel("<b>Từng dòng</b>: số liệu theo phiếu bên cạnh số liệu đang ghi"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.detail)
        layout.addLayout(choose)
        layout.addWidget(self.problem)
        layout.addLayout(bottom)
        self.unit_button.clicked.connect(lambda: self.decide(Choice.UNIT))
        self.office_button.clicked.connect(lambda: self.decide(Choice.OFFICE))
        self.all_rows.toggled.connect(self._show)
        self.view.selectionModel().currentChanged.connect(self._enable)
        self.take_button.clicked.connect(self.take)
        cancel.clicked.connect(self.reject)
        self.resize(1240, 640)  # fitted to a smaller screen when shown (ui.screen_room)
        self._show()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _shown_lines(self) -> list[Line]:
        hidden = () if self.all_rows.isChecked() else (Action.EMPTY, Action.SAME)
        return [
            Line(form, row, self.choices.get(row.ref))
            for form in self.previews
            if form.recognised
            for row in form.rows
            if row.action not in hidden
        ]

    def _show(self) -> None:
        current = self.view.currentIndex().row()
        self.lines.set_rows(self._shown_lines())
        if count := self.lines.rowCount():
            self.view.setCurrentIndex(self.lines.index(max(0, min(current, count - 1)), 0))
        rows = [row for form in self.previews if form.recognised for row in form.rows]
        to_write = sum(row.action in (Action.NEW, Action.UPDATE) for row in rows)
        to_write += sum(self.choices.get(row.ref) is Choice.UNIT for row in rows)
        pending = [r for r in rows if r.action is Action.CONFLICT and r.ref not in self.choices]
        errors = sum(row.action is Action.ERROR for row in rows)
        refused = sum(not form.recognised for form in self.previews)
        parts = [f"{to_write} dòng sẽ ghi"]
        if pending:
            parts.append(f"{len(pending)} dòng khác số liệu đã ghi cần chọn")
        if errors:
            parts.append(f"{errors} dòng có lỗi sẽ không ghi (sửa trong phiếu rồi nhận lại)")
        if refused:
            parts.append(f"{refused} tệp không nhận")
        self.counts.setText("; ".join(parts) + ".")
        self.take_button.setEnabled(to_write > 0 and not pending)
        self._enable()

    def _current(self) -> Line | None:
        index = self.view.currentIndex()
        return self.lines.row(index.row()) if index.isValid() else None

    def _enable(self) -> None:
        line = self._current()
        conflict = line is not None and line.row.action is Action.CONFLICT
        self.detail.setText(
            ""
            if line is None
            else f"{line.row.code}. {line.row.title}\nTheo phiếu: {line.row.figure_text}\n"
            f"Đang ghi trong sổ: {line.row.recorded_text or '(chưa có)'}"
            + (f"\n{line.note}" if line.note else "")
        )
        self.unit_button.setEnabled(conflict)
        self.office_button.setEnabled(conflict)

    def decide(self, choice: Choice) -> None:
        """The row in conflict under the cursor takes the unit's figure or keeps the
        office's; the cursor moves on to the next row still to decide."""
        line = self._current()
        if line is None or line.row.action is not Action.CONFLICT:
            return
        self.choices[line.row.ref] = choice
        self._show()
        for at in range(self.lines.rowCount()):
            row = self.lines.row(at).row
            if row.action is Action.CONFLICT and row.ref not in self.choices:
                self.view.setCurrentIndex(self.lines.index(at, 0))
                break
        self.view.setFocus()

    def take(self) -> None:
        try:
            self.result_ = take(self.ws, self.previews, self.choices)
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()
