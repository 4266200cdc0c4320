"""Tệp → Sao lưu… and Khôi phục…: the clerk's side of desktop.backups.

Each question to the clerk goes through one small function a test can replace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop import backups
from desktop.errors import UserError
from desktop.workspace import Workspace

_FILTER = "Cơ sở dữ liệu Sổ Kế hoạch (*.db);;Mọi tệp (*)"
T = TypeVar("T")


def ask_backup_target(parent: QWidget, suggested: str) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    name, _ = QFileDialog.getSaveFileName(
        parent, "Sao lưu cơ sở dữ liệu", str(Path(folder) / suggested), _FILTER
    )
    return Path(name) if name else None


def ask_restore_source(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Khôi phục từ bản sao lưu", "", _FILTER)
    return Path(name) if name else None


def confirm_restore(parent: QWidget, ws: Workspace, source: Path) -> bool:
    answer = QMessageBox.question(
        parent,
        "Khôi phục dữ liệu",
        f"Khôi phục sẽ thay toàn bộ dữ liệu đang có bằng bản sao lưu:\n{source}\n\n"
        f"Bản hiện tại được giữ lại trong thư mục {backups.folder_of(ws.path)}.\n"
        "Tiếp tục?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def tell(parent: QWidget, title: str, text: str, problem: bool = False) -> None:
    if problem:
        QMessageBox.warning(parent, title, text)
    else:
        QMessageBox.information(parent, title, text)


def _attempt(parent: QWidget, title: str, work: Callable[[], T]) -> T | None:
    """Run `work` under a busy cursor; a problem it reports is told to the clerk (None)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    except UserError as exc:
        problem = str(exc)
    finally:
        QGuiApplication.restoreOverrideCursor()
    tell(parent, title, problem, problem=True)
    return None


def back_up(parent: QWidget, ws: Workspace) -> backups.Backup | None:
    suggested = f"{ws.path.stem}_{ws.now().astimezone():%Y%m%d-%H%M}.db"
    target = ask_backup_target(parent, suggested)
    if target is None:
        return None
    made = _attempt(parent, "Sao lưu", lambda: backups.backup(ws, target))
    if made is not None:
        text = f"Đã sao lưu vào:\n{made.path}\n\nBản sao đã được kiểm tra toàn vẹn."
        tell(parent, "Sao lưu", text)
    return made


def restore(parent: QWidget, ws: Workspace) -> Path | None:
    """Returns the copy kept of the replaced data, or None when nothing changed."""
    source = ask_restore_source(parent)
    if (
        source is None
        or _attempt(parent, "Khôi phục", lambda: backups.check_restorable(source)) is None
    ):
        return None
    if not confirm_restore(parent, ws, source):
        return None
    kept = _attempt(parent, "Khôi phục", lambda: backups.restore(ws, source))
    if kept is not None:
        tell(
            parent, "Khôi phục", f"Đã khôi phục từ {source}.\nDữ liệu trước đó được giữ ở:\n{kept}"
        )
    return kept
