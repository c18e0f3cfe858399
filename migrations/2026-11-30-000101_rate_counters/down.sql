CREATE TABLE login_failures (
    id        TEXT PRIMARY KEY NOT NULL,
    subject   TEXT NOT NULL,
    failed_at BIGINT NOT NULL
);
CREATE INDEX login_failures_subject ON login_failures (subject, failed_at);

DROP TABLE rate_counters;
