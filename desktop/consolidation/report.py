"""The consolidated report of a period across the offices received (their latest lần),
as one document model written as PDF or XLSX like every other document.

Biểu 1 who sent; Biểu 2 tasks by state per office; Biểu 3 overdue tasks by lead unit
across offices (what NQ 57 monitoring counts); Biểu 4 indicators by code across
offices, with the total or the average where the unit allows it; Biểu 5 budget per
office. Everything comes from the packages' own data (du_lieu.json).

A province may receive thousands of packages: each is read once, in turn, and folded
into the tables' own small accumulators, so no more than one package's data is held."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from desktop.consolidation.matrix import LABELS, matrix, shown_time
from desktop.consolidation.store import stored_data
from desktop.documents.model import Column, Document, Kind, Row, RowKind, Table
from desktop.domain.indicator_progress import OUTLOOK_LABELS, Outlook
from desktop.domain.periods import PeriodId
from desktop.domain.targets import VERDICT_LABELS, Verdict
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.vietnamese.collation import sort_key
from desktop.vietnamese.numbers import DONG_PER_TRIEU
from desktop.vietnamese.text import fold
from desktop.workspace import Workspace

SUMMED_UNITS = {"", "nhiem vu", "san pham", "ho so", "don vi", "nguoi", "diem", "co so"}
AVERAGED_UNITS = {"%", "ty le", "ty le %", "phan tram"}


def _counted(ws: Workspace, period_id: str) -> Iterator[tuple[str, dict]]:
    """(office title, du_lieu.json) of each office's latest lần for the period, in
    Vietnamese order of the offices, one at a time; a lần returned for correction is
    not counted (Biểu 1 shows it returned)."""
    offices = {o.id: o for o in ws.receiving.roster()}
    latest = [found for found in ws.receiving.latest(period_id).values() if not found.returned]
    latest.sort(key=lambda found: sort_key(offices[found.received.roster_id].heading))
    for found in latest:
        yield offices[found.received.roster_id].heading, stored_data(ws, found.received)


def _sent_table(ws: Workspace, period_id: str) -> Table:
    rows = []
    for row in matrix(ws, period_id):
        claimed = shown_time(row.submitted_at) + (" (xa lúc nhận)" if row.claim_note else "")
        rows.append(
            Row(
                (
                    row.office.heading,
                    LABELS[row.standing],
                    row.sequence,
                    shown_time(row.received_at),
                    claimed,
                    row.days_late or None,
                )
            )
        )
    columns = (
        Column("Đơn vị", 40),
        Column("Tình trạng", 18),
        Column("Lần", 8, Kind.INTEGER),
        Column("Thời điểm nhận", 18),
        Column("Thời điểm ký (gói ghi)", 22),
        Column("Số ngày trễ", 12, Kind.INTEGER),
    )
    return Table(
        "Biểu 1", "TÌNH HÌNH GỬI BÁO CÁO", "", columns, tuple(rows), sheet_name="Gửi báo cáo"
    )


class _States:
    """Biểu 2: each office's task counts by derived state, and their totals."""

    states = tuple(TaskState)

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.totals = [0] * (len(self.states) + 1)

    def add(self, title: str, content: dict) -> None:
        counts = [content["summary"].get(s.value, 0) for s in self.states]
        counts.append(sum(counts))
        self.totals = [a + b for a, b in zip(self.totals, counts, strict=True)]
        self.rows.append(Row((title, *counts)))

    def table(self) -> Table:
        rows = (*self.rows, Row(("Tổng cộng", *self.totals), RowKind.TOTAL))
        columns = (
            Column("Đơn vị", 30),
            *(Column(STATE_LABELS[s], 13, Kind.INTEGER) for s in self.states),
            Column("Tổng số", 10, Kind.INTEGER),
        )
        return Table(
            "Biểu 2", "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ", "", columns, rows,
            sheet_name="Nhiệm vụ",
        )  # fmt: skip


def owners_of(task: dict) -> list[str]:
    """Who answers for an office's task, as it said: the unit it named to lead, else
    each printed lead, a group labelled as tasked together (packages before these
    fields give the printed leads)."""
    if task.get("named_lead"):
        return [task["named_lead"]]
    shared = set(task.get("shared_leads", ()))
    owners = [f"{u} (giao chung)" if u in shared else u for u in task["lead"]]
    return owners or ["(không ghi cơ quan chủ trì)"]


class _Overdue:
    """Biểu 3: overdue tasks by lead unit across offices."""

    def __init__(self) -> None:
        self.by_unit: dict[str, list[str]] = defaultdict(list)

    def add(self, title: str, content: dict) -> None:
        for task in content["tasks"]:
            if task["state"] == TaskState.OVERDUE.value:
                for unit in owners_of(task):
                    self.by_unit[unit].append(f"{title}: {task['code']}")

    def table(self) -> Table:
        rows = [
            Row((unit, len(items), "; ".join(items)))
            for unit, items in sorted(self.by_unit.items(), key=lambda i: (-len(i[1]), i[0]))
        ]
        if not rows:
            rows = [Row(("Không có nhiệm vụ quá hạn.",), RowKind.SECTION)]
        columns = (
            Column("Cơ quan chủ trì", 36),
            Column("Số nhiệm vụ quá hạn", 14, Kind.INTEGER),
            Column("Đơn vị: nhiệm vụ", 80),
        )
        return Table(
            "Biểu 3", "NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH THEO CƠ QUAN CHỦ TRÌ", "", columns,
            tuple(rows), sheet_name="Quá hạn",
        )  # fmt: skip


