-- The full data model (docs/ARCHITECTURE.md). Times are Unix seconds (UTC); money is integer cents.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE,
  display_name  TEXT NOT NULL,
  email         TEXT,
  phone         TEXT,
  role          TEXT NOT NULL CHECK (role IN ('agent', 'operator', 'admin')),
  password_hash TEXT NOT NULL,
  cities        TEXT NOT NULL DEFAULT '[]',   -- JSON array, agents only
  zips          TEXT NOT NULL DEFAULT '[]',   -- JSON array, agents only
  credits_cents INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE sessions (
  token_hash   TEXT PRIMARY KEY,              -- SHA-256 of the cookie token, never the token
  user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf         TEXT NOT NULL,
  created_at   INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,              -- absolute expiry
  last_seen_at INTEGER NOT NULL               -- idle expiry counts from here
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE leads (
  id                   INTEGER PRIMARY KEY,
  first_name           TEXT NOT NULL DEFAULT '',
  last_name            TEXT NOT NULL DEFAULT '',
  phone                TEXT NOT NULL DEFAULT '',
  phone_e164           TEXT,
  email                TEXT,
  intention            TEXT NOT NULL DEFAULT 'unknown'
                       CHECK (intention IN ('sell', 'estimate', 'buy', 'unknown')),
  timeline_months      INTEGER,
  city                 TEXT NOT NULL DEFAULT '',
  zip                  TEXT NOT NULL DEFAULT '',
  area                 TEXT NOT NULL DEFAULT '',
  price_estimate_cents INTEGER,
  consent              INTEGER NOT NULL DEFAULT 0,
  consent_at           INTEGER,
  consent_text         TEXT,
  consent_source       TEXT,
  source               TEXT NOT NULL DEFAULT 'manual',
  cost_cents           INTEGER NOT NULL DEFAULT 0,
  stage                TEXT NOT NULL DEFAULT 'new'
                       CHECK (stage IN ('new', 'contacted', 'qualified', 'booked', 'sent_to_agent',
                                        'sold', 'refunded_bad')),
  status               TEXT NOT NULL DEFAULT 'active'
                       CHECK (status IN ('active', 'follow_up', 'nurture', 'booked', 'bad_number',
                                         'not_seller', 'dnc')),
  owner_user_id        INTEGER REFERENCES users(id),
  assigned_agent_id    INTEGER REFERENCES users(id),
  bad_number           INTEGER NOT NULL DEFAULT 0,
  dnc                  INTEGER NOT NULL DEFAULT 0,
  live_touches         INTEGER NOT NULL DEFAULT 0,  -- answered calls, kept for scoring
  unanswered_attempts  INTEGER NOT NULL DEFAULT 0,  -- no answer / voicemail, kept for scoring
  not_seller_at        INTEGER,
  first_touch_at       INTEGER,
  last_touch_at        INTEGER,
  next_action_at       INTEGER,
  created_at           INTEGER NOT NULL,
  updated_at           INTEGER NOT NULL
);
-- Duplicate detection looks leads up by normalised phone and lower-cased e-mail.
CREATE INDEX leads_phone_e164 ON leads(phone_e164) WHERE phone_e164 IS NOT NULL;
CREATE INDEX leads_email ON leads(lower(email)) WHERE email IS NOT NULL AND email <> '';
CREATE INDEX leads_assigned ON leads(assigned_agent_id);
CREATE INDEX leads_stage ON leads(stage);
CREATE INDEX leads_updated ON leads(updated_at);
CREATE INDEX leads_created ON leads(created_at);

CREATE TABLE interactions (
  id            INTEGER PRIMARY KEY,
  lead_id       INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  user_id       INTEGER REFERENCES users(id),
  kind          TEXT NOT NULL CHECK (kind IN ('call', 'sms', 'wa', 'email', 'meeting', 'note')),
  direction     TEXT CHECK (direction IN ('out', 'in')),
  summary       TEXT NOT NULL DEFAULT '',
  outcome       TEXT,
  timestamp     INTEGER NOT NULL,
  duration_s    INTEGER,
  recording_url TEXT,
  transcript    TEXT
);
CREATE INDEX interactions_lead ON interactions(lead_id, timestamp);
CREATE INDEX interactions_time ON interactions(timestamp);

CREATE TABLE appointments (
  id             INTEGER PRIMARY KEY,
  lead_id        INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  start_at       INTEGER NOT NULL,
  end_at         INTEGER NOT NULL,
  location       TEXT NOT NULL DEFAULT '',
  with_agent_id  INTEGER REFERENCES users(id),
  ics_uid        TEXT NOT NULL UNIQUE,
  reminders_sent INTEGER NOT NULL DEFAULT 0,
  created_at     INTEGER NOT NULL,
  CHECK (end_at > start_at)
);
CREATE INDEX appointments_lead ON appointments(lead_id);

CREATE TABLE deliveries (
  id                  INTEGER PRIMARY KEY,
  lead_id             INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  agent_id            INTEGER NOT NULL REFERENCES users(id),
  status              TEXT NOT NULL DEFAULT 'sent'
                      CHECK (status IN ('sent', 'opened', 'accepted', 'refunded')),
  channel             TEXT NOT NULL DEFAULT 'link' CHECK (channel IN ('email', 'whatsapp', 'link')),
  price_cents         INTEGER NOT NULL,
  pricing_json        TEXT NOT NULL DEFAULT '{}',
  exclusive           INTEGER NOT NULL DEFAULT 0,
  share_token_hash    TEXT UNIQUE,
  share_expires_at    INTEGER,
  revoked_at          INTEGER,
  payment_method      TEXT NOT NULL DEFAULT 'credits' CHECK (payment_method IN ('credits', 'stripe')),
  payment_url         TEXT,
  paid_at             INTEGER,
  sent_at             INTEGER,
  opened_at           INTEGER,
  accepted_at         INTEGER,
  first_call_at       INTEGER,
  refunded_at         INTEGER,
  refund_reason       TEXT,
  refund_requested_at INTEGER,
  created_at          INTEGER NOT NULL
);
CREATE INDEX deliveries_agent ON deliveries(agent_id);
CREATE INDEX deliveries_lead ON deliveries(lead_id);

CREATE TABLE payments (
  id           INTEGER PRIMARY KEY,
  agent_id     INTEGER NOT NULL REFERENCES users(id),
  delivery_id  INTEGER REFERENCES deliveries(id),
  amount_cents INTEGER NOT NULL,
  currency     TEXT NOT NULL DEFAULT 'EUR',
  paid_at      INTEGER NOT NULL,
  stripe_id    TEXT UNIQUE,
  kind         TEXT NOT NULL CHECK (kind IN ('delivery', 'credit_topup', 'refund'))
);

CREATE TABLE credit_ledger (
  id           INTEGER PRIMARY KEY,
  agent_id     INTEGER NOT NULL REFERENCES users(id),
  amount_cents INTEGER NOT NULL,
  kind         TEXT NOT NULL CHECK (kind IN ('topup', 'delivery', 'refund', 'adjustment')),
  note         TEXT NOT NULL DEFAULT '',
  delivery_id  INTEGER REFERENCES deliveries(id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX credit_ledger_agent ON credit_ledger(agent_id, created_at);

CREATE TABLE rules (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  trigger    TEXT NOT NULL,
  action     TEXT NOT NULL,
  payload    TEXT NOT NULL DEFAULT '{}',
  enabled    INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);

CREATE TABLE jobs (
  id              INTEGER PRIMARY KEY,
  rule_id         INTEGER REFERENCES rules(id) ON DELETE SET NULL,
  lead_id         INTEGER REFERENCES leads(id) ON DELETE CASCADE,
  kind            TEXT NOT NULL,
  payload         TEXT NOT NULL DEFAULT '{}',
  due_at          INTEGER NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                  CHECK (status IN ('pending', 'running', 'done', 'failed', 'cancelled')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  idempotency_key TEXT NOT NULL UNIQUE,
  lease_until     INTEGER,
  sent_at         INTEGER,
  completed_at    INTEGER,
  created_at      INTEGER NOT NULL
);
CREATE INDEX jobs_due ON jobs(status, due_at);
CREATE INDEX jobs_lead ON jobs(lead_id);

CREATE TABLE tasks (
  id         INTEGER PRIMARY KEY,
  lead_id    INTEGER NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
  due_at     INTEGER NOT NULL,
  note       TEXT NOT NULL DEFAULT '',
  done_at    INTEGER,
  created_by INTEGER REFERENCES users(id),
  created_at INTEGER NOT NULL
);
CREATE INDEX tasks_due ON tasks(due_at);
CREATE INDEX tasks_lead ON tasks(lead_id);

CREATE TABLE templates (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  channel    TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'whatsapp')),
  body       TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE messages (
  id            INTEGER PRIMARY KEY,
  lead_id       INTEGER REFERENCES leads(id) ON DELETE CASCADE,
  job_id        INTEGER REFERENCES jobs(id) ON DELETE SET NULL,
  channel       TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'whatsapp')),
  to_addr       TEXT NOT NULL,
  subject       TEXT,
  body          TEXT NOT NULL,
  status        TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed', 'blocked')),
  provider_id   TEXT,
  transactional INTEGER NOT NULL DEFAULT 0,
  queued_at     INTEGER NOT NULL,
  sent_at       INTEGER,
  error         TEXT
);
CREATE INDEX messages_lead ON messages(lead_id);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER REFERENCES users(id),
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   INTEGER,
  before_json TEXT,
  after_json  TEXT,
  at          INTEGER NOT NULL
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
