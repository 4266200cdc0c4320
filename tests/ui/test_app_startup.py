"""Starting the shell: which database the window opens on, first start, the Tệp menu."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from qt_tables import type_text

from desktop import __version__
from desktop.demo import plan_79
from desktop.workspace import Workspace
from ui import app as shell
from ui import ask, database_actions, first_run, settings
from ui.banner import about_text
from ui.first_run import FirstRunWizard
from ui.main_window import MainWindow, StartScreen


@pytest.fixture
def data_folder(tmp_path, monkeypatch):
    """The platform data folder, here a temporary one."""
    folder = tmp_path / "SoKeHoach"
    for module in (shell, first_run):
        monkeypatch.setattr(module, "default_db_path", lambda: folder / "so_ke_hoach.db")
    for module in (shell, database_actions):
        monkeypatch.setattr(module, "demo_db_path", lambda: folder / "du_lieu_mau.db")
    return folder


def test_first_start_opens_the_demo_at_once(data_folder):
    ws, demo = shell.start_workspace(None)
    try:
        assert demo is True and ws.path == data_folder / "du_lieu_mau.db"
        plans = ws.plans.list()
        assert [p.number for p in plans] == [plan_79.PLAN["number"]]
        assert len(ws.tasks.list(plans[0].id)) == 45
        assert len(ws.indicators.list(plans[0].id)) == 55  # Phụ lục 1 (26) and Phụ lục 2 (29)
        assert not (data_folder / "so_ke_hoach.db").exists()  # the office's file is its own
    finally:
        ws.close()


def test_first_start_banner_offers_the_offices_own_database(qtbot, data_folder):
    ws, demo = shell.start_workspace(None)
    window = MainWindow(ws, demo=demo)
    qtbot.addWidget(window)
    assert not window.first_run.isHidden()
    assert "dữ liệu mẫu" in window.first_run.text()
    buttons = [window.first_run.buttons.itemAt(i).widget().text() for i in range(2)]
    assert buttons == ["Tạo cơ sở dữ liệu của cơ quan…", "Mở tệp…"]
    window.ws.close()


def test_the_last_file_used_is_opened_next_time(data_folder, tmp_path):
    own = tmp_path / "phuong.db"
    Workspace.create(own, "Trần Liêu", "phuong").close()
    settings.remember(own)
    ws, demo = shell.start_workspace(None)
    try:
        assert (ws.path, demo) == (own, False)
    finally:
        ws.close()


def test_a_missing_file_named_on_the_command_line_is_not_created_without_asking(
    qtbot, data_folder, tmp_path, monkeypatch
):
    missing = tmp_path / "khong_co.db"
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: False)
    assert shell.start_workspace(missing) is None
    assert not missing.exists()
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)

    def fill(wizard):  # the first-run wizard, on the file named: page 1, then later
        wizard.show()
        assert wizard.office_page.path.text() == str(missing)
        type_text(wizard.office_page.name, "Hưng Nguyên")
        wizard.next()
        wizard.reject()
        return wizard.result()

    monkeypatch.setattr(FirstRunWizard, "exec", fill)
    ws, demo = shell.start_workspace(missing)
    try:
        assert demo is False and ws.office.get().committee == "UBND xã Hưng Nguyên"
    finally:
        ws.close()


def test_create_a_database_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "xa_moi.db"

    def fill(wizard):  # the first-run wizard's page 1, then "the plan later"
        wizard.show()
        page = wizard.office_page
        type_text(page.name, "Hưng Nguyên")
        page.level.setCurrentIndex(page.level.findData("xa"))
        type_text(page.parent_name, "tỉnh Nghệ An")
        page.path.setText(str(target))
        wizard.next()
        wizard.reject()
        return wizard.result()

    monkeypatch.setattr(FirstRunWizard, "exec", fill)
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "Tạo" in a.text())
    action.trigger()
    assert window.ws.path == target
    assert window.windowTitle() == "Sổ Kế hoạch — UBND xã Hưng Nguyên — xa_moi.db"
    assert isinstance(window.start_screen, StartScreen)  # no plan yet: what to do next
    assert settings.recent()[0] == target
    window.ws.close()


def test_open_and_reopen_recent_files(qtbot, window, tmp_path, monkeypatch):
    other = tmp_path / "khac.db"
    Workspace.create(other, "Hưng Nguyên", "xa").close()
    monkeypatch.setattr(ask, "open_file", lambda parent, title: other)
    first = window.ws.path
    window.open_file()
    assert window.ws.path == other
    window.recent_menu.aboutToShow.emit()  # as when the clerk opens Mở gần đây
    entries = [a.text() for a in window.recent_menu.actions()]
    assert entries[0] == str(other)
    window.open_path(first)
    assert window.ws.path == first and window.plan.number == "79/KH-UBND"


def test_opening_something_that_is_not_a_database_says_so(qtbot, window, tmp_path, monkeypatch):
    bad = tmp_path / "bang_tinh.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 200)
    told = []
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    monkeypatch.setattr(ask, "open_file", lambda parent, title: bad)
    shown = window.ws.path
    window.open_file()
    assert window.ws.path == shown  # still on the same database
    assert "không phải cơ sở dữ liệu" in told[0]


def test_menus_and_about_box_text(window, demo_ws):
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["&Tệp", "&Kế hoạch", "&Ghi chép", "&Văn bản", "&Cấp trên", "Trợ &giúp"]
    text = about_text(demo_ws)
    assert f"Sổ Kế hoạch {__version__}" in text
    assert "UBND phường Trần Liêu" in text and str(demo_ws.path) in text
    assert f"Lịch sử thay đổi: 1 lần lưu, {demo_ws.audit.count()} dòng nhật ký, nguyên vẹn" in text


def test_the_window_fits_the_screen_and_remembers_its_place(qtbot, demo_ws):
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.place_on_screen()
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.height() <= screen.height()
    size = (screen.width() - 60, screen.height() - 50)  # the offscreen screen is small
    window.resize(*size)
    window.close()
    again = MainWindow(demo_ws)
    qtbot.addWidget(again)
    again.place_on_screen()
    assert (again.width(), again.height()) == size


def test_the_card_is_on_screen_before_the_window_is_built(qtbot, qapp, demo_ws):
    """Shown and painted at once, wide enough for its text, in the middle of the screen;
    closed when the main window first shows."""
    from PySide6.QtGui import QFontMetrics

    from ui.splash import TAGLINE, TEXT_LEFT, close_when_shown, show_splash

    card = show_splash(qapp)
    qtbot.addWidget(card)
    assert card.isVisible()
    small = QFontMetrics(qapp.font()).horizontalAdvance(TAGLINE)
    assert card.width() >= TEXT_LEFT + small
    assert card.geometry().center() == qapp.primaryScreen().availableGeometry().center()
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.show()
    close_when_shown(card, window)
    qtbot.waitUntil(lambda: not card.isVisible(), timeout=2000)
    assert window.isVisible()


def test_the_shell_module_loads_nothing_the_card_does_not_need():
    """The card can only come first if starting the shell leaves the core for later."""
    code = (
        "import sys, ui.app; "
        "early = [m for m in ('ui.main_window', 'desktop.workspace', 'desktop.domain.model') "
        "if m in sys.modules]; "
        "assert not early, early"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_whole_start_opens_the_window_on_the_demo(tmp_path):
    """`python -m desktop` with no database, as a first start: the card, then the window on
    the demo, leaving after its first paint; the demo file is made in the data folder."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path),
           "XDG_CONFIG_HOME": str(tmp_path), "SO_KE_HOACH_FIRST_PAINT_EXIT": "1"}  # fmt: skip
    env.pop("SO_KE_HOACH_DB", None)
    result = subprocess.run([sys.executable, "-m", "desktop"], capture_output=True,
                            text=True, env=env, timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "SoKeHoach" / "du_lieu_mau.db").exists()
