"""Bringing a database file up to the schema this build knows, safely under concurrency."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from db.audit import missing_guards, seal, stale_triggers, sync_triggers
from db.connection import APPLICATION_ID
from db.database import Database
from db.migrations import KNOWN_NAMES, applied_names, migration_set

SEALED_AUDIT = "0003_sealed_audit"  # from this one on, the app seals its changes


class SchemaTooNew(Exception):
    """The file was written by a newer build; opening it could lose data."""

    def __init__(self, unknown: list[str]):
        super().__init__(", ".join(unknown))
        self.unknown = unknown


@dataclass(frozen=True)
class Upgrade:
    """What `migrate` did: the migrations it applied and the guards it put back."""

    applied: list[str]  # migrations applied now
    restored_guards: list[str]  # append-only guards someone had removed


def pending(db: Database) -> list[str]:
    """Migrations this file still needs; refuses a file from a newer build."""
    applied = set(applied_names(db))
    unknown = sorted(applied - set(KNOWN_NAMES))
    if unknown:
        raise SchemaTooNew(unknown)
    return [name for name in KNOWN_NAMES if name not in applied]


def migrate(db: Database, before: Callable[[list[str]], None] | None = None) -> Upgrade:
    """Apply pending migrations and refresh audit triggers and guards, all in one write
    transaction that looks again once it holds the lock, so two programs opening a new
    file at once do not both create it. `before(names)` runs first when an existing
    file is to be upgraded (the core takes a backup there)."""
    waiting = pending(db)
    if not waiting and not stale_triggers(db):
        return Upgrade([], [])
    if waiting and waiting[0] != KNOWN_NAMES[0] and before is not None:
        # Before the write transaction: SQLite cannot copy a database out of the
        # connection that is writing it. Another program upgrading meanwhile is harmless.
        before(waiting)
    # A table rebuild must neither cascade nor be refused by foreign keys; the pragma
    # is a no-op inside a transaction, so it is set around it. Migrations check keys.
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            names = pending(db)  # again, now that no one else can write
            had_entries = "audit_log" in db.table_names() and bool(
                db.execute("SELECT 1 FROM audit_log LIMIT 1").fetchone()
            )
            removed = [] if names else missing_guards(db)
            migration_set().apply(db)
            if SEALED_AUDIT in names and had_entries:
                seal(db, None, datetime.now(UTC).isoformat(timespec="seconds"))
            sync_triggers(db)
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            db.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.execute("ROLLBACK")
            raise
    finally:
        db.execute("PRAGMA foreign_keys = ON")
    return Upgrade(names, removed)
