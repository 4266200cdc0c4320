"""Numbered schema migrations, applied in order with sqlite-utils `Migrations`.

Each `NNNN_name.sql` file in this folder is one migration, run in its own
transaction together with the record that it was applied. Never edit a file
that has shipped: add the next number instead.
"""

from __future__ import annotations

import sqlite3
from importlib import resources

from sqlite_utils import Database, Migrations

MIGRATIONS = Migrations("so_ke_hoach")
KNOWN_NAMES: list[str] = []


def _register_sql_files() -> None:
    folder = resources.files(__package__)
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".sql"):
            continue
        sql = entry.read_text(encoding="utf-8")

        def apply(db: Database, sql: str = sql) -> None:
            db.executescript(sql)
            # Rebuilt tables are checked here, inside the migration's transaction,
            # since foreign keys are off while migrations run (db/schema.py).
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"foreign key check failed: {broken[:5]}")

        name = entry.name.removesuffix(".sql")
        MIGRATIONS(name=name)(apply)
        KNOWN_NAMES.append(name)


_register_sql_files()
