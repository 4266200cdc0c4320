-- A received package's task counts were kept beside it and never read: the consolidated
-- report reads them from the package itself, checked against its SHA-256 first. The table
-- is made again without them (ALTER TABLE … DROP COLUMN trips on the comments of the
-- first one); its audit triggers name every column, so they go first and are made again
-- after migrating.
DROP TRIGGER IF EXISTS "audit_trg_received_insert";
DROP TRIGGER IF EXISTS "audit_trg_received_update";
DROP TRIGGER IF EXISTS "audit_trg_received_delete";

CREATE TABLE received_new (
    id INTEGER PRIMARY KEY,
    roster_id INTEGER NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
    package_uid TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE,                -- checked before the kept file is read
    plan_number TEXT NOT NULL,
    period_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    trial INTEGER NOT NULL DEFAULT 0,
    signer TEXT NOT NULL DEFAULT '',
    file TEXT NOT NULL                          -- the package kept, beside the database
);
INSERT INTO received_new (id, roster_id, package_uid, sha256, plan_number, period_id, sequence,
                          due_on, submitted_at, received_at, trial, signer, file)
    SELECT id, roster_id, package_uid, sha256, plan_number, period_id, sequence, due_on,
           submitted_at, received_at, trial, signer, file FROM received;
DROP TABLE received;
ALTER TABLE received_new RENAME TO received;
CREATE INDEX received_period ON received(period_id, roster_id, sequence);
