-- A member's private calendar address (an .ics feed of their commitments and review dates):
-- at most one per account. Only the SHA-256 of the address's random token is kept; renewing
-- replaces it (the old address stops at once), switching off deletes the row.
CREATE TABLE calendar_feeds (
    user_id    TEXT PRIMARY KEY NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
