// Browser tests of the monthly property evaluation's console screens (月度考核): the board of a closed month
// with each pilot contract's result, as the API gives it and in its Excel export, and a month's arithmetic with the
// same figures and the base and pool the month closed on; the street filling its sheet of an open month (system
// items only confirmed, points above the maximum refused in the form), closing the month with a sheet missing and
// reopening it with a reason; and the review of 东四苑 reached from 今日待办 and closed with the street's conclusion.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession } from './support/api.mjs'
import { checkScreen } from './support/browser.mjs'
import { streetToday } from './support/dates.mjs'
import { monthBefore, shownFen } from './support/figures.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

/** An exact fraction to two places, cut as the screens cut it: 7973/100 → "79.73". */
function twoPlaces({ num, den }, scale = 100n) {
  const cut = (BigInt(num) * scale) / BigInt(den)
  return `${cut / 100n}.${String(cut % 100n).padStart(2, '0')}`
}
const shownPercent = (share) => `${twoPlaces(share, 10000n)}%`

const outcomeNames = { vetoed: '一票否决', not_evaluated: '未评分', none: '无绩效', partial: '部分绩效', full: '全额绩效' }

describe('monthly property evaluation screens', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-evaluation-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  test('the board of a closed month lists the pilot contracts with their result, and a month shows the arithmetic of the API’s result', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const month = monthBefore(streetToday().slice(0, 7))
    const board = await admin.get(`/api/v1/property/evaluations?month=${month}`)
    const closed = board.items.filter((item) => item.state === 'closed')
    assert.equal(closed.length, 16, 'the 16 pilot contracts are closed in the last complete month')

    const page = await suite.consolePage('admin', '/property/evaluations')
    const table = page.getByTestId('board-table')
    await table.waitFor()
    const rowOf = (item) => table.locator('.el-table__row').filter({ has: page.getByRole('link', { name: item.compound.name, exact: true }) })
    assert.equal(await table.locator('.el-table__row').count(), board.items.length, 'one row per contract in force')
    for (const item of closed) {
      const row = rowOf(item)
      assert.equal(await row.getByTestId('board-score').innerText(), twoPlaces(item.result.score), `${item.compound.name}: score`)
      assert.equal(await row.getByTestId('board-outcome').innerText(), outcomeNames[item.result.outcome], `${item.compound.name}: outcome`)
      assert.equal(await row.getByTestId('board-total').innerText(), shownFen(item.result.total_fen), `${item.compound.name}: total pay`)
    }
    await checkScreen(page, 'evaluation board', 'property-evaluation-board')

    const download = page.waitForEvent('download')
    await page.getByTestId('export-list').click()
    const file = path.join(folder, 'board.xlsx')
    await (await download).saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const exported = []
    workbook.worksheets[0].eachRow((row) => exported.push(row.values.slice(1).map(String)))
    assert.equal(exported.length, board.items.length + 1, 'a header and a line per contract')
    const scored = closed.find((item) => item.result.outcome === 'partial')
    const line = exported.find((cells) => cells[0] === scored.compound.name)
    assert.ok(line.includes(twoPlaces(scored.result.score)) && line.includes(shownFen(scored.result.total_fen)), 'the export holds the result shown')

    await rowOf(scored).getByRole('link', { name: scored.compound.name, exact: true }).click()
    await page.waitForURL(`**/property/evaluations/${scored.contract_id}/${month}`)
    const { result, money } = await admin.get(`/api/v1/property/contracts/${scored.contract_id}/evaluations/${month}`)
    const arithmetic = page.getByTestId('evaluation-result')
    // Base and pool as the month closed on them, the sum shown adding up to the pay.
    assert.equal(await arithmetic.getByTestId('result-base').innerText(), shownFen(money.base_fen))
    assert.equal(await arithmetic.getByTestId('result-pool').innerText(), shownFen(money.pool_fen))
    assert.equal(money.base_fen + result.performance_fen, result.total_fen)
    assert.equal(await arithmetic.getByTestId('result-score').innerText(), twoPlaces(result.score))
    assert.equal(await arithmetic.getByTestId('result-share').innerText(), shownPercent(result.share))
    assert.equal(await arithmetic.getByTestId('result-performance').innerText(), shownFen(result.performance_fen))
    assert.equal(await arithmetic.getByTestId('result-total').innerText(), shownFen(result.total_fen))
    assert.equal(await arithmetic.getByTestId('result-score').getAttribute('title'), `${result.score.num}/${result.score.den}`)
    assert.equal(await arithmetic.getByTestId('result-incomplete').count(), 0, 'all three sheets are in')
    await checkScreen(page, 'a closed month', 'property-evaluation-month')
  })

  test('the street fills its sheet of an open month, closes it with sheets missing and reopens it with a reason', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const month = streetToday().slice(0, 7)
    const contract = (await admin.get(`/api/v1/property/evaluations?month=${month}`)).items.find((item) => item.sheets.length === 0)
    assert.ok(contract, 'a contract outside the pilot has no sheet this month')
    // The street's template gains an item the system fills from the records, so its form has one to confirm.
    const street = admin.user.roles.find((role) => role.scope_kind === 'street').scope_node_id
    const current = (await admin.get('/api/v1/property/evaluation-templates')).items.find((form) => form.party === 'street')
    const system = { code: 'cases_on_time', name: '报事按时办结率', max: '10', source: 'cases_on_time' }
    await admin.send('POST', '/api/v1/property/evaluation-templates', { street_id: street, party: 'street', items: [...current.items, system] }, { expectedStatus: 201 })
    const monthPath = `/api/v1/property/contracts/${contract.contract_id}/evaluations/${month}`
    const systemPoints = (await admin.get(monthPath)).forms.street.items.find((item) => item.code === system.code).points

    const page = await suite.consolePage('admin', `/property/evaluations/${contract.contract_id}/${month}`)
    await page.getByTestId('evaluation-state').getByText('考核中').waitFor()
    await page.getByTestId('fill-street').click()
    const form = page.getByTestId('sheet-form')
    const systemInput = form.getByTestId(`points-${system.code}`)
    assert.ok(await systemInput.isDisabled(), 'a system item is not editable')
    assert.equal(await systemInput.inputValue(), systemPoints, 'it shows the points the records give')
    await form.getByTestId('system-item').getByText('系统按本月记录填写').waitFor()
    const given = { cleaning: '30.01', security: '27', greenery: '18.25', facilities: '19.5' }
    for (const [code, points] of Object.entries(given)) await form.getByTestId(`points-${code}`).fill(points)
    await form.getByTestId('save').click()
    await form.getByText('请填写 0 到 30 之间的分数，最多两位小数').waitFor()
    await form.getByTestId('points-cleaning').fill('28.5')
    await form.getByTestId('save').click()
    await form.waitFor({ state: 'hidden' })
    const sheet = page.getByTestId('sheet-street')
    await sheet.getByText('已提交').waitFor()
    const stored = (await admin.get(monthPath)).sheets.find((filled) => filled.party === 'street')
    assert.deepEqual(
      Object.fromEntries(stored.items.map((item) => [item.code, item.points])),
      { cleaning: '28.5', security: '27', greenery: '18.25', facilities: '19.5', [system.code]: systemPoints },
    )
    await checkScreen(page, 'an open month with the street sheet in', 'property-evaluation-open')

    await page.getByTestId('close-month').click()
    const confirm = page.locator('.el-message-box')
    await confirm.getByText('社区、自管会的考核表尚未提交').waitFor()
    await confirm.getByRole('button', { name: '结账' }).click()
    await page.getByTestId('evaluation-state').getByText('已结账').waitFor()
    const incomplete = page.getByTestId('result-incomplete')
    await incomplete.getByText('结果不完整：社区、自管会的考核表未提交').waitFor()
    const { result } = await admin.get(monthPath)
    assert.deepEqual(result.missing, ['community', 'committee'])
    assert.equal(await page.getByTestId('result-score').innerText(), twoPlaces(result.score))

    await page.getByTestId('reopen-month').click()
    const reopen = page.getByTestId('reopen-form')
    await reopen.getByTestId('save').click()
    await reopen.getByText('请填写重开理由').waitFor()
    await reopen.getByLabel('重开理由').fill('社区考核表补交后重新结账')
    await reopen.getByTestId('save').click()
    await page.getByTestId('evaluation-state').getByText('考核中').waitFor()
    assert.equal(await page.getByTestId('evaluation-result').count(), 0, 'the withdrawn result is no longer shown')
    assert.equal((await admin.get(monthPath)).state, 'open')
  })

  test('东四苑’s review is reached from 今日待办 and the street closes it with its conclusion', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const review = (await admin.get('/api/v1/property/reviews')).items.find((item) => item.compound.name === '东四苑')
    assert.equal(review?.state, 'open', '东四苑 is on review in the demo')

    const page = await suite.consolePage('admin', '/')
    const today = page.getByTestId('today')
    await today.getByRole('link', { name: `物业合同复核：连续两月低于起评分（${review.months[0]}、${review.months[1]}）` }).click()
    await page.waitForURL('**/property/reviews')
    const row = page.getByTestId('reviews-table').locator('.el-table__row').filter({ has: page.getByRole('link', { name: '东四苑', exact: true }) })
    assert.deepEqual(await row.getByTestId('review-month').allInnerTexts(), review.months)
    assert.equal(await row.getByTestId('review-month').first().getAttribute('href'), `/property/evaluations/${review.contract_id}/${review.months[0]}`)
    await checkScreen(page, 'reviews', 'property-evaluation-reviews')

    await row.getByTestId('close-review').click()
    const form = page.getByTestId('review-close-form')
    await form.getByTestId('save').click()
    await form.getByText('请填写复核结论').waitFor()
    const note = '已约谈物业负责人，限期一个月整改保洁与门岗'
    await form.getByLabel('复核结论').fill(note)
    await form.getByTestId('save').click()
    await row.getByTestId('review-note').getByText(note).waitFor()
    await row.getByText('已结束').waitFor()
    assert.equal(await row.getByTestId('close-review').count(), 0)
    const closed = (await admin.get('/api/v1/property/reviews')).items.find((item) => item.id === review.id)
    assert.equal(closed.state, 'closed')
    assert.equal(closed.note, note)
  })
})
