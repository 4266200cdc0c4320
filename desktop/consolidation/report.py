"""The consolidated report of a period across the offices received (their latest lần),
as one document model written as PDF or XLSX like every other document.

Biểu 1 who sent; Biểu 2 tasks by state per office; Biểu 3 overdue tasks by lead unit
across offices (what NQ 57 monitoring counts); Biểu 4 indicators by code across
offices, with the total or the average where the unit allows it; Biểu 5 budget per
office. Everything comes from the packages' own data (du_lieu.json)."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace

from desktop.collation import sort_key
from desktop.consolidation.matrix import LABELS, matrix
from desktop.documents.model import Column, Document, Kind, Row, RowKind, Table
from desktop.indicator_progress import OUTLOOK_LABELS, Outlook
from desktop.numbers import DONG_PER_TRIEU
from desktop.package import asice
from desktop.package.build import DATA_JSON
from desktop.periods import PeriodId
from desktop.targets import VERDICT_LABELS, Verdict
from desktop.task_state import STATE_LABELS, TaskState
from desktop.text import fold
from desktop.workspace import Workspace

SUMMED_UNITS = {"", "nhiem vu", "san pham", "ho so", "don vi", "nguoi", "diem", "co so"}
AVERAGED_UNITS = {"%", "ty le", "ty le %", "phan tram"}


def _packages(ws: Workspace, period_id: str) -> list[tuple[str, dict]]:
    """(office title, the parts of du_lieu.json the tables use) of each office's latest
    lần for the period: thousands of offices, so only what is needed is held."""
    offices = {o.id: o for o in ws.receiving.roster()}
    latest = {}
    for received in ws.receiving.for_period(period_id):
        latest[received.roster_id] = received
    found = []
    ordered = sorted(latest.items(), key=lambda item: sort_key(offices[item[0]].heading))
    for roster_id, received in ordered:
        data = (ws.path.parent / received.file).read_bytes()
        content = json.loads(asice.open_container(data).files[DATA_JSON])
        found.append((offices[roster_id].heading, _needed(content)))
    return found


INDICATOR_KEYS = ("code", "name", "unit", "value", "value_text", "verdict", "outlook")


def _needed(content: dict) -> dict:
    overdue = TaskState.OVERDUE.value
    return {
        "summary": content["summary"],
        "tasks": [
            {"code": t["code"], "lead": t["lead"], "state": t["state"]}
            for t in content["tasks"]
            if t["state"] == overdue
        ],
        "indicators": [{k: i[k] for k in INDICATOR_KEYS} for i in content["indicators"]],
        "budget": [b for b in content["budget"] if "." not in b["code"]],
    }


def _sent_table(ws: Workspace, period_id: str) -> Table:
    rows = []
    for row in matrix(ws, period_id):
        when = (row.submitted_at or "")[:16].replace("T", " ")
        rows.append(
            Row(
                (
                    row.office.heading,
                    LABELS[row.standing],
                    row.sequence,
                    when,
                    row.days_late or None,
                )
            )
        )
    columns = (
        Column("Đơn vị", 40),
        Column("Tình trạng", 18),
        Column("Lần", 8, Kind.INTEGER),
        Column("Thời điểm gửi", 22),
        Column("Số ngày trễ", 12, Kind.INTEGER),
    )
    return Table(
        "Biểu 1", "TÌNH HÌNH GỬI BÁO CÁO", "", columns, tuple(rows), sheet_name="Gửi báo cáo"
    )


def _state_table(packages: list[tuple[str, dict]]) -> Table:
    states = list(TaskState)
    rows, totals = [], [0] * (len(states) + 1)
    for title, content in packages:
        counts = [content["summary"].get(s.value, 0) for s in states]
        counts.append(sum(counts))
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append(Row((title, *counts)))
    rows.append(Row(("Tổng cộng", *totals), RowKind.TOTAL))
    columns = (
        Column("Đơn vị", 30),
        *(Column(STATE_LABELS[s], 13, Kind.INTEGER) for s in states),
        Column("Tổng số", 10, Kind.INTEGER),
    )
    return Table(
        "Biểu 2", "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THEO ĐƠN VỊ", "", columns, tuple(rows),
        sheet_name="Nhiệm vụ",
    )  # fmt: skip


def _overdue_table(packages: list[tuple[str, dict]]) -> Table:
    by_unit: dict[str, list[str]] = defaultdict(list)
    for title, content in packages:
        for task in content["tasks"]:
            if task["state"] == TaskState.OVERDUE.value:
                for unit in task["lead"] or ["(không ghi cơ quan chủ trì)"]:
                    by_unit[unit].append(f"{title}: {task['code']}")
    rows = [
        Row((unit, len(items), "; ".join(items)))
        for unit, items in sorted(by_unit.items(), key=lambda i: (-len(i[1]), i[0]))
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


def _indicator_table(packages: list[tuple[str, dict]]) -> Table:
    # Codes restart in each group of a plan: an indicator is its code and its name.
    by_code: dict[tuple[str, str], list[tuple[str, dict]]] = defaultdict(list)
    for title, content in packages:
        for indicator in content["indicators"]:
            by_code[indicator["code"], fold(indicator["name"])].append((title, indicator))
    rows = []
    for (code, _), found in sorted(by_code.items(), key=lambda item: _code_order(item[0][0])):
        first = found[0][1]
        unit_name = first["unit"] or "không ghi đơn vị"
        rows.append(Row((f"{code}. {first['name']} ({unit_name})",), RowKind.SECTION))
        values = []
        for title, indicator in found:
            value = indicator["value"]
            verdict = indicator["verdict"]
            outlook = indicator["outlook"]
            shown = (
                VERDICT_LABELS[Verdict(verdict)]
                if verdict
                else (OUTLOOK_LABELS[Outlook(outlook)] if outlook else "")
            )
            rows.append(
                Row((title, value if value is not None else indicator["value_text"], shown))
            )
            if value is not None:
                values.append(value)
        unit = fold(first["unit"])
        if values and unit in AVERAGED_UNITS:
            rows.append(Row(("Trung bình", sum(values) / len(values), ""), RowKind.TOTAL))
        elif values and unit in SUMMED_UNITS:
            rows.append(Row(("Tổng cộng", sum(values), ""), RowKind.TOTAL))
    columns = (Column("Chỉ tiêu / đơn vị", 60), Column("Kết quả", 18), Column("Đánh giá", 30))
    return Table(
        "Biểu 4", "KẾT QUẢ CÁC CHỈ TIÊU THEO ĐƠN VỊ", "", columns, tuple(rows),
        sheet_name="Chỉ tiêu",
    )  # fmt: skip


def _budget_table(packages: list[tuple[str, dict]]) -> Table | None:
    rows, totals = [], [0, 0, 0]
    for title, content in packages:
        top = [b for b in content["budget"] if "." not in b["code"]]
        if not top:
            continue
        estimate = sum(b["estimate"] or 0 for b in top)
        recent = sum(b["paid_in_period"] for b in top)
        paid = sum(b["paid_to_date"] for b in top)
        totals = [totals[0] + estimate, totals[1] + recent, totals[2] + paid]
        rate = paid / estimate if estimate else None
        rows.append(Row((title, estimate / DONG_PER_TRIEU, recent / DONG_PER_TRIEU,
                         paid / DONG_PER_TRIEU, rate)))  # fmt: skip
    if not rows:
        return None
    rate = totals[2] / totals[0] if totals[0] else None
    rows.append(Row(("Tổng cộng", *(t / DONG_PER_TRIEU for t in totals), rate), RowKind.TOTAL))
    columns = (
        Column("Đơn vị", 36),
        Column("Dự toán", 16, Kind.MONEY),
        Column("Giải ngân trong kỳ", 16, Kind.MONEY),
        Column("Lũy kế giải ngân", 16, Kind.MONEY),
        Column("Tỷ lệ", 10, Kind.PERCENT),
    )
    return Table(
        "Biểu 5", "DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ THEO ĐƠN VỊ", "", columns, tuple(rows),
        unit_line="Đơn vị tính: triệu đồng", sheet_name="Kinh phí",
    )  # fmt: skip


def consolidated(ws: Workspace, period_id: str) -> Document:
    office = ws.office.get()
    label = PeriodId.parse(period_id).label
    packages = _packages(ws, period_id)
    reference = f"(Tổng hợp từ {len(packages)} gói báo cáo {label} đã nhận và kiểm tra)"
    tables = [_sent_table(ws, period_id), _state_table(packages), _overdue_table(packages),
              _indicator_table(packages)]  # fmt: skip
    if budget := _budget_table(packages):
        tables.append(budget)
    tables[0] = replace(
        tables[0], title=f"TỔNG HỢP KẾT QUẢ THỰC HIỆN {label.upper()}: TÌNH HÌNH GỬI BÁO CÁO",
        reference=reference,
    )  # fmt: skip
    for index in range(1, len(tables)):
        tables[index] = replace(tables[index], new_page=False)
    return Document(
        file_title=f"Tổng hợp báo cáo {label}",
        author=office.committee if office else "",
        appendices=tuple(tables),
    ).normalised()
