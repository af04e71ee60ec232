// Operator console frame time with 10,000 leads (LEADS=… for another size), in headless
// Chromium (SwiftShader WebGL): the time from login until every lead is loaded, the CPU time of
// a frame as measured by the console itself (window.crmConsole.state().frameMs, a moving average
// over frames), and the bundle size. Run by ./scripts/dev bench.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { ROOT, startServer, launchBrowser, newPage, login } from '../e2e/harness.mjs'

const N = Number(process.env.LEADS || 10000)
const server = await startServer()
const db = server.dbPath
// Bulk leads straight into SQLite (the API would take minutes for 10k creations).
const sql = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${N})
INSERT INTO leads(first_name, last_name, phone, phone_e164, intention, timeline_months, city, zip, price_estimate_cents,
  consent, source, stage, status, created_at, updated_at)
SELECT 'Bench', 'Lead ' || i, '06 00 00 00 00', printf('+3361%07d', i), 'sell', i % 13, 'Lyon', '69003', 30000000,
  i % 2, 'website', 'new', 'active', strftime('%s','2026-11-20T09:30:00') - i * 37, strftime('%s','2026-11-20T09:30:00') FROM n;`
execFileSync('sqlite3', [db, sql])
const browser = await launchBrowser()
const { page } = await newPage(browser, server.baseUrl)
const t0 = Date.now()
await login(page, 'admin')
// Checked every 250 ms, not every frame: the check itself serialises the console's state.
await page.waitForFunction((n) => window.crmConsole && window.crmConsole.state().leadCount >= n, N, {
  timeout: 300000,
  polling: 250,
})
const readyS = (Date.now() - t0) / 1000
const samples = []
for (let i = 0; i < 20; i++) {
  await page.waitForTimeout(100)
  samples.push((await page.evaluate(() => window.crmConsole.state())).frameMs)
}
samples.sort((a, b) => a - b)
const dist = join(ROOT, 'build', 'operator-dist')
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length
const state = await page.evaluate(() => window.crmConsole.state())
console.log(`leads loaded: ${state.leadCount}, in the queue: ${state.rowCount}, ready ${readyS.toFixed(1)} s after login`)
console.log(`frame CPU time (moving average, 20 samples over 2 s): median ${samples[10].toFixed(2)} ms, max ${samples[19].toFixed(2)} ms`)
console.log(`bundle: ${((gz('crm-operator.js') + gz('crm-operator.wasm')) / 1024).toFixed(0)} KiB gzipped`)
await browser.close()
await server.stop()
