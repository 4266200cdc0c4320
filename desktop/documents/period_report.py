"""Báo cáo kết quả thực hiện kế hoạch for a reporting period, as a document model.

Everything in it comes from the status the window shows (the same counts, the same
states), the budget table and the progress reports of the period. Three appendices:
I the tasks, II the indicators, III the budget in triệu đồng.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from desktop.documents.model import (
    Column,
    Document,
    Header,
    Kind,
    Letter,
    Paragraph,
    Row,
    RowKind,
    Signature,
    Table,
)
from desktop.domain.indicator_progress import OUTLOOK_LABELS, IndicatorResult
from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.domain.targets import VERDICT_LABELS
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.errors import InvalidInput
from desktop.reports.status import StatusReport, build_status
from desktop.services.budget import PeriodBudget
from desktop.services.document_settings import NUMBER_SUFFIX, DocumentSettings, locality_title
from desktop.vietnamese.numbers import DONG_PER_TRIEU, format_number, format_trieu
from desktop.workspace import Workspace

GAP = "\u00a0"  # the room left for the văn thư to write in: spaces that do not collapse


def vietnamese_date(day: date) -> str:
    """'ngày 05 tháng 02 năm 2026', 'ngày 20 tháng 11 năm 2025' (NĐ 30: a leading zero
    for days under 10 and for January and February)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _header(ws: Workspace, settings: DocumentSettings, today: date) -> Header:
    office = ws.office.required()
    blank = settings.leave_blank or not settings.number
    number = f"Số:{GAP * 10}{NUMBER_SUFFIX}" if blank else f"Số: {settings.number}{NUMBER_SUFFIX}"
    if settings.leave_blank:
        when = f"ngày{GAP * 6}tháng{GAP * 6}năm {today.year}"
    else:
        when = vietnamese_date(today)
    return Header("ỦY BAN NHÂN DÂN", locality_title(office), number, f"{settings.place}, {when}")


def _count_line(report: StatusReport) -> str:
    counts = report.task_counts
    one_off = ", ".join(
        f"{counts[s]} {STATE_LABELS[s].lower()}"
        for s in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE, TaskState.OVERDUE, TaskState.NOT_DUE)
    )
    ongoing = counts[TaskState.ONGOING] + counts[TaskState.ONGOING_UNREPORTED]
    as_of, cutoff = report.judged_to, report.period.data_to
    early = "" if as_of == cutoff else f" (chưa đến ngày chốt số liệu {cutoff:%d/%m/%Y})"
    return (
        f"Kế hoạch có {len(report.tasks)} nhiệm vụ. Đến ngày {as_of:%d/%m/%Y}{early}: "
        f"{one_off}; {ongoing} nhiệm vụ thực hiện thường xuyên ({counts[TaskState.ONGOING]} "
        f"đã báo cáo trong kỳ, {counts[TaskState.ONGOING_UNREPORTED]} chưa báo cáo). "
        "Chi tiết tại Phụ lục I."
    )


def _completed(report: StatusReport) -> list[str]:
    period = report.period
    lines = []
    for item in report.tasks:
        for turn in item.occurrences:
            done = turn.completed_on
            if done and period.data_from <= done <= period.data_to:
                lines.append(
                    f"- {item.task.code}. {item.task.title} (hoàn thành ngày {done:%d/%m/%Y}"
                    + ("" if turn.state is TaskState.DONE_ON_TIME else ", quá hạn")
                    + ")."
                )
    return lines


def _overdue_by_unit(report: StatusReport) -> list[str]:
    return [
        f"- {t.label}: {len(t.overdue)} nhiệm vụ ({', '.join(t.overdue)})."
        for t in report.units
        if t.overdue
    ]


def _indicator_line(report: StatusReport) -> str:
    if not report.indicators:
        return "Kế hoạch không có chỉ tiêu."
    parts = []
    verdicts = report.verdict_counts
    if verdicts:
        listed = ", ".join(f"{n} {VERDICT_LABELS[v].lower()}" for v, n in verdicts.items() if n)
        year = report.period.id.year
        parts.append(f"{verdicts.total()} chỉ tiêu có mục tiêu năm {year}: {listed}")
    outlooks = report.outlook_counts
    if outlooks:
        listed = ", ".join(f"{n} {OUTLOOK_LABELS[o].lower()}" for o, n in outlooks.items() if n)
        parts.append(f"{outlooks.total()} chỉ tiêu hướng tới mốc sau: {listed}")
    return (
        f"Kế hoạch có {len(report.indicators)} chỉ tiêu; "
        + "; ".join(parts)
        + (". Chi tiết tại Phụ lục II.")
    )


