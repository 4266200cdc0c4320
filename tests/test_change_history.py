"""A task's change history told from the audit log."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from desktop.domain.periods import PeriodId
from desktop.reports.change_history import task_changes
from desktop.reports.task_detail import task_detail


def _task(ws, code):
    return next(t for t in ws.tasks.list(ws.plans.current().id) if t.code == code)


def _changes(ws, task):
    units = {u.id: u.name for u in ws.units.list()}
    return task_changes(ws.audit.for_task(task.id), units.__getitem__)


def test_a_save_that_keeps_the_units_tells_only_what_changed(demo_ws):
    task = _task(demo_ws, "I.3")
    # Saving rewrites the task's assignments whole: unchanged units must not show.
    demo_ws.tasks.update(task.id, deadline_text="Tháng 12/2026", leads=list(task.leads))
    newest = _changes(demo_ws, task)[0]
    assert newest.operation == "Sửa nhiệm vụ I.3"
    assert newest.actor == "Cán bộ thử nghiệm" and not newest.outside
    assert newest.lines == ("Thời gian hoàn thành: «Thường xuyên» → «Tháng 12/2026»",)


def test_units_moved_are_told_by_name(demo_ws):
    task = _task(demo_ws, "I.3")
    demo_ws.tasks.update(task.id, coordinators=["Công an phường"])
    lines = _changes(demo_ws, task)[0].lines
    assert "Thêm cơ quan phối hợp: Công an phường" in lines
    assert any(line.startswith("Bỏ cơ quan phối hợp: ") for line in lines)
    assert not any("chủ trì" in line for line in lines)


def test_the_unit_named_to_lead_is_told_by_name(demo_ws):
    task = _task(demo_ws, "V.3")  # led by "Các phòng chuyên môn" and the centre
    demo_ws.tasks.name_lead(task.id, "Phòng Văn hóa - Xã hội")
    newest = _changes(demo_ws, task)[0]
    assert newest.operation == "Giao cơ quan trực tiếp chủ trì nhiệm vụ V.3"
    assert newest.lines == ("Cơ quan trực tiếp chủ trì: (trống) → Phòng Văn hóa - Xã hội",)
    demo_ws.tasks.name_lead(task.id, None)
    assert _changes(demo_ws, task)[0].lines == (
        "Cơ quan trực tiếp chủ trì: Phòng Văn hóa - Xã hội → (trống)",
    )


def test_report_edits_name_the_period_and_the_field(demo_ws):
    task = _task(demo_ws, "I.6")
    demo_ws.progress.record(task.id, "2025", "dang_thuc_hien", 80, result="Đã trình duyệt")
    lines = _changes(demo_ws, task)[0].lines
    assert "Báo cáo năm 2025 — Tỷ lệ hoàn thành: 60% → 80%" in lines
    assert any(line.startswith("Báo cáo năm 2025 — Kết quả thực hiện: «") for line in lines)


def test_a_deleted_report_and_a_removed_file_stay_in_the_history(demo_ws):
    task = _task(demo_ws, "I.6")
    report = demo_ws.progress.get(task.id, "2025")
    attached = demo_ws.attachments.add("progress_id", report.id, "ke_hoach.pdf", b"%PDF")
    demo_ws.attachments.remove(attached.id)
    demo_ws.progress.delete(task.id, PeriodId.parse("2025"))
    lines = [line for change in _changes(demo_ws, task)[:3] for line in change.lines]
    assert lines == ["Xóa báo cáo năm 2025", "Gỡ tệp «ke_hoach.pdf»", "Đính kèm tệp «ke_hoach.pdf»"]


def test_writes_from_another_program_are_a_change_of_their_own(demo_ws):
    task = _task(demo_ws, "II.4")
    demo_ws.tasks.update(task.id, expected_product="Kế hoạch")
    other = sqlite3.connect(demo_ws.path)
    with other:
        other.execute("UPDATE tasks SET note = 'sửa tay' WHERE id = ?", [task.id])
    other.close()
    newest, before = _changes(demo_ws, task)[:2]
    assert newest.outside and newest.lines == ("Ghi chú: (trống) → «sửa tay»",)
    assert not before.outside and before.lines == ("Kết quả, sản phẩm: (trống) → «Kế hoạch»",)


def test_long_texts_are_cut_and_times_are_vietnam_time(demo_ws):
    task = _task(demo_ws, "II.4")
    demo_ws.tasks.update(task.id, title="Nhiệm vụ " + "rất dài " * 40)
    newest = _changes(demo_ws, task)[0]
    assert newest.lines[0].endswith("…»") and len(newest.lines[0]) < 400
    logged = demo_ws.audit.for_task(task.id)[-1].at  # UTC, as the log keeps it
    utc = datetime.fromisoformat(logged.replace("Z", "+00:00"))
    assert newest.when == f"{utc + timedelta(hours=7):%d/%m/%Y %H:%M}"


def test_the_detail_gathers_reports_with_their_files(demo_ws):
    task = _task(demo_ws, "I.1")
    report = demo_ws.progress.get(task.id, "2025")
    demo_ws.attachments.add("progress_id", report.id, "anh.png", b"\x89PNG")
    item = next(i for i in demo_ws.progress.overview(task.plan_id, "2025") if i.task.id == task.id)
    detail = task_detail(demo_ws, item)
    assert [line.period_title for line in detail.reports] == ["Quý III năm 2025", "Năm 2025"]
    assert [f.filename for f in detail.reports[1].files] == ["anh.png"]
    assert detail.section.code == "I"
