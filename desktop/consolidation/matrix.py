"""Who sent the period's report, on time or late, sent again, or not at all: one row
per office on the roster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from desktop.domain.model import VIETNAM_TZ
from desktop.domain.periods import PeriodId
from desktop.services.receiving import RosterOffice, Signer
from desktop.vietnamese.collation import sort_key
from desktop.vietnamese.dates import local_time as shown_time  # its callers' name
from desktop.workspace import Workspace


class Standing(StrEnum):
    ON_TIME = "dung_han"
    LATE = "tre_han"
    RESUBMITTED = "gui_lai"
    RETURNED = "tra_lai"
    INVALID = "khong_hop_le"
    MISSING = "chua_gui"
    HELD = "cho_xac_nhan_nguoi_ky"


LABELS = {
    Standing.ON_TIME: "Đúng hạn",
    Standing.LATE: "Trễ hạn",
    Standing.RESUBMITTED: "Gửi lại",
    Standing.RETURNED: "Trả lại để chỉnh sửa",
    Standing.INVALID: "Không hợp lệ",
    Standing.MISSING: "Chưa gửi",
    Standing.HELD: "Người ký mới — cần xác nhận",
}


# A signing time this far before receipt (or any time after it) is said beside the row:
# a package may spend days on a USB stick, not months.
CLAIM_GAP_DAYS = 30


@dataclass(frozen=True)
class MatrixRow:
    office: RosterOffice
    standing: Standing
    sequence: int | None = None
    submitted_at: str | None = None  # as the package claims (its signing time)
    due_on: str | None = None
    days_late: int = 0  # by the day it was received
    trial: bool = False
    received_at: str | None = None  # when the level above took it in (UTC)
    new_signer: Signer | None = None  # of a package held until its signer is confirmed

    @property
    def claim_note(self) -> str:
        """'ký ngày … nhưng nhận ngày …' when the claimed time is far from receipt."""
        if not (self.submitted_at and self.received_at):
            return ""
        claimed = datetime.fromisoformat(self.submitted_at)
        received = _received(self.received_at)
        if received >= claimed and (received - claimed).days <= CLAIM_GAP_DAYS:
            return ""
        claim, arrival = shown_time(self.submitted_at), shown_time(self.received_at)
        return f"gói ghi ký lúc {claim}, nhận lúc {arrival}"

    def to_dict(self) -> dict:
        return {
            "office": self.office.title,
            "agency_code": self.office.agency_code,
            "state": self.standing.value,
            "label": LABELS[self.standing],
            "sequence": self.sequence,
            "submitted_at": self.submitted_at,
            "due_on": self.due_on,
            "days_late": self.days_late,
            "trial": self.trial,
            "received_at": self.received_at,
            "claim_note": self.claim_note,
            "new_signer": self.new_signer.describe() if self.new_signer else None,
        }


def _received(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def matrix(ws: Workspace, period_id: str) -> list[MatrixRow]:
    latest = ws.receiving.latest(period_id)
    held = ws.receiving.held(period_id)
    expected = ws.receiving.expected()
    refused = {q["roster_id"] for q in ws.receiving.quarantined(period_id) if q["roster_id"]}
    rows = []
    for office in sorted(ws.receiving.roster(), key=lambda o: sort_key(o.heading)):
        found = latest.get(office.id)
        if office.id in held:  # waiting for the level above: said before anything counted
            got = held[office.id][-1]
            rows.append(
                MatrixRow(office, Standing.HELD, got.sequence, got.submitted_at,
                          expected.get(period_id, got.due_on), trial=got.trial,
                          received_at=got.received_at,
                          new_signer=ws.receiving.signer(got.signer_id))
            )  # fmt: skip
            continue
        if found is None:
            standing = Standing.INVALID if office.id in refused else Standing.MISSING
            rows.append(MatrixRow(office, standing))
            continue
        got = found.received
        # Late by the day it arrived, in Việt Nam: the time it carries is the signer's claim.
        arrived = _received(got.received_at).astimezone(VIETNAM_TZ).date()
        due = expected.get(period_id, got.due_on)  # the level above's own date first
        late = max(0, (arrived - date.fromisoformat(due)).days)
        if found.returned:
            standing = Standing.RETURNED
        elif got.sequence > 1:
            standing = Standing.RESUBMITTED
        else:
            standing = Standing.LATE if late else Standing.ON_TIME
        rows.append(
            MatrixRow(office, standing, got.sequence, got.submitted_at, due, late, got.trial,
                      got.received_at)
        )  # fmt: skip
    return rows


def tally(rows: list[MatrixRow]) -> dict[Standing, int]:
    """How many offices stand each way, every standing named (0 included)."""
    return {standing: sum(r.standing is standing for r in rows) for standing in Standing}


def chronological(period_id: str) -> tuple[date, date]:
    """By the day the period ends; of two ending together, the longer first (the year,
    then its fourth quarter)."""
    first, last = PeriodId.parse(period_id).calendar_range()
    return last, first


def tracked_periods(ws: Workspace) -> list[str]:
    """The periods the level above follows, newest first: those it expects reports for
    and those packages came for."""
    periods = set(ws.receiving.expected()) | set(ws.receiving.periods())
    return sorted(periods, key=chronological, reverse=True)


def begun_periods(ws: Workspace) -> list[str]:
    """The periods followed that are already due or have packages in, newest first (not
    one still to come, where every office is 'not sent' yet)."""
    expected, received = ws.receiving.expected(), set(ws.receiving.periods())
    today = ws.today().isoformat()
    return [p for p in tracked_periods(ws) if p in received or expected.get(p, today) <= today]


def opening_period(ws: Workspace) -> str | None:
    """The period to show first: the newest one begun, else the first to come."""
    return next(iter(begun_periods(ws) or tracked_periods(ws)), None)


def history(ws: Workspace, most: int = 8) -> list[tuple[str, dict[Standing, int]]]:
    """How the offices stood in each of the `most` newest periods begun, oldest first:
    the picture of the periods at a glance."""
    return [(p, tally(matrix(ws, p))) for p in reversed(begun_periods(ws)[:most])]
