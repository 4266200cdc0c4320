"""The main window on the demo plan: header, period picker, overview, tasks and indicators.

Expected figures come from the demo data, worked out by hand from the seed, not from
the widgets. The plan's own schedule makes the year report due 30/11 with data to 14/11
(demo choice), so year 2025 runs 15/11/2024–14/11/2025: 45 tasks = 1 done on time (V.1,
yearly by its title, its 2025 turn due at the 14/11 cut-off), 1 done late (I.1), 1 overdue
(I.6 due 9/2025), 9 not yet due (III.7 was done on 28/11, after the cut-off), 33
continuous (the 32 'Thường xuyên' and V.3's ongoing effort, 'Năm 2025 và những năm tiếp
theo') of which 19 have a 2025 report and 14 none. 55 indicators: the 23 with a 2025 target get
a verdict (10 met, 5 not met, 7 without data, 1 not assessable); of the other 32, 31 head
for 2030 or later and have no 2025 value, and Phụ lục 1 row 4 prints no target at all.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QStyleOptionViewItem
from qt_tables import cell, column_of, column_texts, row_where

from desktop.domain.periods import PeriodId, PeriodKind
from desktop.domain.task_state import TaskState
from desktop.workspace import Workspace
from ui.main_window import MainWindow, StartScreen
from ui.style import STATE_COLOURS, WrappingTable

YEAR_2025_STATES = {
    TaskState.DONE_ON_TIME: 1,
    TaskState.DONE_LATE: 1,
    TaskState.OVERDUE: 1,
    TaskState.NOT_DUE: 9,
    TaskState.ONGOING: 19,
    TaskState.ONGOING_UNREPORTED: 14,
}
YEAR_2025_TALLY = [
    ("Đánh giá tại mốc năm 2025", 23),
    ("    Đạt", 10),
    ("    Chưa đạt", 5),
    ("    Chưa có số liệu", 7),
    ("    Không đánh giá được", 1),
    ("Tiến độ đến mốc tiếp theo", 32),
    ("    Chưa có số liệu", 31),
    ("    Không có mục tiêu tiếp theo", 1),
]

# Quý III/2025 (data 15/06/2025–14/09/2025; the plan requires no quarterly report, so
# NĐ 09/2019 dates): the only reports are I.1 50%, I.6 20% and III.7 40%, all in
# progress, so nothing is done and no continuous task was reported on. Of the 12 tasks
# that are not continuous work, the dated ones fall due after 14/09/2025 (I.1 and I.6 on
# 30/09/2025, V.1's 2025 turn on 14/11/2025, III.3, III.7, V.6 on 31/12/2025, III.5 in
# 09/2026, II.4 in 2030) and the undated ones where the plan's last year is judged (I.7,
# II.5, III.2, V.11): none is overdue yet.
Q3_NOT_DUE = {
    "I.1", "I.6", "I.7", "II.4", "II.5", "III.2", "III.3",
    "III.5", "III.7", "V.1", "V.6", "V.11",
}  # fmt: skip
Q3_STATES = {
    TaskState.DONE_ON_TIME: 0,
    TaskState.DONE_LATE: 0,
    TaskState.OVERDUE: 0,
    TaskState.NOT_DUE: 12,
    TaskState.ONGOING: 0,
    TaskState.ONGOING_UNREPORTED: 33,
}
Q3_PROGRESS = {
    "I.1": "Đang thực hiện (50%)",
    "I.6": "Đang thực hiện (20%)",
    "III.7": "Đang thực hiện (40%)",
}

# Tasks led (alone or jointly) by Công an phường, read off the plan.
POLICE = "Công an phường"
POLICE_TASKS = {"II.1", "II.2", "II.3", "IV.5", "V.10", "V.13", "V.14", "VII.2"}

CULTURE = "Phòng Văn hóa - Xã hội"
OVERDUE_HEADER = "Quá hạn chưa\nhoàn thành"
UNREPORTED = "Thường xuyên – chưa báo cáo"


def tile_numbers(window: MainWindow) -> dict[TaskState, int]:
    return {s: int(tile.number.text()) for s, tile in window.overview.state_tiles.items()}


def tally(window: MainWindow) -> list[tuple[str, int]]:
    model = window.overview.tally_model
    counts = map(int, column_texts(model, "Số chỉ tiêu"))
    return list(zip(column_texts(model, "Đánh giá"), counts, strict=True))


def choose(combo, text: str) -> None:
    """Pick the entry reading `text`, as a user would."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} not offered: {[combo.itemText(i) for i in range(combo.count())]}"
    combo.setCurrentIndex(index)


