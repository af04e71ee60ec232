// Accounts in both UIs, against the real server: an agent changes her password from the Agent
// CRM; the operator creates an agent in the console's settings ("Comptes") and the agent
// chooses a password through the one-time link, then signs in; the operator changes their own
// password in the console (last: the other tests sign in as admin with the demo password).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  ROOT, serverAndBrowser, newPage, login, apiGet, apiSession, openConsole, until, clickAnchor, focusField,
  saveScreenshot,
} from './harness.mjs'

const built = existsSync(join(ROOT, 'build', 'operator-dist', 'crm-operator.wasm'))
const skipConsole = !built && 'console not built'
const env = serverAndBrowser()

test('an agent changes her password from the menu beside Déconnexion', async () => {
  const { context, page } = await newPage(env.browser, env.server.baseUrl)
  await login(page, 'alice.martin')
  await page.getByRole('button', { name: 'Changer le mot de passe' }).click()
  await page.getByLabel('Mot de passe actuel').fill('demo123')
  await page.getByLabel('Nouveau mot de passe').fill('azertyuiop')
  await page.getByLabel('Confirmation').fill('azertyuiop')
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await page.getByRole('alert').filter({ hasText: 'dictionnaire' }).waitFor()  // cracklib's reason, in French

  await page.getByLabel('Nouveau mot de passe').fill('Velo-Rouge-Quai-42')
  await page.getByLabel('Confirmation').fill('Velo-Rouge-Quai-42')
  await page.getByRole('button', { name: 'Enregistrer' }).click()
  await page.getByText('Vos autres sessions ont été fermées.', { exact: true }).waitFor()
  await saveScreenshot(page, 'agent-password-changed')

  await page.getByRole('button', { name: 'Déconnexion' }).click()
  await login(page, 'alice.martin', 'demo123')
  await page.getByRole('alert').filter({ hasText: 'Identifiant ou mot de passe incorrect.' }).waitFor()
  await login(page, 'alice.martin', 'Velo-Rouge-Quai-42')
  await page.getByTestId('lead-row').first().waitFor()
  await context.close()
})

test('the operator creates an agent in the console; the agent sets a password through the link and signs in',
  { skip: skipConsole }, async () => {
    const { context, page } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
    await page.keyboard.press(',')
    await clickAnchor(page, 'settings-tab-accounts')
    await until(page, () => (window.crmConsole.state().shown['accounts-message'] ?? null) !== null)
    // The console takes typed characters a frame at a time: move on once they have all landed.
    await focusField(page, 'account-username')
    await page.keyboard.type('chloe.petit')
    await until(page, () => window.crmConsole.state().shown['account-typed'] === 'chloe.petit||')
    await focusField(page, 'account-display-name')
    await page.keyboard.type('Chloe Petit')
    await until(page, () => window.crmConsole.state().shown['account-typed'] === 'chloe.petit|Chloe Petit|')
    await clickAnchor(page, 'account-create')
    await until(page, () => (window.crmConsole.state().shown['account-setup-url'] || '').includes('/setup/'))
    const url = (await page.evaluate(() => window.crmConsole.state())).shown['account-setup-url']
    assert.ok(url.startsWith(env.server.baseUrl + '/setup/'), url)
    await saveScreenshot(page, 'operator-account-created')
    const users = (await apiGet(context, '/api/users')).items
    const chloe = users.find((u) => u.username === 'chloe.petit')
    assert.equal(chloe.role, 'agent')
    assert.equal(chloe.passwordSet, false)

    // The agent, in her own browser: the link, her password, then the usual login.
    const agent = await newPage(env.browser, env.server.baseUrl, { width: 375, height: 812 })
    await agent.page.goto(url)
    await agent.page.getByText('chloe.petit').waitFor()
    await agent.page.getByLabel('Mot de passe', { exact: true }).fill('Tartine!Soleil-2027')
    await agent.page.getByLabel('Confirmation').fill('Tartine!Soleil-2027')
    await agent.page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click()
    await agent.page.getByText('Mot de passe enregistré. Vous pouvez vous connecter.').waitFor()
    await saveScreenshot(agent.page, 'setup-link-done-375')
    await agent.page.getByRole('button', { name: 'Se connecter' }).click()
    await login(agent.page, 'chloe.petit', 'Tartine!Soleil-2027')
    await agent.page.getByText('Espace agent').waitFor()
    await agent.page.getByText('Chloe Petit').waitFor()
    // The link worked once.
    await agent.page.goto(url)
    assert.equal((await agent.page.request.get(url)).status(), 410)
    await agent.context.close()
    await context.close()
  })

// Types into the console's three password fields and presses its button; resolves once the
// page shows the server's answer.
async function changeInConsole(page, current, next) {
  const typed = []
  for (const [field, text] of [['password-current', current], ['password-new', next], ['password-confirm', next]]) {
    await focusField(page, field)
    await page.keyboard.type(text)
    typed.push(text.length)
    // Characters land a frame at a time (the hook shows lengths, never a password).
    await until(page, (t) => window.crmConsole.state().shown['password-typed'].startsWith(t), typed.join('|'))
  }
  await clickAnchor(page, 'password-save')
  await until(page, () => /^Mot de passe (refusé|modifié)/.test(window.crmConsole.state().shown['password-message'] || ''))
  return (await page.evaluate(() => window.crmConsole.state())).shown['password-message']
}

test('the operator changes their own password in the console settings', { skip: skipConsole }, async () => {
  const { context, page } = await openConsole(env.browser, env.server.baseUrl, { width: 1280, height: 800 })
  await page.keyboard.press(',')
  await clickAnchor(page, 'settings-tab-password')
  assert.match(await changeInConsole(page, 'demo123', '1234567890'), /^Mot de passe refusé : trop simple/)
  assert.match(await changeInConsole(page, 'demo123', 'Quai-des-Orfevres-36'), /^Mot de passe modifié/)
  const api = await apiSession(env.server.baseUrl, 'admin', 'Quai-des-Orfevres-36')
  assert.equal((await api.get('/api/me')).username, 'admin')
  await api.dispose()
  await context.close()
})
