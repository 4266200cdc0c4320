"""The offices to chase for a period's report: not sent, refused, sent back and not sent
again, held for a new signer, or sent late; each with why, what is known of it, and the
contact the roster keeps. Shown in Theo dõi nộp báo cáo and written as a document (PDF
or workbook) by the window and by `consolidate --chase`, from the one model."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from desktop.consolidation.matrix import LABELS, MatrixRow, Standing, matrix
from desktop.documents.model import Column, Document, Kind, Row, RowKind, Table
from desktop.domain.periods import PeriodId
from desktop.services.receiving import Contact, RosterOffice
from desktop.vietnamese.dates import local_time
from desktop.workspace import Workspace

# Who is chased, in the order the list goes: what the level above still lacks first.
CHASED = (
    Standing.MISSING,
    Standing.INVALID,
    Standing.RETURNED,
    Standing.HELD,
    Standing.LATE,
)


@dataclass(frozen=True)
class ToChase:
    row: MatrixRow
    why: str  # 'Chưa gửi; quá hạn 8 ngày (hạn 20/01/2026)'

    @property
    def office(self) -> RosterOffice:
        return self.row.office

    @property
    def standing(self) -> Standing:
        return self.row.standing

    @property
    def contact(self) -> Contact:
        return self.row.office.contact


def _day(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _not_sent(due_on: str | None, today: date) -> str:
    if due_on is None:
        return "Chưa gửi"
    days = (today - date.fromisoformat(due_on)).days
    if days > 0:
        return f"Chưa gửi; quá hạn {days} ngày (hạn {_day(due_on)})"
    if days == 0:
        return f"Chưa gửi; hạn nộp là hôm nay ({_day(due_on)})"
    return f"Chưa gửi; còn {-days} ngày (hạn {_day(due_on)})"


def _why(row: MatrixRow, due_on: str | None, today: date, refused: dict[int, dict]) -> str:
    match row.standing:
        case Standing.MISSING:
            return _not_sent(due_on, today)
        case Standing.INVALID:
            last = refused[row.office.id]
            return (
                f"Gói nhận lúc {local_time(last['received_at'])} không hợp lệ: "
                f"{last['reason']}. Cần gửi lại gói hợp lệ"
            )
        case Standing.RETURNED:
            return f"Lần {row.sequence} đã trả lại để chỉnh sửa; chờ đơn vị gửi lần sau"
        case Standing.HELD:
            signer = row.new_signer.subject if row.new_signer else "không đọc được"
            return (
                f"Gói lần {row.sequence} ký bằng chứng thư mới ({signer}): hỏi lại đơn vị "
                "rồi xác nhận người ký"
            )
        case Standing.LATE:
            return f"Gửi trễ {row.days_late} ngày (nhận lúc {local_time(row.received_at)})"
    raise AssertionError(f"{row.standing} is not chased")


def to_chase(
    ws: Workspace, period_id: str, standings: list[MatrixRow] | None = None
) -> list[ToChase]:
    """The offices to chase for the period, in CHASED order, each in Vietnamese order.
    `standings`: the period's matrix when the caller has it already."""
    due_on = ws.receiving.expected().get(period_id)
    refused = {q["roster_id"]: q for q in ws.receiving.quarantined(period_id) if q["roster_id"]}
    today = ws.today()
    standings = matrix(ws, period_id) if standings is None else standings
    rows = [r for r in standings if r.standing in CHASED]  # in Vietnamese order
    rows.sort(key=lambda r: CHASED.index(r.standing))  # stable: each kind keeps that order
    return [ToChase(r, _why(r, r.due_on or due_on, today, refused)) for r in rows]


COLUMNS = (
    Column("STT", 8, Kind.INTEGER),
    Column("Đơn vị", 26),
    Column("Tình hình", 48),
    Column("Người liên hệ", 22),
    Column("Điện thoại", 20),
    Column("Thư điện tử", 26),
)


def chase_document(ws: Workspace, period_id: str) -> Document:
    """The list of offices to chase for the period, grouped by why, with their contacts."""
    label = PeriodId.parse(period_id).label
    chased = to_chase(ws, period_id)
    counts = Counter(c.standing for c in chased)
    rows: list[Row] = []
    for number, each in enumerate(chased, start=1):
        if number == 1 or chased[number - 2].standing is not each.standing:
            heading = f"{LABELS[each.standing]} ({counts[each.standing]} đơn vị)"
            rows.append(Row((heading,), RowKind.SECTION))
        contact = each.contact
        cells = (number, each.office.heading, each.why, contact.person, contact.phone)
        rows.append(Row((*cells, contact.email)))
    if not rows:
        rows.append(Row(("Không có đơn vị nào cần nhắc: mọi đơn vị đã gửi đúng hạn.",),
                        RowKind.SECTION))  # fmt: skip
    due_on = ws.receiving.expected().get(period_id)
    due = f"; hạn nộp {_day(due_on)}" if due_on else ""
    office = ws.office.get()
    committee = office.committee if office else ""
    table = Table(
        committee.upper(),
        f"DANH SÁCH ĐƠN VỊ CẦN NHẮC BÁO CÁO {label.upper()}",
        f"(Tình hình đến ngày {ws.today():%d/%m/%Y}{due}; {len(chased)} trong "
        f"{len(ws.receiving.roster())} đơn vị phải báo cáo)",
        COLUMNS,
        tuple(rows),
        sheet_name="Đơn vị cần nhắc",
    )
    return Document(
        file_title=f"Danh sách đơn vị cần nhắc báo cáo {label}",
        author=committee,
        appendices=(table,),
    ).normalised()