def shown_codes(window: MainWindow) -> list[str]:
    return column_texts(window.tasks.model, "Mã")


# 1. Header, tabs, period picker --------------------------------------------------------


def test_window_title_names_the_committee(window):
    assert "UBND phường Trần Liêu" in window.windowTitle()
    assert window.windowTitle().startswith("Sổ Kế hoạch")


def test_the_tabs_in_order(window):
    titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    assert titles == ["Tổng quan", "Nhiệm vụ", "Chỉ tiêu", "Kinh phí", "Văn bản"]


def test_opens_on_the_next_report_to_send(qtbot, demo_ws):
    # Clock 20/01/2026: the 2025 report (due 20/12/2025) is behind; the year 2026 one is
    # next. Before, the window opened on last year's period because it had reports.
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    assert window.kind_box.currentText() == "Cả năm"
    assert window.year_box.currentData() == 2026
    assert window.selected_period().id == PeriodId(2026, PeriodKind.YEAR)


def test_the_fixture_shows_2025(window):
    assert window.year_box.currentText() == "2025"
    assert window.selected_period().id == PeriodId(2025, PeriodKind.YEAR)


def test_year_box_runs_from_plan_start_to_next_year(window):
    # Plan 2025–2045, today 20/01/2026: the picker offers up to next year, 2027.
    years = [window.year_box.itemData(i) for i in range(window.year_box.count())]
    assert years == [2025, 2026, 2027]


def test_period_dates_label(window):
    # The plan's schedule: units report by 30/11, data closes 14/11; upward by 20/12.
    assert window.period_dates.text() == (
        "Số liệu từ 15/11/2024 đến 14/11/2025 · các đơn vị gửi trước 30/11/2025, "
        "hạn gửi cấp trên 20/12/2025"
    )


# 2. Overview tab ---------------------------------------------------------------------


def test_overview_tiles_count_tasks_by_state(window):
    assert tile_numbers(window) == YEAR_2025_STATES
    assert window.overview.tasks_heading.text() == "Nhiệm vụ: 45"


def test_overview_counts_indicators_by_verdict_and_by_progress(window):
    assert tally(window) == YEAR_2025_TALLY
    assert window.overview.indicators_heading.text() == "Chỉ tiêu: 55"


def test_overview_counts_each_turn_and_lists_reports_due(window):
    # 11 one-off tasks once each, V.1's 2025 and 2026 turns: 13 turns.
    note = window.overview.occurrences_note.text()
    assert "13 lần" in note and "quá hạn chưa hoàn thành 1" in note
    # Clock 20/01/2026: the 2025 report has data; the 2026 one is next.
    assert window.overview.reports_due.text() == (
        "Năm 2026: các đơn vị gửi trước 30/11/2026, hạn gửi cấp trên 20/12/2026 — Chưa đến hạn"
    )


def test_an_open_period_says_its_states_speak_of_yesterday(budget_window):
    # Clock 20/01/2026: quý I of plan 41 runs to 10/03/2026 and is still open.
    assert budget_window.selected_period().key == "2026-Q1"
    note = budget_window.overview.occurrences_note.text()
    assert note.endswith(
        "Kỳ chưa chốt số liệu (ngày chốt 10/03/2026): tình trạng tính đến hết ngày 19/01/2026."
    )


