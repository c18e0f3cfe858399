-- Refused attempts by the same person at the same family, section, action and reason within
-- one clock hour share one row: `attempts` counts them, and `group_key` (unique; NULL for
-- every row that is not such a refusal) finds the row to count on. Every other row stays
-- append-only.
ALTER TABLE access_log ADD COLUMN attempts BIGINT NOT NULL DEFAULT 1;
ALTER TABLE access_log ADD COLUMN group_key TEXT;
CREATE UNIQUE INDEX access_log_group_key ON access_log (group_key);
