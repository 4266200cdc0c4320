"""Loading transcribed plan data through the services, the way a clerk's entries go in."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop.domain.model import Office, OfficeLevel, Plan
from desktop.domain.periods import PeriodId
from desktop.errors import UserError
from desktop.workspace import Workspace

# (title, leads, coordinators, deadline text, product) per task; (code, title, tasks) per section.
Sections = Sequence[tuple[str, str, Sequence[tuple]]]
# (code, name, unit, {year: target}, leads, coordinators, output) per indicator.
IndicatorGroups = Sequence[tuple[str, str, Sequence[tuple]]]


def claim_office(ws: Workspace, office: Mapping[str, str]) -> Office:
    """The demo's office, set on an empty database; a database of another office is refused,
    since one office's plans and money must never show under another's name."""
    current = ws.office.get()
    wanted = Office(office["name"], OfficeLevel(office["level"]))
    if current is None:
        return ws.office.save(office["name"], office["level"], parent_name=office["parent_name"])
    if (current.name, current.level) != (wanted.name, wanted.level):
        raise UserError(
            f"Cơ sở dữ liệu «{ws.path}» là của {current.committee}; dữ liệu mẫu của "
            f"{wanted.committee} cần một cơ sở dữ liệu riêng (dùng --db TỆP_MỚI)."
        )
    return current


def refuse_twice(ws: Workspace, number: str) -> None:
    if ws.plans.find(number):
        raise UserError(
            f"Cơ sở dữ liệu «{ws.path}» đã có kế hoạch {number}; "
            "dữ liệu mẫu chỉ tạo được trên cơ sở dữ liệu chưa có kế hoạch này."
        )


def _joined(*notes: str) -> str:
    return " ".join(note for note in notes if note)


def load_sections(
    ws: Workspace,
    plan: Plan,
    sections: Sections,
    notes: Mapping[str, str] = {},
    every: str = "",
) -> None:
    """Sections and their tasks in printed order; `notes`: task code ('V.8') -> its note;
    `every`: a note for each task (what the transcription supplied for all of them)."""
    for code, title, tasks in sections:
        section = ws.plans.add_section(plan.id, code, title)
        for number, (task_title, leads, coordinators, deadline, product) in enumerate(tasks, 1):
            note = _joined(notes.get(f"{code}.{number}", ""), every)
            ws.tasks.add(section.id, task_title, leads, coordinators, deadline, product, note=note)


def load_indicators(
    ws: Workspace,
    plan: Plan,
    groups: IndicatorGroups,
    notes: Mapping[tuple[str, str], str] = {},
    every: str = "",
) -> None:
    """Indicator groups in printed order; `notes`: (group, code) -> note on that indicator;
    `every`: a note for each of them."""
    for group_code, title, indicators in groups:
        group = ws.indicators.add_group(plan.id, group_code, title)
        for code, name, unit, targets, leads, coordinators, output in indicators:
            ws.indicators.add(
                group.id,
                code,
                name,
                unit,
                targets,
                leads,
                coordinators,
                output,
                note=_joined(notes.get((group_code, code), ""), every),
            )


def closed_by_today(ws: Workspace, plan: Plan, period: str) -> bool:
    """Demo reports exist only for periods whose data has closed by today: a demo built
    on an earlier clock holds what had been reported by then, never a future date."""
    return ws.periods.get(PeriodId.parse(period), plan.id).data_to < ws.today()


def record_reports(ws: Workspace, plan: Plan, reports: Mapping[str, Mapping[str, tuple]]) -> None:
    """period -> {task code -> (status, percent, completed on, result, difficulties, proposals)}."""
    tasks = {task.code: task.id for task in ws.tasks.list(plan.id)}
    for period, entries in reports.items():
        if closed_by_today(ws, plan, period):
            for code, entry in entries.items():
                ws.progress.record(tasks[code], period, *entry)


def record_values(
    ws: Workspace, plan: Plan, values: Mapping[str, Mapping[tuple[str, str], tuple]]
) -> None:
    """period -> {(group, code) -> (value, text, note)}."""
    indicators = {(i.group_code, i.code): i.id for i in ws.indicators.list(plan.id)}
    for period, entries in values.items():
        if closed_by_today(ws, plan, period):
            for key, (value, text, note) in entries.items():
                ws.indicators.record_value(indicators[key], period, value, text, note)
