DROP TABLE section_revisions;
DROP TABLE sections;
DROP TABLE memberships;
DROP TABLE families;
DROP TABLE login_failures;
DROP TABLE refresh_tokens;
DROP TABLE users;
