"""The offices that must report to the level above: the roster, edited or imported."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.consolidation.roster import RosterEntry
from desktop.domain.model import LEVEL_WORDS, OfficeLevel
from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput, UserError
from desktop.services.base import to_date
from desktop.workspace import Workspace
from ui.style import problem_label
from ui.upper_level_tables import (
    day_text,
)


class RosterDialog(QDialog):
    """The offices expected to report, editable (name, level, code; a new row adds an
    office), and the periods expected with their due dates."""

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Danh sách đơn vị phải báo cáo")
        self.resize(900, 600)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            ("Tên đơn vị", "Cấp", "Mã định danh", "Người ký đã ghi nhận")
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.ids: list[int | None] = []
        self.loaded: dict[int, tuple[str, str, str]] = {}  # to save only what changed
        for office in ws.receiving.roster():
            self._add_row(office.id, office.name, office.level.value, office.agency_code)
        self.table.resizeColumnsToContents()
        self.removed: list[int] = []
        self.add_button = QPushButton("Thêm đơn vị")
        self.add_button.clicked.connect(lambda: self._add_row(None, "", "xa", ""))
        remove = QPushButton("Bỏ đơn vị đã chọn")
        remove.clicked.connect(self.remove_selected)
        self.period = QLineEdit()
        self.period.setPlaceholderText("2025, 2025-Q4, 2025-H1…")
        self.due = QLineEdit()
        self.due.setPlaceholderText("dd/mm/yyyy")
        expect_button = QPushButton("Thêm kỳ phải báo cáo")
        expect_button.clicked.connect(self.add_period)
        self.expected = QLabel()
        self._show_expected()
        self.problem = problem_label()
        save = QPushButton("Lưu")
        save.clicked.connect(self.save)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        periods = QHBoxLayout()
        periods.addWidget(QLabel("Kỳ:"))
        periods.addWidget(self.period)
        periods.addWidget(QLabel("hạn nộp:"))
        periods.addWidget(self.due)
        periods.addWidget(expect_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(periods)
        layout.addWidget(self.expected)
        layout.addWidget(self.problem)

    def _add_row(self, office_id: int | None, name: str, level: str, code: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        levels = QComboBox()
        for value, word in LEVEL_WORDS.items():
            levels.addItem(word, value.value)
        levels.setCurrentIndex(levels.findData(level))
        self.table.setCellWidget(row, 1, levels)
        self.table.setItem(row, 2, QTableWidgetItem(code))
        # Who signs for the office: pinned by its first package, or confirmed; not edited here.
        signers = self.ws.receiving.signers(office_id) if office_id is not None else []
        pinned = QTableWidgetItem(
            "; ".join(f"{s.subject} (SHA-256 {s.sha256[:16]}…)" for s in signers)
            or "(chưa nhận gói nào)"
        )
        pinned.setFlags(pinned.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 3, pinned)
        self.ids.append(office_id)
        if office_id is not None:
            self.loaded[office_id] = (name, level, code)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _show_expected(self) -> None:
        expected = self.ws.receiving.expected()
        self.expected.setText(
            "Kỳ phải báo cáo: " + ", ".join(
                f"{PeriodId.parse(k).label} (hạn {day_text(v)})"
                for k, v in sorted(expected.items())
            ) if expected else "Chưa đặt kỳ phải báo cáo: nhận gói của mọi kỳ."
        )  # fmt: skip

    def add_period(self) -> None:
        try:
            period = PeriodId.parse(self.period.text().strip())
            due = to_date(self.due.text(), "Hạn nộp")
            if due is None:
                raise InvalidInput("Cần hạn nộp dạng dd/mm/yyyy.")
            self.ws.receiving.expect(str(period), due)
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self._show_expected()

    def remove_selected(self) -> None:
        """Take the chosen row out (saved with Lưu). An office whose packages were
        received is refused at once, with the reason."""
        row = self.table.currentRow()
        if row < 0:
            self.problem.setText("Chọn một đơn vị trong bảng trước.")
            return
        office_id = self.ids[row]
        if office_id is not None and (count := self.ws.receiving.received_count(office_id)):
            name = self._text(row, 0)
            self.problem.setText(
                f"Không bỏ được «{name}»: đã nhận {count} gói báo cáo của đơn vị này, "
                "và các gói đã nhận phải được giữ lại."
            )
            return
        if office_id is not None:
            self.removed.append(office_id)
        self.table.removeRow(row)
        del self.ids[row]
        self.problem.clear()

    def save(self) -> None:
        """Rows added, corrected and removed, as one change; a refused row is named and
        nothing is written."""
        corrected, added = [], []
        for row, office_id in enumerate(self.ids):
            name = self._text(row, 0).strip()
            levels = self.table.cellWidget(row, 1)
            assert isinstance(levels, QComboBox)  # each row's level is chosen in a box (_add_row)
            level = levels.currentData()
            code = self._text(row, 2)
            if office_id is not None and self.loaded[office_id] != (name, level, code):
                corrected.append((row + 1, office_id, name, level, code))
            elif name:
                added.append(RosterEntry(name, OfficeLevel(level), code.strip()))
        try:
            self.ws.receiving.edit_roster(corrected, added, self.removed)
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()
