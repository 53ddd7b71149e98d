// Browser tests of the resident H5 at phone size (360×740): sign-in, the 我的 page with the
// resident's scope, the elderly mode kept across reloads, and sign-out.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startServer } from './support/server.mjs'
import { assertAccessible, launchBrowser, phoneViewport, saveScreenshot, signInToMobile } from './support/browser.mjs'

describe('resident H5', () => {
  let server
  let browser
  let context
  let page

  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function freshPhone() {
    await context?.close()
    context = await browser.newContext({ viewport: phoneViewport, locale: 'zh-CN', isMobile: true, hasTouch: true })
    page = await context.newPage()
    return page
  }

  const baseFontSize = (locator) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))

  test('resident signs in and 我的 shows their role in 德胜新村', async () => {
    await freshPhone()
    await page.goto(`${server.baseUrl}/m/`)
    await page.waitForURL(/\/m\/login/)
    await assertAccessible(page, 'H5 login')
    await saveScreenshot(page, 'mobile-login')
    await signInToMobile(page, server.baseUrl, 'resident')
    const roles = page.getByTestId('my-roles')
    await roles.getByText('居民').waitFor()
    await roles.getByText('德胜新村').waitFor()
    await assertAccessible(page, 'H5 我的')
    await saveScreenshot(page, 'mobile-me')
  })

  test('elderly mode enlarges the text to at least 20px and survives a reload', async () => {
    await freshPhone()
    await signInToMobile(page, server.baseUrl, 'resident')
    const roleTitle = page.getByTestId('my-roles').getByText('居民')
    const before = await baseFontSize(roleTitle)
    await page.getByTestId('elderly-mode').click()
    await page.waitForFunction(() => document.documentElement.classList.contains('elderly-mode'))
    const enlarged = await baseFontSize(roleTitle)
    assert.ok(enlarged > before, `font grows: ${before}px → ${enlarged}px`)
    assert.ok(enlarged >= 20, `elderly text is at least 20px, got ${enlarged}px`)
    await page.reload()
    await page.getByTestId('display-name').waitFor()
    assert.equal(await baseFontSize(page.getByTestId('my-roles').getByText('居民')), enlarged)
    assert.equal(await page.getByTestId('elderly-mode').getAttribute('aria-checked'), 'true')
    await assertAccessible(page, 'H5 我的 in elderly mode')
    await saveScreenshot(page, 'mobile-me-elderly')
    await page.getByTestId('elderly-mode').click()
    await page.waitForFunction(() => !document.documentElement.classList.contains('elderly-mode'))
  })

  test('signing out returns to the login page and the session is gone', async () => {
    await freshPhone()
    await signInToMobile(page, server.baseUrl, 'resident')
    await page.getByTestId('sign-out').click()
    await page.waitForURL(/\/m\/login/)
    await page.goto(`${server.baseUrl}/m/`)
    await page.waitForURL(/\/m\/login/)
  })
})
