"""The 'Kinh phí' tab: the selected period's budget year, money in and to the period, and
editing lines and payments through the widgets.

Demo budget (Kế hoạch 41/KH-UBND, xã Hưng Nguyên): 2026 recurrent estimate 3.850 triệu
đồng in three top-level lines (1: 500, 2: 3.150, 3: 200 triệu) and the public investment
of its Phụ lục 2 (ĐT: 29.300 triệu, 12 projects, nothing paid), 1.813.500.000 đồng paid between
12/03/2026 and 05/09/2026 (2.a 45 tr. 12/03, 2.b 180 tr. 20/04, 2.d 1.250 tr. 26/05,
2.f 100 tr. 30/06, 1.c 220 tr. 14/08, 2.h 18,5 tr. 05/09); 2025 spending 221.910.000
đồng paid from recurrent funds with no estimate of its own (mục A.II of the plan).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from qt_tables import cell, column_of, column_texts, row_where, type_text

from desktop.domain.periods import PeriodId, PeriodKind
from ui import ask
from ui.budget_dialogs import LineDialog, PaymentDialog, PaymentsDialog
from ui.main_window import MainWindow

TOP_LEVEL_2026 = {
    "1": "500.000.000",
    "2": "3.150.000.000",
    "3": "200.000.000",
    "ĐT": "29.300.000.000",
}
LEAVES_2026 = {"1.a", "1.b", "1.c", "2.a", "2.b", "2.c", "2.d", "2.e", "2.f", "2.g", "2.h"} | {
    f"ĐT.{n}" for n in range(1, 13)
}
IN_PERIOD = "Giải ngân\ntrong kỳ (đồng)"
TO_DATE = "Lũy kế\ngiải ngân (đồng)"
ESTIMATE, REMAINING, RATE = "Dự toán\n(đồng)", "Còn lại\n(đồng)", "Tỷ lệ\ngiải ngân"


@pytest.fixture
def late_window(qtbot, late_demo_ws):
    window = MainWindow(late_demo_ws)
    qtbot.addWidget(window)
    window.show_tab(window.budget)
    return window


def show(window, text: str):
    window.select_period(PeriodId.parse(text))
    return window.budget


def test_the_tab_follows_the_selected_period(late_window):
    # Clock 25/11/2026: the window opens on quý IV 2026, the next report to send.
    tab = late_window.budget
    assert late_window.selected_period().id == PeriodId(2026, PeriodKind.QUARTER, 4)
    assert "Năm ngân sách 2026" in tab.heading.text()
    assert tab.total.text() == "Tổng dự toán 33.150.000.000 đồng · đã giải ngân 1.813.500.000 đồng"
    assert not tab.sources.isHidden() and tab.sources.text() == (
        "Chi thường xuyên: dự toán 3.850.000.000 đồng, đã giải ngân 1.813.500.000 đồng; "
        "Vốn đầu tư công: dự toán 29.300.000.000 đồng, đã giải ngân 0 đồng"
    )
    show(late_window, "2025")
    assert "Năm ngân sách 2025" in tab.heading.text()
    assert tab.total.text() == "Không bố trí dự toán · đã giải ngân 221.910.000 đồng"
    assert tab.sources.isHidden()  # one funding source: the total says it all


def test_paid_in_the_period_and_to_its_end(late_window):
    # Seed 004, mục IV.1: data to the 10th of the quarter's last month ("truoc ngay 12
    # thang cuoi Quy"), so quý II's data runs 11/03–10/06/2026: 2.a 45 tr. (12/03), 2.b
    # 180 tr. (20/04), 2.d 1.250 tr. (26/05); 2.f's 100 tr. of 30/06 is quý III's.
    tab = show(late_window, "2026-Q2")
    model = tab.model
    total = row_where(model, "Nội dung", "Tổng cộng")
    assert cell(model, total, column_of(model, IN_PERIOD)) == "1.475.000.000"
    assert cell(model, total, column_of(model, TO_DATE)) == "1.475.000.000"
    group = row_where(model, "Mã", "2")
    assert cell(model, group, column_of(model, IN_PERIOD)) == "1.475.000.000"
    row = row_where(model, "Mã", "2.d")
    assert cell(model, row, column_of(model, REMAINING)) == "750.000.000"
    assert cell(model, row, column_of(model, RATE)) == "62,5%"
    tab = show(late_window, "2026-Q3")  # 11/06–10/09: 2.f 100, 1.c 220, 2.h 18,5 tr.
    total = row_where(tab.model, "Nội dung", "Tổng cộng")
    assert cell(tab.model, total, column_of(tab.model, IN_PERIOD)) == "338.500.000"


def test_rows_sum_their_children_and_groups_are_bold(late_window):
    model = show(late_window, "2026").model
    codes = [c for c in column_texts(model, "Mã") if c]
    assert set(codes) == set(TOP_LEVEL_2026) | LEAVES_2026
    estimate = column_of(model, ESTIMATE)
    for code, amount in TOP_LEVEL_2026.items():
        assert cell(model, row_where(model, "Mã", code), estimate) == amount
    for row, code in enumerate(column_texts(model, "Mã")):
        font = cell(model, row, 0, Qt.ItemDataRole.FontRole)
        if code in TOP_LEVEL_2026 or code == "":
            assert isinstance(font, QFont) and font.bold(), code
        else:
            assert font is None or not font.bold(), code
    title = column_of(model, "Nội dung")
    assert cell(model, row_where(model, "Mã", "2.d"), title) == "    Mua sắm thiết bị"


def test_payments_after_today_are_not_counted(qtbot, budget_window):
    # The fixture clock says 20/01/2026: none of the 2026 payments has been made yet.
    tab = show(budget_window, "2026")
    assert tab.total.text() == "Tổng dự toán 33.150.000.000 đồng · đã giải ngân 0 đồng"
    assert set(column_texts(tab.model, TO_DATE)) == {"0"}


def test_the_first_run_demo_has_no_budget_of_its_own(window):
    # Kế hoạch 79/KH-UBND prints no budget; another office's money is not shown under it.
    assert window.budget.total.text() == "Kế hoạch chưa có dự toán kinh phí năm 2025."
    assert window.budget.model.rowCount() == 0


def test_add_a_line_and_a_sub_line_through_the_forms(qtbot, late_window, monkeypatch):
    tab = show(late_window, "2026")

    def fill(code, title, amount):
        def exec_(dialog):
            type_text(dialog.code, code)
            type_text(dialog.title, title)
            if amount:
                type_text(dialog.estimate, amount)
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
            return dialog.result()

        return exec_

    monkeypatch.setattr(LineDialog, "exec", fill("4", "Chuyển đổi số trong trường học", ""))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    tab.select_line(next(r.line.id for r in tab.rows() if r.line.code == "4"))
    monkeypatch.setattr(LineDialog, "exec", fill("4.a", "Phần mềm sổ điểm", "1.500.000"))
    qtbot.mouseClick(tab.child_button, Qt.MouseButton.LeftButton)
    model = tab.model
    row = row_where(model, "Mã", "4.a")
    assert cell(model, row, column_of(model, "Nội dung")) == "    Phần mềm sổ điểm"
    assert cell(model, row_where(model, "Mã", "4"), column_of(model, ESTIMATE)) == ("1.500.000")
    line = late_window.ws.budget.lines(late_window.plan.id, 2026)[-1]
    assert (line.code, line.estimate, line.funding_source) == ("4.a", 1_500_000, "")


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("1.500,5", "có phần lẻ"), ("15 triệu", "không hợp lệ"), ("1.5000.000", "không hợp lệ")],
)
def test_amounts_typed_wrong_are_refused_and_nothing_is_written(qtbot, late_window, typed, problem):
    tab = show(late_window, "2026")
    before = late_window.ws.audit.count()
    dialog = LineDialog(late_window.ws, late_window.plan.id, 2026, parent=tab)
    type_text(dialog.code, "9")
    type_text(dialog.title, "Thử")
    type_text(dialog.estimate, typed)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert problem in dialog.problem.text()
    assert dialog.result() == 0 and late_window.ws.audit.count() == before


def test_edit_move_and_delete_lines(qtbot, late_window, monkeypatch):
    tab = show(late_window, "2026")
    tab.select_line(next(r.line.id for r in tab.rows() if r.line.code == "3"))

    def rename(dialog):
        dialog.title.setText("Nhiệm vụ theo Nghị quyết 57-NQ/TW (điều chỉnh)")
        dialog.estimate.setText("250.000.000")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(LineDialog, "exec", rename)
    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    model = tab.model
    row = row_where(model, "Mã", "3")
    assert cell(model, row, column_of(model, ESTIMATE)) == "250.000.000"
    qtbot.mouseClick(tab.up_button, Qt.MouseButton.LeftButton)
    assert [c for c in column_texts(tab.model, "Mã") if "." not in c and c][:3] == ["1", "3", "2"]
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert "3" not in column_texts(tab.model, "Mã")
    entries = late_window.ws.audit.entries(limit=3)
    assert entries[0].operation == "Xóa dòng dự toán 3 năm 2026"


def test_payments_of_a_line(qtbot, late_window, monkeypatch):
    tab = show(late_window, "2026")
    line_id = next(r.line.id for r in tab.rows() if r.line.code == "2.c")
    tab.select_line(line_id)
    shown = []
    monkeypatch.setattr(PaymentsDialog, "exec", lambda dialog: shown.append(dialog))
    qtbot.mouseClick(tab.pay_button, Qt.MouseButton.LeftButton)
    [payments] = shown

    def pay(dialog):
        type_text(dialog.amount, "35000000")
        type_text(dialog.reference, "UNC 101/2026")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(PaymentDialog, "exec", pay)
    qtbot.mouseClick(payments.add_button, Qt.MouseButton.LeftButton)
    assert column_texts(payments.model, "Số tiền (đồng)") == ["35.000.000"]
    assert payments.total.text() == "Tổng đã giải ngân: 35.000.000 đồng"
    tab.refresh()
    row = row_where(tab.model, "Mã", "2.c")
    assert cell(tab.model, row, column_of(tab.model, TO_DATE)) == "35.000.000"
    payments.view.selectRow(0)
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    qtbot.mouseClick(payments.delete_button, Qt.MouseButton.LeftButton)
    assert payments.model.rowCount() == 0


def test_a_group_line_takes_no_payment(qtbot, late_window):
    tab = show(late_window, "2026")
    tab.select_line(next(r.line.id for r in tab.rows() if r.line.code == "2"))
    assert not tab.pay_button.isEnabled()


def test_plan_without_budget_says_so(qtbot, ws, plan):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    tab = window.budget
    assert tab.model.rowCount() == 0
    assert tab.total.text().startswith("Kế hoạch chưa có dự toán kinh phí năm")
