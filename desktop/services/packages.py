"""The packages sent up: lần N of a plan's period, and this database's identity."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import db
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
        """Inside the caller's change (the package is written in the same one)."""
        self._insert("packages", {**package.__dict__, "trial": int(package.trial)})

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
