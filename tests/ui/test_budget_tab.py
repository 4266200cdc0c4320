"""The 'Kinh phí' tab: budget years, totals, group rows in bold.

Demo budget (Kế hoạch 41/KH-UBND, xã Hưng Nguyên): 2026 estimate 3.850 triệu đồng in
three top-level lines (1: 500, 2: 3.150, 3: 200 triệu), 1.813.500.000 đồng paid between
12/03/2026 and 05/09/2026; 2025 spending 221.910.000 đồng paid from recurrent funds with
no estimate of its own (mục A.II of the plan).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from qt_tables import cell, column_of, column_texts, row_where

from ui.budget_tab import BudgetTab
from ui.main_window import MainWindow

TOP_LEVEL_2026 = {"1": "500.000.000", "2": "3.150.000.000", "3": "200.000.000"}
LEAVES_2026 = {"1.a", "1.b", "1.c", "2.a", "2.b", "2.c", "2.d", "2.e", "2.f", "2.g", "2.h"}


def budget_tab(qtbot, ws) -> BudgetTab:
    tab = BudgetTab(ws, ws.plans.current().id)
    qtbot.addWidget(tab)
    return tab


def years_offered(tab: BudgetTab) -> list[int]:
    return [tab.year.itemData(i) for i in range(tab.year.count())]


def test_budget_tab_of_the_main_window_defaults_to_the_latest_year(budget_window):
    tab = budget_window.budget
    assert [tab.year.itemText(i) for i in range(tab.year.count())] == ["2025", "2026"]
    assert years_offered(tab) == [2025, 2026]
    assert tab.year.currentData() == 2026
    assert tab.year.currentText() == "2026"


def test_2026_totals_once_every_payment_is_made(qtbot, late_demo_ws):
    tab = budget_tab(qtbot, late_demo_ws)
    assert tab.year.currentData() == 2026
    text = tab.total.text()
    assert "3.850.000.000" in text
    assert "1.813.500.000" in text
    assert text.index("3.850.000.000") < text.index("1.813.500.000")  # estimate, then paid


def test_2026_rows_sum_their_children(qtbot, late_demo_ws):
    model = budget_tab(qtbot, late_demo_ws).model
    codes = column_texts(model, "Mã")
    assert set(codes) == set(TOP_LEVEL_2026) | LEAVES_2026
    estimate = column_of(model, "Dự toán (đồng)")
    for code, amount in TOP_LEVEL_2026.items():
        assert cell(model, row_where(model, "Mã", code), estimate) == amount
    # 2.d: 1.250.000.000 paid of 2.000.000.000.
    row = row_where(model, "Mã", "2.d")
    assert cell(model, row, column_of(model, "Đã giải ngân (đồng)")) == "1.250.000.000"
    assert cell(model, row, column_of(model, "Còn lại (đồng)")) == "750.000.000"
    assert cell(model, row, column_of(model, "Tỷ lệ giải ngân")) == "62,5%"


def test_top_level_rows_are_bold_and_leaves_are_not(qtbot, late_demo_ws):
    model = budget_tab(qtbot, late_demo_ws).model
    codes = column_texts(model, "Mã")
    for row, code in enumerate(codes):
        for column in range(model.columnCount()):
            font = cell(model, row, column, Qt.ItemDataRole.FontRole)
            if code in TOP_LEVEL_2026:
                assert isinstance(font, QFont), (code, column)
                assert font.bold(), (code, column)
            else:
                assert font is None or not font.bold(), (code, column)


def test_leaf_titles_are_indented_under_their_group(qtbot, late_demo_ws):
    model = budget_tab(qtbot, late_demo_ws).model
    title = column_of(model, "Nội dung")
    assert not cell(model, row_where(model, "Mã", "2"), title).startswith(" ")
    assert cell(model, row_where(model, "Mã", "2.d"), title) == "    Mua sắm thiết bị"


def test_switching_to_2025_shows_that_years_spending(qtbot, late_demo_ws):
    tab = budget_tab(qtbot, late_demo_ws)
    tab.year.setCurrentIndex(tab.year.findData(2025))
    assert "221.910.000" in tab.total.text()
    assert "3.850.000.000" not in tab.total.text()
    assert tab.model.rowCount() == 6
    # Nothing was budgeted for 2025: money was paid without an estimate.
    assert tab.total.text() == "Không bố trí dự toán · đã giải ngân 221.910.000 đồng"
    assert set(column_texts(tab.model, "Dự toán (đồng)")) == {"—"}
    assert set(column_texts(tab.model, "Còn lại (đồng)")) == {"—"}
    assert set(column_texts(tab.model, "Tỷ lệ giải ngân")) == {""}
    # All 2025 lines are top-level, so all are bold.
    assert all(
        cell(tab.model, r, 0, Qt.ItemDataRole.FontRole).bold() for r in range(tab.model.rowCount())
    )
    tab.year.setCurrentIndex(tab.year.findData(2026))
    assert "3.850.000.000" in tab.total.text()


def test_payments_after_today_are_not_counted(qtbot, budget_demo_ws):
    # The fixture clock says 20/01/2026: none of the 2026 payments has been made yet.
    tab = budget_tab(qtbot, budget_demo_ws)
    assert tab.total.text() == "Tổng dự toán 3.850.000.000 đồng · đã giải ngân 0 đồng"
    assert set(column_texts(tab.model, "Đã giải ngân (đồng)")) == {"0"}


def test_the_first_run_demo_has_no_budget_of_its_own(window):
    # Kế hoạch 79/KH-UBND prints no budget; another office's money is not shown under it.
    assert window.budget.year.count() == 0
    assert window.budget.total.text() == "Kế hoạch chưa có dự toán kinh phí."


def test_plan_without_budget_says_so(qtbot, ws, plan):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    tab = window.budget
    assert tab.year.count() == 0
    assert tab.model.rowCount() == 0
    assert tab.total.text() == "Kế hoạch chưa có dự toán kinh phí."