def test_unit_table_puts_the_units_with_overdue_tasks_first(window):
    model = window.overview.unit_model
    overdue = column_of(model, OVERDUE_HEADER)
    units = column_texts(model, "Cơ quan chủ trì")
    # The one overdue task, I.6, is led by Phòng Văn hóa - Xã hội.
    assert units[0] == CULTURE
    for row in (0,):
        assert cell(model, row, overdue) == "1"
        brush = cell(model, row, overdue, Qt.ItemDataRole.BackgroundRole)
        assert isinstance(brush, QBrush)
        assert brush.color() == QColor(STATE_COLOURS[TaskState.OVERDUE])
    # Nobody else has an overdue task, and their cells are not highlighted.
    for row in range(1, model.rowCount()):
        assert cell(model, row, overdue) == "0"
        assert cell(model, row, overdue, Qt.ItemDataRole.BackgroundRole) is None


def test_unit_table_totals_count_joint_tasks_for_each_lead(window):
    model = window.overview.unit_model
    row = row_where(model, "Cơ quan chủ trì", POLICE)
    assert cell(model, row, column_of(model, "Tổng số")) == str(len(POLICE_TASKS))


# 3. Tasks tab ------------------------------------------------------------------------


def test_tasks_tab_lists_every_task(window):
    tab = window.tasks
    assert tab.model.rowCount() == 45
    assert tab.count_label.text() == "45/45 nhiệm vụ"
    assert tab.unit_filter.currentText() == "Tất cả cơ quan"
    assert tab.state_filter.currentText() == "Tất cả tình trạng"


def test_tasks_tab_states_match_the_tiles(window):
    states = column_texts(window.tasks.model, "Tình trạng")
    assert states.count("Quá hạn chưa hoàn thành") == 1
    assert states.count("Hoàn thành đúng hạn") == 1
    assert states.count("Hoàn thành quá hạn") == 1
    # III.7, not due in 2025, was done after the cut-off and is said so.
    assert states.count("Chưa đến hạn") == 8
    assert states.count("Hoàn thành sau ngày chốt số liệu (28/11/2025)") == 1
    assert states.count("Thường xuyên – đã báo cáo") == 19
    assert states.count(UNREPORTED) == 14


def test_state_filter_overdue_leaves_i6(window):
    tab = window.tasks
    choose(tab.state_filter, "Quá hạn chưa hoàn thành")
    assert shown_codes(window) == ["I.6"]
    assert column_texts(tab.model, "Cơ quan chủ trì") == [CULTURE]
    assert tab.count_label.text() == "1/45 nhiệm vụ"


def test_a_yearly_task_shows_each_turn_in_its_tooltip(window):
    # V.1 "Xây dựng Kế hoạch chuyển đổi số của phường hằng năm": yearly by its title.
    tab = window.tasks
    state = column_of(tab.model, "Tình trạng")
    assert cell(
        tab.model, row_where(tab.model, "Mã", "V.1"), state, Qt.ItemDataRole.ToolTipRole
    ) == (
        "Lần năm 2025 (hạn 14/11/2025): hoàn thành đúng hạn, xong ngày 20/10/2025\n"
        "Lần năm 2026 (hạn 14/11/2026): chưa đến hạn"
    )


def test_a_completion_after_the_cut_off_is_explained(window):
    # III.7 was reported done on 28/11/2025, after the 14/11/2025 cut-off.
    tab = window.tasks
    row = row_where(tab.model, "Mã", "III.7")
    label = cell(tab.model, row, column_of(tab.model, "Tình trạng"))
    assert label == "Hoàn thành sau ngày chốt số liệu (28/11/2025)"
    tip = cell(tab.model, row, column_of(tab.model, "Tình trạng"), Qt.ItemDataRole.ToolTipRole)
    assert "28/11/2025, sau ngày chốt số liệu" in tip


def test_state_filter_done_late_is_i1(window):
    # I.1 was due in 09/2025 and reported done on 15/10/2025.
    choose(window.tasks.state_filter, "Hoàn thành quá hạn")
    assert shown_codes(window) == ["I.1"]
    assert window.tasks.count_label.text() == "1/45 nhiệm vụ"


