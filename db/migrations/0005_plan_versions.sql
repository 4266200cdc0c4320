-- A newer version of a plan may drop tasks or indicators. They are kept, with their
-- reports, values and evidence, marked with the plan version that no longer has them
-- ("không còn trong kế hoạch"); NULL: still in the plan.
ALTER TABLE tasks ADD COLUMN retired_in INTEGER CHECK (retired_in IS NULL OR retired_in >= 2);
ALTER TABLE indicators ADD COLUMN retired_in INTEGER CHECK (retired_in IS NULL OR retired_in >= 2);
