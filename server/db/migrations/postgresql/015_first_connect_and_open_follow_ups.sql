-- PostgreSQL twin of ../015_first_connect_and_open_follow_ups.sql: the same change with BIGINT for every integer.
-- Touch and contact are two facts (issue 18): first_touch_at is the first call attempt,
-- whatever came of it; first_connect_at the first call somebody answered (answered, booked or
-- not a seller: the dashboard's "connect"). Filled from the calls already recorded.
ALTER TABLE leads ADD COLUMN first_connect_at BIGINT;
UPDATE leads SET first_connect_at = (
  SELECT MIN(i.timestamp) FROM interactions i
  WHERE i.lead_id = leads.id AND i.kind = 'call' AND i.outcome IN ('answered', 'booked', 'not_seller'))
WHERE live_touches > 0 OR EXISTS (
  SELECT 1 FROM interactions i
  WHERE i.lead_id = leads.id AND i.kind = 'call' AND i.outcome IN ('answered', 'booked', 'not_seller'));

-- The funnel counts "contacted" as reached: the covering index of a window's leads carries it.
DROP INDEX IF EXISTS leads_created_source;
CREATE INDEX leads_created_source ON leads(created_at, source, cost_cents, first_touch_at, first_connect_at, stage);

-- A lead's open follow-ups ("À rappeler", completed by the next outcome, next_action_at).
CREATE INDEX tasks_open_lead ON tasks(lead_id, due_at) WHERE done_at IS NULL;
