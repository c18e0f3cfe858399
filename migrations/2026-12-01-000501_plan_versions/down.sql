DROP TABLE plan_version_endorsements;
DROP TABLE plan_version_sections;
DROP TABLE plan_versions;
