-- Each user's query window (see state/sqlite/0003_rate_limits.sql).
CREATE TABLE rate_limits (
    id             BIGINT PRIMARY KEY,
    hits           TEXT NOT NULL,
    notified_until DOUBLE PRECISION NOT NULL,
    seen_at        DOUBLE PRECISION NOT NULL
);
CREATE INDEX rate_limits_by_age ON rate_limits (seen_at);
