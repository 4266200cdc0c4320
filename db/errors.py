"""SQLite exceptions the core may catch, re-exported so only db/ imports sqlite3."""

from sqlite3 import DatabaseError, IntegrityError, OperationalError

__all__ = ["DatabaseError", "IntegrityError", "OperationalError"]
