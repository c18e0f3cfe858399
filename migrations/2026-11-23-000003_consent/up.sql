-- Organisations and their professionals, links between families and professionals, consent
-- grants with their approvals, and professionals' requests for access.

CREATE TABLE organisations (
    id             TEXT PRIMARY KEY NOT NULL,
    name           TEXT NOT NULL,
    created_at     BIGINT NOT NULL,
    deactivated_at BIGINT
);

-- person: parents and relatives (self-registered); professional and org_admin: created for an
-- organisation, never self-registered.
ALTER TABLE users ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'
    CHECK (kind IN ('person', 'professional', 'org_admin'));
ALTER TABLE users ADD COLUMN org_id TEXT REFERENCES organisations (id);
-- The org admin who created a professional's account: such an account is "verified".
ALTER TABLE users ADD COLUMN created_by TEXT;

-- One-time links to set a first password (professionals, org admins). SHA-256 only.
CREATE TABLE account_activations (
    id         TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
);

-- A professional assigned to a family. Gives nothing but the family's name and the state of
-- the professional's own grants and requests.
CREATE TABLE family_professionals (
    family_id       TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    professional_id TEXT NOT NULL REFERENCES users (id),
    linked_by       TEXT NOT NULL REFERENCES users (id),
    linked_at       BIGINT NOT NULL,
    PRIMARY KEY (family_id, professional_id)
);
CREATE INDEX family_professionals_professional ON family_professionals (professional_id);

-- sections: comma-separated entries, each a section kind for the shared plan or
-- "private:<kind>" for the granting parent's own private section.
CREATE TABLE grants (
    id              TEXT PRIMARY KEY NOT NULL,
    family_id       TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    professional_id TEXT NOT NULL REFERENCES users (id),
    granted_by      TEXT NOT NULL REFERENCES users (id),
    sections        TEXT NOT NULL,
    can_comment     BOOLEAN NOT NULL DEFAULT FALSE,
    valid_from      BIGINT NOT NULL,
    valid_until     BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    activated_at    BIGINT,
    revoked_at      BIGINT,
    revoked_by      TEXT REFERENCES users (id),
    request_id      TEXT,
    CHECK (valid_from < valid_until)
);
CREATE INDEX grants_family_professional ON grants (family_id, professional_id);
CREATE INDEX grants_professional ON grants (professional_id);

CREATE TABLE grant_approvals (
    grant_id    TEXT NOT NULL REFERENCES grants (id) ON DELETE CASCADE,
    parent_id   TEXT NOT NULL REFERENCES users (id),
    approved_at BIGINT NOT NULL,
    PRIMARY KEY (grant_id, parent_id)
);

CREATE TABLE access_requests (
    id              TEXT PRIMARY KEY NOT NULL,
    family_id       TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    professional_id TEXT NOT NULL REFERENCES users (id),
    sections        TEXT NOT NULL,
    reason          TEXT NOT NULL,
    valid_from      BIGINT NOT NULL,
    valid_until     BIGINT NOT NULL,
    created_at      BIGINT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'declined')),
    decided_by      TEXT REFERENCES users (id),
    decided_at      BIGINT,
    decline_reason  TEXT,
    grant_id        TEXT REFERENCES grants (id)
);
CREATE INDEX access_requests_family ON access_requests (family_id, created_at);
CREATE INDEX access_requests_professional ON access_requests (professional_id);
