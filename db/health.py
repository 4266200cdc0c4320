"""Is a database file whole, and is the write-ahead log beside it its own?

SQLite trusts any `-wal` file named after the database: one copied from another database
(a stick, a restore by hand) is folded into the file at the next write and damages it for
good. The log holds no mark of the database it belongs to, so it is judged by what it
does: the file read through the log (`mode=ro`) and the file alone (`immutable=1`, which
ignores the log) must be the same database (the moment it was created and its first
audit seal, never changed afterwards) and must pass SQLite's quick check. Everything here
only reads: nothing is folded, moved or written.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

# The database's birth certificate: when its first migration ran and its first seal.
_IDENTITY = (
    "SELECT (SELECT min(applied_at) FROM _sqlite_migrations),"
    " (SELECT hash FROM audit_seals ORDER BY id LIMIT 1)"
)


class Health(Enum):
    WHOLE = "whole"
    STRAY_LOG = "stray_log"  # the file is whole, the log beside it is not its own
    DAMAGED = "damaged"


@dataclass(frozen=True)
class Finding:
    health: Health
    problem: str = ""  # SQLite's words, or what differs


def wal_of(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def quick_check(conn: sqlite3.Connection) -> str:
    """'ok', or SQLite's first complaint (a page it cannot even read is one too)."""
    try:
        said = str(conn.execute("PRAGMA quick_check(1)").fetchone()[0])
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # a message not UTF-8
        said = str(exc)
    return " ".join(said.replace("*** in database main ***", "").split())


def _connect(path: Path, params: str) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.absolute().as_uri()}?{params}", uri=True, isolation_level=None)


def _look(path: Path, params: str) -> tuple[tuple, str]:
    """The database's identity and its quick check. A part of the identity not there
    yet (a file still being made, its first seal only in the log) is None."""
    conn = _connect(path, params)
    try:
        try:
            identity = tuple(conn.execute(_IDENTITY).fetchone())
        except sqlite3.OperationalError as exc:
            if "no such table" not in str(exc):
                return (None, None), str(exc)
            identity = (None, None)  # a file still being made: nothing to compare
        except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
            return (None, None), str(exc)
        return identity, quick_check(conn)
    finally:
        conn.close()


def examine(path: Path) -> Finding:
    """How the database at `path` stands with the log beside it. The quick check reads
    every page (about 10 ms a megabyte), twice when there is a log."""
    log = wal_of(path)
    try:
        if not (log.is_file() and log.stat().st_size > 0):
            _, check = _look(path, "mode=ro")
            return Finding(Health.WHOLE) if check == "ok" else Finding(Health.DAMAGED, check)
        alone, alone_check = _look(path, "immutable=1")
        logged, logged_check = _look(path, "mode=ro")
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:
        return Finding(Health.DAMAGED, str(exc))
    if alone_check != "ok":
        return Finding(Health.DAMAGED, alone_check)
    if logged_check != "ok":
        return Finding(Health.STRAY_LOG, logged_check)
    if any(a is not None and b is not None and a != b for a, b in zip(alone, logged, strict=True)):
        return Finding(Health.STRAY_LOG, "nhật ghi tạm là của một cơ sở dữ liệu khác")
    return Finding(Health.WHOLE)
