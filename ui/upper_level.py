"""The level above in the window: the roster, receiving packages (a result per file),
who sent (colour-coded, filtered, counted), the quarantine, the consolidated export.
Each dialog shows what the core says; none decides anything itself."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from desktop.consolidation.matrix import LABELS, MatrixRow, Standing, matrix, shown_time
from desktop.consolidation.matrix import tally as matrix_tally
from desktop.consolidation.office_report import office_report, since_previous
from desktop.consolidation.receive import DUPLICATE, HELD, QUARANTINED, RECEIVED, Outcome, tally
from desktop.consolidation.report import owners_of
from desktop.consolidation.returns import return_for_correction
from desktop.consolidation.roster import RosterEntry
from desktop.domain.model import LEVEL_WORDS, OfficeLevel
from desktop.domain.periods import PeriodId
from desktop.domain.targets import VERDICT_LABELS, Verdict
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.errors import InvalidInput, UserError
from desktop.services.base import to_date
from desktop.signing.sources import Pkcs12File
from desktop.workspace import Workspace
from ui import ask
from ui.style import problem_label

COLOURS = {
    Standing.ON_TIME: "#d8f0d8",
    Standing.LATE: "#fdeec4",
    Standing.RESUBMITTED: "#dde8f8",
    Standing.RETURNED: "#eadcf5",
    Standing.INVALID: "#f8d0d0",
    Standing.MISSING: "#eeeeee",
    Standing.HELD: "#ffd9a8",
}
WIDEST = 340  # pixels: a column wider than this wraps its text
OUTCOME_COLOURS = {
    RECEIVED: "#d8f0d8",
    DUPLICATE: "#eeeeee",
    QUARANTINED: "#f8d0d0",
    HELD: "#ffd9a8",
}


def _day(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _money(amount: int | None) -> str:
    return "" if amount is None else f"{amount:,}".replace(",", ".")


def _table(headers: tuple[str, ...], rows: list[tuple], colours: list[str | None]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    for r, (row, colour) in enumerate(zip(rows, colours, strict=True)):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if colour:
                item.setBackground(QBrush(QColor(colour)))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    for column in range(len(headers)):  # long texts wrap instead of pushing columns away
        table.setColumnWidth(column, min(table.columnWidth(column), WIDEST))
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeRowsToContents()
    return table


class ReceiveResultsDialog(QDialog):
    def __init__(self, outcomes: list[Outcome], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Kết quả tiếp nhận gói báo cáo")
        self.resize(1100, 500)
        self.summary = QLabel(tally(outcomes))
        self.table = _table(
            ("Tệp", "Kết quả", "Chi tiết"),
            [(o.file, o.status, o.detail) for o in outcomes],
            [OUTCOME_COLOURS[o.status] for o in outcomes],
        )
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(close)


class MatrixDialog(QDialog):
    """Who sent the period's report: one coloured row per office, a filter, the counts."""

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.setWindowTitle("Theo dõi nộp báo cáo")
        self.resize(1100, 600)
        self.period_box = QComboBox()
        for key in ws.receiving.periods():
            self.period_box.addItem(PeriodId.parse(key).label, key)
        self.filter_box = QComboBox()
        self.filter_box.addItem("Mọi tình trạng", None)
        for standing in Standing:
            self.filter_box.addItem(LABELS[standing], standing)
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("Kỳ báo cáo:"))
        top.addWidget(self.period_box)
        top.addSpacing(16)
        top.addWidget(QLabel("Lọc:"))
        top.addWidget(self.filter_box)
        top.addStretch(1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self.counts)
        self.table = QTableWidget()
        self.layout_.addWidget(self.table, 1)
        self.period_box.currentIndexChanged.connect(self.refresh)
        self.filter_box.currentIndexChanged.connect(self.refresh)
        self.rows: list[MatrixRow] = []
        self.shown: list[MatrixRow] = []
        self.refresh()

    def open_row(self, index: int) -> None:
        """The office's report, when it sent one (double-click); for a package held for
        a new signer, the signer to confirm first."""
        row = self.shown[index]
        if row.standing is Standing.HELD:
            self.confirm_signer(row)
        elif row.sequence is not None:
            OfficeReportDialog(self.ws, row, self.period_box.currentData(), self).exec()
            self.refresh()

    def confirm_signer(self, row: MatrixRow) -> None:
        """Count the office's held packages once the clerk has checked who signed them
        (by telephone, with the office: the package alone cannot say)."""
        signer = row.new_signer.describe() if row.new_signer else "(không đọc được)"
        question = (
            f"{row.office.heading} gửi gói ký bằng một chứng thư khác với chứng thư đã ghi "
            f"nhận cho đơn vị:\n\n{signer}\n\nChỉ xác nhận khi đã hỏi lại đơn vị. Xác nhận "
            "người ký này và tính các gói đang chờ?"
        )
        if not ask.confirm(self, "Người ký mới — cần xác nhận", question):
            return
        try:
            self.ws.receiving.confirm_signer(row.office)
        except UserError as exc:
            ask.tell(self, "Xác nhận người ký", str(exc), problem=True)
        self.refresh()

    def refresh(self) -> None:
        key = self.period_box.currentData()
        self.rows = matrix(self.ws, key) if key else []
        self.counts.setText(
            " · ".join(f"{LABELS[s]}: {n}" for s, n in matrix_tally(self.rows).items())
            if key else "Chưa nhận gói nào."
        )  # fmt: skip
        wanted = self.filter_box.currentData()
        shown = [r for r in self.rows if wanted is None or r.standing == wanted]
        table = _table(
            ("Đơn vị", "Tình trạng", "Lần", "Nhận lúc", "Ký lúc (gói ghi)", "Hạn", "Trễ (ngày)",
             "Thử nghiệm"),
            [
                (r.office.heading, LABELS[r.standing], r.sequence, shown_time(r.received_at),
                 shown_time(r.submitted_at) + (" — xa lúc nhận" if r.claim_note else ""),
                 _day(r.due_on), r.days_late or "", "có" if r.trial else "")
                for r in shown
            ],
            [COLOURS[r.standing] for r in shown],
        )  # fmt: skip
        self.layout_.replaceWidget(self.table, table)
        self.table.deleteLater()
        self.table = table
        self.shown = shown
        table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))


