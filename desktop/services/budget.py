"""Budget lines (dự toán) of a plan and their execution (giải ngân), in integer đồng.

Amounts sit on leaf lines; a line with children carries no estimate of its own
and shows the sum of its children, as the printed appendix does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.errors import InvalidInput, NotFound
from desktop.model import BudgetLine, Disbursement
from desktop.services.base import Service, to_date
from desktop.text import clean


def _line(row: dict) -> BudgetLine:
    return BudgetLine(**row)


def _disbursement(row: dict) -> Disbursement:
    return Disbursement(**{**row, "paid_on": date.fromisoformat(row["paid_on"])})


def _is_dong(amount: object) -> bool:
    # bool is an int subclass; a float would silently lose đồng.
    return isinstance(amount, int) and not isinstance(amount, bool)


def _check_estimate(amount: object) -> int:
    if not _is_dong(amount) or amount < 0:
        raise InvalidInput("Dự toán phải là số đồng nguyên, không âm.")
    return amount


@dataclass(frozen=True)
class BudgetRow:
    """One line of the budget table with its figures up to a date."""

    line: BudgetLine
    depth: int
    estimate: int | None  # own estimate, or the sum over children; None: nothing budgeted
    disbursed: int  # paid up to the date asked for

    @property
    def remaining(self) -> int | None:
        return None if self.estimate is None else self.estimate - self.disbursed

    @property
    def rate(self) -> float | None:
        return self.disbursed / self.estimate if self.estimate else None


class BudgetService(Service):
    def add_line(
        self,
        plan_id: int,
        year: int,
        code: str,
        title: str,
        estimate: int | None = None,
        parent_id: int | None = None,
        funding_source: str = "",
    ) -> BudgetLine:
        code, title = clean(code), clean(title)
        if not code or not title:
            raise InvalidInput("Dòng dự toán cần có số thứ tự và nội dung.")
        if estimate is not None:
            _check_estimate(estimate)
        with self.ws.change(f"Thêm dòng dự toán {code} năm {year}"):
            self.ws.plans.get(plan_id)
            if parent_id is not None:
                self._check_parent(self.line(parent_id), plan_id, year)
            position = self._next_position("budget_lines", plan_id=plan_id, year=year)
            line_id = self._insert(
                "budget_lines",
                {
                    "plan_id": plan_id,
                    "parent_id": parent_id,
                    "year": year,
                    "code": code,
                    "title": title,
                    "funding_source": clean(funding_source),
                    "estimate": estimate,
                    "position": position,
                },
            )
        return self.line(line_id)

    def _check_parent(self, parent: BudgetLine, plan_id: int, year: int) -> None:
        if parent.plan_id != plan_id or parent.year != year:
            raise InvalidInput("Dòng cha phải thuộc cùng kế hoạch và cùng năm ngân sách.")
        if parent.estimate is not None:
            raise InvalidInput(
                f"Dòng «{parent.code}» đã có số dự toán riêng; bỏ số đó trước khi chia dòng con."
            )
        if self._scalar("SELECT 1 FROM disbursements WHERE budget_line_id = ?", [parent.id]):
            raise InvalidInput(f"Dòng «{parent.code}» đã có giải ngân, không chia dòng con được.")

    def set_estimate(self, line_id: int, estimate: int | None) -> BudgetLine:
        if estimate is not None:
            _check_estimate(estimate)
        with self.ws.change("Sửa dự toán"):
            line = self.line(line_id)
            self.ws.relabel(f"Sửa dự toán dòng {line.code} năm {line.year}")
            has_children = self._scalar("SELECT 1 FROM budget_lines WHERE parent_id = ?", [line_id])
            if estimate is not None and has_children:
                raise InvalidInput(
                    f"Dòng «{line.code}» có dòng con; dự toán của nó là tổng các dòng con."
                )
            self.db["budget_lines"].update(line_id, {"estimate": estimate})
        return self.line(line_id)

    def line(self, line_id: int) -> BudgetLine:
        row = self._row("SELECT * FROM budget_lines WHERE id = ?", [line_id])
        if row is None:
            raise NotFound(f"Không tìm thấy dòng dự toán có mã {line_id}.")
        return _line(row)

    def lines(self, plan_id: int, year: int) -> list[BudgetLine]:
        rows = self._rows(
            "SELECT * FROM budget_lines WHERE plan_id = ? AND year = ? ORDER BY position",
            [plan_id, year],
        )
        return [_line(r) for r in rows]

    def years(self, plan_id: int) -> list[int]:
        return [
            r["year"]
            for r in self._rows(
                "SELECT DISTINCT year FROM budget_lines WHERE plan_id = ? ORDER BY year", [plan_id]
            )
        ]

    def disburse(
        self,
        line_id: int,
        paid_on: date | str,
        amount: int,
        reference: str = "",
        note: str = "",
    ) -> Disbursement:
        """Record money paid out on a leaf line; a negative amount records a recovery."""
        paid = to_date(paid_on, "Ngày giải ngân")
        if paid is None:
            raise InvalidInput("Cần ngày giải ngân.")
        if not _is_dong(amount) or amount == 0:
            raise InvalidInput("Số tiền giải ngân phải là số đồng nguyên khác 0.")
        with self.ws.change(f"Ghi giải ngân ngày {paid:%d/%m/%Y}"):
            line = self.line(line_id)
            self.ws.relabel(f"Ghi giải ngân dòng {line.code} ngày {paid:%d/%m/%Y}")
            if self._scalar("SELECT 1 FROM budget_lines WHERE parent_id = ?", [line_id]):
                raise InvalidInput(
                    f"Dòng «{line.code}» có dòng con; hãy ghi giải ngân vào dòng con."
                )
            paid_before = self._scalar(
                "SELECT coalesce(sum(amount), 0) FROM disbursements WHERE budget_line_id = ?",
                [line_id],
            )
            if paid_before + amount < 0:
                raise InvalidInput("Tổng giải ngân của một dòng không thể âm.")
            disbursement_id = self._insert(
                "disbursements",
                {
                    "budget_line_id": line_id,
                    "paid_on": paid.isoformat(),
                    "amount": amount,
                    "reference": clean(reference),
                    "note": clean(note),
                },
            )
        return _disbursement(
            self._row("SELECT * FROM disbursements WHERE id = ?", [disbursement_id])
        )

    def disbursements(self, line_id: int) -> list[Disbursement]:
        rows = self._rows(
            "SELECT * FROM disbursements WHERE budget_line_id = ? ORDER BY paid_on, id", [line_id]
        )
        return [_disbursement(r) for r in rows]

    def table(self, plan_id: int, year: int, as_of: date | None = None) -> list[BudgetRow]:
        """The budget as a tree in printed order, group lines summing their children."""
        lines = self.lines(plan_id, year)
        paid_rows = self._rows(
            "SELECT d.budget_line_id AS id, sum(d.amount) AS paid FROM disbursements d "
            "JOIN budget_lines b ON b.id = d.budget_line_id "
            "WHERE b.plan_id = ? AND b.year = ? AND d.paid_on <= ? GROUP BY d.budget_line_id",
            [plan_id, year, (as_of or date.max).isoformat()],
        )
        paid = {r["id"]: r["paid"] for r in paid_rows}
        children: dict[int | None, list[BudgetLine]] = {}
        for line in lines:
            children.setdefault(line.parent_id, []).append(line)

        rows: list[BudgetRow] = []

        def visit(line: BudgetLine, depth: int) -> tuple[int | None, int]:
            index = len(rows)
            rows.append(BudgetRow(line, depth, None, 0))
            kids = children.get(line.id, [])
            if kids:
                totals = [visit(kid, depth + 1) for kid in kids]
                estimate, disbursed = _sum([t[0] for t in totals]), sum(t[1] for t in totals)
            else:
                estimate, disbursed = line.estimate, paid.get(line.id, 0)
            rows[index] = BudgetRow(line, depth, estimate, disbursed)
            return estimate, disbursed

        for top in children.get(None, []):
            visit(top, 0)
        return rows

    def totals(self, plan_id: int, year: int, as_of: date | None = None) -> tuple[int | None, int]:
        """(Total estimate, total disbursed) of a year; no estimate when nothing was budgeted."""
        return table_totals(self.table(plan_id, year, as_of))


def _sum(amounts: list[int | None]) -> int | None:
    """Sum of the estimates given; None when no line carries one (money paid unbudgeted)."""
    given = [a for a in amounts if a is not None]
    return sum(given) if given else None


def table_totals(rows: list[BudgetRow]) -> tuple[int | None, int]:
    """(Total estimate, total disbursed) of a budget table: the sum of its top-level lines."""
    top = [row for row in rows if row.depth == 0]
    return _sum([r.estimate for r in top]), sum(r.disbursed for r in top)
