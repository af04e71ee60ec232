-- The frequency caps read every outgoing call of the last 31 days (queue ranking, leads pages):
-- a partial index holding just those rows' time and lead, so the scan never touches the table.
CREATE INDEX interactions_out_calls ON interactions(timestamp, lead_id) WHERE kind = 'call' AND direction = 'out';