class OfficeReportDialog(QDialog):
    """One office's report as received (read-only), and returning it for correction."""

    def __init__(self, ws: Workspace, row: MatrixRow, period_id: str, parent=None):
        super().__init__(parent)
        self.ws, self.row, self.period_id = ws, row, period_id
        found, content = office_report(ws, row.office.id, period_id)
        received = self.received = found.received
        self.setWindowTitle(f"{row.office.heading} — {content['period']['label']}")
        self.resize(1150, 650)
        trial = " · THỬ NGHIỆM" if received.trial else ""
        facts = QLabel(
            f"<b>{content['office']['committee']}</b> — {content['plan']['number']} — "
            f"{content['period']['label']} lần {received.sequence} · gửi "
            f"{shown_time(received.submitted_at)} · ký bởi {received.signer}{trial}"
        )
        facts.setWordWrap(True)
        tabs = QTabWidget()
        tasks = content["tasks"]
        tabs.addTab(_table(
            ("STT", "Nhiệm vụ", "Chủ trì", "Tình trạng", "Kết quả"),
            [(t["code"], t["title"], "; ".join(owners_of(t)),
              STATE_LABELS.get(TaskState(t["state"]), t["state"]), t["result"]) for t in tasks],
            [None] * len(tasks),
        ), f"Nhiệm vụ ({len(tasks)})")  # fmt: skip
        indicators = content["indicators"]
        tabs.addTab(_table(
            ("STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Đánh giá"),
            [(i["code"], i["name"], i["target"] or "",
              i["value"] if i["value"] is not None else i["value_text"],
              VERDICT_LABELS[Verdict(i["verdict"])] if i["verdict"] else "") for i in indicators],
            [None] * len(indicators),
        ), f"Chỉ tiêu ({len(indicators)})")  # fmt: skip
        budget = content["budget"]
        tabs.addTab(_table(
            ("STT", "Nội dung", "Dự toán (đồng)", "Giải ngân trong kỳ", "Lũy kế"),
            [(b["code"], b["title"], _money(b["estimate"]), _money(b["paid_in_period"]),
              _money(b["paid_to_date"])) for b in budget],
            [None] * len(budget),
        ), f"Kinh phí ({len(budget)})")  # fmt: skip
        if words := content.get("narrative"):  # packages of older versions have none
            from desktop.services.report_texts import SECTIONS

            words_view = QPlainTextEdit("\n\n".join(
                f"{SECTIONS.get(key, key).upper()}\n{text}" for key, text in words.items()
            ))  # fmt: skip
            words_view.setReadOnly(True)
            tabs.insertTab(0, words_view, "Lời báo cáo")
            tabs.setCurrentIndex(0)
        evidence = [(t["code"], e["file"], e["bytes"], e["sha256"]) for t in tasks
                    for e in t["evidence"]]  # fmt: skip
        tabs.addTab(_table(("Nhiệm vụ", "Tệp", "Byte", "SHA-256"), evidence,
                           [None] * len(evidence)), f"Minh chứng ({len(evidence)})")  # fmt: skip
        changed = since_previous(ws, found)
        if changed is not None:
            told = content["changes"] or []
            lines = (
                [f"Lý do gửi lại: {content['package']['reason'] or '(không ghi)'}", ""]
                + ["So sánh số liệu hai lần gửi:"] + (changed or ["Không có khác biệt."])
                + ["", "Đơn vị kê (từ nhật ký thay đổi của đơn vị):"] + (told or ["(không có)"])
            )  # fmt: skip
            differences_view = QListWidget()
            differences_view.setWordWrap(True)
            differences_view.addItems(lines)
            tabs.addTab(differences_view, f"So với lần trước ({len(changed)})")
        self.return_button = QPushButton("Trả lại để chỉnh sửa…")
        self.return_button.clicked.connect(self.give_back)
        self.return_button.setEnabled(not ws.read_only_reason)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.return_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(facts)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        self.tabs = tabs

    def give_back(self) -> None:
        """Reasons, the level above's certificate, where to save: the signed return."""
        reasons = ask.text(self, "Trả lại để chỉnh sửa", "Lý do (đơn vị sẽ thấy nguyên văn):")
        if not reasons:
            return
        from ui.submit_wizard import P12_FILTER

        p12 = ask.open_file(self, "Chứng thư số của cơ quan", P12_FILTER)
        if p12 is None:
            return
        passphrase = ask.secret(self, "Chứng thư số", "Mật khẩu tệp chứng thư:")
        if passphrase is None:
            return
        folder = ask.folder(self, "Lưu văn bản trả lại vào", ask.documents_folder())
        if folder is None:
            return
        try:
            source = Pkcs12File(p12, passphrase.encode())
            path = return_for_correction(
                self.ws, self.row.office, self.period_id, reasons, source, folder
            )
        except UserError as exc:
            ask.tell(self, "Trả lại để chỉnh sửa", str(exc), problem=True)
            return
        self.return_button.setEnabled(False)
        ask.tell(
            self,
            "Trả lại để chỉnh sửa",
            f"Đã lập {path}.\nGửi tệp này cho {self.row.office.title} (USB hoặc thư).",
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
                f"{PeriodId.parse(k).label} (hạn {_day(v)})" for k, v in sorted(expected.items())
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


class QuarantineDialog(QDialog):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Gói không nhận (cách ly)")
        self.resize(1100, 450)
        rows = ws.receiving.quarantined()
        self.table = _table(
            ("Tệp", "Kỳ", "Lúc", "Lý do"),
            [
                (r["file_name"], r["period_id"], shown_time(r["received_at"]), r["reason"])
                for r in rows
            ],
            [None] * len(rows),
        )
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(rows)} gói không được đưa vào tổng hợp, kèm lý do."))
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
