"""Append-only audit log written by triggers, so no code path can change data unrecorded.

The triggers are generated from the live column list of each audited table and
re-synchronised after migrations, so a migration that adds a column gets it
recorded without hand-editing trigger SQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlite_utils import Database

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
)

_PREFIX = "audit_trg_"


def _json_row(alias: str, columns: list[str]) -> str:
    pairs = ", ".join(f"'{c}', {alias}.\"{c}\"" for c in columns)
    return f"json_object({pairs})"


def _trigger_sql(table: str, columns: list[str]) -> dict[str, str]:
    context = "(SELECT {} FROM audit_context WHERE id = 1)"
    head = (
        "INSERT INTO audit_log (at, actor, txn, operation, table_name, row_key, action, "
        "before, after) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), "
        f"{context.format('actor')}, {context.format('txn')}, {context.format('operation')}, "
        f"'{table}', "
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
        columns = [c.name for c in db[table].columns]
        triggers.update(_trigger_sql(table, columns))
    return triggers


def sync_triggers(db: Database) -> int:
    """(Re)create audit triggers whose SQL differs from the current schema; returns count."""
    expected = expected_triggers(db)
    existing = {
        row["name"]: row["sql"]
        for row in db.query(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ?",
            [f"{_PREFIX}%"],
        )
    }
    stale = [name for name, sql in expected.items() if existing.get(name) != sql]
    obsolete = [name for name in existing if name not in expected]
    if not stale and not obsolete:
        return 0
    with db.atomic():
        for name in stale + obsolete:
            db.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        for name in stale:
            db.execute(expected[name])
    return len(stale) + len(obsolete)


@contextmanager
def audited_change(db: Database, operation: str, actor: str) -> Iterator[None]:
    """One unit of work: a transaction whose audit entries share a txn number.

    Nested calls become savepoints of the outer change and keep its label.
    """
    outermost = not db.conn.in_transaction
    with db.atomic():
        if outermost:
            db.execute(
                "UPDATE audit_context SET txn = txn + 1, operation = ?, actor = ? WHERE id = 1",
                [operation, actor],
            )
        yield
