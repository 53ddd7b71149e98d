// Browser tests of 收支录入, the records behind a community's ledger: the community's secretary records a parking
// revenue of a compound in yuan, sees it listed and the ledger's month raised by exactly its whole fen; and voids
// a wrong one with a reason, after which the month is what it was and the record stays listed, struck through,
// with the reason; and the contract pay a month close wrote leads to that month's evaluation instead.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, choose } from './support/browser.mjs'
import { streetToday } from './support/dates.mjs'
import { monthBefore } from './support/figures.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

describe('ledger records', () => {
  const suite = browserSuite(desktop)
  const month = streetToday().slice(0, 7)
  const year = Number(month.slice(0, 4))

  /** The month of the community's ledger as the server sums it. */
  async function ledgerMonth(session, communityId) {
    const ledger = await session.get(`/api/v1/property/ledger?community=${communityId}&year=${year}`)
    return ledger.months.find((each) => each.month === month)
  }

  test('the secretary records a parking revenue in yuan and the month rises by exactly its fen', async () => {
    const secretary = await apiSession(suite.baseUrl, 'secretary')
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const before = await ledgerMonth(secretary, communityId)

    const page = await suite.consolePage('secretary', `/property/ledger?community=${communityId}&year=${year}`)
    await page.getByTestId('ledger-entries').click()
    await page.getByTestId('entries-page').waitFor()
    await page.getByTestId('new-revenue').click()
    const form = page.getByTestId('entry-form')
    await choose(page, form, '项目', '停车收入')
    await choose(page, form, '小区', '德胜新村')
    await form.getByTestId('entry-amount').fill('1234.56')
    await form.getByTestId('save').click()
    const row = page.getByTestId('entries-table').locator('tbody tr').filter({ hasText: '停车收入' }).filter({ hasText: '¥1,234.56' })
    await row.waitFor()
    assert.match(await row.innerText(), /德胜新村/)
    assert.match(await row.innerText(), new RegExp(month))

    await checkScreen(page, 'ledger records page', 'property-ledger-entries')

    const after = await ledgerMonth(secretary, communityId)
    assert.equal(after.income.revenue_fen, before.income.revenue_fen + 123456, 'exactly ¥1,234.56 in whole fen')
    assert.equal(after.income.total_fen, before.income.total_fen + 123456)
  })

  test('a wrong record is voided with a reason: the month is back and the record stays, struck through', async () => {
    const secretary = await apiSession(suite.baseUrl, 'secretary')
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const before = await ledgerMonth(secretary, communityId)
    const note = '录入后发现重复'
    await secretary.send(
      'POST',
      '/api/v1/property/revenues',
      { community_id: communityId, compound_id: await findNodeId(suite.baseUrl, '德胜新村'), month, kind: 'parking', common_parts: true, amount_fen: 123456, note },
      { expectedStatus: 201 },
    )
    assert.equal((await ledgerMonth(secretary, communityId)).income.revenue_fen, before.income.revenue_fen + 123456)

    const page = await suite.consolePage('secretary', `/property/ledger/entries?community=${communityId}&year=${year}&month=${month}`)
    const row = page.getByTestId('entries-table').locator('tbody tr').filter({ hasText: note })
    await row.getByTestId('void-entry').click()
    const form = page.getByTestId('void-form')
    await form.getByTestId('void-reason').waitFor()
    await checkScreen(page, 'void form', 'property-ledger-void')
    await form.getByTestId('void-reason').fill('与上一笔停车收入重复登记')
    await form.getByTestId('save').click()
    await row.getByTestId('entry-state').getByText('已作废：与上一笔停车收入重复登记', { exact: false }).waitFor()
    assert.equal(await row.getByTestId('void-entry').count(), 0, 'a voided record is voided once')
    const struck = await row.getByTestId('entry-amount').evaluate((element) => getComputedStyle(element).textDecorationLine)
    assert.equal(struck, 'line-through')
    assert.equal(await row.getByTestId('entry-amount').innerText(), '¥1,234.56', 'the record keeps what was recorded')

    assert.deepEqual(await ledgerMonth(secretary, communityId), before, 'the voided revenue counts nowhere')
  })

  test('the contract pay a month close wrote is corrected by reopening that month, so it leads there instead of voiding', async () => {
    const secretary = await apiSession(suite.baseUrl, 'secretary')
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const lastMonth = monthBefore(month)
    const costs = (await secretary.get(`/api/v1/property/costs?community=${communityId}&year=${lastMonth.slice(0, 4)}`)).items
    const byClose = costs.find((cost) => cost.month === lastMonth && cost.evaluation_id !== null && cost.voided_at === null)
    assert.ok(byClose, 'the demo closed last month of the pilot compounds, paying their contracts')
    const replaced = costs.filter((cost) => cost.month === lastMonth && cost.contract_id === byClose.contract_id && cost.evaluation_id === null)
    assert.ok(replaced.length > 0 && replaced.every((cost) => cost.voided_at !== null), 'the pay typed in before the close is kept, voided')

    const page = await suite.consolePage('secretary', `/property/ledger/entries?community=${communityId}&year=${lastMonth.slice(0, 4)}&month=${lastMonth}`)
    const row = page.getByTestId('entries-table').locator('tbody tr').filter({ has: page.getByTestId('entry-by-close') }).first()
    await row.waitFor()
    assert.equal(await row.getByTestId('void-entry').count(), 0, 'no void is offered for the close\'s pay')
    await row.getByTestId('entry-by-close').click()
    await page.waitForURL(new RegExp(`/property/evaluations/\\d+/${lastMonth}$`))
  })
})
