"""Bringing a database file up to the schema this build knows."""

from __future__ import annotations

from sqlite_utils import Database

from db.audit import sync_triggers
from db.migrations import KNOWN_NAMES, MIGRATIONS


class SchemaTooNew(Exception):
    """The file was written by a newer build; opening it could lose data."""

    def __init__(self, unknown: list[str]):
        super().__init__(", ".join(unknown))
        self.unknown = unknown


def migrate(db: Database) -> list[str]:
    """Apply pending migrations, then refresh audit triggers; returns applied names."""
    applied = {m.name for m in MIGRATIONS.applied(db)}
    unknown = sorted(applied - set(KNOWN_NAMES))
    if unknown:
        raise SchemaTooNew(unknown)
    pending = [m.name for m in MIGRATIONS.pending(db)]
    if pending:
        # A table rebuild must neither cascade nor be refused by foreign keys; the
        # pragma is a no-op inside a transaction, so it is set around them.
        db.execute("PRAGMA foreign_keys = OFF")
        try:
            MIGRATIONS.apply(db)
        finally:
            db.execute("PRAGMA foreign_keys = ON")
    sync_triggers(db)
    return pending
