// Browser test of 活动预约: the demo commissioner publishes a 百姓圆桌会 of 德胜新村 for later today in the
// console; the demo resident finds it on the H5 at 360 px through 我的, signs up after a confirmation and
// shows the check-in QR with its code; the commissioner types the code on the event's page and sees the
// attendee checked in, which the resident's page, in elderly mode, then says. Staff call an event off with a
// reason on its page, and the page says so.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, poppersClosed, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

const title = `德胜新村晚间百姓圆桌会 ${Date.now() % 100000}`

/** Types a moment into the date-time picker of the form item labelled `label`, as the browser's clock writes it. */
async function typeDateTime(page, scope, label, epochMs) {
  const text = await page.evaluate((ms) => {
    const date = new Date(ms)
    const two = (value) => String(value).padStart(2, '0')
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:00`
  }, epochMs)
  const input = scope.locator('.el-form-item').filter({ hasText: label }).locator('input')
  await input.fill(text)
  await input.press('Enter')
  await poppersClosed(page)
}

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('活动预约 in the console and the H5', () => {
  const suite = browserSuite(desktop)

  /** The H5 at 360 px with the demo resident signed in, on the events page; the console's context is closed. */
  async function residentsEvents({ elderly = false } = {}) {
    const phonePage = await suite.freshPage(phone)
    if (elderly) await phonePage.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(phonePage, suite.baseUrl, 'resident')
    await phonePage.getByTestId('my-events-link').click()
    return phonePage
  }

  test('staff publish an event, a resident signs up on the phone and is checked in by the code the phone shows', async () => {
    let page = await suite.consolePage('commissioner')
    await page.getByTestId('console-menu').getByText('活动预约').click()
    await page.getByTestId('events-page').waitFor()
    // The compound's seeded 旧改 meeting, in a week, has places left.
    await page.getByTestId('events-table').getByText('剩余 24 个名额').waitFor()
    await checkScreen(page, 'events list', 'engagement-events')
    await page.getByTestId('create-event').click()
    const form = page.getByTestId('event-form')
    await form.getByText('德胜新村').first().waitFor()
    await form.getByTestId('event-title').fill(title)
    await form.locator('.el-form-item').filter({ hasText: '活动类型' }).locator('.el-select__wrapper').click()
    await page.getByRole('option', { name: '百姓圆桌会' }).click()
    await poppersClosed(page)
    // Later today in the street's time: sign-ups stay open until it starts, and check-in is today.
    const startsAt = Date.now() + 20 * 60_000
    await typeDateTime(page, form, '开始时间', startsAt)
    await typeDateTime(page, form, '结束时间', startsAt + 60 * 60_000)
    await checkScreen(page, 'event drawer', 'engagement-event-form')
    await form.getByTestId('save').click()
    await page.getByTestId('event-page').waitFor()
    await page.getByTestId('event-facts').getByText('百姓圆桌会').waitFor()
    await page.getByTestId('confirmed-count').getByText('0').waitFor()
    const eventPath = new URL(page.url()).pathname

    let phonePage = await residentsEvents()
    const card = phonePage.getByTestId('open-event').filter({ hasText: title })
    await card.waitFor()
    await card.getByTestId('sign-up').click()
    await phonePage.locator('.van-dialog__confirm').click()
    const mine = phonePage.getByTestId('my-signup').filter({ hasText: title })
    await mine.getByTestId('my-signup-state').getByText('已报名').waitFor()
    assert.ok((await pageWidth(phonePage)) <= 360, 'the page fits 360 px')
    await checkScreen(phonePage, 'H5 events with a sign-up', 'engagement-mobile-events')
    await mine.getByTestId('show-check-in').click()
    await phonePage.getByTestId('check-in-qr').waitFor()
    const code = (await phonePage.getByTestId('check-in-code').innerText()).trim()
    assert.match(code, /^[0-9A-F]{10}$/)
    await checkScreen(phonePage, 'H5 check-in code', 'engagement-mobile-check-in')

    page = await suite.consolePage('commissioner', eventPath)
    await page.getByTestId('confirmed-count').getByText('1').waitFor()
    await page.getByTestId('confirmed-table').getByText('已报名').waitFor()
    await page.getByTestId('check-in-code').fill(code.toLowerCase())
    await page.getByTestId('check-in-code-submit').click()
    await page.getByTestId('checked-in-count').getByText('1').waitFor()
    await page.getByTestId('confirmed-table').getByTestId('signup-state').getByText('已签到').waitFor()
    await checkScreen(page, 'event page after check-in', 'engagement-event-checked-in')

    phonePage = await residentsEvents({ elderly: true })
    await phonePage.getByTestId('my-signup').filter({ hasText: title }).getByTestId('my-signup-state').getByText('已签到').waitFor()
    assert.ok(await phonePage.evaluate(() => document.documentElement.classList.contains('elderly-mode')))
    assert.ok((await pageWidth(phonePage)) <= 360, 'elderly mode fits 360 px too')
    await checkScreen(phonePage, 'H5 events in elderly mode', 'engagement-mobile-elderly')
  })

  test('staff call an event off with a reason and its page says so', async () => {
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const startsAt = Date.now() + 3 * 24 * 3600_000
    const event = await commissioner.send(
      'POST',
      '/api/v1/events',
      {
        title: `${title} 取消`,
        kind: 'roundtable',
        node_id: await findNodeId(suite.baseUrl, '德胜新村'),
        starts_at: new Date(startsAt).toISOString(),
        ends_at: new Date(startsAt + 3600_000).toISOString(),
        capacity: 10,
      },
      { expectedStatus: 201 },
    )
    const page = await suite.consolePage('commissioner', `/engagement/events/${event.id}`)
    await page.getByTestId('cancel-event').click()
    const box = page.locator('.el-message-box')
    await box.locator('input').fill('台风预警，活动改期')
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await page.getByTestId('event-cancelled').waitFor()
    await page.getByText('活动已取消：台风预警，活动改期').waitFor()
    assert.equal(await page.getByTestId('cancel-event').count(), 0, 'an event is called off once')
    await checkScreen(page, 'event called off', 'engagement-event-cancelled')
  })
})
