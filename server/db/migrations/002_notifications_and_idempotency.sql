-- In-app notifications for the operator (e.g. "no first call 24 h after delivery"), with the
-- actions offered; and the replay log that makes client operations apply once.
CREATE TABLE notifications (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL,
  lead_id     INTEGER REFERENCES leads(id) ON DELETE CASCADE,
  delivery_id INTEGER REFERENCES deliveries(id) ON DELETE CASCADE,
  message     TEXT NOT NULL,
  actions     TEXT NOT NULL DEFAULT '[]',   -- JSON array, e.g. ["reassign","refund"]
  created_at  INTEGER NOT NULL,
  read_at     INTEGER,
  resolved_at INTEGER
);
CREATE INDEX notifications_open ON notifications(resolved_at, created_at);

CREATE TABLE idempotency_keys (
  key         TEXT PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  method      TEXT NOT NULL,
  path        TEXT NOT NULL,
  status      INTEGER NOT NULL,
  response    TEXT NOT NULL,
  created_at  INTEGER NOT NULL
);

-- One message per job: a job claimed again after a crash finds its message instead of
-- writing a second one.
CREATE UNIQUE INDEX messages_job ON messages(job_id) WHERE job_id IS NOT NULL;

-- Stripe events already applied: a redelivered event changes nothing.
CREATE TABLE stripe_events (
  id          TEXT PRIMARY KEY,
  type        TEXT NOT NULL,
  received_at INTEGER NOT NULL
);
