"""The period a clerk chose stays chosen, the plan's own periods come first, and the
file shown stays as it is when opened again."""

from __future__ import annotations

from desktop.domain.periods import PeriodId, PeriodKind, periods_of_year
from ui.main_window import MainWindow


def kinds(window: MainWindow) -> list[str]:
    box = window.kind_box
    return [box.itemText(i) or "—" for i in range(box.count())]  # "—": the separator


def test_saving_a_plan_edit_keeps_the_period_chosen(qtbot, demo_ws):
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.select_period(PeriodId(2026, PeriodKind.QUARTER, 3))
    plan = window.plan
    demo_ws.plans.update(plan.id, summary=plan.summary + " (đã sửa)")
    window.settle()  # the plan changed: the window is rebuilt
    assert window.plan.summary.endswith("(đã sửa)")
    assert window.selected_period().id == PeriodId(2026, PeriodKind.QUARTER, 3)
    assert window.kind_box.currentText() == "Quý III" and window.year_box.currentData() == 2026


def test_adding_indicators_keeps_the_period_chosen(qtbot, demo_ws):
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.select_period(PeriodId(2025, PeriodKind.YEAR))
    group = demo_ws.indicators.groups(window.plan.id)[0]
    demo_ws.indicators.add(group.id, "99", "Tỷ lệ hồ sơ trực tuyến toàn trình", "%")
    window.settle()
    assert window.selected_period().id == PeriodId(2025, PeriodKind.YEAR)


def test_the_plans_own_periods_come_first_then_the_rest(qtbot, demo_ws):
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    asked = demo_ws.periods.calendar(window.plan.id).required
    assert asked, "the demo plan asks for reports of its own"
    listed = kinds(window)
    separator = listed.index("—")
    own = listed[:separator]
    assert own and all(not text.startswith("Tháng") for text in own)
    assert len(listed) == len(periods_of_year(2026)) + 1  # every period, months included
    assert "Tháng 1" in listed[separator + 1 :]


def test_opening_the_file_already_shown_keeps_it_writable(qtbot, demo_ws):
    """Tệp → Mở gần đây on the file shown made the window read-only, blaming itself."""
    window = MainWindow(demo_ws)
    qtbot.addWidget(window)
    window.select_period(PeriodId(2026, PeriodKind.QUARTER, 2))
    window.open_path(demo_ws.path.parent / "." / demo_ws.path.name)
    assert window.ws is demo_ws and not demo_ws.read_only_reason
    assert window.progress_action.isEnabled()
    assert "đang mở" in window.statusBar().currentMessage()
    assert window.selected_period().id == PeriodId(2026, PeriodKind.QUARTER, 2)
