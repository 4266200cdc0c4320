"""Hộp thư đi: every package made here (period, lần, file, SHA-256) and where and when
each was delivered."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.workspace import Workspace

COLUMNS = ("Kỳ, lần", "Tệp", "Lập lúc", "Đã gửi", "SHA-256")


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
            sent = "; ".join(
                f"{'USB' if d.kind == 'usb' else 'thư'} {d.destination} ({d.delivered_at})"
                for d in entry.deliveries
            )
            trial = " (THỬ NGHIỆM)" if entry.package.trial else ""
            cells = (
                entry.label + trial,
                entry.package.file_name,
                entry.package.created_at,
                sent or "chưa gửi",
                entry.package.sha256,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        close = QPushButton("Đóng")
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(close)
