"""The screen agrees with itself (issue 25, point 8): on one day, a task's state reads the
same in the task table, in the detail pane under it and on the Tổng quan tab; a turn due
in 8 days is 'chưa đến hạn' where the overview says 'còn 8 ngày', and no task recorded
'Đã hoàn thành' stands beside 'Quá hạn chưa hoàn thành' (the cases: tests/state_cases.py)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from qt_tables import cell, column_of, column_texts
from state_cases import build_cases

from desktop.domain.periods import PeriodId, PeriodKind
from desktop.domain.task_state import STATE_LABELS
from ui.main_window import MainWindow


@pytest.fixture
def cases_window(qtbot, ws, clock):
    build_cases(ws, clock)  # the clock stops at 06/12/2026
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.select_period(PeriodId(2026, PeriodKind.YEAR))
    return window


def walk_the_table(qtbot, window: MainWindow) -> dict[str, tuple[str, str, str, str]]:
    """Down the task list by keyboard, row by row: per code, the state and progress cells,
    what the detail pane says the state is, and the pane's whole text."""
    window.resize(1366, 768)
    window.show()
    window.show_tab(window.tasks)
    qtbot.waitExposed(window)
    tab, pane = window.tasks, window.task_detail
    model, view = tab.model, tab.view
    view.setFocus()
    seen = {}
    for row in range(model.rowCount()):
        qtbot.keyClick(view, Qt.Key.Key_Home if row == 0 else Qt.Key.Key_Down)
        assert view.currentIndex().row() == row
        code = cell(model, row, column_of(model, "Mã"))
        qtbot.waitUntil(lambda code=code: pane.toPlainText().startswith(f"{code}. "))
        text = pane.toPlainText()
        said = re.search(r"Tình trạng kỳ này:\s+(.+)", text)
        assert said is not None
        seen[code] = (
            cell(model, row, column_of(model, "Tình trạng")),
            cell(model, row, column_of(model, "Tiến độ")),
            said.group(1).strip(),
            text,
        )
    return seen


def test_the_table_the_pane_and_the_overview_say_the_same_that_day(qtbot, cases_window):
    window = cases_window
    seen = walk_the_table(qtbot, window)
    assert set(seen) == set("ABCDEFGH")
    for code, (state, _, in_pane, _) in seen.items():
        assert in_pane == state, code
    # The turn the overview counts days to is not due in the table either.
    overview = window.overview
    assert column_texts(overview.due_model, "Mã") == ["B", "A"]
    assert column_texts(overview.due_model, "Còn") == ["hôm nay", "còn 8 ngày"]
    assert column_texts(overview.due_model, "Lần thực hiện") == ["Mốc hoàn thành", "Lần năm 2026"]
    assert seen["A"][0] == seen["B"][0] == "Chưa đến hạn"
    assert seen["A"][1] == "Đang thực hiện (60%)"
    assert "Lần năm 2026 (hạn 14/12/2026): chưa đến hạn" in seen["A"][3]
    # The tiles count what the table shows.
    shown = [state for state, *_ in seen.values()]
    for state, tile in overview.state_tiles.items():
        assert tile.number.text() == str(shown.count(STATE_LABELS[state])), state
    # Done is never beside overdue: a yearly task done in 2025 and not in 2026 (H), or
    # done in 2026 and never in 2025 (G), shows the overdue turn's progress.
    for code, (state, progress, *_) in seen.items():
        if state == "Quá hạn chưa hoàn thành":
            assert not progress.startswith("Đã hoàn thành"), code
    assert seen["H"][:2] == ("Quá hạn chưa hoàn thành", "Chưa báo cáo")
    assert seen["F"][:2] == ("Hoàn thành quá hạn", "Đã hoàn thành (100%)")
    model = window.tasks.model
    row = column_texts(model, "Mã").index("H")
    tooltip = cell(model, row, column_of(model, "Tiến độ"), Qt.ItemDataRole.ToolTipRole)
    assert tooltip == "Chưa có báo cáo tiến độ về lần năm 2026."
