"""Gói không nhận: the packages refused, and why."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.consolidation.matrix import shown_time
from desktop.workspace import Workspace
from ui.upper_level_tables import (
    colour_table,
)


class QuarantineDialog(QDialog):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Gói không nhận (cách ly)")
        self.resize(1100, 450)
        rows = ws.receiving.quarantined()
        self.table = colour_table(
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
