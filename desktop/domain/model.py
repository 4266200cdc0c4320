"""Domain records handed out by the services. Immutable; built from database rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from desktop.domain.deadlines import Deadline
from desktop.domain.targets import Target
from desktop.vietnamese.dates import VIETNAM_TZ


def iso_time(moment: datetime) -> str:
    """'2026-11-27T10:15:00+07:00'."""
    return moment.astimezone(VIETNAM_TZ).isoformat(timespec="seconds")


class OfficeLevel(StrEnum):
    XA = "xa"
    PHUONG = "phuong"
    DAC_KHU = "dac_khu"
    HUYEN = "huyen"
    TINH = "tinh"


LEVEL_WORDS = {
    OfficeLevel.XA: "xã",
    OfficeLevel.PHUONG: "phường",
    OfficeLevel.DAC_KHU: "đặc khu",
    OfficeLevel.HUYEN: "huyện",
    OfficeLevel.TINH: "tỉnh",
}


@dataclass(frozen=True)
class Office:
    """The office whose plans the database keeps (one per file) and its details for documents."""

    name: str
    level: OfficeLevel
    agency_code: str = ""
    parent_name: str = ""
    place_name: str = ""

    @property
    def locality(self) -> str:
        """'phường Trần Liêu'."""
        return f"{LEVEL_WORDS[self.level]} {self.name}"

    @property
    def committee(self) -> str:
        """'UBND phường Trần Liêu'."""
        return f"UBND {self.locality}"

    @property
    def receives_reports(self) -> bool:
        """A district or province office: it receives, checks and consolidates the
        communes' packages (its window opens on that work, not on a plan)."""
        return self.level in (OfficeLevel.TINH, OfficeLevel.HUYEN)


class UnitKind(StrEnum):
    PHONG = "phong"
    DON_VI = "don_vi"
    NGANH_DOC = "nganh_doc"
    CAP_TREN = "cap_tren"
    NHOM = "nhom"
    KHAC = "khac"


UNIT_KIND_LABELS = {
    UnitKind.PHONG: "Cơ quan chuyên môn",
    UnitKind.DON_VI: "Đơn vị sự nghiệp",
    UnitKind.NGANH_DOC: "Cơ quan ngành dọc",
    UnitKind.CAP_TREN: "Cơ quan cấp trên",
    UnitKind.NHOM: "Nhóm cơ quan, đơn vị",
    UnitKind.KHAC: "Khác",
}


@dataclass(frozen=True)
class Unit:
    """An agency or unit that can lead or coordinate tasks and indicators."""

    id: int
    name: str
    kind: UnitKind = UnitKind.KHAC
    short_name: str = ""
    position: int = 0
    active: bool = True

    @property
    def collective(self) -> bool:
        """A group of bodies ("Các cơ quan, đơn vị thuộc UBND xã"), not one of them."""
        return self.kind is UnitKind.NHOM

    @property
    def own(self) -> bool:
        """One of the office's own units (its phòng, its đơn vị sự nghiệp): a member of
        the groups a plan tasks; vertical bodies and the level above are not the office's."""
        return self.kind in (UnitKind.PHONG, UnitKind.DON_VI)


@dataclass(frozen=True)
class Plan:
    """A plan ('Kế hoạch') as issued: number, date, issuer, summary, the years it covers."""

    id: int
    number: str
    issued_on: date
    issuer: str
    summary: str
    start_year: int
    end_year: int
    version: int = 1
    source: str = ""
    followed_from: date | None = None  # the office follows it from here (None: its start)

    @property
    def title(self) -> str:
        """'Kế hoạch số 79/KH-UBND ngày 02/10/2025'."""
        return f"Kế hoạch số {self.number} ngày {self.issued_on:%d/%m/%Y}"

    @property
    def in_force_from(self) -> date:
        """Recurring duties and reports start here: the issue date, or 1 January of the
        plan's first year when it is issued ahead of it (a 2026 plan issued in 2025)."""
        return max(self.issued_on, date(self.start_year, 1, 1))

    @property
    def reports_from(self) -> date:
        """Reports are owed from here: the plan's start, or the day the office took it up
        (a database made mid-way owes none of the reports before)."""
        return max(self.in_force_from, self.followed_from or self.in_force_from)


@dataclass(frozen=True)
class Section:
    """A numbered part of a plan ('I', 'II', …) holding its tasks."""

    id: int
    plan_id: int
    code: str
    title: str
    position: int