def _code_order(code: str) -> list[tuple[int, int | str]]:
    """'4.2' before '10.1': numbers as numbers."""
    return [(0, int(p)) if p.isdigit() else (1, p) for p in code.split(".")]


@dataclass
class _Indicator:
    name: str
    unit: str
    rows: list[Row] = field(default_factory=list)
    values: list[float] = field(default_factory=list)


def _shown(indicator: dict) -> str:
    if verdict := indicator["verdict"]:
        return VERDICT_LABELS[Verdict(verdict)]
    return OUTLOOK_LABELS[Outlook(outlook)] if (outlook := indicator["outlook"]) else ""


class _Indicators:
    """Biểu 4: each indicator (by code and name: codes restart in each group of a plan)
    with every office's value and verdict, then the total or the average."""

    def __init__(self) -> None:
        self.by_code: dict[tuple[str, str], _Indicator] = {}

    def add(self, title: str, content: dict) -> None:
        for indicator in content["indicators"]:
            key = (indicator["code"], fold(indicator["name"]))
            if (found := self.by_code.get(key)) is None:
                found = self.by_code[key] = _Indicator(indicator["name"], indicator["unit"])
            value = indicator["value"]
            shown = value if value is not None else indicator["value_text"]
            found.rows.append(Row((title, shown, _shown(indicator))))
            if value is not None:
                found.values.append(value)

    def table(self) -> Table:
        rows = []
        for (code, _), found in sorted(self.by_code.items(), key=lambda i: _code_order(i[0][0])):
            unit_name = found.unit or "không ghi đơn vị"
            rows.append(Row((f"{code}. {found.name} ({unit_name})",), RowKind.SECTION))
            rows.extend(found.rows)
            unit, values = fold(found.unit), found.values
            if values and unit in AVERAGED_UNITS:
                rows.append(Row(("Trung bình", sum(values) / len(values), ""), RowKind.TOTAL))
            elif values and unit in SUMMED_UNITS:
                rows.append(Row(("Tổng cộng", sum(values), ""), RowKind.TOTAL))
        columns = (Column("Chỉ tiêu / đơn vị", 60), Column("Kết quả", 18), Column("Đánh giá", 30))
        return Table(
            "Biểu 4", "KẾT QUẢ CÁC CHỈ TIÊU THEO ĐƠN VỊ", "", columns, tuple(rows),
            sheet_name="Chỉ tiêu",
        )  # fmt: skip


class _Budget:
    """Biểu 5: each office's budget estimate, paid in the period and to date (its top
    lines: the sub-lines are already in them), and the totals."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.totals = [0, 0, 0]

    def add(self, title: str, content: dict) -> None:
        top = [b for b in content["budget"] if "." not in b["code"]]
        if not top:
            return
        estimate = sum(b["estimate"] or 0 for b in top)
        recent = sum(b["paid_in_period"] for b in top)
        paid = sum(b["paid_to_date"] for b in top)
        self.totals = [self.totals[0] + estimate, self.totals[1] + recent, self.totals[2] + paid]
        rate = paid / estimate if estimate else None
        self.rows.append(Row((title, estimate / DONG_PER_TRIEU, recent / DONG_PER_TRIEU,
                              paid / DONG_PER_TRIEU, rate)))  # fmt: skip

    def table(self) -> Table | None:
        if not self.rows:
            return None
        totals = self.totals
        rate = totals[2] / totals[0] if totals[0] else None
        total = Row(("Tổng cộng", *(t / DONG_PER_TRIEU for t in totals), rate), RowKind.TOTAL)
        columns = (
            Column("Đơn vị", 36),
            Column("Dự toán", 16, Kind.MONEY),
            Column("Giải ngân trong kỳ", 16, Kind.MONEY),
            Column("Lũy kế giải ngân", 16, Kind.MONEY),
            Column("Tỷ lệ", 10, Kind.PERCENT),
        )
        return Table(
            "Biểu 5", "DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ THEO ĐƠN VỊ", "", columns,
            (*self.rows, total), unit_line="Đơn vị tính: triệu đồng", sheet_name="Kinh phí",
        )  # fmt: skip


def consolidated(ws: Workspace, period_id: str) -> Document:
    office = ws.office.get()
    label = PeriodId.parse(period_id).label
    states, overdue, indicators, budget = _States(), _Overdue(), _Indicators(), _Budget()
    for title, content in _counted(ws, period_id):
        for part in (states, overdue, indicators, budget):
            part.add(title, content)
    reference = (
        f"(Tổng hợp từ {len(states.rows)} gói báo cáo {label} đã nhận và kiểm tra; gói bị "
        "trả lại để chỉnh sửa không tính)"
    )
    sent = replace(
        _sent_table(ws, period_id),
        title=f"TỔNG HỢP KẾT QUẢ THỰC HIỆN {label.upper()}: TÌNH HÌNH GỬI BÁO CÁO",
        reference=reference,
    )
    tables = [sent, states.table(), overdue.table(), indicators.table(), budget.table()]
    return Document(
        file_title=f"Tổng hợp báo cáo {label}",
        author=office.committee if office else "",
        appendices=(sent, *(replace(t, new_page=False) for t in tables[1:] if t is not None)),
    ).normalised()
