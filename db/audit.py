"""Tamper-evident audit log: written by triggers, sealed in a hash chain by the app.

Triggers record every insert, update and delete of the audited tables, whatever
program makes it. While the app makes a change, `audit_context` names the actor,
the operation and the transaction; between the app's changes it is inactive, so a
write from another program (the sqlite3 shell, a script) is recorded as "thay đổi
ngoài phần mềm", never under an app user. Before each change of the app commits,
its entries are sealed: one row of `audit_seals` holding the SHA-256 of those
entries chained to the previous seal. Entries no seal covers, and seals that do not
match their entries, are what `verify_chain` reports. Guard triggers keep both
tables append-only; `restore_guards` puts back any that someone dropped.

The triggers are generated from the live column list of each audited table and
re-synchronised after migrations, so a migration that adds a column gets it
recorded without hand-editing trigger SQL.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from db.database import Database

# attachment_blobs is left out on purpose: its rows are file contents, and the
# attachments table (audited) records each sha256 that is referenced.
AUDITED_TABLES = (
    "office",
    "units",
    "plans",
    "sections",
    "tasks",
    "indicator_groups",
    "indicators",
    "indicator_targets",
    "assignments",
    "period_rules",
    "periods",
    "plan_schedules",
    "plan_periods",
    "task_progress",
    "indicator_values",
    "budget_lines",
    "disbursements",
    "attachments",
    "document_settings",
    "packages",
    "period_locks",
    "trusted_roots",
    "deliveries",
    "exports_for_signing",
    "roster",
    "received",
    "quarantine",
    "returned",
    "expected_periods",
    "upper_signers",
    "applied_returns",
    "report_texts",
    "signers",
    "roster_signers",
    "revocation_lists",
    "trust_settings",
    "own_signers",
    "returned_forms",
)

OUTSIDE_ACTOR = "ngoài phần mềm"
OUTSIDE_OPERATION = "Thay đổi ngoài phần mềm"
GENESIS = "0" * 64  # the 'previous hash' of the first seal

_PREFIX = "audit_trg_"

# The append-only guards. Each is (re)created by name when missing.
GUARDS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    # INSERT OR REPLACE deletes the old row without firing delete triggers: refuse any
    # insert that does not come after the last entry (an id SQLite assigns itself reads
    # as -1 in a BEFORE trigger).
    "audit_log_no_rewrite": "CREATE TRIGGER audit_log_no_rewrite BEFORE INSERT ON audit_log "
    "WHEN NEW.id > 0 AND NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_log) "
    "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
    "audit_seals_no_update": "CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals "
    "BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END",
    "audit_seals_no_delete": "CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals "
    "BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END",
    "audit_seals_no_rewrite": "CREATE TRIGGER audit_seals_no_rewrite BEFORE INSERT ON audit_seals "
    "WHEN NEW.id > 0 AND NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_seals) "
    "BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END",
    "audit_context_keep": "CREATE TRIGGER audit_context_keep BEFORE DELETE ON audit_context "
    "BEGIN SELECT RAISE(ABORT, 'audit_context is permanent'); END",
}


def _json_row(alias: str, columns: list[str]) -> str:
    pairs = ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns)
    return f"json_object({pairs})"


def _trigger_sql(table: str, columns: list[str]) -> dict[str, str]:
    def context(column: str, outside: str) -> str:
        return (
            f"(SELECT CASE WHEN active THEN {column} ELSE {outside} END "
            "FROM audit_context WHERE id = 1)"
        )

    head = (
        "INSERT INTO audit_log (at, actor, txn, operation, table_name, row_key, action, "
        "before, after) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
        f"{context('actor', repr(OUTSIDE_ACTOR))}, {context('txn', '0')}, "
        f"{context('operation', repr(OUTSIDE_OPERATION))}, '{table}', "
    )
    changed = " OR ".join(f'OLD."{c}" IS NOT NEW."{c}"' for c in columns)
    old, new = _json_row("OLD", columns), _json_row("NEW", columns)
    return {
        f"{_PREFIX}{table}_insert": (
            f'CREATE TRIGGER "{_PREFIX}{table}_insert" AFTER INSERT ON "{table}" BEGIN '
            f"{head}NEW.id, 'insert', NULL, {new}); END"
        ),
        f"{_PREFIX}{table}_update": (
            f'CREATE TRIGGER "{_PREFIX}{table}_update" AFTER UPDATE ON "{table}" '
            f"WHEN {changed} BEGIN {head}NEW.id, 'update', {old}, {new}); END"
        ),
        f"{_PREFIX}{table}_delete": (
            f'CREATE TRIGGER "{_PREFIX}{table}_delete" AFTER DELETE ON "{table}" BEGIN '
            f"{head}OLD.id, 'delete', {old}, NULL); END"
        ),
    }


def expected_triggers(db: Database) -> dict[str, str]:
    triggers: dict[str, str] = {}
    for table in AUDITED_TABLES:
        columns = [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]
        if columns:  # a table a later migration makes has no triggers yet
            triggers.update(_trigger_sql(table, columns))
    return triggers


def _existing_triggers(db: Database) -> dict[str, str]:
    return {
        row[0]: row[1]
        for row in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    }


def stale_triggers(db: Database) -> list[str]:
    """Audit and guard triggers that are missing or differ from what the schema needs."""
    existing = _existing_triggers(db)
    wanted = {**expected_triggers(db), **GUARDS}
    stale = [name for name, sql in wanted.items() if existing.get(name) != sql]
    obsolete = [n for n in existing if n.startswith(_PREFIX) and n not in wanted]
    return stale + obsolete


def sync_triggers(db: Database) -> list[str]:
    """(Re)create audit triggers and guards that differ from the schema; returns their names.

    A missing guard means someone removed it: callers report that, since the log
    may have been altered while it was gone.
    """
    names = stale_triggers(db)
    if not names:
        return []
    wanted = {**expected_triggers(db), **GUARDS}
    with db.atomic():
        for name in names:
            db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            if name in wanted:
                db.execute(wanted[name])
    return names


def missing_guards(db: Database) -> list[str]:
    existing = _existing_triggers(db)
    return [name for name, sql in GUARDS.items() if existing.get(name) != sql]


# An entry as sealed: (id, txn, its columns exactly as stored as one JSON array, written
# by SQLite itself so the same row always gives the same text).
_ENTRY = (
    "SELECT id, txn, json_array(id, at, actor, txn, operation, table_name, row_key, action, "
    "before, after) FROM audit_log"
)


def _digest(previous: str, entries: list[tuple]) -> str:
    """SHA-256 over the previous seal's hash and the entries' texts, in order."""
    hasher = hashlib.sha256(previous.encode())
    for entry in entries:
        hasher.update(b"\n")
        hasher.update(entry[2].encode())
    return hasher.hexdigest()


def chain_head(db: Database) -> tuple[int, str]:
    """(Number of seals, hash of the last one): what a package carries upward."""
    row = db.execute(
        "SELECT count(*), (SELECT hash FROM audit_seals ORDER BY id DESC LIMIT 1) FROM audit_seals"
    ).fetchone()
    return row[0], row[1] or GENESIS


def seal(db: Database, txn: int | None, at: str) -> frozenset[str]:
    """Seal the entries of transaction `txn` (None: every entry not yet sealed, once, when
    a database from before the chain is upgraded). Runs inside the change it seals.
    Returns the tables those entries touched."""
    last = db.execute("SELECT coalesce(max(last_entry), 0) FROM audit_seals").fetchone()[0]
    if txn is None:
        where, params = "id > ?", [last]
    else:
        where, params = "txn = ? AND id > ?", [txn, last]
    entries = db.execute(f"{_ENTRY} WHERE {where} ORDER BY id", params).fetchall()
    if not entries:
        return frozenset()
    _, previous = chain_head(db)
    db.execute(
        "INSERT INTO audit_seals (txn, first_entry, last_entry, entries, at, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            txn,
            entries[0][0],
            entries[-1][0],
            len(entries),
            at,
            previous,
            _digest(previous, entries),
        ],
    )
    tables = db.execute(
        "SELECT DISTINCT table_name FROM audit_log WHERE id BETWEEN ? AND ?",
        [entries[0][0], entries[-1][0]],
    )
    return frozenset(row[0] for row in tables)


@dataclass(frozen=True)
class ChainReport:
    """What verifying the audit log found: the seal chain, unsealed entries, missing guards."""

    seals: int
    head: str
    broken_seal: int | None  # the first seal whose entries or link do not match
    unsealed: int  # entries no seal covers: written outside the app, or forged
    outside: int  # of those, recorded by the triggers as outside the app
    missing_guards: tuple[str, ...]

    @property
    def intact(self) -> bool:
        return self.broken_seal is None and not self.unsealed and not self.missing_guards


def verify_chain(db: Database) -> ChainReport:
    """Recompute every seal from the entries it covers and follow the chain, in one pass
    over the log in order (single writer: a change's entries are consecutive)."""
    seals = db.execute(
        "SELECT id, txn, first_entry, last_entry, entries, prev_hash, hash FROM audit_seals "
        "ORDER BY id"
    ).fetchall()
    entries = iter(db.execute(f"{_ENTRY} ORDER BY id"))
    pending = next(entries, None)
    previous, broken, unsealed, outside = GENESIS, None, 0, 0
    for seal_id, txn, first, last, count, prev_hash, digest in seals:
        covered = []
        while pending is not None and pending[0] <= last:
            if pending[0] >= first and txn in (None, pending[1]):
                covered.append(pending)
            else:
                unsealed, outside = unsealed + 1, outside + (pending[1] == 0)
            pending = next(entries, None)
        if broken is None and (
            prev_hash != previous or len(covered) != count or _digest(previous, covered) != digest
        ):
            broken = seal_id
        previous = digest
    while pending is not None:
        unsealed, outside = unsealed + 1, outside + (pending[1] == 0)
        pending = next(entries, None)
    return ChainReport(len(seals), previous, broken, unsealed, outside, tuple(missing_guards(db)))


@dataclass
class Sealed:
    """What a change wrote, known once it is sealed: the tables its entries touched
    (empty for a change nested in another one, which the outer change seals)."""

    tables: frozenset[str] = frozenset()


@contextmanager
def audited_change(db: Database, operation: str, actor: str, now: str) -> Iterator[Sealed]:
    """One unit of work: a write transaction whose audit entries share a txn number and
    are sealed before it commits. Nested calls become savepoints and keep the outer label.

    The transaction is IMMEDIATE: the write lock is taken before anything is read, so
    what a change checks cannot be changed by another writer before it writes.
    """
    sealed = Sealed()
    if db.conn.in_transaction:
        with db.atomic():
            yield sealed
        return
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(
            "UPDATE audit_context SET txn = txn + 1, operation = ?, actor = ?, active = 1 "
            "WHERE id = 1",
            [operation, actor],
        )
        yield sealed
        txn = db.execute("SELECT txn FROM audit_context WHERE id = 1").fetchone()[0]
        sealed.tables = seal(db, txn, now)
        db.execute("UPDATE audit_context SET active = 0 WHERE id = 1")
        db.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.execute("ROLLBACK")
        raise


def relabel(db: Database, operation: str) -> None:
    """Name the change in progress once what it touches is known (inside the change)."""
    db.execute("UPDATE audit_context SET operation = ? WHERE id = 1 AND active", [operation])
