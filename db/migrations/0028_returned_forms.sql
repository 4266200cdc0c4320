-- The units' progress forms taken back (issue 27): each file by its SHA-256, so the same
-- file taken again changes nothing; which unit returned its form for which period of a
-- plan, and when (the tracking of who has and who has not); and what each row it
-- recorded said (JSON: row key -> fingerprint), so that a unit's later form is not taken
-- for a conflict with the unit's own earlier one. The unit's name is kept as it was: a
-- unit merged into another one leaves its forms behind.
CREATE TABLE returned_forms (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL,
    unit_id INTEGER REFERENCES units(id) ON DELETE SET NULL,
    unit_name TEXT NOT NULL,
    form_uid TEXT NOT NULL,
    file_name TEXT NOT NULL,
    taken_at TEXT NOT NULL,
    rows TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX returned_forms_period ON returned_forms(plan_id, period_id);
