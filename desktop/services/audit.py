"""Reading the append-only audit log."""

from __future__ import annotations

import json

from desktop.domain.model import AuditEntry
from desktop.services.base import Service

# The same expressions as the indexes of migration 0004, so SQLite uses them.
_TASK_TABLES = "table_name IN ('assignments', 'task_progress', 'attachments')"
_OWNED_BY_TASK = "coalesce(json_extract(after, '$.task_id'), json_extract(before, '$.task_id'))"
_OWNED_BY_REPORT = (
    "coalesce(json_extract(after, '$.progress_id'), json_extract(before, '$.progress_id'))"
)


def _entry(row: dict) -> AuditEntry:
    return AuditEntry(
        **{
            **row,
            "before": json.loads(row["before"]) if row["before"] else None,
            "after": json.loads(row["after"]) if row["after"] else None,
        }
    )


def _loaded(text: str | None) -> dict | None:
    return json.loads(text) if text else None


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

    def for_task(self, task_id: int) -> list[AuditEntry]:
        """Every entry about a task: the task itself, its units, its progress reports
        and the files attached to it or to its reports, deleted ones included."""
        rows = self._rows(
            "SELECT * FROM audit_log WHERE table_name = 'tasks' AND row_key = ?", [str(task_id)]
        )
        rows += self._rows(
            f"SELECT * FROM audit_log WHERE {_OWNED_BY_TASK} = ? AND {_TASK_TABLES}", [task_id]
        )
        reports = [int(r["row_key"]) for r in rows if r["table_name"] == "task_progress"]
        for report in set(reports):  # files attached to a report of the task
            rows += self._rows(
                f"SELECT * FROM audit_log WHERE {_OWNED_BY_REPORT} = ? "
                "AND table_name = 'attachments'",
                [report],
            )
        return [_entry(r) for r in sorted(rows, key=lambda r: r["id"])]

    def last_id(self) -> int:
        """The newest entry's id (0 for an empty log): a mark to ask 'what since?'."""
        return self._scalar("SELECT coalesce(max(id), 0) FROM audit_log")

    def count_since(self, mark: int) -> int:
        return self._scalar("SELECT count(*) FROM audit_log WHERE id > ?", [mark])

    def net_changes(self, table: str, since: int) -> list[tuple[dict | None, dict | None]]:
        """Each row of `table` changed after entry `since`: its state before the first of
        those changes and now (None: not there), rows back where they were left out."""
        rows = self._rows(
            "SELECT row_key, before, after FROM audit_log WHERE table_name = ? AND id > ? "
            "ORDER BY id",
            [table, since],
        )
        net: dict[str, tuple[dict | None, dict | None]] = {}
        for row in rows:
            key = row["row_key"]
            first = net[key][0] if key in net else _loaded(row["before"])
            net[key] = (first, _loaded(row["after"]))
        return [pair for pair in net.values() if pair[0] != pair[1]]

    def count(self) -> int:
        return self._scalar("SELECT count(*) FROM audit_log")
