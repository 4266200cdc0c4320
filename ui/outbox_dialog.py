"""Hộp thư đi: every package made here (period, lần, file, SHA-256) and what became of
each: copied to a stick, or a draft saved or handed to the mail program (whether it was
then sent is not known, and said so). The words are the outbox's own."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.services.outbox import NOT_DELIVERED
from desktop.vietnamese.dates import local_time
from desktop.workspace import Workspace

COLUMNS = ("Kỳ, lần", "Tệp", "Lập lúc", "Gửi đi", "SHA-256")
SENT = COLUMNS.index("Gửi đi")


class OutboxDialog(QDialog):
    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Hộp thư đi — các gói báo cáo đã lập")
        self.resize(1100, 420)
        entries = ws.outbox.entries()
        self.table = QTableWidget(len(entries), len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, entry in enumerate(entries):
            trial = " (THỬ NGHIỆM)" if entry.package.trial else ""
            cells = (
                entry.label + trial,
                entry.package.file_name,
                local_time(entry.package.created_at),
                "\n".join(d.said for d in entry.deliveries) or NOT_DELIVERED,
                entry.package.sha256,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(SENT, 420)  # what became of it, wrapped: never cut off
        self.table.resizeRowsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(close)
