// The "À rappeler" list in the console's Queue tab (key F): late and today's follow-ups first,
// with the lead, note and time; Fait and the snoozes reach the server; a due follow-up raises
// its lead with the time it was planned for, the same reason as GET /api/queue; recording an
// outcome on the lead completes its follow-up.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, apiGet, apiSession, clickAnchor, openConsole, saveScreenshot, serverAndBrowser, until } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const env = serverAndBrowser()

test('F lists the follow-ups; Fait, +1 h and an outcome close or move them on the server', { skip: !built && 'console not built' }, async () => {
  // Two follow-ups made before the console opens: one this morning on the queue's third lead
  // (09:00, late now at 10:30), one on Monday for the fourth.
  const api = await apiSession(env.server.baseUrl, 'admin')
  const queue = (await api.get('/api/queue?limit=5')).items
  const late = queue[2].lead, monday = queue[3].lead
  const morning = await api.post(`/api/leads/${late.id}/tasks`, { dueAt: '2026-11-20T08:00:00Z', note: 'Rappeler avant midi' })
  const later = await api.post(`/api/leads/${monday.id}/tasks`, { dueAt: '2026-11-23T09:00:00Z', note: 'Lundi' })
  assert.equal(morning.status, 201)
  assert.equal(later.status, 201)
  await api.dispose()

  const { context, page, state } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  await page.keyboard.press('f')
  await until(page, () => window.crmConsole.state().showFollowUps)
  await until(page, (id) => window.crmConsole.state().followUps.some((f) => f.taskId === id), later.body.id)
  const list = (await state()).followUps
  assert.equal(list[0].taskId, morning.body.id)  // late first
  assert.equal(list[0].bucket, 'en retard')
  assert.equal(list[0].lead, `${late.firstName} ${late.lastName}`)
  assert.equal(list[0].note, 'Rappeler avant midi')
  assert.equal(list.at(-1).bucket, 'plus tard')
  assert.ok(list.findIndex((f) => f.taskId === later.body.id) > 0)
  assert.equal((await state()).shown[`follow-up:${morning.body.id}`], `09:00 ${late.firstName} ${late.lastName} · ${late.city} Rappeler avant midi`)
  await saveScreenshot(page, 'operator-follow-ups-1280')

  // The due follow-up raises its lead, with the same reason as the server gives.
  const reason = 'relance prévue 09:00 +20'
  const fromServer = (await apiGet(context, '/api/queue?limit=50')).items.find((i) => i.leadId === late.id)
  assert.ok(fromServer.reasons.includes(reason), fromServer.reasons.join(' | '))
  const fromConsole = (await page.evaluate(() => window.crmConsole.queue())).items.find((i) => i.leadId === late.id)
  assert.deepEqual(fromConsole.reasons, fromServer.reasons)

  // +1 h: 11:30 Paris today, on the server; the raise ends with it.
  await clickAnchor(page, `follow-up-snooze-1h:${morning.body.id}`)
  await until(page, (id) => window.crmConsole.state().followUps.find((f) => f.taskId === id)?.bucket === "aujourd'hui", morning.body.id)
  let task = (await apiGet(context, `/api/tasks?leadId=${late.id}`)).items[0]
  assert.equal(task.dueAt, '2026-11-20T10:30:00Z')
  assert.equal((await apiGet(context, `/api/leads/${late.id}`)).nextActionAt, '2026-11-20T10:30:00Z')
  const raised = (await page.evaluate(() => window.crmConsole.queue())).items.find((i) => i.leadId === late.id)
  assert.ok(!raised.reasons.some((r) => r.startsWith('relance')), raised.reasons.join(' | '))

  // Fait: off the list and done on the server.
  await clickAnchor(page, `follow-up-done:${morning.body.id}`)
  await until(page, (id) => !window.crmConsole.state().followUps.some((f) => f.taskId === id), morning.body.id)
  assert.deepEqual((await apiGet(context, `/api/tasks?leadId=${late.id}`)).items, [])

  // A call on the Monday lead completes its follow-up: pick it from the list, then key 1.
  await clickAnchor(page, `follow-up-lead:${later.body.id}`)
  await until(page, (id) => window.crmConsole.state().currentLeadId === id && !window.crmConsole.state().showFollowUps, monday.id)
  await page.keyboard.press('1')
  await until(page, () => window.crmConsole.state().flash.includes('Répondu'))
  await until(page, (id) => !window.crmConsole.state().followUps.some((f) => f.taskId === id), later.body.id)
  task = (await apiGet(context, `/api/leads/${monday.id}/timeline`)).items.find((e) => e.type === 'task' && e.id === later.body.id)
  assert.ok(task.doneAt)

  // The help overlay lists the key.
  await page.keyboard.press('Shift+Slash')
  await until(page, () => (window.crmConsole.state().shown['help:F'] ?? '').startsWith('à rappeler'))
  await context.close()
})
