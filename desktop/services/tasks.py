"""Tasks (nhiệm vụ) of a plan: title, units, deadline and expected product."""

from __future__ import annotations

import builtins
from collections.abc import Sequence
from datetime import date
from types import EllipsisType

import db
from desktop.domain.deadlines import parse_deadline
from desktop.domain.model import Task, Unit
from desktop.errors import InvalidInput, NotFound
from desktop.services import assignments
from desktop.services.base import PLAN_TASKS, Service, iso, swap_with_neighbour
from desktop.services.plans import within_limit
from desktop.services.units import UnitRef, unit_from_row
from desktop.vietnamese.text import clean

# A task's texts, at most (plans.py says why there are limits): the longest title in
# the demos' plans is 499 characters, a deadline as printed 40, a note 338.
TITLE_LIMIT = 2_000
TEXT_LIMIT = 2_000  # the expected product, the note
DEADLINE_LIMIT = 500
CODE_LIMIT = 30

_SELECT = (
    "SELECT t.*, s.plan_id, p.start_year FROM tasks t "
    "JOIN sections s ON s.id = t.section_id JOIN plans p ON p.id = s.plan_id"
)


def _task(row: dict, roles: assignments.Roles | None, named: dict[int, Unit]) -> Task:
    # The deadline is read from the printed text on every load, so a better
    # reading reaches old plans too; only the clerk's own date is stored.
    deadline = parse_deadline(row["deadline_text"], row["start_year"], row["title"])
    override = date.fromisoformat(row["due_override"]) if row["due_override"] else None
    if override is not None:
        deadline = deadline.with_milestone(override)
    leads, coordinators = roles or ((), ())
    return Task(
        id=row["id"],
        section_id=row["section_id"],
        plan_id=row["plan_id"],
        code=row["code"],
        title=row["title"],
        deadline=deadline,
        expected_product=row["expected_product"],
        position=row["position"],
        leads=leads,
        coordinators=coordinators,
        due_override=override,
        note=row["note"],
        retired_in=row["retired_in"],
        named_lead=named.get(row["named_lead_id"]) if row["named_lead_id"] else None,
    )


def lead_choices(
    units: Sequence[Unit], leads: Sequence[Unit], coordinators: Sequence[Unit]
) -> list[Unit]:
    """The units the office may name to lead a task printed with these leads and
    coordinators: the printed units themselves, and, when a group leads it ("Các cơ
    quan, đơn vị thuộc UBND xã"), each of the office's own units (`units`, in order)."""
    printed = [u for u in (*leads, *coordinators) if not u.collective]
    if any(u.collective for u in leads):
        printed += [u for u in units if u.own and u.active]
    chosen: dict[int, Unit] = {}
    for unit in printed:
        chosen.setdefault(unit.id, unit)
    return list(chosen.values())


TASK_LIMITS = {  # each text of a task: its limit and its name, for typing and importing alike
    "title": (TITLE_LIMIT, "Tên nhiệm vụ"),
    "code": (CODE_LIMIT, "Mã nhiệm vụ"),
    "deadline_text": (DEADLINE_LIMIT, "Thời gian hoàn thành"),
    "expected_product": (TEXT_LIMIT, "Sản phẩm"),
    "note": (TEXT_LIMIT, "Ghi chú"),
}


def _checked_texts(**texts: str | None) -> dict[str, str]:
    """The task's texts cleaned, or an InvalidInput naming the first one too long."""
    cleaned = {name: clean(text or "") for name, text in texts.items()}
    for name, text in cleaned.items():
        within_limit(text, *TASK_LIMITS[name])
    return cleaned


