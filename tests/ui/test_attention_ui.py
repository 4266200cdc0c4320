"""The overview says what needs attention today and draws overdue tasks per unit."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt
from qt_tables import column_texts

from desktop.domain.periods import PeriodId, PeriodKind
from desktop.domain.task_state import TaskState
from ui.main_window import MainWindow


@pytest.fixture
def september_window(qtbot, tmp_path, demo_files):
    # 10/09/2026, 10:00 in Hà Nội: III.5 ('Tháng 9/2026') falls due on 30/09/2026.
    september = datetime(2026, 9, 10, 3, tzinfo=UTC)
    ws = demo_files.open(tmp_path / "demo.db", clock=lambda: september, actor=None)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    yield window
    ws.close()


def test_the_overview_lists_tasks_due_soon_and_the_next_report(september_window):
    tab = september_window.overview
    assert tab.attention_heading.text() == "Cần chú ý (tính đến hôm nay, 10/09/2026)"
    # The units report to the phường by 30/11; it reports to the city by 20/12.
    assert tab.next_report.text() == (
        "Báo cáo tiếp theo: Năm 2026: các đơn vị gửi trước 30/11/2026 (còn 81 ngày), "
        "hạn gửi cấp trên 20/12/2026 (còn 101 ngày)."
    )
    assert tab.due_heading.text() == "Nhiệm vụ đến hạn trong 30 ngày tới (đến 10/10/2026): 1"
    assert column_texts(tab.due_model, "Mã") == ["III.5"]
    assert column_texts(tab.due_model, "Còn") == ["còn 20 ngày"]
    assert column_texts(tab.due_model, "Hạn") == ["30/09/2026"]


def test_enter_on_a_due_task_shows_it_in_the_task_list_past_the_filters(qtbot, september_window):
    window = september_window
    tasks = window.tasks
    tasks.state_filter.setCurrentIndex(tasks.state_filter.findText("Hoàn thành đúng hạn"))
    assert "III.5" not in column_texts(tasks.model, "Mã")
    window.show()
    view = window.overview.due_view
    view.setCurrentIndex(window.overview.due_model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.current_page() is tasks
    assert tasks.current().task.code == "III.5"
    assert tasks.state_filter.currentIndex() == 0


def test_the_chart_has_a_bar_per_unit_with_overdue_tasks(window):
    tallies = window.report.units
    expected = sorted(
        ((t.unit, t.counts[TaskState.OVERDUE]) for t in tallies if t.counts[TaskState.OVERDUE]),
        key=lambda bar: -bar[1],
    )
    assert expected  # year 2025 of the demo has overdue tasks
    assert window.overview.overdue_chart.bars == expected


def test_the_chart_paints_its_bars_longest_first(qtbot, window):
    window.select_period(PeriodId(2026, PeriodKind.YEAR))  # three units with overdue tasks
    chart = window.overview.overdue_chart
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    image = chart.grab().toImage()
    red = chart.colour.rgb()

    def bar_length(row: int) -> int:
        metrics = chart.fontMetrics()
        y = row * (metrics.height() + 14 + 8) + metrics.height() + 1 + 7
        return sum(1 for x in range(image.width()) if image.pixel(x, y) == red)

    assert len(chart.bars) > 1
    lengths = [bar_length(r) for r in range(len(chart.bars))]
    assert all(length > 0 for length in lengths)
    assert lengths == sorted(lengths, reverse=True)
    # A bar is as long, relative to the first, as its count.
    first_value = chart.bars[0][1]
    for (_, value), length in zip(chart.bars, lengths, strict=True):
        assert abs(length - lengths[0] * value / first_value) <= 2


def test_no_overdue_tasks_says_so(qtbot, window):
    window.kind_box.setCurrentIndex(window.kind_box.findText("Quý III"))
    assert window.overview.overdue_chart.bars == []


def test_a_plan_with_many_late_units_keeps_the_window_within_the_screen(qtbot, window):
    chart = window.overview.overdue_chart
    chart.set_bars([(f"Phòng chuyên môn số {i}", 1 + i % 5) for i in range(60)])
    assert len(chart.shown()) == chart.most_bars and chart.left_out() == 60 - chart.most_bars
    assert [v for _, v in chart.shown()] == [5] * chart.most_bars  # the longest bars
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    assert window.minimumSizeHint().height() <= 720
    assert window.height() == 720
