// The console's Automations tab in headless Chromium against the real server: rules switched
// off and edited, a template edited with its live preview and check, a failed job retried,
// and a notification handled. Every change is checked on the server.
// The SMS provider points at a closed loopback port, so SMS jobs really fail.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, startServer, launchBrowser, apiGet, apiPost, apiSession, openConsole, until, clickAnchor, focusField, saveScreenshot } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const skip = !built && 'console not built'
let server
let browser

before(async () => {
  server = await startServer({
    SMS_PROVIDER: 'twilio',
    TWILIO_ACCOUNT_SID: 'AC123',
    TWILIO_AUTH_TOKEN: 'secret',
    TWILIO_FROM: '+33700000000',
    TWILIO_BASE_URL: 'http://127.0.0.1:9',  // nothing listens there: every send fails at once
  })
  browser = await launchBrowser()
})

after(async () => {
  await browser?.close()
  await server?.stop()
})

async function openAutomations() {
  const c = await openConsole(browser, server.baseUrl, { width: 1280, height: 800 })
  await c.page.keyboard.press('Shift+Digit4')  // the Automations tab from the keyboard
  await until(c.page, () => window.crmConsole.state().tab === 'automations')
  await until(c.page, () => window.crmConsole.state().automations.loaded)
  return c
}

test('rules: switch one off; an invalid edit never reaches the server, a valid one is saved', { skip }, async () => {
  const { context, page, state } = await openAutomations()
  const rules = (await apiGet(context, '/api/rules')).items
  const noAnswer = rules.find((r) => r.trigger === 'outcome:no_answer')
  assert.ok(noAnswer.enabled)
  await clickAnchor(page, `rule-toggle:${noAnswer.id}`)
  await until(page, (id) => window.crmConsole.state().automations.rules.find((r) => r.id === id).enabled === false, noAnswer.id)
  assert.equal((await apiGet(context, `/api/rules/${noAnswer.id}`)).enabled, false)

  await clickAnchor(page, `rule-edit:${noAnswer.id}`)
  await focusField(page, 'rule-action')
  await page.keyboard.press('End')
  await page.keyboard.type(',launch_rocket:now')
  await until(page, () => window.crmConsole.state().shown['rule-error'].includes('launch_rocket'))
  await clickAnchor(page, 'rule-save')  // disabled: nothing is sent
  assert.equal((await apiGet(context, `/api/rules/${noAnswer.id}`)).action, noAnswer.action)
  // Close the editor (nothing saved) and start again from the server's rule.
  await clickAnchor(page, `rule-edit:${noAnswer.id}`)
  await until(page, () => !window.crmConsole.state().anchors['rule-action'])
  await clickAnchor(page, `rule-edit:${noAnswer.id}`)
  await until(page, (a) => window.crmConsole.state().shown['rule-action'] === a, noAnswer.action)
  await focusField(page, 'rule-action')
  await page.keyboard.press('End')
  await page.keyboard.type(',set_stage:contacted')
  await until(page, () => window.crmConsole.state().shown['rule-action'].endsWith(',set_stage:contacted'))
  assert.equal((await state()).shown['rule-error'], '')
  await clickAnchor(page, 'rule-save')
  // The console shows the rule once the server has answered with it.
  await until(page, (id) => window.crmConsole.state().automations.rules.find((r) => r.id === id).action.endsWith('set_stage:contacted'), noAnswer.id)
  assert.equal((await apiGet(context, `/api/rules/${noAnswer.id}`)).action, `${noAnswer.action},set_stage:contacted`)
  await saveScreenshot(page, 'operator-automations-rules')
  await context.close()
})

