// The operator's writes while the scheduler sweeps a large book: 100,000 idle leads (LEADS=…),
// whose first scheduler pass nurtures each one in its own short transaction (about 20 s here).
// Meanwhile one client records an outcome every half second and reads the queue after each:
// the time of each, median, p99 and longest, and how far the sweep got.
// Run by ./scripts/dev bench (figures: docs/PERFORMANCE.md).
import { startServer, apiSession } from '../e2e/harness.mjs'
import { insertIdleLeads, sqliteValue } from './idle_book.mjs'

const N = Number(process.env.LEADS || 100000)
const server = await startServer()
insertIdleLeads(server.dbPath, N)
const nurtured = () => Number(sqliteValue(server.dbPath, "SELECT COUNT(*) FROM jobs WHERE kind = 'schedule_ping'"))
const ids = sqliteValue(server.dbPath, "SELECT id FROM leads WHERE first_name = 'Bench' ORDER BY id LIMIT 40").split('\n')
const s = await apiSession(server.baseUrl, 'admin')
await s.get('/api/queue?limit=50')  // the queue's index built before the clock starts
// The pass begins at the scheduler's next tick: wait until it has started.
while (nurtured() === 0) await new Promise((r) => setTimeout(r, 100))
const outcomes = []
const queues = []
for (let i = 0; i < 40; i++) {
  const t = performance.now()
  const r = await s.post(`/api/leads/${ids[i]}/outcome`, { outcome: 'no_answer' })
  if (r.status !== 200) throw new Error(`outcome answered ${r.status}`)
  const t2 = performance.now()
  await s.get('/api/queue?limit=50')
  outcomes.push(t2 - t)
  queues.push(performance.now() - t2)
  await new Promise((r) => setTimeout(r, 500))
}
const swept = nurtured()
const sorted = (xs) => [...xs].sort((a, b) => a - b)
const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))]
const line = (xs) => `p50 ${pct(xs, 0.5).toFixed(1)} ms, p99 ${pct(xs, 0.99).toFixed(1)} ms, longest ${Math.max(...xs).toFixed(1)} ms`
console.log(`${N} idle leads; ${swept} nurtured by the end of the 40 outcomes (the sweep still ran: ${swept < N ? 'yes' : 'no'})`)
console.log(`outcome during the sweep: ${line(outcomes)}`)
console.log(`queue (limit=50) right after it: ${line(queues)}`)
await s.dispose()
await server.stop()
