"""A newer version of a plan already imported: the difference, then applying it without
losing a report, a value or a file."""

from __future__ import annotations

import pytest
from annex_files import INDICATOR_ROWS, KNOWN_UNITS, TASK_ROWS, TITLE_LINES, write_xlsx

from desktop.domain.periods import PeriodId
from desktop.importing import understand, write


@pytest.fixture
def imported(ws, tmp_path):
    ws.office.save("Hưng Nguyên", "xa")
    for name in KNOWN_UNITS:
        ws.units.add(name)
    plan = write(ws, understand(ws, write_xlsx(tmp_path / "v1.xlsx")))
    tasks = {t.code: t for t in ws.tasks.list(plan.id)}
    # Work recorded on version 1: reports on I.1 and I.2, a file on I.2's, a value.
    ws.progress.record(tasks["I.1"].id, "2026-Q1", "dang_thuc_hien", 40, result="Đã làm")
    report = ws.progress.record(tasks["I.2"].id, "2026-Q1", "dang_thuc_hien", 30)
    ws.attachments.add("progress_id", report.id, "bien_ban.pdf", b"%PDF-1.4")
    first = ws.indicators.list(plan.id)[0]
    ws.indicators.record_value(first.id, "2026-Q1", 55)
    return plan, tasks


def version_2(tmp_path):
    rows = [list(r) if isinstance(r, list) else r for r in TASK_ROWS]
    rows[1][1] = "Tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh"  # reworded
    rows[5][0] = 2  # I.3 becomes I.2 once the old I.2 is gone
    rows[9][2] = "30/09/2026"  # II.1 later
    del rows[2:4]  # I.2 and the row running on from it: dropped
    rows.append([2, "Triển khai ký số cho cán bộ, công chức", "Quý III/2026",
                 "Văn phòng HĐND và UBND", "", "", ""])  # fmt: skip
    indicators = [list(r) if isinstance(r, list) else r for r in INDICATOR_ROWS]
    indicators[2][3] = "90%"  # a target raised
    lines = [*TITLE_LINES[:2], TITLE_LINES[2].replace("10/01/2026", "15/03/2026")]
    return write_xlsx(
        tmp_path / "v2.xlsx", task_rows=rows, title_lines=lines, indicator_rows=indicators
    )


def test_the_difference_is_told_before_anything_is_written(ws, imported, tmp_path):
    plan, _ = imported
    understood = understand(ws, version_2(tmp_path))
    assert understood.errors == []
    version = understood.to_json()["version"]
    assert (version["from"], version["to"]) == (1, 2)
    assert [t["code"] for t in version["tasks_added"]] == ["II.2"]
    assert [t["code"] for t in version["tasks_removed"]] == ["I.2"]
    changed = {c["code"]: c["changes"] for c in version["tasks_changed"]}
    assert changed["I.1"] == [
        {
            "field": "Tên nhiệm vụ",
            "old": "Tuyên truyền về chuyển đổi số trên hệ thống loa",
            "new": "Tuyên truyền về chuyển đổi số trên hệ thống loa truyền thanh",
        }
    ]
    assert changed["I.3"] == [{"field": "Mã", "old": "I.3", "new": "I.2"}]  # renumbered
    assert changed["II.1"] == [
        {"field": "Thời gian hoàn thành", "old": "30/06/2026", "new": "30/09/2026"}
    ]
    assert [c["code"] for c in version["indicators_changed"]] == ["2"]
    assert ws.plans.get(plan.id).version == 1  # nothing written yet


def test_applying_keeps_every_report_value_and_file(ws, imported, tmp_path):
    plan, before = imported
    audit_before = ws.db.execute("SELECT max(txn) FROM audit_log").fetchone()[0]
    write(ws, understand(ws, version_2(tmp_path)))
    plan = ws.plans.get(plan.id)
    assert (plan.version, plan.issued_on.isoformat()) == (2, "2026-03-15")
    now = {t.code: t for t in ws.tasks.list(plan.id)}
    assert list(now) == ["I.1", "I.2", "II.1", "4.5", "II.2"]
    # I.1 is the same task, reworded: its report is still its own.
    assert now["I.1"].id == before["I.1"].id
    assert ws.progress.get(now["I.1"].id, PeriodId.parse("2026-Q1")).result == "Đã làm"
    # The old I.3, renumbered I.2, is the same task too.
    assert now["I.2"].id == before["I.3"].id
    # The dropped I.2 is kept, marked with version 2, its report and file with it.
    [dropped] = ws.tasks.retired(plan.id)
    assert (dropped.id, dropped.retired_in) == (before["I.2"].id, 2)
    report = ws.progress.get(dropped.id, PeriodId.parse("2026-Q1"))
    assert [a.filename for a in ws.attachments.list("progress_id", report.id)] == ["bien_ban.pdf"]
    assert ws.indicators.all_values(plan.id)[0].value == 55
    assert ws.indicators.list(plan.id)[1].targets[2026].text == "90%"
    # One change, named for what it was.
    txns = ws.db.execute(
        "SELECT DISTINCT txn, operation FROM audit_log WHERE txn > ?", [audit_before]
    ).fetchall()
    assert len(txns) == 1
    assert txns[0][1] == "Nhập phiên bản 2 của kế hoạch 15/KH-UBND từ tệp v2.xlsx"


def test_the_status_counts_only_what_the_plan_still_has(ws, imported, tmp_path):
    from desktop.reports.status import build_status

    plan, _ = imported
    write(ws, understand(ws, version_2(tmp_path)))
    period = ws.periods.get(PeriodId.parse("2026-Q1"), plan.id)
    report = build_status(ws, ws.plans.get(plan.id), period)
    assert len(report.tasks) == 5
    assert "I.2" in {i.task.code for i in report.tasks}  # the renumbered one
    assert all(i.task.retired_in is None for i in report.tasks)


def test_the_same_file_again_is_nothing_to_import(ws, imported, tmp_path):
    again = understand(ws, write_xlsx(tmp_path / "v1_lai.xlsx"))
    assert [e.message for e in again.errors] == [
        "Tệp không khác gì kế hoạch số 15/KH-UBND đang có: không có gì để nhập."
    ]
