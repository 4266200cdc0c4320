"""One office's report as received, read back from the packages kept: for a read-only
look before accepting it or returning it for correction, with what a resubmission
changed against the lần before."""

from __future__ import annotations

from desktop.consolidation.differences import differences
from desktop.consolidation.store import stored_data
from desktop.errors import NotFound
from desktop.services.receiving import Latest
from desktop.workspace import Workspace


def office_latest(ws: Workspace, roster_id: int, period_id: str) -> Latest:
    found = ws.receiving.latest(period_id).get(roster_id)
    if found is None:
        raise NotFound("Đơn vị này chưa gửi gói nào cho kỳ này.")
    return found


def office_report(ws: Workspace, roster_id: int, period_id: str) -> tuple[Latest, dict]:
    """(the latest lần as recorded, its du_lieu.json) of the office for the period."""
    found = office_latest(ws, roster_id, period_id)
    return found, stored_data(ws, found.received)


def since_previous(ws: Workspace, found: Latest) -> list[str] | None:
    """What the latest lần changed against the one before it (None: only one lần)."""
    if not found.earlier:
        return None
    return differences(stored_data(ws, found.earlier[-1]), stored_data(ws, found.received))
