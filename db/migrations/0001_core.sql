-- Core schema of Sổ Kế hoạch. Money is integer đồng; dates are ISO 'YYYY-MM-DD';
-- timestamps are UTC ISO 8601. Every table has an integer `id` (periods: text id)
-- so the audit triggers can name the row they record. Date checks use the
-- '+0 days' modifier: bare date() accepts 2025-02-30, a modifier normalises it.

CREATE TABLE office (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,                         -- 'Trần Liêu' (without the level word)
    level TEXT NOT NULL CHECK (level IN ('xa', 'phuong', 'dac_khu', 'huyen', 'tinh')),
    agency_code TEXT NOT NULL DEFAULT '',       -- mã định danh điện tử của cơ quan
    parent_name TEXT NOT NULL DEFAULT '',       -- 'thành phố Hải Phòng'
    place_name TEXT NOT NULL DEFAULT ''         -- địa danh ghi trên văn bản
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
    short_name TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT 'khac'
        CHECK (kind IN ('phong', 'don_vi', 'nganh_doc', 'cap_tren', 'nhom', 'khac')),
    position INTEGER NOT NULL DEFAULT 0,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL CHECK (length(trim(number)) > 0),   -- số ký hiệu '79/KH-UBND'
    issued_on TEXT NOT NULL CHECK (date(issued_on, '+0 days') IS issued_on),
    issuer TEXT NOT NULL,                                     -- cơ quan ban hành
    summary TEXT NOT NULL,                                    -- trích yếu
    start_year INTEGER NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
    end_year INTEGER NOT NULL CHECK (end_year BETWEEN start_year AND 2100),
    version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
    source TEXT NOT NULL DEFAULT '',                          -- nguồn: nhập tay, tệp, dữ liệu mẫu
    created_at TEXT NOT NULL,
    UNIQUE (number, issued_on, version)
);

CREATE TABLE sections (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code TEXT NOT NULL,                         -- 'I', 'II', ...
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    position INTEGER NOT NULL,
    UNIQUE (plan_id, code)
);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    section_id INTEGER NOT NULL REFERENCES sections(id) ON DELETE CASCADE,
    code TEXT NOT NULL,                         -- 'I.1'
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    deadline_text TEXT NOT NULL DEFAULT '',     -- as printed in the plan
    due_date TEXT CHECK (due_date IS NULL OR date(due_date, '+0 days') IS due_date),
    recurrence TEXT NOT NULL DEFAULT 'none'
        CHECK (recurrence IN ('none', 'thuong_xuyen', 'hang_nam')),
    expected_product TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    CHECK (recurrence <> 'hang_nam' OR due_date IS NOT NULL)
);
CREATE INDEX tasks_section ON tasks(section_id, position);

CREATE TABLE indicator_groups (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    title TEXT NOT NULL,
    position INTEGER NOT NULL,
    UNIQUE (plan_id, code)
);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES indicator_groups(id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),
    unit_of_measure TEXT NOT NULL DEFAULT '',
    output TEXT NOT NULL DEFAULT '',            -- sản phẩm đầu ra
    position INTEGER NOT NULL,
    UNIQUE (group_id, code)
);

CREATE TABLE indicator_targets (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    target_text TEXT NOT NULL,                  -- as printed: '≥ 60%', 'Phấn đấu ít nhất 3%'
    comparator TEXT CHECK (comparator IN ('>=', '>', '<=', '<', 'between')),
    value REAL,
    value_max REAL,
    UNIQUE (indicator_id, year),
    CHECK ((comparator IS NULL) = (value IS NULL)),
    CHECK ((comparator = 'between') = (value_max IS NOT NULL))
);

-- Who leads / coordinates a task or an indicator.
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    task_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    indicator_id INTEGER REFERENCES indicators(id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE RESTRICT,
    role TEXT NOT NULL CHECK (role IN ('lead', 'coordinate')),
    position INTEGER NOT NULL,
    CHECK ((task_id IS NULL) <> (indicator_id IS NULL))
);
CREATE UNIQUE INDEX assignments_task ON assignments(task_id, role, unit_id)
    WHERE task_id IS NOT NULL;
CREATE UNIQUE INDEX assignments_indicator ON assignments(indicator_id, role, unit_id)
    WHERE indicator_id IS NOT NULL;
CREATE INDEX assignments_unit ON assignments(unit_id);

-- Defaults used when a reporting period is first materialised (NĐ 09/2019/NĐ-CP).
CREATE TABLE period_rules (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL UNIQUE
        CHECK (kind IN ('month', 'quarter', 'half', 'nine_months', 'year')),
    close_day INTEGER NOT NULL CHECK (close_day BETWEEN 1 AND 31),
    due_day INTEGER NOT NULL CHECK (due_day BETWEEN 1 AND 31),
    due_month_offset INTEGER NOT NULL DEFAULT 0 CHECK (due_month_offset BETWEEN -11 AND 12)
);
INSERT INTO period_rules (kind, close_day, due_day, due_month_offset) VALUES
    ('month', 14, 20, 0),
    ('quarter', 14, 20, 0),
    ('half', 14, 20, 0),
    ('nine_months', 14, 20, 0),
    ('year', 14, 20, 0);

