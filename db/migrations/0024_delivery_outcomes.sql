-- What each delivery amounted to, as far as the app can know it. A copy on a stick is
-- recorded once read back ('copied'). An e-mail draft is only a draft: written to a file
-- ('saved', the command line), handed to the machine's mail program ('opened': sent only
-- if the clerk pressed Gửi there), or refused by the machine for lack of one
-- ('not_opened': to be sent by webmail). Until now every draft was listed as sent; all that
-- is known of those is that they were saved.
ALTER TABLE deliveries ADD COLUMN outcome TEXT NOT NULL DEFAULT 'saved'
    CHECK (outcome IN ('copied', 'saved', 'opened', 'not_opened'));
-- The audit triggers name the columns before this one, none of which changes here: the
-- update writes no entry the app did not seal (they are made again after migrating).
UPDATE deliveries SET outcome = 'copied' WHERE kind = 'usb';
