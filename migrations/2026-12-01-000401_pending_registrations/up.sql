-- A registration waiting for its owner to open the link in the email. Nothing else in the
-- database knows the address until the link is opened: then the account is made from this
-- row (name, password hash, language) and the row is used. A newer registration for the same
-- address supersedes the pending one; only the token's SHA-256 is stored.
CREATE TABLE pending_registrations (
    id            TEXT PRIMARY KEY NOT NULL,
    email         TEXT NOT NULL,
    name          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    locale        TEXT NOT NULL CHECK (locale IN ('nl', 'en')),
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    BIGINT NOT NULL,
    expires_at    BIGINT NOT NULL,
    used_at       BIGINT,
    superseded_at BIGINT
);
CREATE INDEX pending_registrations_email ON pending_registrations (email);
CREATE INDEX pending_registrations_expiry ON pending_registrations (expires_at);
