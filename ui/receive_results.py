"""What receiving made of each file: received, a duplicate, refused, held."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from desktop.consolidation.receive import Outcome, tally
from ui.upper_level_tables import (
    OUTCOME_COLOURS,
    colour_table,
)


class ReceiveResultsDialog(QDialog):
    def __init__(self, outcomes: list[Outcome], parent=None):
        super().__init__(parent)
        self.setWindowTitle("Kết quả tiếp nhận gói báo cáo")
        self.resize(1100, 500)
        self.summary = QLabel(tally(outcomes))
        self.table = colour_table(
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
