DROP INDEX access_log_group_key;
ALTER TABLE access_log DROP COLUMN group_key;
ALTER TABLE access_log DROP COLUMN attempts;
