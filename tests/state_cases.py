"""One task per case of a task's state on 06/12/2026 (issue 25, point 8), recorded on the
days it happened, for the core's tests and the window's (tests/test_state_on_a_day.py,
tests/ui/test_state_agrees.py).

Plan years 2025–2026 on the office's NĐ 09/2019 calendar: year 2026 = 15/12/2025–14/12/2026,
still open on 06/12/2026, so it is judged to the end of 05/12/2026.
"""

from __future__ import annotations

from desktop.domain.model import Plan, ProgressStatus
from desktop.domain.periods import Period
from desktop.workspace import Workspace

VHXH = "Phòng Văn hóa - Xã hội"
YEARLY = "Trước ngày 30/11 hằng năm"  # the 2025 turn due 30/11/2025, the 2026 one 30/11/2026
DONE, DOING = ProgressStatus.DONE, ProgressStatus.IN_PROGRESS

DEADLINES = {
    "A": "Hằng năm",  # its 2026 turn falls due at the year's cut-off, 14/12/2026
    "B": "Ngày 06/12/2026",
    **dict.fromkeys("CDE", "Tháng 11/2026"),
    **dict.fromkeys("FGH", YEARLY),
}
# (day recorded, task, period, status, percent, completed on, turn, result)
RECORDS = [
    ((2025, 11, 25), "H", "2025", DONE, None, "2025-11-20", None, "Kế hoạch năm 2025"),
    ((2025, 11, 25), "A", "2025", DONE, None, "2025-11-20", None, ""),
    ((2026, 1, 12), "F", "2026", DONE, None, "2026-01-10", "2025", ""),
    ((2026, 12, 4), "A", "2026", DOING, 60, None, "2026", "Đang xây dựng"),
    ((2026, 12, 4), "C", "2026", DOING, 40, None, None, ""),
    ((2026, 12, 4), "D", "2026", DONE, None, "2026-11-25", None, ""),
    ((2026, 12, 4), "E", "2026", DONE, None, "2026-12-03", None, ""),
    ((2026, 12, 4), "F", "2026", DONE, None, "2026-11-20", "2026", ""),
    ((2026, 12, 4), "G", "2026", DONE, None, "2026-11-20", "2026", ""),
]


def build_cases(ws: Workspace, clock) -> tuple[Plan, Period]:
    """The plan with a task per case, its reports written on their days; the clock left
    at 06/12/2026; the year 2026 as the period to look at."""
    ws.office.save("Trần Liêu", "phuong", parent_name="thành phố Hải Phòng")
    plan = ws.plans.create(
        "79/KH-UBND", "2025-10-02", "UBND phường Trần Liêu", "Thực hiện Nghị quyết 57", 2025,
        2026, from_start=True,
    )  # fmt: skip
    section = ws.plans.add_section(plan.id, "I", "Chuyển đổi số")
    ids = {
        code: ws.tasks.add(section.id, f"Nhiệm vụ {code}", [VHXH], [], text, code=code).id
        for code, text in DEADLINES.items()
    }
    for day, code, period, status, percent, done, turn, result in RECORDS:
        clock.set_today(*day)
        ws.progress.record(ids[code], period, status, percent, done, result, occurrence=turn)
    clock.set_today(2026, 12, 6)
    ws.document_settings.save(signer_name="Nguyễn Văn An")
    return plan, ws.periods.get("2026", plan.id)
