"""Plans received from the level above and their sections."""

from __future__ import annotations

import builtins
from dataclasses import dataclass, replace
from datetime import date

from desktop.domain.model import Plan, Section
from desktop.domain.periods import PeriodId, PeriodKind, period_containing
from desktop.errors import InvalidInput, NotFound
from desktop.services.base import PLAN_TASKS, Service, swap_with_neighbour, to_date
from desktop.vietnamese.numbers import format_number
from desktop.vietnamese.text import clean

# How long what is typed or imported may be: several times the longest a real plan
# prints (the demos' longest trích yếu is 172 characters, section title 239, task title
# 499, unit name 47, progress result 123), and short enough that the report, the annex
# and the workbook stay readable documents (issue 24: a 10 MB title made the annex fail).
# Each is a named limit here, refused with its field's name, so the window's forms and
# the import say the same thing.
NUMBER_LIMIT = 50  # số ký hiệu: '79/KH-UBND'
SUMMARY_LIMIT = 1_000  # trích yếu: one sentence, printed in the report's title
ISSUER_LIMIT = 300
SECTION_CODE_LIMIT = 30
SECTION_TITLE_LIMIT = 2_000


def within_limit(text: str, limit: int, field: str, advice: str = "hãy rút gọn") -> str:
    """`text` (cleaned) when it is at most `limit` characters, else an InvalidInput
    naming the field, the start of the text, its length and the limit."""
    if len(text) <= limit:
        return text
    raise InvalidInput(
        f"{field} «{text[:40].rstrip()}…» dài {format_number(len(text))} ký tự, quá giới hạn "
        f"{format_number(limit)} ký tự: {advice}."
    )


@dataclass(frozen=True)
class Contents:
    """Counts of what is recorded under something about to be deleted."""

    tasks: int = 0
    reports: int = 0
    files: int = 0
    indicators: int = 0
    values: int = 0
    budget_lines: int = 0
    payments: int = 0

    def describe(self) -> str:
        """'3 nhiệm vụ, 5 báo cáo tiến độ, 1 tệp đính kèm' ('' when empty)."""
        parts = [
            (self.tasks, "nhiệm vụ"),
            (self.reports, "báo cáo tiến độ"),
            (self.files, "tệp đính kèm"),
            (self.indicators, "chỉ tiêu"),
            (self.values, "kết quả chỉ tiêu đã ghi"),
            (self.budget_lines, "dòng dự toán"),
            (self.payments, "khoản giải ngân"),
        ]
        return ", ".join(f"{n} {what}" for n, what in parts if n)


def _check_plan(number: str, issued: date | None, summary: str, start: int, end: int) -> date:
    """The particulars a plan must have; its date of issue, given."""
    if not number:
        raise InvalidInput("Số ký hiệu kế hoạch không được để trống.")
    within_limit(number, NUMBER_LIMIT, "Số ký hiệu kế hoạch")
    if issued is None:
        raise InvalidInput("Ngày ban hành kế hoạch không được để trống.")
    if not summary:
        raise InvalidInput("Trích yếu kế hoạch không được để trống.")
    within_limit(summary, SUMMARY_LIMIT, "Trích yếu kế hoạch")
    if not 2000 <= start <= end <= 2100:
        raise InvalidInput(
            f"Giai đoạn kế hoạch {start}–{end} không hợp lệ "
            "(năm bắt đầu phải không sau năm kết thúc)."
        )
    return issued


def _section_fields(code: str, title: str) -> tuple[str, str]:
    code, title = clean(code), clean(title)
    if not code or not title:
        raise InvalidInput("Mục của kế hoạch cần có số thứ tự và tên.")
    within_limit(code, SECTION_CODE_LIMIT, "Số thứ tự mục")
    return code, within_limit(title, SECTION_TITLE_LIMIT, "Tên mục")


def plan_from_row(row: dict) -> Plan:
    return Plan(
        id=row["id"],
        number=row["number"],
        issued_on=date.fromisoformat(row["issued_on"]),
        issuer=row["issuer"],
        summary=row["summary"],
        start_year=row["start_year"],
        end_year=row["end_year"],
        version=row["version"],
        source=row["source"],
        followed_from=date.fromisoformat(row["followed_from"]) if row["followed_from"] else None,
    )