def test_unit_filter_keeps_tasks_the_unit_leads(window):
    tab = window.tasks
    choose(tab.unit_filter, POLICE)
    assert set(shown_codes(window)) == POLICE_TASKS
    assert tab.model.rowCount() == len(POLICE_TASKS)
    for leads in column_texts(tab.model, "Cơ quan chủ trì"):
        assert POLICE in leads.split("; ")
    assert tab.count_label.text() == f"{len(POLICE_TASKS)}/45 nhiệm vụ"


def test_unit_filter_matches_the_plans_leads(window, demo_ws):
    plan = demo_ws.plans.current()
    tab = window.tasks
    assert tab.unit_filter.count() > 1  # 'all units', then each lead unit
    for index in range(1, tab.unit_filter.count()):
        unit = tab.unit_filter.itemData(index)
        tab.unit_filter.setCurrentIndex(index)
        expected = [
            t.code for t in demo_ws.tasks.list(plan.id) if unit in {u.name for u in t.owners}
        ]
        assert expected, unit
        assert shown_codes(window) == expected
        assert tab.count_label.text() == f"{len(expected)}/45 nhiệm vụ"


def test_unit_and_state_filters_combine(window):
    tab = window.tasks
    choose(tab.state_filter, "Quá hạn chưa hoàn thành")
    choose(tab.unit_filter, POLICE)
    assert tab.model.rowCount() == 0
    assert tab.count_label.text() == "0/45 nhiệm vụ"
    choose(tab.unit_filter, CULTURE)
    assert shown_codes(window) == ["I.6"]
    choose(tab.state_filter, "Tất cả tình trạng")
    choose(tab.unit_filter, "Tất cả cơ quan")
    assert tab.model.rowCount() == 45


def test_unit_filter_offers_each_lead_unit_once(window, demo_ws):
    plan = demo_ws.plans.current()
    leads = {u for t in demo_ws.tasks.list(plan.id) for u in t.owners}
    combo = window.tasks.unit_filter
    offered = [(combo.itemData(i), combo.itemText(i)) for i in range(1, combo.count())]
    assert combo.itemText(0) == "Tất cả cơ quan"
    # A group the plan tasks together says so ("Các phòng chuyên môn (giao chung)").
    assert offered == sorted(
        (u.name, f"{u.name} (giao chung)" if u.collective else u.name) for u in leads
    )
    assert any(text.endswith("(giao chung)") for _, text in offered)


# 4. Switching to Quý III/2025 --------------------------------------------------------


def test_switching_to_q3_updates_dates_tiles_and_tasks(window):
    choose(window.kind_box, "Quý III")
    assert window.year_box.currentData() == 2025
    assert window.selected_period().id == PeriodId(2025, PeriodKind.QUARTER, 3)

    text = window.period_dates.text()
    assert "15/06/2025" in text
    assert "14/09/2025" in text
    assert "20/09/2025" in text
    assert "kế hoạch không yêu cầu báo cáo kỳ này" in text

    assert tile_numbers(window) == Q3_STATES
    # A quarter gives no verdict; no indicator value was recorded for it.
    assert tally(window) == [
        ("Tiến độ đến mốc tiếp theo", 55),
        ("    Chưa có số liệu", 53),
        ("    Không đánh giá được", 1),
        ("    Không có mục tiêu tiếp theo", 1),
    ]

    tab = window.tasks
    assert tab.model.rowCount() == 45
    assert tab.count_label.text() == "45/45 nhiệm vụ"
    codes = shown_codes(window)
    states = dict(zip(codes, column_texts(tab.model, "Tình trạng"), strict=True))
    assert {c for c, s in states.items() if s == "Chưa đến hạn"} == Q3_NOT_DUE
    assert {c for c, s in states.items() if s != "Chưa đến hạn"} == set(codes) - Q3_NOT_DUE
    assert all(s == UNREPORTED for c, s in states.items() if c not in Q3_NOT_DUE)

    progress = dict(zip(codes, column_texts(tab.model, "Tiến độ"), strict=True))
    assert {c: p for c, p in progress.items() if p != "Chưa báo cáo"} == Q3_PROGRESS


