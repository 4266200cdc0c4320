"""Storage layer: the only package that talks to SQLite (via sqlite-utils)."""

from sqlite_utils import Database

from db.audit import audited_change
from db.connection import open_database
from db.errors import DatabaseError, IntegrityError, OperationalError
from db.schema import SchemaTooNew, migrate

__all__ = [
    "Database",
    "DatabaseError",
    "IntegrityError",
    "OperationalError",
    "SchemaTooNew",
    "audited_change",
    "migrate",
    "open_database",
]
