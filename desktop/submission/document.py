"""The submission document of a period: one function builds what the clerk previews,
saves, exports to sign in another tool, signs and puts in the package, from the same
inputs, so they are one document (a lần 2 carries its changes in every one of them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from desktop.documents.model import Document
from desktop.documents.narrative import Narrative, narrative
from desktop.documents.period_report import period_report
from desktop.domain.model import Plan
from desktop.domain.periods import Period
from desktop.package.layout import KEYWORD_PREFIX
from desktop.reports.status import StatusReport, build_status
from desktop.services.packages import PackageRecord
from desktop.submission.changes import changes_since
from desktop.workspace import Workspace


@dataclass(frozen=True)
class Submission:
    """A period's report as it is (or was) sent: lần `sequence`, replacing `replaces`."""

    plan: Plan
    period: Period
    report: StatusReport  # the period counted once, for the document and the data
    sequence: int  # lần 1, 2, …
    replaces: PackageRecord | None  # the package this lần replaces
    changes: list[str] | None  # what changed since `replaces` (None: lần 1)
    words: Narrative  # the report's parts, as printed (and carried in du_lieu.json)
    document: Document


def submission(
    ws: Workspace, plan: Plan, period: Period, typed: Mapping[str, str] | None = None
) -> Submission:
    """The period's report: while it is locked, the lần in force; otherwise the next
    lần to send, with what changed since the one before. `typed`: the clerk's words not
    saved yet, for the window's preview alone (narrative.narrative)."""
    sent = ws.packages.sent(plan.id, period.key)
    before = sent[:-1] if ws.locks.active(plan.id, period.key) else sent
    replaces = before[-1] if before else None
    changes = changes_since(ws, plan, period, replaces.audit_mark) if replaces else None
    report = build_status(ws, plan, period)
    words = narrative(ws, plan, period, report, typed)
    document = period_report(
        ws, plan, period, changes=changes, report=report, words=words, replaces=replaces
    )
    document = replace(document, keywords=f"{KEYWORD_PREFIX}{period.key}")
    return Submission(plan, period, report, len(before) + 1, replaces, changes, words, document)
