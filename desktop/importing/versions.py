"""A newer version of a plan already in the database: what changed, and applying it
without losing a single report.

Tasks of the file are matched to the plan's by their number (STT) when the titles are
alike, then by title alone (after renumbering); indicators likewise by group, code and
name. Applying the difference, in one change: matched tasks are updated in place (their
reports, evidence and history stay theirs), new ones are added, and those the file no
longer has are kept, marked with the version that dropped them ('không còn trong kế
hoạch'). The plan's version goes up by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher

from desktop.domain.model import Indicator, Plan, Task
from desktop.importing.annex import IndicatorItem, TaskItem
from desktop.vietnamese.text import clean, fold

ALIKE = 0.6  # titles this similar (folded) are one task renumbered or reworded
SAME = 0.85  # without the number to go by, titles must be this similar


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, fold(a), fold(b), autojunk=False).ratio()


@dataclass(frozen=True)
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class TaskChange:
    task: Task
    item: TaskItem
    section_code: str
    changes: list[FieldChange]


@dataclass
class IndicatorChange:
    indicator: Indicator
    item: IndicatorItem
    group_code: str
    changes: list[FieldChange]


@dataclass
class PlanDiff:
    plan: Plan
    added: list[tuple[str, TaskItem]] = field(default_factory=list)  # (section code, task)
    removed: list[Task] = field(default_factory=list)
    matched: list[TaskChange] = field(default_factory=list)
    indicators_added: list[tuple[str, IndicatorItem]] = field(default_factory=list)
    indicators_removed: list[Indicator] = field(default_factory=list)
    indicators_matched: list[IndicatorChange] = field(default_factory=list)

    @property
    def changed(self) -> list[TaskChange]:
        return [m for m in self.matched if m.changes]

    @property
    def indicators_changed(self) -> list[IndicatorChange]:
        return [m for m in self.indicators_matched if m.changes]

    @property
    def empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.indicators_added
            or self.indicators_removed
            or self.indicators_changed
        )


def _task_changes(task: Task, item: TaskItem, section_code: str, sections) -> list[FieldChange]:
    pairs = [
        ("Mã", task.code, item.code),
        ("Mục", sections.get(task.section_id, ""), section_code),
        ("Tên nhiệm vụ", task.title, item.title),
        ("Cơ quan chủ trì", task.lead_names, "; ".join(item.lead)),
        ("Cơ quan phối hợp", task.coordinator_names, "; ".join(item.coordinate)),
        ("Thời gian hoàn thành", task.deadline.text, item.deadline_text),
        ("Kết quả, sản phẩm", task.expected_product, item.product),
        ("Ghi chú", task.note, item.note),
    ]
    return [FieldChange(label, old, new) for label, old, new in pairs if clean(old) != clean(new)]


def _indicator_changes(indicator: Indicator, item: IndicatorItem) -> list[FieldChange]:
    old_targets = "; ".join(f"{y}: {t.text}" for y, t in indicator.targets.items())
    new_targets = "; ".join(f"{y}: {t}" for y, t in sorted(item.targets.items()))
    pairs = [
        ("Mã", indicator.code, item.code),
        ("Tên chỉ tiêu", indicator.name, item.name),
        ("Đơn vị tính", indicator.unit_of_measure, item.unit_of_measure),
        ("Mục tiêu", old_targets, new_targets),
        ("Cơ quan chủ trì", "; ".join(u.name for u in indicator.leads), "; ".join(item.lead)),
    ]
    return [FieldChange(label, old, new) for label, old, new in pairs if clean(old) != clean(new)]


def _pair(olds: list, news: list, key_old, key_new, text_old, text_new) -> list[tuple]:
    """Pairs (old, new): same key with alike text first, then the most alike texts."""
    pairs, left = [], list(olds)
    unmatched = []
    for new in news:
        same = [o for o in left if key_old(o) == key_new(new)]
        if same and _similar(text_old(same[0]), text_new(new)) >= ALIKE:
            pairs.append((same[0], new))
            left.remove(same[0])
        else:
            unmatched.append(new)
    for new in unmatched:
        scored = sorted(((_similar(text_old(o), text_new(new)), i) for i, o in enumerate(left)))
        if scored and scored[-1][0] >= SAME:
            pairs.append((left.pop(scored[-1][1]), new))
        else:
            pairs.append((None, new))
    pairs += [(old, None) for old in left]
    return pairs


def plan_diff(ws, plan: Plan, task_annex, indicator_annex) -> PlanDiff:
    diff = PlanDiff(plan)
    sections = {s.id: s.code for s in ws.plans.sections(plan.id)}
    if task_annex is not None:
        news = [(s.code, t) for s in task_annex.sections for t in s.tasks]
        pairs = _pair(
            ws.tasks.list(plan.id),
            news,
            lambda t: t.code,
            lambda n: n[1].code,
            lambda t: t.title,
            lambda n: n[1].title,
        )
        for old, new in pairs:
            if old is None:
                diff.added.append(new)
            elif new is None:
                diff.removed.append(old)
            else:
                code, item = new
                changes = _task_changes(old, item, code, sections)
                diff.matched.append(TaskChange(old, item, code, changes))
    if indicator_annex is not None:
        news = [(g.code, i) for g in indicator_annex.groups for i in g.indicators]
        pairs = _pair(
            ws.indicators.list(plan.id),
            news,
            lambda i: (i.group_code, i.code),
            lambda n: (n[0], n[1].code),
            lambda i: i.name,
            lambda n: n[1].name,
        )
        for old, new in pairs:
            if old is None:
                diff.indicators_added.append(new)
            elif new is None:
                diff.indicators_removed.append(old)
            else:
                code, item = new
                diff.indicators_matched.append(
                    IndicatorChange(old, item, code, _indicator_changes(old, item))
                )
    return diff


def apply_diff(
    ws,
    diff: PlanDiff,
    *,
    issued_on,
    issuer: str,
    section_titles: dict[str, str],
    group_titles: dict[str, str],
) -> Plan:
    """Bring the plan to the file's version (call inside the import's change)."""
    plan = diff.plan
    version = plan.version + 1
    sections = {s.code: s for s in ws.plans.sections(plan.id)}
    for code, title in section_titles.items():
        if code not in sections:
            sections[code] = ws.plans.add_section(plan.id, code, title or code)
        elif title and sections[code].title != title:
            sections[code] = ws.plans.update_section(sections[code].id, code, title)
    for match in diff.matched:
        item = match.item
        ws.tasks.update(
            match.task.id,
            code=item.code,
            title=item.title,
            leads=item.lead,
            coordinators=item.coordinate,
            deadline_text=item.deadline_text,
            expected_product=item.product,
            note=item.note,
            section_id=sections[match.section_code].id,
        )
    for code, item in diff.added:
        ws.tasks.add(
            sections[code].id,
            item.title,
            item.lead,
            item.coordinate,
            item.deadline_text,
            item.product,
            code=item.code,
            note=item.note,
        )
    for task in diff.removed:
        ws.db["tasks"].update(task.id, {"retired_in": version})
    groups = {g.code: g for g in ws.indicators.groups(plan.id)}
    for code, title in group_titles.items():
        if code not in groups:
            groups[code] = ws.indicators.add_group(plan.id, code, title or code)
    for found in diff.indicators_matched:
        indicator, old = found.item, found.indicator
        ws.indicators.update(
            old.id,
            code=indicator.code,
            name=indicator.name,
            unit_of_measure=indicator.unit_of_measure,
            targets=indicator.targets,
            leads=indicator.lead or old.leads,
            coordinators=old.coordinators,
            output=old.output,
            note=old.note,
        )
    for code, added in diff.indicators_added:
        ws.indicators.add(
            groups[code].id, added.code, added.name, added.unit_of_measure, added.targets,
            added.lead,
        )  # fmt: skip
    for dropped in diff.indicators_removed:
        ws.db["indicators"].update(dropped.id, {"retired_in": version})
    ws.db["plans"].update(
        plan.id,
        {"version": version, "issued_on": issued_on.isoformat(), "issuer": issuer or plan.issuer},
    )
    return ws.plans.get(plan.id)
