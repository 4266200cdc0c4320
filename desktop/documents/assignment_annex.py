"""The assignment annex of one unit: what the plan asks of it, to hand to that unit.

'Danh mục nhiệm vụ giao <unit>' with the plan's reference line, in the form of the
plan's own annexes (landscape tables, no letter): I the tasks it leads, II those it
coordinates, III the tasks the plan gives to all the office's own units together
(led by a group such as 'Các cơ quan chuyên môn, đơn vị thuộc phường'); then the
indicators it answers for, with the target of every milestone year. Task numbers are
the plan's, so the unit can refer back to the plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop.documents.model import Column, Document, Row, RowKind, Table
from desktop.documents.period_report import vietnamese_date
from desktop.domain.model import Indicator, Plan, Task, Unit, UnitKind
from desktop.errors import InvalidInput
from desktop.services.document_settings import locality_title
from desktop.vietnamese.text import fold
from desktop.workspace import Workspace

# Annexes for 'all units' go to the named bodies the office assigns work to.
NOT_ANNEXED = (UnitKind.NHOM, UnitKind.CAP_TREN)


@dataclass(frozen=True)
class Assignments:
    unit: Unit
    leads: tuple[Task, ...]
    coordinates: tuple[Task, ...]
    shared: tuple[Task, ...]  # led by a group the unit belongs to
    indicators_led: tuple[Indicator, ...]
    indicators_coordinated: tuple[Indicator, ...]
    number: int = 0  # its annex's number among the plan's units' annexes (1, 2, …)

    def __bool__(self) -> bool:
        return bool(
            self.leads or self.coordinates or self.indicators_led or self.indicators_coordinated
        )


def assignments(ws: Workspace, plan: Plan, unit: Unit) -> Assignments:
    """What the plan asks of `unit` (see _given)."""
    return _given(unit, ws.tasks.list(plan.id), ws.indicators.list(plan.id))


def _given(unit: Unit, tasks: list[Task], indicators: list[Indicator]) -> Assignments:
    """What the plan (its `tasks` and `indicators`) asks of `unit`. It leads the tasks it
    answers for (those the office named it to lead, and those printed with it as lead
    that name no other); a printed co-lead of a task the office gave to another unit
    coordinates it. A task led by a group is shared by each of the office's own units
    until one is named to lead it."""

    def has(units: tuple[Unit, ...]) -> bool:
        return any(u.id == unit.id for u in units)

    shared: tuple[Task, ...] = ()
    if unit.own:
        shared = tuple(
            t
            for t in tasks
            if t.named_lead is None
            and any(u.collective for u in t.leads)
            and not has(t.leads)
            and not has(t.coordinators)
        )
    return Assignments(
        unit,
        leads=tuple(t for t in tasks if has(t.owners)),
        coordinates=tuple(
            t for t in tasks if not has(t.owners) and (has(t.coordinators) or has(t.leads))
        ),
        shared=shared,
        indicators_led=tuple(i for i in indicators if has(i.leads)),
        indicators_coordinated=tuple(
            i for i in indicators if has(i.coordinators) and not has(i.leads)
        ),
    )


def annexed_units(ws: Workspace, plan: Plan, name: str | None = None) -> list[Assignments]:
    """The units to make annexes for: the one named, or every named unit the plan
    assigns something to. A name nobody has, or a unit with nothing assigned, is an
    InvalidInput (nothing to hand over)."""
    units = ws.units.list()
    tasks, indicators = ws.tasks.list(plan.id), ws.indicators.list(plan.id)
    annexed = (_given(u, tasks, indicators) for u in units if u.kind not in NOT_ANNEXED)
    # Numbered in this order, whether one annex is made or all.
    chosen = [replace(given, number=n) for n, given in enumerate(filter(None, annexed), start=1)]
    if name is not None:
        wanted = fold(name)
        found = [u for u in units if fold(u.name) == wanted or fold(u.short_name) == wanted]
        if not found:
            close = [u.name for u in units if wanted and wanted in fold(u.name)]
            hint = f" Có phải: {'; '.join(close[:5])}?" if close else ""
            raise InvalidInput(f"Không có cơ quan, đơn vị «{name}».{hint}")
        given = next((g for g in chosen if g.unit.id == found[0].id), None)
        if given is None:
            raise InvalidInput(
                f"{found[0].name} không được giao nhiệm vụ hay chỉ tiêu nào trong {plan.title}."
            )
        return [given]
    if not chosen:
        raise InvalidInput(f"{plan.title} chưa giao nhiệm vụ cho cơ quan, đơn vị cụ thể nào.")
    return chosen


def _task_row(task: Task) -> Row:
    return Row(
        (
            task.code,
            task.title,
            task.lead_names,
            task.coordinator_names,
            task.deadline.text,
            task.expected_product,
        )
    )


def _task_table(given: Assignments, reference: str) -> Table:
    rows: list[Row] = []
    for heading, tasks in (
        ("I. NHIỆM VỤ CHỦ TRÌ THỰC HIỆN", given.leads),
        ("II. NHIỆM VỤ PHỐI HỢP THỰC HIỆN", given.coordinates),
        ("III. NHIỆM VỤ GIAO CHUNG CÁC CƠ QUAN, ĐƠN VỊ", given.shared),
    ):
        if tasks:
            rows.append(Row((f"{heading} ({len(tasks)} nhiệm vụ)",), RowKind.SECTION))
            rows += [_task_row(t) for t in tasks]
    if not rows:
        rows.append(Row(("Không được giao nhiệm vụ; xem các chỉ tiêu dưới đây.",), RowKind.SECTION))
    columns = (
        Column("STT", 9),
        Column("Nhiệm vụ", 52),
        Column("Cơ quan chủ trì", 22),
        Column("Cơ quan phối hợp", 24),
        Column("Thời gian hoàn thành", 17),
        Column("Sản phẩm", 22),
    )
    return Table(
        f"Phụ lục {given.number}" if given.number else "Phụ lục",
        f"DANH MỤC NHIỆM VỤ GIAO {given.unit.name.upper()}",
        reference,
        columns,
        tuple(rows),
        sheet_name="Nhiệm vụ",
    )


def _indicator_table(given: Assignments, years: list[int], groups: dict[int, str]) -> Table:
    """Numbers restart in each group of the plan, so each group keeps its heading."""
    rows: list[Row] = []
    for heading, indicators in (
        ("I. CHỈ TIÊU CHỦ TRÌ THỰC HIỆN", given.indicators_led),
        ("II. CHỈ TIÊU PHỐI HỢP THỰC HIỆN", given.indicators_coordinated),
    ):
        if not indicators:
            continue
        rows.append(Row((heading,), RowKind.SECTION))
        group = None
        for i in indicators:
            if i.group_id != group:
                group = i.group_id
                rows.append(Row((groups.get(group, ""),), RowKind.SECTION))
            targets = tuple(i.targets[y].text if y in i.targets else "" for y in years)
            rows.append(Row((i.code, i.name, i.unit_of_measure, *targets)))
    columns = (
        Column("STT", 9),
        Column("Chỉ tiêu", 60),
        Column("Đơn vị tính", 14),
        *(Column(f"Mục tiêu năm {y}", 18) for y in years),
    )
    return Table(
        "",
        f"CÁC CHỈ TIÊU {given.unit.name.upper()} CHỊU TRÁCH NHIỆM",
        "",
        columns,
        tuple(rows),
        sheet_name="Chỉ tiêu",
        new_page=False,
    )


def assignment_annex(ws: Workspace, plan: Plan, given: Assignments) -> Document:
    """The annex for one unit's assignments (from annexed_units)."""
    office = ws.office.get()
    # The reference line in words, as a plan's own annexes print it.
    dated = vietnamese_date(plan.issued_on)
    reference = f"(Kèm theo Kế hoạch số {plan.number} {dated} của {plan.issuer})"
    tables = [_task_table(given, reference)]
    if given.indicators_led or given.indicators_coordinated:
        chosen = given.indicators_led + given.indicators_coordinated
        years = sorted({y for i in chosen for y in i.targets})
        groups = {g.id: g.title for g in ws.indicators.groups(plan.id)}
        tables.append(_indicator_table(given, years, groups))
    return Document(
        file_title=f"Danh mục nhiệm vụ giao {given.unit.name} — {plan.title}",
        author=locality_title(office) if office else plan.issuer,
        appendices=tuple(tables),
    ).normalised()
