"""Tệp → Sao lưu… and Khôi phục…: the clerk's side of desktop.infra.backups (copies run off the
UI thread)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.errors import UserError
from desktop.infra import backups
from desktop.reports.history_warning import chain_warning
from desktop.workspace import Workspace
from ui import ask
from ui.ops import run_op


def back_up(parent: QWidget, ws: Workspace) -> None:
    suggested = ask.documents_folder() / f"{ws.path.stem}_{ws.now().astimezone():%Y%m%d-%H%M}.db"
    target = ask.save_file(parent, "Sao lưu cơ sở dữ liệu", suggested)
    if target is None:
        return

    def done(made: backups.Backup) -> None:
        text = f"Đã sao lưu vào:\n{made.path}\n\nBản sao đã được kiểm tra toàn vẹn."
        warning = chain_warning(made.check.chain) if made.check.chain else None
        if warning:  # the copy keeps the evidence as it stands
            text += f"\n\nLưu ý: {warning} Bản sao giữ nguyên hiện trạng đó để làm bằng chứng."
        ask.tell(parent, "Sao lưu", text, problem=warning is not None)

    run_op(parent, "Đang sao lưu…", lambda: ws.backups.backup(target), done, "Sao lưu")


def restore(parent: QWidget, ws: Workspace, after: Callable[[Path], None]) -> None:
    """Ask for a backup, check it, ask again, restore; `after(kept)` once it is done."""
    source = ask.open_file(parent, "Khôi phục từ bản sao lưu")
    if source is None:
        return
    try:
        check = backups.check_restorable(source)
    except UserError as exc:
        ask.tell(parent, "Khôi phục", str(exc), problem=True)
        return
    question = (
        f"Khôi phục sẽ thay toàn bộ dữ liệu đang có bằng bản sao lưu:\n{source}\n\n"
        f"Bản hiện tại được giữ lại trong thư mục {backups.folder_of(ws.path)}.\nTiếp tục?"
    )
    if check.chain and (warning := chain_warning(check.chain)):
        question = f"Bản sao lưu này có vấn đề: {warning}\n\n{question}"
    if not ask.confirm(parent, "Khôi phục dữ liệu", question):
        return

    def done(kept: Path) -> None:
        after(kept)
        ask.tell(
            parent, "Khôi phục", f"Đã khôi phục từ {source}.\nDữ liệu trước đó được giữ ở:\n{kept}"
        )

    run_op(parent, "Đang khôi phục…", lambda: ws.backups.restore(source), done, "Khôi phục")
