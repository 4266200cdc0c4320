"""The demo database is realistic: seed plan 79/KH-UBND and seed budget 41/KH-UBND."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

import pytest

from desktop.demo import build_demo
from desktop.errors import UserError
from desktop.task_state import TaskState


def test_plan_shape(demo_ws):
    plan = demo_ws.plans.current()
    assert (plan.number, plan.issued_on.isoformat()) == ("79/KH-UBND", "2025-10-02")
    assert demo_ws.office.get().committee == "UBND phường Trần Liêu"
    sections = demo_ws.plans.sections(plan.id)
    assert [s.code for s in sections] == ["I", "II", "III", "IV", "V", "VI", "VII"]
    tasks = demo_ws.tasks.list(plan.id)
    assert len(tasks) == 45
    assert all(task.leads for task in tasks)
    indicators = demo_ws.indicators.list(plan.id)
    assert len(indicators) == 29
    years = {year for indicator in indicators for year in indicator.targets}
    assert years == {2025, 2030, 2035, 2040, 2045}


def test_all_text_is_nfc_vietnamese_with_diacritics(demo_ws):
    plan = demo_ws.plans.current()
    texts = [s.title for s in demo_ws.plans.sections(plan.id)]
    texts += [t.title for t in demo_ws.tasks.list(plan.id)]
    texts += [i.name for i in demo_ws.indicators.list(plan.id)]
    texts += [u.name for u in demo_ws.units.list()]
    for text in texts:
        assert unicodedata.is_normalized("NFC", text), text
        assert re.search(r"[^\x00-\x7f]", text), f"no diacritics: {text}"


def test_budget_matches_the_seed_appendix(demo_ws):
    plan = demo_ws.plans.current()
    estimate, paid = demo_ws.budget.totals(plan.id, 2026)
    assert estimate == 3_850_000_000  # Phụ lục 1: TỔNG SỐ 3.850 triệu đồng
    assert paid == 1_813_500_000
    rows = {r.line.code: r.estimate for r in demo_ws.budget.table(plan.id, 2026)}
    assert (rows["1"], rows["2"], rows["3"]) == (500_000_000, 3_150_000_000, 200_000_000)
    assert demo_ws.budget.totals(plan.id, 2025) == (221_910_000, 221_910_000)


def test_year_2025_states_as_counted_by_hand(demo_ws):
    """Expected counts worked out from the seed deadlines, not from the code under test:
    32 'Thường xuyên'; I.1 done 15/10 after its 9/2025 deadline; I.6 not done by 9/2025;
    III.7 done 28/11 before 12/2025; V.1 done (no dated deadline); 9 others not due yet."""
    plan = demo_ws.plans.current()
    items = demo_ws.progress.overview(plan.id, "2025")
    counts = Counter(item.state for item in items)
    assert counts == {
        TaskState.ONGOING: 32,
        TaskState.NOT_DUE: 9,
        TaskState.DONE_ON_TIME: 2,
        TaskState.DONE_LATE: 1,
        TaskState.OVERDUE: 1,
    }
    by_code = {item.task.code: item.state for item in items}
    assert by_code["I.1"] is TaskState.DONE_LATE
    assert by_code["I.6"] is TaskState.OVERDUE
    assert {by_code["III.7"], by_code["V.1"]} == {TaskState.DONE_ON_TIME}


def test_demo_is_one_change_and_refuses_to_run_twice(demo_ws):
    assert demo_ws.db.execute("SELECT count(DISTINCT txn) FROM audit_log").fetchone()[0] == 1
    with pytest.raises(UserError, match="đã có kế hoạch 79/KH-UBND"):
        build_demo(demo_ws)
