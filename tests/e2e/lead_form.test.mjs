// The console's lead form against the real server: a new lead typed with a phone number already
// known (in another format) is caught as a duplicate, shown beside the existing lead, and
// merged into it (no second lead); "Créer quand même" creates it after all.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, serverAndBrowser, apiGet, openConsole, until, clickAnchor, focusField } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const skip = !built && 'console not built'
const env = serverAndBrowser()

async function typeNewLead(page, lastName, phone) {
  await page.keyboard.press('n')
  await focusField(page, 'lead-form:last')
  await page.keyboard.type(lastName)
  // The console takes typed characters a frame at a time: move on once they have all landed.
  await until(page, (t) => window.crmConsole.state().shown['lead-form-typed'] === t, `${lastName}|`)
  await focusField(page, 'lead-form:phone')
  await page.keyboard.type(phone)
  await until(page, (t) => window.crmConsole.state().shown['lead-form-typed'] === t, `${lastName}|${phone}`)
  await until(page, () => window.crmConsole.state().shown['lead-form-problems'] === '0')
  await clickAnchor(page, 'lead-form-save')
  await until(page, () => Number(window.crmConsole.state().shown['lead-form-duplicates'] || 0) >= 1)
}

test('a known phone in another format: shown side by side, merged into the older lead', { skip }, async () => {
  const { context, page } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  const leads = (await apiGet(context, '/api/leads?limit=1000')).items
  const known = leads.find((l) => l.phoneE164 && !l.dnc)
  const total = leads.length
  // "+33 6 …" for a lead typed "06 …": the same number once normalised.
  const other = '+33 ' + known.phoneE164.slice(3, 4) + ' ' + known.phoneE164.slice(4).replace(/(\d\d)(?=\d)/g, '$1 ')
  await typeNewLead(page, 'Doublon', other)
  await clickAnchor(page, 'lead-form-merge')
  await until(page, (id) => window.crmConsole.state().flash.startsWith(`Fusionné dans le lead ${id}`), known.id)
  assert.equal((await apiGet(context, '/api/leads?limit=1000')).total, total, 'no second lead')
  const merged = await apiGet(context, `/api/leads/${known.id}`)
  assert.equal(merged.phoneE164, known.phoneE164)

  await typeNewLead(page, 'Homonyme', other)
  await clickAnchor(page, 'lead-form-create-anyway')
  await until(page, () => window.crmConsole.state().flash.startsWith('Lead créé'))
  assert.equal((await apiGet(context, '/api/leads?limit=1000')).total, total + 1)
  await context.close()
})
