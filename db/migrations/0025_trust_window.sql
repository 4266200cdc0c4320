-- The trust window (issue 26, point 2). Where each revocation list came from, shown
-- beside its dates: a file's path, or the address it was fetched from (lists imported
-- before this say nothing). The level above's own signing certificates, the ones its
-- communes register to accept its returns: imported by the clerk (to hand out before the
-- first return) and kept when a return is signed; the certificate only, never a key.
ALTER TABLE revocation_lists ADD COLUMN source TEXT NOT NULL DEFAULT '';
ALTER TABLE revocation_lists ADD COLUMN fetched INTEGER NOT NULL DEFAULT 0
    CHECK (fetched IN (0, 1));

CREATE TABLE own_signers (
    id TEXT PRIMARY KEY,                        -- SHA-256 of the DER, hex (its fingerprint)
    subject TEXT NOT NULL,
    not_after TEXT NOT NULL,
    pem TEXT NOT NULL,
    added_at TEXT NOT NULL
) WITHOUT ROWID;
