"""Typing a plan in by hand and editing it, driven through the forms; then what is in
the database. A refused form writes nothing."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from qt_tables import retype_date, type_text

from desktop.errors import InvalidInput
from desktop.workspace import Workspace
from ui import ask
from ui.main_window import MainWindow
from ui.plan_editor import PlanEditor
from ui.plan_forms import PlanDialog, SectionDialog, TaskDialog
from ui.units_dialog import UnitsDialog


def scripted(monkeypatch, dialog_class, *scenarios):
    """Each time the window opens `dialog_class`, run the next scenario in it instead of
    waiting for a person; the dialog's own result (accepted or not) is returned."""
    pending = list(scenarios)

    def exec_(dialog):
        pending.pop(0)(dialog)
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)
    return pending


def save(qtbot, dialog) -> None:
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def empty_window(qtbot, ws: Workspace):
    ws.office.save("Hưng Nguyên", "xa", parent_name="tỉnh Nghệ An")
    window = MainWindow(ws)
    qtbot.addWidget(window)
    return window


def fill_plan(dialog: PlanDialog, summary: str) -> None:
    dialog.number.setText("")
    type_text(dialog.number, "15/KH-UBND")
    retype_date(dialog.issued_on, "10/01/2026")
    dialog.summary.setPlainText("")
    type_text(dialog.summary.viewport(), summary)
    dialog.start_year.setValue(2026)
    dialog.end_year.setValue(2030)


def test_a_plan_typed_by_hand_from_the_start_screen(qtbot, monkeypatch, empty_window, ws):
    seen = []

    def refused_then_fixed(dialog):
        fill_plan(dialog, "")
        save(qtbot, dialog)
        seen.append(dialog.problem.text())
        assert ws.plans.list() == []  # nothing written while the form is wrong
        type_text(dialog.summary.viewport(), "Chuyển đổi số xã Hưng Nguyên giai đoạn 2026–2030")
        save(qtbot, dialog)

    scripted(monkeypatch, PlanDialog, refused_then_fixed)
    scripted(monkeypatch, PlanEditor, lambda editor: None)
    qtbot.mouseClick(empty_window.start_screen.plan_button, Qt.MouseButton.LeftButton)
    assert seen == ["Trích yếu kế hoạch không được để trống."]
    [plan] = ws.plans.list()
    assert (plan.number, plan.start_year, plan.end_year) == ("15/KH-UBND", 2026, 2030)
    assert plan.issuer == "UBND xã Hưng Nguyên" and plan.source == "Nhập tay"
    assert empty_window.plan.id == plan.id  # the window now shows it


def test_sections_and_tasks_are_added_with_the_deadline_read_live(
    qtbot, monkeypatch, empty_window, ws
):
    plan = ws.plans.create("15/KH-UBND", "2026-01-10", "UBND", "Chuyển đổi số", 2026, 2030)
    empty_window.reload()
    readings = []

    def section(dialog):
        assert dialog.code.text() == "I"  # numbered for the clerk
        type_text(dialog.title, "Nâng cao nhận thức về chuyển đổi số")
        save(qtbot, dialog)

    def task_without_lead(dialog):
        type_text(dialog.title.viewport(), "Tuyên truyền trên loa truyền thanh")
        save(qtbot, dialog)
        readings.append(dialog.problem.text())
        type_text(dialog.leads.filter, "Đài truyền thanh xã")
        qtbot.keyClick(dialog.leads.filter, Qt.Key.Key_Return)  # a new unit
        type_text(dialog.coordinators.filter, "cong an")
        dialog.deadline.setText("")
        type_text(dialog.deadline, "Quý IV/2026")
        readings.append(dialog.reading.text())
        save(qtbot, dialog)

    scripted(monkeypatch, SectionDialog, section)
    scripted(monkeypatch, TaskDialog, task_without_lead)
    editor = PlanEditor(empty_window.ws, plan, empty_window)
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.buttons["add_section"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.buttons["add_task"], Qt.MouseButton.LeftButton)
    assert readings == ["Cần ít nhất một cơ quan chủ trì.", "Cách hiểu: Một lần (hạn 31/12/2026)"]
    [task] = ws.tasks.list(plan.id)
    assert (task.code, task.title, task.deadline.text) == (
        "I.1",
        "Tuyên truyền trên loa truyền thanh",
        "Quý IV/2026",
    )
    assert [u.name for u in task.leads] == ["Đài truyền thanh xã"]
    assert editor.tree.topLevelItem(0).child(0).text(0).startswith("I.1  Tuyên truyền")


