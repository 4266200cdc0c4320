-- The periods the level above expects reports for, with its own due dates: a package
-- for any other period is not taken into the totals, and lateness is counted against
-- these dates when they are set (else against the due date the package states).
CREATE TABLE expected_periods (
    id TEXT PRIMARY KEY,                        -- the period id: '2025', '2025-Q4'
    due_on TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on)
) WITHOUT ROWID;
