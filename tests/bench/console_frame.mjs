// Operator console with 10,000 leads (LEADS=… for another size), in headless Chromium
// (SwiftShader WebGL), from login:
//   - ready: the time until every lead is loaded and the queue ranked from them is shown (a large
//     book is ranked over several frames: `ranking` in the state);
//   - saved: the time until the device's copy (IndexedDB) holds them all;
//   - the CPU time of every frame the console drew (window.crmConsole.frames), from login until
//     saved, and over 2 s once saved: the median and the longest, and the frames over 50 ms
//     after the first (the first paint); and how many reached WebGL (a frame that draws the
//     same pixels skips it);
//   - the browser's long tasks (over 50 ms, anything on the page's main thread: JavaScript,
//     IndexedDB, WebGL) over the same span, before the console's first paint (the page, the
//     module, WebGL), ending in it, and after it;
//   - outcome key to next lead: "2" (no answer) on the selected lead, until the console shows
//     the next one (the server's answer, the lead re-ranked, the queue drawn), while the
//     server's scheduler nurtures the idle book (tests/bench/idle_book.mjs);
//   - reopened: the page loaded again, until the queue shows every lead from the device's copy,
//     with its frames and long tasks;
//   - the bundle size.
// THROTTLE=3: a client three times slower (Chromium's CPU throttling of the page; the server is
// not throttled).
// Run by ./scripts/dev bench.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'
import { ROOT, startServer, launchBrowser, newPage, login } from '../e2e/harness.mjs'
import { insertIdleLeads } from './idle_book.mjs'

const N = Number(process.env.LEADS || 10000)
const server = await startServer()
insertIdleLeads(server.dbPath, N)
const browser = await launchBrowser()
const { page } = await newPage(browser, server.baseUrl)
await page.addInitScript(() => {
  window.__longTasks = []
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask', buffered: true })
  // The console's first paint: the first frame it drew (font atlas, shaders), after the page
  // loaded the module and opened WebGL. On the long tasks' clock: performance.now() is the
  // test clock's (newPage), which goes on across a reload.
  window.__firstPaint = Infinity
  const watch = () => {
    if (window.crmConsole && window.crmConsole.state().frames > 0) window.__firstPaint = document.timeline.currentTime
    else requestAnimationFrame(watch)
  }
  requestAnimationFrame(watch)
})
const throttle = Number(process.env.THROTTLE || 1)
if (throttle !== 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: throttle })
const t0 = Date.now()
await login(page, 'admin')
// Checked every 250 ms, not every frame: the check itself serialises the console's state.
const queueShown = () =>
  page.waitForFunction((n) => {
    if (!window.crmConsole) return false
    const s = window.crmConsole.state()
    return s.leadCount >= n && !s.ranking && s.rowCount > 0  // loaded, and the queue ranked from them
  }, N, {
    timeout: 300000,
    polling: 250,
  })
await queueShown()
const readyS = (Date.now() - t0) / 1000
console.log(`ready ${readyS.toFixed(1)} s after login`)
await page.waitForFunction(() => {
  const s = window.crmConsole.state()
  return s.sync.saved && !s.sync.syncing
}, null, { timeout: 300000, polling: 250 })
const savedS = (Date.now() - t0) / 1000
console.log(`device copy saved ${savedS.toFixed(1)} s after login`)
const loading = await page.evaluate(() => window.crmConsole.frames(0))
const longTasks = await page.evaluate(() => window.__longTasks.splice(0))
const firstPaintAt = await page.evaluate(() => window.__firstPaint)
const drawnBefore = (await page.evaluate(() => window.crmConsole.state())).framesDrawn
await page.waitForTimeout(2000)
const steady = await page.evaluate((from) => window.crmConsole.frames(from), loading.length)
const drawnSteady = (await page.evaluate(() => window.crmConsole.state())).framesDrawn - drawnBefore

