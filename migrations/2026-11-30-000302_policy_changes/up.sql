-- A parent's request to switch "both parents must agree" off. It takes effect only once every
-- parent approved it (the asker's approval is stored with it); any other parent can decline
-- it. Switching the rule on needs no approval and is never stored here. At most one request
-- waits per family.
CREATE TABLE policy_changes (
    id                      TEXT PRIMARY KEY NOT NULL,
    family_id               TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    both_parents_must_agree BOOLEAN NOT NULL,
    requested_by            TEXT NOT NULL REFERENCES users (id),
    requested_at            BIGINT NOT NULL,
    status                  TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'declined')),
    decided_by              TEXT REFERENCES users (id),
    decided_at              BIGINT
);
CREATE UNIQUE INDEX policy_changes_one_pending ON policy_changes (family_id)
    WHERE status = 'pending';

CREATE TABLE policy_change_approvals (
    change_id   TEXT NOT NULL REFERENCES policy_changes (id) ON DELETE CASCADE,
    parent_id   TEXT NOT NULL REFERENCES users (id),
    approved_at BIGINT NOT NULL,
    PRIMARY KEY (change_id, parent_id)
);
