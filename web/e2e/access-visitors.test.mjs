// Browser tests of visitor passes (访客通行证): the demo resident issues a once pass on a 360 px phone in elderly
// mode and sees its QR code, the gate's device account checks it through the API — granted once, then denied as
// used —, and the console's 门禁管理 lists the compound's active passes with the visitor masked, exportable.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('visitor passes on the H5', () => {
  const suite = browserSuite(phone)

  test('a resident issues a pass at 360 px and its QR passes the gate once', async () => {
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.getByTestId('my-visitors-link').click()
    const form = page.getByTestId('pass-form')
    await form.getByTestId('pass-name').locator('input').fill('周访客')
    await form.getByTestId('pass-phone').locator('input').fill('13912345678')
    await form.getByTestId('pass-uses').getByText('仅一次', { exact: true }).click()
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 visitor pass form', 'mobile-visitors')
    await form.getByTestId('pass-issue').click()

    const popup = page.getByTestId('pass-popup')
    await popup.getByTestId('pass-qr').locator('svg').waitFor()
    await popup.getByText('德胜新村 · 周*客').waitFor()
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 visitor pass QR', 'mobile-visitors-qr')
    await popup.getByTestId('pass-close').click()
    const pass = page.getByTestId('my-pass').filter({ hasText: '周*客' }).first()
    await pass.getByTestId('pass-state').getByText('有效').waitFor()
    await pass.getByTestId('pass-left').getByText(/还剩 2[34] 小时/).waitFor()

    // The token the QR shows, as the household's list gives it, is checked at the main gate by its device account.
    const resident = await apiSession(suite.baseUrl, 'resident')
    const [issued] = (await resident.get('/api/v1/me/visitor-passes')).items.filter((one) => one.visitor_name === '周*客' && one.state === 'active')
    assert.match(issued.token, /^WZV1\./)
    const gateAccount = await apiSession(suite.baseUrl, 'gate')
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const mainGate = (await admin.get(`/api/v1/access/gates?compound=${compoundId}`)).items.find((gate) => gate.tier === 'main')
    const first = await gateAccount.send('POST', '/api/v1/access/checks', { gate_id: mainGate.id, payload: issued.token })
    assert.equal(first.result, 'granted', first.reason)
    const second = await gateAccount.send('POST', '/api/v1/access/checks', { gate_id: mainGate.id, payload: issued.token })
    assert.equal(second.result, 'denied')
    assert.equal(second.reason, '通行证已使用')
    await page.reload()
    await page.getByTestId('my-pass').filter({ hasText: '周*客' }).first().getByTestId('pass-state').getByText('已使用').waitFor()
  })
})

describe('visitor passes in the console', () => {
  const suite = browserSuite(desktop)

  test('the compound’s active passes are listed masked', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    await resident.send('POST', '/api/v1/me/visitor-passes', { visitor_name: '吴来客', visitor_phone: '13700001111', uses: 'many', valid_hours: 3 }, { expectedStatus: 201 })
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('secretary', `/access?compound=${compoundId}`)
    const row = page.getByTestId('passes-table').locator('tr').filter({ hasText: '吴*客' }).first()
    await row.getByText('137****1111').waitFor()
    await row.getByText('有效期内不限次数').waitFor()
    await row.getByText(/还剩 [23] 小时/).waitFor()
    assert.ok(!(await page.getByTestId('visitors-card').innerText()).includes('吴来客'), 'the visitor is shown masked')
    await page.getByTestId('export-passes').waitFor()
  })
})
