"""Stored moments as the clerk reads them (issue 25, point 6): '2026-12-06T16:08:05Z' is
06/12/2026 23:08, in Việt Nam's time whatever zone the machine is set to, as the app's
'today' is; never the raw UTC text."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.vietnamese.dates import local_time


@pytest.fixture(params=["UTC", "America/New_York", "Asia/Ho_Chi_Minh"])
def machine_zone(request, monkeypatch):
    """The machine's own time zone, as a clerk's computer may be set (wrongly or not)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("2026-12-06T16:08:05Z", "06/12/2026 23:08"),
        ("2026-12-06T17:30:00Z", "07/12/2026 00:30"),  # past midnight in Hà Nội
        ("2026-11-25T10:00:00+07:00", "25/11/2026 10:00"),  # a package's own stamp
        ("2026-11-25T03:00:00+00:00", "25/11/2026 10:00"),
        ("2026-11-25T03:00:00", "25/11/2026 10:00"),  # no zone: written in UTC
    ],
)
def test_a_stored_moment_reads_in_vietnam_time_on_any_machine(machine_zone, stored, shown):
    assert local_time(stored) == shown


def test_a_moment_given_as_a_datetime_reads_the_same(machine_zone):
    moment = datetime(2026, 12, 6, 16, 8, 5, tzinfo=UTC)
    assert local_time(moment) == "06/12/2026 23:08"
    elsewhere = moment.astimezone(timezone(timedelta(hours=-5)))
    assert local_time(elsewhere) == "06/12/2026 23:08"


@pytest.mark.parametrize(("stored", "shown"), [(None, ""), ("", ""), ("x", "x")])
def test_nothing_is_nothing_and_text_that_is_no_moment_is_shown_as_it_is(stored, shown):
    assert local_time(stored) == shown
