-- Invitations, password resets and the email outbox. Links carry a random token; only its
-- SHA-256 is stored here. Outbox messages are stored sealed (AES-256-GCM), because they carry
-- the link: the database never holds a usable token.

-- An invitation of one email address into one family. A resend or a new invite for the same
-- address supersedes the pending one, so each invite row has at most one live token.
CREATE TABLE invites (
    id            TEXT PRIMARY KEY NOT NULL,
    family_id     TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    email         TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('parent', 'relative')),
    message       TEXT NOT NULL,
    locale        TEXT NOT NULL CHECK (locale IN ('nl', 'en')),
    invited_by    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT,
    used_by       TEXT REFERENCES users (id) ON DELETE SET NULL,
    revoked_at    BIGINT,
    superseded_at BIGINT
);
CREATE INDEX invites_family ON invites (family_id, created_at);
CREATE INDEX invites_inviter ON invites (invited_by, created_at);

-- A password reset link. A newer request supersedes the older pending one.
CREATE TABLE password_resets (
    id            TEXT PRIMARY KEY NOT NULL,
    user_id       TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT,
    superseded_at BIGINT
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- The transactional outbox: a row is committed with the change that causes it; the worker
-- claims due rows (claimed_by/claimed_until), sends them and records the outcome.
CREATE TABLE email_outbox (
    id              TEXT PRIMARY KEY NOT NULL,
    kind            TEXT NOT NULL,
    sealed          TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
    attempts        BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    claimed_by      TEXT,
    claimed_until   BIGINT,
    last_error      TEXT,
    created_at      BIGINT NOT NULL,
    sent_at         BIGINT
);
CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);
