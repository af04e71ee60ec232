-- Login throttling in the database (issue 20): every server instance sharing the store counts
-- the same failures, so a second instance behind the load balancer is not a second set of free
-- guesses. One row per throttled key, (username, address) or address alone; the key is stored
-- as its SHA-256, never the username or the client address in clear. Rows whose window and lock
-- have both passed are deleted as new failures arrive (auth/login_failures_repo.cpp).
-- BIGINT: seconds since the epoch on both engines (SQLite reads it as INTEGER).
CREATE TABLE login_failures (
    key_sha256 TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_failure BIGINT NOT NULL,
    locked_until BIGINT NOT NULL
);
CREATE INDEX login_failures_by_last_failure ON login_failures(last_failure);
