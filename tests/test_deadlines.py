"""Reading the printed 'Thời gian hoàn thành' column."""

from __future__ import annotations

from datetime import date

import pytest

from desktop.deadlines import Recurrence, parse_deadline


@pytest.mark.parametrize(
    ("text", "due", "recurrence"),
    [
        ("Thường xuyên", None, Recurrence.THUONG_XUYEN),
        ("thường xuyên, liên tục", None, Recurrence.THUONG_XUYEN),
        ("Tháng 9/2025", date(2025, 9, 30), Recurrence.NONE),
        ("Tháng 2/2024", date(2024, 2, 29), Recurrence.NONE),
        ("tháng 3 năm 2026", date(2026, 3, 31), Recurrence.NONE),
        ("Quý IV/2025", date(2025, 12, 31), Recurrence.NONE),
        ("Quý 2 năm 2026", date(2026, 6, 30), Recurrence.NONE),
        ("6 tháng đầu năm 2026", date(2026, 6, 30), Recurrence.NONE),
        ("31/12/2025", date(2025, 12, 31), Recurrence.NONE),
        ("Trước ngày 15/8/2026", date(2026, 8, 15), Recurrence.NONE),
        ("2025-2030", date(2030, 12, 31), Recurrence.NONE),
        ("Năm 2025", date(2025, 12, 31), Recurrence.NONE),
        ("Hoàn thành kết nối trong tháng 9/2026", date(2026, 9, 30), Recurrence.NONE),
        ("Hằng năm", date(2026, 12, 31), Recurrence.HANG_NAM),
        ("Hàng năm", date(2026, 12, 31), Recurrence.HANG_NAM),
        ("Trước ngày 30/11 hằng năm", date(2026, 11, 30), Recurrence.HANG_NAM),
        ("Năm 2025 và những năm tiếp theo", date(2025, 12, 31), Recurrence.HANG_NAM),
        ("Sau khi thành phố ban hành bộ quy tắc", None, Recurrence.NONE),
        ("Theo dự án được thành phố phê duyệt", None, Recurrence.NONE),
        ("", None, Recurrence.NONE),
    ],
)
def test_deadline_text(text, due, recurrence):
    deadline = parse_deadline(text, default_year=2026)
    assert (deadline.due_date, deadline.recurrence) == (due, recurrence)
    assert deadline.text == text.strip()


def test_text_is_kept_verbatim_but_normalised():
    decomposed = "Thu\u031bo\u031b\u0300ng xuye\u0302n"  # NFD, as some Mac keyboards type it
    deadline = parse_deadline(f"  {decomposed}  ", 2025)
    assert deadline.text == "Thường xuyên"
    assert deadline.recurrence is Recurrence.THUONG_XUYEN


def test_yearly_deadline_moves_with_the_year_but_not_before_it_starts():
    deadline = parse_deadline("Trước ngày 29/2 hằng năm", default_year=2024)
    assert deadline.due_in(2024) == date(2024, 2, 29)
    assert deadline.due_in(2025) == date(2025, 2, 28)
    assert deadline.due_in(2023) == date(2024, 2, 29)
    one_off = parse_deadline("Tháng 9/2025", 2025)
    assert one_off.due_in(2030) == date(2025, 9, 30)
