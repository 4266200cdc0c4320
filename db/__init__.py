"""Storage layer: the only package that talks to SQLite (via sqlite-utils)."""

from db.audit import (
    AUDITED_TABLES,
    ChainReport,
    audited_change,
    chain_head,
    relabel,
    verify_chain,
)
from db.backup import CopyCheck, check_copy, copy_database, replace_contents
from db.connection import FileKind, generation, identify, open_database
from db.database import Database
from db.errors import DatabaseError, IntegrityError, OperationalError
from db.schema import SchemaTooNew, Upgrade, migrate, pending

__all__ = [
    "AUDITED_TABLES",
    "ChainReport",
    "CopyCheck",
    "Database",
    "DatabaseError",
    "FileKind",
    "IntegrityError",
    "OperationalError",
    "SchemaTooNew",
    "Upgrade",
    "audited_change",
    "chain_head",
    "check_copy",
    "copy_database",
    "generation",
    "identify",
    "migrate",
    "open_database",
    "pending",
    "relabel",
    "replace_contents",
    "verify_chain",
]