def _trieu(amount: int | None) -> float | None:
    return None if amount is None else amount / DONG_PER_TRIEU


def _money_text(amount: int | None) -> str:
    if amount is None:
        return "chưa bố trí"
    return f"{format_trieu(amount)} triệu đồng"


def _sources_text(budget: PeriodBudget) -> str:
    """Each funding source on its own when there are several (' Theo nguồn: …')."""
    sources = budget.by_source()
    if len(sources) < 2:
        return ""
    parts = []
    for source, estimate, paid in sources:
        rate = f" ({format_number(100 * paid / estimate, 1)}%)" if estimate else ""
        spent = f"giải ngân {_money_text(paid)}{rate}" if paid else "chưa giải ngân"
        parts.append(f"{source or 'chưa ghi nguồn'}: dự toán {_money_text(estimate)}, {spent}")
    return " Theo nguồn kinh phí: " + "; ".join(parts) + "."


def _budget(ws: Workspace, plan: Plan, period: Period) -> tuple[str, Table | None]:
    budget = ws.budget.for_period(plan.id, period)
    year, rows = budget.year, budget.rows
    if not rows:
        return f"Kế hoạch chưa có dự toán kinh phí năm {year}.", None
    estimate, paid, recent = budget.estimate, budget.disbursed, budget.in_period
    rate = f" ({format_number(100 * budget.rate, 1)}%)" if budget.rate is not None else ""
    remaining = f"; còn lại: {_money_text(budget.remaining)}" if estimate is not None else ""
    text = (
        f"Dự toán năm {year}: {_money_text(estimate)}; giải ngân đến ngày chốt số liệu "
        f"{budget.as_of:%d/%m/%Y}: {_money_text(paid)}{rate}, trong đó trong kỳ (từ ngày "
        f"{budget.since:%d/%m/%Y}): {_money_text(recent)}{remaining}.{_sources_text(budget)}"
        " Chi tiết tại Phụ lục III."
    )
    table_rows = [
        Row(
            (
                r.line.code,
                ("    " * r.depth) + r.line.title,
                r.line.funding_source,
                _trieu(r.estimate),
                _trieu(r.in_period),
                _trieu(r.disbursed),
                _trieu(r.remaining),
                r.rate,
            )
        )
        for r in rows
    ]
    totals = (
        "", "Tổng cộng", "", _trieu(estimate), _trieu(recent), _trieu(paid),
        _trieu(budget.remaining), budget.rate,
    )  # fmt: skip
    table_rows.append(Row(totals, RowKind.TOTAL))
    columns = (
        Column("STT", 7),
        Column("Nội dung", 35),
        Column("Nguồn kinh phí", 16),
        Column("Dự toán", 11, Kind.MONEY),
        Column("Giải ngân trong kỳ", 11, Kind.MONEY),
        Column("Lũy kế giải ngân", 11, Kind.MONEY),
        Column("Còn lại", 11, Kind.MONEY),
        Column("Tỷ lệ giải ngân", 10, Kind.PERCENT),
    )
    table = Table(
        "Phụ lục III",
        f"TÌNH HÌNH DỰ TOÁN VÀ GIẢI NGÂN KINH PHÍ NĂM {year}",
        "",
        columns,
        tuple(table_rows),
        unit_line="Đơn vị tính: triệu đồng",
        sheet_name="PL III Kinh phí",
    )
    return text, table


def _gathered(report: StatusReport, field: str) -> list[str]:
    """Difficulties or proposals from the reports that fall in the period's window."""
    period = report.period
    lines = []
    for item in report.tasks:
        latest = item.latest
        if latest is None or not getattr(latest, field):
            continue
        if latest.period_id != period.key and not item.reported:
            continue
        lines.append(f"- {item.task.code}: {getattr(latest, field)}")
    return lines


