"""Which database the window shows: a file opened (to look only while another program
writes it), or the demo. A new office's database is made by the first-run wizard
(ui/first_run.py); a path that does not exist is never turned into one without asking.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from desktop.demo import build_demo
from desktop.errors import UserError
from desktop.infra.backups import Damaged
from desktop.infra.file_health import recover
from desktop.infra.paths import DB_FILE_NAME, demo_db_path
from desktop.infra.writer_lock import Locked
from desktop.workspace import Workspace
from ui import ask


def free_path(folder: Path) -> Path:
    """so_ke_hoach.db, else so_ke_hoach_2.db, … in `folder`."""
    stem, suffix = Path(DB_FILE_NAME).stem, Path(DB_FILE_NAME).suffix
    candidate, number = folder / DB_FILE_NAME, 1
    while candidate.exists():
        number += 1
        candidate = folder / f"{stem}_{number}{suffix}"
    return candidate


def open_existing(path: Path, parent: QWidget | None = None) -> Workspace:
    """Open for writing; while another program writes to it, open to look only. A damaged
    file is put right from its last good backup if the clerk agrees (the damaged one is
    kept)."""
    try:
        return Workspace.open(path, daily_backup=False)  # MainWindow takes it, once it is up
    except Locked as exc:
        ws = Workspace.open(path, read_only=True)
        ws.read_only_reason = f"{exc} Cửa sổ này chỉ xem, không ghi được"
        return ws
    except Damaged as damaged:
        question = f"{damaged}\n\nKhôi phục từ bản sao lưu đó ngay bây giờ?"
        if damaged.backup is None or not ask.confirm(parent, "Cơ sở dữ liệu đã hỏng", question):
            raise
        kept = recover(path, damaged.backup, datetime.now().astimezone())
        ws = Workspace.open(path, daily_backup=False)
        ws.warnings += (
            f"Đã khôi phục từ bản sao lưu «{damaged.backup}»; tệp hỏng được giữ ở «{kept}».",
        )
        return ws


def open_demo() -> Workspace:
    """The demo database in the data folder, made on first use."""
    path = demo_db_path()
    if path.exists():
        return open_existing(path)
    ws = Workspace.open(path, create=True)
    try:
        build_demo(ws)
    except UserError:
        ws.close()
        raise
    return ws
