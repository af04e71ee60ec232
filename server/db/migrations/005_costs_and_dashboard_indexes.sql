-- Dashboard and data hygiene: manual cost entries per source (ROI), and the indexes the
-- dashboard queries use (each figure is one indexed query; see docs/DASHBOARD.md).
CREATE TABLE costs (
  id           INTEGER PRIMARY KEY,
  source       TEXT NOT NULL,
  amount_cents INTEGER NOT NULL CHECK (amount_cents >= 0),
  spent_at     INTEGER NOT NULL,               -- when the money was spent (Unix seconds)
  note         TEXT NOT NULL DEFAULT '',
  created_by   INTEGER REFERENCES users(id),
  created_at   INTEGER NOT NULL
);
CREATE INDEX costs_spent ON costs(spent_at);

-- Calls by time (today's figures, heatmap): covering, so the table itself is never read.
CREATE INDEX interactions_kind_time ON interactions(kind, timestamp, user_id, outcome);
CREATE INDEX appointments_created ON appointments(created_at);
CREATE INDEX appointments_lead_created ON appointments(lead_id, created_at);
CREATE INDEX deliveries_created ON deliveries(created_at);
CREATE INDEX payments_paid ON payments(paid_at);
-- Funnel and ROI read leads of a window by creation time with their source and cost.
CREATE INDEX leads_created_source ON leads(created_at, source, cost_cents, first_touch_at, stage);
