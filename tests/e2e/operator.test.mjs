// The operator console (WebAssembly + Dear ImGui) in headless Chromium with SwiftShader
// WebGL: it renders the queue, keys record outcomes on the server, J/K move, / searches, and
// the Express layout takes over on a phone. window.crmConsole.state() says what is on screen.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT, serverAndBrowser, apiGet, saveScreenshot, openConsole as open, until } from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const env = serverAndBrowser()

function openConsole(size) {
  return open(env.browser, env.server.baseUrl, size)
}

test('the console renders the queue in the server order', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await openConsole({ width: 1280, height: 800 })
  const s = await state()
  assert.equal(s.tab, 'queue')
  assert.equal(s.layout, 'desktop')
  const server = await apiGet(context, `/api/queue?limit=${s.rowCount}`)
  assert.deepEqual(s.rows.map((r) => r.leadId), server.items.map((i) => i.leadId))
  await saveScreenshot(page, 'operator-console-1280')  // an artefact: the console's look is not frozen
  await context.close()
})

test('J and K move the selection; keys 1 then 2 change statuses on the server', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await openConsole({ width: 1280, height: 800 })
  assert.equal((await state()).selected, 0)
  await page.keyboard.press('j')
  await until(page, () => window.crmConsole.state().selected === 1)
  await page.keyboard.press('k')
  await until(page, () => window.crmConsole.state().selected === 0)

  const first = (await state()).currentLeadId
  await page.keyboard.press('1')  // Answered
  await until(page, (id) => window.crmConsole.state().flash.includes('Répondu'), first)
  const answered = await apiGet(context, `/api/leads/${first}`)
  assert.equal(answered.liveTouches, 1)
  assert.ok(answered.firstTouchAt)

  await page.keyboard.press('j')
  await until(page, () => window.crmConsole.state().selected === 1)
  const second = (await state()).currentLeadId
  assert.notEqual(second, first)
  await page.keyboard.press('2')  // No answer
  await until(page, () => window.crmConsole.state().flash.includes('Pas de réponse'))
  const noAnswer = await apiGet(context, `/api/leads/${second}`)
  assert.equal(noAnswer.status, 'follow_up')
  // The lead waits for its follow-up: it has left the queue on screen too.
  await until(page, (id) => !window.crmConsole.state().rows.some((r) => r.leadId === id), second)
  await context.close()
})

test('/ focuses the search; typed letters filter and fire no shortcut', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await openConsole({ width: 1280, height: 800 })
  const before = await state()
  await page.keyboard.press('/')
  await until(page, () => window.crmConsole.state().typing === true)
  await page.keyboard.type('Lyon')
  await until(page, () => window.crmConsole.state().search === 'Lyon')
  const after = await state()
  assert.ok(after.rowCount > 0 && after.rowCount < before.rowCount)
  assert.ok(after.rows.every((r) => r.leadId))
  assert.equal(after.selected, 0)  // "j"/"k" were not typed, and no key moved the selection
  await context.close()
})

test('the Express layout appears on a 375 px phone', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await openConsole({ width: 375, height: 812 })
  assert.equal((await state()).layout, 'express')
  await saveScreenshot(page, 'operator-express-375')
  await context.close()
})

test('crisp on high-DPI screens: a 2x backing store, and clicks still land on the right row', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await openConsole({ width: 1280, height: 800, deviceScaleFactor: 2 })
  const size = await page.evaluate(() => {
    const c = document.getElementById('operator-canvas')
    return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight }
  })
  assert.equal(size.w, 2 * size.cw)
  assert.equal(size.h, 2 * size.ch)
  // Rows are 24 CSS px apart under the table header (see the 1x screenshot): the third row.
  await page.mouse.click(200, 120 + 2 * 24)
  await until(page, () => window.crmConsole.state().selected === 2)
  await saveScreenshot(page, 'operator-console-1280-dpr2')
  await context.close()
})

test('on a touch phone the note field brings up the keyboard through the hidden input', { skip: !built && 'console not built' }, async () => {
  const { context, page, state } = await openConsole({ width: 375, height: 812, hasTouch: true })
  // Tap once the console is idle (no request in flight, the card laid out); a busy machine may
  // drop the first tap like a real phone can, so a user would tap again: at most three taps.
  await until(page, () => window.crmConsole.state().pending === 0 && window.crmConsole.state().noteField[2] > 0)
  const [x, y, w, h] = (await state()).noteField
  assert.ok(w > 0 && h > 0, 'the Express card shows a note field')
  let focused = false
  for (let tap = 0; tap < 3 && !focused; tap++) {
    await page.touchscreen.tap(x + 10, y + h / 2)
    focused = await page
      .waitForFunction(() => document.activeElement && document.activeElement.id === 'crm-text-bridge', null, { timeout: 5000 })
      .then(() => true, () => false)
  }
  assert.ok(focused, 'tapping the note field focuses the hidden input')
  await page.keyboard.type('Rappeler jeudi')  // a hardware keyboard: keydown, keypress, input
  await until(page, () => window.crmConsole.state().noteDraft === 'Rappeler jeudi')
  await page.keyboard.insertText(' à 14 h')  // a virtual keyboard: only 'input' events
  await until(page, () => window.crmConsole.state().noteDraft === 'Rappeler jeudi à 14 h')
  assert.equal((await state()).selected, 0)  // the letters typed fired no shortcut
  await context.close()
})
