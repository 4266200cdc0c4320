"""The demo databases are honest: each office with its own plan, data as printed in the seeds."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import UTC, datetime

import pytest
from demo_files import ACTOR

from desktop.demo import build_demo, plan_41, plan_79, plan_79_annex1
from desktop.domain.periods import PeriodId, PeriodKind
from desktop.domain.task_state import TaskState
from desktop.errors import UserError
from desktop.workspace import Workspace


@pytest.fixture
def demo_ws(db_path, clock):
    """Built here, where the demo itself is tested, not copied from the session's build."""
    workspace = Workspace.open(db_path, actor=ACTOR, clock=clock, create=True)
    build_demo(workspace)
    yield workspace
    workspace.close()


@pytest.fixture
def budget_ws(tmp_path, clock):
    workspace = Workspace.open(tmp_path / "hung_nguyen.db", actor="Thử", clock=clock, create=True)
    build_demo(workspace, "hung-nguyen")
    yield workspace
    workspace.close()


def test_plan_shape(demo_ws):
    plan = demo_ws.plans.current()
    assert (plan.number, plan.issued_on.isoformat()) == ("79/KH-UBND", "2025-10-02")
    assert demo_ws.office.get().committee == "UBND phường Trần Liêu"
    sections = demo_ws.plans.sections(plan.id)
    assert [s.code for s in sections] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    tasks = demo_ws.tasks.list(plan.id)
    assert len(tasks) == 45
    assert all(task.leads for task in tasks)
    # Phụ lục 1 (26 indicators under NQ 71, to 2030 and 2045) beside Phụ lục 2 (29).
    groups = Counter(i.group_code for i in demo_ws.indicators.list(plan.id))
    assert groups == {
        "PL1-I": 23,
        "PL1-II": 3,
        "PL2-I": 3,
        "PL2-II": 12,
        "PL2-III": 2,
        "PL2-IV": 12,
    }
    years = {year for i in demo_ws.indicators.list(plan.id) for year in i.targets}
    assert years == {2025, 2030, 2035, 2040, 2045}


def test_no_invented_products_and_v3_lead_as_printed(demo_ws):
    # Seed 001, Phụ lục 3 has no product column: I.2, I.3, I.5, I.6, II.4, II.5, V.1
    # and VII.1 used to carry invented ones.
    tasks = {t.code: t for t in demo_ws.tasks.list(demo_ws.plans.current().id)}
    assert {code for code, t in tasks.items() if t.expected_product} == set()
    # Seed: "Cac phong chuyén mon, Trung tdm hanh chinh céng phuong": a group and the
    # centre the plan calls "Trung tam phuc vy hanh chinh" elsewhere (its Phụ lục 2),
    # two leads, each answering for the task.
    assert [(u.name, u.collective) for u in tasks["V.3"].owners] == [
        ("Các phòng chuyên môn", True),
        ("Trung tâm Phục vụ hành chính công", False),
    ]
    assert tasks["V.3"].deadline.text == "Năm 2025 và những năm tiếp theo"


def test_both_printed_2030_targets_for_digital_signatures_are_kept(demo_ws):
    # Phụ lục 1 item 7 prints ">70" for 2030; Phụ lục 2 item 27 prints 10% for 2030.
    by_key = {(i.group_code, i.code): i for i in demo_ws.indicators.list(1)}
    assert by_key["PL1-I", "7"].targets[2030].text == "≥ 70%"
    assert "chữ ký số" in by_key["PL1-I", "7"].name
    assert by_key["PL2-IV", "27"].targets[2030].text == "10%"
    assert by_key["PL2-IV", "27"].name == "Tỷ lệ người dân có chữ ký số"


def test_reconstructed_rows_are_marked_in_the_data(demo_ws):
    indicators = demo_ws.indicators.list(1)
    noted = {(i.group_code, i.code): i.note for i in indicators if i.note}
    reconstructed = {
        key
        for key, note in noted.items()
        if note.removesuffix(plan_79_annex1.UNITS_INFERRED_ANNEX2).strip()
    }
    expected = set(plan_79_annex1.RECONSTRUCTED_NQ71) | set(plan_79_annex1.RECONSTRUCTED_ANNEX2)
    assert reconstructed == expected
    assert "Dữ liệu mẫu" in noted["PL2-IV", "28"]  # its name is a guess
    # Phụ lục 2 prints no unit column: every one of its 29 rows says its unit is inferred.
    annex2 = [i for i in indicators if i.group_code.startswith("PL2")]
    assert len(annex2) == 29
    assert all(i.note.endswith(plan_79_annex1.UNITS_INFERRED_ANNEX2) for i in annex2)
    assert not any(
        plan_79_annex1.UNITS_INFERRED_ANNEX2 in i.note
        for i in indicators
        if i.group_code.startswith("PL1")
    )


