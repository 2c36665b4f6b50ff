-- Each user's query window, shared by every instance on this store (bot/app/ratelimit.py).
-- hits: the times (Unix seconds) of the queries still inside the window, oldest first,
-- comma-separated; notified_until: until when the user has been told to wait (-1: never);
-- seen_at: the last check, so idle rows can be swept.
CREATE TABLE rate_limits (
    id             INTEGER PRIMARY KEY,
    hits           TEXT NOT NULL,
    notified_until REAL NOT NULL,
    seen_at        REAL NOT NULL
);
CREATE INDEX rate_limits_by_age ON rate_limits (seen_at);
