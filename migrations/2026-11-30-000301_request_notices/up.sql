-- Which parent was emailed about which access request, and when: a parent gets at most a few
-- such emails an hour, however many requests arrive (the rest are shown in the app only).
CREATE TABLE access_request_notices (
    id         TEXT PRIMARY KEY NOT NULL,
    request_id TEXT NOT NULL REFERENCES access_requests (id) ON DELETE CASCADE,
    parent_id  TEXT NOT NULL REFERENCES users (id),
    queued_at  BIGINT NOT NULL
);
CREATE INDEX access_request_notices_parent ON access_request_notices (parent_id, queued_at);
-- Open requests are counted per professional and family.
CREATE INDEX access_requests_open ON access_requests (family_id, professional_id, status);