def test_q3_overdue_filter_is_empty_and_unit_table_has_no_overdue(window):
    choose(window.kind_box, "Quý III")
    choose(window.tasks.state_filter, "Quá hạn chưa hoàn thành")
    assert window.tasks.model.rowCount() == 0
    assert window.tasks.count_label.text() == "0/45 nhiệm vụ"
    model = window.overview.unit_model
    assert set(column_texts(model, OVERDUE_HEADER)) == {"0"}
    # Without overdue tasks the units are ordered by number of tasks led:
    # Phòng Văn hóa - Xã hội leads 17 of the 45.
    assert cell(model, 0, column_of(model, "Cơ quan chủ trì")) == CULTURE
    assert cell(model, 0, column_of(model, "Tổng số")) == "17"


def test_filters_survive_a_period_switch(window):
    tab = window.tasks
    choose(tab.unit_filter, CULTURE)
    choose(tab.state_filter, "Quá hạn chưa hoàn thành")
    assert shown_codes(window) == ["I.6"]
    choose(window.kind_box, "Quý III")
    assert tab.unit_filter.currentText() == CULTURE
    assert tab.model.rowCount() == 0
    choose(window.kind_box, "Cả năm")
    assert shown_codes(window) == ["I.6"]
    assert tile_numbers(window) == YEAR_2025_STATES


def test_select_period_moves_both_boxes(window):
    window.select_period(PeriodId(2025, PeriodKind.QUARTER, 3))
    assert window.kind_box.currentText() == "Quý III"
    assert window.year_box.currentText() == "2025"
    assert tile_numbers(window) == Q3_STATES


# 5. Indicators tab -------------------------------------------------------------------


def test_indicators_tab_verdicts(window):
    model = window.indicators.model
    assert model.rowCount() == 55
    verdict = column_of(model, "Đánh giá")
    assert cell(model, row_where(model, "Mã", "PL2-I/1"), verdict) == "Đạt"
    assert cell(model, row_where(model, "Mã", "PL2-I/2"), verdict) == "Chưa đạt"
    # Indicator 3 (6G coverage) has no 2025 target: it heads for 2035, no verdict.
    assert cell(model, row_where(model, "Mã", "PL2-I/3"), verdict) == "Chưa có số liệu"
    target = column_of(model, "Mục tiêu")
    assert cell(model, row_where(model, "Mã", "PL2-I/3"), target) == "50% (năm 2035)"


def test_indicators_tab_verdict_column_matches_the_counts(window):
    verdicts = column_texts(window.indicators.model, "Đánh giá")
    assert verdicts.count("Đạt") == 10
    assert verdicts.count("Chưa đạt") == 5
    assert verdicts.count("Chưa có số liệu") == 7 + 31
    assert verdicts.count("Không đánh giá được") == 1


