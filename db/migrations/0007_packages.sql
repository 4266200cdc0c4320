-- Submission packages sent up, and this database's own identity.
--
-- The identity is a random id made once per database: the uids in a package's data
-- (plan, tasks, indicators, budget lines) are it plus the row's id, so the level above
-- can tell one office's tasks from another's and a resubmission's rows from new ones.
CREATE TABLE database_identity (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    uid TEXT NOT NULL
);
INSERT INTO database_identity (id, uid) VALUES (1, lower(hex(randomblob(16))));

-- One row per package exported: lần N of a plan's period, the one it replaces.
CREATE TABLE packages (
    id INTEGER PRIMARY KEY,
    uid TEXT NOT NULL UNIQUE,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL,
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    replaces TEXT,
    reason TEXT NOT NULL DEFAULT '',
    trial INTEGER NOT NULL DEFAULT 0 CHECK (trial IN (0, 1)),
    UNIQUE (plan_id, period_id, sequence)
);