def test_annex1_row_4_is_kept_with_its_units(demo_ws):
    # Seed 001, Phụ lục 1: "4 | Hating s al, dung WoNg | y72) shong HDND-UBND Céc co quan
    # chuyén mon, / siéu lon, bang ... / thong siéu rong", with "S& Khoa hoc va Cong nghg;"
    # among its coordinators: a row of its own before 4.1 and 4.2, no unit, no target.
    by_key = {(i.group_code, i.code): i for i in demo_ws.indicators.list(1)}
    row = by_key["PL1-I", "4"]
    assert row.name.endswith("băng thông siêu rộng") and not row.targets
    assert [u.name for u in row.leads] == ["Văn phòng HĐND và UBND"]
    assert [u.name for u in row.coordinators] == [
        "Sở Khoa học và Công nghệ",
        "Các cơ quan chuyên môn, đơn vị liên quan",
    ]
    assert "không in đơn vị tính, mục tiêu" in row.note


def test_all_text_is_nfc_vietnamese_with_diacritics(demo_ws, budget_ws):
    for ws in (demo_ws, budget_ws):
        plan = ws.plans.current()
        texts = [s.title for s in ws.plans.sections(plan.id)]
        texts += [t.title for t in ws.tasks.list(plan.id)]
        texts += [i.name for i in ws.indicators.list(plan.id)]
        texts += [u.name for u in ws.units.list()]
        for text in texts:
            assert unicodedata.is_normalized("NFC", text), text
            assert re.search(r"[^\x00-\x7f]", text), f"no diacritics: {text}"


def test_the_ward_has_no_other_offices_money(demo_ws):
    plan = demo_ws.plans.current()
    assert demo_ws.budget.years(plan.id) == []
    reports = [
        r.result for t in demo_ws.tasks.list(plan.id) for r in demo_ws.progress.history(t.id)
    ]
    assert reports and not any("3.850" in text for text in reports)


def test_budget_belongs_to_hung_nguyens_own_plan(budget_ws, tmp_path, demo_files):
    assert budget_ws.office.get().committee == "UBND xã Hưng Nguyên"
    plan = budget_ws.plans.current()
    assert (plan.number, plan.start_year, plan.end_year) == ("41/KH-UBND", 2026, 2026)
    january = budget_ws.periods.get(PeriodId.parse("2026-Q1"), plan.id)
    by_source = budget_ws.budget.for_period(plan.id, january).by_source()
    # Phụ lục 1: TỔNG SỐ 3.850 triệu đồng; Phụ lục 2: twelve projects, 29.300 triệu.
    # Built on 20/01/2026: no 2026 payment made yet.
    assert by_source == [
        ("Chi thường xuyên", 3_850_000_000, 0),
        ("Vốn đầu tư công", 29_300_000_000, 0),
    ]
    late = datetime(2026, 11, 25, 3, tzinfo=UTC)  # every 2026 payment made
    late_db = tmp_path / "late.db"
    with demo_files.open(late_db, "hung-nguyen", clock=lambda: late, actor="Thử") as ws:
        assert ws.budget.totals(ws.plans.current().id, 2026) == (33_150_000_000, 1_813_500_000)
    rows = {r.line.code: r for r in budget_ws.budget.table(plan.id, 2026)}
    assert (rows["1"].estimate, rows["2"].estimate, rows["3"].estimate) == (
        500_000_000,
        3_150_000_000,
        200_000_000,
    )
    # Printed in this order: "h Cong tac tuyén truyén 50 / g Chi khac 50".
    assert (rows["2.h"].line.title, rows["2.g"].line.title) == ("Công tác tuyên truyền", "Chi khác")
    projects = [r for r in rows.values() if r.line.code.startswith("ĐT.")]
    assert len(projects) == 12 and projects[0].line.title.startswith("Hệ thống mạng cơ quan")
    assert {r.line.funding_source for r in projects} == {"Vốn đầu tư công"}
    # Mục A.II: 221.910.000 đ spent in 2025 from recurrent funds, nothing budgeted for it.
    assert budget_ws.budget.totals(plan.id, 2025) == (None, 221_910_000)
    assert {r.line.estimate for r in budget_ws.budget.table(plan.id, 2025)} == {None}