def test_reconstructed_tasks_say_so(window):
    model = window.tasks.model
    row = row_where(model, "Mã", "V.8")
    tip = cell(model, row, column_of(model, "Nhiệm vụ"), Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Phối hợp phát triển hạ tầng số") and "\nGhi chú: Dữ liệu mẫu" in tip


def test_reconstructed_indicators_say_so(window):
    model = window.indicators.model
    row = row_where(model, "Mã", "PL2-IV/28")
    tip = cell(model, row, column_of(model, "Chỉ tiêu"), Qt.ItemDataRole.ToolTipRole)
    assert "Ghi chú: Dữ liệu mẫu" in tip


def test_indicator_value_shows_the_recorded_figure(window):
    # Indicator 1 was recorded as 72 for 2025 with a note from the network operator.
    model = window.indicators.model
    row = row_where(model, "Mã", "PL2-I/1")
    result = column_of(model, "Kết quả đến kỳ này")
    assert cell(model, row, result).startswith("72")
    assert cell(model, row, result, Qt.ItemDataRole.ToolTipRole) == "Theo số liệu của nhà mạng"


# 7. Empty database -------------------------------------------------------------------


def test_a_database_without_plans_offers_what_to_do_never_a_command_line(qtbot, ws):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    screen = window.start_screen
    assert isinstance(screen, StartScreen)
    texts = [b.text() for b in (screen.demo_button, screen.new_button, screen.open_button)]
    assert texts == ["Mở dữ liệu mẫu", "Tạo cơ sở dữ liệu của cơ quan…", "Mở tệp…"]
    assert "python" not in " ".join(label.text() for label in screen.findChildren(QLabel))
    assert window.banner.isHidden()  # nothing to warn about
    assert window.windowTitle() == "Sổ Kế hoạch — so_ke_hoach.db"
    assert window.plan is None
    assert not hasattr(window, "tabs")


def test_plan_for_next_year_opens_before_it_starts(qtbot, tmp_path):
    # Plans for next year are issued during this year (41/KH-UBND: 20/08/2025, for 2026).
    workspace = Workspace.open(
        tmp_path / "next_year.db",
        actor="Cán bộ thử nghiệm",
        clock=lambda: datetime(2025, 9, 1, 3, 0, tzinfo=UTC),
        create=True,
    )
    try:
        workspace.plans.create(
            "41/KH-UBND", "2025-08-20", "UBND xã Hưng Nguyên", "Chuyển đổi số năm 2026", 2026, 2026
        )
        window = MainWindow(workspace)
        qtbot.addWidget(window)
        assert window.year_box.currentData() == 2026
    finally:
        workspace.close()


# 9. Word-wrapped rows are tall enough --------------------------------------------------


def show_at_1280(qtbot, window: MainWindow, tab) -> None:
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.show_tab(tab)
    settle(qtbot, tab)


def settle(qtbot, tab) -> None:
    """Let the layout pass and the row-refit timer it queues run."""
    view = tab.findChild(WrappingTable)
    qtbot.waitUntil(lambda: view.isVisible() and not view.refitting)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not view.refitting)


def rows_too_short(view: WrappingTable, column: int) -> list[tuple[int, int, int]]:
    """(row, height, needed) for rows lower than the delegate asks for."""
    model, delegate = view.model(), view.itemDelegate()
    short = []
    for row in range(model.rowCount()):
        option = QStyleOptionViewItem()
        view.initViewItemOption(option)
        option.rect.setWidth(view.columnWidth(column))
        hint = delegate.sizeHint(option, model.index(row, column)).height()
        needed = max(view.sizeHintForRow(row), hint)
        if view.rowHeight(row) < needed:
            short.append((row, view.rowHeight(row), needed))
    return short


@pytest.mark.parametrize(
    ("demo", "tab_name", "header"),
    [
        ("window", "overview", "Cơ quan chủ trì"),
        ("window", "indicators", "Chỉ tiêu"),
        ("budget_window", "budget", "Nội dung"),
    ],
)
def test_other_tables_fit_their_wrapped_text(qtbot, request, demo, tab_name, header):
    window = request.getfixturevalue(demo)
    tab = getattr(window, tab_name)
    show_at_1280(qtbot, window, tab)
    view = tab.findChild(WrappingTable)
    assert view.model().rowCount() > 0
    assert rows_too_short(view, column_of(view.model(), header)) == []


def test_no_two_entries_of_a_menu_share_an_alt_letter(window):
    """Alt+letter picks one entry: two sharing a letter make the keyboard guess."""
    import re

    for menu in window.menuBar().actions():
        texts = [a.text() for a in menu.menu().actions() if a.text()]
        letters = [m.group(1).lower() for t in texts if (m := re.search(r"&(.)", t))]
        assert len(letters) == len(set(letters)), (menu.text(), texts)
        assert len(letters) == len(texts), (menu.text(), "an entry without an Alt letter")
