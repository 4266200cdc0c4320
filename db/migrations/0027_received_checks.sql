-- What the level above checked when it took a package in (issue 26, point 4): each check
-- of the verifier as it was said then (its name, passed, the detail: whether revocation
-- was checked against a list, the certificate valid on receipt, ...), JSON. The office's
-- report window shows them beside the signer; packages received before this say nothing.
ALTER TABLE received ADD COLUMN checks TEXT NOT NULL DEFAULT '';