test('rules: a new one built from the lists, action by action, then deleted', { skip }, async () => {
  const { context, page, state } = await openAutomations()
  await clickAnchor(page, 'rule-new')
  await until(page, () => window.crmConsole.state().shown['rule-error'] === 'aucune action')
  await focusField(page, 'rule-name')
  await page.keyboard.type('Messagerie : relance J+3')
  await until(page, () => window.crmConsole.state().shown['rule-name'] === 'Messagerie : relance J+3')
  // The trigger from the list.
  await clickAnchor(page, 'rule-trigger')
  await clickAnchor(page, 'rule-trigger-choice:outcome:voicemail')
  // First action: an SMS with the first SMS template (the form's default).
  await clickAnchor(page, 'rule-add-action')
  await until(page, () => window.crmConsole.state().shown['rule-action'].startsWith('send_sms:'))
  const sms = (await state()).shown['rule-action']
  // Second: a follow-up, picked from the list of actions (J+2 by default, then +1).
  await clickAnchor(page, 'rule-new-action-kind')
  await clickAnchor(page, 'rule-action-kind:2')
  await until(page, () => Boolean(window.crmConsole.state().anchors['rule-add-action']))
  await clickAnchor(page, 'rule-add-action')
  await until(page, (a) => window.crmConsole.state().shown['rule-action'] === `${a},create_task:2d`, sms)
  assert.equal((await state()).shown['rule-error'], '')
  await clickAnchor(page, 'rule-save')
  await until(page, () => window.crmConsole.state().automations.rules.some((r) => r.name === 'Messagerie : relance J+3'))
  const created = (await apiGet(context, '/api/rules')).items.find((r) => r.name === 'Messagerie : relance J+3')
  assert.equal(created.trigger, 'outcome:voicemail')
  assert.equal(created.action, `${sms},create_task:2d`)
  assert.equal(created.enabled, true)

  // Delete, after a confirmation.
  await clickAnchor(page, `rule-edit:${created.id}`)
  await clickAnchor(page, 'rule-delete')
  await clickAnchor(page, 'rule-delete-confirm')
  await until(page, (id) => !window.crmConsole.state().automations.rules.some((r) => r.id === id), created.id)
  assert.equal((await context.request.get(`/api/rules/${created.id}`)).status(), 404)
  await context.close()
})

test('templates: live preview, unknown tags refused, a valid edit saved', { skip }, async () => {
  const { context, page, state } = await openAutomations()
  await clickAnchor(page, 'automations:templates')
  await clickAnchor(page, 'template:templateB')
  await until(page, () => window.crmConsole.state().shown['template-preview']?.startsWith('Bonjour Camille'))
  await focusField(page, 'template-body')
  await page.keyboard.press('Control+End')
  await page.keyboard.type(' {prenom}')
  await until(page, () => window.crmConsole.state().shown['template-error'].includes('{prenom}'))
  for (let i = 0; i < ' {prenom}'.length; i++) await page.keyboard.press('Backspace')
  // ASCII only: Playwright types other characters as IME input, which no keyboard sends
  await page.keyboard.type(' A bientot, {agentName}.')
  await until(page, () => window.crmConsole.state().shown['template-preview'].endsWith('A bientot, Alice Martin.'))
  assert.equal((await state()).shown['template-error'], '')
  await clickAnchor(page, 'template-save')
  await until(page, () => window.crmConsole.state().automations.templates.find((t) => t.name === 'templateB').body.endsWith('{agentName}.'))
  const saved = (await apiGet(context, '/api/templates')).items.find((t) => t.name === 'templateB')
  assert.ok(saved.body.endsWith('STOP pour ne plus recevoir de SMS. A bientot, {agentName}.'), saved.body)
  await saveScreenshot(page, 'operator-automations-templates')
  await context.close()
})

test('jobs: a failed SMS is listed under its filter and retried from the console', { skip }, async () => {
  const { context, page } = await openAutomations()
  // A voicemail outcome queues SMS B; five passes an hour apart exhaust its attempts.
  const queue = (await apiGet(context, '/api/queue?limit=5')).items
  const leadId = queue[0].leadId
  assert.equal((await apiPost(context, `/api/leads/${leadId}/outcome`, { outcome: 'voicemail' })).status, 200)
  for (let hour = 0; hour < 5; hour++) {
    await apiPost(context, '/api/test/clock', { now: `2026-11-20T1${hour}:00:00Z` })
    await apiPost(context, '/api/jobs/run-due')
  }
  const failed = (await apiGet(context, `/api/jobs?leadId=${leadId}&status=failed`)).items
  assert.equal(failed.length, 1)
  const job = failed[0]

  await clickAnchor(page, 'automations:jobs')
  await clickAnchor(page, 'job-filter:failed')
  await until(page, (id) => window.crmConsole.state().automations.jobs.some((j) => j.id === id && j.status === 'failed'), job.id)
  await saveScreenshot(page, 'operator-automations-jobs')
  await clickAnchor(page, `job-retry:${job.id}`)
  await until(page, (id) => !window.crmConsole.state().automations.jobs.some((j) => j.id === id), job.id)
  // Pending again with its attempts reset (the scheduler thread may already have tried it once
  // more against the dead provider, which puts it back to pending with a backoff).
  const retried = (await apiGet(context, `/api/jobs?leadId=${leadId}`)).items.find((j) => j.id === job.id)
  assert.equal(retried.status, 'pending')
  assert.ok(retried.attempts <= 1, `attempts ${retried.attempts}`)
  await context.close()
})

