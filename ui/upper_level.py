"""The level above in the window: the roster, receiving packages (a result per file),
who sent (colour-coded, filtered, counted), the quarantine, the consolidated export.
Each dialog shows what the core says; none decides anything itself."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtGui import QBrush, QColor
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

from desktop.consolidation.matrix import LABELS, MatrixRow, Standing, matrix
from desktop.consolidation.receive import DUPLICATE, QUARANTINED, RECEIVED, Outcome
from desktop.periods import PeriodId
from desktop.workspace import Workspace

COLOURS = {
    Standing.ON_TIME: "#d8f0d8",
    Standing.LATE: "#fdeec4",
    Standing.RESUBMITTED: "#dde8f8",
    Standing.RETURNED: "#eadcf5",
    Standing.INVALID: "#f8d0d0",
    Standing.MISSING: "#eeeeee",
}
OUTCOME_COLOURS = {RECEIVED: "#d8f0d8", DUPLICATE: "#eeeeee", QUARANTINED: "#f8d0d0"}


def _day(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def _when(iso: str | None) -> str:
    return datetime.fromisoformat(iso).strftime("%H:%M %d/%m/%Y") if iso else ""


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
    table.horizontalHeader().setStretchLastSection(True)
    table.resizeRowsToContents()
    return table


class ReceiveResultsDialog(QDialog):
    def __init__(self, outcomes: list[Outcome], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Kết quả tiếp nhận gói báo cáo")
        self.resize(1100, 500)
        counts = {s: sum(o.status == s for o in outcomes) for s in (RECEIVED, DUPLICATE,
                                                                    QUARANTINED)}  # fmt: skip
        self.summary = QLabel(", ".join(f"{n} {s}" for s, n in counts.items()))
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
        self.refresh()

    def refresh(self) -> None:
        key = self.period_box.currentData()
        self.rows = matrix(self.ws, key) if key else []
        tally = {s: sum(r.standing is s for r in self.rows) for s in Standing}
        self.counts.setText(
            " · ".join(f"{LABELS[s]}: {n}" for s, n in tally.items())
            if key else "Chưa nhận gói nào."
        )  # fmt: skip
        wanted = self.filter_box.currentData()
        shown = [r for r in self.rows if wanted is None or r.standing == wanted]
        table = _table(
            ("Đơn vị", "Tình trạng", "Lần", "Gửi lúc", "Hạn", "Trễ (ngày)", "Thử nghiệm"),
            [
                (r.office.heading, LABELS[r.standing], r.sequence, _when(r.submitted_at),
                 _day(r.due_on), r.days_late or "", "có" if r.trial else "")
                for r in shown
            ],
            [COLOURS[r.standing] for r in shown],
        )  # fmt: skip
        self.layout_.replaceWidget(self.table, table)
        self.table.deleteLater()
        self.table = table


class QuarantineDialog(QDialog):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Gói không nhận (cách ly)")
        self.resize(1100, 450)
        rows = ws.receiving.quarantined()
        self.table = _table(
            ("Tệp", "Kỳ", "Lúc", "Lý do"),
            [(r["file_name"], r["period_id"], r["received_at"], r["reason"]) for r in rows],
            [None] * len(rows),
        )
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(rows)} gói không được đưa vào tổng hợp, kèm lý do."))
        layout.addWidget(self.table, 1)
        layout.addWidget(close)
