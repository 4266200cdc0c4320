"""The window shows what was written from the database's record of what changed (OpChanges),
not from what each action meant to do: a payment recorded in Kinh phí reaches the Văn bản
preview; a write that touches nothing the window shows leaves it as it is."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from qt_tables import type_text

from desktop.vietnamese.numbers import format_trieu
from ui import ask
from ui.budget_dialogs import PaymentDialog, PaymentsDialog
from ui.main_window import MainWindow
from ui.roster_dialog import RosterDialog
from ui.units_dialog import UnitsDialog

PAID_BY_25_11_2026 = 1_813_500_000  # every 2026 demo payment (tests/ui/test_budget_tab.py)


@pytest.fixture
def late_window(qtbot, late_demo_ws):
    """Hưng Nguyên's demo on 25/11/2026: the window opens on quý IV 2026."""
    late_demo_ws.document_settings.save(signer_name="Nguyễn Văn An")
    window = MainWindow(late_demo_ws)
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    return window


def letter_text(made) -> str:
    return " ".join(p.text for p in made.document.letter.body)


def previewed(qtbot, window, before=None):
    """The Văn bản tab in front, once its document (another one than `before`) is made."""
    window.show_tab(window.documents)
    tab = window.documents
    qtbot.waitUntil(
        lambda: tab.made is not None and tab.made is not before and tab.busy.isHidden(),
        timeout=20000,
    )
    return tab.made


def test_a_payment_recorded_in_kinh_phi_is_in_the_van_ban_preview(qtbot, late_window, monkeypatch):
    window = late_window
    before = previewed(qtbot, window)
    assert f"{format_trieu(PAID_BY_25_11_2026)} triệu đồng" in letter_text(before)

    budget = window.budget
    window.show_tab(budget)
    budget.select_line(next(r.line.id for r in budget.rows() if r.line.code == "2.c"))

    def pay(dialog):  # 35 triệu on 25/11/2026 (the form's date: today)
        type_text(dialog.amount, "35000000")
        type_text(dialog.reference, "UNC 101/2026")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    def payments(dialog):
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(PaymentDialog, "exec", pay)
    monkeypatch.setattr(PaymentsDialog, "exec", payments)
    qtbot.mouseClick(budget.pay_button, Qt.MouseButton.LeftButton)

    paid = PAID_BY_25_11_2026 + 35_000_000
    assert f"đã giải ngân {paid:,} đồng".replace(",", ".") in budget.total.text()
    after = previewed(qtbot, window, before)
    assert f"{format_trieu(paid)} triệu đồng" in letter_text(after)


def test_a_write_that_touches_nothing_shown_does_not_rebuild_the_window(
    qtbot, window, demo_ws, monkeypatch
):
    tabs, report = window.tabs, window.report

    def add_office(dialog):  # Cấp trên → Danh sách đơn vị báo cáo…: one office added
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        dialog.table.item(0, 0).setText("Vĩnh Bảo")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(RosterDialog, "exec", add_office)
    window.roster_action.trigger()
    assert [o.name for o in demo_ws.receiving.roster()] == ["Vĩnh Bảo"]
    assert window.tabs is tabs and window.report is report  # neither rebuilt nor counted
    assert not demo_ws.take_changes()  # the window has read the record


def test_a_unit_renamed_rebuilds_the_window(qtbot, window, demo_ws, monkeypatch):
    tabs = window.tabs
    unit = demo_ws.units.find("Công an phường")

    def rename(dialog):  # Kế hoạch → Cơ quan, đơn vị…: the unit chosen, Đổi tên…
        dialog.fill(select=unit.id)
        rename_button = next(b for b in dialog.findChildren(QPushButton) if b.text() == "Đổi tên…")
        qtbot.mouseClick(rename_button, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(ask, "text", lambda *a, **k: "Công an phường Trần Liêu")
    monkeypatch.setattr(UnitsDialog, "exec", rename)
    window.units_action.trigger()
    assert window.tabs is not tabs  # the plan's structure changed: built again
    assert "Công an phường Trần Liêu" in [
        window.tasks.unit_filter.itemText(i) for i in range(window.tasks.unit_filter.count())
    ]
