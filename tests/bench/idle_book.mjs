// The benchmarks' book of idle leads: N website leads straight into SQLite (the API would take
// minutes for 100,000 creations), created from 37 s to N × 37 s before the tests' clock, never
// called. Most are idle for more than a week, so the scheduler's first pass nurtures them all
// (time:idle_7d), a write per lead.
import { execFileSync } from 'node:child_process'

export function insertIdleLeads(dbPath, n) {
  const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${n})
INSERT INTO leads(first_name, last_name, phone, phone_e164, intention, timeline_months, city, zip, price_estimate_cents,
  consent, source, stage, status, created_at, updated_at)
SELECT 'Bench', 'Lead ' || i, '06 00 00 00 00', printf('+3361%07d', i), 'sell', i % 13, 'Lyon', '69003', 30000000,
  i % 2, 'website', 'new', 'active', strftime('%s','2026-11-20T09:30:00') - i * 37, strftime('%s','2026-11-20T09:30:00') FROM n;`
  execFileSync('sqlite3', [dbPath, sql])
}

export function sqliteValue(dbPath, sql) {
  return execFileSync('sqlite3', [dbPath, sql]).toString().trim()
}