def test_the_unit_list_filters_without_diacritics(qtbot, demo_ws):
    plan = demo_ws.plans.current()
    section = demo_ws.plans.sections(plan.id)[0]
    dialog = TaskDialog(demo_ws, plan, section)
    qtbot.addWidget(dialog)
    type_text(dialog.leads.filter, "cong an")
    shown = [
        dialog.leads.list.item(r).text()
        for r in range(dialog.leads.list.count())
        if not dialog.leads.list.item(r).isHidden()
    ]
    assert shown == ["Công an phường", "Công an thành phố"]


def test_deleting_a_task_with_reports_asks_and_says_what_goes(qtbot, monkeypatch, demo_ws):
    plan = demo_ws.plans.current()
    editor = PlanEditor(demo_ws, plan)
    qtbot.addWidget(editor)
    task = next(t for t in demo_ws.tasks.list(plan.id) if t.code == "I.1")
    questions, answers = [], [False, True]
    monkeypatch.setattr(
        ask, "confirm", lambda parent, title, text: questions.append(text) or answers.pop(0)
    )
    editor.tree.setCurrentItem(editor.tree.topLevelItem(0).child(0))
    qtbot.mouseClick(editor.buttons["delete"], Qt.MouseButton.LeftButton)
    assert "Xóa nhiệm vụ I.1?" in questions[0]
    assert "Cùng bị xóa: 2 báo cáo tiến độ." in questions[0]
    assert demo_ws.tasks.get(task.id)  # answered no: still there
    qtbot.mouseClick(editor.buttons["delete"], Qt.MouseButton.LeftButton)
    assert task.id not in {t.id for t in demo_ws.tasks.list(plan.id)}
    assert editor.tree.topLevelItem(0).child(0).text(0).startswith("I.2")


def test_up_and_down_reorder_tasks(qtbot, demo_ws):
    plan = demo_ws.plans.current()
    editor = PlanEditor(demo_ws, plan)
    qtbot.addWidget(editor)
    editor.tree.setCurrentItem(editor.tree.topLevelItem(0).child(1))  # I.2
    qtbot.mouseClick(editor.buttons["up"], Qt.MouseButton.LeftButton)
    assert [t.code for t in demo_ws.tasks.list(plan.id)][:2] == ["I.2", "I.1"]
    assert editor.tree.currentItem().text(0).startswith("I.2")  # still selected
    qtbot.mouseClick(editor.buttons["down"], Qt.MouseButton.LeftButton)
    assert [t.code for t in demo_ws.tasks.list(plan.id)][:2] == ["I.1", "I.2"]


def test_units_are_renamed_and_merged(qtbot, monkeypatch, demo_ws):
    typo = demo_ws.units.add("Cong an phuong")  # typed without diacritics once
    task = demo_ws.tasks.list(demo_ws.plans.current().id)[0]
    demo_ws.tasks.update(task.id, coordinators=[typo.id])
    dialog = UnitsDialog(demo_ws)
    qtbot.addWidget(dialog)
    row = [dialog.model.row(r).name for r in range(dialog.model.rowCount())].index(typo.name)
    dialog.view.setCurrentIndex(dialog.model.index(row, 0))
    monkeypatch.setattr(ask, "choose", lambda parent, title, label, options: "Công an phường")
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: True)
    dialog.merge()
    assert demo_ws.units.find("Cong an phuong") is None
    assert [u.name for u in demo_ws.tasks.get(task.id).coordinators] == ["Công an phường"]
    monkeypatch.setattr(ask, "text", lambda parent, title, label, value="": "Công an xã")
    dialog.rename()
    assert demo_ws.units.find("Công an xã") is not None


def test_several_plans_get_a_plan_picker(qtbot, monkeypatch, tmp_path, clock, demo_files):
    ws = demo_files.open(tmp_path / "two.db", clock=clock, actor=None)
    try:
        second = ws.plans.create("2/KH-UBND", "2026-01-05", "UBND", "Kế hoạch thứ hai", 2026, 2026)
        window = MainWindow(ws)
        qtbot.addWidget(window)
        assert window.plan.id == second.id  # the latest issued
        assert not window.plan_box.isHidden()
        window.plan_box.setCurrentIndex(window.plan_box.findText("79/KH-UBND (02/10/2025)"))
        assert window.plan.number == "79/KH-UBND"
        assert len(window.report.tasks) == 45
    finally:
        ws.close()


