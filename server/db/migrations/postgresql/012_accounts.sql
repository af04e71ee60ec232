-- PostgreSQL twin of ../012_accounts.sql: the same change with BIGINT for every integer.
-- Real accounts (issue "Accounts and a safe first run"):
-- * active: a deactivated account keeps its leads and history but cannot log in; its
--   sessions are deleted when it is turned off.
-- * last_login_at: shown in the console's "Comptes" list.
-- * demo_password: set by the demo seed on the accounts it creates with the published
--   password, cleared whenever the password changes. The server refuses to listen on a
--   reachable address while an active account still has it (unless CRM_DEMO=1).
-- * setup_links: one-time links (/setup/<token>) where a new or reset account chooses its
--   password. Only the token's SHA-256 is stored; a link works once, for 24 hours.
ALTER TABLE users ADD COLUMN active BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN last_login_at BIGINT;
ALTER TABLE users ADD COLUMN password_changed_at BIGINT;
ALTER TABLE users ADD COLUMN demo_password BIGINT NOT NULL DEFAULT 0;

-- Databases seeded before this migration: nothing could change a password until now, so the
-- seeded accounts still have the demo password (the start-up check verifies the hash before
-- refusing, so a wrong guess here only costs one Argon2 check).
UPDATE users SET demo_password = 1 WHERE username IN ('admin', 'alice.martin', 'ben.leroy');

CREATE TABLE setup_links (
  token_hash  TEXT PRIMARY KEY,               -- SHA-256 of the token in the link, never the token
  user_id     BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_by  BIGINT REFERENCES users(id),   -- NULL: made on the command line
  created_at  BIGINT NOT NULL,
  expires_at  BIGINT NOT NULL,
  used_at     BIGINT
);
CREATE INDEX setup_links_user ON setup_links(user_id);
