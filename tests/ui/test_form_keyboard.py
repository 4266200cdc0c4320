"""The small forms by keyboard alone: typing starts in the first field, Tab leaves a
multi-line box, Enter in a unit filter picks the unit meant (and saves nothing), Esc
asks before dropping what was typed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from qt_tables import type_text

from desktop.workspace import Workspace
from ui import ask
from ui.budget_dialogs import LineDialog
from ui.document_settings_dialog import DocumentSettingsDialog
from ui.plan_forms import PlanDialog, SectionDialog, TaskDialog


@pytest.fixture
def task_form(qtbot, demo_ws: Workspace) -> TaskDialog:
    plan = demo_ws.plans.list()[0]
    section = demo_ws.plans.sections(plan.id)[0]
    form = TaskDialog(demo_ws, plan, section)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    return form


def focused(form):
    """Where typing goes in `form` (the offscreen platform activates no window)."""
    return form.focusWidget()


@pytest.mark.parametrize(
    ("make", "first"),
    [
        (lambda ws, plan: PlanDialog(ws, plan), "number"),
        (lambda ws, plan: SectionDialog(ws, plan), "code"),
        (lambda ws, plan: TaskDialog(ws, plan, ws.plans.sections(plan.id)[0]), "section"),
        (lambda ws, plan: LineDialog(ws, plan.id, 2026), "code"),
        (lambda ws, plan: DocumentSettingsDialog(ws), "number"),
    ],
    ids=["ke_hoach", "muc", "nhiem_vu", "dong_du_toan", "thong_tin_van_ban"],
)
def test_focus_starts_in_the_first_field_not_on_luu(qtbot, demo_ws, make, first):
    form = make(demo_ws, demo_ws.plans.list()[0])
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    assert focused(form) is getattr(form, first)


def test_tab_leaves_the_task_name_without_typing_a_tab(qtbot, task_form):
    task_form.title.setFocus()
    type_text(task_form.title, "Số hóa hồ sơ")
    qtbot.keyClick(task_form.title, Qt.Key.Key_Tab)
    assert task_form.title.toPlainText() == "Số hóa hồ sơ"
    assert focused(task_form) is task_form.leads.filter


def test_enter_in_the_unit_filter_ticks_the_unit_meant_and_saves_nothing(qtbot, task_form):
    units_before = [u.name for u in task_form.ws.units.list()]
    tasks_before = task_form.ws.tasks.count(task_form.plan.id)
    task_form.leads.filter.setFocus()
    qtbot.keyClicks(task_form.leads.filter, "cong an phuong")
    qtbot.keyClick(task_form.leads.filter, Qt.Key.Key_Return)
    assert task_form.leads.chosen() == ["Công an phường"]
    assert task_form.isVisible()  # Lưu was not pressed for the form
    assert task_form.leads.filter.text() == ""
    assert task_form.ws.tasks.count(task_form.plan.id) == tasks_before
    assert [u.name for u in task_form.ws.units.list()] == units_before


def test_enter_with_several_matches_hands_the_list_the_keyboard(qtbot, task_form):
    picker = task_form.leads
    picker.filter.setFocus()
    qtbot.keyClicks(picker.filter, "phong")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert focused(task_form) is picker.list
    first = picker.list.currentItem()
    assert first is not None and not first.isHidden() and "phòng" in first.text().lower()
    qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.chosen() == [first.text()]
    assert task_form.isVisible()


def test_a_name_nobody_has_is_added_as_new_on_enter(qtbot, task_form):
    picker = task_form.coordinators
    picker.filter.setFocus()
    type_text(picker.filter, "Hội Cựu chiến binh phường")
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert picker.chosen() == ["Hội Cựu chiến binh phường"]
    assert task_form.isVisible()


def test_esc_after_typing_asks_and_can_go_back_to_the_form(qtbot, monkeypatch, task_form):
    asked = []

    def answer(parent, what):
        asked.append(what)
        return ask.Unsaved.CANCEL if len(asked) == 1 else ask.Unsaved.DISCARD

    monkeypatch.setattr(ask, "unsaved", answer)
    task_form.title.setFocus()
    type_text(task_form.title, "Nhiệm vụ đang gõ dở")
    qtbot.keyClick(task_form.title, Qt.Key.Key_Escape)
    assert asked == ["«Thêm nhiệm vụ»"] and task_form.isVisible()
    assert task_form.title.toPlainText() == "Nhiệm vụ đang gõ dở"
    qtbot.keyClick(task_form.title, Qt.Key.Key_Escape)
    assert len(asked) == 2 and not task_form.isVisible()


def test_esc_on_an_untouched_form_closes_it_without_a_question(qtbot, task_form):
    qtbot.keyClick(focused(task_form), Qt.Key.Key_Escape)
    assert not task_form.isVisible()  # ask.unsaved would have failed the test


def test_keeping_what_was_typed_saves_it(qtbot, monkeypatch, demo_ws):
    plan = demo_ws.plans.list()[0]
    form = SectionDialog(demo_ws, plan)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    monkeypatch.setattr(ask, "unsaved", lambda parent, what: ask.Unsaved.SAVE)
    qtbot.keyClicks(form.code, "IX")
    qtbot.keyClick(form.code, Qt.Key.Key_Tab)
    type_text(focused(form), "Mục gõ bằng bàn phím")
    qtbot.keyClick(focused(form), Qt.Key.Key_Escape)
    assert not form.isVisible()
    assert [s.title for s in demo_ws.plans.sections(plan.id)][-1] == "Mục gõ bằng bàn phím"
