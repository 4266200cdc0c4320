"""Indicators typed by hand: targets read as typed, refused input writes nothing,
deleting one with recorded values says so."""

from __future__ import annotations

from PySide6.QtCore import Qt
from qt_tables import type_text
from test_plan_forms import save, scripted

from ui import ask
from ui.indicator_editor import IndicatorEditor, IndicatorForm


def test_an_indicator_is_added_with_targets_read_live(qtbot, monkeypatch, demo_ws):
    plan = demo_ws.plans.current()
    before = len(demo_ws.indicators.list(plan.id))
    readings, problems = [], []

    def scenario(form):
        type_text(form.name.viewport(), "Tỷ lệ hồ sơ giải quyết trực tuyến toàn trình")
        type_text(form.unit_of_measure, "%")
        year, target, reading = form.targets.rows[0]
        year.setValue(2026)
        type_text(target, "≥ 70%")
        readings.append(reading.text())
        form.targets.add_row(2026, "80%")  # the same year twice
        save(qtbot, form)
        problems.append(form.problem.text())
        assert len(demo_ws.indicators.list(plan.id)) == before  # nothing written
        form.targets.rows[1][0].setValue(2030)
        type_text(form.leads.filter, "Văn phòng HĐND và UBND")
        qtbot.keyClick(form.leads.filter, Qt.Key.Key_Return)
        save(qtbot, form)

    scripted(monkeypatch, IndicatorForm, scenario)
    editor = IndicatorEditor(demo_ws, plan)
    qtbot.addWidget(editor)
    editor.tree.setCurrentItem(editor.tree.topLevelItem(0))
    qtbot.mouseClick(editor.buttons["add"], Qt.MouseButton.LeftButton)
    assert readings == ["đạt khi ≥ 70"]
    assert problems == ["Năm 2026 có hai mục tiêu; mỗi năm một mục tiêu."]
    added = demo_ws.indicators.list(plan.id)
    assert len(added) == before + 1
    new = next(i for i in added if i.name.startswith("Tỷ lệ hồ sơ giải quyết trực tuyến"))
    assert {y: t.text for y, t in new.targets.items()} == {2026: "≥ 70%", 2030: "80%"}
    assert new.targets[2026].value == 70
    assert [u.name for u in new.leads] == ["Văn phòng HĐND và UBND"]


def test_a_target_without_a_figure_is_said_to_be_unjudgeable(qtbot, demo_ws):
    plan = demo_ws.plans.current()
    group = demo_ws.indicators.groups(plan.id)[0]
    form = IndicatorForm(demo_ws, plan, group)
    qtbot.addWidget(form)
    type_text(form.targets.rows[0][1], "Hoàn thành")
    assert form.targets.rows[0][2].text().startswith("không đọc được mức số")
    # A ranking reads 'thuộc nhóm 10' as a rank of at most 10.
    type_text(form.name.viewport(), "Xếp hạng chỉ số chuyển đổi số")
    type_text(form.unit_of_measure, "Hạng")
    form.targets.rows[0][1].setText("Thuộc nhóm 10 dẫn đầu")
    assert form.targets.rows[0][2].text() == "đạt khi ≤ 10"


def test_deleting_an_indicator_with_values_says_so(qtbot, monkeypatch, demo_ws):
    plan = demo_ws.plans.current()
    valued = {v.indicator_id for v in demo_ws.indicators.all_values(plan.id)}
    indicator = next(i for i in demo_ws.indicators.list(plan.id) if i.id in valued)
    editor = IndicatorEditor(demo_ws, plan)
    qtbot.addWidget(editor)
    item = next(
        editor.tree.topLevelItem(g).child(c)
        for g in range(editor.tree.topLevelItemCount())
        for c in range(editor.tree.topLevelItem(g).childCount())
        if editor.tree.topLevelItem(g).child(c).data(0, Qt.ItemDataRole.UserRole + 1)
        == indicator.id
    )
    editor.tree.setCurrentItem(item)
    questions = []
    monkeypatch.setattr(ask, "confirm", lambda parent, title, text: questions.append(text) or True)
    qtbot.mouseClick(editor.buttons["delete"], Qt.MouseButton.LeftButton)
    assert f"Xóa chỉ tiêu {indicator.code}?" in questions[0]
    assert "kết quả chỉ tiêu đã ghi" in questions[0]
    assert indicator.id not in {i.id for i in demo_ws.indicators.list(plan.id)}
