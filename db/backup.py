"""Copies of a live database through SQLite's online backup API, and checking a copy."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from db.audit import ChainReport, verify_chain
from db.connection import open_database
from db.database import Database


def copy_database(db: Database, dest: Path) -> None:
    """Write a consistent copy of `db` to `dest` (which must not exist, or be empty),
    even while other programs read or write it; the copy is on disk when this returns."""
    target = sqlite3.connect(dest)
    try:
        db.conn.backup(target)
        target.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
    finally:
        target.close()
    with dest.open("rb") as file:
        os.fsync(file.fileno())


def replace_contents(db: Database, source: Path) -> None:
    """Make the live database `db` hold exactly what `source` holds, in one step that
    other connections see whole."""
    origin = sqlite3.connect(f"{source.absolute().as_uri()}?mode=ro", uri=True)
    try:
        origin.backup(db.conn)
    finally:
        origin.close()


@dataclass(frozen=True)
class CopyCheck:
    """What checking a database copy found: SQLite's integrity check and the audit chain."""

    integrity: str  # 'ok' or SQLite's first complaint
    chain: ChainReport | None  # None when the copy predates the sealed log

    @property
    def good(self) -> bool:
        return self.integrity == "ok" and (self.chain is None or self.chain.broken_seal is None)


def check_copy(path: Path) -> CopyCheck:
    """integrity_check and the audit chain of a copy, read-only; a copy too damaged to
    be read is one whose check says why."""
    # SQLite checks CHECK constraints only on a connection that may write: a copy of our
    # own (a fresh backup) is opened so, a file given to restore read-only.
    # Opened as it is: no pragma that would change the file (a journal mode).
    writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
    if writable:
        db = Database(sqlite3.connect(f"{path.absolute().as_uri()}?mode=rw", uri=True))
    else:
        db = open_database(path, read_only=True)
    try:
        integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
        chain = verify_chain(db) if "audit_seals" in db.table_names() else None
        return CopyCheck(integrity, chain)
    except (sqlite3.DatabaseError, UnicodeDecodeError) as exc:  # past what the check can say
        return CopyCheck(str(exc), None)
    finally:
        db.close()
