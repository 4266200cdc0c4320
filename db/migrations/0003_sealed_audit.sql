-- A tamper-evident audit log (see db/audit.py). The app marks its own changes as
-- active in audit_context; what the triggers record while it is inactive was written
-- by another program. Each change of the app is sealed in audit_seals: a hash chain
-- over its entries. Both tables are append-only (guard triggers in db/audit.py,
-- restored on open if someone drops them).

ALTER TABLE audit_context ADD COLUMN active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1));

CREATE TABLE audit_seals (
    id INTEGER PRIMARY KEY,
    txn INTEGER UNIQUE,                         -- NULL: the entries from before the chain
    first_entry INTEGER NOT NULL,
    last_entry INTEGER NOT NULL,
    entries INTEGER NOT NULL CHECK (entries > 0),
    at TEXT NOT NULL,
    prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64),
    CHECK (first_entry <= last_entry)
);
