"""What every service shares: access to the workspace and small query helpers."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop.errors import InvalidInput, NotFound

if TYPE_CHECKING:
    from desktop.workspace import Workspace


# The ids of a plan's tasks, as a subquery taking the plan id as its one parameter.
# Filtering reports with IN on it is about a third faster than joining tasks and
# sections for each of a big plan's tens of thousands of reports.
PLAN_TASKS = "SELECT t.id FROM tasks t JOIN sections s ON s.id = t.section_id WHERE s.plan_id = ?"


class Service:
    def __init__(self, ws: Workspace):
        self.ws = ws

    @property
    def db(self):
        return self.ws.db

    def _insert(self, table: str, record: dict) -> int:
        """Insert one row into an existing table; returns its primary key."""
        return self.db.table(table).insert(record).last_pk

    def _next_position(self, table: str, **scope: object) -> int:
        """Position after the last row of `table` within `scope` (column=value pairs);
        call it inside the change that inserts, so two inserts cannot share it."""
        where = " AND ".join(f"{column} = ?" for column in scope) or "1"
        sql = f"SELECT max(position) FROM {table} WHERE {where}"
        return 1 + (self._scalar(sql, list(scope.values())) or 0)

    def _rows(self, sql: str, params: Iterable[Any] | dict | None = None) -> list[dict]:
        # Straight from the cursor: sqlite-utils' query() builds each dict in a
        # generator, several times slower on the thousands of rows of a big plan.
        cursor = self.db.execute(sql, params if params is not None else [])
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def _row(self, sql: str, params: Iterable[Any] | dict | None = None) -> dict | None:
        rows = self._rows(sql, params)
        return rows[0] if rows else None

    def _one(self, sql: str, params: Iterable[Any] | dict | None = None) -> dict:
        """The row the query must find: one just written, or one always there."""
        row = self._row(sql, params)
        if row is None:
            raise NotFound(f"Không tìm thấy dữ liệu cần đọc ({sql.split(' WHERE ')[0]}).")
        return row

    def _scalar(self, sql: str, params: Iterable[Any] | dict | None = None) -> Any:
        row = self.db.execute(sql, list(params or [])).fetchone()
        return row[0] if row else None


def swap_with_neighbour(
    service: Service, table: str, row_id: int, step: int, **scope: object
) -> bool:
    """Move a row one place up (step < 0) or down among the rows of `table` sharing
    `scope` (column=value pairs), by swapping positions with its neighbour. Call it
    inside a change. False when it is already first or last."""
    where = " AND ".join(f"{column} = ?" for column in scope) or "1"
    position = service._scalar(f"SELECT position FROM {table} WHERE id = ?", [row_id])
    compare, order = ("<", "DESC") if step < 0 else (">", "ASC")
    neighbour = service._row(
        f"SELECT id, position FROM {table} WHERE {where} AND position {compare} ? "
        f"ORDER BY position {order} LIMIT 1",
        [*scope.values(), position],
    )
    if neighbour is None:
        return False
    service.db[table].update(row_id, {"position": neighbour["position"]})
    service.db[table].update(neighbour["id"], {"position": position})
    return True


def to_date(value: date | str | None, what: str) -> date | None:
    """Accept a date or 'YYYY-MM-DD' / 'DD/MM/YYYY' text; refuse anything else in Vietnamese."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    if not text:
        return None
    try:
        if "/" in text:
            day, month, year = (int(part) for part in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise InvalidInput(f"{what} «{value}» không phải ngày hợp lệ (dạng 31/12/2025).") from exc


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None
