"""Files attached to plans, tasks, progress reports and payments, stored by SHA-256.

Contents live inside the database (one file to back up and copy); identical
files are stored once.
"""

from __future__ import annotations

import hashlib
import mimetypes
from pathlib import Path
from typing import Literal

from desktop.domain.model import Attachment
from desktop.errors import InvalidInput, NotFound
from desktop.services.base import Service
from desktop.vietnamese.text import clean

Owner = Literal["plan_id", "task_id", "progress_id", "disbursement_id"]
MAX_BYTES = 50 * 1024 * 1024  # a scanned decision, not a video

_SELECT = (
    "SELECT a.id, a.sha256, a.filename, a.media_type, b.size, a.added_at "
    "FROM attachments a JOIN attachment_blobs b ON b.sha256 = a.sha256"
)


class AttachmentService(Service):
    def add_file(self, owner: Owner, owner_id: int, path: str | Path) -> Attachment:
        path = Path(path)
        try:
            size = path.stat().st_size
            if size > MAX_BYTES:
                raise InvalidInput(_too_big(path.name, size))
            content = path.read_bytes()
        except OSError as exc:
            raise InvalidInput(f"Không đọc được tệp «{path}»: {exc.strerror}.") from exc
        return self.add(owner, owner_id, path.name, content)

    def add(self, owner: Owner, owner_id: int, filename: str, content: bytes) -> Attachment:
        filename = clean(Path(filename).name)
        if not filename:
            raise InvalidInput("Tệp đính kèm cần có tên.")
        if len(content) > MAX_BYTES:
            raise InvalidInput(_too_big(filename, len(content)))
        table = owner.removesuffix("_id")
        table = {"plan": "plans", "task": "tasks", "progress": "task_progress"}.get(
            table, "disbursements"
        )
        digest = hashlib.sha256(content).hexdigest()
        media_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
        with self.ws.change(f"Đính kèm tệp «{filename}»"):
            if not self._scalar(f"SELECT 1 FROM {table} WHERE id = ?", [owner_id]):
                raise NotFound("Không tìm thấy mục cần đính kèm tệp.")
            if owner == "progress_id":  # evidence of a report sent up is part of it
                self._refuse_locked_report(owner_id)
            self.db.execute(
                "INSERT OR IGNORE INTO attachment_blobs (sha256, size, content) VALUES (?, ?, ?)",
                [digest, len(content), content],
            )
            attachment_id = self._insert(
                "attachments",
                {
                    "sha256": digest,
                    "filename": filename,
                    "media_type": media_type,
                    owner: owner_id,
                    "added_at": self.ws.timestamp(),
                },
            )
        return self.get(attachment_id)

    def get(self, attachment_id: int) -> Attachment:
        row = self._row(f"{_SELECT} WHERE a.id = ?", [attachment_id])
        if row is None:
            raise NotFound(f"Không tìm thấy tệp đính kèm có mã {attachment_id}.")
        return Attachment(**row)

    def list(self, owner: Owner, owner_id: int) -> list[Attachment]:
        rows = self._rows(f"{_SELECT} WHERE a.{owner} = ? ORDER BY a.id", [owner_id])
        return [Attachment(**r) for r in rows]

    def content(self, attachment_id: int) -> bytes:
        """The file's bytes, checked against the recorded SHA-256."""
        attachment = self.get(attachment_id)
        data = self._scalar(
            "SELECT content FROM attachment_blobs WHERE sha256 = ?", [attachment.sha256]
        )
        if hashlib.sha256(data).hexdigest() != attachment.sha256:
            raise InvalidInput(
                f"Tệp «{attachment.filename}» trong cơ sở dữ liệu đã bị thay đổi (sai mã băm)."
            )
        return data

    def remove(self, attachment_id: int) -> None:
        with self.ws.change("Gỡ tệp đính kèm"):
            attachment = self.get(attachment_id)
            self.ws.relabel(f"Gỡ tệp đính kèm «{attachment.filename}»")
            sql = "SELECT progress_id FROM attachments WHERE id = ?"
            report = self._scalar(sql, [attachment_id])
            if report is not None:
                self._refuse_locked_report(report)
            self.db["attachments"].delete(attachment_id)
            self.db.execute(
                "DELETE FROM attachment_blobs WHERE sha256 = ? AND NOT EXISTS "
                "(SELECT 1 FROM attachments WHERE sha256 = ?)",
                [attachment.sha256, attachment.sha256],
            )

    def _refuse_locked_report(self, progress_id: int) -> None:
        row = self._row(
            "SELECT s.plan_id, p.period_id FROM task_progress p JOIN tasks t ON t.id = p.task_id "
            "JOIN sections s ON s.id = t.section_id WHERE p.id = ?",
            [progress_id],
        )
        if row is not None:
            self.ws.locks.refuse(row["plan_id"], row["period_id"])


def _too_big(name: str, size: int) -> str:
    return (
        f"Tệp «{name}» dung lượng {size / 1024 / 1024:.1f} MB, vượt giới hạn "
        f"{MAX_BYTES // 1024 // 1024} MB cho một tệp đính kèm."
    )