// Outcome key to next lead, three times: the listener and the check are set before the key.
async function outcomeToNext() {
  const waiting = page.evaluate(
    () =>
      new Promise((resolve) => {
        const first = window.crmConsole.state().currentLeadId
        let pressedAt = 0
        window.addEventListener('keydown', () => (pressedAt = performance.now()), { once: true, capture: true })
        const check = () => {
          if (pressedAt && window.crmConsole.state().currentLeadId !== first) resolve(performance.now() - pressedAt)
          else if (pressedAt && performance.now() - pressedAt > 30000) resolve(NaN)  // never moved on
          else requestAnimationFrame(check)
        }
        requestAnimationFrame(check)
      }),
  )
  await page.waitForTimeout(50)
  await page.keyboard.press('2')
  return waiting
}
const outcomes = []
for (let i = 0; i < 3; i++) outcomes.push(await outcomeToNext())
const outcomeTasks = await page.evaluate(() => window.__longTasks.splice(0))

// Reopened: the same page loaded again, the leads from the device's copy (IndexedDB), then a
// sync of what changed since its cursor.
const t1 = Date.now()
await page.reload()
await queueShown()
const reopenS = (Date.now() - t1) / 1000
const reopenFrames = await page.evaluate(() => window.crmConsole.frames(0))
const reopenTasks = await page.evaluate(() => window.__longTasks.splice(0))
const reopenPaintAt = await page.evaluate(() => window.__firstPaint)
const reopenState = await page.evaluate(() => window.crmConsole.state())

const sorted = (xs) => [...xs].sort((a, b) => a - b)
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)] ?? 0
const max = (xs) => Math.max(0, ...xs)
const dist = join(ROOT, 'build', 'operator-dist')
const gz = (f) => gzipSync(readFileSync(join(dist, f)), { level: 9 }).length
const state = await page.evaluate(() => window.crmConsole.state())
console.log(`leads loaded: ${state.leadCount}, in the queue: ${state.rowCount}`)
// The first frame is the console's first paint (the font atlas and the shaders are built in
// it); the target is every frame and every long task after it.
const framesLine = (frames) =>
  `${frames.length}, median ${median(frames).toFixed(2)} ms, the first (first paint) ${(frames[0] ?? 0).toFixed(0)} ms, ` +
  `after it: longest ${max(frames.slice(1)).toFixed(0)} ms, over 50 ms: ${frames.slice(1).filter((f) => f > 50).length}`
const tasksLine = (tasks, paintAt) => {
  const before = tasks.filter((t) => t.start + t.duration < paintAt)
  const atPaint = tasks.filter((t) => t.start < paintAt && t.start + t.duration >= paintAt)
  const after = tasks.filter((t) => t.start >= paintAt).map((t) => t.duration)
  return (
    `before the first paint ${before.length} (longest ${max(before.map((t) => t.duration)).toFixed(0)} ms), ` +
    `ending in it ${atPaint.length} (${atPaint.map((t) => t.duration.toFixed(0) + ' ms').join(', ') || '-'}), ` +
    `after it ${after.length} (longest ${max(after).toFixed(0)} ms)`
  )
}
console.log(`frames from login until saved: ${framesLine(loading)}`)
console.log(`long tasks (page main thread) from login until saved: ${tasksLine(longTasks, firstPaintAt)}`)
console.log(
  `frames over 2 s once saved: ${steady.length} (${drawnSteady} drawn, the others the same pixels), ` +
    `median ${median(steady).toFixed(2)} ms, longest ${max(steady).toFixed(2)} ms`,
)
console.log(`outcome key to next lead: ${outcomes.map((ms) => ms.toFixed(0) + ' ms').join(', ')}`)
console.log(
  `long tasks during the outcomes: ${outcomeTasks.length} (longest ${max(outcomeTasks.map((t) => t.duration)).toFixed(0)} ms)`,
)
console.log(`reopened from the device's copy: queue shown ${reopenS.toFixed(1)} s after the reload (${reopenState.leadCount} leads)`)
console.log(`  frames: ${framesLine(reopenFrames)}`)
console.log(`  long tasks: ${tasksLine(reopenTasks, reopenPaintAt)}`)
console.log(`bundle: ${((gz('crm-operator.js') + gz('crm-operator.wasm')) / 1024).toFixed(0)} KiB gzipped`)
await browser.close()
await server.stop()
