// Browser test of 通知公示: staff publish (through the API) a notice of 德胜新村 that asks for acknowledgement; the
// demo resident finds it on the H5 at 360 px in elderly mode from 我的 with its unread badge, opens it (the read is recorded) and
// confirms it with 确认已阅; the notice's page in the console then counts one more household read and acknowledged,
// and its print page shows the period and the issuing node. Staff attach a photo in the notice's form; the notice's
// page, its print page and the resident's H5 page draw it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { onePixelPng } from './support/fixtures.mjs'
import { checkScreen, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

const title = `二次供水检修停水通知 ${Date.now() % 100000}`

function streetDay(offsetDays) {
  return new Date(Date.now() + 8 * 3600_000 + offsetDays * 24 * 3600_000).toISOString().slice(0, 10)
}

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

/** Waits until the browser has drawn `image` (a 1×1 photo from the server) on `page`. */
async function drawn(page, image) {
  await image.waitFor()
  await page.waitForFunction((element) => element.complete && element.naturalWidth === 1, await image.elementHandle())
}

describe('通知公示 in the console and the H5', () => {
  const suite = browserSuite(desktop)

  test('staff publish a notice needing acknowledgement, a resident acknowledges it on the phone, staff see the count change', async () => {
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const notice = await commissioner.send(
      'POST',
      '/api/v1/notices',
      {
        node_id: await findNodeId(suite.baseUrl, '德胜新村'),
        title,
        body: '本周六 8:00–18:00 检修二次供水设施，请提前储水。',
        kind: 'notice',
        audience: 'residents',
        starts_on: streetDay(0),
        ends_on: streetDay(6),
        needs_ack: true,
      },
      { expectedStatus: 201 },
    )
    assert.equal(notice.counts.acked, 0)

    // In elderly mode (large text), the harder fit at 360 px.
    const phonePage = await suite.freshPage(phone)
    await phonePage.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(phonePage, suite.baseUrl, 'resident')
    await phonePage.getByTestId('notices-unread-count').waitFor()
    await phonePage.getByTestId('notices-link').click()
    const row = phonePage.getByTestId('my-notice-row').filter({ hasText: title })
    await row.getByText('未读').waitFor()
    assert.ok(await phonePage.evaluate(() => document.documentElement.classList.contains('elderly-mode')))
    assert.ok((await pageWidth(phonePage)) <= 360, 'the list fits 360 px')
    await checkScreen(phonePage, 'H5 notices', 'engagement-mobile-notices')
    await row.click()
    await phonePage.getByTestId('my-notice').getByText('本周六 8:00–18:00').waitFor()
    await phonePage.getByTestId('notice-ack').click()
    await phonePage.getByTestId('notice-acked').waitFor()
    assert.ok((await pageWidth(phonePage)) <= 360, 'the notice fits 360 px')
    await checkScreen(phonePage, 'H5 notice acknowledged', 'engagement-mobile-notice')

    const page = await suite.consolePage('commissioner', `/engagement/notices/${notice.id}`)
    await page.getByTestId('notice-page-counts').getByText(`已阅 1/${notice.counts.total} · 已确认 1`).waitFor()
    await page.getByTestId('receipts-buildings').getByText('1').first().waitFor()
    await checkScreen(page, 'notice page', 'engagement-notice')

    // The print page lies outside the console's layout.
    await page.goto(`${suite.baseUrl}/engagement/notices/${notice.id}/print`)
    await page.getByTestId('notice-print').getByText(`公示期：${streetDay(0)} 至 ${streetDay(6)}`).waitFor()
    await page.getByTestId('notice-print').getByText('发布单位：德胜新村').waitFor()
  })

  test('staff attach a photo in the notice form; the notice page, the print page and the H5 draw it', async () => {
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const compound = await findNodeId(suite.baseUrl, '德胜新村')
    const fields = { node_id: compound, body: '楼道照明线路改造，请勿在楼道堆放杂物。', kind: 'notice', audience: 'residents', needs_ack: false }
    // Only an upcoming notice is edited: it starts tomorrow.
    const upcoming = await commissioner.send(
      'POST',
      '/api/v1/notices',
      { ...fields, title: `楼道照明改造 ${Date.now() % 100000}`, starts_on: streetDay(1), ends_on: streetDay(7) },
      { expectedStatus: 201 },
    )
    const page = await suite.consolePage('commissioner', `/engagement/notices/${upcoming.id}`)
    await page.getByTestId('notice-edit').click()
    const form = page.getByTestId('notice-form')
    await form.getByTestId('photo-input').setInputFiles({ name: 'lights.png', mimeType: 'image/png', buffer: onePixelPng })
    await form.getByRole('img', { name: '第 1 张照片' }).waitFor()
    await form.getByTestId('save').click()
    await drawn(page, page.getByTestId('notice-photos').locator('img'))
    const saved = await commissioner.get(`/api/v1/notices/${upcoming.id}`)
    assert.equal(saved.attachment_ids.length, 1)

    await page.goto(`${suite.baseUrl}/engagement/notices/${upcoming.id}/print`)
    await drawn(page, page.getByTestId('notice-print-photos').locator('img'))

    // The same photo on a notice up today reaches the resident's phone.
    const current = await commissioner.send(
      'POST',
      '/api/v1/notices',
      { ...fields, title: `楼道照明改造进度 ${Date.now() % 100000}`, starts_on: streetDay(0), ends_on: streetDay(6), attachment_ids: saved.attachment_ids },
      { expectedStatus: 201 },
    )
    const phonePage = await suite.mobilePage('resident', phone)
    await phonePage.goto(`${suite.baseUrl}/m/notices/${current.id}`)
    await drawn(phonePage, phonePage.getByTestId('notice-photo'))
    assert.ok((await pageWidth(phonePage)) <= 360, 'the notice with its photo fits 360 px')
  })
})
