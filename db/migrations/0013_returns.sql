-- The level above returns an office's report for correction: which package, why.
-- The office's app accepts the signed file and reopens the period with those reasons.
CREATE TABLE returned (
    id INTEGER PRIMARY KEY,
    roster_id INTEGER NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
    package_uid TEXT NOT NULL,
    period_id TEXT NOT NULL,
    reasons TEXT NOT NULL CHECK (length(trim(reasons)) > 0),
    returned_at TEXT NOT NULL
);
