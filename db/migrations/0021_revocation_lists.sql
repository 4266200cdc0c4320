-- Revocation (issue 22, point 4): certificate revocation lists imported by the level
-- above (fetched when it is online, carried on a stick when not); packages are checked
-- against them offline. Whether a package whose signer no list covers is refused is the
-- office's choice (trust_settings 'require_revocation').
CREATE TABLE revocation_lists (
    id TEXT PRIMARY KEY,                        -- SHA-256 of the DER, hex
    issuer TEXT NOT NULL,
    this_update TEXT NOT NULL,
    next_update TEXT NOT NULL DEFAULT '',
    pem TEXT NOT NULL,                          -- text: the audit log keeps rows as JSON
    added_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE trust_settings (
    id TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
