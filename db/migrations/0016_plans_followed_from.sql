-- The day from which the office follows a plan: reports due before it are not owed by
-- this database (a plan taken up mid-way). NULL: from the plan's start, as before.
ALTER TABLE plans ADD COLUMN followed_from TEXT
    CHECK (followed_from IS NULL OR date(followed_from, '+0 days') IS followed_from);
