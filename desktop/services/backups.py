"""The open database's backups: the day's first copy, the clerk's own, and a restore
that keeps what it replaces (desktop/infra/backups.py copies and checks the files)."""

from __future__ import annotations

from pathlib import Path

import db
from desktop.errors import UserError
from desktop.infra.backups import (
    BEFORE_RESTORE,
    DAILY,
    Backup,
    automatic,
    check_restorable,
    copy_to,
    folder_of,
)
from desktop.infra.problems import explain
from desktop.services.base import Service


class BackupService(Service):
    def daily(self) -> Path | None:
        """Today's copy, unless there is one already. The workspace may be a read-only
        view of the file (Workspace.reader): the window takes it off its UI thread."""
        ws = self.ws
        today = ws.now().astimezone().strftime("%Y%m%d")
        if any(folder_of(ws.path).glob(f"{ws.path.stem}_{today}-*_{DAILY}.db")):
            return None
        return automatic(ws.db, ws.path, DAILY, ws.now().astimezone())

    def daily_problem(self) -> str | None:
        """Take today's copy; what went wrong, in words, instead of an error: a missing
        backup must not stop the day's work."""
        try:
            self.daily()
        except UserError as exc:
            return f"Chưa tạo được bản sao lưu hằng ngày: {exc}"
        return None

    def backup(self, dest: Path) -> Backup:
        """The clerk's own backup, to a file or into a folder (a USB stick)."""
        ws = self.ws
        dest = dest.expanduser()
        if dest.is_dir():
            dest = dest / f"{ws.path.stem}_{ws.now().astimezone():%Y%m%d-%H%M%S}.db"
        if dest.exists():
            raise UserError(f"Đã có tệp «{dest}»; hãy chọn tên khác để không ghi đè.")
        if dest.resolve() == ws.path.resolve():
            raise UserError("Không thể sao lưu đè lên chính cơ sở dữ liệu đang mở.")
        if not dest.parent.is_dir():
            raise UserError(f"Không có thư mục «{dest.parent}».")
        return copy_to(ws.db, ws.path, dest)

    def restore(self, source: Path) -> Path:
        """Replace everything in the open database with `source`; returns the copy kept of
        what it replaced. The caller asks the clerk first."""
        ws = self.ws
        source = source.expanduser()
        check_restorable(source)
        if source.resolve() == ws.path.resolve():
            raise UserError("Tệp khôi phục chính là cơ sở dữ liệu đang mở.")
        ws.require_writable("Khôi phục dữ liệu")
        kept = automatic(ws.db, ws.path, BEFORE_RESTORE, ws.now().astimezone())
        try:
            db.replace_contents(ws.db, source)
            db.migrate(ws.db)
        except (db.DatabaseError, OSError) as exc:
            raise UserError(
                f"Không khôi phục được: {explain(exc, ws.path)}. "
                f"Bản trước khi khôi phục ở «{kept}»."
            ) from exc
        ws.contents_replaced()
        return kept
