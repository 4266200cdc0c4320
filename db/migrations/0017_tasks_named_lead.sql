-- The unit the office names to lead a task the plan gives to a group ("Các cơ quan,
-- đơn vị thuộc UBND xã") or to several units: it answers for the task when it is
-- overdue and finds it in its annex as chủ trì. NULL: the printed leads answer.
ALTER TABLE tasks ADD COLUMN named_lead_id INTEGER REFERENCES units(id) ON DELETE RESTRICT;
CREATE INDEX tasks_named_lead ON tasks(named_lead_id) WHERE named_lead_id IS NOT NULL;
