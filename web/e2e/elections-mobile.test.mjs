// Browser tests of the resident's secret ballot in a committee election on the H5 (360×740): the
// ballot in elderly mode; choosing more candidates than seats is stopped, fewer is allowed, the
// ballot is cast with a receipt code checked publicly (a cast retried after its answer was lost is
// counted once); afterwards the election shows "voted" only.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, idNumberEnd } from './support/api.mjs'
import { checkScreen, lookUpReceipt, signInToMobile } from './support/browser.mjs'
import { browserSuite, phone } from './support/suite.mjs'

/** The demo resident's 2026 re-election of 德胜新村, open for voting (checked through the API). */
async function openReElection(baseUrl) {
  const resident = await apiSession(baseUrl, 'resident')
  const election = (await resident.get('/api/v1/me/elections')).items.find(
    (item) => item.compound.name === '德胜新村' && item.title.includes('2026') && item.title.includes('换届'),
  )
  assert.ok(election, 'the demo resident is on the roll of the 2026 re-election of 德胜新村')
  return { resident, election }
}

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('committee election on the resident H5', () => {
  const suite = browserSuite(phone)

  test('the ballot reads large in elderly mode and fits 360px', async () => {
    const { election } = await openReElection(suite.baseUrl)
    assert.equal(election.voting_open, true)
    assert.equal(election.voted, false)
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.goto(`${suite.baseUrl}/m/elections/${election.id}`)
    const candidates = page.getByTestId('candidates')
    await candidates.getByText(election.candidates[0].name).waitFor()
    const size = await candidates
      .locator('.election__name')
      .first()
      .evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
    assert.ok(size >= 22, `candidate names are large in elderly mode (${size}px)`)
    assert.ok((await pageWidth(page)) <= 360, 'nothing overflows the 360px screen in elderly mode')
    await checkScreen(page, 'H5 election ballot in elderly mode', 'elections-mobile-ballot-elderly')
  })

  test('the resident cannot tick more than the seats, casts a secret ballot and checks its receipt', async () => {
    const { resident, election } = await openReElection(suite.baseUrl)
    assert.equal(election.seats, 5)
    assert.equal(election.candidates.length, 7)

    const page = await suite.mobilePage('resident', { permissions: ['clipboard-read', 'clipboard-write'] })
    await page.getByTestId('my-elections-link').click()
    const item = page.getByTestId(`my-election-${election.id}`)
    await item.getByText(election.title).waitFor()
    await item.getByText('待投票').waitFor()
    await item.getByText(/第 6 步/).waitFor()
    await checkScreen(page, 'H5 my elections', 'elections-mobile-list')

    await item.click()
    await page.getByTestId('election-title').getByText(election.title).waitFor()
    await page.getByTestId('secret-note').getByText('保存时不带姓名').waitFor()
    await page.getByTestId('ballot-rule').getByText('共 7 名候选人，最多选 5 人').waitFor()
    await checkScreen(page, 'H5 election ballot', 'elections-mobile-ballot')

    const box = (candidate) => page.getByTestId(`candidate-${candidate.id}`)
    const [first, second, third, fourth, fifth, sixth] = election.candidates
    for (const candidate of [first, second, third, fourth, fifth]) await box(candidate).click()
    await page.getByTestId('chosen-count').getByText('已选 5 人').waitFor()

    // A sixth tick is refused with a message, and nothing changes.
    await box(sixth).click()
    await page.getByTestId('too-many').getByText('最多只能选 5 人').waitFor()
    assert.equal(await box(sixth).getAttribute('aria-checked'), 'false')
    assert.equal(await box(fifth).getAttribute('aria-checked'), 'true')
    await page.getByTestId('chosen-count').getByText('已选 5 人').waitFor()
    assert.ok((await pageWidth(page)) <= 360, 'nothing overflows the 360px screen')
    await checkScreen(page, 'H5 election ballot, too many chosen', 'elections-mobile-too-many')

    // Fewer than the seats is allowed and said so.
    await box(fifth).click()
    await page.getByTestId('fewer-hint').getByText('少于 5 人也是有效票').waitFor()
    assert.equal(await page.getByTestId('too-many').count(), 0, 'the refusal goes once a tick is removed')

    await page.getByTestId('review').click()
    const confirm = page.getByTestId('confirm')
    for (const candidate of [first, second, third, fourth]) await confirm.getByText(candidate.name, { exact: true }).waitFor()
    assert.equal(await confirm.getByText(fifth.name, { exact: true }).count(), 0, 'the unticked candidate is not on the ballot')
    await checkScreen(page, 'H5 election ballot confirmation', 'elections-mobile-confirm')

    // The first cast reaches the server and goes into the box, but its answer never reaches the phone.
    const casts = []
    await page.route(`**/api/v1/elections/${election.id}/ballots`, async (route) => {
      casts.push({ key: route.request().headers()['idempotency-key'], body: route.request().postData() })
      if (casts.length > 1) return route.continue()
      const lost = await route.fetch()
      casts[0].receipt = (await lost.json()).receipt_code
      await route.abort('connectionreset')
    })
    await page.getByTestId('submit-ballot').click()
    await confirm.getByRole('alert').getByText('网络连接失败').waitFor()
    // Casting again sends the same ballot under the same key: the server answers with the first
    // receipt instead of refusing the used token or casting a second ballot.
    await page.getByTestId('submit-ballot').click()
    const code = (await page.getByTestId('receipt-code').innerText()).trim()
    assert.match(code, /^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/)
    assert.equal(casts.length, 2)
    assert.match(casts[0].key, /^[0-9a-f]{32}$/)
    assert.equal(casts[1].key, casts[0].key, 'the retry is sent as the same submission')
    assert.equal(casts[1].body, casts[0].body, 'with the same token and choices')
    assert.equal(code, casts[0].receipt, 'the retry is answered with the receipt of the one ballot cast')
    await page.unroute(`**/api/v1/elections/${election.id}/ballots`)
    await page.getByTestId('copy-receipt').click()
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code, 'the copy button copies the code')
    await checkScreen(page, 'H5 election receipt', 'elections-mobile-receipt')

    // Only "voted in this round" is kept about the voter; the receipt shows the ballot is in, never the choices.
    const after = (await resident.get('/api/v1/me/elections')).items.find((shown) => shown.id === election.id)
    assert.equal(after.voted, true)
    const receipt = await resident.get(`/api/v1/election-receipts/${code}`)
    assert.deepEqual(Object.keys(receipt).sort(), ['cast_on', 'channel', 'counted', 'election', 'round'])

    // The public check needs no sign-in.
    const visitor = await suite.freshPage()
    const result = await lookUpReceipt(visitor, suite.baseUrl, code)
    await result.getByText(election.title).waitFor()
    await result.getByText('你的选票已存入').waitFor()
    await result.getByText('第 1 轮').waitFor()
    await result.getByTestId('receipt-counted').getByText('本轮尚未计票').waitFor()
    await checkScreen(visitor, 'H5 election receipt check', 'elections-mobile-receipt-check')
  })

  test('after voting the election shows 已投票 and offers no second ballot', async () => {
    const { resident, election } = await openReElection(suite.baseUrl)
    assert.equal(election.voted, true, 'the previous test cast the ballot')
    const page = await suite.mobilePage('resident')
    await page.goto(`${suite.baseUrl}/m/elections`)
    const item = page.getByTestId(`my-election-${election.id}`)
    await item.getByText('已投票').waitFor()
    await item.click()
    await page.getByTestId('already-voted').getByText('你已在本轮投票').waitFor()
    assert.equal(await page.getByTestId('candidates').count(), 0, 'no candidates to tick')
    assert.equal(await page.getByTestId('submit-ballot').count(), 0, 'no ballot to cast')
    await checkScreen(page, 'H5 election already voted', 'elections-mobile-voted')
    // The server agrees: no second token in this round.
    await resident.send('POST', `/api/v1/elections/${election.id}/ballot-token`, {}, { expectedStatus: 409 })

    // An election past voting says which step it is at instead of a ballot.
    const filed = (await resident.get('/api/v1/me/elections')).items.find((shown) => !shown.voting_open)
    if (filed) {
      await page.goto(`${suite.baseUrl}/m/elections/${filed.id}`)
      await page.getByTestId('not-open').getByText('现在不能投票').waitFor()
      await page.getByTestId('not-open').getByText(filed.state === 'filed' ? '选举已结束' : `第 ${filed.current_step} 步`).waitFor()
    }
  })

  test('the same receipt page still checks an owners’ vote receipt, with its choices', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const open = (await resident.get('/api/v1/me/votes')).items.find(
      (vote) => vote.state === 'open' && vote.my_voters.some((voter) => voter.voted_channel === null),
    )
    assert.ok(open, 'the demo resident has an open owners’ vote')
    const voter = open.my_voters.find((candidate) => candidate.voted_channel === null)
    const own = open.my_voters.find((candidate) => candidate.self)
    await resident.send('POST', `/api/v1/votes/${open.id}/identity-check`, { id_last4: await idNumberEnd(suite.baseUrl, own.voter_id) })
    const ballot = await resident.send(
      'POST',
      `/api/v1/votes/${open.id}/ballots`,
      { voter_id: voter.voter_id, choices: open.items.map(() => 'agree') },
      { expectedStatus: 201 },
    )
    const visitor = await suite.freshPage()
    await visitor.goto(`${suite.baseUrl}/m/receipt?code=${ballot.receipt_code}`)
    const result = visitor.getByTestId('receipt-result')
    await result.getByText(open.title).waitFor()
    await result.getByText('赞同').first().waitFor()
    assert.equal(await result.getByTestId('receipt-counted').count(), 0, 'not shown as an election ballot')
  })
})
