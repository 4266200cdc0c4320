"""The offices that must report to the level above: the roster, edited or imported, with
whom to call at each office; and the periods expected, chosen by kind and year, with
their due dates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.consolidation.matrix import tracked_periods
from desktop.consolidation.roster import RosterEntry, next_to_expect, suggested_due
from desktop.domain.model import LEVEL_WORDS, OfficeLevel
from desktop.domain.periods import PeriodId, PeriodKind, periods_of_year
from desktop.errors import InvalidInput, UserError
from desktop.services.receiving import Contact, RosterOffice
from desktop.vietnamese.collation import sort_key
from desktop.workspace import Workspace
from ui.fields import DateField
from ui.style import problem_label
from ui.upper_level_tables import day_text

HEADERS = (
    "Tên đơn vị",
    "Cấp",
    "Mã định danh",
    "Người liên hệ",
    "Điện thoại",
    "Thư điện tử",
    "Người ký đã ghi nhận",
)
NAME, LEVEL, CODE, PERSON, PHONE, EMAIL, SIGNERS = range(len(HEADERS))
# The kinds a level above asks for most come first; months after a line.
_KIND_ORDER = (PeriodKind.QUARTER, PeriodKind.HALF, PeriodKind.NINE_MONTHS, PeriodKind.YEAR)


def _kind_key(pid: PeriodId) -> str:
    """A period named within any year: 'quarter:4', 'year:'."""
    return f"{pid.kind.value}:{pid.number or ''}"


class RosterDialog(QDialog):
    """The offices expected to report, editable (name, level, code, contact; a new row
    adds an office), and the periods expected with their due dates."""

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Danh sách đơn vị phải báo cáo")
        self.resize(1200, 620)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.ids: list[int | None] = []
        self.loaded: dict[int, RosterOffice] = {}  # to save only what changed
        for office in sorted(ws.receiving.roster(), key=lambda o: sort_key(o.heading)):
            self._add_row(office)
        self.table.resizeColumnsToContents()
        for column, least in ((NAME, 160), (PERSON, 150), (PHONE, 110), (EMAIL, 180)):
            self.table.setColumnWidth(column, max(least, self.table.columnWidth(column)))
        self.removed: list[int] = []
        self.add_button = QPushButton("Thêm đơn vị")
        self.add_button.clicked.connect(lambda: self._add_row(None))
        remove = QPushButton("Bỏ đơn vị đã chọn")
        remove.clicked.connect(self.remove_selected)
        self.kind_box = QComboBox()
        self.year_box = QComboBox()
        self.due = DateField(suggested_due(ws, next_to_expect(ws)), "Hạn nộp")
        self.expect_button = QPushButton("Đặt kỳ phải báo cáo")
        self.expect_button.clicked.connect(self.add_period)
        self._fill_periods(next_to_expect(ws))
        self.kind_box.currentIndexChanged.connect(self._period_changed)
        self.year_box.currentIndexChanged.connect(self._period_changed)
        self.expected = QLabel()
        self.expected.setWordWrap(True)
        self._show_expected()
        self.problem = problem_label()
        self.save_button = QPushButton("Lưu")
        self.save_button.clicked.connect(self.save)
        close = QPushButton("Đóng")
        close.clicked.connect(self.reject)
        self._lay_out(remove, close)

    def _lay_out(self, remove: QPushButton, close: QPushButton) -> None:
        periods = QHBoxLayout()
        periods.addWidget(QLabel("Kỳ phải báo cáo:"))
        periods.addWidget(self.kind_box)
        periods.addWidget(QLabel("năm"))
        periods.addWidget(self.year_box)
        periods.addSpacing(12)
        periods.addWidget(QLabel("hạn nộp:"))
        periods.addWidget(self.due, 1)
        periods.addWidget(self.expect_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addLayout(periods)
        layout.addWidget(self.expected)
        layout.addWidget(self.problem)

    # The offices -----------------------------------------------------------------------

    def _add_row(self, office: RosterOffice | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        contact = office.contact if office else Contact()
        texts = {
            NAME: office.name if office else "",
            CODE: office.agency_code if office else "",
            PERSON: contact.person,
            PHONE: contact.phone,
            EMAIL: contact.email,
        }
        for column, text in texts.items():
            self.table.setItem(row, column, QTableWidgetItem(text))
        levels = QComboBox()
        for value, word in LEVEL_WORDS.items():
            levels.addItem(word, value.value)
        level = office.level if office else OfficeLevel.XA
        levels.setCurrentIndex(levels.findData(level.value))
        self.table.setCellWidget(row, LEVEL, levels)
        # Who signs for the office: pinned by its first package, or confirmed; not edited here.
        signers = self.ws.receiving.signers(office.id) if office else []
        pinned = QTableWidgetItem(
            "; ".join(f"{s.subject} (SHA-256 {s.sha256[:16]}…)" for s in signers)
            or "(chưa nhận gói nào)"
        )
        pinned.setFlags(pinned.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, SIGNERS, pinned)
        self.ids.append(office.id if office else None)
        if office is not None:
            self.loaded[office.id] = office

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _office(self, row: int, office_id: int) -> RosterOffice:
        """The row as typed (its level chosen in a box, see _add_row)."""
        levels = self.table.cellWidget(row, LEVEL)
        assert isinstance(levels, QComboBox)
        contact = Contact(self._text(row, PERSON), self._text(row, PHONE), self._text(row, EMAIL))
        return RosterOffice(
            office_id,
            self._text(row, NAME).strip(),
            OfficeLevel(levels.currentData()),
            self._text(row, CODE).strip(),
            contact,
        )

    def remove_selected(self) -> None:
        """Take the chosen row out (saved with Lưu). An office whose packages were
        received is refused at once, with the reason."""
        row = self.table.currentRow()
        if row < 0:
            self.problem.setText("Chọn một đơn vị trong bảng trước.")
            return
        office_id = self.ids[row]
        if office_id is not None and (count := self.ws.receiving.received_count(office_id)):
            name = self._text(row, NAME)
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
        try:
            for row, office_id in enumerate(self.ids):
                office = self._office(row, office_id or 0)
                if office_id is not None and self.loaded[office_id] != office:
                    corrected.append((row + 1, office))
                elif office_id is None and office.name:
                    added.append(self._entry(row + 1, office))
            self.ws.receiving.edit_roster(corrected, added, self.removed)
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.accept()

    @staticmethod
    def _entry(line: int, office: RosterOffice) -> RosterEntry:
        """A new office, its contact checked here to name its line when it is wrong."""
        try:
            contact = office.contact.checked()
        except InvalidInput as exc:
            raise InvalidInput(f"Dòng {line}: {exc}") from exc
        return RosterEntry(office.name, office.level, office.agency_code, contact)

    # The periods expected --------------------------------------------------------------

    def _fill_periods(self, chosen: PeriodId) -> None:
        this_year = self.ws.today().year
        years = {this_year - 1, this_year, this_year + 1, chosen.year}
        years |= {PeriodId.parse(key).year for key in tracked_periods(self.ws)}
        for year in sorted(years):
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(self.year_box.findData(chosen.year))
        ids = periods_of_year(chosen.year)
        usual = [pid for kind in _KIND_ORDER for pid in ids if pid.kind is kind]
        for pid in usual:
            self.kind_box.addItem(pid.title_in_year, _kind_key(pid))
        self.kind_box.insertSeparator(len(usual))
        for pid in ids:
            if pid.kind is PeriodKind.MONTH:
                self.kind_box.addItem(pid.title_in_year, _kind_key(pid))
        self.kind_box.setCurrentIndex(self.kind_box.findData(_kind_key(chosen)))

    def chosen_period(self) -> PeriodId:
        kind, _, number = self.kind_box.currentData().partition(":")
        return PeriodId(self.year_box.currentData(), PeriodKind(kind), int(number or 0) or None)

    def _period_changed(self) -> None:
        """The due date offered is the one set for that period, else the usual one."""
        self.due.set_value(suggested_due(self.ws, self.chosen_period()))

    def _show_expected(self) -> None:
        expected = self.ws.receiving.expected()
        self.expected.setText(
            "Các kỳ đã đặt: " + "; ".join(
                f"{PeriodId.parse(key).title} (hạn {day_text(expected[key])})"
                for key in tracked_periods(self.ws) if key in expected
            ) if expected else "Chưa đặt kỳ phải báo cáo: nhận gói của mọi kỳ."
        )  # fmt: skip

    def add_period(self) -> None:
        try:
            self.ws.receiving.expect(str(self.chosen_period()), self.due.value())
        except UserError as exc:
            self.problem.setText(str(exc))
            return
        self.problem.clear()
        self._show_expected()
