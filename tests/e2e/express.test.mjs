// The Express layout on a 375×812 phone, driven by touch only: a whole call — call, outcome 6
// with its slot and place, deliver to the suggested agent — then the other tabs in their phone
// form. Every step is checked on the server.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, apiGet, openConsole, saveScreenshot, serverAndBrowser, tapAnchor, until } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const env = serverAndBrowser()
const phone = { width: 375, height: 812, hasTouch: true }

test('a whole call by touch: call, outcome 6 with a slot, deliver', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await openConsole(env.browser, env.server.baseUrl, phone)
  assert.equal((await state()).layout, 'express')
  await until(page, () => window.crmConsole.state().pending === 0)

  // A Lyon seller (Alice Martin serves Lyon): "Suivant" until the card shows one.
  const queue = (await apiGet(context, '/api/queue?limit=20')).items
  const target = queue.findIndex((i) => i.lead.city === 'Lyon' && i.lead.consent && i.lead.stage === 'new')
  assert.ok(target >= 0, 'a Lyon lead in the queue')
  const leadId = queue[target].leadId
  for (let i = (await state()).selected; i < target; i++) {
    await tapAnchor(page, 'phone-next')
    await until(page, (n) => window.crmConsole.state().selected === n, i + 1)
  }
  assert.equal((await state()).currentLeadId, leadId)

  await tapAnchor(page, 'card-call')
  await until(page, () => window.crmConsole.state().inCall)

  // Outcome 6: the slot is asked on the same screen, prefilled with tomorrow's first window.
  await tapAnchor(page, 'outcome:6')
  await until(page, (id) => window.crmConsole.state().wrapUp?.leadId === id && window.crmConsole.state().wrapUp.booking, leadId)
  await tapAnchor(page, 'booking-place')
  await until(page, () => window.crmConsole.state().typing === true)
  await page.keyboard.type('Sur place')
  await until(page, () => window.crmConsole.state().shown['booking-place'] === 'Sur place')
  await tapAnchor(page, 'booking-save')
  await until(page, () => window.crmConsole.state().flash.startsWith('RDV enregistré'))
  const booked = await apiGet(context, `/api/leads/${leadId}`)
  assert.equal(booked.status, 'booked')
  assert.ok(booked.hasBookedSlot)
  const timeline = (await apiGet(context, `/api/leads/${leadId}/timeline`)).items
  const appointment = timeline.find((e) => e.type === 'appointment')
  assert.equal(appointment.location, 'Sur place')
  assert.equal(appointment.start, '2026-11-23T09:00:00Z')  // Monday 10:00 Paris: the next window after Friday

  // Still on the same screen, for the same lead: deliver to the suggested agent.
  const st = await state()
  assert.equal(st.wrapUp.leadId, leadId)
  assert.equal(st.wrapUp.booking, false)
  const alice = (await apiGet(context, '/api/agents')).items.find((a) => a.username === 'alice.martin')
  await tapAnchor(page, 'wrap-deliver')
  await until(page, (id) => Boolean(window.crmConsole.state().anchors[`wrap-deliver-to:${id}`]), alice.id)
  assert.equal((await state()).shown['wrap-price'], '35,00\u00a0€')  // base 20 € + booked slot 15 €
  await saveScreenshot(page, 'operator-express-wrap-up-375')
  await tapAnchor(page, `wrap-deliver-to:${alice.id}`)
  await until(page, () => window.crmConsole.state().flash.startsWith('Livré à Alice Martin'))
  const deliveries = (await apiGet(context, '/api/deliveries')).items.filter((d) => d.leadId === leadId)
  assert.equal(deliveries.length, 1)
  assert.equal(deliveries[0].agentId, alice.id)
  assert.equal(deliveries[0].priceCents, 3500)

  // A follow-up from the same screen, then back to the queue.
  await tapAnchor(page, 'wrap-follow-up-j2')
  await until(page, () => window.crmConsole.state().flash.startsWith('Relance prévue'))
  const open = (await apiGet(context, `/api/tasks?leadId=${leadId}`)).items
  assert.deepEqual(open.map((t) => t.note), ['Relance J+2'], 'one tap, one follow-up')
  await tapAnchor(page, 'wrap-done')
  await until(page, () => window.crmConsole.state().wrapUp === null)
  await context.close()
})

test('the other tabs in a phone form: deliveries, pipeline, dashboard, rules, follow-ups', { skip: !built && 'console not built' }, async () => {
  const { context, page } = await openConsole(env.browser, env.server.baseUrl, phone)
  const deliveries = (await apiGet(context, '/api/deliveries')).items
  await tapAnchor(page, 'phone-tab:deliveries')
  await until(page, (id) => Boolean(window.crmConsole.state().shown[`phone-delivery:${id}`]), deliveries[0].id)
  const line = (await page.evaluate(() => window.crmConsole.state().shown))[`phone-delivery:${deliveries[0].id}`]
  assert.ok(line.startsWith(deliveries[0].agentName), line)
  await saveScreenshot(page, 'operator-express-deliveries-375')

  await tapAnchor(page, 'phone-tab:pipeline')
  const news = (await apiGet(context, '/api/leads?stage=new&limit=1')).total
  await until(page, (n) => (window.crmConsole.state().shown['phone-pipeline'] ?? '').startsWith(`Nouveau · ${n} · `), news)

  await tapAnchor(page, 'phone-tab:dashboard')
  const api = await apiGet(context, '/api/dashboard?days=7')
  await until(page, (n) => window.crmConsole.state().shown['phone-funnel:created'] === String(n), api.funnel.created)
  await saveScreenshot(page, 'operator-express-dashboard-375')

  await tapAnchor(page, 'phone-tab:automations')
  await until(page, () => window.crmConsole.state().automations.loaded)

  // Back to the queue: the À rappeler list (the seed's two follow-ups), Done by touch.
  await tapAnchor(page, 'phone-tab:queue')
  await tapAnchor(page, 'phone-follow-ups')
  await until(page, () => window.crmConsole.state().showFollowUps && window.crmConsole.state().followUps.length > 0)
  const first = (await page.evaluate(() => window.crmConsole.state().followUps))[0]
  await tapAnchor(page, `follow-up-done:${first.taskId}`)
  await until(page, (id) => !window.crmConsole.state().followUps.some((f) => f.taskId === id), first.taskId)
  const task = (await apiGet(context, `/api/leads/${first.leadId}/timeline`)).items.find((e) => e.type === 'task' && e.id === first.taskId)
  assert.ok(task.doneAt, 'done on the server')
  await context.close()
})
