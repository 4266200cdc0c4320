-- A report PDF exported to be signed in another tool (the official signing software):
-- what was exported, so the signed file is accepted back only if its signed revision
-- is exactly these bytes, and only while the period's data is as it was then.
CREATE TABLE exports_for_signing (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    audit_mark INTEGER NOT NULL,                -- the audit log's last entry at export
    exported_at TEXT NOT NULL
);
CREATE INDEX exports_for_signing_period ON exports_for_signing(plan_id, period_id);
