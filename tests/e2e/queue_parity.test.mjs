// The server and the console rank with the same domain library: fed the same 5,000 generated
// leads at the same instant (the test clock, and the browser clock fixed to it), GET /api/queue
// and the console give the same order, priorities, badges and reasons (issue #9).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, TEST_NOW, startServer, launchBrowser, openConsole, until, apiGet, apiPost } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const LEADS = 5000
let server
let browser

// A small seeded generator: the same data set on every run.
function generator(seed) {
  let s = seed >>> 0
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { below: (n) => Math.floor(next() * n), chance: (p) => next() < p, pick: (xs) => xs[Math.floor(next() * xs.length)] }
}

// Leads of every kind the queue tells apart: fresh and old, hot and cold, with and without
// consent, capped by recent calls, resting after "not seller", waiting for a follow-up, DNC,
// bad numbers, booked slots, every stage and status.
function generatedBookSql() {
  const rng = generator(2026)
  const now = Date.parse(TEST_NOW) / 1000
  const day = 86400
  const q = (v) => (v === null || v === undefined ? 'NULL' : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`)
  const firstNames = ['Camille', 'Léa', 'Hugo', 'Chloé', 'Louis', 'Inès', 'Jules', 'Manon', 'Éloïse', 'Noé']
  const places = [['Lyon', '69003'], ['Paris', '75011'], ['Bordeaux', '33000'], ['Lille', '59000'], ['Nantes', '44000'], ['Villeurbanne', '69100']]
  const statuses = ['active', 'active', 'active', 'active', 'follow_up', 'follow_up', 'nurture', 'booked', 'bad_number', 'not_seller', 'dnc']
  const stages = ['new', 'new', 'contacted', 'qualified', 'booked', 'sent_to_agent', 'sold', 'refunded_bad']
  const lines = ['BEGIN;']
  for (let i = 0; i < LEADS; i++) {
    const id = 100000 + i
    const created = rng.chance(0.1) ? now - rng.below(3600) : now - rng.below(60 * day)
    const status = rng.pick(statuses)
    const consent = rng.chance(0.5)
    const touched = rng.chance(0.6)
    const [city, zip] = rng.pick(places)
    const phone = String(20000000 + i)
    const row = {
      id,
      first_name: rng.pick(firstNames),
      last_name: `Test${i}`,
      phone: `06${phone}`,
      phone_e164: `+336${phone}`,
      intention: rng.pick(['sell', 'estimate', 'buy', 'unknown']),
      timeline_months: rng.chance(0.8) ? 1 + rng.below(24) : null,
      city,
      zip,
      price_estimate_cents: rng.chance(0.7) ? (150 + rng.below(750)) * 100000 : null,
      consent: consent ? 1 : 0,
      consent_at: consent ? created : null,
      consent_text: consent ? "J'accepte d'être rappelé au sujet de mon projet immobilier." : null,
      consent_source: consent ? 'form:https://exemple.fr/estimation' : null,
      source: rng.pick(['facebook', 'google', 'seloger', 'website']),
      stage: rng.pick(stages),
      status,
      bad_number: status === 'bad_number' ? 1 : 0,
      dnc: status === 'dnc' ? 1 : 0,
      live_touches: rng.below(4),
      unanswered_attempts: rng.below(6),
      not_seller_at: status === 'not_seller' ? now - rng.below(90 * day) : null,
      first_touch_at: touched ? created + rng.below(4 * 3600) : null,
      last_touch_at: touched ? Math.min(now, created + rng.below(10 * day)) : null,
      next_action_at: rng.chance(0.3) ? now - 3 * day + rng.below(6 * day) : null,
      created_at: created,
      updated_at: created,
    }
    lines.push(`INSERT INTO leads(${Object.keys(row).join(',')}) VALUES (${Object.values(row).map(q).join(',')});`)
    // Recent calls: some leads reach the 4-attempt cap of 30 days.
    const calls = rng.chance(0.3) ? 1 + rng.below(5) : 0
    for (let c = 0; c < calls; c++)
      lines.push(
        `INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp) VALUES (${id}, (SELECT id FROM users WHERE username = 'admin'), 'call', 'out', '', 'no_answer', ${now - rng.below(35 * day)});`,
      )
    if (rng.chance(0.05)) {
      const start = now + (rng.chance(0.5) ? 1 : -1) * rng.below(5 * day)
      lines.push(
        `INSERT INTO appointments(lead_id, start_at, end_at, location, ics_uid, created_at) VALUES (${id}, ${start}, ${start + 3600}, 'Sur place', 'gen-${id}', ${created});`,
      )
    }
  }
  // The operator's call history over the past eight Fridays, so both sides rank with a learned
  // connect-rate table: 10 h answers often, 13 h (lunch) seldom. On one lead out for good.
  const historyLead = 100000 + LEADS
  lines.push(`INSERT INTO leads(id, first_name, last_name, phone, stage, status, dnc, created_at, updated_at) VALUES (${historyLead}, 'Historique', 'Appels', '0600000000', 'new', 'dnc', 1, ${now - 90 * day}, ${now - 90 * day});`)
  for (let week = 1; week <= 8; week++)
    for (const [hour, calls, answered] of [[10, 12, 8], [13, 8, 1]]) {
      const at = now - week * 7 * day + (hour - 10) * 3600 - 30 * 60  // hh:00 Paris (an hour later in summer time)
      for (let c = 0; c < calls; c++)
        lines.push(
          `INSERT INTO interactions(lead_id, user_id, kind, direction, summary, outcome, timestamp) VALUES (${historyLead}, (SELECT id FROM users WHERE username = 'admin'), 'call', 'out', '', '${c < answered ? 'answered' : 'no_answer'}', ${at + c * 60});`,
        )
    }
  // The table is learned at most once an hour: the one made when the database was migrated,
  // before this history, goes, so the server learns it again when it starts.
  lines.push("DELETE FROM settings WHERE key = 'connect_rates';")
  lines.push('COMMIT;')
  return lines.join('\n')
}

before(async () => {
  server = await startServer({}, { prepareDb: (db) => execFileSync('sqlite3', [db], { input: generatedBookSql() }) })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

// Same rows in the same order, field by field: priority, hot score and badge, Ready to Sell,
// call allowed, consent exemption, reasons; and the same number of leads left out.
async function compareQueues(context, page, label) {
  const fromServer = await apiGet(context, '/api/queue?limit=5000')
  const fromConsole = await page.evaluate(() => window.crmConsole.queue())
  assert.ok(fromServer.total > 1000 && fromServer.total <= 5000, `${label}: a queue worth comparing (${fromServer.total})`)
  assert.ok(fromServer.excludedTotal > 500, `${label}: leads left out for every reason`)
  assert.equal(fromConsole.search, '')
  assert.equal(fromConsole.excludedTotal, fromServer.excludedTotal, `${label}: leads left out`)
  assert.equal(fromConsole.items.length, fromServer.total, `${label}: leads in the queue`)
  const withoutLead = fromServer.items.map(({ lead, ...item }) => item)
  for (let i = 0; i < withoutLead.length; i++)
    assert.deepEqual(fromConsole.items[i], withoutLead[i], `${label}: row ${i + 1} (lead ${withoutLead[i].leadId})`)
  return { rows: withoutLead, window: fromServer.window }
}

test(`GET /api/queue and the console rank ${LEADS} generated leads identically`, { skip: !built && 'console not built' }, async () => {
  const { context, page } = await openConsole(browser, server.baseUrl, { width: 1280, height: 800, blockServiceWorkers: true })
  await until(page, (n) => {
    const s = window.crmConsole.state()
    return s.sync.lastSync !== null && !s.sync.syncing && s.leadCount >= n
  }, LEADS)

  // Friday 10:30, a calling window: everyone can be called.
  const open = await compareQueues(context, page, 'window open')
  assert.equal(open.window.open, true)
  assert.ok(open.rows.some((r) => r.hot) && open.rows.some((r) => r.readyToSell) && open.rows.some((r) => !r.hot))
  // The learned window and the follow-ups are in the comparison: the same table on both sides
  // (the console has it from the settings it synced), the same due follow-ups.
  const has = (rows, prefix) => rows.some((r) => r.reasons.some((x) => x.startsWith(prefix)))
  assert.ok(has(open.rows, 'bon créneau : '), 'Friday 10 h is a learned good hour')
  assert.ok(open.rows.some((r) => r.reasons.some((x) => x.startsWith('bon créneau : '))) &&
    open.rows.some((r) => !r.reasons.some((x) => x.startsWith('bon créneau : '))), 'only leads not reached yet get it')
  assert.ok(has(open.rows, 'relance prévue '), 'follow-ups due today')
  assert.ok(has(open.rows, 'relance en retard '), 'follow-ups due on an earlier day')

  // Friday 13:30, the lunch break: only leads with consent can be called (exempt).
  const lunch = '2026-11-20T12:30:00Z'
  assert.equal((await apiPost(context, '/api/test/clock', { now: lunch })).status, 200)
  await context.clock.setFixedTime(new Date(lunch))
  await until(page, () => window.crmConsole.state().window.open === false)
  const closed = await compareQueues(context, page, 'window closed')
  assert.ok(closed.rows.some((r) => !r.callAllowed) && closed.rows.some((r) => r.consentExempt))
  await context.close()
})
