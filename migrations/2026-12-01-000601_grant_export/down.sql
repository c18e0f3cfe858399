ALTER TABLE grants DROP COLUMN can_export;
