DROP INDEX email_outbox_family;
ALTER TABLE email_outbox DROP COLUMN family_id;
DROP TABLE family_deletion_approvals;
DROP INDEX family_deletions_one_pending;
DROP TABLE family_deletions;
