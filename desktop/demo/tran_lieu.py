"""Demo database of phường Trần Liêu: Kế hoạch 79/KH-UBND (seed 001) and its 2025 reports.

The plan prints no budget, so this demo has none; the budget demo is xã Hưng
Nguyên's own plan (hung_nguyen.py).
"""

from __future__ import annotations

from desktop.demo import plan_79, plan_79_annex1, progress_2025
from desktop.demo.loading import (
    claim_office,
    load_indicators,
    load_sections,
    record_reports,
    record_values,
    refuse_twice,
)
from desktop.domain.model import Plan
from desktop.domain.periods import PeriodKind
from desktop.workspace import Workspace

NAME = "tran-lieu"
TITLE = "Kế hoạch 79/KH-UBND phường Trần Liêu"
OFFICE = {"name": "Trần Liêu", "level": "phuong", "parent_name": "thành phố Hải Phòng"}
SOURCE = f"Dữ liệu mẫu ({TITLE})"

# Mục IV.2 of the plan. It names no data cut-off; the NĐ 09/2019 one (14/12) would
# fall after the 30/11 due date, so the demo closes data on 14/11, a month earlier.
SCHEDULE_TEXT = (
    "Định kỳ hằng năm trước ngày 30/11 hoặc đột xuất khi có yêu cầu, các cơ quan, đơn vị "
    "rà soát, báo cáo UBND phường (qua phòng Văn hóa - Xã hội) kết quả triển khai thực hiện "
    "Kế hoạch này"
)
YEAR_CLOSE = (14, -1)  # 14/11


def build(ws: Workspace) -> Plan:
    refuse_twice(ws, plan_79.PLAN["number"])
    claim_office(ws, OFFICE)
    plan = ws.plans.create(**plan_79.PLAN, source=SOURCE, from_start=True)
    ws.schedule.require_from_text(plan.id, SCHEDULE_TEXT, {PeriodKind.YEAR: YEAR_CLOSE})
    load_sections(ws, plan, plan_79.SECTIONS, plan_79.RECONSTRUCTED_TASKS)
    load_indicators(
        ws, plan, plan_79_annex1.INDICATOR_GROUPS_NQ71, plan_79_annex1.RECONSTRUCTED_NQ71
    )
    load_indicators(
        ws,
        plan,
        plan_79.INDICATOR_GROUPS,
        plan_79_annex1.RECONSTRUCTED_ANNEX2,
        plan_79_annex1.UNITS_INFERRED_ANNEX2,
    )
    record_reports(ws, plan, {"2025-Q3": progress_2025.Q3_2025, "2025": progress_2025.YEAR_2025})
    annex2 = {code: group for group, _, items in plan_79.INDICATOR_GROUPS for code, *_ in items}
    values = {(annex2[code], code): entry for code, entry in progress_2025.INDICATORS_2025.items()}
    record_values(ws, plan, {"2025": values})
    return plan
