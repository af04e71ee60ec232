// The operator console without network (issue #9): what is recorded offline is applied on
// screen at once, kept on the device across a reload, and reaches the server exactly once when
// the network is back, even when an answer was lost on the way.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, openConsole, until, clickAnchor, apiSession, serverAndBrowser } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const env = serverAndBrowser()

// The console after a first login: the service worker holds the page and the bundle, and the
// device's copy is written.
async function readyForOffline({ blockServiceWorkers = false } = {}) {
  const opened = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800, blockServiceWorkers })
  const { page } = opened
  if (!blockServiceWorkers)
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, {
      timeout: 15000,
    })
  await until(page, () => {
    const s = window.crmConsole.state()
    return s.sync.lastSync !== null && s.sync.saved && !s.sync.syncing && s.pending === 0
  })
  return opened
}

async function callsAndNotes(api, leadId) {
  const timeline = await api.get(`/api/leads/${leadId}/timeline`)
  const interactions = timeline.items.filter((e) => e.type === 'interaction')
  return {
    calls: interactions.filter((e) => e.kind === 'call').map((e) => e.outcome),
    notes: interactions.filter((e) => e.kind === 'note').map((e) => e.summary),
  }
}

test('offline: three outcomes and a note survive a reload and reach the server once', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await readyForOffline()
  const api = await apiSession(env.server.baseUrl, 'admin')
  await context.setOffline(true)
  await until(page, () => window.crmConsole.state().online === false)

  // Three outcomes on the lead at the top of the queue each time: no answer and voicemail send
  // the lead to its follow-up (it leaves the queue at once, on the device), answered keeps it.
  const done = []
  for (const [key, outcome] of [['2', 'no_answer'], ['3', 'voicemail'], ['1', 'answered']]) {
    const leadId = (await state()).currentLeadId
    await page.keyboard.press(key)
    done.push({ leadId, outcome })
    await until(page, (n) => window.crmConsole.state().sync.pending === n, done.length)
  }
  const rows = (await state()).rows.map((r) => r.leadId)
  assert.ok(!rows.includes(done[0].leadId) && !rows.includes(done[1].leadId), 'the follow-ups left the queue')
  assert.equal((await state()).currentLeadId, done[2].leadId)

  // A note on the answered lead.
  const [x, y, , h] = (await state()).noteField
  await page.mouse.click(x + 10, y + h / 2)
  await until(page, () => window.crmConsole.state().typing === true)
  await page.keyboard.type('Rappeler jeudi')
  await until(page, () => window.crmConsole.state().noteDraft === 'Rappeler jeudi')
  await clickAnchor(page, 'note-add')
  await until(page, () => window.crmConsole.state().sync.pending === 4 && window.crmConsole.state().sync.saved)
  const offlineOrder = (await state()).rows.map((r) => r.leadId)
  // Nothing has reached the server yet.
  for (const { leadId } of done) assert.deepEqual((await callsAndNotes(api, leadId)).calls, [])

  // A reload without network: the page, the console and the queue come from the device.
  await page.reload()
  await until(page, () => window.crmConsole && window.crmConsole.state().sync.deviceLoaded && window.crmConsole.state().rowCount > 0)
  const reloaded = await state()
  assert.deepEqual(reloaded.rows.map((r) => r.leadId), offlineOrder, 'same queue, same order')
  assert.equal(reloaded.sync.pending, 4)
  assert.equal(reloaded.online, false)

  // Back online: the outbox replays in order, then the console syncs.
  await context.setOffline(false)
  await until(page, () => {
    const s = window.crmConsole.state()
    return s.online && s.sync.pending === 0 && !s.sync.syncing && s.sync.saved
  })
  for (const { leadId, outcome } of done) {
    const { calls } = await callsAndNotes(api, leadId)
    assert.deepEqual(calls, [outcome], `lead ${leadId}: the ${outcome} outcome is recorded once`)
  }
  assert.deepEqual((await callsAndNotes(api, done[2].leadId)).notes, ['Rappeler jeudi'])
  const server = await api.get(`/api/leads/${done[0].leadId}`)
  assert.equal(server.status, 'follow_up')
  assert.deepEqual((await state()).rows.map((r) => r.leadId), offlineOrder, 'the server agrees with the device')
  await api.dispose()
  await context.close()
})

test('an answer lost on the way back: the outcome is kept, replayed with its id, and applied once', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await readyForOffline({ blockServiceWorkers: true })
  const api = await apiSession(env.server.baseUrl, 'admin')
  // The server records the outcome, but its answer never reaches the page (as on a train).
  let routed = 0
  await page.route('**/api/leads/*/outcome', async (route) => {
    if (routed++ > 0) return route.continue()
    await route.fetch()
    await route.abort('connectionreset')
  })
  const keys = []
  const sentTwice = new Promise((resolve) => {
    page.on('request', (r) => {
      if (!r.url().endsWith('/outcome')) return
      keys.push(r.headers()['idempotency-key'])
      if (keys.length === 2) resolve()
    })
  })
  const leadId = (await state()).currentLeadId
  // The lead may already have history (the previous test answered it): count from here.
  const before = (await callsAndNotes(api, leadId)).calls
  await page.keyboard.press('2')
  await sentTwice
  await until(page, () => {
    const s = window.crmConsole.state()
    return s.sync.pending === 0 && !s.sync.syncing && s.online
  })
  assert.match(keys[0], /^op-[0-9a-f]{32}$/)
  assert.equal(keys[1], keys[0], 'the replay carries the same operation id')
  const after = (await callsAndNotes(api, leadId)).calls
  const noAnswers = (calls) => calls.filter((o) => o === 'no_answer').length
  assert.equal(after.length, before.length + 1, 'one call recorded, not two')
  assert.equal(noAnswers(after), noAnswers(before) + 1)
  await api.dispose()
  await context.close()
})
