"""Báo cáo kết quả thực hiện kế hoạch for a reporting period, as a document model.

Everything in it comes from the status the window shows (the same counts, the same
states), the budget table and the progress reports of the period. Three appendices:
I the tasks, II the indicators, III the budget in triệu đồng.
"""

from __future__ import annotations

import re
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
from desktop.documents.narrative import Narrative, narrative
from desktop.domain.indicator_progress import OUTLOOK_LABELS, IndicatorResult
from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.domain.targets import VERDICT_LABELS, Verdict
from desktop.errors import InvalidInput
from desktop.reports.status import StatusReport, build_status
from desktop.services.document_settings import NUMBER_SUFFIX, DocumentSettings, locality_title
from desktop.services.packages import PackageRecord
from desktop.vietnamese.numbers import DONG_PER_TRIEU
from desktop.workspace import Workspace

GAP = "\u00a0"  # the room left for the văn thư to write in: spaces that do not collapse
NBSP = "\u00a0"


def vietnamese_date(day: date) -> str:
    """'ngày 05 tháng 02 năm 2026', 'ngày 20 tháng 11 năm 2025' (NĐ 30: a leading zero
    for days under 10 and for January and February)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def blank_date(today: date) -> str:
    """'ngày … tháng … năm 2026' with room for the văn thư to write the day and month."""
    return f"ngày{GAP * 6}tháng{GAP * 6}năm {today.year}"


def _header(ws: Workspace, settings: DocumentSettings, today: date) -> Header:
    office = ws.office.required()
    blank = settings.leave_blank or not settings.number
    number = (
        f"Số:{GAP * 10}{NUMBER_SUFFIX}" if blank else f"Số: {settings.number_text()}{NUMBER_SUFFIX}"
    )
    when = blank_date(today) if settings.leave_blank else vietnamese_date(today)
    return Header("ỦY BAN NHÂN DÂN", locality_title(office), number, f"{settings.place}, {when}")


def _trieu(amount: int | None) -> float | None:
    return None if amount is None else amount / DONG_PER_TRIEU


def _budget(ws: Workspace, plan: Plan, period: Period) -> Table | None:
    budget = ws.budget.for_period(plan.id, period)
    year, rows = budget.year, budget.rows
    if not rows:
        return None
    estimate, paid, recent = budget.estimate, budget.disbursed, budget.in_period
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
    return table


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


def _group_heading(code: str, title: str) -> str:
    """'I. Chỉ tiêu về …': an import's own group codes ('PL1-I', 'PL2-IV') stay out of
    print, only the numbering the plan prints ('I') is kept."""
    printed = code.rsplit("-", 1)[-1].strip() if "-" in code else code
    return f"{printed}. {title}" if printed else title


def _indicator_cells(result: IndicatorResult, year: int) -> tuple:
    indicator = result.indicator
    target = indicator.target_for(year)
    target_text = f"{target[1].text} (năm {target[0]})" if target else ""
    value = result.value
    figure: float | str = ""
    if value is not None:  # the figure as a number where there is one, else its wording
        figure = value.value if value.value is not None else value.value_text
    if result.verdict is Verdict.NOT_ASSESSABLE:  # an internal state: nothing to print
        verdict = ""
    elif result.verdict is not None:
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
            rows.append(Row((_group_heading(found.code, found.title) if found else "",),
                            RowKind.SECTION))  # fmt: skip
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


def sentence_case(text: str) -> str:
    """A title imported in capitals ('VỀ DANH MỤC …') as a sentence ('Về danh mục …');
    any other text as it is."""
    letters = [ch for ch in text if ch.isalpha()]
    if letters and all(ch.isupper() for ch in letters):
        return text[:1] + text[1:].lower()
    return text


def _about(plan: Plan) -> str:
    """'về nâng cao …': the plan's summary in the middle of a sentence."""
    summary = sentence_case(plan.summary.strip())
    summary = summary[:1].lower() + summary[1:]
    return summary if summary.startswith("về ") else f"về {summary}"


def _kept_together(label: str) -> str:
    """'quý IV năm\u00a02025': a line never breaks before a lone year."""
    return re.sub(r"năm (\d{4})", f"năm{NBSP}\\1", label)


def _summary(plan: Plan, period: Period) -> str:
    """The trích yếu: 'Kết quả thực hiện Kế hoạch số … ngày … về … năm 2025'; a comma
    between a summary ending in its own year and the period ('… năm 2026, quý II năm
    2026')."""
    about = _about(plan)
    joint = ", " if re.search(r"\d{4}$", about) else " "
    return f"Kết quả thực hiện {plan.title} {about}{joint}{_kept_together(period.label)}"


_HEADING = re.compile(r"\d{1,2}\.\s")


