-- A package is recorded (and its period locked) before its file takes its name: the
-- signed container is first written whole to a temporary beside it (staged_as), the
-- record committed, then the file renamed into place (written_to) and staged_as
-- emptied. A record still staged at the next start was cut off between the two: its
-- file is put in place, or the record discarded if the file never got there.
ALTER TABLE packages ADD COLUMN written_to TEXT NOT NULL DEFAULT '';
ALTER TABLE packages ADD COLUMN staged_as TEXT NOT NULL DEFAULT '';
CREATE INDEX packages_staged ON packages(id) WHERE staged_as != '';
