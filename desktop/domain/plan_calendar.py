"""A plan's reporting schedule: which reports it requires, when each closes and is due.

Plans say when reports are due ('Định kỳ hằng năm trước ngày 30/11'; 'hằng
Quý … trước ngày 12 tháng cuối Quý'). A plan's own rule for a kind of period
overrides the office's default (NĐ 09/2019/NĐ-CP: data to the 14th, due the
20th); `PlanCalendar` gives every period's dates for one plan.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from desktop.domain.deadlines import LAST_MONTHS, month_offset, parse_deadline
from desktop.domain.periods import (
    Period,
    PeriodId,
    PeriodKind,
    PeriodRule,
    add_months,
    default_period,
    period_containing,
    periods_of_year,
)
from desktop.errors import InvalidInput

# Kinds a plan can require, in the words of the CLI (ASCII, like the period ids).
KIND_WORDS = {
    "thang": PeriodKind.MONTH,
    "quy": PeriodKind.QUARTER,
    "6thang": PeriodKind.HALF,
    "9thang": PeriodKind.NINE_MONTHS,
    "nam": PeriodKind.YEAR,
}
KIND_NAMES = {
    PeriodKind.MONTH: "báo cáo tháng",
    PeriodKind.QUARTER: "báo cáo quý",
    PeriodKind.HALF: "báo cáo 6 tháng",
    PeriodKind.NINE_MONTHS: "báo cáo 9 tháng",
    PeriodKind.YEAR: "báo cáo năm",
}
_LEAP_YEAR = 2028  # a 29 February exists only then; a rule must hold in every year


def _day_label(kind: PeriodKind, day: int, offset: int) -> str:
    """'30/11' for a year; 'ngày 12 tháng cuối quý'; 'ngày 5 tháng sau kỳ'."""
    lasts = LAST_MONTHS[kind]
    if len(lasts) == 1:
        return f"{day}/{add_months(2000, lasts[0], offset)[1]}"
    if offset == 0:
        return f"ngày {day} tháng cuối kỳ"
    where = "sau" if offset > 0 else "trước"
    return f"ngày {day}, {abs(offset)} tháng {where} tháng cuối kỳ"


def describe_rule(rule: PeriodRule) -> str:
    """'báo cáo năm: chốt số liệu 14/11, các đơn vị gửi trước 30/11, hạn gửi cấp trên
    20/12'."""
    close = _day_label(rule.kind, rule.close_day, rule.close_month_offset)
    due = _day_label(rule.kind, rule.due_day, rule.due_month_offset)
    units = ""
    if rule.units_due_day is not None:
        units = f", các đơn vị gửi trước {_day_label(rule.kind, *_units(rule))}"
    return f"{KIND_NAMES[rule.kind]}: chốt số liệu {close}{units}, hạn gửi cấp trên {due}"


def _units(rule: PeriodRule) -> tuple[int, int]:
    assert rule.units_due_day is not None
    return rule.units_due_day, rule.units_due_month_offset


def upward_default(units: tuple[int, int], office: PeriodRule) -> tuple[int, int]:
    """When the office reports upward, as (day, month offset), if nobody said: by its own
    rule (NĐ 09/2019: the 20th of the period's last month), and never before its units
    report to it (`units`)."""
    later = max((office.due_month_offset, office.due_day), (units[1], units[0]))
    return later[1], later[0]


def due_words(period: Period) -> str:
    """'các đơn vị gửi trước 30/11/2026, hạn gửi cấp trên 20/12/2026', or 'hạn gửi
    20/12/2026' where the plan sets no day for its units."""
    upward = f"{period.due_on:%d/%m/%Y}"
    if period.units_due is None:
        return f"hạn gửi {upward}"
    return f"các đơn vị gửi trước {period.units_due:%d/%m/%Y}, hạn gửi cấp trên {upward}"


