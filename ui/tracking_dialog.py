"""Theo dõi nộp báo cáo: who sent the period's report, colour-coded, filtered, counted."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QVBoxLayout,
)

from desktop.consolidation.matrix import LABELS, MatrixRow, Standing, matrix, shown_time
from desktop.consolidation.matrix import tally as matrix_tally
from desktop.domain.periods import PeriodId
from desktop.errors import UserError
from desktop.workspace import Workspace
from ui import ask
from ui.office_report_dialog import OfficeReportDialog
from ui.upper_level_tables import (
    COLOURS,
    colour_table,
    day_text,
)


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
        table = colour_table(
            ("Đơn vị", "Tình trạng", "Lần", "Nhận lúc", "Ký lúc (gói ghi)", "Hạn", "Trễ (ngày)",
             "Thử nghiệm"),
            [
                (r.office.heading, LABELS[r.standing], r.sequence, shown_time(r.received_at),
                 shown_time(r.submitted_at) + (" — xa lúc nhận" if r.claim_note else ""),
                 day_text(r.due_on), r.days_late or "", "có" if r.trial else "")
                for r in shown
            ],
            [COLOURS[r.standing] for r in shown],
        )  # fmt: skip
        self.layout_.replaceWidget(self.table, table)
        self.table.deleteLater()
        self.table = table
        self.shown = shown
        table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
