"""The window's side of trusted data: plain warnings, Sao lưu…/Khôi phục…, crash reports."""

from __future__ import annotations

import sqlite3
import sys

import pytest

from desktop.infra import error_log
from desktop.workspace import Workspace
from ui import ask, crash
from ui.database_actions import open_existing
from ui.main_window import MainWindow


def file_action(window: MainWindow, text: str):
    menu = window.menuBar().actions()[0].menu()
    return next(a for a in menu.actions() if a.text() == text)


def test_the_window_says_plainly_when_history_was_altered(qtbot, db_path, demo_ws):
    demo_ws.close()
    shell = sqlite3.connect(db_path)
    shell.execute("UPDATE tasks SET title = 'Sửa lén' WHERE id = 1")
    shell.commit()
    shell.close()
    with Workspace.open(db_path) as ws:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        assert window.banner.isHidden()  # the log is checked off the UI thread, then said
        qtbot.waitUntil(lambda: not window.banner.isHidden(), timeout=5000)
        assert "Lịch sử thay đổi của cơ sở dữ liệu này đã bị can thiệp" in window.banner.text()
        assert "1 thay đổi được ghi bằng chương trình khác" in window.banner.text()


def test_a_second_window_opens_to_look_only_and_says_why(qtbot, db_path, demo_ws):
    ws = open_existing(db_path)  # demo_ws holds the writer lock
    try:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        assert ws.read_only_reason
        assert "đang được người dùng" in window.banner.text()
        assert "Chỉ xem, không ghi được thay đổi" in window.banner.text()
        assert not file_action(window, "&Khôi phục…").isEnabled()
    finally:
        ws.close()


def test_back_up_from_the_file_menu(qtbot, window, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(
        ask, "save_file", lambda parent, title, suggested: tmp_path / suggested.name
    )
    monkeypatch.setattr(
        ask, "tell", lambda parent, title, text, problem=False: told.append((text, problem))
    )
    file_action(window, "&Sao lưu…").trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)  # the copy runs off the UI thread
    [copy] = tmp_path.glob("so_ke_hoach_*.db")
    assert told == [(f"Đã sao lưu vào:\n{copy}\n\nBản sao đã được kiểm tra toàn vẹn.", False)]
    assert window.isEnabled()
    file_action(window, "&Sao lưu…").trigger()  # same name again: refused, said plainly
    qtbot.waitUntil(lambda: len(told) == 2, timeout=10_000)
    assert told[-1][1] is True and "Đã có tệp" in told[-1][0]


def test_restore_from_the_file_menu_asks_then_reloads(
    qtbot, window, demo_ws, tmp_path, monkeypatch
):
    told = []
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))
    monkeypatch.setattr(ask, "save_file", lambda parent, title, suggested: tmp_path / "truoc.db")
    file_action(window, "&Sao lưu…").trigger()
    qtbot.waitUntil(lambda: bool(told), timeout=10_000)
    demo_ws.office.save("Đổi Tên", "phuong")
    monkeypatch.setattr(ask, "open_file", lambda parent, title: tmp_path / "truoc.db")

    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: False)
    file_action(window, "&Khôi phục…").trigger()
    assert demo_ws.office.get().name == "Đổi Tên"  # the clerk said no: nothing changed

    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    file_action(window, "&Khôi phục…").trigger()
    qtbot.waitUntil(lambda: "Dữ liệu trước đó được giữ ở" in told[-1], timeout=10_000)
    assert demo_ws.office.get().name == "Trần Liêu"
    assert "UBND phường Trần Liêu" in window.windowTitle()