@dataclass(frozen=True)
class Task:
    """A task of a plan: what to do, the units leading and coordinating it, its deadline."""

    id: int
    section_id: int
    plan_id: int
    code: str
    title: str
    deadline: Deadline  # as read from the printed text, with the clerk's date if set
    expected_product: str = ""
    position: int = 0
    leads: tuple[Unit, ...] = ()
    coordinators: tuple[Unit, ...] = ()
    due_override: date | None = None  # a date the clerk set by hand for the milestone
    note: str = ""
    retired_in: int | None = None  # the plan version that no longer has it
    # The unit the office named to lead a task printed for a group or several units.
    named_lead: Unit | None = None

    @property
    def owners(self) -> tuple[Unit, ...]:
        """Who answers for the task (its overdue count, its annex as chủ trì): the unit
        the office named, else every printed lead (a group as one)."""
        return (self.named_lead,) if self.named_lead else self.leads

    @property
    def lead_names(self) -> str:
        """The printed leads, and the unit named to lead them: "Các cơ quan, đơn vị
        thuộc UBND xã (trực tiếp chủ trì: Phòng Văn hóa - Xã hội)"."""
        printed = "; ".join(u.name for u in self.leads)
        if self.named_lead is None or self.leads == (self.named_lead,):
            return printed
        return f"{printed} (trực tiếp chủ trì: {self.named_lead.name})"

    @property
    def coordinator_names(self) -> str:
        return "; ".join(u.name for u in self.coordinators)


@dataclass(frozen=True)
class IndicatorGroup:
    """A numbered group of a plan's indicators."""

    id: int
    plan_id: int
    code: str
    title: str
    position: int


@dataclass(frozen=True)
class Indicator:
    """An indicator of a plan: its targets per milestone year and the units responsible."""

    id: int
    group_id: int
    plan_id: int
    group_code: str
    code: str
    name: str
    unit_of_measure: str = ""
    output: str = ""
    position: int = 0
    targets: dict[int, Target] = field(default_factory=dict)
    leads: tuple[Unit, ...] = ()
    coordinators: tuple[Unit, ...] = ()
    note: str = ""
    retired_in: int | None = None  # the plan version that no longer has it

    def target_for(self, year: int) -> tuple[int, Target] | None:
        """The next milestone a value of `year` heads for: that year's, else the next one."""
        for milestone in sorted(self.targets):
            if milestone >= year:
                return milestone, self.targets[milestone]
        return None


class ProgressStatus(StrEnum):
    NOT_STARTED = "chua_thuc_hien"
    IN_PROGRESS = "dang_thuc_hien"
    DONE = "hoan_thanh"


PROGRESS_LABELS = {
    ProgressStatus.NOT_STARTED: "Chưa thực hiện",
    ProgressStatus.IN_PROGRESS: "Đang thực hiện",
    ProgressStatus.DONE: "Đã hoàn thành",
}


@dataclass(frozen=True)
class Progress:
    """A report on a task (or one turn of it) for a period: status, completion, what was done."""

    id: int
    task_id: int
    period_id: str
    occurrence: str  # '' for the task as a whole, else the recurring turn it speaks of
    status: ProgressStatus
    percent: int
    completed_on: date | None
    result: str = ""
    difficulties: str = ""
    proposals: str = ""
    updated_at: str = ""


@dataclass(frozen=True)
class IndicatorValue:
    """An indicator's value reported for a period: a number, or the result described in words."""

    id: int
    indicator_id: int
    period_id: str
    value: float | None
    value_text: str = ""
    note: str = ""


@dataclass(frozen=True)
class BudgetLine:
    """A line of a plan's budget for one year, with its estimate; lines can nest."""

    id: int
    plan_id: int
    parent_id: int | None
    year: int
    code: str
    title: str
    estimate: int | None  # own estimate in đồng; None on a line whose children carry it
    funding_source: str = ""
    position: int = 0


@dataclass(frozen=True)
class Disbursement:
    """A payment against a budget line: date, amount in đồng and voucher ('số chứng từ')."""

    id: int
    budget_line_id: int
    paid_on: date
    amount: int
    reference: str = ""
    note: str = ""


@dataclass(frozen=True)
class Attachment:
    """A file attached to a plan, task, report or payment; its content is kept by SHA-256."""

    id: int
    sha256: str
    filename: str
    media_type: str
    size: int
    added_at: str


@dataclass(frozen=True)
class AuditEntry:
    """One audit log entry: a row inserted, updated or deleted, by whom, when, and its values."""

    id: int
    at: str
    actor: str
    txn: int
    operation: str
    table_name: str
    row_key: str
    action: str
    before: dict | None
    after: dict | None
