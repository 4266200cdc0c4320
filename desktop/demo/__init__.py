"""Demo databases, one office each: phường Trần Liêu's NQ57 plan (79/KH-UBND, the first-run
demo) and xã Hưng Nguyên's 2026 plan with its budget (41/KH-UBND). Built through the
services in one transaction, from seed plans transcribed with full diacritics."""

from __future__ import annotations

from desktop.demo import hung_nguyen, tran_lieu
from desktop.model import Plan
from desktop.workspace import Workspace

DEMOS = {tran_lieu.NAME: tran_lieu, hung_nguyen.NAME: hung_nguyen}
DEFAULT_DEMO = tran_lieu.NAME


def build_demo(ws: Workspace, which: str = DEFAULT_DEMO) -> Plan:
    """Fill the workspace with one demo (see DEMOS), all or nothing."""
    demo = DEMOS[which]
    with ws.change(f"Tạo dữ liệu mẫu: {demo.TITLE}"):
        return demo.build(ws)
