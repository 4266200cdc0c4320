"""The words of a period's report, part by part: drafted from the data, rewritten by the
clerk where the clerk chose to (services/report_texts.py), and which of the two stands.

One function, `narrative`, gives the parts to the document (PDF, Word, preview, the
export for signing), to du_lieu.json and to the window's editor, so the words the level
above reads are the words that were signed. A draft is never stored: regenerating it
cannot erase what the clerk wrote; when the data changed after the clerk wrote, the
draft's digest differs from the one kept with the text, and the editor says so.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from desktop.domain.indicator_progress import OUTLOOK_LABELS
from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.domain.targets import VERDICT_LABELS, Verdict
from desktop.domain.task_state import STATE_LABELS, TaskState
from desktop.reports.status import StatusReport
from desktop.services.budget import PeriodBudget
from desktop.services.report_texts import SECTIONS, Written, section_key
from desktop.vietnamese.numbers import format_number, format_trieu
from desktop.workspace import Workspace

NOTHING = "Không có."  # only where a part truly has nothing


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Part:
    key: str  # 'ket_qua', …
    heading: str  # 'Kết quả đạt được'
    draft: str  # from the data, now
    written: Written | None  # the clerk's, if any

    @property
    def text(self) -> str:
        """What the report prints."""
        return self.written.text if self.written else self.draft

    @property
    def stale(self) -> bool:
        """The clerk wrote before the data last changed."""
        return self.written is not None and self.written.draft_digest != digest(self.draft)


@dataclass(frozen=True)
class Narrative:
    parts: tuple[Part, ...]

    def __getitem__(self, key: str) -> Part:
        return next(p for p in self.parts if p.key == key)

    def to_dict(self) -> dict[str, str]:
        """The printed text of each part, for du_lieu.json."""
        return {p.key: p.text for p in self.parts}


def _named(code: str, title: str) -> str:
    """The work named, its code after it: 'Triển khai … (I.1)'."""
    return f"{title} ({code})" if code else title


def _count_line(report: StatusReport) -> str:
    counts = report.task_counts
    one_off = [
        f"{counts[s]} {STATE_LABELS[s].lower()}"
        for s in (TaskState.DONE_ON_TIME, TaskState.DONE_LATE, TaskState.OVERDUE, TaskState.NOT_DUE)
        if counts[s]
    ]
    ongoing = counts[TaskState.ONGOING] + counts[TaskState.ONGOING_UNREPORTED]
    if ongoing:
        reported = counts[TaskState.ONGOING]
        unreported = counts[TaskState.ONGOING_UNREPORTED]
        said = [f"{reported} đã báo cáo trong kỳ"] * bool(reported) + [
            f"{unreported} chưa báo cáo"
        ] * bool(unreported)
        one_off.append(f"{ongoing} nhiệm vụ thực hiện thường xuyên ({', '.join(said)})")
    as_of, cutoff = report.judged_to, report.period.data_to
    early = "" if as_of == cutoff else f" (chưa đến ngày chốt số liệu {cutoff:%d/%m/%Y})"
    return (
        f"Kế hoạch có {len(report.tasks)} nhiệm vụ. Đến ngày {as_of:%d/%m/%Y}{early}: "
        f"{'; '.join(one_off)}. Chi tiết tại Phụ lục I."
    )


def _completed(report: StatusReport) -> list[str]:
    period = report.period
    lines = []
    for item in report.tasks:
        for turn in item.occurrences:
            done = turn.completed_on
            if done and period.data_from <= done <= period.data_to:
                late = "" if turn.state is TaskState.DONE_ON_TIME else ", quá hạn"
                lines.append(
                    f"- {_named(item.task.code, item.task.title)}, hoàn thành ngày "
                    f"{done:%d/%m/%Y}{late}."
                )
    return lines


def _overdue_by_unit(report: StatusReport) -> list[str]:
    titles = {item.task.code: item.task.title for item in report.tasks}
    return [
        f"- {t.label}: {len(t.overdue)} nhiệm vụ ("
        + "; ".join(_named(code, titles.get(code, "")) for code in t.overdue)
        + ")."
        for t in report.units
        if t.overdue
    ]


def _indicator_line(report: StatusReport) -> str:
    if not report.indicators:
        return "Kế hoạch không có chỉ tiêu."
    parts = []
    verdicts = report.verdict_counts
    if verdicts:
        listed = ", ".join(
            f"{n} {VERDICT_LABELS[v].lower()}"
            for v, n in verdicts.items()
            if n and v is not Verdict.NOT_ASSESSABLE  # internal: not printed
        )
        year = report.period.id.year
        parts.append(f"{verdicts.total()} chỉ tiêu có mục tiêu năm {year}: {listed}")
    outlooks = report.outlook_counts
    if outlooks:
        listed = ", ".join(f"{n} {OUTLOOK_LABELS[o].lower()}" for o, n in outlooks.items() if n)
        parts.append(f"{outlooks.total()} chỉ tiêu hướng tới mốc sau: {listed}")
    return (
        f"Kế hoạch có {len(report.indicators)} chỉ tiêu; "
        + "; ".join(parts)
        + ". Chi tiết tại Phụ lục II."
    )


def money_text(amount: int | None) -> str:
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
        spent = f"giải ngân {money_text(paid)}{rate}" if paid else "chưa giải ngân"
        parts.append(f"{source or 'chưa ghi nguồn'}: dự toán {money_text(estimate)}, {spent}")
    return " Theo nguồn kinh phí: " + "; ".join(parts) + "."


def budget_line(budget: PeriodBudget) -> str:
    year = budget.year
    if not budget.rows:
        return f"Kế hoạch chưa có dự toán kinh phí năm {year}."
    estimate, paid, recent = budget.estimate, budget.disbursed, budget.in_period
    rate = f" ({format_number(100 * budget.rate, 1)}%)" if budget.rate is not None else ""
    remaining = f"; còn lại: {money_text(budget.remaining)}" if estimate is not None else ""
    return (
        f"Dự toán năm {year}: {money_text(estimate)}; giải ngân đến ngày chốt số liệu "
        f"{budget.as_of:%d/%m/%Y}: {money_text(paid)}{rate}, trong đó trong kỳ (từ ngày "
        f"{budget.since:%d/%m/%Y}): {money_text(recent)}{remaining}.{_sources_text(budget)}"
        " Chi tiết tại Phụ lục III."
    )


def _results(report: StatusReport, budget: PeriodBudget) -> str:
    lines = ["1. Tiến độ thực hiện nhiệm vụ", _count_line(report)]
    if not any(item.reported for item in report.tasks):
        lines.append("Trong kỳ chưa có báo cáo tiến độ nào được ghi nhận.")
    completed = _completed(report)
    if completed:  # its own count: a recurring task's turns are each listed
        lines.append(f"Trong kỳ đã hoàn thành {len(completed)} lượt nhiệm vụ:")
        lines += completed
    else:
        lines.append("Trong kỳ chưa có nhiệm vụ nào hoàn thành.")
    if overdue := _overdue_by_unit(report):
        lines.append("Nhiệm vụ quá hạn chưa hoàn thành theo cơ quan chủ trì:")
        lines += overdue
    lines += [
        "2. Thực hiện các chỉ tiêu",
        _indicator_line(report),
        "3. Kinh phí thực hiện",
        budget_line(budget),
    ]
    return "\n".join(lines)


def _strengths(report: StatusReport) -> str:
    counts = report.task_counts
    done = counts[TaskState.DONE_ON_TIME]
    said = []
    if done:
        said.append(f"{done} nhiệm vụ đã hoàn thành đúng hạn")
    if counts[TaskState.ONGOING]:
        said.append(
            f"{counts[TaskState.ONGOING]} nhiệm vụ thường xuyên được báo cáo tiến độ trong kỳ"
        )
    if met := report.verdict_counts.get(Verdict.MET, 0):
        said.append(f"{met} chỉ tiêu đạt mục tiêu")
    if not said:
        return NOTHING
    return "Các cơ quan, đơn vị đã triển khai kế hoạch: " + "; ".join(said) + "."


def _shortfalls(report: StatusReport) -> str:
    counts = report.task_counts
    said = []
    if counts[TaskState.OVERDUE]:
        said.append(f"{counts[TaskState.OVERDUE]} nhiệm vụ quá hạn chưa hoàn thành")
    if counts[TaskState.DONE_LATE]:
        said.append(f"{counts[TaskState.DONE_LATE]} nhiệm vụ hoàn thành chậm so với thời hạn")
    if counts[TaskState.ONGOING_UNREPORTED]:
        said.append(
            f"{counts[TaskState.ONGOING_UNREPORTED]} nhiệm vụ thường xuyên chưa được báo cáo "
            "trong kỳ"
        )
    if not said:
        return NOTHING
    return "Còn " + "; ".join(said) + "."


def _causes(shortfalls: str, difficulties: list[str]) -> str:
    """Only what the data says: the units' difficulties, or that they gave none."""
    if shortfalls == NOTHING:
        return NOTHING
    if difficulties:
        return "Một phần do những khó khăn, vướng mắc các cơ quan, đơn vị nêu tại mục III."
    return "Các cơ quan, đơn vị chưa nêu nguyên nhân trong báo cáo tiến độ."


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
        lines.append(f"- {_named(item.task.code, item.task.title)}: {getattr(latest, field)}")
    return lines


