// Browser test of 我的消息 on the H5 at 360 px: a resident moved up from an event's waiting line (a real API action)
// sees the unread badge on 我的, opens the inbox, taps the message and lands on the H5 page it is about (the
// shared link table turns the console's /engagement/events/… into 我的活动), and the badge clears; 全部已读 and the
// empty state in elderly mode; a reminder to vote opens the vote's own H5 page.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { assertAccessible, checkScreen, signInToMobile } from './support/browser.mjs'
import { browserSuite, phone } from './support/suite.mjs'
import { apiSession, findNodeId } from './support/api.mjs'

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('我的消息 on the H5', () => {
  const suite = browserSuite(phone)
  let events = 0

  /**
   * An event of 德胜新村 with one place, taken by a neighbour; the demo resident waits in line; the commissioner
   * cancels the neighbour's sign-up, which moves the resident up and tells them. The resident's earlier messages
   * are read first, so the badge counts this one alone.
   */
  async function promoteResident() {
    const resident = await apiSession(suite.baseUrl, 'resident')
    await resident.send('POST', '/api/v1/me/notifications/read-all', {})
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const compound = await findNodeId(suite.baseUrl, '德胜新村')
    const startsAt = Date.now() + (3 + events++) * 24 * 3600_000
    const title = `楼道议事 ${startsAt}`
    const event = await commissioner.send(
      'POST',
      '/api/v1/events',
      {
        title,
        kind: 'roundtable',
        node_id: compound,
        starts_at: new Date(startsAt).toISOString(),
        ends_at: new Date(startsAt + 3600_000).toISOString(),
        capacity: 1,
      },
      { expectedStatus: 201 },
    )
    // The compound's first person is the demo resident's.
    const neighbour = (await commissioner.get(`/api/v1/people?node=${compound}&limit=5`)).items[1]
    const taken = await commissioner.send('POST', `/api/v1/events/${event.id}/signups`, { person_id: neighbour.id }, { expectedStatus: 201 })
    const waiting = await resident.send('POST', `/api/v1/events/${event.id}/signups`, {}, { expectedStatus: 201 })
    assert.equal(waiting.status, 'waiting', 'the resident waits in line')
    await commissioner.send('DELETE', `/api/v1/events/${event.id}/signups/${taken.id}`, undefined)
    return { resident, title }
  }

  test('a resident moved up from the waiting line sees the badge, taps the message and lands on 我的活动', async () => {
    const { title } = await promoteResident()
    const page = await suite.mobilePage('resident')
    const badge = page.getByTestId('inbox-unread-count')
    await badge.getByText('1', { exact: true }).waitFor()
    await page.getByTestId('inbox-link').click()
    await page.waitForURL(/\/m\/inbox$/)
    const message = page.getByTestId('inbox').locator('[data-testid^="inbox-item-"]').first()
    await message.getByText('活动候补转为报名成功').waitFor()
    await message.getByText(title, { exact: false }).waitFor()
    await message.getByTestId('inbox-unread').waitFor()
    assert.ok((await pageWidth(page)) <= 360, 'the inbox fits the 360px screen')
    await checkScreen(page, 'H5 inbox', 'mobile-inbox')

    await message.click()
    await page.waitForURL(/\/m\/events$/)
    await page.getByTestId('my-signup').filter({ hasText: title }).waitFor()
    await page.goto(`${suite.baseUrl}/m/`)
    await page.getByTestId('inbox-link').waitFor()
    // The count is asked when 我的 opens; give it the moment it takes before saying the badge is gone.
    await page.waitForLoadState('networkidle')
    assert.equal(await badge.count(), 0, 'the badge clears once the message is read')
  })

  test('a reminder to vote opens the vote itself on the H5', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    await resident.send('POST', '/api/v1/me/notifications/read-all', {})
    const vote = (await resident.get('/api/v1/me/votes')).items.find(
      (candidate) => candidate.state === 'open' && candidate.my_voters.some((voter) => voter.self && !voter.voted_channel),
    )
    assert.ok(vote, 'the demo resident has an open vote to cast')
    const admin = await apiSession(suite.baseUrl, 'admin')
    await admin.send('POST', `/api/v1/votes/${vote.id}/reminders`, { message: '请在周五前投票' }, { expectedStatus: 201 })
    const page = await suite.mobilePage('resident')
    await page.getByTestId('inbox-link').click()
    await page.getByTestId('inbox').getByText(`请参加表决：《${vote.title}》`).click()
    await page.waitForURL(new RegExp(`/m/votes/${vote.id}$`))
    await page.getByTestId('vote-title').getByText(vote.title).waitFor()
  })

  test('in elderly mode 全部已读 marks every message read, and a resident with none is told what arrives here', async () => {
    const { resident } = await promoteResident()
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.goto(`${suite.baseUrl}/m/inbox`)
    await page.getByTestId('inbox-unread').first().waitFor()
    assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elderly-mode')))
    assert.ok((await pageWidth(page)) <= 360, 'the inbox fits 360 px in elderly mode')
    await assertAccessible(page, 'H5 inbox in elderly mode')
    await page.getByTestId('inbox-read-all').click()
    await page.getByText(/已将 \d+ 条通知标为已读/).waitFor()
    await page.getByTestId('inbox-read-all').waitFor({ state: 'detached' })
    assert.equal(await page.getByTestId('inbox-unread').count(), 0, 'no message is marked unread')
    assert.equal((await resident.get('/api/v1/me/notifications/unread-count')).unread, 0)

    // Someone of the demo street with no messages at all: the empty state says what would arrive.
    let newcomer = null
    for (const login of ['property', 'committee', 'director', 'secretary']) {
      const session = await apiSession(suite.baseUrl, login)
      if ((await session.get('/api/v1/me/notifications?limit=1')).items.length === 0) newcomer = login
    }
    assert.ok(newcomer, 'a demo account without messages')
    await signInToMobile(page, suite.baseUrl, newcomer)
    await page.goto(`${suite.baseUrl}/m/inbox`)
    await page.locator('[data-state="empty"]').getByText('活动候补转为报名成功').waitFor()
    assert.equal(await page.getByTestId('inbox-read-all').count(), 0, 'nothing to mark read')
  })
})
