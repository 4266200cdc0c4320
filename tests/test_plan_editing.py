"""Editing a plan through the services: particulars, sections, tasks, units, indicators;
deletions that say what goes with them. Each change is one audited transaction."""

from __future__ import annotations

import pytest

from desktop.domain.periods import PeriodId
from desktop.errors import InvalidInput


def _task(ws, code):
    return next(t for t in ws.tasks.list(ws.plans.current().id) if t.code == code)


def test_plan_particulars_are_corrected_and_checked(plan, ws):
    fixed = ws.plans.update(plan.id, number="42/KH-UBND", end_year=2027)
    assert (fixed.number, fixed.end_year, fixed.summary) == ("42/KH-UBND", 2027, plan.summary)
    with pytest.raises(InvalidInput, match="Giai đoạn kế hoạch 2026–2025"):
        ws.plans.update(plan.id, end_year=2025)
    with pytest.raises(InvalidInput, match="Trích yếu"):
        ws.plans.update(plan.id, summary="   ")
    assert ws.plans.get(plan.id) == fixed  # nothing written by a refused change


def test_two_plans_cannot_share_number_and_date(plan, ws):
    other = ws.plans.create("7/KH-UBND", plan.issued_on, "UBND", "Kế hoạch khác", 2026, 2026)
    with pytest.raises(InvalidInput, match="Đã có kế hoạch số"):
        ws.plans.update(other.id, number=plan.number)


def test_deleting_the_demo_plan_says_and_takes_everything(demo_ws):
    plan = demo_ws.plans.current()
    contents = demo_ws.plans.contents(plan_id=plan.id)
    assert contents.tasks == 45 and contents.indicators == 55
    assert (
        contents.reports == demo_ws.db.execute("SELECT count(*) FROM task_progress").fetchone()[0]
    )
    assert contents.describe().startswith("45 nhiệm vụ, ")
    demo_ws.plans.delete(plan.id)
    assert demo_ws.plans.list() == []
    for table in ("tasks", "task_progress", "indicators", "indicator_values", "sections"):
        assert demo_ws.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
    # The cascade is in the log: every report deleted is an entry of that one change.
    txn = demo_ws.db.execute("SELECT max(txn) FROM audit_log").fetchone()[0]
    deleted = demo_ws.db.execute(
        "SELECT count(*) FROM audit_log WHERE txn = ? AND table_name = 'task_progress' "
        "AND action = 'delete'",
        [txn],
    ).fetchone()[0]
    assert deleted == contents.reports


def test_a_task_with_reports_and_files_says_so(demo_ws):
    task = _task(demo_ws, "I.1")
    report = demo_ws.progress.get(task.id, PeriodId.parse("2025"))
    demo_ws.attachments.add("progress_id", report.id, "anh.png", b"\x89PNG")
    assert demo_ws.plans.contents(task_id=task.id).describe() == (
        "2 báo cáo tiến độ, 1 tệp đính kèm"
    )
    demo_ws.tasks.delete(task.id)
    assert (
        demo_ws.db.execute(
            "SELECT count(*) FROM task_progress WHERE task_id = ?", [task.id]
        ).fetchone()[0]
        == 0
    )


def test_sections_are_renamed_reordered_and_deleted_with_their_tasks(demo_ws):
    plan = demo_ws.plans.current()
    first, second = demo_ws.plans.sections(plan.id)[:2]
    demo_ws.plans.update_section(first.id, "I", "Nâng cao nhận thức")
    with pytest.raises(InvalidInput, match="Kế hoạch đã có mục II"):
        demo_ws.plans.update_section(first.id, "II", "Trùng số")
    demo_ws.plans.move_section(second.id, -1)
    assert [s.code for s in demo_ws.plans.sections(plan.id)][:2] == ["II", "I"]
    demo_ws.plans.move_section(second.id, -1)  # already first: nothing moves
    assert [s.code for s in demo_ws.plans.sections(plan.id)][:2] == ["II", "I"]
    in_second = demo_ws.plans.contents(section_id=second.id).tasks
    demo_ws.plans.delete_section(second.id)
    assert len(demo_ws.tasks.list(plan.id)) == 45 - in_second


def test_tasks_move_within_and_between_sections(demo_ws):
    plan = demo_ws.plans.current()
    demo_ws.tasks.move(_task(demo_ws, "I.2").id, -1)
    codes = [t.code for t in demo_ws.tasks.list(plan.id)]
    assert codes[:3] == ["I.2", "I.1", "I.3"]
    last_section = demo_ws.plans.sections(plan.id)[-1]
    moved = demo_ws.tasks.update(_task(demo_ws, "I.3").id, section_id=last_section.id)
    assert demo_ws.tasks.list(plan.id)[-1].id == moved.id
    with pytest.raises(InvalidInput, match="Mã nhiệm vụ"):
        demo_ws.tasks.update(moved.id, code=" ")


def test_merging_two_spellings_of_a_unit_keeps_every_assignment_once(demo_ws):
    police = demo_ws.units.find("Công an phường")
    typo = demo_ws.units.add("Công an Phường (ghi nhầm)")
    task = _task(demo_ws, "I.1")
    # The task now names both spellings as coordinators.
    demo_ws.tasks.update(task.id, coordinators=[police.id, typo.id])
    other = _task(demo_ws, "I.2")
    demo_ws.tasks.update(other.id, coordinators=[typo.id])
    before = demo_ws.units.usage(police.id) + demo_ws.units.usage(typo.id)
    demo_ws.units.merge(typo.id, police.id)
    assert demo_ws.units.find("Công an Phường (ghi nhầm)") is None
    assert demo_ws.units.usage(police.id) == before - 1  # the duplicate on I.1 went
    assert [u.name for u in demo_ws.tasks.get(other.id).coordinators] == ["Công an phường"]
    assert [u.name for u in demo_ws.tasks.get(task.id).coordinators] == ["Công an phường"]
    with pytest.raises(InvalidInput, match="hai cơ quan"):
        demo_ws.units.merge(police.id, police.id)


def test_an_indicator_is_rewritten_with_new_targets(demo_ws):
    plan = demo_ws.plans.current()
    indicator = demo_ws.indicators.list(plan.id)[0]
    updated = demo_ws.indicators.update(
        indicator.id,
        code=indicator.code,
        name=indicator.name,
        unit_of_measure="%",
        targets={2026: "≥ 70%", 2030: "100%"},
        leads=["Công an phường"],
    )
    assert sorted(updated.targets) == [2026, 2030]
    assert updated.targets[2026].value == 70
    assert [u.name for u in updated.leads] == ["Công an phường"]
    with pytest.raises(InvalidInput):
        demo_ws.indicators.update(indicator.id, code="1", name="")
    demo_ws.indicators.delete(indicator.id)
    assert len(demo_ws.indicators.list(plan.id)) == 54