class TaskService(Service):
    _cached: tuple = (None, None, ())  # plan id, data generation, tasks

    def add(
        self,
        section_id: int,
        title: str,
        leads: Sequence[UnitRef],
        coordinators: Sequence[UnitRef] = (),
        deadline_text: str = "",
        expected_product: str = "",
        code: str | None = None,
        note: str = "",
        named_lead: UnitRef | None = None,
    ) -> Task:
        """A new task at the end of its section; `named_lead`: the unit the office names
        to lead it, one of `lead_choices` (None: the printed leads answer for it)."""
        title = clean(title)
        if not title:
            raise InvalidInput("Tên nhiệm vụ không được để trống.")
        texts = _checked_texts(
            title=title, code=code, deadline_text=deadline_text,
            expected_product=expected_product, note=note,
        )  # fmt: skip
        with self.ws.change("Thêm nhiệm vụ"):
            section = self.ws.plans.section(section_id)
            self.ws.relabel(f"Thêm nhiệm vụ vào mục {section.code}")
            position = self._next_position("tasks", section_id=section_id)
            task_id = self._insert(
                "tasks",
                {
                    "section_id": section_id,
                    "code": texts["code"] or f"{section.code}.{position}",
                    "title": title,
                    "deadline_text": texts["deadline_text"],
                    "expected_product": texts["expected_product"],
                    "note": texts["note"],
                    "position": position,
                },
            )
            assignments.write(self, "task_id", task_id, leads, coordinators)
            if named_lead is not None:
                self._name_lead(task_id, named_lead)
        return self.get(task_id)

    def update(
        self,
        task_id: int,
        *,
        title: str | None = None,
        leads: Sequence[UnitRef] | None = None,
        coordinators: Sequence[UnitRef] | None = None,
        deadline_text: str | None = None,
        due_date: date | None = None,
        expected_product: str | None = None,
        code: str | None = None,
        note: str | None = None,
        section_id: int | None = None,
        named_lead: UnitRef | EllipsisType | None = ...,
    ) -> Task:
        """Change some fields; `due_date` sets the milestone by hand (the text stays as
        printed); another `section_id` moves the task to the end of that section;
        `named_lead` names the unit that leads it (None: nobody, the printed leads).
        New units that no longer include the named lead drop it."""
        with self.ws.change("Sửa nhiệm vụ"):
            task = self.get(task_id)
            self.ws.relabel(f"Sửa nhiệm vụ {task.code}")
            changes: dict = {}
            if code is not None:
                changes["code"] = clean(code)
                if not changes["code"]:
                    raise InvalidInput("Mã nhiệm vụ không được để trống.")
            if note is not None:
                changes["note"] = clean(note)
            if section_id is not None and section_id != task.section_id:
                section = self.ws.plans.section(section_id)
                if section.plan_id != task.plan_id:
                    raise InvalidInput("Chỉ chuyển được nhiệm vụ sang một mục của cùng kế hoạch.")
                changes["section_id"] = section_id
                changes["position"] = self._next_position("tasks", section_id=section_id)
            if title is not None:
                changes["title"] = clean(title)
                if not changes["title"]:
                    raise InvalidInput("Tên nhiệm vụ không được để trống.")
            if deadline_text is not None:
                changes["deadline_text"] = clean(deadline_text)
            if due_date is not None:
                if task.deadline.recurring:
                    raise InvalidInput(
                        f"Nhiệm vụ {task.code} lặp lại theo kỳ ({task.deadline.summary}); "
                        "hạn của từng lần đi theo lịch báo cáo, không đặt một ngày riêng."
                    )
                changes["due_override"] = iso(due_date)
            if expected_product is not None:
                changes["expected_product"] = clean(expected_product)
            _checked_texts(**{k: v for k, v in changes.items() if k in TASK_LIMITS})
            if changes:
                self.db["tasks"].update(task_id, changes)
            if leads is not None or coordinators is not None:
                assignments.write(
                    self,
                    "task_id",
                    task_id,
                    leads if leads is not None else task.leads,
                    coordinators if coordinators is not None else task.coordinators,
                )
            if named_lead is not ...:
                self._name_lead(task_id, named_lead)
            elif task.named_lead and (leads is not None or coordinators is not None):
                self._name_lead(task_id, task.named_lead, drop_if_gone=True)
        return self.get(task_id)

    def name_lead(self, task_id: int, unit: UnitRef | None) -> Task:
        """Name the unit that actually leads a task printed for a group or several
        units (None: the printed leads again). It must be one of `lead_choices`."""
        with self.ws.change("Giao cơ quan trực tiếp chủ trì"):
            task = self.get(task_id)
            self.ws.relabel(f"Giao cơ quan trực tiếp chủ trì nhiệm vụ {task.code}")
            self._name_lead(task_id, unit)
        return self.get(task_id)

    def choices_for(self, task: Task) -> list[Unit]:
        return lead_choices(self.ws.units.list(), task.leads, task.coordinators)

    def _name_lead(self, task_id: int, ref: UnitRef | None, drop_if_gone: bool = False) -> None:
        # Inside the caller's change, after the task's units are written.
        unit = None if ref is None else self._existing_unit(ref)
        if unit is not None:
            task = self.get(task_id)
            allowed = self.choices_for(task)
            if all(u.id != unit.id for u in allowed):
                if not drop_if_gone:
                    listed = "; ".join(u.name for u in allowed[:6])
                    more = "; …" if len(allowed) > 6 else ""
                    raise InvalidInput(
                        f"«{unit.name}» không có trong các cơ quan kế hoạch giao nhiệm vụ "
                        f"{task.code}, nên không thể trực tiếp chủ trì nhiệm vụ này. "
                        f"Chọn một trong: {listed}{more}."
                    )
                unit = None
        self.db["tasks"].update(task_id, {"named_lead_id": unit.id if unit else None})

    def _existing_unit(self, ref: UnitRef) -> Unit:
        if isinstance(ref, Unit):
            return ref
        if isinstance(ref, int):
            return self.ws.units.get(ref)
        found = self.ws.units.find(ref)
        if found is None:
            raise InvalidInput(f"Không có cơ quan, đơn vị «{clean(ref)}».")
        return found

    def move(self, task_id: int, step: int) -> None:
        """One place up (step -1) or down (+1) within its section."""
        with self.ws.change("Đổi thứ tự nhiệm vụ"):
            task = self.get(task_id)
            self.ws.relabel(f"Đổi thứ tự nhiệm vụ {task.code}")
            swap_with_neighbour(self, "tasks", task_id, step, section_id=task.section_id)

    def delete(self, task_id: int) -> None:
        with self.ws.change("Xóa nhiệm vụ"):
            task = self.get(task_id)
            self.ws.relabel(f"Xóa nhiệm vụ {task.code}")
            self.db["tasks"].delete(task_id)

    def get(self, task_id: int) -> Task:
        row = self._row(f"{_SELECT} WHERE t.id = ?", [task_id])
        if row is None:
            raise NotFound(f"Không tìm thấy nhiệm vụ có mã {task_id}.")
        roles = assignments.load(self, "task_id", [task_id]).get(task_id)
        return _task(row, roles, self._named_leads([row]))

    def count(self, plan_id: int) -> int:
        return self._scalar(
            f"SELECT count(*) FROM tasks WHERE id IN ({PLAN_TASKS}) AND retired_in IS NULL",
            [plan_id],
        )

    def list(self, plan_id: int) -> list[Task]:
        """The plan's tasks in printed order. Kept until the data changes: a period
        switch reads them again, and a big plan's tasks take a tenth of a second to build."""
        generation = db.generation(self.db)
        if generation is not None and self._cached[:2] == (plan_id, generation):
            return list(self._cached[2])
        tasks = self._load(plan_id)
        if generation is not None:
            self._cached = (plan_id, generation, tasks)
        return list(tasks)

    def retired(self, plan_id: int) -> builtins.list[Task]:
        """Tasks a newer version of the plan dropped, kept with their reports."""
        return self._load(plan_id, retired=True)

    def _load(self, plan_id: int, retired: bool = False) -> builtins.list[Task]:
        which = "IS NOT NULL" if retired else "IS NULL"
        rows = self._rows(
            f"{_SELECT} WHERE s.plan_id = ? AND t.retired_in {which} "
            "ORDER BY s.position, t.position",
            [plan_id],
        )
        roles = assignments.load(self, "task_id", [r["id"] for r in rows]) if rows else {}
        named = self._named_leads(rows)
        return [_task(r, roles.get(r["id"]), named) for r in rows]

    def _named_leads(self, rows: builtins.list[dict]) -> dict[int, Unit]:
        ids = sorted({r["named_lead_id"] for r in rows if r["named_lead_id"]})
        if not ids:
            return {}
        marks = ", ".join("?" * len(ids))
        found = self._rows(f"SELECT * FROM units WHERE id IN ({marks})", ids)
        return {row["id"]: unit_from_row(row) for row in found}
