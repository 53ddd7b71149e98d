// Browser tests of the resident H5 at phone size (360×740): sign-in through its login page, the 我的 page with the
// resident's household, commissioner card and scope, the elderly mode kept across reloads, and sign-out.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertAccessible, saveScreenshot, signInThroughMobileLogin, signInToMobile } from './support/browser.mjs'
import { browserSuite, phone } from './support/suite.mjs'
import { apiSession } from './support/api.mjs'

describe('resident H5', () => {
  const suite = browserSuite(phone)

  const baseFontSize = (locator) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))

  test('resident sees their household in 德胜新村 and the commissioner card of the compound', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const [household] = (await resident.get('/api/v1/me/households')).items
    const chain = await resident.get(`/api/v1/org/nodes/${household.compound_id}/chain`)
    const commissionerLink = chain.links.find((link) => link.position === 'commissioner')
    assert.match(commissionerLink.service_phone, /^0571-8802\d{4}$/)
    const page = await suite.freshPage()
    await signInThroughMobileLogin(page, suite.baseUrl, 'resident')
    const households = page.getByTestId('my-households')
    await households.getByText(`${household.building} ${household.unit} ${household.room}`).waitFor()
    await households.getByText('业主').waitFor()
    const card = page.getByTestId('commissioner-card')
    await card.getByRole('heading', { name: /我的小区专员\s*德胜新村/ }).waitFor()
    await card.getByTestId('commissioner').getByText(commissionerLink.person.name).waitFor()
    // One tap calls the commissioner's service line.
    const call = card.getByTestId('call-commissioner')
    await call.getByText(`拨打专员服务电话 ${commissionerLink.service_phone}`).waitFor()
    assert.equal(await call.getAttribute('href'), `tel:${commissionerLink.service_phone.replace(/\D/g, '')}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 360, `nothing overflows the 360px screen (page is ${width}px wide)`)
    await assertAccessible(page, 'H5 households and commissioner')
    await saveScreenshot(page, 'mobile-households')
  })

  test('resident signs in and 我的 shows their role in 德胜新村', async () => {
    const page = await suite.freshPage()
    await page.goto(`${suite.baseUrl}/m/`)
    await page.waitForURL(/\/m\/login/)
    await assertAccessible(page, 'H5 login')
    await saveScreenshot(page, 'mobile-login')
    await signInToMobile(page, suite.baseUrl, 'resident')
    const roles = page.getByTestId('my-roles')
    await roles.getByText('居民').waitFor()
    await roles.getByText('德胜新村').waitFor()
    await assertAccessible(page, 'H5 我的')
    await saveScreenshot(page, 'mobile-me')
  })

  test('elderly mode enlarges the text to at least 20px and survives a reload', async () => {
    const page = await suite.freshPage()
    await signInToMobile(page, suite.baseUrl, 'resident')
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
    const householdSize = await baseFontSize(page.getByTestId('my-households').locator('.van-cell__title').first())
    assert.ok(householdSize >= 20, `household text is at least 20px in elderly mode, got ${householdSize}px`)
    assert.equal(await page.getByTestId('elderly-mode').getAttribute('aria-checked'), 'true')
    await assertAccessible(page, 'H5 我的 in elderly mode')
    await saveScreenshot(page, 'mobile-me-elderly')
    await page.getByTestId('elderly-mode').click()
    await page.waitForFunction(() => !document.documentElement.classList.contains('elderly-mode'))
  })

  test('signing out returns to the login page and the session is gone', async () => {
    const page = await suite.freshPage()
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.getByTestId('sign-out').click()
    await page.waitForURL(/\/m\/login/)
    await page.goto(`${suite.baseUrl}/m/`)
    await page.waitForURL(/\/m\/login/)
  })
})
