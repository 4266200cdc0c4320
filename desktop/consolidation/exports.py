"""The level above's own documents of a period, saved as PDF or workbook: the
consolidated report and the list of offices to chase. The window's Xuất dialog and
`consolidate` both save through `save_document`."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from desktop.consolidation.chase import chase_document
from desktop.consolidation.report import consolidated
from desktop.documents import saving
from desktop.workspace import Workspace


class Export(StrEnum):
    CONSOLIDATED = "tong-hop"
    CHASE = "can-nhac"


TITLES = {
    Export.CONSOLIDATED: "Báo cáo tổng hợp",
    Export.CHASE: "Danh sách đơn vị cần nhắc",
}


def file_name(export: Export, period_id: str, suffix: str) -> str:
    """'tong-hop_2025-Q4.xlsx': ASCII, as every file the app suggests."""
    return f"{export.value}_{period_id}{suffix}"


def save_document(ws: Workspace, export: Export, period_id: str, path: Path) -> Path:
    """Write the period's document as the file's suffix says (.pdf or .xlsx), whole or not
    at all."""
    make = consolidated if export is Export.CONSOLIDATED else chase_document
    return saving.save(make(ws, period_id), path)