class PlanService(Service):
    def create(
        self,
        number: str,
        issued_on: date | str | None,
        issuer: str,
        summary: str,
        start_year: int,
        end_year: int,
        source: str = "",
        *,
        from_start: bool = False,
    ) -> Plan:
        """A new plan, followed from the current quarter (reports due before it are not
        owed by this database), or `from_start` when its history is recorded too (the demo)."""
        number, issuer, summary = clean(number), clean(issuer), clean(summary)
        within_limit(issuer, ISSUER_LIMIT, "Cơ quan ban hành kế hoạch")
        issued = _check_plan(
            number, to_date(issued_on, "Ngày ban hành"), summary, start_year, end_year
        )
        with self.ws.change(f"Thêm kế hoạch {number}"):
            version = 1 + (
                self._scalar(
                    "SELECT max(version) FROM plans WHERE number = ? AND issued_on = ?",
                    [number, issued.isoformat()],
                )
                or 0
            )
            plan_id = self._insert(
                "plans",
                {
                    "number": number,
                    "issued_on": issued.isoformat(),
                    "issuer": issuer,
                    "summary": summary,
                    "start_year": start_year,
                    "end_year": end_year,
                    "version": version,
                    "source": clean(source),
                    "created_at": self.ws.timestamp(),
                    "followed_from": None if from_start else self._current_quarter().isoformat(),
                },
            )
        return self.get(plan_id)

    def _current_quarter(self) -> date:
        return period_containing(self.ws.today(), PeriodKind.QUARTER).calendar_range()[0]

    def follow_choices(self, plan: Plan) -> list[PeriodId]:
        """The quarters the plan can be followed from: its first to the current one."""
        last = period_containing(max(self.ws.today(), plan.in_force_from), PeriodKind.QUARTER)
        pid, found = period_containing(plan.in_force_from, PeriodKind.QUARTER), []
        while pid.calendar_range()[0] <= last.calendar_range()[0]:
            found.append(pid)
            pid = pid.following()
        return found

    def follow_from(self, plan_id: int, period: PeriodId | None) -> Plan:
        """Follow the plan from `period` on (None: from its start): the reports due before
        it are not owed by this database. A period not begun yet is refused."""
        plan = self.get(plan_id)
        start = None if period is None else period.calendar_range()[0]
        today = self.ws.today()
        if period is not None and start is not None and start > today:
            raise InvalidInput(
                f"Chưa theo dõi được từ {period.label}: kỳ này chưa bắt đầu (hôm nay là "
                f"{today:%d/%m/%Y}). Chọn kỳ hiện tại hoặc một kỳ đã qua."
            )
        label = "từ đầu" if period is None else f"từ {period.label}"
        with self.ws.change(f"Theo dõi kế hoạch {plan.number} {label}"):
            self.db["plans"].update(
                plan_id, {"followed_from": start.isoformat() if start else None}
            )
        return self.get(plan_id)

    def update(
        self,
        plan_id: int,
        *,
        number: str | None = None,
        issued_on: date | str | None = None,
        issuer: str | None = None,
        summary: str | None = None,
        start_year: int | None = None,
        end_year: int | None = None,
    ) -> Plan:
        """Correct the plan's particulars; what is not given stays as it is."""
        with self.ws.change("Sửa thông tin kế hoạch"):
            plan = self.get(plan_id)
            self.ws.relabel(f"Sửa thông tin kế hoạch {plan.number}")
            number = clean(number) if number is not None else plan.number
            issued = to_date(issued_on, "Ngày ban hành") if issued_on else plan.issued_on
            summary = clean(summary) if summary is not None else plan.summary
            issuer = clean(issuer) if issuer is not None else plan.issuer
            within_limit(issuer, ISSUER_LIMIT, "Cơ quan ban hành kế hoạch")
            start = start_year if start_year is not None else plan.start_year
            end = end_year if end_year is not None else plan.end_year
            issued = _check_plan(number, issued, summary, start, end)
            clash = self._scalar(
                "SELECT 1 FROM plans WHERE number = ? AND issued_on = ? AND version = ? "
                "AND id <> ?",
                [number, issued.isoformat(), plan.version, plan_id],
            )
            if clash:
                raise InvalidInput(
                    f"Đã có kế hoạch số {number} ngày {issued:%d/%m/%Y} trong cơ sở dữ liệu."
                )
            self.db["plans"].update(
                plan_id,
                {
                    "number": number,
                    "issued_on": issued.isoformat(),
                    "issuer": issuer,
                    "summary": summary,
                    "start_year": start,
                    "end_year": end,
                },
            )
        return self.get(plan_id)

    def delete(self, plan_id: int) -> None:
        """Remove the plan with everything recorded for it (one change, in the log)."""
        with self.ws.change("Xóa kế hoạch"):
            plan = self.get(plan_id)
            self.ws.relabel(f"Xóa kế hoạch {plan.number}")
            self.db["plans"].delete(plan_id)

    def contents(
        self,
        *,
        plan_id: int | None = None,
        section_id: int | None = None,
        task_id: int | None = None,
    ) -> Contents:
        """What is recorded under a plan, a section or a task: what deleting it takes."""
        key: int | None
        if task_id is not None:
            tasks, key = "SELECT id FROM tasks WHERE id = ?", task_id
        elif section_id is not None:
            tasks, key = "SELECT id FROM tasks WHERE section_id = ?", section_id
        else:
            tasks, key = PLAN_TASKS, plan_id
        reports = f"SELECT id FROM task_progress WHERE task_id IN ({tasks})"
        found = Contents(
            tasks=self._scalar(f"SELECT count(*) FROM ({tasks})", [key]) if task_id is None else 0,
            reports=self._scalar(f"SELECT count(*) FROM ({reports})", [key]),
            files=self._scalar(
                f"SELECT count(*) FROM attachments WHERE task_id IN ({tasks}) "
                f"OR progress_id IN ({reports})",
                [key, key],
            ),
        )
        if plan_id is None:
            return found
        in_plan = (
            "SELECT i.id FROM indicators i JOIN indicator_groups g ON g.id = i.group_id "
            "WHERE g.plan_id = ?"
        )
        lines = "SELECT id FROM budget_lines WHERE plan_id = ?"
        return replace(
            found,
            files=found.files
            + self._scalar("SELECT count(*) FROM attachments WHERE plan_id = ?", [plan_id]),
            indicators=self._scalar(f"SELECT count(*) FROM ({in_plan})", [plan_id]),
            values=self._scalar(
                f"SELECT count(*) FROM indicator_values WHERE indicator_id IN ({in_plan})",
                [plan_id],
            ),
            budget_lines=self._scalar(f"SELECT count(*) FROM ({lines})", [plan_id]),
            payments=self._scalar(
                f"SELECT count(*) FROM disbursements WHERE budget_line_id IN ({lines})", [plan_id]
            ),
        )

    def get(self, plan_id: int) -> Plan:
        row = self._row("SELECT * FROM plans WHERE id = ?", [plan_id])
        if row is None:
            raise NotFound(f"Không tìm thấy kế hoạch có mã {plan_id}.")
        return plan_from_row(row)

    def list(self) -> list[Plan]:
        rows = self._rows("SELECT * FROM plans ORDER BY issued_on DESC, number, version DESC")
        return [plan_from_row(r) for r in rows]

    def find(self, number: str) -> Plan | None:
        """Latest version of the plan with this số ký hiệu."""
        row = self._row(
            "SELECT * FROM plans WHERE number = ? ORDER BY issued_on DESC, version DESC LIMIT 1",
            [clean(number)],
        )
        return plan_from_row(row) if row else None

    def current(self) -> Plan | None:
        """The plan a clerk most likely means: the most recently issued one."""
        plans = self.list()
        return plans[0] if plans else None

    def resolve(self, ref: str | int | None) -> Plan:
        """A plan named by id or số ký hiệu; the current plan when `ref` is empty."""
        if ref in (None, ""):
            plan = self.current()
            if plan is None:
                raise NotFound("Cơ sở dữ liệu chưa có kế hoạch nào.")
            return plan
        text = str(ref).strip()
        if text.isdigit():
            if len(text) > 18:  # beyond SQLite's integers: no such plan
                raise NotFound(f"Không tìm thấy kế hoạch có mã {text}.")
            return self.get(int(text))
        plan = self.find(text)
        if plan is None:
            raise NotFound(f"Không tìm thấy kế hoạch số «{text}».")
        return plan

    def add_section(self, plan_id: int, code: str, title: str) -> Section:
        code, title = _section_fields(code, title)
        with self.ws.change(f"Thêm mục {code} vào kế hoạch"):
            self.get(plan_id)
            if self._row("SELECT id FROM sections WHERE plan_id = ? AND code = ?", [plan_id, code]):
                raise InvalidInput(f"Kế hoạch đã có mục {code}.")
            position = self._next_position("sections", plan_id=plan_id)
            section_id = self._insert(
                "sections", {"plan_id": plan_id, "code": code, "title": title, "position": position}
            )
        return self.section(section_id)

    def update_section(self, section_id: int, code: str, title: str) -> Section:
        code, title = _section_fields(code, title)
        with self.ws.change("Sửa mục của kế hoạch"):
            section = self.section(section_id)
            self.ws.relabel(f"Sửa mục {section.code}")
            clash = self._scalar(
                "SELECT 1 FROM sections WHERE plan_id = ? AND code = ? AND id <> ?",
                [section.plan_id, code, section_id],
            )
            if clash:
                raise InvalidInput(f"Kế hoạch đã có mục {code}.")
            self.db["sections"].update(section_id, {"code": code, "title": title})
        return self.section(section_id)

    def delete_section(self, section_id: int) -> None:
        with self.ws.change("Xóa mục của kế hoạch"):
            section = self.section(section_id)
            self.ws.relabel(f"Xóa mục {section.code} và các nhiệm vụ của mục")
            self.db["sections"].delete(section_id)

    def move_section(self, section_id: int, step: int) -> None:
        """One place up (step -1) or down (+1) among the plan's sections."""
        with self.ws.change("Đổi thứ tự mục"):
            section = self.section(section_id)
            swap_with_neighbour(self, "sections", section_id, step, plan_id=section.plan_id)

    def section(self, section_id: int) -> Section:
        row = self._row("SELECT * FROM sections WHERE id = ?", [section_id])
        if row is None:
            raise NotFound(f"Không tìm thấy mục có mã {section_id}.")
        return Section(**row)

    def sections(self, plan_id: int) -> builtins.list[Section]:
        rows = self._rows("SELECT * FROM sections WHERE plan_id = ? ORDER BY position", [plan_id])
        return [Section(**r) for r in rows]
