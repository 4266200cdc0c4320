"""One office's report as received, read back from the package kept: for a read-only
look before accepting it or returning it for correction."""

from __future__ import annotations

import json

from desktop.errors import NotFound
from desktop.package import asice
from desktop.package.build import DATA_JSON
from desktop.services.receiving import Received
from desktop.workspace import Workspace


def office_report(ws: Workspace, roster_id: int, period_id: str) -> tuple[Received, dict]:
    """(what was recorded, du_lieu.json) of the office's latest lần of the period."""
    received = ws.receiving.latest(roster_id, period_id)
    if received is None:
        raise NotFound("Đơn vị này chưa gửi gói nào cho kỳ này.")
    data = (ws.path.parent / received.file).read_bytes()
    return received, json.loads(asice.open_container(data).files[DATA_JSON])
