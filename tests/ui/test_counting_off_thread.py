"""A big plan is counted off the UI thread on a read-only connection: the window stays
usable, recording waits for the new figures, and only the last period asked for shows.
The demo stands in for a big plan by lowering the size above which this happens."""

from __future__ import annotations

import pytest

from desktop.domain.periods import PeriodId, PeriodKind
from desktop.reports.status import build_status
from ui import counting, progress_dialog
from ui.main_window import MainWindow

YEAR_2025 = PeriodId(2025, PeriodKind.YEAR)
Q3_2025 = PeriodId(2025, PeriodKind.QUARTER, 3)


@pytest.fixture
def big_window(qtbot, demo_ws, monkeypatch):
    monkeypatch.setattr(counting, "INLINE_TASKS", 0)
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    settle(qtbot, window)
    yield window
    window.close()  # closes the read-only connection


def settle(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.report is not None and not window.counting, timeout=10000)


def test_the_window_opens_and_counts_in_the_background(big_window, demo_ws):
    reader = big_window.reader.workspace  # counted on the reader, not the main connection
    assert reader is not None and reader is not demo_ws and reader.read_only_reason
    expected = build_status(demo_ws, big_window.plan, big_window.report.period)
    assert big_window.report.task_counts == expected.task_counts
    assert big_window.tasks.model.total() == 45


def test_only_the_last_period_asked_for_is_shown(qtbot, big_window, demo_ws):
    big_window.select_period(Q3_2025)
    big_window.select_period(YEAR_2025)  # before the quarter's figures came back
    settle(qtbot, big_window)
    assert big_window.report.period.id == YEAR_2025
    expected = build_status(demo_ws, big_window.plan, big_window.report.period)
    assert big_window.report.task_counts == expected.task_counts
    tiles = {s: int(t.number.text()) for s, t in big_window.overview.state_tiles.items()}
    assert tiles == {s: expected.task_counts[s] for s in tiles}


def test_recording_waits_for_the_new_figures(qtbot, big_window, monkeypatch):
    opened = []
    monkeypatch.setattr(progress_dialog.ProgressDialog, "exec", lambda d: opened.append(d))
    big_window.select_period(Q3_2025)
    assert big_window.counting
    assert not big_window.progress_action.isEnabled()
    big_window.record_progress()
    assert opened == []  # the table still shows the previous period
    settle(qtbot, big_window)
    assert big_window.progress_action.isEnabled()
    big_window.record_progress()
    assert len(opened) == 1 and opened[0].period.id == Q3_2025


def test_what_was_saved_is_counted_after_a_refresh(qtbot, big_window, demo_ws):
    big_window.select_period(YEAR_2025)
    settle(qtbot, big_window)
    task = next(t for t in demo_ws.tasks.list(big_window.plan.id) if t.code == "I.6")
    demo_ws.progress.record(task.id, "2025", "hoan_thanh", 100, completed_on="2025-11-10")
    big_window.refresh()
    settle(qtbot, big_window)
    state = next(i.state for i in big_window.report.tasks if i.task.code == "I.6")
    assert state.value == "hoan_thanh_qua_han"  # due 30/09/2025, done 10/11/2025


def test_closing_the_window_while_counting_says_nothing_and_raises_nothing(
    qtbot, demo_ws, monkeypatch, capfd
):
    """Closed as soon as it opened: what was being worked on off the UI thread (the
    period, the audit chain) is waited for and dropped, and nothing new is started: the
    views it was for are gone. (An exception in a slot fails the test too: pytest-qt
    catches it.)"""
    monkeypatch.setattr(counting, "INLINE_TASKS", 0)
    window = MainWindow(demo_ws)
    window.show()
    window.select_period(Q3_2025)
    assert window.counting
    reader = window.reader
    window.close()
    window.deleteLater()
    qtbot.wait(300)  # the count's result, had it been kept, would have arrived by now
    assert reader.workspace is None  # its connection closed with the window
    _, err = capfd.readouterr()
    assert "Error" not in err and "Traceback" not in err, err
