// The Agent CRM as agents use it, and the login shell for the operator, against the real
// server with its seeded data.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { serverAndBrowser, newPage, login, apiGet, saveScreenshot } from './harness.mjs'

const env = serverAndBrowser()

test('a wrong password shows an error and no app', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'alice.martin', 'wrong-password')
  await page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect.' }).waitFor()
  assert.equal(await page.getByTestId('demo-banner').count(), 0)
  await context.close()
})

test('alice sees her leads and only hers, under the Demo banner', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'alice.martin')
  await page.getByTestId('demo-banner').waitFor()
  await page.getByTestId('lead-row').first().waitFor()
  const mine = (await apiGet(context, '/api/leads/assigned')).items
  assert.ok(mine.length > 0)
  const rows = await page.getByTestId('lead-row').allInnerTexts()
  assert.equal(rows.length, mine.length)
  for (const lead of mine) assert.ok(rows.some((r) => r.includes(`${lead.firstName} ${lead.lastName}`)), `${lead.firstName} ${lead.lastName} is listed`)
  // None of ben's leads.
  const ben = await newPage(env.browser, env.server.baseUrl)
  await login(ben.page, 'ben.leroy')
  await ben.page.getByTestId('lead-row').first().waitFor()
  const bens = (await apiGet(ben.context, '/api/leads/assigned')).items
  for (const lead of bens) assert.ok(!rows.some((r) => r.includes(`${lead.firstName} ${lead.lastName}`)), `ben's ${lead.firstName} is not shown to alice`)
  // Search narrows the list (by first name: a surname is an initial until the lead is accepted).
  await page.getByLabel('Rechercher').fill(mine[0].firstName)
  const filtered = await page.getByTestId('lead-row').allInnerTexts()
  assert.ok(filtered.length >= 1 && filtered.length < rows.length)
  await ben.context.close()
  await context.close()
})

test('ben sees his own leads', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'ben.leroy')
  await page.getByTestId('lead-row').first().waitFor()
  const mine = (await apiGet(context, '/api/leads/assigned')).items
  const rows = await page.getByTestId('lead-row').allInnerTexts()
  assert.equal(rows.length, mine.length)
  assert.ok(rows.every((r) => /Bordeaux|Mérignac/.test(r)))
  await context.close()
})

test('alice logs a call and sees it first in the lead detail', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'alice.martin')
  await page.getByTestId('lead-row').first().click()
  const detail = page.getByTestId('lead-detail')
  await detail.waitFor()
  await detail.getByLabel('Résumé').fill('Rappel fait : visite prévue jeudi 14 h')
  await detail.getByRole('button', { name: 'Enregistrer' }).click()
  await page.getByTestId('history').locator('li').first().filter({ hasText: 'Rappel fait : visite prévue jeudi 14 h' }).waitFor()
  const first = await page.getByTestId('history').locator('li').first().innerText()
  assert.match(first, /Appel/)
  assert.match(first, /Alice Martin/)
  // The server has it.
  const leadId = (await apiGet(context, '/api/leads/assigned')).items[0].id
  const saved = await apiGet(context, `/api/agent/leads/${leadId}`)
  assert.equal(saved.interactions[0].summary, 'Rappel fait : visite prévue jeudi 14 h')
  await context.close()
})

test('alice accepts a delivery: credits drop by its price, and the seller\'s contact is hers', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'alice.martin')
  await page.getByTestId('demo-banner').waitFor()
  const before = (await apiGet(context, '/api/agent/credits')).balanceCents
  const pending = (await apiGet(context, '/api/agent/deliveries')).items.find((d) => d.status === 'sent')
  assert.ok(pending, 'a delivery waits for alice')
  assert.equal(pending.contactRevealed, false)
  assert.match(pending.lead.lastName, /^.\.$/, 'the surname is an initial until she accepts')
  // Before: the lead's card says why there is no number, and offers no way to call.
  const masked = (await apiGet(context, '/api/leads/assigned')).items.find((l) => l.id === pending.leadId)
  await page.getByTestId('lead-row').filter({ hasText: `${masked.firstName} ${masked.lastName}` }).click()
  const detail = page.getByTestId('lead-detail')
  await detail.getByTestId('contact-hidden').waitFor()
  assert.equal(await detail.locator('a[href^="tel:"]').count(), 0)
  assert.ok((await detail.innerText()).includes(masked.phone), 'the masked number is shown')

  await page.getByRole('tab', { name: 'Livraisons' }).click()
  await page.getByRole('button', { name: 'Accepter' }).locator('visible=true').first().click()
  await page.getByText('Lead accepté').first().waitFor()
  await page.getByTestId('delivery-row').filter({ hasText: pending.lead.firstName }).getByText('Acceptée').waitFor()
  const after = (await apiGet(context, '/api/agent/credits')).balanceCents
  assert.equal(after, before - pending.priceCents)
  await page.getByRole('tab', { name: 'Crédits' }).click()
  const shown = await page.getByTestId('balance').innerText()
  assert.equal(shown.replace(/\s/g, ''), new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(after / 100).replace(/\s/g, ''))

  // After: the full name, the number and the call button.
  const revealed = (await apiGet(context, '/api/leads/assigned')).items.find((l) => l.id === pending.leadId)
  assert.equal(revealed.contactRevealed, true)
  assert.ok(revealed.lastName.length > 2)
  await page.getByRole('tab', { name: 'Mes leads' }).click()
  await page.getByTestId('lead-row').filter({ hasText: `${revealed.firstName} ${revealed.lastName}` }).click()
  await detail.locator(`a[href="tel:${revealed.phoneE164}"]`).waitFor()
  assert.equal(await detail.getByTestId('contact-hidden').count(), 0)
  assert.ok((await detail.innerText()).includes(revealed.phone))
  await context.close()
})

test('admin lands on the operator shell, not the Agent CRM', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'admin')
  await page.getByTestId('operator-shell').waitFor()
  assert.equal(await page.getByTestId('demo-banner').count(), 0)
  assert.equal(await page.getByTestId('lead-row').count(), 0)
  await saveScreenshot(page, 'operator-shell-1280')  // an artefact; the console's look is not frozen
  await context.close()
})

test('an expired session goes back to the login page with a message', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'ben.leroy')
  await page.getByTestId('lead-row').first().waitFor()
  await context.clearCookies()
  await page.getByRole('tab', { name: 'Crédits' }).click()
  await page.getByText('Session expirée, reconnectez-vous.').waitFor()
  await page.getByLabel('Identifiant').waitFor()
  await context.close()
})
