-- A grant may allow the professional to download the granted sections as a PDF; off unless the
-- family turns it on.
ALTER TABLE grants ADD COLUMN can_export BOOLEAN NOT NULL DEFAULT FALSE;
