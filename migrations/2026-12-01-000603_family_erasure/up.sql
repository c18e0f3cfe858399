-- A parent's request to delete the family while "every parent must agree" is on. It deletes
-- the family only once every parent approved it (the asker's approval is stored with it), within
-- seven days; any parent can cancel it, and one not approved in time lapses. At most one request
-- waits per family. The family's deletion removes these rows with everything else.
CREATE TABLE family_deletions (
    id           TEXT PRIMARY KEY NOT NULL,
    family_id    TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    requested_by TEXT NOT NULL REFERENCES users (id),
    requested_at BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'cancelled', 'lapsed')),
    closed_by    TEXT REFERENCES users (id),
    closed_at    BIGINT
);
CREATE UNIQUE INDEX family_deletions_one_pending ON family_deletions (family_id)
    WHERE status = 'pending';

CREATE TABLE family_deletion_approvals (
    deletion_id TEXT NOT NULL REFERENCES family_deletions (id) ON DELETE CASCADE,
    parent_id   TEXT NOT NULL REFERENCES users (id),
    approved_at BIGINT NOT NULL,
    PRIMARY KEY (deletion_id, parent_id)
);

-- The family an email is about, for email that names a family: when the family is deleted its
-- queued (and sent) email goes with it, so nothing about the family stays behind in the outbox.
ALTER TABLE email_outbox ADD COLUMN family_id TEXT;
CREATE INDEX email_outbox_family ON email_outbox (family_id);
