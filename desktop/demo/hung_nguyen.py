"""Demo database of xã Hưng Nguyên: Kế hoạch 41/KH-UBND (seed 004), its budget, 2026 reports.

The budget is this plan's own Phụ lục 1 (the 2026 estimate); what the commune
spent on digital transformation in 2025 (mục A.II) goes in as payments without
an estimate, since nothing was budgeted for it.
"""

from __future__ import annotations

from datetime import date

from desktop.demo import budget_41, plan_41, progress_2026
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
from desktop.vietnamese.numbers import trieu_to_dong
from desktop.workspace import Workspace

NAME = "hung-nguyen"
TITLE = "Kế hoạch 41/KH-UBND xã Hưng Nguyên"
SOURCE = f"Dữ liệu mẫu ({TITLE})"

# The plan makes quarterly reports due before the 12th of the quarter's last month
# and names no data cut-off; the NĐ 09/2019 one (the 14th) would fall after that,
# so the demo closes data on the 10th.
QUARTER_CLOSE = (10, 0)


def build(ws: Workspace) -> Plan:
    refuse_twice(ws, plan_41.PLAN["number"])
    claim_office(ws, plan_41.OFFICE)
    plan = ws.plans.create(**plan_41.PLAN, source=SOURCE, from_start=True)
    ws.schedule.require_from_text(
        plan.id, plan_41.SCHEDULE_TEXT, {PeriodKind.QUARTER: QUARTER_CLOSE}
    )
    task_notes = {  # '3.4/2' is the second task of section 3.4, code '3.4.2'
        key.replace("/", "."): note
        for (kind, key), note in plan_41.RECONSTRUCTED.items()
        if kind == "task"
    }
    load_sections(ws, plan, plan_41.SECTIONS, task_notes, plan_41.LEAD_INFERRED)
    groups = {code: group for group, _, items in plan_41.INDICATOR_GROUPS for code, *_ in items}
    indicator_notes = {
        (groups[code], code): note
        for (kind, code), note in plan_41.RECONSTRUCTED.items()
        if kind == "indicator"
    }
    load_indicators(
        ws, plan, plan_41.INDICATOR_GROUPS, indicator_notes, plan_41.INDICATOR_LEAD_INFERRED
    )
    baseline = {(groups[code], code): entry for code, entry in plan_41.BASELINE_2025.items()}
    record_values(ws, plan, {"2025": baseline, **progress_2026.VALUES})
    record_reports(ws, plan, progress_2026.REPORTS)
    _load_budget(ws, plan)
    return plan


def _load_budget(ws: Workspace, plan: Plan) -> None:
    source = budget_41.FUNDING_SOURCE
    codes: dict[str, int] = {}
    for code, title, amount, children in budget_41.ESTIMATE_2026:
        estimate = None if amount is None else trieu_to_dong(amount)
        parent = ws.budget.add_line(plan.id, 2026, code, title, estimate, funding_source=source)
        codes[code] = parent.id
        for child_code, child_title, child_amount in children:
            child = ws.budget.add_line(
                plan.id,
                2026,
                f"{code}.{child_code}",
                child_title,
                trieu_to_dong(child_amount),
                parent_id=parent.id,
                funding_source=source,
            )
            codes[f"{code}.{child_code}"] = child.id
    code, title, projects = budget_41.INVESTMENT_2026
    group = ws.budget.add_line(
        plan.id, 2026, code, title, funding_source=budget_41.INVESTMENT_SOURCE
    )
    for number, name, amount in projects:
        ws.budget.add_line(
            plan.id, 2026, f"{code}.{number}", name, trieu_to_dong(amount),
            parent_id=group.id, funding_source=budget_41.INVESTMENT_SOURCE,
        )  # fmt: skip
    for code, paid_on, amount, voucher in budget_41.PAID_2026:
        if date.fromisoformat(paid_on) <= ws.today():  # paid by the day it is built
            ws.budget.disburse(codes[code], paid_on, amount, voucher)
    for code, title, amount, paid_on in budget_41.SPENT_2025:
        line = ws.budget.add_line(plan.id, 2025, code, title, funding_source=source)
        ws.budget.disburse(line.id, paid_on, amount)
