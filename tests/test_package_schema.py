"""du_lieu.json against its schema with one validator (fastjsonschema): a real period's data
fits; each departure is named by where it is in the file and what is wrong, several at once."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest

from desktop.domain.periods import PeriodId
from desktop.package.schema import schema_problems
from desktop.submission.data import period_evidence, submission_data
from desktop.submission.document import submission


@pytest.fixture(scope="module")
def data(tmp_path_factory, demo_files):
    """du_lieu.json of the demo's 2025 report, as a package would carry it."""
    when = datetime(2026, 1, 20, 3, 0, tzinfo=UTC)
    ws = demo_files.open(
        tmp_path_factory.mktemp("du_lieu") / "tl.db", clock=lambda: when, actor=None
    )
    try:
        ws.document_settings.save(signer_name="Nguyễn Văn An")
        plan = ws.plans.current()
        made = submission(ws, plan, ws.periods.get(PeriodId.parse("2025"), plan.id))
        evidence = period_evidence(ws, made.report)
        return submission_data(ws, made, evidence, uid="a" * 32, submitted_at=when, trial=True)
    finally:
        ws.close()


def test_a_real_period_fits(data):
    assert len(data["tasks"]) == 45
    assert schema_problems(data) == []


def test_each_departure_is_named_by_its_place_and_what_is_wrong(data):
    bad = copy.deepcopy(data)
    bad["tasks"][3]["percent"] = 150
    bad["period"]["due_on"] = "2026-13-45"  # looks like a date, is not one
    del bad["office"]
    assert schema_problems(bad) == [
        "(gốc): must contain ['office'] properties",
        "period/due_on: must be iso-date",
        "tasks/3/percent: must be smaller than or equal to 100",
    ]


def test_a_file_that_is_not_an_object_is_one_problem():
    assert schema_problems(["not", "a", "report"]) == ["(gốc): must be object"]
