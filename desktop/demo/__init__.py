"""Demo databases, one office each: phường Trần Liêu's NQ57 plan (79/KH-UBND, the first-run
demo) and xã Hưng Nguyên's 2026 plan with its budget (41/KH-UBND). Built through the
services in one transaction, from seed plans transcribed with full diacritics."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from desktop.domain.model import Plan
    from desktop.workspace import Workspace

# Name → module, imported when built: the seed plans are large, and every command's
# start would otherwise load them to list the choices.
DEMOS = {"tran-lieu": "desktop.demo.tran_lieu", "hung-nguyen": "desktop.demo.hung_nguyen"}
DEFAULT_DEMO = "tran-lieu"


def build_demo(ws: Workspace, which: str = DEFAULT_DEMO) -> Plan:
    """Fill the workspace with one demo (see DEMOS), all or nothing."""
    demo = importlib.import_module(DEMOS[which])
    with ws.change(f"Tạo dữ liệu mẫu: {demo.TITLE}"):
        return demo.build(ws)
