// The queue table at 1280 and 1440 px: every column sized to its content and on screen, no text
// cut at its column's edge ("attend depuis 2 mi…" was), in the morning window and at lunch
// (when "consentement" is the widest call state). Screenshots are artefacts to look at.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, apiPost, openConsole, saveScreenshot, serverAndBrowser, until } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const env = serverAndBrowser()

for (const width of [1280, 1440]) {
  test(`the queue's columns fit at ${width} px`, { skip: !built && 'console not built' }, async () => {
    const { context, page, state } = await openConsole(env.browser, env.server.baseUrl, { width, height: 900 })
    await until(page, () => window.crmConsole.state().shown['queue-overflow'] !== undefined)
    await saveScreenshot(page, `operator-queue-${width}`)
    let s = await state()
    assert.equal(s.shown['queue-clipped'], '0', `no cell wider than its column (${s.shown['queue-clipped-first']})`)
    assert.equal(s.shown['queue-overflow'], '0', 'no column past the edge of the list')

    // 13:30, lunch: leads with consent read "consentement", the others "fermé".
    assert.equal((await apiPost(context, '/api/test/clock', { now: '2026-11-20T12:30:00Z' })).status, 200)
    await context.clock.setFixedTime(new Date('2026-11-20T12:30:00Z'))
    await until(page, () => window.crmConsole.state().window.open === false)
    await saveScreenshot(page, `operator-queue-${width}-lunch`)
    s = await state()
    assert.equal(s.shown['queue-clipped'], '0', s.shown['queue-clipped-first'])
    assert.equal(s.shown['queue-overflow'], '0')
    assert.equal((await apiPost(context, '/api/test/clock', { now: '2026-11-20T09:30:00Z' })).status, 200)
    await context.close()
  })
}
