// The console's selling tabs in headless Chromium against the real server: a card dragged from
// Qualified to Booked on the Pipeline board (the server agrees), and a lead delivered from the
// board with P (routing, price), then refunded from the Deliveries tab.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, serverAndBrowser, apiGet, apiPost, apiSession, newPage, openConsole, until, clickAnchor, stableAnchor, focusField, saveScreenshot } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const skip = !built && 'console not built'
const env = serverAndBrowser()

async function frames(page, n) {
  const { frames: now } = await page.evaluate(() => window.crmConsole.state())
  await until(page, ([f, k]) => window.crmConsole.state().frames >= f + k, [now, n])
}

async function center(page, name) {
  const [x, y, w, h] = await stableAnchor(page, name)
  return { x: x + w / 2, y: y + h / 2 }
}

async function openPipeline() {
  const c = await openConsole(env.browser, env.server.baseUrl, { width: 1400, height: 860 })
  await c.page.keyboard.press('Shift+Digit2')
  // The key sets the tab at once; the board is drawn (with its totals) a frame later.
  await until(c.page, () => window.crmConsole.state().shown['pipeline-total:new'] !== undefined)
  return c
}

function countIn(shown, stage) {
  return Number((shown[`pipeline-total:${stage}`] || '0|0').split('|')[0])
}

test('drag a card from Qualified to Booked: the board and the server agree', { skip }, async () => {
  const { context, page, state } = await openPipeline()
  const qualified = (await apiGet(context, '/api/leads?stage=qualified&limit=100')).items
  assert.ok(qualified.length > 0, 'the seeds have qualified leads')
  const lead = qualified[0]
  const before = (await state()).shown
  const from = await center(page, `pipeline-card:${lead.id}`)
  const to = await center(page, 'pipeline-column:booked')
  await page.mouse.move(from.x, from.y)
  await frames(page, 2)
  await page.mouse.down()
  await frames(page, 2)
  for (let i = 1; i <= 12; i++) {
    await page.mouse.move(from.x + ((to.x - from.x) * i) / 12, from.y + ((to.y - from.y) * i) / 12)
    await frames(page, 1)
  }
  await page.mouse.up()
  await until(page, ([b, q]) => {
    const shown = window.crmConsole.state().shown
    const n = (s) => Number((shown[`pipeline-total:${s}`] || '0|0').split('|')[0])
    return n('booked') === b + 1 && n('qualified') === q - 1
  }, [countIn(before, 'booked'), countIn(before, 'qualified')])
  assert.equal((await apiGet(context, `/api/leads/${lead.id}`)).stage, 'booked')
  const audit = await apiGet(context, `/api/audit?entity=lead&entityId=${lead.id}`)
  assert.ok(audit.items.some((a) => a.action === 'lead.stage' && a.after?.stage === 'booked'), 'the move is audited')
  await saveScreenshot(page, 'operator-pipeline')
  await context.close()
})

test('P on a board card delivers it to the suggested agent (a trusted one); the Deliveries tab refunds it', { skip }, async () => {
  const { context, page } = await openPipeline()
  const created = await apiPost(context, '/api/leads', {
    firstName: 'Joséphine', lastName: 'Vidal', phone: '06 39 98 44 55', email: 'josephine.vidal@example.fr',
    intention: 'sell', timelineMonths: 2, city: 'Lyon', zip: '69006', priceEstimateCents: 51000000,
    consent: true, consentSource: 'call', consentText: "D'accord pour être rappelée par une agence.",
  })
  assert.equal(created.status, 201)
  const id = created.body.id
  assert.equal((await apiPost(context, `/api/leads/${id}/outcome`, { outcome: 'answered' })).status, 200)
  // The console learns about the lead from the server on its next load: reload the page.
  await page.reload()
  await page.waitForFunction(() => window.crmConsole && window.crmConsole.state().rowCount > 0, null, { timeout: 30000 })
  await page.keyboard.press('Shift+Digit2')
  await until(page, () => window.crmConsole.state().shown['pipeline-total:new'] !== undefined)
  await clickAnchor(page, `pipeline-card:${id}`)
  await until(page, (i) => window.crmConsole.state().sales.pipelineSelected === i, id)
  await page.keyboard.press('KeyP')
  await until(page, () => window.crmConsole.state().shown['deliver-ready'] === '1')
  const agents = (await apiGet(context, '/api/agents')).items
  const alice = agents.find((a) => a.username === 'alice.martin')
  await clickAnchor(page, `deliver-candidate:${alice.id}`)
  assert.equal((await page.evaluate(() => window.crmConsole.state())).shown['deliver-total'], '2000')
  // A trusted agent ("agent de confiance"): the package shows the seller's contact at once.
  await clickAnchor(page, 'deliver-full-contact')
  await saveScreenshot(page, 'operator-deliver-dialog')
  await clickAnchor(page, 'deliver-confirm')
  await until(page, () => window.crmConsole.state().flash.startsWith('Livré à Alice Martin'))
  const deliveries = (await apiGet(context, `/api/deliveries?leadId=${id}`)).items
  assert.equal(deliveries.length, 1)
  assert.equal(deliveries[0].agentId, alice.id)
  assert.equal(deliveries[0].priceCents, 2000)
  assert.equal(deliveries[0].fullContact, true)
  assert.equal(deliveries[0].contactRevealed, true)
  assert.equal((await apiGet(context, `/api/leads/${id}`)).stage, 'sent_to_agent')

  await page.keyboard.press('Shift+Digit3')
  await until(page, (d) => window.crmConsole.state().shown[`delivery:${d}`] === 'sent', deliveries[0].id)
  await clickAnchor(page, `delivery-row:${deliveries[0].id}`)
  await focusField(page, 'delivery-refund-reason')
  await page.keyboard.type('Vendeur deja sous mandat')
  await until(page, () => window.crmConsole.state().shown['refund-reason'] === 'Vendeur deja sous mandat')
  await clickAnchor(page, 'delivery-refund')
  await until(page, (d) => window.crmConsole.state().shown[`delivery:${d}`] === 'refunded', deliveries[0].id)
  const refunded = await apiGet(context, `/api/deliveries/${deliveries[0].id}`)
  assert.equal(refunded.status, 'refunded')
  assert.equal(refunded.refundReason, 'Vendeur deja sous mandat')
  await saveScreenshot(page, 'operator-deliveries')
  await context.close()
})

