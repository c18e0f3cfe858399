DROP TABLE access_requests;
DROP TABLE grant_approvals;
DROP TABLE grants;
DROP TABLE family_professionals;
DROP TABLE account_activations;
ALTER TABLE users DROP COLUMN created_by;
ALTER TABLE users DROP COLUMN org_id;
ALTER TABLE users DROP COLUMN kind;
DROP TABLE organisations;
