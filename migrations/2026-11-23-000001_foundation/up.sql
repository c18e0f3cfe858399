-- Accounts, sessions, families and the living plan.

CREATE TABLE users (
    id            TEXT PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale        TEXT NOT NULL CHECK (locale IN ('nl', 'en')),
    created_at    BIGINT NOT NULL,
    disabled_at   BIGINT
);

-- Opaque refresh tokens, stored as SHA-256. A chain is one login's line of rotated tokens.
CREATE TABLE refresh_tokens (
    id         TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    chain_id   TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked_at BIGINT
);
CREATE INDEX refresh_tokens_chain ON refresh_tokens (chain_id);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- Failed logins, counted per subject ("email:..." or "ip:...") for rate limiting.
CREATE TABLE login_failures (
    id         TEXT PRIMARY KEY NOT NULL,
    subject    TEXT NOT NULL,
    failed_at  BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, failed_at);

CREATE TABLE families (
    id                      TEXT PRIMARY KEY NOT NULL,
    name                    TEXT NOT NULL,
    both_parents_must_agree BOOLEAN NOT NULL DEFAULT FALSE,
    created_by              TEXT NOT NULL REFERENCES users (id),
    created_at              BIGINT NOT NULL
);

CREATE TABLE memberships (
    family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role      TEXT NOT NULL CHECK (role IN ('parent', 'relative')),
    joined_at BIGINT NOT NULL,
    PRIMARY KEY (family_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

-- One row per section. The family's shared plan has scope 'family'; a parent's private
-- section has scope = owner_id and visibility 'only_me'.
CREATE TABLE sections (
    id         TEXT PRIMARY KEY NOT NULL,
    family_id  TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    scope      TEXT NOT NULL,
    owner_id   TEXT REFERENCES users (id) ON DELETE CASCADE,
    visibility TEXT NOT NULL,
    version    BIGINT NOT NULL,
    content    TEXT NOT NULL,
    updated_at BIGINT,
    updated_by TEXT REFERENCES users (id),
    UNIQUE (family_id, scope, kind),
    CHECK (
        (owner_id IS NULL AND scope = 'family' AND visibility IN ('parents', 'network'))
        OR (owner_id IS NOT NULL AND scope = owner_id AND visibility = 'only_me')
    ),
    CHECK (version >= 0)
);

-- Every save of a section. (section_id, version) is unique, so two saves can never both
-- claim the same version.
CREATE TABLE section_revisions (
    id         TEXT PRIMARY KEY NOT NULL,
    section_id TEXT NOT NULL REFERENCES sections (id) ON DELETE CASCADE,
    version    BIGINT NOT NULL,
    visibility TEXT NOT NULL,
    content    TEXT NOT NULL,
    saved_by   TEXT NOT NULL REFERENCES users (id),
    saved_at   BIGINT NOT NULL,
    UNIQUE (section_id, version)
);
