-- Which client used a refresh token (SHA-256 of its IP address and user agent), so the same
-- client presenting it again within a few seconds (two tabs refreshing together) gets a new
-- token instead of having its session revoked as a replay.
ALTER TABLE refresh_tokens ADD COLUMN used_by_client TEXT;
