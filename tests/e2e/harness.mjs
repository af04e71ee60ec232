// Shared by the browser tests: a real crm-server on a free loopback port with a fresh seeded
// database and a fixed clock, and Debian's Chromium driven by playwright-core.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync, mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { PNG } from 'pngjs'
import pixelmatch from 'pixelmatch'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
// Friday 20 November 2026, 10:30 in Paris: the server and the browser agree on "now".
export const TEST_NOW = '2026-11-20T09:30:00Z'
export const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts')
export const BASELINES = join(ROOT, 'tests', 'e2e', 'baselines')

export async function startServer(extraEnv = {}) {
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
    ...extraEnv,
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
export async function newPage(browser, baseUrl, { width = 1280, height = 800, deviceScaleFactor = 1, hasTouch = false } = {}) {
  const context = await browser.newContext({
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
