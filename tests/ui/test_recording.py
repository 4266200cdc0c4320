"""Recording in the window: progress with evidence, indicator values; driven through the
widgets (double-click, Enter, context menu, keys), then checked in the database."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from qt_tables import cell, column_of, retype_date, row_where, type_text

from desktop.domain.model import ProgressStatus
from desktop.domain.periods import PeriodId, PeriodKind
from desktop.services import attachments
from desktop.workspace import Workspace
from ui import ask, evidence
from ui.indicator_dialog import IndicatorDialog
from ui.main_window import MainWindow
from ui.progress_dialog import ProgressDialog
from ui.style import DONE_COLOUR


def task_row(window, code: str) -> int:
    return row_where(window.tasks.model, "Mã", code)


def drive(monkeypatch, dialog_class, scenario, qtbot=None):
    """Open the form the way the window does, and run `scenario(dialog)` in it (shown and
    active when `qtbot` is given, so its keyboard shortcuts work)."""
    seen = []

    def exec_(dialog):
        seen.append(dialog)
        if qtbot is not None:
            dialog.show()
            dialog.activateWindow()
            qtbot.waitUntil(dialog.isActiveWindow)
        scenario(dialog)
        dialog.close()
        return 0

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return seen


def choose_status(dialog, status: ProgressStatus) -> None:
    dialog.status.setCurrentIndex(dialog.status.findData(status.value))


def ctrl_enter(qtbot, dialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def test_double_click_opens_the_form_on_that_task_and_ctrl_enter_saves_and_moves_on(
    qtbot, window, demo_ws, monkeypatch
):
    window.select_period(PeriodId(2026, PeriodKind.QUARTER, 1))
    view = window.tasks.view
    row = task_row(window, "I.7")
    steps = []

    def scenario(dialog):
        steps.append(dialog.item.task.code)
        choose_status(dialog, ProgressStatus.DONE)
        retype_date(dialog.done_on, "15/01/2026")
        type_text(dialog.result_text.viewport(), "Đã phổ biến Quy tắc ứng xử tới 45 cán bộ.")
        ctrl_enter(qtbot, dialog)
        steps.append(dialog.item.task.code)

    drive(monkeypatch, ProgressDialog, scenario, qtbot)
    window.show()
    window.show_tab(window.tasks)
    qtbot.waitExposed(window)
    index = window.tasks.model.index(row, 1)
    view.scrollTo(index)
    view.setCurrentIndex(index)
    where = view.visualRect(index).center()
    # As a hand does it: the first click selects, the second one of the pair opens.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert steps == ["I.7", "II.1"]
    task = next(t for t in demo_ws.tasks.list(1) if t.code == "I.7")
    report = demo_ws.progress.get(task.id, PeriodId.parse("2026-Q1"))
    assert (report.status, report.completed_on) == (ProgressStatus.DONE, date(2026, 1, 15))
    assert report.result == "Đã phổ biến Quy tắc ứng xử tới 45 cán bộ."
    # The window shows it once the form is closed.
    state = column_of(window.tasks.model, "Tình trạng")
    assert cell(window.tasks.model, task_row(window, "I.7"), state) == "Hoàn thành đúng hạn"


def test_enter_and_the_context_menu_open_the_form_too(qtbot, window, monkeypatch):
    seen = drive(monkeypatch, ProgressDialog, lambda dialog: None)
    view = window.tasks.view
    view.setCurrentIndex(window.tasks.model.index(task_row(window, "III.7"), 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    window.tasks.record_action.trigger()
    assert [d.item.task.code for d in seen] == ["III.7", "III.7"]


def test_nothing_is_saved_while_the_form_is_invalid(qtbot, window, demo_ws, monkeypatch):
    before = demo_ws.audit.count()

    def scenario(dialog):
        choose_status(dialog, ProgressStatus.IN_PROGRESS)
        dialog.percent.setValue(100)
        assert "từ 0 đến 99%" in dialog.problem.text()
        assert not dialog.save_button.isEnabled() and not dialog.next_button.isEnabled()
        ctrl_enter(qtbot, dialog)  # the shortcut does not get round it
        dialog.percent.setValue(60)
        assert dialog.problem.text() == "" and dialog.save_button.isEnabled()
        # Leaving with the form unsaved: the clerk answers «Không lưu».
        monkeypatch.setattr(ask, "unsaved", lambda parent, what: ask.Unsaved.DISCARD)

    drive(monkeypatch, ProgressDialog, scenario, qtbot)
    window.record_progress()
    assert demo_ws.audit.count() == before


def test_unsaved_text_is_not_lost_when_moving_on(qtbot, window, demo_ws, monkeypatch):
    answers = []
    monkeypatch.setattr(ask, "unsaved", lambda parent, what: answers.pop(0))

    def scenario(dialog):
        first = dialog.item.task.code
        type_text(dialog.difficulties.viewport(), "Thiếu kinh phí")
        answers.append(ask.Unsaved.CANCEL)
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
        assert dialog.item.task.code == first  # stayed, text still there
        assert dialog.difficulties.toPlainText() == "Thiếu kinh phí"
        answers.append(ask.Unsaved.SAVE)
        qtbot.mouseClick(dialog.forward_button, Qt.MouseButton.LeftButton)
        assert dialog.item.task.code != first
        type_text(dialog.proposals.viewport(), "Bỏ đi")
        answers.append(ask.Unsaved.DISCARD)

    seen = drive(monkeypatch, ProgressDialog, scenario)
    window.tasks.view.setCurrentIndex(window.tasks.model.index(0, 0))
    window.record_progress()
    first, second = seen[0].items[0].task, seen[0].items[1].task
    assert demo_ws.progress.get(first.id, PeriodId(2025, PeriodKind.YEAR)).difficulties == (
        "Thiếu kinh phí"
    )
    report = demo_ws.progress.get(second.id, PeriodId(2025, PeriodKind.YEAR))
    assert report is None or report.proposals != "Bỏ đi"
    assert answers == []


def test_the_previous_period_is_shown_for_reference(qtbot, window, monkeypatch):
    seen = drive(monkeypatch, ProgressDialog, lambda dialog: None)
    window.tasks.view.setCurrentIndex(window.tasks.model.index(task_row(window, "III.7"), 0))
    window.record_progress()
    text = seen[0].previous.text()
    assert text.startswith("Quý III năm 2025: Đang thực hiện (40%)")
    assert "18/45 cán bộ" in text


def test_a_recurring_task_reports_on_its_oldest_open_turn(
    qtbot, window, demo_ws, clock, monkeypatch
):
    # V.1 "Xây dựng Kế hoạch chuyển đổi số của phường hằng năm", yearly by its title: its
    # 2025 turn was done, its 2026 turn (due 14/11/2026) was missed.
    clock.set_today(2027, 2, 20)
    window.select_period(PeriodId(2027, PeriodKind.QUARTER, 1))

    def scenario(dialog):
        assert dialog.turn.isVisibleTo(dialog)
        assert dialog.turn.currentText() == "Lần năm 2026 (hạn 14/11/2026)"
        choose_status(dialog, ProgressStatus.DONE)
        retype_date(dialog.done_on, "10/02/2027")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    drive(monkeypatch, ProgressDialog, scenario)
    window.tasks.view.setCurrentIndex(window.tasks.model.index(task_row(window, "V.1"), 0))
    window.record_progress()
    state = column_of(window.tasks.model, "Tình trạng")
    assert cell(window.tasks.model, task_row(window, "V.1"), state) == "Hoàn thành quá hạn"


def test_evidence_is_attached_opened_and_removed(qtbot, window, demo_ws, tmp_path, monkeypatch):
    scan = tmp_path / "bien_ban.pdf"
    scan.write_bytes(b"%PDF-1.4 bi\xc3\xaan b\xe1\xba\xa3n")
    opened = []
    monkeypatch.setattr(ask, "open_files", lambda parent, title: [scan])
    monkeypatch.setattr(evidence, "show_file", opened.append)
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)

    def scenario(dialog):
        type_text(dialog.result_text.viewport(), "Có biên bản")
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)  # saves first
        assert dialog.evidence.count() == 1
        assert dialog.evidence.item(0).text().startswith("bien_ban.pdf")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        assert opened[0].read_bytes() == scan.read_bytes()
        report_id = dialog.report.id
        assert [a.filename for a in demo_ws.attachments.list("progress_id", report_id)] == [
            "bien_ban.pdf"
        ]
        qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
        assert dialog.evidence.count() == 0
        assert demo_ws.attachments.list("progress_id", report_id) == []

    drive(monkeypatch, ProgressDialog, scenario)
    window.record_progress()


def test_a_file_over_the_limit_is_refused_plainly(qtbot, window, tmp_path, monkeypatch):
    big = tmp_path / "video.mp4"
    big.write_bytes(b"\x00" * 4096)
    told = []
    monkeypatch.setattr(attachments, "MAX_BYTES", 1024)
    monkeypatch.setattr(ask, "open_files", lambda parent, title: [big])
    monkeypatch.setattr(ask, "tell", lambda parent, title, text, problem=False: told.append(text))

    def scenario(dialog):
        qtbot.mouseClick(dialog.attach_button, Qt.MouseButton.LeftButton)
        assert dialog.evidence.count() == 0

    drive(monkeypatch, ProgressDialog, scenario)
    window.record_progress()
    assert "vượt giới hạn" in told[0]


def test_indicator_values_with_a_decimal_comma(qtbot, window, demo_ws, monkeypatch):
    model = window.indicators.model
    row = row_where(model, "Mã", "PL2-I/2")  # 2025 target 94%, recorded 88
    verdict = column_of(model, "Đánh giá")
    assert cell(model, row, verdict) == "Chưa đạt"

    def scenario(dialog):
        assert dialog.item.indicator.code == "2"
        assert "Mục tiêu năm 2025: 94%" in dialog.target.text()
        dialog.number.clear()
        type_text(dialog.number, "abc")
        assert "không phải một số" in dialog.problem.text()
        dialog.number.clear()
        type_text(dialog.number, "94,5")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert dialog.problem.text() == "Đã lưu kết quả chỉ tiêu 2. Đánh giá: Đạt."
        assert DONE_COLOUR in dialog.problem.styleSheet()  # said in green, not as a problem

    drive(monkeypatch, IndicatorDialog, scenario)
    window.indicators.view.setCurrentIndex(model.index(row, 0))
    window.record_indicator()
    value = demo_ws.indicators.value(
        window.report.indicators[row].indicator.id, PeriodId(2025, PeriodKind.YEAR)
    )
    assert value.value == 94.5
    assert cell(window.indicators.model, row, verdict) == "Đạt"


def test_read_only_windows_offer_no_recording(qtbot, db_path, demo_ws):
    demo_ws.close()
    with Workspace.open(db_path, read_only=True) as ws:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        assert not window.progress_action.isEnabled()
        assert not window.tasks.record_action.isEnabled()
        window.record_progress()  # does nothing


@pytest.mark.parametrize("keys", ["Ctrl+Return", "Ctrl+Enter"])
def test_the_save_and_next_shortcut_is_offered(keys, qtbot, window, monkeypatch):
    seen = drive(monkeypatch, ProgressDialog, lambda dialog: None)
    window.record_progress()
    assert QKeySequence(keys) in {s.key() for s in seen[0].findChildren(QShortcut)}


def test_a_completion_after_the_cut_off_says_where_it_counts(qtbot, window, monkeypatch):
    # Seed 001, mục III.7 ("Thang 12/2025"): done on 28/11/2025, after the 2025 report's
    # 14/11 cut-off. The form says so while the date is typed, before anything is saved.
    seen = []

    def scenario(dialog):
        choose_status(dialog, ProgressStatus.DONE)
        retype_date(dialog.done_on, "28/11/2025")
        seen.append(dialog.counting_note.text())
        retype_date(dialog.done_on, "10/11/2025")
        seen.append(dialog.counting_note.text())
        monkeypatch.setattr(ask, "unsaved", lambda parent, what: ask.Unsaved.DISCARD)

    drive(monkeypatch, ProgressDialog, scenario)
    window.tasks.view.setCurrentIndex(window.tasks.model.index(task_row(window, "III.7"), 0))
    window.record_progress()
    assert seen[0].endswith("hoàn thành được tính vào năm 2026.")
    assert "sau ngày chốt số liệu của năm 2025 (14/11/2025)" in seen[0]
    assert seen[1] == ""


def test_a_completion_typed_as_a_clerk_types_it_is_read_and_a_future_one_refused(
    qtbot, window, demo_ws, monkeypatch
):
    """Issue 25, point 2: '20122025' in 'Đã hoàn thành' became 06/02/2026 and a future day
    was bent to today. Now the day typed is the day read, and one after today is refused
    on save with the core's words (the clock says 20/01/2026)."""
    monkeypatch.setattr(ask, "unsaved", lambda parent, what: ask.Unsaved.DISCARD)
    window.select_period(PeriodId(2026, PeriodKind.QUARTER, 1))
    seen = []

    def scenario(dialog):
        choose_status(dialog, ProgressStatus.DONE)
        retype_date(dialog.done_on, "20122025")
        seen.append((dialog.done_on.edit.text(), dialog.done_on.words.text()))
        retype_date(dialog.done_on, "25/01/2026")
        seen.append((dialog.problem.text(), dialog.save_button.isEnabled()))
        dialog.reject()  # the clerk leaves, answering "Bỏ thay đổi" to the question

    drive(monkeypatch, ProgressDialog, scenario, qtbot)
    window.tasks.view.setCurrentIndex(window.tasks.model.index(task_row(window, "I.7"), 0))
    window.record_progress()
    assert seen[0] == ("20122025", "Thứ bảy, ngày 20 tháng 12 năm 2025")
    said, can_save = seen[1]
    assert "Ngày hoàn thành 25/01/2026 chưa tới (hôm nay là 20/01/2026)" in said
    assert not can_save
