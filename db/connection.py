"""Opening the SQLite file with the pragmas every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

BUSY_TIMEOUT_MS = 5000


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) the database file at `path`.

    Autocommit at the driver level: sqlite-utils' `atomic()` issues BEGIN/COMMIT
    itself, so nothing commits behind the back of a unit of work.
    WAL + synchronous=FULL: a commit is on disk once it returns, which is what
    survives a killed process or a power cut; foreign keys are per connection.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    db = Database(conn)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
    except sqlite3.DatabaseError:
        conn.close()
        raise
    return db
