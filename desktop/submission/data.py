"""du_lieu.json: the period's data in a package, for the level above to read by machine
(format 'so-ke-hoach/bao-cao', version 1; resources/schemas/du_lieu.schema.json).

Built from the same status report as the PDF, so the two never disagree. Money is in
đồng (integers); dates ISO 8601; times with +07:00.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from desktop.domain.model import Attachment, Plan, iso_time
from desktop.domain.periods import Period
from desktop.package.layout import EVIDENCE_FOLDER
from desktop.package.schema import FORMAT, FORMAT_VERSION
from desktop.reports.status import StatusReport
from desktop.vietnamese.text import slug
from desktop.workspace import Workspace

if TYPE_CHECKING:
    from desktop.submission.document import Submission


@dataclass(frozen=True)
class Evidence:
    """A file attached to a report of the period, and its name in the package."""

    attachment: Attachment
    name: str  # 'minh_chung/1a2b3c4d_bien-ban-nghiem-thu.pdf'


def evidence_name(attachment: Attachment) -> str:
    stem, dot, suffix = attachment.filename.rpartition(".")
    if not dot:
        stem, suffix = suffix, ""
    ascii_stem = slug(stem)[:60] or "tep"
    ascii_suffix = re.sub(r"[^a-z0-9]", "", suffix.lower())[:8]
    name = f"{attachment.sha256[:8]}_{ascii_stem}" + (f".{ascii_suffix}" if ascii_suffix else "")
    return EVIDENCE_FOLDER + name


def period_evidence(ws: Workspace, report: StatusReport) -> dict[int, list[Evidence]]:
    """Per task id, the files attached to its report of this period."""
    found: dict[int, list[Evidence]] = {}
    for item in report.tasks:
        latest = item.latest
        if latest is None or latest.period_id != report.period.key:
            continue
        files = ws.attachments.list("progress_id", latest.id)
        if files:
            found[item.task.id] = [Evidence(a, evidence_name(a)) for a in files]
    return found


def _day(value) -> str | None:
    return value.isoformat() if value else None


def package_data(
    ws: Workspace,
    plan: Plan,
    period: Period,
    report: StatusReport,
    evidence: dict[int, list[Evidence]],
    *,
    uid: str,
    sequence: int,
    replaces: str | None,
    reason: str,
    submitted_at: datetime,
    trial: bool,
    changes: list[str] | None = None,
    since_previous: int | None = None,
    narrative: dict[str, str] | None = None,
) -> dict:
    office = ws.office.required()
    uids = ws.packages.uid
    sections = {s.id: s.code for s in ws.plans.sections(plan.id)}
    tasks = []
    for item in report.tasks:
        task, latest = item.task, item.latest
        tasks.append(
            {
                "uid": uids("t", task.id),
                "code": task.code,
                "section": sections.get(task.section_id, ""),
                "title": task.title,
                "lead": [u.name for u in task.leads],
                "shared_leads": [u.name for u in task.leads if u.collective],
                "named_lead": task.named_lead.name if task.named_lead else None,
                "coordinate": [u.name for u in task.coordinators],
                "deadline_text": task.deadline.text,
                "due_date": _day(task.deadline.milestone),
                "recurrence": [c.kind.value for c in task.deadline.cycles]
                + (["thuong_xuyen"] if task.deadline.continuous else []),
                "product": task.expected_product,
                "status": latest.status.value if latest else None,
                "percent": latest.percent if latest else None,
                "completed_on": _day(latest.completed_on) if latest else None,
                "state": item.state.value,
                "result": latest.result if latest else "",
                "difficulties": latest.difficulties if latest else "",
                "proposals": latest.proposals if latest else "",
                "evidence": [
                    {"file": e.name, "sha256": e.attachment.sha256, "bytes": e.attachment.size}
                    for e in evidence.get(task.id, [])
                ],
            }
        )
    indicators = []
    for result in report.indicators:
        indicator, value = result.indicator, result.value
        verdict = result.verdict.value if result.verdict else None
        indicators.append(
            {
                "uid": uids("i", indicator.id),
                "code": indicator.code,
                "name": indicator.name,
                "unit": indicator.unit_of_measure,
                "milestone": result.milestone,
                "target": result.target.text if result.target else None,
                "value": value.value if value else None,
                "value_text": value.value_text if value else "",
                "verdict": verdict,
                "outlook": result.outlook.value if result.outlook else None,
            }
        )
    budget = [
        {
            "uid": uids("b", row.line.id),
            "code": row.line.code,
            "title": row.line.title,
            "source": row.line.funding_source,
            "estimate": row.estimate,
            "paid_in_period": row.in_period,
            "paid_to_date": row.disbursed,
            "remaining": row.remaining,
        }
        for row in ws.budget.for_period(plan.id, period).rows
    ]
    sealed, head = ws.packages.chain_head()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "package": {
            "uid": uid,
            "sequence": sequence,
            "replaces": replaces,
            "reason": reason,
            "trial": trial,
        },
        "office": {
            "name": office.name,
            "committee": office.committee,
            "level": office.level.value,
            "agency_code": office.agency_code,
            "parent": office.parent_name,
        },
        "plan": {
            "uid": uids("p", plan.id),
            "number": plan.number,
            "issued_on": plan.issued_on.isoformat(),
            "issuer": plan.issuer,
            "summary": plan.summary,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "version": plan.version,
        },
        "period": {
            "id": period.key,
            "label": period.label,
            "data_from": period.data_from.isoformat(),
            "data_to": period.data_to.isoformat(),
            "due_on": period.due_on.isoformat(),
        },
        "submitted_at": iso_time(submitted_at),
        "tasks": tasks,
        "indicators": indicators,
        "budget": budget,
        "summary": report.to_dict()["tasks"]["by_state"],
        # The chain's head, and how many changes were made since the previous package.
        "audit": {"sealed_changes": sealed, "head": head, "since_previous": since_previous},
        "changes": changes,  # since the previous package of the period (None: the first)
        "narrative": narrative or {},  # the report's parts as printed, the clerk's words
    }


def submission_data(
    ws: Workspace,
    made: Submission,
    evidence: dict[int, list[Evidence]],
    *,
    uid: str,
    submitted_at: datetime,
    trial: bool,
    reason: str = "",
) -> dict:
    """du_lieu.json of a submission: the one place its arguments are gathered, for the
    package and for the report exported to be signed elsewhere alike."""
    replaces = made.replaces
    return package_data(
        ws, made.plan, made.period, made.report, evidence, uid=uid, sequence=made.sequence,
        replaces=replaces.uid if replaces else None, reason=reason, submitted_at=submitted_at,
        trial=trial, changes=made.changes, narrative=made.words.to_dict(),
        since_previous=ws.audit.count_since(replaces.audit_mark) if replaces else None,
    )  # fmt: skip
