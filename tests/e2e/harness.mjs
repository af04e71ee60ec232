// Shared by the browser tests: a real crm-server on a free loopback port with a fresh seeded
// database and a fixed clock, and Debian's Chromium driven by playwright-core.
import { before, after } from 'node:test'
import { execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, request } from 'playwright-core'
import { PNG } from 'pngjs'
import pixelmatch from 'pixelmatch'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
// Friday 20 November 2026, 10:30 in Paris: the server and the browser agree on "now".
export const TEST_NOW = '2026-11-20T09:30:00Z'
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts')
export const BASELINES = join(ROOT, 'tests', 'e2e', 'baselines')

// `prepareDb(path)` runs on the migrated, seeded database before the server starts (a test's
// own data set, written with Debian's sqlite3).
export async function startServer(extraEnv = {}, { prepareDb = null } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'crm-e2e-'))
  const env = {
    ...process.env,
    CRM_HOST: '127.0.0.1',
    CRM_PORT: '0',
    CRM_DB: join(dir, 'crm.db'),
    CRM_SEED: '1',
    CRM_TEST_CLOCK: '1',
    CRM_TEST_NOW: TEST_NOW,
    CRM_WEB_DIR: join(ROOT, 'web-agent', 'dist'),
    CRM_OPERATOR_DIR: join(ROOT, 'build', 'operator-dist'),
    CRM_ACCESS_LOG: '0',
    CRM_DB_STRICT: '1',  // a write under an open read fails every time, not once in a while
    ...extraEnv,
  }
  if (prepareDb) {
    execFileSync(join(ROOT, 'build', 'crm-server'), ['--migrate-only'], { env, cwd: dir, stdio: 'ignore' })
    await prepareDb(env.CRM_DB)
  }
  const child = spawn(join(ROOT, 'build', 'crm-server'), [], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d))
  const baseUrl = await new Promise((resolve, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`crm-server did not start: ${stderr}`)), 20000)
    child.stdout.on('data', (d) => {
      out += d
      const m = out.match(/listening on (http:\/\/[\d.]+:\d+)/)
      if (m) {
        clearTimeout(timer)
        resolve(m[1])
      }
    })
    child.on('exit', (code) => reject(new Error(`crm-server exited with ${code}: ${stderr}`)))
  })
  const health = await fetch(`${baseUrl}/healthz`)
  if (!health.ok) throw new Error(`healthz answered ${health.status}`)
  return {
    baseUrl,
    dbPath: env.CRM_DB,
    async stop() {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader', '--use-angle=swiftshader',
      '--font-render-hinting=none',
    ],
  })
}

// A page at a given size, in French, in Paris, with the browser clock fixed at TEST_NOW.
// `blockServiceWorkers`: for tests that intercept requests (Playwright cannot see a page's
// requests through a service worker).
export async function newPage(
  browser,
  baseUrl,
  { width = 1280, height = 800, deviceScaleFactor = 1, hasTouch = false, blockServiceWorkers = false } = {},
) {
  const context = await browser.newContext({
    serviceWorkers: blockServiceWorkers ? 'block' : 'allow',
    baseURL: baseUrl,
    viewport: { width, height },
    deviceScaleFactor,
    hasTouch,
    isMobile: hasTouch,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    reducedMotion: 'reduce',
  })
  await context.clock.setFixedTime(new Date(TEST_NOW))
  const page = await context.newPage()
  return { context, page }
}

export async function login(page, username, password = 'demo123') {
  await page.goto('/')
  await page.getByLabel('Identifiant').fill(username)
  await page.getByLabel('Mot de passe').fill(password)
  await page.getByRole('button', { name: 'Se connecter' }).click()
}

// Saves a screenshot under artifacts/ (and nothing more with artifactOnly: screens whose look
// is not frozen).
export async function saveScreenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled', caret: 'hide' })
}

// Saves a screenshot under artifacts/ and compares it with the committed baseline: fails when
// more than `maxRatio` of the pixels differ. UPDATE_BASELINES=1 rewrites the baselines.
export async function checkScreenshot(page, name, { maxRatio = 0.002 } = {}) {
  mkdirSync(ARTIFACTS, { recursive: true })
  await page.mouse.move(0, 0)  // no hover state in the picture
  await page.evaluate(() => document.fonts.ready)
  const shot = await page.screenshot({ animations: 'disabled', caret: 'hide', fullPage: false })
  writeFileSync(join(ARTIFACTS, `${name}.png`), shot)
  const baselinePath = join(BASELINES, `${name}.png`)
  if (process.env.UPDATE_BASELINES === '1' || (!existsSync(baselinePath) && process.env.CI !== 'true')) {
    mkdirSync(BASELINES, { recursive: true })
    writeFileSync(baselinePath, shot)
    return { ratio: 0, created: true }
  }
  if (!existsSync(baselinePath)) throw new Error(`no baseline for ${name}: run UPDATE_BASELINES=1 npm test and commit it`)
  const actual = PNG.sync.read(shot)
  const expected = PNG.sync.read(readFileSync(baselinePath))
  if (actual.width !== expected.width || actual.height !== expected.height)
    throw new Error(`${name}: size ${actual.width}x${actual.height} differs from the baseline ${expected.width}x${expected.height}`)
  const diff = new PNG({ width: actual.width, height: actual.height })
  const changed = pixelmatch(actual.data, expected.data, diff.data, actual.width, actual.height, { threshold: 0.1 })
  const ratio = changed / (actual.width * actual.height)
  if (ratio > maxRatio) {
    writeFileSync(join(ARTIFACTS, `${name}.diff.png`), PNG.sync.write(diff))
    throw new Error(`${name}: ${(ratio * 100).toFixed(2)} % of the pixels changed (at most ${(maxRatio * 100).toFixed(2)} %); see artifacts/${name}.diff.png`)
  }
  return { ratio, created: false }
}