def test_editing_a_task_keeps_its_units_unless_changed(qtbot, monkeypatch, demo_ws):
    plan = demo_ws.plans.current()
    task = next(t for t in demo_ws.tasks.list(plan.id) if t.code == "IV.5")
    assert len(task.leads) == 2  # 'Phòng Văn hóa - Xã hội; Công an phường'

    def retitle(dialog):
        assert dialog.leads.chosen() == [u.name for u in task.leads]
        assert dialog.leads.summary.text() == "Đã chọn: " + "; ".join(u.name for u in task.leads)
        dialog.title.setPlainText("Tên đã sửa")
        save(qtbot, dialog)

    scripted(monkeypatch, TaskDialog, retitle)
    editor = PlanEditor(demo_ws, plan)
    qtbot.addWidget(editor)
    section = [s.code for s in demo_ws.plans.sections(plan.id)].index("IV")
    top = editor.tree.topLevelItem(section)
    editor.tree.setCurrentItem(
        next(
            top.child(i) for i in range(top.childCount()) if top.child(i).text(0).startswith("IV.5")
        )
    )
    qtbot.mouseClick(editor.buttons["edit"], Qt.MouseButton.LeftButton)
    edited = demo_ws.tasks.get(task.id)
    assert edited.title == "Tên đã sửa"
    assert edited.leads == task.leads and edited.coordinators == task.coordinators


def test_the_clerk_names_the_unit_that_leads_a_task_given_to_a_group(qtbot, demo_ws):
    """V.3 is led by "Các phòng chuyên môn" and the centre: the office may name one of
    its own units to lead it, chosen with the keyboard; a unit the plan's units no
    longer allow is taken back at once."""
    plan = demo_ws.plans.current()
    task = next(t for t in demo_ws.tasks.list(plan.id) if t.code == "V.3")
    dialog = TaskDialog(demo_ws, plan, demo_ws.plans.section(task.section_id), task)
    qtbot.addWidget(dialog)
    dialog.show()
    combo = dialog.named_lead
    offered = [combo.itemText(i) for i in range(combo.count())]
    assert offered[0] == "Như kế hoạch giao (các cơ quan chủ trì ở trên)"
    assert "Phòng Văn hóa - Xã hội" in offered and "Công an phường" not in offered
    combo.setFocus()
    while combo.currentText() != "Phòng Văn hóa - Xã hội":
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)  # the form's default button: Lưu
    assert dialog.result() == dialog.DialogCode.Accepted
    task = demo_ws.tasks.get(task.id)
    assert task.named_lead.name == "Phòng Văn hóa - Xã hội"

    dialog = TaskDialog(demo_ws, plan, demo_ws.plans.section(task.section_id), task)
    qtbot.addWidget(dialog)
    assert dialog.named_lead.currentText() == "Phòng Văn hóa - Xã hội"
    group = dialog.leads.list.findItems("Các phòng chuyên môn", Qt.MatchFlag.MatchExactly)[0]
    group.setCheckState(Qt.CheckState.Unchecked)  # the group is no longer a lead
    assert dialog.named_lead.currentData() is None
    assert dialog.named_lead.count() == 2  # the centre, the one printed lead left


def test_tasks_a_newer_version_dropped_are_listed_apart(qtbot, demo_ws):
    plan = demo_ws.plans.current()
    task = next(t for t in demo_ws.tasks.list(plan.id) if t.code == "I.6")
    demo_ws.db["tasks"].update(task.id, {"retired_in": 2})  # as applying version 2 does
    editor = PlanEditor(demo_ws, plan)
    qtbot.addWidget(editor)
    last = editor.tree.topLevelItem(editor.tree.topLevelItemCount() - 1)
    assert last.text(0) == "Không còn trong kế hoạch (giữ lại cùng báo cáo)"
    assert last.child(0).text(0).startswith("I.6  ")
    assert last.child(0).text(2) == "bỏ từ phiên bản 2"
    editor.tree.setCurrentItem(last.child(0))
    assert not editor.buttons["edit"].isEnabled() and editor.buttons["delete"].isEnabled()


def test_a_date_is_taken_as_typed_and_said_back_in_words(qtbot):
    """Issue 25, point 2: typing 10/01/2026 in 'Ngày ban hành' gave 01/12/2026 (the field
    read keystrokes section by section, with today as its maximum). Now the text stays as
    typed and the day read is said beside it; what is not a day is said, not bent."""
    from ui.fields import DateField

    field = DateField(date(2025, 6, 1), what="Ngày ban hành")
    qtbot.addWidget(field)
    for typed, words in (
        ("10/01/2026", "Thứ bảy, ngày 10 tháng 1 năm 2026"),
        ("20122025", "Thứ bảy, ngày 20 tháng 12 năm 2025"),
        ("20/12/25", "Thứ bảy, ngày 20 tháng 12 năm 2025"),
    ):
        retype_date(field, typed)
        assert field.edit.text() == typed  # never altered
        assert field.words.text() == words
    assert field.value() == date(2025, 12, 20)
    retype_date(field, "31/02/2026")
    assert field.words.text() == "chưa phải một ngày"
    with pytest.raises(InvalidInput, match="không có trên lịch"):
        field.value()