def _next_period(ws: Workspace, plan: Plan, report: StatusReport) -> list[str]:
    following = ws.periods.get(report.period.id.following(), plan.id)
    upcoming = ws.progress.overview(plan.id, following)
    lines = []
    for item in upcoming:
        for turn in item.occurrences:
            due = turn.occurrence.due
            if due and report.period.data_to < due <= following.data_to and not turn.completed_on:
                lines.append(f"- {item.task.code}. {item.task.title} (hạn {due:%d/%m/%Y}).")
    return lines


def _task_table(report: StatusReport, sections: dict[int, str], reference: str) -> Table:
    rows: list[Row] = []
    section = None
    for item in report.tasks:
        if item.task.section_id != section:
            section = item.task.section_id
            rows.append(Row((sections.get(section, ""),), RowKind.SECTION))
        rows.append(
            Row(
                (
                    item.task.code,
                    item.task.title,
                    item.task.lead_names,
                    item.task.coordinator_names,
                    item.task.deadline.text,
                    item.task.expected_product,
                    item.state_label,
                    item.latest.result if item.latest else "",
                )
            )
        )
    columns = (
        Column("STT", 11),  # room for '10.100' on one line
        Column("Nhiệm vụ", 42),
        Column("Cơ quan chủ trì", 20),
        Column("Cơ quan phối hợp", 20),
        Column("Thời gian hoàn thành", 16),  # '2025-2030' on one line
        Column("Sản phẩm", 14),
        Column("Tình trạng", 15),
        Column("Kết quả thực hiện", 34),
    )
    return Table(
        "Phụ lục I",
        f"TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ {report.period.label.upper()}",
        reference,
        columns,
        tuple(rows),
        sheet_name="PL I Nhiệm vụ",
    )


def _indicator_cells(result: IndicatorResult, year: int) -> tuple:
    indicator = result.indicator
    target = indicator.target_for(year)
    target_text = f"{target[1].text} (năm {target[0]})" if target else ""
    value = result.value
    figure: float | str = ""
    if value is not None:  # the figure as a number where there is one, else its wording
        figure = value.value if value.value is not None else value.value_text
    if result.verdict is not None:
        verdict = VERDICT_LABELS[result.verdict]
    elif result.outlook is not None:
        verdict = OUTLOOK_LABELS[result.outlook]
    else:
        verdict = ""
    return (indicator.code, indicator.name, indicator.unit_of_measure, target_text, figure, verdict)


def _indicator_table(ws: Workspace, plan: Plan, report: StatusReport, reference: str) -> Table:
    groups = {g.id: g for g in ws.indicators.groups(plan.id)}
    rows: list[Row] = []
    group = None
    for result in report.indicators:
        if result.indicator.group_id != group:
            group = result.indicator.group_id
            found = groups.get(group)
            rows.append(Row((f"{found.code}. {found.title}" if found else "",), RowKind.SECTION))
        rows.append(Row(_indicator_cells(result, report.period.id.year)))
    columns = (
        Column("STT", 7),
        Column("Chỉ tiêu", 52),
        Column("Đơn vị tính", 12),
        Column("Mục tiêu", 22),
        Column("Kết quả đến kỳ này", 16, Kind.TEXT),
        Column("Đánh giá", 22),
    )
    return Table(
        "Phụ lục II",
        f"KẾT QUẢ THỰC HIỆN CHỈ TIÊU {report.period.label.upper()}",
        reference,
        columns,
        tuple(rows),
        sheet_name="PL II Chỉ tiêu",
    )


