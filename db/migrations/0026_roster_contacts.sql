-- Whom to call when an office's report is missing, late, refused or waiting (issue 26,
-- point 3): the contact the level above keeps for each office on its roster, read from
-- the roster file's optional columns or typed in the roster window.
ALTER TABLE roster ADD COLUMN contact_person TEXT NOT NULL DEFAULT '';
ALTER TABLE roster ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE roster ADD COLUMN email TEXT NOT NULL DEFAULT '';
