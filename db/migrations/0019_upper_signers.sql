-- Returns from the level above (issue 22, point 10). A return ("trả lại để chỉnh sửa")
-- reopens a period only when signed by a certificate the office registered as its level
-- above's own: any certificate under a trusted root is not enough (a peer commune's is
-- under the same root).
CREATE TABLE upper_signers (
    id TEXT PRIMARY KEY,                        -- SHA-256 of the DER, hex (its fingerprint)
    subject TEXT NOT NULL,
    not_after TEXT NOT NULL,
    pem TEXT NOT NULL,
    added_at TEXT NOT NULL
) WITHOUT ROWID;

-- Each return applied, once: the same file never reopens a period again.
CREATE TABLE applied_returns (
    id TEXT PRIMARY KEY,                        -- SHA-256 of the return file, hex
    package_uid TEXT NOT NULL,
    applied_at TEXT NOT NULL
) WITHOUT ROWID;
