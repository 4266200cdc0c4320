"""Plans received from the level above and their sections."""

from __future__ import annotations

from datetime import date

from desktop.errors import InvalidInput, NotFound
from desktop.model import Plan, Section
from desktop.services.base import Service, to_date
from desktop.text import clean


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
    )


class PlanService(Service):
    def create(
        self,
        number: str,
        issued_on: date | str,
        issuer: str,
        summary: str,
        start_year: int,
        end_year: int,
        source: str = "",
    ) -> Plan:
        number, issuer, summary = clean(number), clean(issuer), clean(summary)
        issued = to_date(issued_on, "Ngày ban hành")
        if not number:
            raise InvalidInput("Số ký hiệu kế hoạch không được để trống.")
        if issued is None:
            raise InvalidInput("Ngày ban hành kế hoạch không được để trống.")
        if not summary:
            raise InvalidInput("Trích yếu kế hoạch không được để trống.")
        if not 2000 <= start_year <= end_year <= 2100:
            raise InvalidInput(
                f"Giai đoạn kế hoạch {start_year}–{end_year} không hợp lệ "
                "(năm bắt đầu phải không sau năm kết thúc)."
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
                },
            )
        return self.get(plan_id)

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
        code, title = clean(code), clean(title)
        if not code or not title:
            raise InvalidInput("Mục của kế hoạch cần có số thứ tự và tên.")
        with self.ws.change(f"Thêm mục {code} vào kế hoạch"):
            self.get(plan_id)
            if self._row("SELECT id FROM sections WHERE plan_id = ? AND code = ?", [plan_id, code]):
                raise InvalidInput(f"Kế hoạch đã có mục {code}.")
            position = self._next_position("sections", plan_id=plan_id)
            section_id = self._insert(
                "sections", {"plan_id": plan_id, "code": code, "title": title, "position": position}
            )
        return self.section(section_id)

    def section(self, section_id: int) -> Section:
        row = self._row("SELECT * FROM sections WHERE id = ?", [section_id])
        if row is None:
            raise NotFound(f"Không tìm thấy mục có mã {section_id}.")
        return Section(**row)

    def sections(self, plan_id: int) -> list[Section]:
        rows = self._rows("SELECT * FROM sections WHERE plan_id = ? ORDER BY position", [plan_id])
        return [Section(**r) for r in rows]