def period_report(
    ws: Workspace,
    plan: Plan,
    period: Period,
    changes: list[str] | None = None,
    report: StatusReport | None = None,
) -> Document:
    """The report for `period`, or an InvalidInput naming the settings it still needs.
    `changes`: a resubmission's changes since the report sent before (its own section).
    `report`: the period's status when the caller has counted it already."""
    settings = ws.document_settings.get()
    office = ws.office.required()  # the header's 'PHƯỜNG …' and the committee come from it
    if missing := settings.missing():
        raise InvalidInput(
            "Chưa đủ thông tin để lập văn bản, thiếu: " + ", ".join(missing) + ". Đặt trong "
            "cửa sổ (Văn bản → Thông tin trên văn bản…) hoặc bằng lệnh settings, ví dụ: "
            'settings --signer-name "Nguyễn Văn A".'
        )
    committee = office.committee
    today = ws.today()
    report = report or build_status(ws, plan, period)
    sections = {s.id: f"{s.code}. {s.title}" for s in ws.plans.sections(plan.id)}
    header = _header(ws, settings, today)
    number = "" if settings.leave_blank else settings.number
    dated = "" if settings.leave_blank else f" {vietnamese_date(today)}"
    reference = f"(Kèm theo Báo cáo số {number or GAP * 6}{NUMBER_SUFFIX}{dated} của {committee})"
    budget_text, budget_table = _budget(ws, plan, period)
    reported = any(item.reported for item in report.tasks)  # a report in this period
    body: list[Paragraph] = [
        Paragraph(
            f"Thực hiện {plan.title} của {plan.issuer} về {plan.summary[:1].lower()}"
            f"{plan.summary[1:]}, {committee} báo cáo kết quả thực hiện {period.label} "
            f"(số liệu từ ngày {period.data_from:%d/%m/%Y} đến ngày {period.data_to:%d/%m/%Y}) "
            "như sau:"
        ),
        Paragraph("I. KẾT QUẢ THỰC HIỆN", heading=True),
        Paragraph("1. Tiến độ thực hiện nhiệm vụ", heading=True),
        Paragraph(_count_line(report)),
    ]
    if not reported:
        body.append(Paragraph("Trong kỳ chưa có báo cáo tiến độ nào được ghi nhận."))
    completed = _completed(report)
    done_heading = "Nhiệm vụ hoàn thành trong kỳ:"
    body.append(
        Paragraph(done_heading if completed else "Trong kỳ chưa có nhiệm vụ nào hoàn thành.")
    )
    body += [Paragraph(line) for line in completed]
    overdue = _overdue_by_unit(report)
    if overdue:
        body.append(Paragraph("Nhiệm vụ quá hạn chưa hoàn thành theo cơ quan chủ trì:"))
        body += [Paragraph(line) for line in overdue]
    body += [
        Paragraph("2. Thực hiện các chỉ tiêu", heading=True),
        Paragraph(_indicator_line(report)),
        Paragraph("3. Kinh phí thực hiện", heading=True),
        Paragraph(budget_text),
    ]
    for title, field in (
        ("II. KHÓ KHĂN, VƯỚNG MẮC", "difficulties"),
        ("III. ĐỀ XUẤT, KIẾN NGHỊ", "proposals"),
    ):
        body.append(Paragraph(title, heading=True))
        lines = _gathered(report, field)
        body += [Paragraph(line) for line in lines] or [Paragraph("Không có.")]
    body.append(Paragraph("IV. NHIỆM VỤ KỲ TỚI", heading=True))
    ahead = _next_period(ws, plan, report)
    body += [Paragraph(line) for line in ahead] or [
        Paragraph("Không có nhiệm vụ đến hạn trong kỳ tới; tiếp tục các nhiệm vụ thường xuyên.")
    ]
    if changes is not None:
        body.append(Paragraph("V. NHỮNG THAY ĐỔI SO VỚI BÁO CÁO LẦN TRƯỚC", heading=True))
        body += [Paragraph(f"- {line}") for line in changes] or [
            Paragraph("Không có thay đổi về số liệu; gửi lại theo lý do đã nêu.")
        ]
    body.append(
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện {plan.title} {period.label} của {committee}./."
        )
    )
    appendices = [
        _task_table(report, sections, reference),
        _indicator_table(ws, plan, report, reference),
    ]
    if budget_table is not None:
        appendices.append(replace(budget_table, reference=reference))
    letter = Letter(
        header=header,
        kind_title="BÁO CÁO",
        summary=f"Kết quả thực hiện {plan.title} {period.label}",
        addressee=f"Kính gửi: {settings.addressee}.",
        body=tuple(body),
        recipients=(*(settings.recipients or ("- Như trên;",)), "- Lưu: VT."),
        signature=Signature(settings.authority, settings.signer_name),
    )
    return Document(
        file_title=f"Báo cáo {period.label} — {plan.title}",
        author=header.agency,
        letter=letter,
        appendices=tuple(appendices),
    ).normalised()
