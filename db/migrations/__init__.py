"""Numbered schema migrations, applied in order with sqlite-utils `Migrations`.

Each `NNNN_name.sql` file in this folder is one migration, run in its own
transaction together with the record that it was applied. Never edit a file
that has shipped: add the next number instead.

Which are applied is read with one query (`applied_names`): every open asks, and only
an upgrade needs sqlite-utils (`migration_set()`, built on first use).
"""

from __future__ import annotations

import sqlite3
from functools import cache
from pathlib import Path

SET_NAME = "so_ke_hoach"
TABLE = "_sqlite_migrations"  # where sqlite-utils' Migrations records what it applied

_FILES = sorted(Path(__file__).resolve().parent.glob("*.sql"))  # the bundle has them there
KNOWN_NAMES: list[str] = [e.name.removesuffix(".sql") for e in _FILES]


def applied_names(db) -> list[str]:
    """The migrations recorded in the file, in the order they were applied."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [TABLE]).fetchone():
        return []
    sql = f"SELECT name FROM {TABLE} WHERE migration_set = ? ORDER BY rowid"
    return [row[0] for row in db.execute(sql, [SET_NAME])]


@cache
def migration_set():
    from sqlite_utils import Migrations

    migrations = Migrations(SET_NAME)
    assert migrations.migrations_table == TABLE
    for entry in _FILES:

        def apply(db, sql: str = entry.read_text(encoding="utf-8")) -> None:
            db.executescript(sql)
            # Rebuilt tables are checked here, inside the migration's transaction,
            # since foreign keys are off while migrations run (db/schema.py).
            broken = db.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise sqlite3.IntegrityError(f"foreign key check failed: {broken[:5]}")

        migrations(name=entry.name.removesuffix(".sql"))(apply)
    return migrations
