"""Reading the append-only audit log."""

from __future__ import annotations

import json

from desktop.model import AuditEntry
from desktop.services.base import Service


def _entry(row: dict) -> AuditEntry:
    return AuditEntry(
        **{
            **row,
            "before": json.loads(row["before"]) if row["before"] else None,
            "after": json.loads(row["after"]) if row["after"] else None,
        }
    )


class AuditService(Service):
    def entries(
        self,
        *,
        table: str | None = None,
        row_key: str | int | None = None,
        txn: int | None = None,
        limit: int = 200,
    ) -> list[AuditEntry]:
        """Latest entries first, optionally for one table, one row or one change."""
        clauses, params = [], []
        for column, value in (("table_name", table), ("row_key", row_key), ("txn", txn)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(str(value) if column == "row_key" else value)
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._rows(
            f"SELECT * FROM audit_log {where} ORDER BY id DESC LIMIT ?", [*params, limit]
        )
        return [_entry(r) for r in rows]

    def count(self) -> int:
        return self._scalar("SELECT count(*) FROM audit_log")
