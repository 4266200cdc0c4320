-- Root certificates the office trusts when it verifies packages (the level above
-- imports its provinces' or the Government CA's roots once; verify uses them).
CREATE TABLE trusted_roots (
    id TEXT PRIMARY KEY,                        -- SHA-256 of the DER, hex (its fingerprint)
    subject TEXT NOT NULL,
    not_after TEXT NOT NULL,
    pem TEXT NOT NULL,                          -- text: the audit log keeps rows as JSON
    added_at TEXT NOT NULL
) WITHOUT ROWID;
