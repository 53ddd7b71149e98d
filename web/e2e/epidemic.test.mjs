// Browser tests of epidemic mode (疫情防控): the commissioner declares an observation point on a building of 德胜新村
// in the console, which suspends the credentials of those registered there, opens its page, extends it (the change
// listed on the page) and lifts it after a confirmation, which restores them; and a resident of an observed building checks in on the H5 at 360 px in elderly
// mode, which the staff named on it then read on the observation's households board, where they enter another
// household's report taken by phone; the street's administrator moves the daily check-in hour.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, poppersClosed, signInToConsole, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

describe('observation points in the console', () => {
  const suite = browserSuite(desktop)

  test('an observation point is declared on a building, extended and lifted, suspending and restoring its residents’ access', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const [building] = (await admin.get(`/api/v1/org/nodes/${compoundId}/children?limit=1`)).items
    const suspendedBefore = (await admin.get(`/api/v1/stats/access?compound=${compoundId}`)).credentials_suspended

    const page = await suite.consolePage('commissioner', `/epidemic/observations?compound=${compoundId}`)
    await page.getByTestId('epidemic-page').getByText('这个小区没有观察点').waitFor()
    await page.getByTestId('declare').click()
    const form = page.getByTestId('declare-form')
    await form.locator('.el-cascader').click()
    await page.locator('.el-cascader-node').filter({ hasText: building.name }).first().locator('.el-radio').click()
    await poppersClosed(page)
    await form.getByTestId('observation-reason').fill('密切接触者居家隔离医学观察')
    await form.getByRole('button', { name: '保存' }).click()
    await page.getByText(/观察点已设立，暂停门禁凭证 \d+ 张/).waitFor()

    const observationPage = page.getByTestId('observation-page')
    await observationPage.getByTestId('observation-state').getByText('观察中').waitFor()
    await observationPage.getByText('密切接触者居家隔离医学观察').waitFor()
    const suspended = Number(await observationPage.getByTestId('observation-suspended').innerText())
    assert.ok(suspended > 0, 'the building’s residents hold credentials')
    const during = (await admin.get(`/api/v1/stats/access?compound=${compoundId}`)).credentials_suspended
    assert.equal(during, suspendedBefore + suspended)

    // Extended by a week past the default fortnight: the street's day 20 days on.
    const extendedTo = new Date(Date.now() + (8 + 20 * 24) * 3600e3).toISOString().slice(0, 10)
    await page.getByTestId('change-end').click()
    const change = page.getByTestId('change-end-form')
    await change.getByLabel('结束日期（最后一天）').fill(extendedTo)
    await change.getByLabel('结束日期（最后一天）').press('Enter')
    await change.getByTestId('change-reason').fill('复核发现新的密切接触者')
    await change.getByRole('button', { name: '保存' }).click()
    await page.getByText(`结束日期已调整为 ${extendedTo}`).waitFor()
    await observationPage.getByTestId('observation-changes').getByText('复核发现新的密切接触者').waitFor()
    await observationPage.getByText(`至 ${extendedTo}`).waitFor()
    assert.equal((await admin.get(`/api/v1/stats/access?compound=${compoundId}`)).credentials_suspended, during, 'access stays suspended')
    await checkScreen(page, 'observation point page', 'epidemic-observation')

    await page.getByTestId('lift').click()
    await page.getByRole('dialog').getByRole('button', { name: '解除观察' }).click()
    await page.getByText('已解除，门禁凭证已恢复').waitFor()
    await observationPage.getByTestId('observation-state').getByText('已解除').waitFor()
    assert.equal((await admin.get(`/api/v1/stats/access?compound=${compoundId}`)).credentials_suspended, suspendedBefore)

    await page.goto(`${suite.baseUrl}/epidemic/observations?compound=${compoundId}`)
    const row = page.getByTestId('observations-table').locator('tbody tr').first()
    await row.getByText(building.name).waitFor()
    await row.getByTestId('observation-state').getByText('已解除').waitFor()
    await checkScreen(page, 'observation points of a compound', 'epidemic-observations')
  })
})

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('observation care on the H5 and the console', () => {
  const suite = browserSuite(phone)

  test('a resident checks in on the H5 at 360 px and the observation’s staff read it on the board', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const [home] = (await resident.get('/api/v1/me/households')).items
    const grid = await apiSession(suite.baseUrl, 'grid')
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
    const observation = await commissioner.send(
      'POST',
      '/api/v1/epidemic/observations',
      { node_id: home.building_id, starts_on: today, ends_on: today, reason: '密切接触者居家隔离医学观察', staff_user_ids: [grid.user.id] },
      { expectedStatus: 201 },
    )

    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.getByTestId('observation-banner').click()
    const form = page.getByTestId('check-in-form')
    await form.waitFor()
    await page.getByTestId('check-in-symptoms').getByText('咳嗽').click()
    await page.getByTestId('check-in-note').locator('textarea').fill('夜里有点咳嗽')
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 home observation check-in', 'mobile-epidemic')
    await page.getByTestId('check-in-submit').click()
    const reported = page.getByTestId('my-check-in')
    await reported.getByText('异常').waitFor()
    await reported.getByText('咳嗽', { exact: true }).waitFor()
    assert.ok((await pageWidth(page)) <= 360)

    const staffPage = await suite.freshPage({ viewport: desktop.viewport, isMobile: false, hasTouch: false })
    await signInToConsole(staffPage, suite.baseUrl, 'grid', `/epidemic/observations/${observation.id}`)
    const board = staffPage.getByTestId('care-board')
    await board.getByTestId('board-counts').getByText(/已打卡 1 户/).waitFor()
    const row = board.getByTestId('board-table').locator('tbody tr').filter({ hasText: '夜里有点咳嗽' })
    await row.getByTestId('household-state').getByText('异常').waitFor()
    await row.getByText('居民自报').waitFor()
    await checkScreen(staffPage, 'observation households board', 'epidemic-board')

    // A household that has not reported is called, and the staff member enters what it says.
    const missing = board.getByTestId('board-table').locator('tbody tr').filter({ hasText: '未打卡' }).first()
    await missing.getByTestId('enter-check-in').click()
    const entry = staffPage.getByTestId('check-in-form')
    await entry.getByTestId('entry-note').fill('电话回访，一切正常')
    await entry.getByRole('button', { name: '保存' }).click()
    await staffPage.getByText('已代录今天的健康打卡').waitFor()
    await board.getByTestId('board-counts').getByText(/已打卡 2 户/).waitFor()
    const entered = board.getByTestId('board-table').locator('tbody tr').filter({ hasText: '电话回访，一切正常' })
    await entered.getByText('电话代录', { exact: true }).first().waitFor()

    // The street's administrator moves the hour from which households are missed.
    const adminPage = await suite.freshPage({ viewport: desktop.viewport, isMobile: false, hasTouch: false })
    await signInToConsole(adminPage, suite.baseUrl, 'admin', `/epidemic/observations?compound=${home.compound_id}`)
    const hourCard = adminPage.getByTestId('check-in-hour')
    await hourCard.getByTestId('check-in-hour-select').click()
    await adminPage.locator('.el-select-dropdown__item').filter({ hasText: /^9:00$/ }).click()
    await hourCard.getByTestId('check-in-hour-save').click()
    await adminPage.getByText('已设为每日 9:00 前打卡').waitFor()
    assert.equal((await grid.get(`/api/v1/epidemic/observations/${observation.id}/board`)).check_in_by_hour, 9)
  })
})
