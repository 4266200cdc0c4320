"""Starting the desktop shell: one QApplication, one workspace, the main window."""

from __future__ import annotations

import os
import socket
import sys
from contextlib import suppress
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

import resources
from desktop.demo import build_demo
from desktop.errors import UserError
from desktop.paths import log_file
from desktop.workspace import Workspace
from desktop.writer_lock import Locked
from ui import crash
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


def _x_server_answers(display: str) -> bool:
    """Whether something listens where DISPLAY points ('[host]:N[.screen]')."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    try:
        if host in ("", "unix"):
            for address in (f"/tmp/.X11-unix/X{number}", f"\0/tmp/.X11-unix/X{number}"):
                with socket.socket(socket.AF_UNIX) as sock, suppress(OSError):
                    sock.settimeout(2)
                    sock.connect(address)
                    return True
            return False
        with socket.create_connection((host, 6000 + int(number)), timeout=2):
            return True
    except OSError:
        return False


def display_problem() -> str | None:
    """On Linux Qt aborts (English message, core dump) when there is no display or the one
    named cannot be reached: say so in Vietnamese instead."""
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return None
    wayland = os.environ.get("WAYLAND_DISPLAY")
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if wayland and Path(runtime, wayland).exists():
        return None
    display = os.environ.get("DISPLAY")
    if not display:
        return "không tìm thấy màn hình để mở giao diện (chưa có DISPLAY hoặc WAYLAND_DISPLAY)"
    if not _x_server_answers(display):
        return f"không kết nối được tới màn hình «{display}» (DISPLAY)"
    return None


def run(db_path: Path) -> int:
    if problem := display_problem():
        print(
            f"Lỗi: {problem}. Các lệnh không cần giao diện vẫn dùng được, "
            "ví dụ: python -m desktop status",
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
    crash.install(lambda: ws, log_file())
    window = MainWindow(ws)
    if fresh:
        window.statusBar().showMessage(f"Đã tạo cơ sở dữ liệu mẫu tại {db_path}", 15000)
    window.resize(1500, 900)
    window.show()
    try:
        return app.exec()
    finally:
        ws.close()
