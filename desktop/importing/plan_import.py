"""Importing a plan from the annex file the level above sent: understand, then write.

`understand()` reads every sheet or table, finds the task annex and the indicator annex
among them, and reads the plan's number, date and issuer from the title lines above the
table ("(Kèm theo Kế hoạch số 79/KH-UBND ngày 02/10/2025 của UBND phường Trần Liêu)")
unless the clerk gives them. It writes nothing. `write()` creates the plan, its
sections, tasks, indicator groups, indicators and new units in one change, and only
when nothing is wrong: all or nothing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from desktop.domain.deadlines import parse_deadline
from desktop.domain.model import Plan
from desktop.errors import InvalidInput, UserError
from desktop.importing.annex import Annex, Problem, plan_year, read_annex
from desktop.importing.sources import Grid, read_grids
from desktop.importing.unit_names import UnitNames
from desktop.importing.versions import PlanDiff, apply_diff, plan_diff
from desktop.services.base import to_date
from desktop.vietnamese.text import clean, fold
from desktop.workspace import Workspace

_NUMBER = re.compile(r"\bso\s*:?\s*(\d+[^\s,;)]*/[^\s,;)]+)")
_DATE = re.compile(r"\bngay\s+(\d{1,2})\s*(?:/|-|\.|thang)\s*(\d{1,2})\s*(?:/|-|\.|nam)\s*(\d{4})")
_ISSUER = re.compile(r"\bcua\s+(.+?)\s*\)?$")


@dataclass(frozen=True)
class Layout:
    """Where the clerk says a sheet's or table's header is and what its columns hold."""

    header_row: int | None = None
    roles: dict[str, int] | None = None  # role -> 0-based column


@dataclass
class PlanFacts:
    number: str = ""
    issued_on: date | None = None
    issuer: str = ""
    summary: str = ""
    start_year: int = 0
    end_year: int = 0
    unreadable_date: str = ""  # a date in the title that does not exist (31/02/2025)


@dataclass
class Understood:
    path: Path
    plan: PlanFacts
    task_annex: Annex | None
    indicator_annex: Annex | None
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    written: Plan | None = None
    grids: list[Grid] = field(default_factory=list)  # every sheet or table of the file
    diff: PlanDiff | None = None  # the file is a newer version of a plan in the database

    @property
    def annexes(self) -> list[Annex]:
        return [a for a in (self.task_annex, self.indicator_annex) if a is not None]

    @property
    def task_count(self) -> int:
        annex = self.task_annex
        return sum(len(s.tasks) for s in annex.sections) if annex else 0

    @property
    def indicator_count(self) -> int:
        annex = self.indicator_annex
        return sum(len(g.indicators) for g in annex.groups) if annex else 0

    def to_json(self) -> dict:
        first = self.task_annex or self.indicator_annex
        source: dict = {"file": str(self.path)}
        if first is not None:
            source[first.grid.kind] = first.grid.name
            source["header_row"] = first.columns.row
            source["columns"] = first.columns.as_json()
        if self.task_annex and self.indicator_annex:
            other = self.indicator_annex
            source["indicator_" + other.grid.kind] = other.grid.name
            source["indicator_header_row"] = other.columns.row
            source["indicator_columns"] = other.columns.as_json()
        plan = self.plan
        return {
            "source": source,
            "plan": {
                "number": plan.number,
                "issued_on": plan.issued_on.isoformat() if plan.issued_on else None,
                "issuer": plan.issuer,
                "summary": plan.summary,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
            },
            "sections": [
                {
                    "code": s.code,
                    "title": s.title,
                    "row": s.row,
                    "tasks": [_task_json(t, plan.start_year) for t in s.tasks],
                }
                for s in (self.task_annex.sections if self.task_annex else [])
            ],
            "indicator_groups": [
                {
                    "code": g.code,
                    "title": g.title,
                    "row": g.row,
                    "indicators": [
                        {
                            "code": i.code,
                            "name": i.name,
                            "unit_of_measure": i.unit_of_measure,
                            "targets": [{"year": y, "text": t} for y, t in i.targets.items()],
                            "lead_text": i.lead_text,
                            "lead": i.lead,
                            "row": i.row,
                        }
                        for i in g.indicators
                    ],
                }
                for g in (self.indicator_annex.groups if self.indicator_annex else [])
            ],
            "version": _diff_json(self.diff) if self.diff is not None else None,
            "errors": [_problem_json(p) for p in self.errors],
            "warnings": [_problem_json(p) for p in self.warnings],
            "written": self.written is not None,
        }


def _recurrence(deadline) -> str:
    parts = (["continuous"] if deadline.continuous else []) + [
        cycle.kind.value for cycle in deadline.cycles
    ]
    return "+".join(parts) or "none"


def _task_json(task, start_year: int) -> dict:
    deadline = parse_deadline(task.deadline_text, start_year, task.title)
    return {
        "code": task.code,
        "title": task.title,
        "lead_text": task.lead_text,
        "lead": task.lead,
        "coordinate_text": task.coordinate_text,
        "coordinate": task.coordinate,
        "deadline_text": task.deadline_text,
        "due_date": deadline.milestone.isoformat() if deadline.milestone else None,
        "recurrence": _recurrence(deadline),
        "product": task.product,
        "note": task.note,
        "row": task.row,
    }


def _problem_json(problem: Problem) -> dict:
    found: dict = {"row": problem.row, "message": problem.message}
    if problem.column:
        found["column"] = problem.column
    if problem.grid is not None:
        found[problem.grid.kind] = problem.grid.name
    return found


def _plain(line: str) -> str:
    """Lower case without marks, one character for each of the (NFC) line's, so a match
    in it is sliced out of the line as written."""
    decomposed = unicodedata.normalize("NFD", line.lower().replace("đ", "d"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain if len(plain) == len(line) else fold(line)


def _facts_from(lines: list[str]) -> PlanFacts:
    """Number, date, issuer and title from the lines above an annex table."""
    facts = PlanFacts()
    for line in (clean(line) for line in lines):
        key = _plain(line)
        if "ke hoach" in key and (number := _NUMBER.search(key)):
            start = number.start(1)
            facts.number = line[start : start + len(number.group(1))]
            if day := _DATE.search(key):
                try:
                    facts.issued_on = date(int(day.group(3)), int(day.group(2)), int(day.group(1)))
                except ValueError:
                    facts.unreadable_date = "/".join(day.groups())
            if issuer := _ISSUER.search(key):
                start = issuer.start(1)
                facts.issuer = line[start : start + len(issuer.group(1))].rstrip(")")
        elif not facts.summary and not key.startswith("phu luc") and len(key) > 20:
            facts.summary = clean(line)
    return facts


def _lines_above(annex: Annex) -> list[str]:
    grid = annex.grid
    above = [" ".join(t for t in r.cells if t) for r in grid.rows if r.number < annex.columns.row]
    return [*grid.preamble, *above]


def understand(
    ws: Workspace,
    path: str | Path,
    *,
    number: str = "",
    issued_on: str | date | None = None,
    issuer: str = "",
    header_row: int | None = None,
    layouts: dict[str, Layout] | None = None,
) -> Understood:
    """The clerk's corrections when the header or the columns were not found as meant:
    `header_row` for every sheet or table, or a `Layout` per sheet or table name."""
    path = Path(path)
    grids: list[Grid] = read_grids(path)
    units = UnitNames(unit.name for unit in ws.units.list())
    issued = to_date(issued_on, "Ngày ban hành") if issued_on else None
    found: list[Annex] = []
    for grid in grids:
        # Start year first guessed from the date given; refined once facts are read.
        layout = (layouts or {}).get(grid.name) or Layout(header_row)
        year = (issued or ws.today()).year
        annex = read_annex(grid, units, year, layout.header_row, layout.roles)
        if annex is not None:
            found.append(annex)
    tasks = next((a for a in found if not a.columns.indicators), None)
    indicators = next((a for a in found if a.columns.indicators), None)
    facts = PlanFacts()
    for annex in [a for a in (tasks, indicators) if a]:
        read = _facts_from(_lines_above(annex))
        facts.number = facts.number or read.number
        facts.issued_on = facts.issued_on or read.issued_on
        facts.issuer = facts.issuer or read.issuer
        facts.summary = facts.summary or read.summary
        facts.unreadable_date = facts.unreadable_date or read.unreadable_date
    facts.number = clean(number) or facts.number
    facts.issued_on = issued or facts.issued_on
    facts.issuer = clean(issuer) or facts.issuer or _office_issuer(ws)
    facts.summary = facts.summary or f"Kế hoạch nhập từ tệp {path.name}"
    annexes = [a for a in (tasks, indicators) if a]
    facts.start_year, facts.end_year = plan_year(annexes, facts.issued_on)
    result = Understood(path, facts, tasks, indicators, grids=grids)
    for annex in annexes:
        result.errors += annex.errors
        result.warnings += annex.warnings
    if not annexes:
        result.errors.append(
            Problem(
                None,
                "Không tìm thấy bảng nhiệm vụ hoặc chỉ tiêu: không có hàng tiêu đề cột "
                "(STT, Tên nhiệm vụ / Chỉ tiêu, Cơ quan chủ trì…).",
            )
        )
    elif not result.task_count and not result.indicator_count:
        result.errors.append(Problem(None, "Bảng không có nhiệm vụ hay chỉ tiêu nào."))
    if not facts.number:
        result.errors.append(
            Problem(None, "Không thấy số ký hiệu kế hoạch trong tệp: hãy nhập số ký hiệu.")
        )
    if facts.issued_on is None and facts.unreadable_date:
        result.errors.append(
            Problem(
                None,
                f"Ngày ban hành «{facts.unreadable_date}» ghi trong tệp không phải ngày có thật: "
                "hãy nhập ngày ban hành.",
            )
        )
    elif facts.issued_on is None:
        result.errors.append(
            Problem(None, "Không thấy ngày ban hành kế hoạch trong tệp: hãy nhập ngày ban hành.")
        )
    elif facts.number and (existing := ws.plans.find(facts.number)) and annexes:
        result.diff = plan_diff(ws, existing, tasks, indicators)
        if result.diff.empty:
            result.errors.append(
                Problem(
                    None,
                    f"Tệp không khác gì kế hoạch số {facts.number} đang có: không có gì để nhập.",
                )
            )
        elif facts.issued_on < existing.issued_on:
            result.warnings.append(
                Problem(
                    None,
                    f"Tệp ghi ngày {facts.issued_on:%d/%m/%Y}, trước ngày của bản đang dùng "
                    f"({existing.issued_on:%d/%m/%Y}): kiểm tra có đúng là bản mới hơn không.",
                )
            )
    return result


def _office_issuer(ws: Workspace) -> str:
    office = ws.office.get()
    return office.committee if office else ""


def write(ws: Workspace, understood: Understood) -> Plan:
    """Create the plan as understood, in one change; refused while anything is wrong."""
    if understood.errors:
        first = understood.errors[0]
        where = f"dòng {first.row}: " if first.row else ""
        raise InvalidInput(
            f"Chưa nhập được: {len(understood.errors)} lỗi trong tệp ({where}{first.message})."
        )
    facts = understood.plan
    if understood.diff is not None:
        return _write_version(ws, understood, understood.diff)
    try:
        with ws.change(f"Nhập kế hoạch {facts.number} từ tệp {understood.path.name}"):
            plan = ws.plans.create(
                facts.number,
                facts.issued_on,
                facts.issuer,
                facts.summary,
                facts.start_year,
                facts.end_year,
                source=f"Tệp {understood.path.name}",
            )
            if understood.task_annex:
                for section in understood.task_annex.sections:
                    added = ws.plans.add_section(plan.id, section.code, section.title or "Nhiệm vụ")
                    for task in section.tasks:
                        ws.tasks.add(
                            added.id,
                            task.title,
                            task.lead,
                            task.coordinate,
                            task.deadline_text,
                            task.product,
                            code=task.code,
                            note=task.note,
                        )
            if understood.indicator_annex:
                for group in understood.indicator_annex.groups:
                    made = ws.indicators.add_group(plan.id, group.code, group.title or "Chỉ tiêu")
                    for item in group.indicators:
                        ws.indicators.add(
                            made.id,
                            item.code,
                            item.name,
                            item.unit_of_measure,
                            item.targets,
                            item.lead,
                        )
    except UserError as exc:
        raise InvalidInput(f"Chưa nhập được, không có gì được ghi: {exc}") from exc
    understood.written = plan
    return plan


def _write_version(ws: Workspace, understood: Understood, diff: PlanDiff) -> Plan:
    facts = understood.plan
    sections = understood.task_annex.sections if understood.task_annex else []
    groups = understood.indicator_annex.groups if understood.indicator_annex else []
    operation = (
        f"Nhập phiên bản {diff.plan.version + 1} của kế hoạch {facts.number} "
        f"từ tệp {understood.path.name}"
    )
    try:
        with ws.change(operation):
            plan = apply_diff(
                ws,
                diff,
                issued_on=facts.issued_on,
                issuer=facts.issuer,
                section_titles={s.code: s.title for s in sections},
                group_titles={g.code: g.title for g in groups},
            )
    except UserError as exc:
        raise InvalidInput(f"Chưa nhập được, không có gì được ghi: {exc}") from exc
    understood.written = plan
    return plan


def _diff_json(diff: PlanDiff) -> dict:
    def changes(items):
        return [{"field": c.label, "old": c.old, "new": c.new} for c in items]

    return {
        "plan_id": diff.plan.id,
        "from": diff.plan.version,
        "to": diff.plan.version + 1,
        "tasks_added": [
            {"section": code, "code": t.code, "title": t.title, "row": t.row}
            for code, t in diff.added
        ],
        "tasks_removed": [{"code": t.code, "title": t.title} for t in diff.removed],
        "tasks_changed": [
            {"code": m.task.code, "row": m.item.row, "changes": changes(m.changes)}
            for m in diff.changed
        ],
        "indicators_added": [
            {"group": code, "code": i.code, "name": i.name, "row": i.row}
            for code, i in diff.indicators_added
        ],
        "indicators_removed": [{"code": i.code, "name": i.name} for i in diff.indicators_removed],
        "indicators_changed": [
            {"code": m.indicator.code, "row": m.item.row, "changes": changes(m.changes)}
            for m in diff.indicators_changed
        ],
    }


def describe_diff(diff: PlanDiff) -> list[str]:
    """The difference in lines a clerk reads before applying it."""
    lines = [
        f"Phiên bản mới của {diff.plan.title} (đang là phiên bản {diff.plan.version}): "
        f"thêm {len(diff.added)}, bỏ {len(diff.removed)}, sửa {len(diff.changed)} nhiệm vụ; "
        f"thêm {len(diff.indicators_added)}, bỏ {len(diff.indicators_removed)}, "
        f"sửa {len(diff.indicators_changed)} chỉ tiêu."
    ]
    lines += [f"  + Thêm nhiệm vụ {t.code}: {t.title}" for _, t in diff.added]
    lines += [
        f"  − Bỏ nhiệm vụ {t.code}: {t.title} (giữ lại cùng báo cáo, ghi «không còn trong "
        "kế hoạch»)"
        for t in diff.removed
    ]
    for match in diff.changed:
        for change in match.changes:
            lines.append(
                f"  ~ Nhiệm vụ {match.task.code} — {change.label}: «{change.old}» → «{change.new}»"
            )
    lines += [f"  + Thêm chỉ tiêu {i.code}: {i.name}" for _, i in diff.indicators_added]
    lines += [f"  − Bỏ chỉ tiêu {i.code}: {i.name}" for i in diff.indicators_removed]
    for changed in diff.indicators_changed:
        for change in changed.changes:
            lines.append(
                f"  ~ Chỉ tiêu {changed.indicator.code} — {change.label}: "
                f"«{change.old}» → «{change.new}»"
            )
    return lines


def describe(understood: Understood, *, dry_run: bool = False) -> str:
    """What was understood, in Vietnamese, for the CLI: counts, then each problem by row."""
    facts = understood.plan
    lines = [f"Tệp: {understood.path}"]
    for annex in understood.annexes:
        where = "trang tính" if annex.grid.kind == "sheet" else "bảng"
        what = "chỉ tiêu" if annex.columns.indicators else "nhiệm vụ"
        lines.append(
            f"  Bảng {what}: {where} «{annex.grid.name}», hàng tiêu đề {annex.columns.row}"
        )
    issued = f" ngày {facts.issued_on:%d/%m/%Y}" if facts.issued_on else ""
    lines.append(
        f"Kế hoạch số {facts.number or '(chưa rõ)'}{issued} của {facts.issuer or '(chưa rõ)'}, "
        f"giai đoạn {facts.start_year}–{facts.end_year}"
    )
    sections = len(understood.task_annex.sections) if understood.task_annex else 0
    groups = len(understood.indicator_annex.groups) if understood.indicator_annex else 0
    lines.append(
        f"Đọc được {sections} mục, {understood.task_count} nhiệm vụ; "
        f"{groups} nhóm, {understood.indicator_count} chỉ tiêu."
    )
    if understood.diff is not None:
        lines += describe_diff(understood.diff)
    for label, problems in (("Lỗi", understood.errors), ("Cảnh báo", understood.warnings)):
        for problem in problems:
            where = f"{problem.grid.name}, dòng {problem.row}" if problem.grid else ""
            lines.append(
                f"{label} ({where}): {problem.message}" if where else f"{label}: {problem.message}"
            )
    if understood.errors:
        lines.append(f"Có {len(understood.errors)} lỗi: không ghi gì vào cơ sở dữ liệu.")
    elif dry_run:
        lines.append("Chạy thử: chưa ghi gì vào cơ sở dữ liệu.")
    elif understood.written is not None and understood.diff is not None:
        lines.append(
            f"Đã nhập phiên bản {understood.written.version} của {understood.written.title}; "
            "báo cáo, kết quả và minh chứng đã ghi được giữ nguyên."
        )
    elif understood.written is not None:
        lines.append(f"Đã nhập {understood.written.title}.")
    return "\n".join(lines)
