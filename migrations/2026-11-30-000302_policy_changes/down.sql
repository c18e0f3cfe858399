DROP TABLE policy_change_approvals;
DROP INDEX policy_changes_one_pending;
DROP TABLE policy_changes;