test('the lead package on a phone: readable without login, the open reported by the page, Accept charges the agent once and reveals the contact', async () => {
  const op = await apiSession(env.server.baseUrl, 'admin')
  const lead = await op.post('/api/leads', {
    firstName: 'Céline', lastName: 'Marchand', phone: '06 39 98 12 34', intention: 'sell', timelineMonths: 2,
    city: 'Villeurbanne', zip: '69100', priceEstimateCents: 29500000, consent: true, consentSource: 'call',
  })
  assert.equal(lead.status, 201)
  assert.equal((await op.post(`/api/leads/${lead.body.id}/outcome`, { outcome: 'answered', note: 'Mandat possible en janvier.' })).status, 200)
  const delivery = await op.post('/api/deliveries', { leadId: lead.body.id })
  assert.equal(delivery.status, 201)
  const before = (await op.get('/api/agents')).items.find((a) => a.id === delivery.body.agentId).creditsCents

  // A link previewer fetches the page: nothing is stamped.
  const path = new URL(delivery.body.shareUrl).pathname
  const preview = await fetch(env.server.baseUrl + path)
  assert.equal(preview.status, 200)
  assert.equal((await op.get(`/api/deliveries/${delivery.body.id}`)).openedAt, null)

  const { context, page } = await newPage(env.browser, env.server.baseUrl, { width: 375, height: 740, hasTouch: true })
  const scriptErrors = []
  page.on('console', (m) => m.type() === 'error' && scriptErrors.push(m.text()))  // a CSP refusal shows here
  await page.goto(path)
  // Before Accept: the project, not the contact.
  await page.getByRole('heading', { name: 'Céline M.' }).waitFor()
  assert.ok(await page.getByText('06 •• •• •• ••').isVisible(), 'the number is masked')
  assert.equal(await page.locator('a[href^="tel:"]').count(), 0)
  assert.ok(await page.getByText('Mandat possible en janvier.').isVisible(), "the operator's note is in the package")
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling')
  // A person has it in front of them: the page's own script reports the open.
  for (let i = 0; i < 50 && !(await op.get(`/api/deliveries/${delivery.body.id}`)).openedAt; i++) await page.waitForTimeout(100)
  const opened = await op.get(`/api/deliveries/${delivery.body.id}`)
  assert.ok(opened.openedAt, 'openedAt set by the page')
  assert.equal(opened.status, 'opened')
  assert.deepEqual(scriptErrors, [])
  await saveScreenshot(page, 'public-package-phone')
  await page.getByRole('button', { name: /Accepter ce lead/ }).tap()
  await page.getByRole('status').filter({ hasText: 'Lead accepté' }).waitFor()
  assert.equal(await page.getByRole('button', { name: /Accepter ce lead/ }).count(), 0)
  // Accepted and paid from credits: the seller's name and number are the agent's now.
  await page.getByRole('heading', { name: 'Céline Marchand' }).waitFor()
  assert.equal(await page.locator('a[href="tel:06 39 98 12 34"]').count(), 1)
  const after = (await op.get('/api/agents')).items.find((a) => a.id === delivery.body.agentId).creditsCents
  assert.equal(after, before - delivery.body.priceCents)
  await op.dispose()
  await context.close()
})

test('Deliveries: "Copier le lien" copies the link the agent already has, in a console that never saw it', { skip }, async () => {
  const op = await apiSession(env.server.baseUrl, 'admin')
  const lead = await op.post('/api/leads', {
    firstName: 'Hélène', lastName: 'Copie', phone: '06 39 98 12 35', intention: 'sell', timelineMonths: 2,
    city: 'Lyon', zip: '69003', priceEstimateCents: 31000000, consent: true, consentSource: 'call',
  })
  assert.equal((await op.post(`/api/leads/${lead.body.id}/outcome`, { outcome: 'answered' })).status, 200)
  const delivery = await op.post('/api/deliveries', { leadId: lead.body.id })
  assert.equal(delivery.status, 201)
  await op.dispose()

  const { context, page } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  await page.keyboard.press('Shift+Digit3')
  await until(page, (d) => window.crmConsole.state().shown[`delivery:${d}`] === 'sent', delivery.body.id)
  await clickAnchor(page, `delivery-row:${delivery.body.id}`)
  await clickAnchor(page, 'delivery-copy')
  await until(page, (url) => window.__crmLastCopied === url, delivery.body.shareUrl)
  // The same link: still the one that works (no new link was issued).
  const res = await context.request.get(new URL(delivery.body.shareUrl).pathname)
  assert.equal(res.status(), 200)
  await context.close()
})
