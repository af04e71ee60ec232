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

-- The heatmap reads operator calls per UTC hour from this rollup (a 90-day heatmap over 1M
-- interactions scanned ~250k index entries: 100 ms; this is at most 2,160 rows). Triggers
-- keep it exact on every insert, update and delete of interactions (cascades included).
-- A connect is a call where someone picked up: answered, booked or not a seller.
CREATE TABLE call_hours (
  hour     INTEGER PRIMARY KEY,                -- Unix time / 3600 (UTC hour; Paris is whole hours off)
  calls    INTEGER NOT NULL DEFAULT 0,
  connects INTEGER NOT NULL DEFAULT 0
);
INSERT INTO call_hours(hour, calls, connects)
  SELECT timestamp / 3600, COUNT(*), SUM(COALESCE(outcome IN ('answered', 'booked', 'not_seller'), 0))
  FROM interactions
  WHERE kind = 'call' AND user_id IN (SELECT id FROM users WHERE role IN ('operator', 'admin'))
  GROUP BY 1;

CREATE TRIGGER call_hours_insert AFTER INSERT ON interactions
WHEN NEW.kind = 'call' AND NEW.user_id IN (SELECT id FROM users WHERE role IN ('operator', 'admin'))
BEGIN
  INSERT INTO call_hours(hour, calls, connects)
    VALUES (NEW.timestamp / 3600, 1, COALESCE(NEW.outcome IN ('answered', 'booked', 'not_seller'), 0))
    ON CONFLICT(hour) DO UPDATE SET calls = calls + 1, connects = connects + excluded.connects;
END;

CREATE TRIGGER call_hours_delete AFTER DELETE ON interactions
WHEN OLD.kind = 'call' AND OLD.user_id IN (SELECT id FROM users WHERE role IN ('operator', 'admin'))
BEGIN
  UPDATE call_hours SET calls = calls - 1,
    connects = connects - COALESCE(OLD.outcome IN ('answered', 'booked', 'not_seller'), 0)
    WHERE hour = OLD.timestamp / 3600;
END;

CREATE TRIGGER call_hours_update_old AFTER UPDATE OF kind, user_id, timestamp, outcome ON interactions
WHEN OLD.kind = 'call' AND OLD.user_id IN (SELECT id FROM users WHERE role IN ('operator', 'admin'))
BEGIN
  UPDATE call_hours SET calls = calls - 1,
    connects = connects - COALESCE(OLD.outcome IN ('answered', 'booked', 'not_seller'), 0)
    WHERE hour = OLD.timestamp / 3600;
END;

CREATE TRIGGER call_hours_update_new AFTER UPDATE OF kind, user_id, timestamp, outcome ON interactions
WHEN NEW.kind = 'call' AND NEW.user_id IN (SELECT id FROM users WHERE role IN ('operator', 'admin'))
BEGIN
  INSERT INTO call_hours(hour, calls, connects)
    VALUES (NEW.timestamp / 3600, 1, COALESCE(NEW.outcome IN ('answered', 'booked', 'not_seller'), 0))
    ON CONFLICT(hour) DO UPDATE SET calls = calls + 1, connects = connects + excluded.connects;
END;
