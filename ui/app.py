"""Starting the desktop shell: one QApplication, one workspace, the main window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

import resources
from desktop.demo import build_demo
from desktop.errors import UserError
from desktop.workspace import Workspace
from desktop.writer_lock import Locked
from ui.main_window import APP_TITLE, MainWindow


def open_workspace(db_path: Path) -> tuple[Workspace, bool]:
    """Open the database; a first start (no file yet) gets the demo plan to explore.
    While another program writes to it, the window opens it to look at only."""
    fresh = not db_path.exists()
    try:
        ws = Workspace.open(db_path, create=fresh)
    except Locked as exc:
        ws = Workspace.open(db_path, read_only=True)
        ws.read_only_reason = f"{exc} Cửa sổ này chỉ xem, không ghi được"
    if fresh:
        build_demo(ws)
    return ws, fresh


def _display_missing() -> bool:
    """On Linux without X11/Wayland Qt would abort with an English message and a core dump."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return False
    return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run(db_path: Path) -> int:
    if _display_missing():
        print(
            "Lỗi: không tìm thấy màn hình để mở giao diện (chưa có DISPLAY hoặc WAYLAND_DISPLAY). "
            "Các lệnh không cần giao diện vẫn dùng được, ví dụ: python -m desktop status",
            file=sys.stderr,
        )
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_TITLE)
    app.setApplicationDisplayName(APP_TITLE)
    app.setWindowIcon(QIcon(str(resources.path("icons/so_ke_hoach.svg"))))
    try:
        ws, fresh = open_workspace(db_path)
    except UserError as exc:
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    window = MainWindow(ws)
    if fresh:
        window.statusBar().showMessage(f"Đã tạo cơ sở dữ liệu mẫu tại {db_path}", 15000)
    window.resize(1500, 900)
    window.show()
    try:
        return app.exec()
    finally:
        ws.close()
