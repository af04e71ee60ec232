// The "no regression for agents" guard: each main agent screen at desktop and phone sizes,
// compared with the committed baselines (tests/e2e/baselines). Screenshots are kept in
// tests/e2e/artifacts/. Runs on its own freshly seeded server so the data never moves.
import { test } from 'node:test'
import { serverAndBrowser, newPage, login, checkScreenshot } from './harness.mjs'

const env = serverAndBrowser()

for (const [label, size] of [['1280', { width: 1280, height: 800 }], ['375', { width: 375, height: 812 }]]) {
  test(`agent screens at ${label} px match their baselines`, async () => {
    const { context, page } = await newPage(env.browser, env.server.baseUrl, size)
    await page.goto('/')
    await page.getByRole('button', { name: 'Se connecter' }).waitFor()
    await checkScreenshot(page, `login-${label}`)
    await login(page, 'alice.martin')
    await page.getByTestId('lead-row').first().waitFor()
    await checkScreenshot(page, `leads-${label}`)
    await page.getByTestId('lead-row').first().click()
    await page.getByTestId('history').waitFor()
    await checkScreenshot(page, `lead-detail-${label}`)
    await page.getByRole('tab', { name: 'Livraisons' }).click()
    await page.getByTestId('delivery-row').first().waitFor()
    await checkScreenshot(page, `deliveries-${label}`)
    await page.getByRole('tab', { name: 'Crédits' }).click()
    await page.getByTestId('balance').waitFor()
    await checkScreenshot(page, `credits-${label}`)
    await context.close()
  })
}
