-- The level above: the offices expected to report (the roster), the packages received
-- from them (the file kept beside the database, its data here), and those refused.
CREATE TABLE roster (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(trim(name)) > 0),  -- 'Trần Liêu' (without the level)
    level TEXT NOT NULL CHECK (level IN ('xa', 'phuong', 'dac_khu', 'huyen', 'tinh')),
    agency_code TEXT NOT NULL DEFAULT '',
    UNIQUE (level, name)
);

CREATE TABLE received (
    id INTEGER PRIMARY KEY,
    roster_id INTEGER NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
    package_uid TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL UNIQUE,
    plan_number TEXT NOT NULL,
    period_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    due_on TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    received_at TEXT NOT NULL,
    trial INTEGER NOT NULL DEFAULT 0,
    signer TEXT NOT NULL DEFAULT '',
    file TEXT NOT NULL,                         -- the package kept, beside the database
    summary TEXT NOT NULL                       -- its task counts by state (JSON); the
                                                -- rest of its data is read from the file
);
CREATE INDEX received_period ON received(period_id, roster_id, sequence);

CREATE TABLE quarantine (
    id INTEGER PRIMARY KEY,
    file_name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    roster_id INTEGER REFERENCES roster(id) ON DELETE SET NULL,  -- when it could be told
    period_id TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL,
    received_at TEXT NOT NULL
);
