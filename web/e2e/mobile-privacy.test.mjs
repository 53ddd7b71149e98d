// Browser test of a resident's rights over their own data at 360 px: the login page links the privacy notice; a
// resident signing in for the first time reads it and agrees; 我的信息 shows what is held, masked, and takes a
// correction request; the compound's commissioner finds it on 今日待办, answers it in the console, and the
// resident reads the answer; a new version of the notice asks the resident again; the resident closes the account.
// The resident's pages fit 360 px in elderly mode, and the street publishes a version from the console.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { agreeToPrivacyNotice, assertAccessible, checkScreen, signInToConsole, signInToMobile, signInWithCode } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'
import { apiSession, findNodeId } from './support/api.mjs'

/** A person of 德胜新村 with a registered phone and no account yet, with the phone in clear as the admin reads it. */
async function residentWithPhone(baseUrl) {
  const admin = await apiSession(baseUrl, 'admin')
  const compound = await findNodeId(baseUrl, '德胜新村')
  // The first is the demo resident's person, who has consented already; the phone sign-in test takes the early ones.
  const people = (await admin.get(`/api/v1/people?node=${compound}&limit=60`)).items.slice(40)
  for (const person of people) {
    const clear = await admin.send('POST', `/api/v1/people/${person.id}/unmask`, { reason: '核对居民手机号登录' })
    if (clear.phone) return { id: person.id, maskedName: person.name, phone: clear.phone, maskedPhone: person.phone }
  }
  throw new Error('no person of 德胜新村 with a phone')
}

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('privacy notice and 我的信息', () => {
  const suite = browserSuite(phone)

  test('in elderly mode the notice, 我的信息 and its correction sheet fit the 360px screen', async () => {
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    for (const [name, address, shows] of [
      ['privacy notice', '/m/privacy', 'notice-body'],
      ['我的信息', '/m/my-data', 'my-registration'],
    ]) {
      await page.goto(`${suite.baseUrl}${address}`)
      await page.getByTestId(shows).waitFor()
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elderly-mode')), `${name} is in elderly mode`)
      assert.ok((await pageWidth(page)) <= 360, `${name} fits the 360px screen`)
      await assertAccessible(page, `H5 ${name} in elderly mode`)
    }
    await page.getByTestId('correct-name').click()
    await page.getByTestId('correction-form').waitFor()
    assert.ok((await pageWidth(page)) <= 360, 'the correction sheet fits the 360px screen')
    await checkScreen(page, 'H5 correction sheet in elderly mode', 'mobile-correction-elderly')
  })

  test('a resident agrees to the notice, asks for a correction on 我的信息, and reads the commissioner’s answer', async () => {
    const resident = await residentWithPhone(suite.baseUrl)
    const page = await suite.freshPage()
    await page.goto(`${suite.baseUrl}/m/login`)
    await page.getByTestId('privacy-link').click()
    await page.getByTestId('notice-body').getByText('身份证号').first().waitFor()
    assert.equal(await page.getByTestId('agree').count(), 0, 'a visitor only reads the notice')

    await signInWithCode(page, suite.baseUrl, resident.phone)
    await page.waitForURL(/\/m\/privacy/)
    await page.getByTestId('notice-version').getByText('第 1 版').waitFor()
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 privacy notice asking for consent', 'mobile-privacy-notice')
    await agreeToPrivacyNotice(page)
    await page.getByTestId('display-name').getByText(resident.maskedName).waitFor()

    await page.getByTestId('my-data-link').click()
    const registration = page.getByTestId('my-registration')
    await registration.getByText(resident.maskedPhone).waitFor()
    assert.ok(!(await page.locator('body').innerText()).includes(resident.phone), 'the phone is shown masked')
    await page.getByTestId('my-records').getByText('第 1 版').waitFor()
    await page.getByTestId('correct-phone').click()
    const form = page.getByTestId('correction-form')
    await form.getByTestId('proposed').locator('input').fill('13912345678')
    await form.getByTestId('note').locator('textarea').fill('换了新号码')
    await form.getByTestId('send-correction').click()
    const request = page.getByTestId('my-correction').first()
    await request.getByText('139****5678').waitFor()
    await request.getByText('待处理').waitFor()
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 我的信息 with a correction request', 'mobile-my-data')
    const residentState = await page.context().storageState()

    const consolePage = await suite.freshPage({ ...desktop, acceptDownloads: true })
    await signInToConsole(consolePage, suite.baseUrl, 'commissioner')
    await consolePage.getByTestId('today-item').getByRole('link', { name: '答复居民的信息更正申请' }).click()
    const row = consolePage.getByTestId('corrections-table').locator('tr', { hasText: '13912345678' })
    await row.getByText('待处理').waitFor()
    await checkScreen(consolePage, 'console correction requests', 'console-privacy-corrections')
    await row.getByTestId('resolve').click()
    const drawer = consolePage.getByTestId('resolve-form')
    await drawer.getByTestId('resolve-proposed').getByText('13912345678').waitFor()
    await drawer.getByTestId('resolve-reply').fill('已在人员档案中更正为新号码')
    await drawer.getByTestId('save').click()
    // 今日待办 opened the open requests: the answered one leaves them, and is among the corrected.
    await row.waitFor({ state: 'detached' })
    await consolePage.goto(consolePage.url().replace('status=open', 'status=corrected'))
    await consolePage.getByTestId('corrections-table').locator('tr', { hasText: '13912345678' }).getByText('已更正').waitFor()
    // The list exports as shown: the person masked, the value in clear for the registry, the answer.
    const download = consolePage.waitForEvent('download')
    await consolePage.getByTestId('export-list').click()
    const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-privacy-'))
    const file = path.join(folder, 'corrections.xlsx')
    await (await download).saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    rmSync(folder, { recursive: true, force: true })
    const rows = []
    workbook.worksheets[0].eachRow((exportedRow) => rows.push(exportedRow.values.slice(1)))
    assert.deepEqual(rows[0], ['#', '小区', '居民', '更正项目', '更正为', '说明', '申请时间', '状态', '答复'])
    const exportedRequest = rows.find((cells) => cells.includes('13912345678'))
    assert.ok(exportedRequest, 'the answered request is exported')
    assert.deepEqual(exportedRequest.slice(1, 6), ['德胜新村', resident.maskedName, '手机号', '13912345678', '换了新号码'])
    assert.deepEqual(exportedRequest.slice(7), ['已更正', '已在人员档案中更正为新号码'])

    const back = await suite.freshPage({ storageState: residentState })
    await back.goto(`${suite.baseUrl}/m/my-data`)
    const answered = back.getByTestId('my-correction').first()
    await answered.getByText('已更正').waitFor()
    await answered.getByText('已在人员档案中更正为新号码').waitFor()

    // The street publishes a second version: the resident is asked again before anything else.
    const admin = await apiSession(suite.baseUrl, 'admin')
    const current = await admin.get('/api/v1/privacy/notice')
    await admin.send('POST', '/api/v1/privacy/notices', { body: `${current.body}\n\n第二版：补充了加装电梯出资记录的保存期限。` }, { expectedStatus: 201 })
    const again = await suite.freshPage({ storageState: residentState })
    await again.goto(`${suite.baseUrl}/m/my-data`)
    await again.waitForURL(/\/m\/privacy/)
    await again.getByTestId('notice-version').getByText('第 2 版').waitFor()
    await agreeToPrivacyNotice(again)
    await again.getByTestId('my-registration').waitFor()

    // The resident closes the account: signed out for good, while the registry keeps them.
    await again.getByTestId('close-account').click()
    await again.locator('.van-dialog').getByRole('button', { name: '确定注销' }).click()
    await again.waitForURL(/\/m\/login/)
    assert.equal((await admin.get(`/api/v1/people/${resident.id}`)).id, resident.id)
    await again.goto(`${suite.baseUrl}/m/my-data`)
    await again.waitForURL(/\/m\/login/)
  })

  test('the street reads the versions with their consents and publishes one after a confirmation', async () => {
    const page = await suite.freshPage(desktop)
    await signInToConsole(page, suite.baseUrl, 'admin', '/privacy/notice')
    const versions = page.getByTestId('notice-versions')
    await versions.getByText('第 1 版').waitFor()
    await page.getByTestId('current-notice').getByText('撤回同意').first().waitFor()
    await checkScreen(page, 'console privacy notice', 'console-privacy-notice')
    const published = (await apiSession(suite.baseUrl, 'admin').then((admin) => admin.get('/api/v1/privacy/notices'))).items.length
    await page.getByTestId('publish').click()
    const drawer = page.getByTestId('publish-form')
    await drawer.getByTestId('notice-text').fill('新版个人信息保护说明：姓名、手机号、身份证号加密保存。')
    await drawer.getByTestId('save').click()
    const confirm = page.locator('.el-message-box')
    await confirm.getByText(`发布第 ${published + 1} 版后，所有居民下次打开手机端时都要重新阅读并同意`).waitFor()
    await confirm.getByRole('button', { name: '发布新版本' }).click()
    await versions.getByText(`第 ${published + 1} 版`).waitFor()
    await page.getByTestId('current-notice').getByText('新版个人信息保护说明').waitFor()
  })
})
