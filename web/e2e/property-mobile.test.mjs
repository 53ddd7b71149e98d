// Browser tests of the monthly property evaluation on the H5 (360×740): a committee member, who alone has 物业月度考核
// among the ways on 我的, reaches the sheet still to fill from the banner there, the items the system fills from
// records shown and not editable, points above an item's maximum refused before anything is sent, the sheet as the
// API then keeps it, and once the month is closed the server's refusal of a change and the sheet read-only; an owner
// reads the compound's published months with the API's scores and pay, by party and never by evaluator.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession } from './support/api.mjs'
import { checkScreen } from './support/browser.mjs'
import { streetToday } from './support/dates.mjs'
import { monthBefore, shownFen, twoPlaces } from './support/figures.mjs'
import { browserSuite, phone } from './support/suite.mjs'

/** The due day as the list says it, from the API's days left. */
function dueShown({ days_left: days }) {
  if (days < 0) return `已逾期 ${-days} 天`
  return days === 0 ? '今天截止' : `还有 ${days} 天截止`
}

/** Points below an item's maximum with hundredths in them, e.g. "25.25" of 50. */
const pointsUnder = (max) => `${Math.floor(Number(max) / 2)}.25`

describe('monthly property evaluation on the H5', () => {
  const suite = browserSuite(phone)

  test('a committee member opens the banner on 我的 and fills the committee sheet of the open month', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const month = monthBefore(streetToday().slice(0, 7))
    // The demo evaluates the pilot's compounds only, so a compound outside it has last month open with no sheet; the
    // committee member joins its committee, and last month's sheet there is due on or before the 28th: a banner.
    const board = await admin.get(`/api/v1/property/evaluations?month=${month}`)
    const open = board.items.find((item) => item.state === 'open' && item.sheets.length === 0)
    assert.ok(open, `a contract with ${month} open and no sheet`)
    const { user } = await apiSession(suite.baseUrl, 'committee')
    await admin.send('POST', `/api/v1/users/${user.id}/roles`, { role: 'committee_member', scope_node_id: open.compound.id }, { expectedStatus: 201 })
    const monthPath = `/api/v1/property/contracts/${open.contract_id}/evaluations/${month}`
    const form = (await admin.get(monthPath)).forms.committee
    const system = form.items.filter((item) => item.source)
    const scored = form.items.filter((item) => !item.source)
    assert.ok(system.length > 0 && scored.length > 0, 'the committee sheet has items from records and items to score')

    const page = await suite.mobilePage('committee')
    await page.getByTestId('evaluations-link').getByText('物业月度考核').waitFor()
    const banner = page.locator('[data-testid="today-banner"][data-kind="property.evaluation.sheet"]').filter({ hasText: month })
    await banner.getByText('物业考核待填写').waitFor()
    await banner.click()
    await page.waitForURL(`${suite.baseUrl}/m/property/evaluations?month=${month}`)
    const row = page.getByTestId(`evaluation-${open.contract_id}`)
    await row.getByText(open.compound.name).waitFor()
    await row.getByText('待填写').waitFor()
    await row.getByText(dueShown(open.due)).waitFor()
    await checkScreen(page, 'H5 committee evaluations', 'property-mobile-evaluations')

    await row.click()
    await page.getByTestId('sheet-compound').getByText(open.compound.name).waitFor()
    const item = (code) => page.getByTestId(`sheet-item-${code}`)
    for (const one of system) {
      await item(one.code).getByText('系统按记录填写').waitFor()
      assert.equal(await item(one.code).getByTestId('system-points').innerText(), `${one.points} / ${one.max} 分`)
      assert.equal(await item(one.code).locator('input').count(), 0, `${one.name} is not editable`)
    }

    // A point above the maximum is refused on its item, and nothing is sent.
    const [first] = scored
    for (const one of scored) await item(one.code).locator('input').fill(pointsUnder(one.max))
    await item(first.code).locator('input').fill(String(Number(first.max) + 1))
    await page.getByTestId('sheet-submit').click()
    await item(first.code).getByText(`不能超过满分 ${first.max} 分`).waitFor()
    await checkScreen(page, 'H5 committee sheet with a point above the maximum', 'property-mobile-sheet-refused')
    assert.deepEqual((await admin.get(monthPath)).sheets, [], 'nothing was sent')

    await item(first.code).locator('input').fill(pointsUnder(first.max))
    await page.getByTestId('sheet-submit').click()
    const sent = page.getByTestId('sheet-view')
    for (const one of scored) await sent.getByTestId(`sheet-item-${one.code}`).getByText(`${pointsUnder(one.max)} / ${one.max} 分`).waitFor()
    await sent.getByTestId('sheet-edit').waitFor()
    await checkScreen(page, 'H5 committee sheet sent', 'property-mobile-sheet-sent')

    const kept = (await admin.get(monthPath)).sheets.find((sheet) => sheet.party === 'committee')
    assert.deepEqual(
      kept.items.map(({ code, points }) => ({ code, points })),
      form.items.map((one) => ({ code: one.code, points: one.source ? one.points : pointsUnder(one.max) })),
      'the API keeps the points typed and the system items at the points of the records',
    )

    // Once the street closes the month a change is refused with the server's words, and the sheet reads only.
    await admin.send('POST', `${monthPath}/close`)
    await sent.getByTestId('sheet-edit').click()
    await page.getByTestId('sheet-submit').click()
    await page.getByTestId('sheet-refusal').getByText('该月考核已结账，不能再修改').waitFor()
    await page.reload()
    await page.getByTestId('sheet-closed').getByText('这个月已结账，考核表不能再修改。').waitFor()
    assert.equal(await page.getByTestId('sheet-edit').count(), 0, 'a closed month offers no change')
    assert.equal(await page.locator('main input').count(), 0, 'nor any field')
  })

  test('an owner reads the compound’s published months with the API’s scores and pay, and no evaluator’s name', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const [household] = (await resident.get('/api/v1/me/households')).items
    const { items } = await resident.get(`/api/v1/property/compounds/${household.compound_id}/evaluations`)
    assert.ok(items.length >= 2, 'the demo published the last two months')

    const page = await suite.mobilePage('resident')
    await page.getByTestId('property-contract-link').waitFor()
    assert.equal(await page.getByTestId('evaluations-link').count(), 0, 'an owner has no way to the committee’s sheets')
    await page.getByTestId('property-contract-link').click()
    const block = page.getByTestId(`results-${household.compound_id}`)
    const months = block.getByTestId('result-month')
    await months.first().waitFor()
    assert.deepEqual(await months.evaluateAll((shown) => shown.map((month) => month.dataset.month)), items.map((item) => item.month), 'newest first, as published')
    for (const item of items) {
      const shown = block.locator(`[data-testid="result-month"][data-month="${item.month}"]`)
      assert.equal(await shown.getByTestId('result-score').innerText(), item.score ? `${twoPlaces(item.score)} 分` : '未评分')
      for (const sheet of item.sheets) {
        assert.equal(await shown.getByTestId(`result-${sheet.party}`).innerText(), `${twoPlaces(sheet.score)} 分`, `${item.month} ${sheet.party}`)
      }
      assert.equal(await shown.getByTestId('result-total').innerText(), shownFen(item.total_fen))
      assert.equal(await shown.getByTestId('result-incomplete').count(), item.incomplete ? 1 : 0)
    }
    await checkScreen(page, 'H5 contract with monthly results', 'property-mobile-results')

    const text = await page.locator('main').innerText()
    for (const party of ['街道', '社区', '自管会']) assert.ok(text.includes(party), `${party}'s score is named by its party`)
    for (const login of ['admin', 'secretary', 'committee']) {
      const { user } = await apiSession(suite.baseUrl, login)
      assert.ok(!text.includes(user.display_name), `no evaluator's name (${user.display_name}) on the page`)
    }
  })
})
