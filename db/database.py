"""One SQLite connection, with sqlite-utils' table helpers loaded on first use.

Most starts only read (`status`, the window's first screen), and importing sqlite-utils
(with click and dateutil behind it) was about a third of a `status` command. Reads and
statements go straight to the connection; `db["table"]` (insert, update, upsert,
delete) and anything else of sqlite-utils' Database bring it in when first asked for.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any


class Database:
    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn  # opened with isolation_level=None: no implicit transactions
        self._utils = None
        # sqlite-utils turns this on for its connections; the triggers were written so.
        conn.execute("PRAGMA recursive_triggers = on")

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None):
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    def executescript(self, sql: str) -> sqlite3.Cursor:
        # sqlite-utils runs it statement by statement inside a transaction, where
        # sqlite3's own executescript would commit first (a migration is inside one).
        return self.utils.executescript(sql)

    def table_names(self) -> list[str]:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
        return [row[0] for row in self.conn.execute(sql)]

    def close(self) -> None:
        self.conn.close()

    @property
    def utils(self):
        """sqlite-utils' Database over the same connection, made on first use."""
        if self._utils is None:
            from sqlite_utils import Database as UtilsDatabase

            self._utils = UtilsDatabase(
                self.conn, recursive_triggers=False, execute_plugins=False
            )  # both already settled: the pragma above, and no plugin scan
        return self._utils

    def table(self, name: str):
        return self.utils.table(name)

    def __getitem__(self, name: str):
        return self.utils[name]

    def __getattr__(self, name: str):  # the rest of sqlite-utils' API, when used
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.utils, name)
