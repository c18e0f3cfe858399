-- Rate-limit counters: how often one subject (an IP address, an email address, an email and
-- IP pair; stored as a SHA-256, never in the clear) was counted in one scope (logins, link
-- endpoints, registrations, ...) during its current window. A window starts at the subject's
-- first hit and ends at expires_at. A request is counted with one conditional UPDATE before
-- the work it protects, so parallel requests on every instance see each other. This replaces
-- the failed-login rows, which were read and written in two separate steps.
CREATE TABLE rate_counters (
    scope        TEXT NOT NULL,
    subject      TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    hits         BIGINT NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX rate_counters_expiry ON rate_counters (expires_at);

DROP TABLE login_failures;
