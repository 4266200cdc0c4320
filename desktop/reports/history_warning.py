"""Whether the history of changes can be trusted, in words for the clerk."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from db import ChainReport
    from desktop.workspace import Workspace


def history_warning(ws: Workspace) -> str | None:
    """A plain sentence when the audit log was altered, else None."""
    report = ws.history
    if report is None:
        return None
    return chain_warning(report, bool(ws.restored_guards))


def chain_warning(report: ChainReport, guards_restored: bool = False) -> str | None:
    """The same sentence for an audit chain as verified (a backup's, too)."""
    problems = []
    if report.broken_seal is not None:
        problems.append(
            f"có mục nhật ký đã bị sửa hoặc xóa (từ lần niêm phong số {report.broken_seal})"
        )
    if report.outside:
        problems.append(
            f"{report.outside} thay đổi được ghi bằng chương trình khác, ngoài phần mềm"
        )
    forged = report.unsealed - report.outside
    if forged:
        problems.append(f"{forged} mục nhật ký không do phần mềm ghi")
    if guards_restored:
        problems.append("các khóa chống sửa nhật ký đã bị gỡ (nay đã đặt lại)")
    elif report.missing_guards:
        problems.append("các khóa chống sửa nhật ký đã bị gỡ")
    if not problems:
        return None
    return (
        "Lịch sử thay đổi của cơ sở dữ liệu này đã bị can thiệp: "
        + "; ".join(problems)
        + ". Số liệu có thể đã bị sửa mà không qua phần mềm."
    )