def check_rule(rule: PeriodRule) -> PeriodRule:
    """Refuse a rule some period of its kind cannot keep, in Vietnamese; return it if sound."""
    name = KIND_NAMES[rule.kind]
    days = [
        ("Ngày chốt số liệu", rule.close_day, rule.close_month_offset),
        ("Hạn gửi", rule.due_day, rule.due_month_offset),
    ]
    if rule.units_due_day is not None:
        days.append(("Hạn các đơn vị gửi", *_units(rule)))
    for what, day, offset in days:
        if not -11 <= offset <= 12:
            raise InvalidInput(f"{what} {name} lệch quá 12 tháng so với cuối kỳ.")
        for last in LAST_MONTHS[rule.kind]:
            for year in (_LEAP_YEAR - 1, _LEAP_YEAR):
                y, m = add_months(year, last, offset)
                length = calendar.monthrange(y, m)[1]
                if not 1 <= day <= length:
                    raise InvalidInput(
                        f"{what} {name} là ngày {day}, nhưng tháng {m} "
                        f"chỉ có {length} ngày{' (năm không nhuận)' if m == 2 else ''}. "
                        "Hãy chọn một ngày có trong mọi tháng áp dụng."
                    )
    close = _day_label(rule.kind, rule.close_day, rule.close_month_offset)
    due = _day_label(rule.kind, rule.due_day, rule.due_month_offset)
    units = (rule.units_due_month_offset, rule.units_due_day or 0)
    if rule.units_due_day is not None and units < (rule.close_month_offset, rule.close_day):
        raise InvalidInput(
            f"Hạn các đơn vị gửi {name} ({_day_label(rule.kind, *_units(rule))}) trước "
            f"ngày chốt số liệu ({close}): báo cáo không thể gửi trước khi chốt số liệu. "
            "Hãy đặt ngày chốt số liệu không muộn hơn hạn gửi."
        )
    if (rule.due_month_offset, rule.due_day) < (rule.close_month_offset, rule.close_day):
        raise InvalidInput(
            f"Hạn gửi {name} ({due}) trước ngày chốt số liệu ({close}): "
            "báo cáo không thể gửi trước khi chốt số liệu. Hãy đặt ngày chốt số liệu "
            "không muộn hơn hạn gửi."
        )
    if rule.units_due_day is not None and (rule.due_month_offset, rule.due_day) < units:
        raise InvalidInput(
            f"Hạn gửi cấp trên {name} ({due}) trước hạn các đơn vị gửi "
            f"({_day_label(rule.kind, *_units(rule))}): cơ quan gửi cấp trên sau khi nhận "
            "báo cáo của các đơn vị. Hãy đặt hạn gửi cấp trên muộn hơn."
        )
    return rule


_DAY_SPEC = re.compile(r"^\s*(\d{1,2})\s*(?:/\s*([+-]?\d{1,2}))?\s*$")


def parse_day_spec(text: str, kind: PeriodKind, what: str) -> tuple[int, int]:
    """A day typed by the clerk -> (day, month offset from the period's last month).

    '30/11' (a year or 9-month report: day/month), '12' (that day of the period's
    last month), '5/+1' (the 5th of the month after it).
    """
    match = _DAY_SPEC.match(text or "")
    if not match:
        raise InvalidInput(
            f"{what} «{text}» không hợp lệ. Dùng dạng 30/11 (ngày/tháng, cho báo cáo năm), "
            "12 (ngày 12 tháng cuối kỳ) hoặc 5/+1 (ngày 5 tháng sau kỳ)."
        )
    day, month = int(match.group(1)), match.group(2)
    if month is None:
        return day, 0
    if month.startswith(("+", "-")):
        return day, int(month)
    number = int(month)
    if not 1 <= number <= 12:
        raise InvalidInput(f"{what} «{text}»: tháng {number} không có.")
    if len(LAST_MONTHS[kind]) > 1:
        raise InvalidInput(
            f"{what} «{text}»: {KIND_NAMES[kind]} lặp lại trong năm, hãy ghi ngày của "
            "tháng cuối kỳ (ví dụ 12) hoặc số tháng sau kỳ (ví dụ 5/+1)."
        )
    return day, month_offset(kind, number) if kind is PeriodKind.YEAR else number - 9


