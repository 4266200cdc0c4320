"""Kế hoạch → Lịch báo cáo…: the plan's reporting calendar, set any time with the editor of
the first-run wizard's page 3 (Enter in the wizard's boxes: tests/ui/test_first_run.py);
Enter in its boxes sets what they hold; what `schedule` reads back is what was set."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from test_office_dialog import opened, plan_menu_texts, retype
from test_plan_forms import scripted

from desktop.cli import main
from desktop.demo.tran_lieu import SCHEDULE_TEXT
from desktop.domain.periods import PeriodId, PeriodKind
from ui import ask
from ui.calendar_dialog import CalendarDialog
from ui.main_window import MainWindow

SENTENCE = "Định kỳ 6 tháng trước ngày 15/6 và hằng năm trước ngày 30/11"


def read_back(db_path, capsys) -> dict:
    """The calendar as the command line's `schedule` reads it."""
    capsys.readouterr()
    assert main(["--db", str(db_path), "schedule", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def left_open(dialog) -> None:
    """Closed at the end of a test that left something typed, without a question."""
    dialog.calendar.sentence.clear()
    dialog.reject()


def test_the_calendar_is_set_from_the_plan_menu_and_schedule_reads_it_back(
    qtbot, demo_ws, db_path, window, monkeypatch, capsys
):
    assert "&Lịch báo cáo…" in plan_menu_texts(window)
    assert window.calendar_action.isEnabled()
    seen = {}

    def set_calendar(dialog: CalendarDialog):
        opened(qtbot, dialog)
        editor = dialog.calendar
        seen["focus"] = dialog.focusWidget() is editor.sentence
        seen["sentence"] = editor.sentence.text()
        retype(qtbot, editor.sentence, SENTENCE)
        qtbot.keyClick(editor.sentence, Qt.Key.Key_Return)  # reads it, the dialog stays
        seen["after enter"] = (dialog.isVisible(), editor.problem.text(), editor.rules.text())
        qtbot.keyClick(editor.sentence, Qt.Key.Key_Escape)  # nothing left to ask about
        seen["closed"] = not dialog.isVisible()

    scripted(monkeypatch, CalendarDialog, set_calendar)
    window.calendar_action.trigger()

    assert seen["focus"] and seen["sentence"] == SCHEDULE_TEXT and seen["closed"]
    visible, problem, rules = seen["after enter"]
    assert visible and problem == "" and f"(theo câu «{SENTENCE}»)" in rules
    rules = read_back(db_path, capsys)["rules"]
    assert [(r["kind"], r["units_due_day"], r["source_text"]) for r in rules] == [
        ("half", 15, SENTENCE),
        ("year", 30, SENTENCE),
    ]
    assert rules[1]["close_day"] == 14 and rules[1]["close_month_offset"] == -1  # kept: 14/11


def test_enter_in_a_kinds_day_sets_that_kind_and_the_window_shows_the_new_due_date(
    qtbot, demo_ws, db_path, window, monkeypatch, capsys
):
    window.select_period(PeriodId(2026, PeriodKind.YEAR))
    assert "20/12/2026" in window.period_dates.text()

    def later_upward(dialog: CalendarDialog):
        opened(qtbot, dialog)
        editor = dialog.calendar
        editor.kind.setCurrentIndex(editor.kind.findData(PeriodKind.YEAR.value))
        assert (editor.due.text(), editor.upward.text()) == ("30/11", "20/12")
        retype(qtbot, editor.upward, "25/12")
        qtbot.keyClick(editor.upward, Qt.Key.Key_Return)
        assert dialog.isVisible() and editor.problem.text() == ""
        assert "hạn gửi cấp trên 25/12" in editor.rules.text()
        dialog.reject()

    scripted(monkeypatch, CalendarDialog, later_upward)
    window.calendar_action.trigger()
    year = read_back(db_path, capsys)["rules"][0]
    assert (year["due_day"], year["due_month_offset"]) == (25, 0)
    qtbot.waitUntil(lambda: "25/12/2026" in window.period_dates.text())  # the window settled


@pytest.mark.parametrize(
    ("answer", "open_after", "kinds"),
    [
        (ask.Unsaved.CANCEL, True, ["year"]),
        (ask.Unsaved.DISCARD, False, ["year"]),
        (ask.Unsaved.SAVE, False, ["half", "year"]),
    ],
)
def test_esc_with_a_sentence_not_read_asks_first(
    qtbot, demo_ws, db_path, monkeypatch, capsys, answer, open_after, kinds
):
    asked = []
    monkeypatch.setattr(ask, "unsaved", lambda parent, what: asked.append(what) or answer)
    dialog = CalendarDialog(demo_ws, demo_ws.plans.current())
    qtbot.addWidget(dialog)
    opened(qtbot, dialog)
    retype(qtbot, dialog.calendar.sentence, SENTENCE)
    qtbot.keyClick(dialog.calendar.sentence, Qt.Key.Key_Escape)
    assert asked == ["Lịch báo cáo"] and dialog.isVisible() == open_after
    assert [r["kind"] for r in read_back(db_path, capsys)["rules"]] == kinds
    if open_after:
        left_open(dialog)


def test_saving_a_sentence_that_cannot_be_read_keeps_the_dialog_open_with_the_reason(
    qtbot, demo_ws, monkeypatch
):
    monkeypatch.setattr(ask, "unsaved", lambda parent, what: ask.Unsaved.SAVE)
    dialog = CalendarDialog(demo_ws, demo_ws.plans.current())
    qtbot.addWidget(dialog)
    opened(qtbot, dialog)
    retype(qtbot, dialog.calendar.sentence, "Báo cáo định kỳ hằng quý")
    qtbot.keyClick(dialog.calendar.sentence, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert dialog.calendar.problem.text() == (
        "«Báo cáo định kỳ hằng quý» không ghi hạn gửi báo cáo quý. Chọn báo cáo quý ở dòng "
        "«Hoặc từng loại», ghi hạn ở ô «đơn vị gửi» rồi bấm «Đặt»."
    )
    left_open(dialog)


def test_esc_with_nothing_typed_just_closes(qtbot, demo_ws):
    dialog = CalendarDialog(demo_ws, demo_ws.plans.current())  # a question would fail
    qtbot.addWidget(dialog)
    opened(qtbot, dialog)
    editor = dialog.calendar
    editor.kind.setCurrentIndex(editor.kind.findData(PeriodKind.QUARTER.value))
    qtbot.keyClick(editor.sentence, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_no_calendar_without_a_plan(qtbot, ws):
    ws.office.save("Hưng Nguyên", "xa")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert not window.calendar_action.isEnabled() and window.office_action.isEnabled()
