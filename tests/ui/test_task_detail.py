"""The detail pane: the selected task in full, its reports across periods with their
evidence, why it is in its state, and its change history in plain Vietnamese."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import Qt, QUrl
from qt_tables import retype_date, row_where, type_text
from test_recording import choose_status, drive

from desktop.domain.model import ProgressStatus
from desktop.domain.periods import PeriodId, PeriodKind
from ui import ask, evidence
from ui.main_window import MainWindow
from ui.progress_dialog import ProgressDialog


def select(qtbot, window: MainWindow, code: str) -> str:
    """Select the task as a click would and wait for the pane; returns its plain text."""
    tab = window.tasks
    tab.view.setCurrentIndex(tab.model.index(row_where(tab.model, "Mã", code), 0))
    pane = window.task_detail
    qtbot.waitUntil(lambda: code + "." in pane.toPlainText())
    return pane.toPlainText()


def test_the_pane_shows_the_whole_task_and_why_it_is_late(qtbot, window):
    text = select(qtbot, window, "I.1")
    # The full title, which the table cuts short.
    assert "Triển khai thực hiện chương trình tuyên truyền thường xuyên, sâu rộng" in text
    assert "có mục tiêu cụ thể" in text
    assert "Trung tâm Văn hóa, Thể thao và Truyền thông" in text
    assert "Một lần (hạn 30/09/2025)" in text
    assert "Tình trạng kỳ này:  Hoàn thành quá hạn" in text
    assert "xong ngày 15/10/2025" in text


def test_the_pane_lists_the_reports_of_every_period(qtbot, window):
    text = select(qtbot, window, "I.1")
    reports = text[text.index("Báo cáo các kỳ") : text.index("Lịch sử thay đổi")]
    q3, year = reports.index("Quý III năm 2025\n"), reports.index("Năm 2025\n")
    assert q3 < year  # oldest first
    assert "Đang thực hiện (50%)\n\nĐã đăng tải 12 tin, bài tuyên truyền" in reports
    assert "Năm 2025\nĐã hoàn thành (100%)\n15/10/2025\nĐã triển khai chương trình" in reports


def test_the_pane_follows_the_selection_and_says_when_nothing_is_chosen(qtbot, window):
    select(qtbot, window, "I.1")
    text = select(qtbot, window, "II.4")
    assert "Triển khai thực hiện chương trình tuyên truyền" not in text
    window.tasks.search.setText("không có nhiệm vụ nào như thế")
    qtbot.waitUntil(lambda: "Chọn một nhiệm vụ" in window.task_detail.toPlainText())


def test_a_saved_report_appears_in_the_history_with_who_and_what(
    qtbot, window, demo_ws, monkeypatch
):
    window.select_period(PeriodId(2026, PeriodKind.QUARTER, 1))
    select(qtbot, window, "I.7")

    def scenario(dialog):
        choose_status(dialog, ProgressStatus.DONE)
        retype_date(dialog.done_on, "15/01/2026")
        type_text(dialog.result_text.viewport(), "Đã phổ biến Quy tắc ứng xử tới 45 cán bộ.")
        dialog.save()

    drive(monkeypatch, ProgressDialog, scenario)
    window.record_progress()
    pane = window.task_detail
    qtbot.waitUntil(lambda: "Đã phổ biến Quy tắc ứng xử" in pane.toPlainText())
    text = pane.toPlainText()
    history = text[text.index("Lịch sử thay đổi") :]
    newest = history.splitlines()[1]
    assert "Cán bộ thử nghiệm" in newest and "I.7" in newest
    assert "Báo cáo quý I năm 2026: Đã hoàn thành, 100%, xong ngày 15/01/2026" in history
    assert "Kết quả thực hiện: «Đã phổ biến Quy tắc ứng xử tới 45 cán bộ.»" in history


def test_an_edit_made_outside_the_app_is_shown_as_such(qtbot, window, demo_ws):
    task = next(t for t in demo_ws.tasks.list(demo_ws.plans.current().id) if t.code == "II.4")
    outside = sqlite3.connect(demo_ws.path)
    with outside:
        outside.execute("UPDATE tasks SET title = 'Tên bị sửa tay' WHERE id = ?", [task.id])
    outside.close()
    window.refresh()
    text = select(qtbot, window, "II.4")
    history = text[text.index("Lịch sử thay đổi") :]
    assert "ngoài phần mềm (không qua Sổ Kế hoạch)" in history
    assert "Tên nhiệm vụ: «Xây dựng kế hoạch để phát triển" in history
    assert "→ «Tên bị sửa tay»" in history


def test_evidence_in_the_pane_opens_with_a_click(qtbot, window, demo_ws, tmp_path, monkeypatch):
    scan = tmp_path / "bien_ban_nghiem_thu.pdf"
    scan.write_bytes(b"%PDF-1.4 bien ban")
    monkeypatch.setattr(ask, "open_files", lambda parent, title: [scan])
    opened = []
    monkeypatch.setattr(evidence, "show_file", opened.append)
    select(qtbot, window, "I.1")

    def scenario(dialog):
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, ProgressDialog, scenario)
    window.record_progress()
    pane = window.task_detail
    qtbot.waitUntil(lambda: "bien_ban_nghiem_thu.pdf" in pane.toPlainText())
    link = next(a.id for a in demo_ws.attachments.list("progress_id", _year_report(demo_ws)))
    pane.anchorClicked.emit(QUrl(f"minh-chung:{link}"))
    assert opened and opened[0].read_bytes() == scan.read_bytes()
    assert "Đính kèm tệp «bien_ban_nghiem_thu.pdf»" in pane.toPlainText()


def _year_report(ws) -> int:
    task = next(t for t in ws.tasks.list(ws.plans.current().id) if t.code == "I.1")
    return ws.progress.get(task.id, PeriodId(2025, PeriodKind.YEAR)).id
