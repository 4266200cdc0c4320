"""The packages sent up: lần N of a plan's period, and this database's identity.

A package is written whole to a temporary, then recorded with its period locked in one
change, then renamed into place and marked placed (submission/build.py). A record still
staged at the next start was cut off in between (a kill, a power cut, a stick pulled):
`settle` puts its file in place or discards the record, and says which.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import db
from desktop.domain.periods import PeriodId
from desktop.errors import UserError
from desktop.infra.atomic_files import sync_folder
from desktop.infra.untrusted_files import sha256_of
from desktop.services.base import Service


@dataclass(frozen=True)
class PackageRecord:
    uid: str
    plan_id: int
    period_id: str
    sequence: int  # lần 1, 2, …
    file_name: str
    sha256: str
    created_at: str
    replaces: str | None = None
    reason: str = ""
    trial: bool = False
    audit_mark: int = 0  # the audit log's last entry when it was made
    written_to: str = ""  # the file's full path when it was made
    staged_as: str = ""  # its temporary until it takes its name (migration 0022)


def _holds(path: Path, sha256: str) -> bool:
    """Whether `path` is a file with exactly the package's bytes."""
    try:
        with path.open("rb") as file:
            return sha256_of(file) == sha256
    except OSError:
        return False


def _record(row: dict) -> PackageRecord:
    return PackageRecord(
        **{k: v for k, v in row.items() if k != "id"} | {"trial": bool(row["trial"])}
    )


class PackageService(Service):
    def identity(self) -> str:
        """This database's random id (made by migration 0007): the prefix of every uid
        its packages carry."""
        return self._scalar("SELECT uid FROM database_identity WHERE id = 1")

    def uid(self, kind: str, row_id: int) -> str:
        """'3f2a…-t42': a task (t), plan (p), indicator (i), budget line (b) of this
        database, the same in every package."""
        return f"{self.identity()}-{kind}{row_id}"

    def sent(self, plan_id: int, period_id: str) -> list[PackageRecord]:
        rows = self._rows(
            "SELECT * FROM packages WHERE plan_id = ? AND period_id = ? ORDER BY sequence",
            [plan_id, period_id],
        )
        return [_record(r) for r in rows]

    def all(self) -> list[PackageRecord]:
        return [_record(r) for r in self._rows("SELECT * FROM packages ORDER BY id")]

    def record(self, package: PackageRecord) -> None:
        """Inside the caller's change, which locks its period too."""
        self._insert("packages", {**package.__dict__, "trial": int(package.trial)})

    def placed(self, package: PackageRecord) -> None:
        """Its file has taken its name (one change)."""
        with self.ws.change(f"Ghi xong tệp gói {package.file_name}"):
            self.db.execute("UPDATE packages SET staged_as = '' WHERE uid = ?", [package.uid])

    def discard(self, package: PackageRecord) -> None:
        """A package whose file never took its name: its record and its lock go (one
        change), as if it had not been made; nobody can have received it."""
        with self.ws.change(f"Hủy gói {package.file_name} (tệp chưa ghi xong)"):
            self.db.execute(
                "DELETE FROM period_locks WHERE package_uid = ? AND reopened_at IS NULL",
                [package.uid],
            )
            self.db.execute("DELETE FROM packages WHERE uid = ?", [package.uid])

    def staged(self) -> list[PackageRecord]:
        """Packages recorded but cut off before their file took its name."""
        rows = self._rows("SELECT * FROM packages WHERE staged_as != '' ORDER BY id")
        return [_record(r) for r in rows]

    def settle(self) -> list[str]:
        """Finish or discard every package cut off; what was done, for the clerk."""
        said = []
        for package in self.staged():
            try:
                said.append(self._settle(package))
            except (UserError, OSError) as exc:  # said; tried again at the next start
                said.append(f"Chưa xử lý được gói «{package.file_name}» bị ngắt khi ghi: {exc}")
        return said

    def _settle(self, package: PackageRecord) -> str:
        final, temporary = Path(package.written_to), Path(package.staged_as)
        period = PeriodId.parse(package.period_id).label
        which = f"Gói «{package.file_name}» ({period}, lần {package.sequence})"
        if _holds(final, package.sha256):
            self.placed(package)
            return f"{which} đã được ghi xong ở «{final}» ngay trước khi phần mềm bị ngắt."
        if not final.exists() and _holds(temporary, package.sha256):
            os.replace(temporary, final)
            sync_folder(final.parent)
            self.placed(package)
            return f"{which} bị ngắt khi đang ghi; nay đã ghi xong ở «{final}»."
        if not final.parent.is_dir():  # a stick not plugged in: its file may be there
            return (
                f"{which} bị ngắt khi đang ghi ra «{final.parent}», nơi này hiện không có (ổ "
                "USB đã rút?). Hãy cắm lại ổ rồi mở lại phần mềm để ghi xong gói."
            )
        self.discard(package)
        temporary.unlink(missing_ok=True)
        return (
            f"{which} bị ngắt khi đang ghi ra «{final.parent}» và tệp không còn: đã hủy gói "
            "đó (chưa ai nhận được nó), kỳ báo cáo chưa khóa. Hãy xuất lại gói."
        )

    def remember_export(self, plan_id: int, period, content: bytes) -> None:
        """A report PDF exported to be signed elsewhere (one change)."""
        with self.ws.change(f"Xuất PDF báo cáo {period.label} để ký"):
            self._insert(
                "exports_for_signing",
                {
                    "plan_id": plan_id,
                    "period_id": period.key,
                    "sha256": hashlib.sha256(content).hexdigest(),
                    "size": len(content),
                    "audit_mark": self.ws.audit.last_id(),
                    "exported_at": self.ws.timestamp(),
                },
            )

    def exports(self, plan_id: int, period_id: str) -> list[tuple[str, int, int]]:
        """(SHA-256, size, audit mark) of each export for signing, newest first."""
        rows = self._rows(
            "SELECT sha256, size, audit_mark FROM exports_for_signing "
            "WHERE plan_id = ? AND period_id = ? ORDER BY id DESC",
            [plan_id, period_id],
        )
        return [(r["sha256"], r["size"], r["audit_mark"]) for r in rows]

    def chain_head(self) -> tuple[int, str]:
        """(Changes sealed, hash of the last seal): the audit chain a package carries."""
        return db.chain_head(self.db)