// The API as the logged-in browser sees it (same cookies).
export async function apiGet(context, path) {
  const res = await context.request.get(path)
  if (!res.ok()) throw new Error(`GET ${path} answered ${res.status()}`)
  return res.json()
}

// The operator console after login, once its queue is drawn; `state()` reads what it shows.
// `prepare(page)` runs before login (e.g. listeners that must be in place well before use).
export async function openConsole(browser, baseUrl, size, prepare = null) {
  const { context, page } = await newPage(browser, baseUrl, size)
  if (prepare) await prepare(page)
  // What the page asked and said, printed if the console never shows up (a rare CI flake:
  // the shell or the queue not appearing within 30 s under load; this is what diagnoses it).
  const log = []
  page.on('response', (r) => {
    if (r.url().includes('/api/')) log.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)
  })
  page.on('console', (m) => log.push('console: ' + m.text().slice(0, 200)))
  try {
    await login(page, 'admin')
    await page.getByTestId('operator-shell').waitFor()
    await page.waitForFunction(() => window.crmConsole && window.crmConsole.state().rowCount > 0, null, { timeout: 30000 })
  } catch (e) {
    console.log('openConsole failed; last API answers and console lines:', JSON.stringify(log.slice(-30)))
    console.log('page:', (await page.content()).slice(0, 600))
    throw e
  }
  return { context, page, state: () => page.evaluate(() => window.crmConsole.state()) }
}

// Waits until the console's state satisfies `check` (the console draws every animation frame).
export async function until(page, check, arg) {
  await page.waitForFunction(check, arg, { timeout: 15000 })
}

// Where a console widget is, by the name the view gave it (anchors in the test hook), once it
// has stayed in the same place for two frames: a popup is measured in its first frame and
// placed in the next, and a click must land where the widget is drawn.
export async function stableAnchor(page, name) {
  await until(page, (n) => Boolean(window.crmConsole.state().anchors[n]), name)
  for (;;) {
    const first = await page.evaluate((n) => {
      const s = window.crmConsole.state()
      return { rect: s.anchors[n], frames: s.frames }
    }, name)
    await until(page, (f) => window.crmConsole.state().frames >= f + 2, first.frames)
    const rect = await page.evaluate((n) => window.crmConsole.state().anchors[n], name)
    if (rect && first.rect && rect.every((v, i) => v === first.rect[i])) return rect
  }
}

// Clicks the middle of a console widget where a person would.
export async function clickAnchor(page, name) {
  const [x, y, w, h] = await stableAnchor(page, name)
  const { frames } = await page.evaluate(() => window.crmConsole.state())
  await page.mouse.click(x + w / 2, y + h / 2)
  // ImGui sees the press in one frame and the release in the next: a person's next click never
  // comes sooner, and neither does the test's.
  await until(page, (f) => window.crmConsole.state().frames >= f + 3, frames)
}

// Taps a console widget with a finger on a touch page (hasTouch): down, held for a few frames,
// up — as a person's tap, which lasts longer than a frame (Playwright's tap() is down and up
// at once, and ImGui reads a press and a release in the same frame as nothing).
export async function tapAnchor(page, name) {
  const [x, y, w, h] = await stableAnchor(page, name)
  const point = { x: Math.round(x + w / 2), y: Math.round(y + h / 2) }
  const cdp = await page.context().newCDPSession(page)
  const frames = async (n) => {
    const { frames: f } = await page.evaluate(() => window.crmConsole.state())
    await until(page, (target) => window.crmConsole.state().frames >= target, f + n)
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [point] })
  await frames(2)
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
  await frames(3)
  await cdp.detach()
}

// Clicks a console text field and waits until it has the keyboard (keys typed before that
// would be shortcuts).
export async function focusField(page, name) {
  await clickAnchor(page, name)
  await until(page, () => window.crmConsole.state().typing === true)
}

// A write to the API as the logged-in browser (cookies + the CSRF header).
export async function apiPost(context, path, data = {}) {
  const res = await context.request.post(path, { data, headers: { 'X-Requested-With': 'crm' } })
  return { status: res.status(), body: await res.json().catch(() => null) }
}

// An API session of its own (no browser), e.g. to move the test clock past a session's idle
// limit and log in again.
export async function apiSession(baseUrl, username, password = 'demo123') {
  const ctx = await request.newContext({ baseURL: baseUrl, extraHTTPHeaders: { 'X-Requested-With': 'crm' } })
  const signIn = async () => {
    const res = await ctx.post('/api/auth/login', { data: { username, password } })
    if (!res.ok()) throw new Error(`login ${username} answered ${res.status()}`)
  }
  await signIn()
  return {
    signIn,
    get: async (path) => (await ctx.get(path)).json(),
    post: async (path, data = {}) => {
      const res = await ctx.post(path, { data })
      return { status: res.status(), body: await res.json().catch(() => null) }
    },
    dispose: () => ctx.dispose(),
  }
}

// A server and a browser for one test file: started before its tests, stopped after them.
// `env.server` and `env.browser` are set once the tests run.
export function serverAndBrowser(extraEnv = {}) {
  const env = {}
  before(async () => {
    env.server = await startServer(extraEnv)
    env.browser = await launchBrowser()
  })
  after(async () => {
    await env.browser?.close()
    await env.server?.stop()
  })
  return env
}