def test_hung_nguyen_reports_quarterly_before_the_12th(budget_ws):
    # Seed 004, mục IV.1: the units report "ve UBND xa ... truoc ngay 12 thang cuoi Quy
    # de tong hop, bao cao UBND tinh": the xã reports to the province by its own rule
    # (NĐ 09/2019: the 20th of the quarter's last month).
    [entry] = budget_ws.schedule.entries(budget_ws.plans.current().id)
    rule = entry.rule
    assert (rule.kind, rule.close_day, rule.units_due, rule.due_day) == (
        PeriodKind.QUARTER, 10, (12, 0), 20
    )  # fmt: skip
    assert "trước ngày 12 tháng cuối Quý" in entry.source_text


def test_a_demo_built_early_holds_only_what_was_reported_by_then(budget_ws):
    # Clock 20/01/2026: no 2026 quarter has closed, so only the 2025 baselines are in.
    plan = budget_ws.plans.current()
    assert budget_ws.periods.with_data(plan.id) == {"2025"}


def test_year_2025_states_as_counted_by_hand(demo_ws):
    """Worked out from the seed deadlines and the plan's schedule (year report due 30/11,
    data to 14/11 — the demo's choice, the plan prints no cut-off): 33 continuous works,
    the 32 'Thường xuyên' and V.3 'Năm 2025 và những năm tiếp theo' (ongoing effort, not
    yearly turns), 19 of them reported in 2025; I.1 done 15/10 after its 9/2025 deadline;
    I.6 not done by 9/2025, the one overdue task; V.1 'Xây dựng Kế hoạch chuyển đổi số của
    phường hằng năm' (yearly by its title) done 20/10 for its 2025 turn, due at the 14/11
    cut-off; III.7 done 28/11, after the cut-off, so not yet counted and not yet due
    (12/2025); 8 others not due yet."""
    plan = demo_ws.plans.current()
    items = demo_ws.progress.overview(plan.id, "2025")
    counts = Counter(item.state for item in items)
    assert counts == {
        TaskState.ONGOING: 19,
        TaskState.ONGOING_UNREPORTED: 14,
        TaskState.NOT_DUE: 9,
        TaskState.DONE_ON_TIME: 1,
        TaskState.DONE_LATE: 1,
        TaskState.OVERDUE: 1,
    }
    by_code = {item.task.code: item for item in items}
    assert by_code["I.1"].state is TaskState.DONE_LATE
    assert by_code["I.6"].state is TaskState.OVERDUE
    assert by_code["V.3"].state is TaskState.ONGOING
    assert by_code["V.1"].state is TaskState.DONE_ON_TIME
    assert by_code["III.7"].state is TaskState.NOT_DUE
    assert by_code["III.7"].completed_after_cutoff.isoformat() == "2025-11-28"


def test_demo_is_one_change_and_refuses_to_run_twice(demo_ws):
    assert demo_ws.db.execute("SELECT count(DISTINCT txn) FROM audit_log").fetchone()[0] == 1
    with pytest.raises(UserError, match="đã có kế hoạch 79/KH-UBND"):
        build_demo(demo_ws)


def test_one_offices_demo_is_refused_in_anothers_database(demo_ws):
    with pytest.raises(UserError, match="là của UBND phường Trần Liêu"):
        build_demo(demo_ws, "hung-nguyen")
    assert [p.number for p in demo_ws.plans.list()] == [plan_79.PLAN["number"]]


def test_reconstructed_tasks_are_marked_in_both_demos(demo_ws, budget_ws):
    tasks = {t.code: t.note for t in demo_ws.tasks.list(demo_ws.plans.current().id)}
    assert {code for code, note in tasks.items() if note} == set(plan_79.RECONSTRUCTED_TASKS)
    assert tasks["V.8"].startswith("Dữ liệu mẫu")
    noted = {t.code: t.note for t in budget_ws.tasks.list(budget_ws.plans.current().id)}
    reconstructed = {
        code for code, note in noted.items() if note.removesuffix(plan_41.LEAD_INFERRED).strip()
    }
    assert reconstructed == {"3.4.2", "3.5.3"}
    # Seed 004 prints no lead on a task row; mục IV.1: "Cac co quan, don vi thuoc UBND xa
    # theo chirc nang, nhi€ém vy, linh vuc nganh chu tri": every task says where it comes from.
    assert all(note.endswith(plan_41.LEAD_INFERRED) for note in noted.values())
    indicators = budget_ws.indicators.list(budget_ws.plans.current().id)
    assert all(i.note.endswith(plan_41.INDICATOR_LEAD_INFERRED) for i in indicators)
