-- Fixed versions of a family's plan: an immutable snapshot of every shared section, taken by
-- a parent with a title and the date the plan was agreed, and who in the family stands behind
-- it. `agreed_on` is a calendar date as ISO text (YYYY-MM-DD); times are UTC milliseconds.
CREATE TABLE plan_versions (
    id        TEXT PRIMARY KEY NOT NULL,
    family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    agreed_on TEXT NOT NULL,
    fixed_by  TEXT NOT NULL REFERENCES users (id),
    fixed_at  BIGINT NOT NULL
);
CREATE INDEX plan_versions_family ON plan_versions (family_id, fixed_at);

-- One shared section as it was when the version was fixed (never a private section).
CREATE TABLE plan_version_sections (
    version_id      TEXT NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    visibility      TEXT NOT NULL,
    section_version BIGINT NOT NULL,
    content         TEXT NOT NULL,
    PRIMARY KEY (version_id, kind)
);

-- "Ik sta achter dit plan": at most one per member and version (the key makes a repeated or
-- racing endorsement one).
CREATE TABLE plan_version_endorsements (
    version_id  TEXT NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL REFERENCES users (id),
    endorsed_at BIGINT NOT NULL,
    PRIMARY KEY (version_id, user_id)
);
