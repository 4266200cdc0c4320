"""Opening an evidence file with the system's viewer: its bytes (checked against their
SHA-256) are written to a temporary folder of this session, then handed to the desktop."""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from desktop.workspace import Workspace


@cache
def _folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="minh_chung_"))


def show_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_attachment(ws: Workspace, attachment_id: int) -> Path:
    """Write the file out and open it; returns where it was written."""
    attachment = ws.attachments.get(attachment_id)
    path = _folder() / f"{attachment.id}_{attachment.filename}"
    path.write_bytes(ws.attachments.content(attachment_id))
    show_file(path)
    return path