def _ahead(ws: Workspace, plan: Plan, report: StatusReport) -> str:
    following = ws.periods.get(report.period.id.following(), plan.id)
    lines = []
    for item in ws.progress.overview(plan.id, following):
        for turn in item.occurrences:
            due = turn.occurrence.due
            if due and report.period.data_to < due <= following.data_to and not turn.completed_on:
                lines.append(f"- {_named(item.task.code, item.task.title)}, hạn {due:%d/%m/%Y}.")
    if not lines:
        return "Không có nhiệm vụ đến hạn trong kỳ tới; tiếp tục các nhiệm vụ thường xuyên."
    opening = f"Tập trung hoàn thành các nhiệm vụ đến hạn trong {following.label}:"
    closing = "Tiếp tục triển khai các nhiệm vụ thực hiện thường xuyên."
    return "\n".join([opening, *lines, closing])


def narrative(
    ws: Workspace,
    plan: Plan,
    period: Period,
    report: StatusReport,
    typed: Mapping[str, str] | None = None,
) -> Narrative:
    """Each part's draft from the data and the clerk's text where there is one. `typed`:
    text the clerk is typing and has not saved, shown in the window's preview only (an
    empty one shows the draft)."""
    budget = ws.budget.for_period(plan.id, period)
    difficulties = _gathered(report, "difficulties")
    shortfalls = _shortfalls(report)
    drafts = {
        "ket_qua": _results(report, budget),
        "uu_diem": _strengths(report),
        "han_che": shortfalls,
        "nguyen_nhan": _causes(shortfalls, difficulties),
        "kho_khan": "\n".join(difficulties) or NOTHING,
        "de_xuat": "\n".join(_gathered(report, "proposals")) or NOTHING,
        "phuong_huong": _ahead(ws, plan, report),
    }
    written: dict[str, Written | None] = dict(ws.report_texts.written(plan.id, period.key))
    for key, text in (typed or {}).items():
        written[key] = Written(text, digest(drafts[key]), "") if text.strip() else None
    return Narrative(
        tuple(Part(key, SECTIONS[key], drafts[key], written.get(key)) for key in SECTIONS)
    )


def period_narrative(ws: Workspace, plan: Plan, period: Period) -> Narrative:
    """The period's narrative, counting the period first (the window, the CLI)."""
    from desktop.reports.status import build_status

    return narrative(ws, plan, period, build_status(ws, plan, period))


def write_part(ws: Workspace, plan: Plan, period: Period, key: str, text: str) -> Part:
    """Keep the clerk's words for one part (empty: print the draft again), with the digest
    of the draft they replace: the window and the `narrative` command both write so."""
    section_key(key)
    draft = period_narrative(ws, plan, period)[key].draft
    if text.strip() == draft.strip():  # the draft itself: it follows the data again
        text = ""
    ws.report_texts.save(plan.id, period, key, text, digest(draft))
    # The draft does not depend on the words: only what is now kept is read again.
    return Part(key, SECTIONS[key], draft, ws.report_texts.written(plan.id, period.key).get(key))
