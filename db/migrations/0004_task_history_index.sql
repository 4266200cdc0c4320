-- A task's change history (the detail pane) is read from the audit log by the task
-- the rows belonged to. Without these indexes each read scans the whole log (0.15 s
-- at 75 000 entries); the expressions must stay identical to the ones in
-- desktop/services/audit.py for SQLite to use them.
CREATE INDEX audit_log_by_task ON audit_log(
    coalesce(json_extract(after, '$.task_id'), json_extract(before, '$.task_id'))
) WHERE table_name IN ('assignments', 'task_progress', 'attachments');

CREATE INDEX audit_log_by_report ON audit_log(
    coalesce(json_extract(after, '$.progress_id'), json_extract(before, '$.progress_id'))
) WHERE table_name = 'attachments';
