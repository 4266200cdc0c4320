"""What a district or province office's window opens on: its work in order — the roster,
whom to trust, receiving the packages, following and consolidating them — each step
saying where it stands and offering the menu's own actions for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    from ui.main_window import MainWindow

NEXT_STYLE = "#step { background: #dcecfa; border: 1px solid #8fb4d9; border-radius: 4px; }"
DONE_STYLE = "#step { border: 1px solid #c8d0d8; border-radius: 4px; }"


class ReceivingHome(QWidget):
    def __init__(self, window: MainWindow):
        super().__init__()
        ws = window.ws
        offices, received, refused = ws.receiving.counts()
        roots = len(ws.trust.list())
        self.steps: list[tuple[str, bool]] = []  # each step's title and whether it is done
        office = ws.office.get()
        assert office is not None  # the window shows this page for an office above
        heading = QLabel(f"Tiếp nhận và tổng hợp báo cáo của các đơn vị gửi lên {office.committee}")
        heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        heading.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        grid = QGridLayout()
        layout.addLayout(grid)
        layout.addStretch(1)
        self._rows = grid
        self._step(
            "1. Danh sách đơn vị phải báo cáo",
            f"Có {offices} đơn vị trong danh sách."
            if offices
            else "Chưa có đơn vị nào: gói của đơn vị không có trong danh sách không được tính.",
            offices > 0,
            [window.roster_import_action, window.roster_action],
        )
        self._step(
            "2. Chứng thư tin cậy",
            f"{roots} chứng thư gốc tin cậy; gói ký bằng chứng thư khác bị từ chối."
            if roots
            else "Chưa có chứng thư gốc tin cậy nào: mọi gói sẽ bị từ chối.",
            roots > 0,
            [window.certificates_action],
        )
        self._step(
            "3. Tiếp nhận gói báo cáo",
            f"Đã nhận {received} gói; {refused} tệp không nhận."
            if received or refused
            else "Chưa nhận gói nào. Chọn các tệp .asice, hoặc cả thư mục trên USB.",
            received > 0,
            [window.receive_action, window.receive_folder_action],
        )
        self._step(
            "4. Theo dõi và tổng hợp",
            "Đơn vị nào đã gửi, đúng hạn hay trễ, ai cần nhắc; báo cáo tổng hợp của kỳ.",
            False,
            [window.matrix_action, window.quarantine_action, window.consolidate_action],
        )

    def _step(self, title: str, said: str, done: bool, actions: list[QAction]) -> None:
        """One step: its title, where it stands, a button per action (the menu's own)."""
        row = len(self.steps)
        following = not done and all(was_done for _, was_done in self.steps)
        self.steps.append((title, done))
        frame = QFrame()
        frame.setObjectName("step")
        frame.setStyleSheet(NEXT_STYLE if following else DONE_STYLE)
        inner = QGridLayout(frame)
        name = QLabel(("✓ " if done else "") + title + ("  ← bước tiếp theo" if following else ""))
        name.setStyleSheet("font-weight: bold;")
        text = QLabel(said)
        text.setWordWrap(True)
        inner.addWidget(name, 0, 0, 1, len(actions) + 1)
        inner.addWidget(text, 1, 0)
        inner.setColumnStretch(0, 1)
        for column, action in enumerate(actions, start=1):
            button = QPushButton(action.text().replace("&", ""))
            button.setEnabled(action.isEnabled())
            button.clicked.connect(action.trigger)
            inner.addWidget(button, 1, column)
        self._rows.addWidget(frame, row, 0)
