"""Reading the printed 'Thời gian hoàn thành' column: milestone, continuous work, cycles."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.domain.deadlines import Cycle, parse_deadline
from desktop.domain.periods import PeriodId, PeriodKind

YEAR, HALF, QUARTER, MONTH = PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH


@pytest.mark.parametrize(
    ("text", "milestone"),
    [
        ("Tháng 9/2025", date(2025, 9, 30)),
        ("Tháng 2/2024", date(2024, 2, 29)),
        ("tháng 3 năm 2026", date(2026, 3, 31)),
        ("Quý IV/2025", date(2025, 12, 31)),
        ("Quý 2 năm 2026", date(2026, 6, 30)),
        ("6 tháng đầu năm 2026", date(2026, 6, 30)),
        ("31/12/2025", date(2025, 12, 31)),
        ("Trước ngày 15/8/2026", date(2026, 8, 15)),
        ("2025-2030", date(2030, 12, 31)),
        ("Năm 2025", date(2025, 12, 31)),
        ("Hoàn thành kết nối trong tháng 9/2026", date(2026, 9, 30)),
        ("Sau khi thành phố ban hành bộ quy tắc", None),
        ("Theo dự án được thành phố phê duyệt", None),
        ("", None),
    ],
)
def test_one_off_deadlines(text, milestone):
    deadline = parse_deadline(text, default_year=2026)
    assert (deadline.milestone, deadline.continuous, deadline.cycles) == (milestone, False, ())
    assert deadline.one_off
    assert deadline.text == text.strip()


@pytest.mark.parametrize("text", ["Thường xuyên", "thường xuyên, liên tục"])
def test_continuous_work_alone(text):
    deadline = parse_deadline(text, 2025)
    assert (deadline.milestone, deadline.continuous, deadline.cycles) == (None, True, ())


def test_a_milestone_beside_continuous_work_is_kept():
    # Seed deadline: "Tháng 8/2025 và thường xuyên".
    deadline = parse_deadline("Tháng 8/2025 và thường xuyên", 2025)
    assert deadline.milestone == date(2025, 8, 31)
    assert deadline.continuous and not deadline.cycles


@pytest.mark.parametrize(
    "text",
    [
        "Năm 2025 và những năm tiếp theo",  # seed 001, mục V.3: "Nam 2025 va nhung nam tiep theo"
        "Từ năm 2025 trở đi",
        "2026-2030 và các năm tiếp theo",
    ],
)
def test_ongoing_effort_is_continuous_work_not_yearly_turns(text):
    deadline = parse_deadline(text, 2025)
    assert deadline.continuous and deadline.cycles == () and deadline.milestone is None


def test_a_title_that_says_the_work_recurs_makes_an_undated_task_yearly():
    # Seed 001, mục V.1: "Xay dyung Ke hoach Chuyen doi so cua phuong hang nam", its
    # deadline column "Sau khi thanh pho ban hanh ke hoach" (a condition, no date).
    title = "Xây dựng Kế hoạch chuyển đổi số của phường hằng năm"
    read = parse_deadline("Sau khi thành phố ban hành kế hoạch", 2025, title)
    assert read.cycles == (Cycle(YEAR, 2025),) and read.milestone is None
    # The deadline column says otherwise: a date, continuous work.
    assert parse_deadline("Tháng 9/2025", 2025, title).milestone == date(2025, 9, 30)
    assert parse_deadline("Thường xuyên", 2025, title).cycles == ()
    assert parse_deadline("Sau khi thành phố ban hành kế hoạch", 2025).cycles == ()


def test_a_stage_beside_continuous_work_is_not_a_deadline():
    deadline = parse_deadline("Thường xuyên, giai đoạn 2025-2030", 2025)
    assert deadline.milestone is None and deadline.continuous


@pytest.mark.parametrize(
    ("text", "cycles"),
    [
        # A yearly task with no day falls due at the year report's cut-off (day None).
        ("Hằng năm", (Cycle(YEAR, 2026),)),
        ("Hàng năm", (Cycle(YEAR, 2026),)),
        ("Trước ngày 30/11 hằng năm", (Cycle(YEAR, 2026, 30, -1),)),
        # Seed 001, mục IV.2: "Định kỳ hằng năm trước ngày 30/11 hoặc đột xuất khi có yêu cầu".
        (
            "Định kỳ hằng năm trước ngày 30/11 hoặc đột xuất khi có yêu cầu",
            (Cycle(YEAR, 2026, 30, -1),),
        ),
        # Seed text: "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12)".
        (
            "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12)",
            (Cycle(HALF, 2026, 15, 0), Cycle(YEAR, 2026, 10, 0)),
        ),
        # Seed 004, mục IV.1: "định kỳ hằng Quý … trước ngày 12 tháng cuối Quý".
        (
            "Định kỳ hằng Quý báo cáo kết quả thực hiện về UBND xã (qua phòng Văn hóa - Xã hội) "
            "trước ngày 12 tháng cuối Quý",
            (Cycle(QUARTER, 2026, 12, 0),),
        ),
        ("Hằng tháng, trước ngày 20", (Cycle(MONTH, 2026, 20, 0),)),
        ("Định kỳ 6 tháng (trước ngày 5/7)", (Cycle(HALF, 2026, 5, 1),)),
    ],
)
def test_recurring_deadlines(text, cycles):
    deadline = parse_deadline(text, default_year=2026)
    assert deadline.cycles == cycles
    assert deadline.milestone is None and deadline.recurring


def test_cycle_due_dates_follow_the_period_and_the_plans_cut_off():
    cut_off = {PeriodId(2025, YEAR): date(2025, 11, 14)}
    yearly = parse_deadline("Hằng năm", 2025).cycles[0]
    assert yearly.due_on(PeriodId(2025, YEAR), cut_off.__getitem__) == date(2025, 11, 14)
    quarterly = parse_deadline("Hằng quý, trước ngày 31 tháng cuối quý", 2025).cycles[0]
    assert quarterly.due_on(PeriodId(2026, QUARTER, 2), cut_off.get) == date(2026, 6, 30)
    feb = parse_deadline("Trước ngày 29/2 hằng năm", 2024).cycles[0]
    assert feb.due_on(PeriodId(2025, YEAR), cut_off.get) == date(2025, 2, 28)


def test_text_is_kept_verbatim_but_normalised():
    decomposed = "Thu\u031bo\u031b\u0300ng xuye\u0302n"  # NFD, as some Mac keyboards type it
    deadline = parse_deadline(f"  {decomposed}  ", 2025)
    assert deadline.text == "Thường xuyên"
    assert deadline.continuous


@pytest.mark.parametrize(
    ("text", "summary"),
    [
        ("Tháng 8/2025 và thường xuyên", "Một lần (hạn 31/08/2025); Thường xuyên"),
        (
            "Định kỳ 6 tháng (trước ngày 15/6) và hằng năm (trước ngày 10/12)",
            "Định kỳ 6 tháng (trước ngày 15/6); Hằng năm (trước ngày 10/12)",
        ),
        ("Hằng quý trước ngày 12 tháng cuối quý", "Hằng quý (trước ngày 12 tháng cuối quý)"),
        ("Hằng năm", "Hằng năm (đến ngày chốt số liệu báo cáo)"),
        ("Sau khi có hướng dẫn", "Một lần (chưa xác định ngày)"),
    ],
)
def test_summary_says_how_the_text_was_read(text, summary):
    assert parse_deadline(text, 2025).summary == summary