CREATE TABLE periods (
    id TEXT PRIMARY KEY,                        -- '2025-10', '2025-Q4', '2025-H1', '2025-9M', '2025'
    kind TEXT NOT NULL CHECK (kind IN ('month', 'quarter', 'half', 'nine_months', 'year')),
    year INTEGER NOT NULL,
    number INTEGER,                             -- month, quarter or half number
    data_from TEXT NOT NULL CHECK (date(data_from, '+0 days') IS data_from),
    data_to TEXT NOT NULL CHECK (date(data_to, '+0 days') IS data_to),
    due_on TEXT NOT NULL CHECK (date(due_on, '+0 days') IS due_on),
    CHECK (data_from <= data_to)
) WITHOUT ROWID;

CREATE TABLE task_progress (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL REFERENCES periods(id) ON DELETE RESTRICT,
    status TEXT NOT NULL CHECK (status IN ('chua_thuc_hien', 'dang_thuc_hien', 'hoan_thanh')),
    percent INTEGER NOT NULL CHECK (percent BETWEEN 0 AND 100),
    completed_on TEXT CHECK (completed_on IS NULL OR date(completed_on, '+0 days') IS completed_on),
    result TEXT NOT NULL DEFAULT '',            -- kết quả thực hiện
    difficulties TEXT NOT NULL DEFAULT '',      -- khó khăn, vướng mắc
    proposals TEXT NOT NULL DEFAULT '',         -- đề xuất, kiến nghị
    updated_at TEXT NOT NULL,
    UNIQUE (task_id, period_id),
    CHECK ((status = 'hoan_thanh') = (completed_on IS NOT NULL)),
    CHECK (status <> 'hoan_thanh' OR percent = 100),
    CHECK (status <> 'chua_thuc_hien' OR percent = 0)
);
CREATE INDEX task_progress_period ON task_progress(period_id);

CREATE TABLE indicator_values (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators(id) ON DELETE CASCADE,
    period_id TEXT NOT NULL REFERENCES periods(id) ON DELETE RESTRICT,
    value REAL,
    value_text TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    UNIQUE (indicator_id, period_id),
    CHECK (value IS NOT NULL OR length(value_text) > 0)
);

CREATE TABLE budget_lines (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES budget_lines(id) ON DELETE CASCADE,
    year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    code TEXT NOT NULL,                         -- '1', '2.a'
    title TEXT NOT NULL CHECK (length(trim(title)) > 0),
    funding_source TEXT NOT NULL DEFAULT '',    -- nguồn kinh phí
    estimate INTEGER CHECK (estimate IS NULL OR (typeof(estimate) = 'integer' AND estimate >= 0)),
    position INTEGER NOT NULL,
    UNIQUE (plan_id, year, code)
);
CREATE INDEX budget_lines_parent ON budget_lines(parent_id);

CREATE TABLE disbursements (
    id INTEGER PRIMARY KEY,
    budget_line_id INTEGER NOT NULL REFERENCES budget_lines(id) ON DELETE CASCADE,
    paid_on TEXT NOT NULL CHECK (date(paid_on, '+0 days') IS paid_on),
    amount INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount <> 0),
    reference TEXT NOT NULL DEFAULT '',         -- số chứng từ
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX disbursements_line ON disbursements(budget_line_id, paid_on);

CREATE TABLE attachment_blobs (
    sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
    size INTEGER NOT NULL CHECK (size >= 0),
    content BLOB NOT NULL CHECK (length(content) = size)
) WITHOUT ROWID;

CREATE TABLE attachments (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256) ON DELETE RESTRICT,
    filename TEXT NOT NULL CHECK (length(trim(filename)) > 0),
    media_type TEXT NOT NULL DEFAULT 'application/octet-stream',
    plan_id INTEGER REFERENCES plans(id) ON DELETE CASCADE,
    task_id INTEGER REFERENCES tasks(id) ON DELETE CASCADE,
    progress_id INTEGER REFERENCES task_progress(id) ON DELETE CASCADE,
    disbursement_id INTEGER REFERENCES disbursements(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    CHECK ((plan_id IS NOT NULL) + (task_id IS NOT NULL) + (progress_id IS NOT NULL)
           + (disbursement_id IS NOT NULL) = 1)
);
CREATE INDEX attachments_sha ON attachments(sha256);

-- Who is making the current change and as part of which operation; the audit
-- triggers copy this row into every entry they write.
CREATE TABLE audit_context (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    actor TEXT NOT NULL DEFAULT '',
    operation TEXT NOT NULL DEFAULT '',
    txn INTEGER NOT NULL DEFAULT 0
);
INSERT INTO audit_context (id) VALUES (1);
CREATE TRIGGER audit_context_keep BEFORE DELETE ON audit_context
BEGIN
    SELECT RAISE(ABORT, 'audit_context is permanent');
END;

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    txn INTEGER NOT NULL,
    operation TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_key TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_row ON audit_log(table_name, row_key);
CREATE INDEX audit_log_txn ON audit_log(txn);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
