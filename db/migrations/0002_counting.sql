-- Counting the way the level above counts: recurring occurrences, per-plan
-- reporting schedules, notes on transcribed data. Tables are rebuilt the way
-- sqlite.org/lang_altertable.html prescribes (foreign keys are off while this
-- runs; db/schema.py checks them before the migration commits).

-- Tasks: the deadline is read from its printed text each time a task is loaded,
-- so a better reading applies to every plan at once; only a date the clerk sets
-- by hand is stored. Old one-off due dates are kept as such; an old recurring
-- task's date was the reader's guess (31/12) and is dropped.
CREATE TABLE tasks_new (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    code TEXT NOT NULL,                         -- 'I.1'
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    deadline_text TEXT NOT NULL DEFAULT '',     -- as printed in the plan
    due_override TEXT CHECK (due_override IS NULL OR date(due_override, '+0 days') IS due_override),
    expected_product TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',              -- e.g. what was reconstructed from a bad scan
    position INTEGER NOT NULL
);
INSERT INTO tasks_new (id, section_id, code, title, deadline_text, due_override,
                       expected_product, position)
    SELECT id, section_id, code, title, deadline_text,
           CASE WHEN recurrence = 'none' THEN due_date END, expected_product, position
    FROM tasks;
DROP TABLE tasks;
ALTER TABLE tasks_new RENAME TO tasks;
CREATE INDEX tasks_section ON tasks(section_id, position);

-- Progress: a report can speak of one occurrence of a recurring task ('2025',
-- '2025-H1', '2025-Q3'), so a 2026 report can close the 2025 turn late.
-- '' is the task as a whole (one-off and continuous tasks).
CREATE TABLE task_progress_new (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL REFERENCES periods(id) ON DELETE RESTRICT,
    occurrence TEXT NOT NULL DEFAULT ''
        CHECK (occurrence = '' OR occurrence GLOB '[0-9][0-9][0-9][0-9]*'),
    status TEXT NOT NULL CHECK (status IN ('chua_thuc_hien', 'dang_thuc_hien', 'hoan_thanh')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    completed_on TEXT CHECK (completed_on IS NULL OR date(completed_on, '+0 days') IS completed_on),
    result TEXT NOT NULL DEFAULT '',
    difficulties TEXT NOT NULL DEFAULT '',
    proposals TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (task_id, period_id, occurrence),
    CHECK ((status = 'hoan_thanh') = (completed_on IS NOT NULL)),
    CHECK (status <> 'hoan_thanh' OR percent = 100),
    CHECK (status <> 'chua_thuc_hien' OR percent = 0)
);
INSERT INTO task_progress_new (id, task_id, period_id, occurrence, status, percent, completed_on,
                               result, difficulties, proposals, updated_at)
    SELECT id, task_id, period_id, '', status, percent, completed_on,
           result, difficulties, proposals, updated_at
    FROM task_progress;
DROP TABLE task_progress;
ALTER TABLE task_progress_new RENAME TO task_progress;
CREATE INDEX task_progress_period ON task_progress(period_id);

-- The office's default rules can close data in another month than the last one.
ALTER TABLE period_rules ADD COLUMN close_month_offset INTEGER NOT NULL DEFAULT 0
    CHECK (close_month_offset BETWEEN -11 AND 12);

-- A plan's own reporting schedule: the kinds of report it requires and, for each,
-- the day data closes and the day the report is due (day of the period's last
-- month, shifted by a number of months). Validated in full by the core.
CREATE TABLE plan_schedules (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'half', 'nine_months', 'year')),
    close_day INTEGER NOT NULL CHECK (close_day BETWEEN 1 AND 31),
    close_month_offset INTEGER NOT NULL DEFAULT 0 CHECK (close_month_offset BETWEEN -11 AND 12),
    due_day INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 31),
    due_month_offset INTEGER NOT NULL DEFAULT 0 CHECK (due_month_offset BETWEEN -11 AND 12),
    source_text TEXT NOT NULL DEFAULT '',       -- the plan's words, e.g. 'trước ngày 30/11'
    UNIQUE (plan_id, kind),
    CHECK (close_month_offset < due_month_offset
           OR (close_month_offset = due_month_offset AND close_day <= due_day))
);

-- A period's dates for a plan with its own rule for that kind, fixed once the
-- period is used (or set by hand) so a later change of rule does not move them.
CREATE TABLE plan_periods (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL REFERENCES periods(id) ON DELETE RESTRICT,
    data_from TEXT NOT NULL CHECK (date(data_from, '+0 days') IS data_from),
    data_to TEXT NOT NULL CHECK (date(data_to, '+0 days') IS data_to),
    due_on TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on),
    UNIQUE (plan_id, period_id),
    CHECK (data_from <= data_to)
);

ALTER TABLE indicators ADD COLUMN note TEXT NOT NULL DEFAULT '';
