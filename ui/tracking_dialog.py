"""Theo dõi nộp báo cáo: who sent the period's report, in coloured rows that sort and
filter; the counts per standing as coloured chips (a click filters); the offices to chase
with the contact the roster keeps; the periods at a glance as stacked bars."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.consolidation.chase import ToChase, to_chase
from desktop.consolidation.exports import Export
from desktop.consolidation.matrix import (
    LABELS,
    MatrixRow,
    Standing,
    history,
    matrix,
    shown_time,
    tally,
)
from desktop.domain.periods import PeriodId
from desktop.errors import UserError
from desktop.vietnamese.search import best_matches, query
from desktop.vietnamese.text import searchable
from desktop.workspace import Workspace
from ui import ask
from ui.office_report_dialog import OfficeReportDialog
from ui.sortable_model import SortableRowsModel
from ui.stacked_chart import Bar, Part, StackedBarChart
from ui.style import CompactTable, fit_columns
from ui.table_model import Column
from ui.upper_level_tables import COLOURS, day_text, fill_periods

RANK = {standing: rank for rank, standing in enumerate(Standing)}


def _colour(row: MatrixRow) -> str:
    return COLOURS[row.standing]


def _later_last(moment: str | None) -> tuple[bool, str]:
    """A moment's sort key: stored moments are ISO text; none sorts after any."""
    return moment is None, moment or ""


def _office_tip(row: MatrixRow) -> str:
    office = row.office
    code = f"Mã định danh: {office.agency_code}\n" if office.agency_code else ""
    return f"{office.heading}\n{code}Người liên hệ: {office.contact.describe()}"


def _standing_tip(row: MatrixRow) -> str:
    if row.standing is Standing.HELD and row.new_signer:
        return f"Người ký mới: {row.new_signer.describe()}\nNhấn đúp để xác nhận."
    return row.claim_note or LABELS[row.standing]


OFFICE_COLUMNS = [
    Column("Đơn vị", lambda r: r.office.heading, tooltip=_office_tip, background=_colour),
    Column("Tình trạng", lambda r: LABELS[r.standing], tooltip=_standing_tip, background=_colour),
    Column("Lần", lambda r: str(r.sequence or ""), align_right=True, background=_colour),
    Column("Nhận lúc", lambda r: shown_time(r.received_at), background=_colour),
    Column(
        "Ký lúc (gói ghi)",
        lambda r: shown_time(r.submitted_at) + (" — xa lúc nhận" if r.claim_note else ""),
        tooltip=lambda r: r.claim_note,
        background=_colour,
    ),
    Column("Hạn", lambda r: day_text(r.due_on), background=_colour),
    Column("Trễ (ngày)", lambda r: str(r.days_late or ""), align_right=True, background=_colour),
    Column("Thử nghiệm", lambda r: "có" if r.trial else "", background=_colour),
    Column(
        "Người liên hệ",
        lambda r: r.office.contact.describe(),
        tooltip=lambda r: r.office.contact.describe(),
        background=_colour,
    ),
]
OFFICE_KEYS = {
    1: lambda r: RANK[r.standing],
    2: lambda r: r.sequence or 0,
    3: lambda r: _later_last(r.received_at),
    4: lambda r: _later_last(r.submitted_at),
    5: lambda r: _later_last(r.due_on),
    6: lambda r: r.days_late,
    7: lambda r: r.trial,
}


def _chased_colour(chased: ToChase) -> str:
    return COLOURS[chased.standing]


CHASE_COLUMNS = [
    Column("Đơn vị", lambda c: c.office.heading, background=_chased_colour),
    Column("Tình trạng", lambda c: LABELS[c.standing], background=_chased_colour),
    Column("Tình hình", lambda c: c.why, tooltip=lambda c: c.why, background=_chased_colour),
    Column("Người liên hệ", lambda c: c.contact.person, background=_chased_colour),
    Column("Điện thoại", lambda c: c.contact.phone, background=_chased_colour),
    Column("Thư điện tử", lambda c: c.contact.email, background=_chased_colour),
]
CHASE_KEYS = {1: lambda c: RANK[c.standing]}


class Chip(QPushButton):
    """A standing's count in its colour; pressed, it filters the list to that standing."""

    def __init__(self, standing: Standing):
        super().__init__()
        self.standing = standing
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        colour = COLOURS[standing]
        edge = QColor(colour).darker(125).name()
        # The border keeps its width whatever the state: the chip never changes size.
        self.setStyleSheet(
            f"QPushButton {{ background: {colour}; border: 2px solid {edge}; "
            "border-radius: 10px; padding: 2px 10px; }"
            "QPushButton:focus { border-color: #3b6fb6; }"
            "QPushButton:checked { border-color: #333; }"
        )

    def show_count(self, count: int) -> None:
        self.setText(f"{LABELS[self.standing]}: {count}")


