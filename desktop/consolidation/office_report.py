"""One office's report as received, read back from the packages kept: for a read-only
look before accepting it or returning it for correction, with what a resubmission
changed against the lần before."""

from __future__ import annotations

import json

from desktop.consolidation.differences import differences
from desktop.errors import NotFound
from desktop.package import asice
from desktop.package.layout import DATA_JSON
from desktop.services.receiving import Received
from desktop.workspace import Workspace


def _content(ws: Workspace, received: Received) -> dict:
    data = (ws.path.parent / received.file).read_bytes()
    return json.loads(asice.open_container(data).files[DATA_JSON])


def office_report(ws: Workspace, roster_id: int, period_id: str) -> tuple[Received, dict]:
    """(what was recorded, du_lieu.json) of the office's latest lần of the period."""
    received = ws.receiving.latest(roster_id, period_id)
    if received is None:
        raise NotFound("Đơn vị này chưa gửi gói nào cho kỳ này.")
    return received, _content(ws, received)


def since_previous(ws: Workspace, roster_id: int, period_id: str) -> list[str] | None:
    """What the latest lần changed against the one before it (None: only one lần)."""
    sent = [r for r in ws.receiving.for_period(period_id) if r.roster_id == roster_id]
    if len(sent) < 2:
        return None
    return differences(_content(ws, sent[-2]), _content(ws, sent[-1]))
