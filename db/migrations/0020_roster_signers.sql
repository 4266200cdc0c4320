-- Who signs for whom (issue 22, point 1). Every certificate a package was signed with,
-- described; the certificates each office on the roster signs with (its first package
-- pins its signer; another certificate later is held until the level above confirms it);
-- each package received records its signer and whether it is held.
CREATE TABLE signers (
    id TEXT PRIMARY KEY,                        -- SHA-256 of the certificate, hex
    subject TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL,
    serial TEXT NOT NULL,
    not_before TEXT NOT NULL,
    not_after TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE roster_signers (
    id INTEGER PRIMARY KEY,
    roster_id INTEGER NOT NULL REFERENCES roster(id) ON DELETE CASCADE,
    signer_id TEXT NOT NULL REFERENCES signers(id),
    pinned_at TEXT NOT NULL,
    UNIQUE (roster_id, signer_id)
);

-- Packages received before this pinned nobody: an office's next package pins its signer.
ALTER TABLE received ADD COLUMN signer_id TEXT NOT NULL DEFAULT '';
ALTER TABLE received ADD COLUMN held INTEGER NOT NULL DEFAULT 0 CHECK (held IN (0, 1));
