-- The access log (NEN 7513 style): who, acting for whom, from which organisation, when, which
-- family and section, what, with which outcome and on which basis. Append-only: the code has
-- no path that updates or deletes a row. No foreign keys, so rows outlive what they describe;
-- names are copied in for the same reason. Never content, never tokens.
CREATE TABLE access_log (
    id               TEXT PRIMARY KEY NOT NULL,
    occurred_at      BIGINT NOT NULL,
    request_id       TEXT,
    actor_id         TEXT,
    actor_name       TEXT,
    actor_role       TEXT NOT NULL,
    actor_org_id     TEXT,
    actor_org_name   TEXT,
    acting_for       TEXT,
    family_id        TEXT,
    section_kind     TEXT,
    section_owner_id TEXT,
    section_version  BIGINT,
    action           TEXT NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied')),
    basis            TEXT,
    denial_reason    TEXT,
    target_id        TEXT
);
CREATE INDEX access_log_family ON access_log (family_id, occurred_at);
CREATE INDEX access_log_actor ON access_log (actor_id, occurred_at);