def text_paragraphs(text: str) -> list[Paragraph]:
    """A part's text as paragraphs, one per line: a short numbered line without a final
    stop ('1. Tiến độ thực hiện nhiệm vụ') is a run-in heading, as the clerk typed it."""
    paragraphs = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        heading = bool(_HEADING.match(line)) and len(line) <= 100 and line[-1] not in ".:;"
        paragraphs.append(Paragraph(line, heading=heading))
    return paragraphs


def period_report(
    ws: Workspace,
    plan: Plan,
    period: Period,
    changes: list[str] | None = None,
    report: StatusReport | None = None,
    words: Narrative | None = None,
    replaces: PackageRecord | None = None,
) -> Document:
    """The report for `period`, or an InvalidInput naming the settings it still needs.
    `changes`: a resubmission's changes since `replaces`, the package sent before (its
    own part). `report` and `words`: the period's status and narrative when the caller
    has them already (submission.document builds both once for the document and the
    data)."""
    settings = ws.document_settings.get()
    office = ws.office.required()  # the header's 'PHƯỜNG …' and the committee come from it
    if missing := settings.missing():
        raise InvalidInput(
            "Chưa đủ thông tin để lập văn bản, thiếu: " + ", ".join(missing) + ".",
            window="Đặt ở Văn bản → Thông tin trên văn bản…",
            command='Đặt bằng lệnh settings, ví dụ: settings --signer-name "Nguyễn Văn A".',
        )
    committee = office.committee
    today = ws.today()
    report = report or build_status(ws, plan, period)
    words = words or narrative(ws, plan, period, report)
    sections = {s.id: f"{s.code}. {s.title}" for s in ws.plans.sections(plan.id)}
    header = _header(ws, settings, today)
    number = "" if settings.leave_blank else settings.number_text()
    dated = f" {blank_date(today) if settings.leave_blank else vietnamese_date(today)}"
    reference = f"(Kèm theo Báo cáo số {number or GAP * 6}{NUMBER_SUFFIX}{dated} của {committee})"
    budget_table = _budget(ws, plan, period)
    body: list[Paragraph] = [
        Paragraph(
            f"Thực hiện {plan.title} của {plan.issuer} {_about(plan)}, {committee} báo cáo "
            f"kết quả thực hiện {period.label} (số liệu từ ngày {period.data_from:%d/%m/%Y} "
            f"đến ngày {period.data_to:%d/%m/%Y}) như sau:"
        ),
        Paragraph("I. KẾT QUẢ ĐẠT ĐƯỢC", heading=True),
        *text_paragraphs(words["ket_qua"].text),
        Paragraph("II. ĐÁNH GIÁ CHUNG", heading=True),
    ]
    for number_, key in enumerate(("uu_diem", "han_che", "nguyen_nhan"), start=1):
        part = words[key]
        body.append(Paragraph(f"{number_}. {part.heading}", heading=True))
        body += text_paragraphs(part.text)
    for title, key in (
        ("III. KHÓ KHĂN, VƯỚNG MẮC", "kho_khan"),
        ("IV. ĐỀ XUẤT, KIẾN NGHỊ", "de_xuat"),
        ("V. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI", "phuong_huong"),
    ):
        body.append(Paragraph(title, heading=True))
        body += text_paragraphs(words[key].text)
    if changes is not None:
        body.append(Paragraph("VI. NHỮNG THAY ĐỔI SO VỚI BÁO CÁO LẦN TRƯỚC", heading=True))
        if replaces is not None:
            reason = ws.locks.last_reason(plan.id, period.key)
            why = f", vì: {reason.rstrip('.')}" if reason else ""
            body.append(
                Paragraph(
                    f"Báo cáo này thay thế báo cáo lần {replaces.sequence} đã gửi trong gói "
                    f"«{replaces.file_name}»{why}."
                )
            )
        body += [Paragraph(f"- {line}") for line in changes] or [
            Paragraph("Không có thay đổi về số liệu; gửi lại theo lý do đã nêu.")
        ]
    addressee = settings.addressee.rstrip(".")
    body.append(
        Paragraph(
            f"Trên đây là báo cáo kết quả thực hiện {plan.title} {_kept_together(period.label)} "
            f"của {committee}, kính báo cáo {addressee} xem xét, chỉ đạo./."
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
        summary=_summary(plan, period),
        addressee=f"Kính gửi: {settings.addressee}.",
        body=tuple(body),
        recipients=(*(settings.recipients or ("- Như trên;",)), settings.kept_line),
        signature=Signature(settings.authority, settings.signer_name),
    )
    return Document(
        file_title=f"Báo cáo {period.label} — {plan.title}",
        author=header.agency,
        letter=letter,
        appendices=tuple(appendices),
    ).normalised()
