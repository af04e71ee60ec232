// French prospecting rules in the console, against the real server: at 13:30 on a Friday (the
// lunch break of décret 2022-1313) a lead without consent cannot be called and the lead card
// says why in one line; "A" records the consent read on the phone, after which the server
// allows the call (consent exemption) and audits it. The settings page switches the
// calling-window rule off only after a confirmation, and the server audits it.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, serverAndBrowser, apiGet, apiPost, openConsole, until, clickAnchor, saveScreenshot } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const skip = !built && 'console not built'
const LUNCH = '2026-11-20T12:30:00Z'  // Friday 13:30 in Paris
const env = serverAndBrowser()

test('no consent at lunchtime: Call refused with the reason; A records consent; the call is then allowed', { skip }, async () => {
  const { context, page, state } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  // The device's copy is written first, so the reload below starts from it (without the new
  // lead) and the sync then brings the lead: the top of the queue must still be shown.
  await until(page, () => window.crmConsole.state().sync.saved && window.crmConsole.state().sync.lastSync !== null)
  assert.equal((await apiPost(context, '/api/test/clock', { now: LUNCH })).status, 200)
  await context.clock.setFixedTime(new Date(LUNCH))
  const created = await apiPost(context, '/api/leads', {
    firstName: 'Margaux', lastName: 'Renard', phone: '06 39 98 77 66', intention: 'sell', timelineMonths: 3,
    city: 'Lyon', zip: '69002', source: 'website',
  })
  assert.equal(created.status, 201)
  const id = created.body.id
  await page.reload()  // a fresh lead is first in the queue (speed to lead)
  await page.waitForFunction((i) => window.crmConsole?.state().currentLeadId === i, id, { timeout: 30000 })
  await until(page, () => (window.crmConsole.state().shown['compliance-line'] || '').includes('consentement à recueillir'))
  const line = (await state()).shown['compliance-line']
  assert.match(line, /13:30|14:00|fermé|hors/i, `the line says the window is closed: ${line}`)
  await saveScreenshot(page, 'operator-consent-needed')

  await page.keyboard.press('c')
  await until(page, () => window.crmConsole.state().flash.startsWith('Appel impossible'))
  assert.equal((await state()).inCall, false)

  await page.keyboard.press('a')
  await until(page, () => window.crmConsole.state().flash.startsWith('Consentement enregistré'))
  const lead = await apiGet(context, `/api/leads/${id}`)
  assert.equal(lead.consent, true)
  assert.equal(lead.consentSource, 'call')
  assert.ok(lead.consentText.length > 40, 'the words read are stored')
  await until(page, () => !(window.crmConsole.state().shown['compliance-line'] || '').includes('à recueillir'))

  await page.keyboard.press('c')
  await until(page, () => window.crmConsole.state().inCall === true)
  assert.match((await state()).flash, /consentement/)
  const audit = await apiGet(context, `/api/audit?entity=lead&entityId=${id}`)
  assert.ok(audit.items.some((a) => a.action === 'call.start' && a.after?.consentExempt === true))
  assert.ok(audit.items.some((a) => a.action === 'lead.consent'))
  await context.close()
})

test('settings: the calling-window rule goes off only after a confirmation, and is audited', { skip }, async () => {
  const { context, page } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  await page.keyboard.press(',')
  await clickAnchor(page, 'settings-window-rule')
  await until(page, () => Boolean(window.crmConsole.state().anchors['settings-window-off-confirm']))
  assert.equal((await page.evaluate(() => window.crmConsole.state())).shown['settings-window-rule'], '1')
  await clickAnchor(page, 'settings-window-off-confirm')
  await until(page, () => window.crmConsole.state().shown['settings-window-rule'] === '0')
  await clickAnchor(page, 'settings-save')
  await until(page, () => window.crmConsole.state().shown['settings-message']?.startsWith('Réglages enregistrés'))
  assert.equal((await apiGet(context, '/api/settings')).compliance.callingWindowRule, false)
  const audit = await apiGet(context, '/api/audit?entity=settings')
  assert.ok(audit.items.some((a) => a.action === 'settings.update' && a.before.compliance.callingWindowRule === true &&
    a.after.compliance.callingWindowRule === false))
  await context.close()
})
