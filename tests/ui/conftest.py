"""Fixtures for the Qt shell: the main window on the demo plans, workspaces for budgets.

The first-run demo (phường Trần Liêu, 79/KH-UBND) has no budget; budgets are shown on
xã Hưng Nguyên's demo (41/KH-UBND), which has its own database.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from demo_files import ACTOR
from PySide6.QtCore import QRect, QSettings
from screen_fit import SCREENS, room_of

from desktop.domain.periods import PeriodId, PeriodKind
from desktop.workspace import Workspace
from ui import ask, database_actions, first_run, screen_room, translation
from ui.main_window import MainWindow

# Every 2026 demo payment is dated March–September 2026, so the budget's
# "disbursed so far" only shows them all once the clock is past 05/09/2026.
AFTER_2026_PAYMENTS = datetime(2026, 11, 25, 3, 0, tzinfo=UTC)


@pytest.fixture(scope="session", autouse=True)
def qt_in_vietnamese(qapp):
    """Qt's own dialogs and the calendar as the app sets them up (ui/app.py)."""
    translation.install(qapp)


@pytest.fixture(autouse=True)
def no_unexpected_questions(monkeypatch):
    """A modal question nobody answers would hang the run: fail the test instead."""

    def unexpected(name):
        def ask_(*args, **kwargs):
            raise AssertionError(f"unexpected question to the clerk: ask.{name}{args[1:]}")

        return ask_

    for name in (
        "tell",
        "confirm",
        "unsaved",
        "open_file",
        "open_files",
        "save_file",
        "text",
        "choose",
        "folder",
        "printer",
        "secret",
    ):
        monkeypatch.setattr(ask, name, unexpected(name))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """pytest-qt closes what a test left open before the fixtures end: a form with typed
    text would ask whether to keep it, and nobody is there to answer. (The autouse
    monkeypatch above puts the real function back afterwards.)"""
    ask.unsaved = lambda *args: ask.Unsaved.DISCARD
    return (yield)


@pytest.fixture(autouse=True)
def own_settings(tmp_path_factory):
    """Each test remembers (recent files, window place) in a folder of its own."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


@pytest.fixture
def window(qtbot, demo_ws: Workspace):
    """The main window on the demo plan, showing the year 2025 (which has the reports;
    on its own it opens on the next report to send, year 2026)."""
    win = MainWindow(demo_ws)
    qtbot.addWidget(win)
    win.select_period(PeriodId(2025, PeriodKind.YEAR))
    return win


@pytest.fixture
def budget_demo_ws(tmp_path: Path, clock, demo_files):
    """Xã Hưng Nguyên's demo on the fixed test clock (20/01/2026)."""
    path = tmp_path / "hung_nguyen.db"
    workspace = demo_files.open(path, "hung-nguyen", clock=clock, actor=ACTOR)
    yield workspace
    workspace.close()


@pytest.fixture
def late_demo_ws(tmp_path: Path, demo_files):
    """Xã Hưng Nguyên's demo in a workspace whose clock is after all the 2026 payments."""
    path = tmp_path / "late.db"
    workspace = demo_files.open(path, "hung-nguyen", clock=lambda: AFTER_2026_PAYMENTS, actor=ACTOR)
    yield workspace
    workspace.close()


@pytest.fixture
def budget_window(qtbot, budget_demo_ws: Workspace):
    win = MainWindow(budget_demo_ws)
    qtbot.addWidget(win)
    return win


@pytest.fixture(params=SCREENS, ids=lambda s: f"{s[0]}x{s[1]}")
def office_screen(request, monkeypatch, qapp) -> QRect:
    """An office screen (screen_fit.SCREENS) the windows open on, each fitted to it when
    shown as the app fits them."""
    room = room_of(*request.param)
    monkeypatch.setattr(screen_room, "available", lambda widget=None: room)
    # A window manager's title bar and borders (the offscreen platform draws 2 px).
    monkeypatch.setattr(screen_room, "_frame", lambda window: screen_room.FRAME)
    fitting = screen_room._FitShown(qapp)
    qapp.installEventFilter(fitting)
    yield room
    qapp.removeEventFilter(fitting)


@pytest.fixture
def office_folder(tmp_path, monkeypatch):
    """The office's data folder of a first start: where the wizard suggests the database
    and the demo is made."""
    folder = tmp_path / "SoKeHoach"
    monkeypatch.setattr(first_run, "default_db_path", lambda: folder / "so_ke_hoach.db")
    monkeypatch.setattr(database_actions, "demo_db_path", lambda: folder / "du_lieu_mau.db")
    return folder


@pytest.fixture
def windows_read(monkeypatch):
    """`windows_read(moment)`: every database the window opens from then on (the wizard's,
    the demo, a file) reads `moment` as now, as the fixtures' workspaces do."""
    opening = Workspace.open.__func__

    def reading(moment: datetime) -> None:
        def open_(cls, path, **options):
            options["clock"] = options.get("clock") or (lambda: moment)
            return opening(cls, path, **options)

        monkeypatch.setattr(Workspace, "open", classmethod(open_))

    return reading
