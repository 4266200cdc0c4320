"""Tệp → Sao lưu… and Khôi phục…: the clerk's side of desktop.backups.

Each question to the clerk goes through one small function a test can replace.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from desktop import backups
from desktop.errors import UserError
from desktop.workspace import Workspace

_FILTER = "Cơ sở dữ liệu Sổ Kế hoạch (*.db);;Mọi tệp (*)"


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


def _busy():
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)


def _idle():
    QGuiApplication.restoreOverrideCursor()


def back_up(parent: QWidget, ws: Workspace) -> backups.Backup | None:
    suggested = f"{ws.path.stem}_{ws.now().astimezone():%Y%m%d-%H%M}.db"
    target = ask_backup_target(parent, suggested)
    if target is None:
        return None
    _busy()
    try:
        made = backups.backup(ws, target)
    except UserError as exc:
        _idle()
        tell(parent, "Sao lưu", str(exc), problem=True)
        return None
    _idle()
    tell(
        parent,
        "Sao lưu",
        f"Đã sao lưu vào:\n{made.path}\n\nBản sao đã được kiểm tra toàn vẹn.",
    )
    return made


def restore(parent: QWidget, ws: Workspace) -> Path | None:
    """Returns the copy kept of the replaced data, or None when nothing changed."""
    source = ask_restore_source(parent)
    if source is None:
        return None
    try:
        backups.check_restorable(source)
    except UserError as exc:
        tell(parent, "Khôi phục", str(exc), problem=True)
        return None
    if not confirm_restore(parent, ws, source):
        return None
    _busy()
    try:
        kept = backups.restore(ws, source)
    except UserError as exc:
        _idle()
        tell(parent, "Khôi phục", str(exc), problem=True)
        return None
    _idle()
    tell(parent, "Khôi phục", f"Đã khôi phục từ {source}.\nDữ liệu trước đó được giữ ở:\n{kept}")
    return kept
