-- A period sent up in a package is locked: its progress reports and indicator values,
-- and the payments dated inside it, cannot change until the period is reopened with a
-- reason (kept here and in the audit log). The triggers refuse a write the services
-- would have refused, whatever program makes it; deleting a whole task or plan still
-- takes its rows with it (an audited change of the plan itself).
CREATE TABLE period_locks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL,
    first_day TEXT NOT NULL,                    -- the period's calendar days, for payments
    last_day TEXT NOT NULL,
    package_uid TEXT NOT NULL,
    package_file TEXT NOT NULL,
    locked_at TEXT NOT NULL,
    reopened_at TEXT,
    reopen_reason TEXT NOT NULL DEFAULT '',
    CHECK (reopened_at IS NULL OR length(trim(reopen_reason)) > 0)
);
CREATE UNIQUE INDEX period_locks_open ON period_locks(plan_id, period_id)
    WHERE reopened_at IS NULL;

-- Where the audit log stood when a package was made: the changes after it are what
-- the next package of the period lists as changed since.
ALTER TABLE packages ADD COLUMN audit_mark INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER lock_task_progress_insert BEFORE INSERT ON task_progress
WHEN EXISTS (
    SELECT 1 FROM period_locks l JOIN sections s ON s.plan_id = l.plan_id
    JOIN tasks t ON t.section_id = s.id
    WHERE t.id = NEW.task_id AND l.period_id = NEW.period_id AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;

CREATE TRIGGER lock_task_progress_update BEFORE UPDATE ON task_progress
WHEN EXISTS (
    SELECT 1 FROM period_locks l JOIN sections s ON s.plan_id = l.plan_id
    JOIN tasks t ON t.section_id = s.id
    WHERE t.id IN (OLD.task_id, NEW.task_id) AND l.period_id IN (OLD.period_id, NEW.period_id)
      AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;

CREATE TRIGGER lock_indicator_values_insert BEFORE INSERT ON indicator_values
WHEN EXISTS (
    SELECT 1 FROM period_locks l JOIN indicator_groups g ON g.plan_id = l.plan_id
    JOIN indicators i ON i.group_id = g.id
    WHERE i.id = NEW.indicator_id AND l.period_id = NEW.period_id AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;

CREATE TRIGGER lock_indicator_values_update BEFORE UPDATE ON indicator_values
WHEN EXISTS (
    SELECT 1 FROM period_locks l JOIN indicator_groups g ON g.plan_id = l.plan_id
    JOIN indicators i ON i.group_id = g.id
    WHERE i.id IN (OLD.indicator_id, NEW.indicator_id)
      AND l.period_id IN (OLD.period_id, NEW.period_id) AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;

CREATE TRIGGER lock_disbursements_insert BEFORE INSERT ON disbursements
WHEN EXISTS (
    SELECT 1 FROM period_locks l JOIN budget_lines b ON b.plan_id = l.plan_id
    WHERE b.id = NEW.budget_line_id AND NEW.paid_on BETWEEN l.first_day AND l.last_day
      AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;

CREATE TRIGGER lock_disbursements_update BEFORE UPDATE ON disbursements
WHEN EXISTS (
    SELECT 1 FROM period_locks l JOIN budget_lines b ON b.plan_id = l.plan_id
    WHERE b.id IN (OLD.budget_line_id, NEW.budget_line_id)
      AND (OLD.paid_on BETWEEN l.first_day AND l.last_day
           OR NEW.paid_on BETWEEN l.first_day AND l.last_day)
      AND l.reopened_at IS NULL)
BEGIN SELECT RAISE(ABORT, 'ky bao cao da khoa (da gui goi)'); END;