def _table(columns, keys) -> tuple[CompactTable, SortableRowsModel]:
    model: SortableRowsModel = SortableRowsModel(columns, keys)
    view = CompactTable()
    view.setModel(model)
    view.setAlternatingRowColors(False)  # each row has its standing's colour
    view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setSortingEnabled(True)
    return view, model


class MatrixDialog(QDialog):
    """Who sent the period's report: the offices (coloured, sortable, filtered), those to
    chase, the periods at a glance."""

    def __init__(self, ws: Workspace, parent=None, period_id: str | None = None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Theo dõi nộp báo cáo")
        self.resize(1180, 660)
        self.period_box = QComboBox()
        fill_periods(self.period_box, ws, period_id)
        self.period_box.setEnabled(self.period_box.count() > 0)
        self.period_note = QLabel()
        self.filter_box = QComboBox()
        self.filter_box.addItem("Mọi tình trạng", None)
        for standing in Standing:
            self.filter_box.addItem(LABELS[standing], standing)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Tìm đơn vị, mã, người liên hệ…")
        self.search.setClearButtonEnabled(True)
        self.chips = {standing: Chip(standing) for standing in Standing}
        self.offices, self.office_model = _table(OFFICE_COLUMNS, OFFICE_KEYS)
        self.chased, self.chase_model = _table(CHASE_COLUMNS, CHASE_KEYS)
        self.chart = StackedBarChart(
            [Part(LABELS[s], COLOURS[s]) for s in Standing],
            "Chưa có kỳ nào đến hạn hoặc có gói báo cáo.",
        )
        self.tabs = QTabWidget()
        self.tabs.addTab(self.offices, "Các đơn vị")
        self.tabs.addTab(self._chase_page(), "Đơn vị cần nhắc")
        self.tabs.addTab(self._chart_page(), "Các kỳ")
        self.export_button = QPushButton("Xuất báo cáo…")
        close = QPushButton("Đóng")
        self._lay_out(close)
        fit_columns(self.offices, len(OFFICE_COLUMNS) - 1, {0: 220, 1: 200})
        fit_columns(self.chased, 2, {0: 200, 1: 170, 3: 150, 4: 120, 5: 190})
        self.period_box.currentIndexChanged.connect(self._load_period)
        self.filter_box.currentIndexChanged.connect(self._show)
        self.search.textChanged.connect(self._show)
        for chip in self.chips.values():
            chip.clicked.connect(lambda checked, s=chip.standing: self._chip_pressed(s, checked))
        self.offices.chosen.connect(
            lambda: self.open_row(self.office_model.row(self.offices.current_row()))
        )
        self.chased.chosen.connect(
            lambda: self.open_row(self.chase_model.row(self.chased.current_row()).row)
        )
        self.chart.chosen.connect(self._period_chosen)
        self.export_button.clicked.connect(self.export)
        close.clicked.connect(self.accept)
        self.rows: list[MatrixRow] = []
        self.to_chase: list[ToChase] = []
        self.searched: dict[int, str] = {}  # per office, its words folded for the search
        self.refresh()

    def _lay_out(self, close: QPushButton) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.period_box)
        top.addWidget(self.period_note, 1)
        chips = QHBoxLayout()
        for chip in self.chips.values():
            chips.addWidget(chip)
        chips.addStretch(1)
        find = QHBoxLayout()
        find.addWidget(QLabel("Lọc:"))
        find.addWidget(self.filter_box)
        find.addSpacing(12)
        find.addWidget(QLabel("Tìm:"))
        find.addWidget(self.search, 1)
        buttons = QHBoxLayout()
        hint = QLabel(
            "Nhấn đúp hoặc Enter trên một dòng: báo cáo đơn vị đã gửi; trên dòng «Người ký "
            "mới — cần xác nhận»: xác nhận người ký. Bấm vào tiêu đề cột để sắp xếp."
        )
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        buttons.addWidget(hint, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(chips)
        layout.addLayout(find)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def _chase_page(self) -> QWidget:
        page = QWidget()
        contacts = QPushButton("Sửa người liên hệ…")
        contacts.clicked.connect(self.edit_contacts)
        self.chase_note = QLabel()
        self.chase_note.setWordWrap(True)
        line = QHBoxLayout()
        line.addWidget(self.chase_note, 1)
        line.addWidget(contacts)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(line)
        layout.addWidget(self.chased, 1)
        return page

    def _chart_page(self) -> QWidget:
        page = QWidget()
        note = QLabel(
            "Mỗi thanh là một kỳ: các đơn vị phải báo cáo chia theo tình trạng. Bấm vào một "
            "thanh (hoặc ↑, ↓) để xem kỳ đó."
        )
        note.setWordWrap(True)
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addWidget(self.chart)
        layout.addStretch(1)
        return page

    # What is shown ---------------------------------------------------------------------

    def period(self) -> str | None:
        return self.period_box.currentData()

    def refresh(self) -> None:
        """Read everything again (after a return, a confirmed signer, a roster edit)."""
        bars = [Bar(p, PeriodId.parse(p).title, tuple(n.values())) for p, n in history(self.ws)]
        self.chart.set_bars(bars)
        self._load_period()

    def _load_period(self) -> None:
        key = self.period()
        self.rows = matrix(self.ws, key) if key else []
        self.to_chase = to_chase(self.ws, key, self.rows) if key else []
        self.searched = {r.office.id: _searchable(r) for r in self.rows}
        counts = tally(self.rows)
        for standing, chip in self.chips.items():
            chip.show_count(counts[standing])
        self.period_note.setText(
            f"{len(self.rows)} đơn vị phải báo cáo."
            if key
            else "Chưa đặt kỳ phải báo cáo và chưa nhận gói nào (Cấp trên → Danh sách đơn vị "
            "báo cáo…)."
        )
        self.chart.set_current(key or "")
        self._show()

    def _matches(self, texts: list[str]) -> list[int]:
        wanted = query(self.search.text())
        every = range(len(texts))
        return list(every) if wanted is None else best_matches(texts, every, wanted)

    def _show(self) -> None:
        """The rows the filter and the search let through, in the order sorted."""
        chosen = self.filter_box.currentData()  # Qt hands the standing back as its text
        wanted = Standing(chosen) if chosen else None
        for standing, chip in self.chips.items():
            chip.setChecked(standing == wanted)
        rows = [r for r in self.rows if wanted is None or r.standing is wanted]
        rows = [rows[i] for i in self._matches([self.searched[r.office.id] for r in rows])]
        chased = [c for c in self.to_chase if wanted is None or c.standing is wanted]
        found = self._matches([self.searched[c.office.id] for c in chased])
        chased = [chased[i] for i in found]
        self.office_model.set_rows(rows)
        self.chase_model.set_rows(chased)
        self.tabs.setTabText(0, f"Các đơn vị ({len(rows)}/{len(self.rows)})")
        self.tabs.setTabText(1, f"Đơn vị cần nhắc ({len(self.to_chase)})")
        without = sum(not c.contact for c in self.to_chase)
        self.chase_note.setText(
            "Chưa gửi, không hợp lệ, bị trả lại, chờ xác nhận người ký hoặc gửi trễ; người "
            "liên hệ lấy từ danh sách đơn vị"
            + (f" ({without} đơn vị chưa có)." if without else ".")
        )

    def _chip_pressed(self, standing: Standing, checked: bool) -> None:
        self.filter_box.setCurrentIndex(self.filter_box.findData(standing) if checked else 0)

    def _period_chosen(self, key: str) -> None:
        self.period_box.setCurrentIndex(self.period_box.findData(key))

    # What the clerk does ---------------------------------------------------------------

    def open_row(self, row: MatrixRow) -> None:
        """The office's report, when it sent one (double-click, Enter); for a package held
        for a new signer, the signer to confirm first."""
        if row.standing is Standing.HELD:
            self.confirm_signer(row)
        elif row.sequence is not None and (period := self.period()):
            OfficeReportDialog(self.ws, row, period, self).exec()
            self.refresh()

    def confirm_signer(self, row: MatrixRow) -> None:
        """Count the office's held packages once the clerk has checked who signed them
        (by telephone, with the office: the package alone cannot say)."""
        signer = row.new_signer.describe() if row.new_signer else "(không đọc được)"
        contact = row.office.contact
        call = f"\n\nNgười liên hệ: {contact.describe()}" if contact else ""
        question = (
            f"{row.office.heading} gửi gói ký bằng một chứng thư khác với chứng thư đã ghi "
            f"nhận cho đơn vị:\n\n{signer}{call}\n\nChỉ xác nhận khi đã hỏi lại đơn vị. Xác "
            "nhận người ký này và tính các gói đang chờ?"
        )
        if not ask.confirm(self, "Người ký mới — cần xác nhận", question):
            return
        try:
            self.ws.receiving.confirm_signer(row.office)
        except UserError as exc:
            ask.tell(self, "Xác nhận người ký", str(exc), problem=True)
        self.refresh()

    def edit_contacts(self) -> None:
        from ui.roster_dialog import RosterDialog

        RosterDialog(self.ws, self).exec()
        self.refresh()

    def export(self) -> None:
        """The consolidated report, or from the chase tab the list to chase, of the
        period shown."""
        from ui.export_dialog import export

        chosen = Export.CHASE if self.tabs.currentIndex() == 1 else Export.CONSOLIDATED
        export(self, self.ws, self.period(), chosen)


def _searchable(row: MatrixRow) -> str:
    office = row.office
    contact = office.contact
    return searchable(office.title, office.agency_code, contact.person, contact.phone)