test('notifications: the 24 h no-first-call alert is listed and can be marked as handled', { skip }, async () => {
  // Two days later, alice has still not called the lead delivered to her: the clock rule raises
  // an alert. (The jump ends every session: log in again.)
  const api = await apiSession(server.baseUrl, 'admin')
  assert.equal((await api.post('/api/test/clock', { now: '2026-11-22T15:00:00Z' })).status, 200)
  await api.signIn()
  assert.equal((await api.post('/api/jobs/run-due')).status, 200)
  const alert = (await api.get('/api/notifications')).items.find((n) => n.kind === 'no_first_call')
  assert.ok(alert, 'a delivery without a first call raises a notification')
  assert.deepEqual(alert.actions, ['reassign', 'refund'])

  const { context, page } = await openAutomations()
  await clickAnchor(page, 'automations:notifications')
  // Listed with its actions (the Refund button is on screen), then marked as handled.
  await until(page, (id) => Boolean(window.crmConsole.state().anchors[`notification-refund:${id}`]), alert.id)
  await saveScreenshot(page, 'operator-automations-notifications')
  await clickAnchor(page, `notification-resolve:${alert.id}`)
  await until(page, (id) => !window.crmConsole.state().automations.notifications.some((n) => n.id === id), alert.id)
  assert.ok(!(await api.get('/api/notifications')).items.some((n) => n.id === alert.id))
  await api.dispose()
  await context.close()
})

test('notifications: Refund on a no-first-call alert refunds the delivery and revokes its link', { skip }, async () => {
  const api = await apiSession(server.baseUrl, 'admin')
  const lead = await api.post('/api/leads', {
    firstName: 'Bastien', lastName: 'Caron', phone: '06 39 98 33 21', intention: 'sell', timelineMonths: 1,
    city: 'Lyon', zip: '69007', priceEstimateCents: 38000000, consent: true, consentSource: 'call',
  })
  assert.equal(lead.status, 201)
  assert.equal((await api.post(`/api/leads/${lead.body.id}/outcome`, { outcome: 'answered' })).status, 200)
  const delivery = await api.post('/api/deliveries', { leadId: lead.body.id })
  assert.equal(delivery.status, 201)
  const sentAt = Date.parse((await api.get(`/api/deliveries/${delivery.body.id}`)).sentAt)
  // A day and an hour later alice has not called: the alert appears (log in again after the jump).
  assert.equal((await api.post('/api/test/clock', { now: new Date(sentAt + 25 * 3600 * 1000).toISOString().replace('.000', '') })).status, 200)
  await api.signIn()
  assert.equal((await api.post('/api/jobs/run-due')).status, 200)
  const alert = (await api.get('/api/notifications')).items.find((n) => n.deliveryId === delivery.body.id)
  assert.ok(alert, 'the delivery raised a no-first-call alert')

  const { context, page } = await openAutomations()
  await clickAnchor(page, 'automations:notifications')
  await clickAnchor(page, `notification-refund:${alert.id}`)
  await clickAnchor(page, `notification-refund-confirm:${alert.id}`)
  await until(page, (id) => !window.crmConsole.state().automations.notifications.some((n) => n.id === id), alert.id)
  const refunded = await api.get(`/api/deliveries/${delivery.body.id}`)
  assert.equal(refunded.status, 'refunded')
  assert.equal(refunded.refundReason, 'Pas de premier appel sous 24 h')
  const page410 = await context.request.get(new URL(delivery.body.shareUrl).pathname)
  assert.equal(page410.status(), 410)
  await api.dispose()
  await context.close()
})
