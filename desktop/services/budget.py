"""Budget lines (dự toán) of a plan and their execution (giải ngân), in integer đồng.

Amounts sit on leaf lines; a line with children carries no estimate of its own
and shows the sum of its children, as the printed appendix does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

from desktop.domain.model import BudgetLine, Disbursement
from desktop.domain.periods import Period
from desktop.errors import InvalidInput, NotFound
from desktop.services.base import Service, to_date
from desktop.vietnamese.text import clean


def _line(row: dict) -> BudgetLine:
    return BudgetLine(**row)


def _disbursement(row: dict) -> Disbursement:
    return Disbursement(**{**row, "paid_on": date.fromisoformat(row["paid_on"])})


def _is_dong(amount: object) -> TypeGuard[int]:
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
    in_period: int = 0  # of which paid from the start of the period asked for

    @property
    def remaining(self) -> int | None:
        return None if self.estimate is None else self.estimate - self.disbursed

    @property
    def rate(self) -> float | None:
        return self.disbursed / self.estimate if self.estimate else None


@dataclass(frozen=True)
class PeriodBudget:
    """A period's budget as every view shows it: the lines of its budget year (the
    calendar year) with what was paid inside the report's data window ("trong kỳ") and
    up to its data cut-off ("lũy kế"), and the totals of the top lines. Both end at the
    cut-off, so the report reads the same whatever day it is printed."""

    year: int
    since: date  # "trong kỳ": paid from this day (the period's first day of data)
    as_of: date  # "lũy kế": paid up to this day (its data cut-off)
    rows: list[BudgetRow]

    @property
    def estimate(self) -> int | None:
        return table_totals(self.rows)[0]

    @property
    def disbursed(self) -> int:
        return table_totals(self.rows)[1]

    @property
    def in_period(self) -> int:
        return sum(r.in_period for r in self.rows if r.depth == 0)

    @property
    def remaining(self) -> int | None:
        estimate = self.estimate
        return None if estimate is None else estimate - self.disbursed

    @property
    def rate(self) -> float | None:
        return self.disbursed / self.estimate if self.estimate else None

    def by_source(self) -> list[tuple[str, int | None, int]]:
        """(Funding source, estimate, paid to the cut-off) of the top lines of each source,
        in the order the lines come: recurrent money and public investment are reported
        apart, whatever the grand total says."""
        sources: dict[str, list[BudgetRow]] = {}
        for row in self.rows:
            if row.depth == 0:
                sources.setdefault(row.line.funding_source, []).append(row)
        return [(source, *table_totals(rows)) for source, rows in sources.items()]


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
        paid = self._paid_on(paid_on)
        if not _is_dong(amount) or amount == 0:
            raise InvalidInput("Số tiền giải ngân phải là số đồng nguyên khác 0.")
        with self.ws.change(f"Ghi giải ngân ngày {paid:%d/%m/%Y}"):
            line = self.line(line_id)
            self.ws.locks.refuse_payment(line.plan_id, paid)
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
            self._one("SELECT * FROM disbursements WHERE id = ?", [disbursement_id])
        )

    def _paid_on(self, paid_on: date | str) -> date:
        """A payment's date: given, and not after today (money is recorded once paid)."""
        paid = to_date(paid_on, "Ngày giải ngân")
        if paid is None:
            raise InvalidInput("Cần ngày giải ngân.")
        today = self.ws.today()
        if paid > today:
            raise InvalidInput(
                f"Ngày giải ngân {paid:%d/%m/%Y} chưa tới (hôm nay là {today:%d/%m/%Y}): "
                "chỉ ghi khoản đã chi."
            )
        return paid

    def update_line(
        self,
        line_id: int,
        *,
        code: str,
        title: str,
        funding_source: str = "",
        estimate: int | None = None,
    ) -> BudgetLine:
        """Change a line's code, title, funding source and own estimate, in one change."""
        code, title = clean(code), clean(title)
        if not code or not title:
            raise InvalidInput("Dòng dự toán cần có số thứ tự và nội dung.")
        with self.ws.change(f"Sửa dòng dự toán {code}"):
            self.set_estimate(line_id, estimate)
            line = self.line(line_id)
            if self._scalar(
                "SELECT 1 FROM budget_lines "
                "WHERE plan_id = ? AND year = ? AND code = ? AND id <> ?",
                [line.plan_id, line.year, code, line_id],
            ):
                raise InvalidInput(f"Năm {line.year} đã có dòng dự toán mã «{code}».")
            self.db["budget_lines"].update(
                line_id, {"code": code, "title": title, "funding_source": clean(funding_source)}
            )
        return self.line(line_id)

    def move_line(self, line_id: int, step: int) -> BudgetLine:
        """Move a line up (-1) or down (+1) among the lines under the same parent."""
        with self.ws.change("Đổi thứ tự dòng dự toán"):
            line = self.line(line_id)
            self.ws.relabel(f"Đổi thứ tự dòng dự toán {line.code}")
            siblings = [
                other
                for other in self.lines(line.plan_id, line.year)
                if other.parent_id == line.parent_id
            ]
            index = next(i for i, other in enumerate(siblings) if other.id == line_id)
            if 0 <= index + step < len(siblings):
                other = siblings[index + step]
                self.db["budget_lines"].update(line.id, {"position": other.position})
                self.db["budget_lines"].update(other.id, {"position": line.position})
        return self.line(line_id)

    def delete_line(self, line_id: int) -> None:
        """Delete a line with its sub-lines and their payments (the caller asks first)."""
        with self.ws.change("Xóa dòng dự toán"):
            line = self.line(line_id)
            self.ws.relabel(f"Xóa dòng dự toán {line.code} năm {line.year}")
            self.db["budget_lines"].delete(line_id)

    def update_disbursement(
        self,
        disbursement_id: int,
        paid_on: date | str,
        amount: int,
        reference: str = "",
        note: str = "",
    ) -> Disbursement:
        paid = self._paid_on(paid_on)
        if not _is_dong(amount) or amount == 0:
            raise InvalidInput("Số tiền giải ngân phải là số đồng nguyên khác 0.")
        with self.ws.change(f"Sửa giải ngân ngày {paid:%d/%m/%Y}"):
            old = self._disbursement_row(disbursement_id)
            plan_id = self.line(old["budget_line_id"]).plan_id
            self.ws.locks.refuse_payment(plan_id, date.fromisoformat(old["paid_on"]), paid)
            others = self._scalar(
                "SELECT coalesce(sum(amount), 0) FROM disbursements "
                "WHERE budget_line_id = ? AND id <> ?",
                [old["budget_line_id"], disbursement_id],
            )
            if others + amount < 0:
                raise InvalidInput("Tổng giải ngân của một dòng không thể âm.")
            self.db["disbursements"].update(
                disbursement_id,
                {
                    "paid_on": paid.isoformat(),
                    "amount": amount,
                    "reference": clean(reference),
                    "note": clean(note),
                },
            )
        return _disbursement(self._disbursement_row(disbursement_id))

    def delete_disbursement(self, disbursement_id: int) -> None:
        with self.ws.change("Xóa giải ngân"):
            old = self._disbursement_row(disbursement_id)
            plan_id = self.line(old["budget_line_id"]).plan_id
            self.ws.locks.refuse_payment(plan_id, date.fromisoformat(old["paid_on"]))
            remaining = self._scalar(
                "SELECT coalesce(sum(amount), 0) FROM disbursements "
                "WHERE budget_line_id = ? AND id <> ?",
                [old["budget_line_id"], disbursement_id],
            )
            if remaining < 0:
                raise InvalidInput(
                    "Xóa khoản này thì tổng giải ngân của dòng thành số âm; "
                    "hãy xóa khoản thu hồi trước."
                )
            self.db["disbursements"].delete(disbursement_id)

    def _disbursement_row(self, disbursement_id: int) -> dict:
        row = self._one("SELECT * FROM disbursements WHERE id = ?", [disbursement_id])
        if row is None:
            raise NotFound(f"Không tìm thấy khoản giải ngân có mã {disbursement_id}.")
        return row

    def disbursements(self, line_id: int) -> list[Disbursement]:
        rows = self._rows(
            "SELECT * FROM disbursements WHERE budget_line_id = ? ORDER BY paid_on, id", [line_id]
        )
        return [_disbursement(r) for r in rows]

    def table(
        self, plan_id: int, year: int, as_of: date | None = None, since: date | None = None
    ) -> list[BudgetRow]:
        """The budget as a tree in printed order, group lines summing their children;
        paid up to `as_of`, and of that, paid from `since` (a period's first day)."""
        lines = self.lines(plan_id, year)
        paid_rows = self._rows(
            "SELECT d.budget_line_id AS id, sum(d.amount) AS paid, "
            "total(CASE WHEN d.paid_on >= ? THEN d.amount END) AS recent FROM disbursements d "
            "JOIN budget_lines b ON b.id = d.budget_line_id "
            "WHERE b.plan_id = ? AND b.year = ? AND d.paid_on <= ? GROUP BY d.budget_line_id",
            [(since or date.min).isoformat(), plan_id, year, (as_of or date.max).isoformat()],
        )
        paid = {r["id"]: (r["paid"], int(r["recent"])) for r in paid_rows}
        children: dict[int | None, list[BudgetLine]] = {}
        for line in lines:
            children.setdefault(line.parent_id, []).append(line)

        rows: list[BudgetRow] = []

        def visit(line: BudgetLine, depth: int) -> tuple[int | None, int, int]:
            index = len(rows)
            rows.append(BudgetRow(line, depth, None, 0))
            kids = children.get(line.id, [])
            if kids:
                totals = [visit(kid, depth + 1) for kid in kids]
                estimate = _sum([t[0] for t in totals])
                disbursed, recent = sum(t[1] for t in totals), sum(t[2] for t in totals)
            else:
                estimate = line.estimate
                disbursed, recent = paid.get(line.id, (0, 0))
            rows[index] = BudgetRow(line, depth, estimate, disbursed, recent)
            return estimate, disbursed, recent

        for top in children.get(None, []):
            visit(top, 0)
        return rows

    def for_period(self, plan_id: int, period: Period) -> PeriodBudget:
        """The budget of `period`'s year within the period's data window (PeriodBudget)."""
        since, as_of = period.data_from, period.data_to
        rows = self.table(plan_id, period.id.year, as_of=as_of, since=since)
        return PeriodBudget(period.id.year, since, as_of, rows)

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
