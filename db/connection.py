"""Opening the SQLite file with the pragmas every connection needs, and telling our files
from anything else without touching them."""

from __future__ import annotations

import sqlite3
from enum import Enum
from pathlib import Path

from db.database import Database

BUSY_TIMEOUT_MS = 5000
# PRAGMA application_id of every database this app writes: 'SKHH'.
APPLICATION_ID = 0x534B4848
_HEADER = b"SQLite format 3\x00"
MIGRATION_SET = "so_ke_hoach"


class FileKind(Enum):
    MISSING = "missing"  # nothing there (or a link to nothing)
    EMPTY = "empty"  # a 0-byte file or an SQLite file without tables: ours to fill
    OURS = "ours"
    FOREIGN = "foreign"  # another program's SQLite database
    NOT_SQLITE = "not_sqlite"


def _uri(path: Path, **params: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in params.items())
    return f"{path.absolute().as_uri()}?{query}"


def identify(path: Path) -> FileKind:
    """What is at `path`, found by reading only: no file is created, changed or locked
    for writing, so another program's database is left exactly as it was."""
    if not path.exists():
        return FileKind.MISSING
    if path.stat().st_size == 0:
        return FileKind.EMPTY
    with path.open("rb") as file:
        header = file.read(100)
    if not header.startswith(_HEADER):
        return FileKind.NOT_SQLITE
    if int.from_bytes(header[68:72], "big") == APPLICATION_ID:
        return FileKind.OURS
    # Databases from before the mark, or whose header is still in the WAL: look inside.
    try:
        conn = sqlite3.connect(_uri(path, mode="ro"), uri=True)
    except sqlite3.Error:
        conn = sqlite3.connect(_uri(path, immutable="1"), uri=True)  # a read-only folder
    try:
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if not names:
            return FileKind.EMPTY
        if (
            "_sqlite_migrations" in names
            and conn.execute(
                "SELECT 1 FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            ).fetchone()
        ):
            return FileKind.OURS
        return FileKind.FOREIGN
    except sqlite3.DatabaseError:
        return FileKind.NOT_SQLITE
    finally:
        conn.close()


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """Read-only, never creating anything. A WAL database in a folder nobody may write to
    has no shared-memory file to open: it is read as immutable (no one can change it)."""
    for params in ({"mode": "ro"}, {"immutable": "1"}):
        conn = sqlite3.connect(
            _uri(path, **params),
            uri=True,
            isolation_level=None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            if "immutable" in params:
                raise
        except UnicodeDecodeError as exc:
            conn.close()
            raise _not_utf8(exc) from exc
    raise AssertionError("unreachable")


def open_database(path: str | Path, *, read_only: bool = False) -> Database:
    """Open the database file at `path` (creating it unless `read_only`).

    Autocommit at the driver level: the unit of work (db.audit.audited_change) issues
    BEGIN IMMEDIATE/COMMIT itself, so nothing commits behind its back. The connection
    may serve a background thread (the window's long operations), one at a time. WAL +
    synchronous=FULL: a commit is on disk once it returns, which is what survives a
    killed process or a power cut; foreign keys are per connection.
    """
    path = Path(path)
    if read_only:
        conn = _connect_read_only(path)
    else:
        conn = sqlite3.connect(
            path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False
        )
    db = Database(conn)
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the schema read now
    except sqlite3.DatabaseError:
        conn.close()
        raise
    except UnicodeDecodeError as exc:
        conn.close()
        raise _not_utf8(exc) from exc
    return db


def _not_utf8(exc: UnicodeDecodeError) -> sqlite3.DatabaseError:
    """SQLite's message quotes the damaged schema, which Python cannot decode: the
    file is as damaged as when SQLite says so itself."""
    return sqlite3.DatabaseError(f"malformed database schema (text not UTF-8: {exc.reason})")


def generation(database: Database) -> tuple[int, int] | None:
    """A value that changes whenever the data may have: another connection committed
    (data_version) or this one wrote (total_changes). None inside a transaction, whose
    writes may still be rolled back: nothing read then may be kept."""
    if database.conn.in_transaction:
        return None
    version = database.execute("PRAGMA data_version").fetchone()[0]
    return version, database.conn.total_changes
