// Browser tests of access (门禁): the console lists 德胜新村's gates in their three tiers with the main gate's guard
// roster, issues a card to a resident found by full name and suspends it with a reason; the demo resident opens
// 我的门禁 on a 360 px phone in elderly mode and shows the rotating pass code, which counts down to its next code.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, poppersClosed, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

/** A resident of 德胜新村 with one home there and no card yet, and their full name as the admin reads it. */
async function residentToIssueTo(baseUrl, compoundId) {
  const admin = await apiSession(baseUrl, 'admin')
  const people = (await admin.get(`/api/v1/people?node=${compoundId}&limit=40`)).items.slice(20)
  for (const person of people) {
    const credentials = (await admin.get(`/api/v1/access/credentials?compound=${compoundId}&person=${person.id}`)).items
    if (credentials.some((credential) => credential.kind === 'card')) continue
    const { name } = await admin.send('POST', `/api/v1/people/${person.id}/unmask`, { reason: '浏览器测试门禁发卡' })
    return { id: person.id, masked: person.name, fullName: name }
  }
  throw new Error('no resident of 德胜新村 to issue a card to')
}

describe('access in the console', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-access-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  /** Clicks the export button `testId` and answers the file's rows (the header first). */
  async function exported(page, testId) {
    const download = page.waitForEvent('download')
    await page.getByTestId(testId).click()
    const file = path.join(folder, `${testId}.xlsx`)
    await (await download).saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const rows = []
    workbook.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)))
    return rows
  }

  test('the compound’s gates show their tiers and roster, and a card is issued and suspended', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const resident = await residentToIssueTo(suite.baseUrl, compoundId)
    const page = await suite.consolePage('secretary', `/org/nodes/${compoundId}`, { acceptDownloads: true })
    await page.getByTestId('compound-access').click()
    const gates = page.getByTestId('gates-table')
    for (const name of ['南大门', '东中门', '北小门']) await gates.getByText(name, { exact: true }).waitFor()
    for (const tier of ['大门', '中门', '小门']) await gates.getByText(tier, { exact: true }).waitFor()
    await gates.getByText(/王建国：每天 08:00–20:00/).waitFor()
    await gates.getByText(/每天 05:30–23:00/).waitFor()
    await page.getByTestId('access-stats').getByText(/在用凭证 \d+ 张/).waitFor()
    await checkScreen(page, 'access page of a compound', 'access-compound')
    const gateRows = await exported(page, 'export-gates')
    assert.deepEqual(gateRows[0], ['层级', '门岗名称', '开放时间', '状态', '保安排班', '备注'])
    assert.deepEqual(
      gateRows.slice(1).map((row) => row.slice(0, 3)),
      [
        ['大门', '南大门', '全天开放'],
        ['中门', '东中门', '每天 05:30–23:00'],
        ['小门', '北小门', '每天 06:00–22:00'],
      ],
    )
    assert.match(String(gateRows[1][4]), /王建国：每天 08:00–20:00/)

    await page.getByTestId('issue').click()
    const form = page.getByTestId('issue-form')
    await form.locator('.el-form-item').filter({ hasText: '居民' }).last().locator('input').fill(resident.fullName)
    await page.getByRole('option', { name: resident.masked }).first().click()
    await poppersClosed(page)
    await form.getByTestId('issue-kind').getByText('门禁卡', { exact: true }).click()
    await form.getByTestId('issue-number').fill('E2E0042')
    await form.getByRole('button', { name: '保存' }).click()
    await page.getByText('凭证已发放').waitFor()

    const table = page.getByTestId('credentials-table')
    const row = table.locator('tr').filter({ hasText: 'E2E0042' })
    await row.getByTestId('credential-state').getByText('有效').waitFor()
    await row.getByText(resident.masked).waitFor()
    assert.ok(!(await table.innerText()).includes(resident.fullName), 'names are shown masked')
    await row.getByRole('button', { name: `暂停：${resident.masked}` }).click()
    const reasonForm = page.getByTestId('reason-form')
    await reasonForm.getByTestId('reason').fill('卡片遗失')
    await reasonForm.getByRole('button', { name: '暂停' }).click()
    await row.getByTestId('credential-state').getByText('暂停').waitFor()
    await row.getByText('卡片遗失').waitFor()

    const admin = await apiSession(suite.baseUrl, 'admin')
    const [card] = (await admin.get(`/api/v1/access/credentials?compound=${compoundId}&person=${resident.id}`)).items.filter((credential) => credential.kind === 'card')
    assert.equal(card.state, 'suspended')
    assert.equal(card.reason, '卡片遗失')
    await page.getByTestId('person-filter').locator('input').fill(resident.fullName)
    await page.getByRole('option', { name: resident.masked }).first().click()
    await poppersClosed(page)
    await table.locator('tbody tr').filter({ hasText: 'E2E0042' }).waitFor()
    const credentialRows = await exported(page, 'export-credentials')
    assert.deepEqual(credentialRows[0], ['持有人', '住址', '类型', '可通行', '有效期', '状态'])
    const exportedCard = credentialRows.find((cells) => String(cells[2]).includes('E2E0042'))
    assert.ok(exportedCard, 'the card is exported')
    assert.equal(exportedCard[0], `${resident.masked}（居民）`)
    assert.equal(exportedCard[5], '暂停（卡片遗失）')
  })

  test('a terminal that cannot be reached shows its error plainly, and passages are searched', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('secretary', `/access?compound=${compoundId}`, { acceptDownloads: true })
    await page.getByTestId('add-device').click()
    const form = page.getByTestId('device-form')
    await form.getByTestId('device-gate').click()
    await page.getByRole('option', { name: '北小门' }).click()
    await poppersClosed(page)
    await form.getByTestId('device-name').fill('北小门测试机')
    // TEST-NET: never routed, so the sync fails as a real terminal that is down would.
    await form.getByTestId('device-url').fill('http://192.0.2.10')
    await form.getByTestId('device-password').fill('Hik12345')
    await form.getByRole('button', { name: '保存' }).click()
    await page.getByText('门禁设备已添加').first().waitFor()
    // The demo street's own terminal at that gate is down too, and the sync job has said so.
    const demo = page.getByTestId('devices-table').locator('tr').filter({ hasText: '北小门人脸机' })
    await demo.getByTestId('device-error').getByText(/连接设备失败：/).waitFor({ timeout: 30_000 })
    const row = page.getByTestId('devices-table').locator('tr').filter({ hasText: '北小门测试机' })
    await row.getByRole('button', { name: '立即同步：北小门测试机' }).click()
    await row.getByTestId('device-error').getByText(/连接设备失败：(连接超时|设备拒绝连接)/).waitFor({ timeout: 15_000 })
    await row.getByTestId('device-retry').getByText(/分钟后自动重试/).waitFor()
    assert.ok(!(await row.innerText()).includes('Hik12345'), 'the password is never shown')
    await page.getByTestId('access-stats').getByText('门禁设备').waitFor()

    await page.getByTestId('events-table').or(page.getByText('暂无通行记录')).first().waitFor()
    const eventRows = await exported(page, 'export-events')
    assert.deepEqual(eventRows[0], ['时间', '门岗', '持有人', '设备编号', '结果'])
  })
})

describe('my access on the H5', () => {
  const suite = browserSuite(phone)

  test('the resident shows the rotating pass code full-screen at 360 px in elderly mode', async () => {
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elderly-mode')))
    await page.getByTestId('my-access-link').click()
    const credential = page.getByTestId('my-credential').first()
    await credential.getByText('德胜新村').waitFor()
    await credential.getByText('动态二维码').waitFor()
    await credential.getByTestId('credential-state').getByText('有效').waitFor()
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 my access', 'mobile-access')

    await credential.getByTestId('show-qr').click()
    const popup = page.getByTestId('qr-popup')
    await popup.getByTestId('access-qr').locator('svg').waitFor()
    const countdown = popup.getByTestId('qr-countdown')
    const first = Number((await countdown.innerText()).match(/\d+/)[0])
    assert.ok(first >= 1 && first <= 30, `seconds left: ${first}`)
    await page.waitForFunction((shown) => {
      const text = document.querySelector('[data-testid="qr-countdown"]')?.textContent ?? ''
      return Number(text.match(/\d+/)?.[0]) !== shown
    }, first)
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 pass code', 'mobile-access-qr')
    await popup.getByTestId('close-qr').click()
  })
})