def day_spec(kind: PeriodKind, day: int, offset: int) -> str:
    """A rule's day as the clerk types it (what parse_day_spec reads): '30/11' for a
    year, '12' or '5/+1' otherwise."""
    lasts = LAST_MONTHS[kind]
    if len(lasts) == 1:
        return f"{day}/{add_months(2000, lasts[0], offset)[1]}"
    return f"{day}/{offset:+d}" if offset else str(day)


def rules_from_text(
    text: str,
    close: Mapping[PeriodKind, tuple[int, int]],
    office: Mapping[PeriodKind, PeriodRule],
    upward: Mapping[PeriodKind, tuple[int, int]] = {},
) -> list[PeriodRule]:
    """The reports a plan's sentence requires ('Định kỳ 6 tháng (trước ngày 15/6) và hằng
    năm (trước ngày 10/12)'): its dates are when the units report to the office; data
    closes per `close` (kind -> day, offset) or NĐ 09; the office reports upward per
    `upward`, or by `office`'s rule for the kind but not before its units."""
    deadline = parse_deadline(text, 2000)
    if not deadline.cycles:
        raise InvalidInput(
            f"Không đọc được kỳ báo cáo trong «{text}». Câu cần nói rõ định kỳ (hằng tháng, "
            "hằng quý, 6 tháng, hằng năm) và hạn gửi, ví dụ «Định kỳ hằng năm trước ngày 30/11»."
        )
    rules = []
    for cycle in deadline.cycles:
        if cycle.day is None:
            word = next(w for w, kind in KIND_WORDS.items() if kind is cycle.kind)
            raise InvalidInput(
                f"«{text}» không ghi hạn gửi {KIND_NAMES[cycle.kind]}.",
                window=f"Chọn {KIND_NAMES[cycle.kind]} ở dòng «Hoặc từng loại», ghi hạn ở ô "
                "«đơn vị gửi» rồi bấm «Đặt».",
                command=f"Đặt hạn bằng --require {word} --due NGÀY.",
            )
        close_day, close_offset = close.get(cycle.kind, (14, 0))
        units = (cycle.day, cycle.month_offset)
        up_day, up_offset = upward.get(cycle.kind) or upward_default(units, office[cycle.kind])
        rules.append(PeriodRule(cycle.kind, close_day, up_day, up_offset, close_offset, *units))
    return rules


class DueStatus(StrEnum):
    # Prefixed: the task states use the bare words for something else.
    RECORDED = "bao_cao_da_co_so_lieu"
    OVERDUE = "bao_cao_qua_han"
    DUE_SOON = "bao_cao_sap_den_han"
    UPCOMING = "bao_cao_chua_den_han"


DUE_LABELS = {
    DueStatus.RECORDED: "Đã có số liệu",
    DueStatus.OVERDUE: "Quá hạn, chưa có số liệu",
    DueStatus.DUE_SOON: "Sắp đến hạn",
    DueStatus.UPCOMING: "Chưa đến hạn",
}
DUE_SOON_DAYS = 15


@dataclass(frozen=True)
class ReportDue:
    """A report the plan's schedule requires and where it stands: recorded, late or to come."""

    period: Period
    status: DueStatus

    @property
    def label(self) -> str:
        return DUE_LABELS[self.status]


