-- Two due dates (issue 21): a plan's sentence ("Định kỳ hằng năm trước ngày 30/11")
-- says when its units report to the office; due_day stays the day the office reports
-- to the level above. Schedules set before were read as both: they keep their dates.
ALTER TABLE plan_schedules ADD COLUMN units_due_day INTEGER CHECK (units_due_day BETWEEN 1 AND 31);
ALTER TABLE plan_schedules ADD COLUMN units_due_month_offset INTEGER NOT NULL DEFAULT 0
    CHECK (units_due_month_offset BETWEEN -11 AND 12);
UPDATE plan_schedules SET units_due_day = due_day, units_due_month_offset = due_month_offset;
ALTER TABLE plan_periods ADD COLUMN units_due TEXT
    CHECK (units_due IS NULL OR date(units_due, '+0 days') IS units_due);
