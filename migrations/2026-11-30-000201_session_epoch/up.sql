-- A counter per account that every access token carries. Raising it ends every access token
-- issued before at once (logout, password reset), without waiting for them to expire.
ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;
