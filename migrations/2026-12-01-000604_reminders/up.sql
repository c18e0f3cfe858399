-- Reminders and the weekly word: each person's on/off setting per kind of message, the
-- one-click unsubscribe tokens (only their SHA-256 is stored), what was sent (one row per
-- person, kind, subject and date: the unique key makes every reminder go out once, whichever
-- instance finds it first, also after a crash), and each family's place in the scheduler's
-- round (claimed with a lease, like the email outbox).

CREATE TABLE notification_settings (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    enabled    BOOLEAN NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

CREATE TABLE unsubscribe_tokens (
    token_hash TEXT PRIMARY KEY NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    used_at    BIGINT
);
CREATE INDEX unsubscribe_tokens_user ON unsubscribe_tokens (user_id);

CREATE TABLE reminders_sent (
    user_id   TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    subject   TEXT NOT NULL,
    due_on    TEXT NOT NULL,
    family_id TEXT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    email_id  TEXT,
    sent_at   BIGINT NOT NULL,
    PRIMARY KEY (user_id, kind, subject, due_on)
);
CREATE INDEX reminders_sent_recent ON reminders_sent (user_id, kind, sent_at);

CREATE TABLE reminder_scans (
    family_id     TEXT PRIMARY KEY NOT NULL REFERENCES families (id) ON DELETE CASCADE,
    next_scan_at  BIGINT NOT NULL,
    scanned_at    BIGINT,
    claimed_by    TEXT,
    claimed_until BIGINT
);
CREATE INDEX reminder_scans_due ON reminder_scans (next_scan_at);
