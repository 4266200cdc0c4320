"""Starting the desktop shell: one QApplication, one workspace, the main window.

The card of ui/splash.py is on screen before the core and the window's modules are
imported: this module imports only what comes before it."""

from __future__ import annotations

import os
import sys
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import resources
from desktop.errors import UserError
from desktop.infra.paths import default_db_path, demo_db_path, log_file
from ui import APP_TITLE, ask, crash, screen_room, settings, translation
from ui.splash import close_when_shown, show_splash

if TYPE_CHECKING:
    from desktop.workspace import Workspace


def start_workspace(explicit: Path | None) -> tuple[Workspace, bool] | None:
    """The database the window opens on, and whether it is the demo.

    A file named on the command line (or in $SO_KE_HOACH_DB) is opened; if there is
    none there, the clerk is asked before one is made. Otherwise the last file used,
    else the office's default file, else the demo: a first start shows the demo at
    once, with a banner offering the office's own database. None: the clerk declined.
    """
    from ui import database_actions

    if explicit is not None:
        if explicit.exists():
            return database_actions.open_existing(explicit), explicit == demo_db_path()
        question = f"Chưa có cơ sở dữ liệu ở «{explicit}». Tạo cơ sở dữ liệu mới ở đó?"
        if not ask.confirm(None, APP_TITLE, question):
            return None
        from ui.first_run import set_up_office

        wizard = set_up_office(None, explicit)  # the same first hour as from the window
        return (wizard.ws, False) if wizard.ws is not None else None
    for path in (settings.last(), default_db_path()):
        if path is not None and path.exists():
            return database_actions.open_existing(path), path == demo_db_path()
    return database_actions.open_demo(), True


def _x_server_answers(display: str) -> bool:
    """Whether something listens where DISPLAY points ('[host]:N[.screen]')."""
    import socket  # only for a real display on Linux: not at every start

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


# bench/bench_startup.py times start-up: "1" leaves after the main window's first paint,
# "splash" as soon as the card is on screen.
FIRST_PAINT_PROBE = "SO_KE_HOACH_FIRST_PAINT_EXIT"


def _quit_after_first_paint(app: QApplication, window: QWidget) -> None:
    """Leave as soon as the window has painted once: the start-up bench times the whole
    process up to there, from source or from the bundle."""

    class FirstPaint(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, app.quit)
            return False

    window.installEventFilter(FirstPaint(window))  # the window, its parent, keeps it alive


def run(explicit: Path | None) -> int:
    if problem := display_problem():
        print(
            f"Lỗi: {problem}. Các lệnh không cần giao diện vẫn dùng được, "
            "ví dụ: python -m desktop status",
            file=sys.stderr,
        )
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)  # a widget application: this one or the tests'
    translation.install(app)  # Qt's own dialogs and the calendar in Vietnamese
    app.setApplicationName(APP_TITLE)  # no display name: the window title says it once
    app.setWindowIcon(QIcon(str(resources.path("icons/so_ke_hoach.svg"))))
    screen_room.install(app)  # every window and form fits the screen it opens on
    asks_first = explicit is not None and not explicit.exists()  # the card would hide it
    splash = None if asks_first else show_splash(app)
    if splash is not None and os.environ.get(FIRST_PAINT_PROBE) == "splash":
        return 0  # the bench: the card is painted
    from ui.main_window import MainWindow  # with the core: the longest part of a start

    try:
        started = start_workspace(explicit)
    except UserError as exc:
        if splash is not None:
            splash.close()
        QMessageBox.critical(None, APP_TITLE, str(exc))
        return 1
    if started is None:
        return 1
    ws, demo = started
    settings.remember(ws.path)
    window = MainWindow(ws, demo=demo)
    crash.install(lambda: window.ws, log_file())
    window.place_on_screen()
    window.show()
    if splash is not None:
        close_when_shown(splash, window)
    if os.environ.get(FIRST_PAINT_PROBE):
        _quit_after_first_paint(app, window)
    try:
        return app.exec()
    finally:
        window.ws.close()
