// Messages tell the truth, in both UIs against the real server: the console says plainly that
// SMS and e-mail stay in the local outbox (no provider here) and how to change it; a seller's
// SMS reply, sent by the provider's signed webhook, shows in the lead card's history and raises
// the lead in the queue; the agent finds the appointment of a lead delivered to them in
// "Mes rendez-vous", with its calendar file.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createHmac } from 'node:crypto'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, serverAndBrowser, newPage, login, apiGet, openConsole, until, saveScreenshot } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const skip = !built && 'console not built'
const TOKEN = 'e2e-twilio-token'
const env = serverAndBrowser({ TWILIO_AUTH_TOKEN: TOKEN })

// What Twilio posts: a form signed with HMAC-SHA1 over the URL and the sorted parameters.
async function providerPost(baseUrl, path, params) {
  const url = baseUrl + path
  const signed = Object.keys(params).sort().reduce((s, k) => s + k + params[k], url)
  const signature = createHmac('sha1', TOKEN).update(signed).digest('base64')
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Twilio-Signature': signature },
    body: new URLSearchParams(params).toString(),
  })
}

test('the console says when SMS and e-mail only reach the local outbox, and what to set', { skip }, async () => {
  const { context, page, state } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  await until(page, () => (window.crmConsole.state().shown['outbox-warning'] || '').includes("boîte d'envoi locale"))
  assert.match((await state()).shown['outbox-warning'], /^SMS et e-mails : boîte d'envoi locale — non envoyés/)
  await page.keyboard.press('Shift+Digit4')  // Automations
  await until(page, () => window.crmConsole.state().tab === 'automations')
  await saveScreenshot(page, 'operator-outbox-banner')
  const integrations = await apiGet(context, '/api/integrations')
  assert.equal(integrations.sms, 'outbox')
  assert.equal(integrations.email, 'outbox')
  await context.close()
})

test("a seller's SMS reply shows on the lead card and raises the lead in the queue", { skip }, async () => {
  const { context, page } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  const leads = (await apiGet(context, '/api/leads?limit=1000')).items
  const mathis = leads.find((l) => l.firstName === 'Mathis')
  const res = await providerPost(env.server.baseUrl, '/api/webhooks/sms', {
    From: mathis.phoneE164, Body: 'Rappelez-moi demain vers 18h svp',
  })
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('x-replies'), '1')
  const item = (await apiGet(context, '/api/queue?limit=500')).items.find((i) => i.lead.id === mathis.id)
  assert.ok(item.reasons.some((r) => r.startsWith('a répondu par SMS')), JSON.stringify(item.reasons))

  // The console brings the reply in with its next sync; find the lead and read its card.
  await page.reload()
  await page.waitForFunction(() => window.crmConsole && window.crmConsole.state().rowCount > 0, null, { timeout: 30000 })
  await page.keyboard.press('/')
  await until(page, () => window.crmConsole.state().typing === true)
  await page.keyboard.type('Girard')
  await until(page, (id) => window.crmConsole.state().currentLeadId === id, mathis.id)
  await until(page, () => (window.crmConsole.state().shown['lead-history'] || '').includes('SMS reçu : Rappelez-moi demain vers 18h svp'))
  await saveScreenshot(page, 'operator-sms-reply')
  await context.close()
})

test('the agent finds the appointment of a delivered lead in "Mes rendez-vous", with its .ics', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'alice.martin')
  await page.getByRole('tab', { name: 'Mes rendez-vous' }).click()
  const row = page.getByTestId('appointment-row').first()
  await row.waitFor()
  const mine = (await apiGet(context, '/api/agent/appointments')).items
  assert.ok(mine.length >= 1)
  assert.match(await row.innerText(), new RegExp(`Estimation avec ${mine[0].lead.firstName}`))
  const ics = await context.request.get(await row.getByRole('link').getAttribute('href'))
  assert.equal(ics.status(), 200)
  assert.match(ics.headers()['content-type'], /text\/calendar/)
  assert.match(await ics.text(), /BEGIN:VCALENDAR[\s\S]*METHOD:REQUEST/)
  await saveScreenshot(page, 'agent-appointments')
  await context.close()
})
