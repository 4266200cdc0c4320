-- What the documents need beyond the data: the signer, the addressee, the number, the
-- 'Nơi nhận' list. One row per setting, named by its id; the app gives defaults from
-- the office for what is not set.
CREATE TABLE document_settings (
    id TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