def test_an_unexpected_error_shows_a_report_logs_it_and_rolls_back(demo_ws, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "show", shown.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    log = tmp_path / "nhat_ky" / "so_ke_hoach.log"
    crash.install(lambda: demo_ws, log)
    demo_ws.db.execute("BEGIN IMMEDIATE")  # a change interrupted by the error
    demo_ws.db.execute("INSERT INTO units (name) VALUES ('Nửa chừng')")
    try:
        raise ValueError("lỗi thử")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert not demo_ws.db.conn.in_transaction
    assert demo_ws.units.find("Nửa chừng") is None
    [report] = shown
    assert "ValueError: lỗi thử" in report and "Sổ Kế hoạch" in report
    assert "ValueError: lỗi thử" in log.read_text(encoding="utf-8")


def test_an_error_is_still_shown_when_its_log_cannot_be_written(demo_ws, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(crash, "show", shown.append)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    blocked = tmp_path / "tep_thuong"
    blocked.write_text("không phải thư mục")  # the log's folder cannot be made here
    crash.install(lambda: demo_ws, blocked / "nhat_ky" / "so_ke_hoach.log")
    try:
        raise ValueError("lỗi thử")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1 and "ValueError: lỗi thử" in shown[0]


@pytest.mark.parametrize("count", [3])
def test_the_crash_log_rotates(tmp_path, count):
    logger = error_log.make_logger(tmp_path / "nhat_ky" / "a.log")
    for _ in range(count):
        logger.error("x" * (error_log.LOG_BYTES // 2))
    assert len(list((tmp_path / "nhat_ky").glob("a.log*"))) >= 2


def test_the_days_first_backup_is_taken_once_the_window_is_up(qtbot, db_path, demo_ws):
    """Copying and checking the file is not in the way of the window: it opens without
    it, then takes it off the UI thread."""
    from desktop.infra import backups

    demo_ws.close()
    folder = backups.folder_of(db_path)
    ws = open_existing(db_path)
    try:
        assert not list(folder.glob("*_hang_ngay.db"))  # not taken by the open
        window = MainWindow(ws)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: len(list(folder.glob("*_hang_ngay.db"))) == 1, timeout=5000)
        window.close()  # waits for what runs off the UI thread
        assert window.banner.isHidden()
    finally:
        ws.close()
    with Workspace.open(db_path) as again:  # a command still takes it itself: once a day
        assert again.warnings == ()
    assert len(list(folder.glob("*_hang_ngay.db"))) == 1


def test_a_daily_backup_that_fails_is_said_in_the_window(qtbot, db_path, demo_ws, monkeypatch):
    import db

    def full(database, dest):
        raise sqlite3.OperationalError("database or disk is full")

    demo_ws.close()
    monkeypatch.setattr(db, "copy_database", full)
    ws = open_existing(db_path)
    try:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        qtbot.waitUntil(lambda: not window.banner.isHidden(), timeout=5000)
        assert "Chưa tạo được bản sao lưu hằng ngày" in window.banner.text()
        assert "ổ đĩa đã đầy" in window.banner.text()
    finally:
        ws.close()


def test_a_damaged_database_is_put_right_from_its_last_good_backup(monkeypatch, demo_ws):
    """Issue 23, point 5: the window offers the newest backup that checks good in place of
    a file found damaged as it opens (after a kill), and keeps the damaged one."""
    path = demo_ws.path
    demo_ws.backups.daily()
    demo_ws.close()
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(size // 2 - (size // 2) % 4096)
        file.write(b"\xa5" * 3 * 4096)
    path.with_name(path.name + ".lock").write_text('\n{"user": "a", "host": "b", "pid": 1}')
    asked = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: asked.append(text) or True)
    ws = open_existing(path)
    try:
        assert "đã hỏng" in asked[0] and "Bản sao lưu tốt gần nhất" in asked[0]
        assert "lệnh" not in asked[0]  # the window names no command
        assert any("Đã khôi phục từ bản sao lưu" in said for said in ws.warnings)
        assert ws.plans.current() is not None and not ws.read_only_reason
    finally:
        ws.close()
    assert list((path.parent / "sao_luu").glob("*_da_hong.db"))
