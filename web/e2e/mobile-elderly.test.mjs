// Browser sweep of the resident H5 in elderly mode at 360×740: every screen the demo resident reaches
// from 我的 (their votes and a vote, their elections and an election, the public receipt check, their
// reports, one report and a new one, the covenant, the deliberation topics and a topic) stays elderly,
// fits the screen and passes axe (nothing serious or critical).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession } from './support/api.mjs'
import { assertAccessible, signInToMobile } from './support/browser.mjs'
import { browserSuite, phone } from './support/suite.mjs'

describe('the H5 in elderly mode', () => {
  const suite = browserSuite(phone)

  /** A fresh page signed in as the demo resident with elderly mode on, as 我的 remembers it. */
  async function elderlyPage() {
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    return page
  }

  /** Opens each screen, waits for what it shows once loaded, and checks it in elderly mode. */
  async function sweep(page, screens) {
    for (const { name, path, shows } of screens) {
      await page.goto(`${suite.baseUrl}/m${path}`)
      await shows(page).first().waitFor()
      assert.ok(await page.evaluate(() => document.documentElement.classList.contains('elderly-mode')), `${name} is in elderly mode`)
      const width = await page.evaluate(() => document.documentElement.scrollWidth)
      assert.ok(width <= 360, `${name} fits the 360px screen (${width}px)`)
      await assertAccessible(page, `H5 ${name} in elderly mode`)
    }
  }

  test('我的, votes and a vote, elections and an election, and the receipt check', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const [vote] = (await resident.get('/api/v1/me/votes')).items
    const [election] = (await resident.get('/api/v1/me/elections')).items
    assert.ok(vote && election, 'the demo resident has a vote and an election')
    const page = await elderlyPage()
    await sweep(page, [
      { name: '我的', path: '/', shows: (on) => on.getByTestId('display-name') },
      { name: 'votes', path: '/votes', shows: (on) => on.getByTestId(`my-vote-${vote.id}`) },
      { name: 'vote', path: `/votes/${vote.id}`, shows: (on) => on.getByText(vote.title) },
      { name: 'elections', path: '/elections', shows: (on) => on.getByTestId(`my-election-${election.id}`) },
      { name: 'election', path: `/elections/${election.id}`, shows: (on) => on.getByText(election.title) },
      { name: 'receipt check', path: '/receipt', shows: (on) => on.getByTestId('receipt-input') },
    ])
  })

  test('reports, a report and a new one, the covenant, and the deliberation topics and a topic', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const [report] = (await resident.get('/api/v1/me/cases')).items
    const [topic] = (await resident.get('/api/v1/me/topics')).items
    assert.ok(report && topic, 'the demo resident has a report and a topic')
    const page = await elderlyPage()
    await sweep(page, [
      { name: 'reports', path: '/cases', shows: (on) => on.getByTestId(`my-case-${report.id}`) },
      { name: 'report', path: `/cases/${report.id}`, shows: (on) => on.getByTestId('my-case-state') },
      { name: 'new report', path: '/cases/new', shows: (on) => on.getByTestId('case-report-form') },
      { name: 'covenant', path: '/covenant', shows: (on) => on.getByTestId(/^covenant-\d+$/) },
      { name: 'topics', path: '/topics', shows: (on) => on.getByTestId(`my-topic-${topic.id}`) },
      { name: 'topic', path: `/topics/${topic.id}`, shows: (on) => on.getByTestId('topic-title') },
    ])
  })
})
