"""What the window says above the plan, or instead of one: the warnings to know before
trusting what it shows (notices), the first-run hints, the start screen of a database
without plans, and the about box's text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop import __version__
from desktop.reports.history_warning import history_warning
from desktop.workspace import Workspace
from ui import APP_TITLE, plan_actions

if TYPE_CHECKING:
    from desktop.domain.model import Office, Plan
    from ui.main_window import MainWindow


def notices(ws: Workspace) -> list[str]:
    """What the clerk must know before trusting or editing what the window shows. The
    audit chain is worded once it has been checked (off the UI thread: the window hands
    the result back with `ws.history = report`), never checked here."""
    found = []
    if ws.history_checked and (warning := history_warning(ws)):
        found.append(warning)
    if ws.read_only_reason:
        found.append(f"Chỉ xem, không ghi được thay đổi: {ws.read_only_reason}.")
    found += ws.warnings
    return found


_BANNER_STYLES = {
    "warning": "background: #fbe3c8; border: 1px solid #d9a35b;",
    "info": "background: #dcecfa; border: 1px solid #8fb4d9;",
}


class Banner(QFrame):
    """A coloured strip above the plan: a message and, maybe, buttons to act on it."""

    def __init__(self, kind: str) -> None:
        super().__init__()
        self.setObjectName("banner")
        self.setStyleSheet(f"#banner {{ {_BANNER_STYLES[kind]} border-radius: 4px; }}")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QHBoxLayout()
        layout = QHBoxLayout(self)
        layout.addWidget(self.label, 1)
        layout.addLayout(self.buttons)
        self.setVisible(False)

    def text(self) -> str:
        return self.label.text()

    def show_message(
        self, text: str, actions: Sequence[tuple[str, Callable[[], None]]] = ()
    ) -> None:
        self.label.setText(text)
        for action_text, callback in actions:
            button = QPushButton(action_text)
            button.clicked.connect(callback)
            self.buttons.addWidget(button)
        self.setVisible(bool(text))


def first_run_banner(window: MainWindow, office: Office | None, plans: list[Plan]) -> Banner:
    """Where to go next: off the demo, to a first plan, or on from a database just made."""
    banner = Banner("info")
    if window.demo:
        banner.show_message(
            "Đây là dữ liệu mẫu (Kế hoạch 79/KH-UBND phường Trần Liêu) để xem thử. "
            "Khi sẵn sàng, tạo cơ sở dữ liệu của cơ quan hoặc mở tệp đã có.",
            [
                ("Tạo cơ sở dữ liệu của cơ quan…", window.new_database),
                ("Mở tệp…", window.open_file),
            ],
        )
    if office is not None and office.receives_reports:  # its page says what comes next
        if window.welcome:
            banner.show_message(
                f"Cơ sở dữ liệu của {office.committee} đã sẵn sàng. Bắt đầu bằng danh sách "
                "đơn vị báo cáo, rồi chứng thư tin cậy và tiếp nhận gói; nhấn F1 để xem "
                "hướng dẫn.",
                [("Hướng dẫn sử dụng", window.show_help)],
            )
    elif not window.demo and not plans and office is not None and not window.ws.read_only_reason:
        banner.show_message(
            f"Chưa có kế hoạch trong cơ sở dữ liệu của {office.committee}. Nhập kế hoạch "
            "cấp trên giao để bắt đầu; muốn xem cách dùng trước, mở dữ liệu mẫu (tệp này "
            "vẫn giữ nguyên, mở lại ở Tệp → Mở gần đây).",
            [
                ("Nhập kế hoạch…", partial(plan_actions.import_plan, window)),
                ("Xem dữ liệu mẫu", window.open_demo),
            ],
        )
    elif window.welcome and plans and office is not None:

        def hide() -> None:
            window.welcome = False
            banner.hide()

        banner.show_message(
            f"Cơ sở dữ liệu của {office.committee} đã sẵn sàng. Mỗi kỳ: ghi tiến độ, kinh "
            "phí, rồi Văn bản → Nộp báo cáo…; nhấn F1 để xem hướng dẫn.",
            [
                ("Hướng dẫn sử dụng", window.show_help),
                ("Xem dữ liệu mẫu", window.open_demo),
                ("Ẩn", hide),
            ],
        )
    return banner


class StartScreen(QWidget):
    """A database without plans: what the clerk can do from here."""

    def __init__(self, window: MainWindow):
        super().__init__()
        text = QLabel(
            "Cơ sở dữ liệu này chưa có kế hoạch nào.\n\n"
            "Nhập kế hoạch cấp trên giao từ tệp phụ lục (.xlsx, .docx) hoặc gõ tay, mở dữ liệu "
            "mẫu để xem thử, tạo cơ sở dữ liệu của cơ quan, hoặc mở một tệp đã có."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        writable = not window.ws.read_only_reason
        self.import_button = QPushButton("Nhập kế hoạch từ tệp…")
        self.import_button.clicked.connect(partial(plan_actions.import_plan, window))
        self.import_button.setEnabled(writable)
        self.plan_button = QPushButton("Gõ kế hoạch…")
        self.plan_button.clicked.connect(partial(plan_actions.new_plan, window))
        self.plan_button.setEnabled(writable)
        self.demo_button = QPushButton("Mở dữ liệu mẫu")
        self.new_button = QPushButton("Tạo cơ sở dữ liệu của cơ quan…")
        self.open_button = QPushButton("Mở tệp…")
        self.demo_button.clicked.connect(window.open_demo)
        self.new_button.clicked.connect(window.new_database)
        self.open_button.clicked.connect(window.open_file)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (
            self.import_button,
            self.plan_button,
            self.demo_button,
            self.new_button,
            self.open_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addLayout(buttons)
        layout.addStretch(2)


def about_text(ws: Workspace) -> str:
    office = ws.office.get()
    ws.refresh_history()  # checked now, not as it was when the file was opened
    history = ws.history
    if history is None:
        kept = "chưa niêm phong"
    else:
        state = "nguyên vẹn" if history_warning(ws) is None else "đã bị can thiệp"
        kept = f"{history.seals} lần lưu, {ws.audit.count()} dòng nhật ký, {state}"
    lines = [
        f"{APP_TITLE} {__version__}",
        "Theo dõi kế hoạch, tiến độ nhiệm vụ và kinh phí của UBND cấp xã.",
        "",
        f"Cơ quan: {office.committee if office else 'chưa khai báo'}",
        f"Cơ sở dữ liệu: {ws.path}",
        f"Lịch sử thay đổi: {kept}",
    ]
    return "\n".join(lines)