@dataclass(frozen=True)
class PlanCalendar:
    """Every period's dates for one plan.

    office: the office's rule per kind; own: the plan's rules (the kinds it
    requires); fixed: dates stored once a period was used or set by hand.
    """

    office: Mapping[PeriodKind, PeriodRule]
    own: Mapping[PeriodKind, PeriodRule] = field(default_factory=dict)
    fixed: Mapping[str, Period] = field(default_factory=dict)

    def rule(self, kind: PeriodKind) -> PeriodRule:
        return self.own.get(kind) or self.office[kind]

    def period(self, pid: PeriodId) -> Period:
        rule = self.rule(pid.kind)
        fixed = self.fixed.get(str(pid))
        if fixed is None:
            return default_period(pid, rule)
        if fixed.units_due is None and rule.units_due_day is not None:
            # Dates fixed before units had a day of their own: theirs from the rule.
            return replace(fixed, units_due=default_period(pid, rule).units_due)
        return fixed

    def cutoff(self, pid: PeriodId) -> date:
        return self.period(pid).data_to

    @property
    def required(self) -> list[PeriodKind]:
        return [kind for kind in PeriodKind if kind in self.own]

    def last_report_of(self, year: int) -> Period:
        """The plan's last required report of `year` (the latest data cut-off), where the
        year is judged: the fourth quarter's for a plan that asks only for quarterly
        reports; the year report when it asks for one, or asks for nothing of its own."""
        if not self.required or PeriodKind.YEAR in self.own:
            return self.period(PeriodId(year, PeriodKind.YEAR))
        ending = [pid for pid in periods_of_year(year) if pid.kind in self.own]
        return max(map(self.period, ending), key=lambda p: (p.data_to, p.data_from))

    def first_report_including(self, day: date) -> Period:
        """The first report the plan requires whose data cut-off includes `day` (the
        office's quarter when the plan requires none): where a completion dated after a
        period's cut-off counts."""
        best: Period | None = None
        for kind in self.required or [PeriodKind.QUARTER]:
            pid = period_containing(day, kind)
            while (period := self.period(pid)).data_to < day:
                pid = pid.following()
            if best is None or period.data_to < best.data_to:
                best = period
        assert best is not None
        return best

    def judged_on(self, year: int) -> date:
        """The data cut-off where `year` is judged (its last required report's)."""
        return self.last_report_of(year).data_to

    def turn_cutoff(self, pid: PeriodId) -> date:
        """What a turn with no day of its own falls due on: its period's data cut-off; for
        a yearly turn, the cut-off where the year is judged."""
        return self.judged_on(pid.year) if pid.kind is PeriodKind.YEAR else self.cutoff(pid)

    def judges_the_year(self, pid: PeriodId) -> bool:
        """Whether a report of `pid` is where its year is judged (verdicts on indicators):
        the year report, and the plan's last required report of the year."""
        return pid.kind is PeriodKind.YEAR or pid == self.last_report_of(pid.year).id

    def due_reports(
        self,
        since: date,
        today: date,
        last_year: int,
        recorded: set[str],
        ahead: date | None = None,
    ) -> list[ReportDue]:
        """The required reports from `since` (the plan's start), by due date: of each kind
        up to the next one not yet due, or, given `ahead`, every one due by that day.

        `recorded`: ids of periods with data for the plan.
        """
        yearly = PeriodKind.YEAR in self.own
        found: list[ReportDue] = []
        for kind in self.required:
            pid = period_containing(since, kind)
            while pid.year <= last_year:
                period = self.period(pid)
                if ahead is not None and period.due_on > ahead:
                    break
                if period.due_on >= since and not (yearly and pid.closes_the_year):
                    found.append(ReportDue(period, due_status(period, today, recorded)))
                    if ahead is None and period.due_on >= today:
                        break
                pid = pid.following()
        return sorted(found, key=lambda r: (r.period.due_on, r.period.data_from))


def due_status(period: Period, today: date, recorded: set[str]) -> DueStatus:
    if period.key in recorded:
        return DueStatus.RECORDED
    if period.due_on < today:
        return DueStatus.OVERDUE
    if period.due_on <= today + timedelta(days=DUE_SOON_DAYS):
        return DueStatus.DUE_SOON
    return DueStatus.UPCOMING
