"""What needs attention today: turns falling due within 30 days, the next report."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from desktop.domain.periods import PeriodId
from desktop.reports.attention import attention
from desktop.workspace import Workspace


def _demo(demo_files, tmp_path, which: str, today: date) -> Workspace:
    """The demo as built on `today` at 10:00 in Hà Nội, open on that clock."""
    moment = datetime(today.year, today.month, today.day, 3, tzinfo=UTC)
    return demo_files.open(tmp_path / f"{which}.db", which, clock=lambda: moment, actor=None)


@pytest.fixture
def september(demo_files, tmp_path):
    ws = _demo(demo_files, tmp_path, "tran-lieu", date(2026, 9, 10))
    yield ws
    ws.close()


def test_a_milestone_due_within_thirty_days_is_listed_with_days_left(september):
    found = attention(september, september.plans.current())
    # III.5 'Tháng 9/2026' is due 30/09/2026, 20 days after 10/09/2026; nothing else of
    # the plan falls due before 10/10/2026.
    assert [(d.item.task.code, d.occurrence.due, d.days_left) for d in found.due_soon] == [
        ("III.5", date(2026, 9, 30), 20)
    ]
    assert found.horizon == date(2026, 10, 10)


def test_a_turn_completed_is_no_longer_due(september):
    plan = september.plans.current()
    task = next(t for t in september.tasks.list(plan.id) if t.code == "III.5")
    september.progress.record(task.id, "2026", "hoan_thanh", 100, completed_on="2026-09-08")
    assert attention(september, plan).due_soon == ()


def test_a_shorter_horizon_leaves_it_out(september):
    assert attention(september, september.plans.current(), days=15).due_soon == ()


def test_the_next_report_and_its_days_left(september):
    found = attention(september, september.plans.current())
    # Seed 001: units report "truoc ngay 30/11" (81 days after 10/09/2026); the
    # phường reports to the city by its own rule, 20/12 (NĐ 09/2019), 101 days.
    assert found.has_schedule
    assert [(a.report.period.id, a.days_left, a.units_days_left) for a in found.reports] == [
        (PeriodId.parse("2026"), 101, 81)
    ]


@pytest.mark.parametrize(
    ("today", "days_left", "units_days_left"),
    [(date(2026, 12, 5), 15, -5), (date(2026, 12, 22), -2, -22)],
)
def test_units_late_is_not_the_office_late(demo_files, tmp_path, today, days_left, units_days_left):
    # Phường Trần Liêu's demo holds no 2026 data: on 05/12/2026 its units are 5 days late
    # (30/11) but the phường has until 20/12 to report to the city; on 22/12 it is late.
    ws = _demo(demo_files, tmp_path, "tran-lieu", today)
    try:
        found = attention(ws, ws.plans.current())
        first = found.reports[0]
        assert (first.report.period.id, first.days_left, first.units_days_left) == (
            PeriodId.parse("2026"),
            days_left,
            units_days_left,
        )
    finally:
        ws.close()
