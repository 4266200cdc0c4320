"""A realistic demo database: ward Trần Liêu's NQ57 plan with its 2025 reports and a budget."""

from __future__ import annotations

from desktop.demo import budget_41, plan_79, progress_2025
from desktop.errors import UserError
from desktop.model import OfficeLevel, Plan
from desktop.numbers import trieu_to_dong
from desktop.workspace import Workspace

SOURCE = "Dữ liệu mẫu (Kế hoạch 79/KH-UBND phường Trần Liêu)"


def build_demo(ws: Workspace) -> Plan:
    """Fill an empty workspace with the demo plan, in one transaction."""
    if ws.plans.find(plan_79.PLAN["number"]):
        raise UserError(
            f"Cơ sở dữ liệu «{ws.path}» đã có kế hoạch {plan_79.PLAN['number']}; "
            "dữ liệu mẫu chỉ tạo được trên cơ sở dữ liệu chưa có kế hoạch này."
        )
    with ws.change("Tạo dữ liệu mẫu"):
        if ws.office.get() is None:
            ws.office.save("Trần Liêu", OfficeLevel.PHUONG, parent_name="thành phố Hải Phòng")
        plan = ws.plans.create(**plan_79.PLAN, source=SOURCE)
        _load_tasks(ws, plan)
        _load_indicators(ws, plan)
        _load_progress(ws, plan)
        _load_budget(ws, plan)
    return plan


def _load_tasks(ws: Workspace, plan: Plan) -> None:
    for code, title, tasks in plan_79.SECTIONS:
        section = ws.plans.add_section(plan.id, code, title)
        for task_title, leads, coordinators, deadline, product in tasks:
            ws.tasks.add(section.id, task_title, leads, coordinators, deadline, product)


def _load_indicators(ws: Workspace, plan: Plan) -> None:
    for code, title, indicators in plan_79.INDICATOR_GROUPS:
        group = ws.indicators.add_group(plan.id, code, title)
        for number, name, measure, targets, leads, coordinators, output in indicators:
            ws.indicators.add(group.id, number, name, measure, targets, leads, coordinators, output)


def _load_progress(ws: Workspace, plan: Plan) -> None:
    tasks = {task.code: task.id for task in ws.tasks.list(plan.id)}
    for period, reports in (("2025-Q3", progress_2025.Q3_2025), ("2025", progress_2025.YEAR_2025)):
        for code, (status, percent, done_on, result, difficulties, proposals) in reports.items():
            ws.progress.record(
                tasks[code], period, status, percent, done_on, result, difficulties, proposals
            )
    indicators = {indicator.code: indicator.id for indicator in ws.indicators.list(plan.id)}
    for code, (value, text, note) in progress_2025.INDICATORS_2025.items():
        ws.indicators.record_value(indicators[code], "2025", value, text, note)


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
    for code, paid_on, amount, voucher in budget_41.PAID_2026:
        ws.budget.disburse(codes[code], paid_on, amount, voucher)
    for code, title, amount, paid_on in budget_41.SPENT_2025:
        line = ws.budget.add_line(plan.id, 2025, code, title, amount, funding_source=source)
        ws.budget.disburse(line.id, paid_on, amount)
