"""What the window says happened (issue 25, points 6 and 7): a success is never said in
the problems' red, an action that cannot act says why, and stored times read as the
clerk's, never as raw UTC."""

from __future__ import annotations

from modal import when_asked

from ui.indicator_dialog import IndicatorDialog
from ui.main_window import MainWindow
from ui.quarantine_dialog import QuarantineDialog
from ui.style import DONE_COLOUR, PROBLEM_COLOUR, problem_label


def test_the_form_line_is_green_for_what_was_done_and_red_for_what_was_not(qtbot):
    line = problem_label()
    qtbot.addWidget(line)
    line.done("Đã lưu báo cáo nhiệm vụ I.1.")
    assert DONE_COLOUR in line.styleSheet() and PROBLEM_COLOUR not in line.styleSheet()
    line.setText("Tỷ lệ hoàn thành phải từ 0 đến 100.")
    assert PROBLEM_COLOUR in line.styleSheet() and DONE_COLOUR not in line.styleSheet()
    line.done("Đã ghi đến nhiệm vụ cuối danh sách.")
    assert DONE_COLOUR in line.styleSheet()


def test_recording_indicators_on_a_plan_without_any_says_where_to_make_them(qtbot, ws, plan):
    """Ghi kết quả chỉ tiêu used to do nothing there: its form now opens and says so."""
    window = MainWindow(ws)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: not window.counting and window.report is not None, timeout=10000)
    assert window.indicator_action.isEnabled() and not window.report.indicators
    said = when_asked(lambda form: (type(form), form.heading.text(), form.name.text()))
    window.indicator_action.trigger()
    assert said == [
        (
            IndicatorDialog,
            "Kế hoạch này chưa có chỉ tiêu nào.",
            "Soạn chỉ tiêu ở Kế hoạch → Soạn chỉ tiêu…",
        )
    ]


def test_a_package_refused_is_listed_at_its_local_time(qtbot, ws):
    """Taken in at the test clock, 03:00 UTC: 10:00 in Hà Nội."""
    ws.receiving.quarantine("la.asice", "ab" * 32, "Không phải gói báo cáo.", period_id="2025")
    dialog = QuarantineDialog(ws)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 2).text() == "20/01/2026 10:00"
