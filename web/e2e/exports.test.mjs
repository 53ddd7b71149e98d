// Browser tests of 导出 Excel on the people, cases, commissioners and votes lists: each file, opened with exceljs, holds
// the columns the page shows, the rows of the filter applied (names and numbers masked as the table
// shows them), and its days and moments as Excel dates in the street's time, not as text.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession } from './support/api.mjs'
import { signInToConsole } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

const streetOffsetMs = 8 * 3_600_000

/** A moment as the export writes it: the street's wall clock to the minute, as a UTC date. */
const streetMinute = (iso) => new Date(Math.floor((Date.parse(iso) + streetOffsetMs) / 60_000) * 60_000)
/** A day as the export writes it. */
const streetDay = (day) => new Date(`${day}T00:00:00Z`)

describe('list exports of the console', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-exports-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  /** Clicks 导出 Excel and answers the file's rows (the header first) as exceljs reads them. */
  async function exported(page, name) {
    const download = page.waitForEvent('download')
    await page.getByTestId('export-list').click()
    const file = path.join(folder, `${name}.xlsx`)
    await (await download).saveAs(file)
    await page.getByTestId('export-list').getByText('导出 Excel').waitFor()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const rows = []
    workbook.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)))
    return rows
  }

  test('people found by address: the columns shown, every match, names and phones masked as shown', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const query = '1幢1单元'
    const found = await admin.get(`/api/v1/people?q=${encodeURIComponent(query)}&limit=200`)
    assert.ok(found.items.length > 0, 'the demo street has people in 1幢1单元')
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', '/people')
    await page.getByTestId('people-page').locator('input[name="q"]').fill(query)
    await page.getByRole('button', { name: '查询' }).click()
    await page.getByTestId('people-total').getByText(`共 ${found.total} 人`).waitFor()
    const titles = (await page.getByTestId('people-table').locator('thead th').allInnerTexts()).map((title) => title.trim())

    const [header, ...rows] = await exported(page, 'people')
    assert.deepEqual(header, titles)
    assert.equal(rows.length, found.total)
    const column = (title) => header.indexOf(title)
    const known = found.items[0]
    const row = rows.find((candidate) => candidate[column('姓名')] === known.name)
    assert.ok(row, `${known.name} is in the file`)
    assert.match(known.name, /\*/, 'the name is masked')
    assert.equal(row[column('手机号')] ?? '', known.phone ?? '')
    assert.ok(rows.every((candidate) => !/^1\d{10}$/.test(String(candidate[column('手机号')] ?? ''))), 'no phone in full')
  })

  test('overdue cases: the rows of the tab, the handler by name, report times and due days as dates', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const overdue = await admin.get('/api/v1/cases?overdue=1&limit=500')
    assert.ok(overdue.items.length > 0, 'the demo street has overdue cases')
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', '/cases?tab=overdue')
    await page.getByTestId('cases-table').locator('tbody tr').first().waitFor()

    const [header, ...rows] = await exported(page, 'cases')
    assert.deepEqual(header, ['#', '服务事项', '小区 / 地点', '状态', '上报时间', '办结时限', '上报层级', '承办人'])
    assert.deepEqual(rows.map((row) => row[0]).sort(), overdue.items.map((record) => record.id).sort())
    const assigned = overdue.items.find((record) => record.assignee_user_id !== null) ?? overdue.items[0]
    const row = rows.find((candidate) => candidate[0] === assigned.id)
    assert.equal(row[1], assigned.item.name)
    assert.ok(row[4] instanceof Date, 'the report time is a date')
    assert.equal(row[4].getTime(), streetMinute(assigned.reported_at).getTime())
    assert.ok(row[5] instanceof Date, 'the due day is a date')
    assert.equal(row[5].getTime(), streetDay(assigned.resolve_due_on).getTime())
    if (assigned.assignee_user_id !== null) {
      const shown = assigned.assignee_user_id === admin.user.id ? '我' : assigned.assignee_name
      assert.ok(row[7].startsWith(shown), `the handler by name as shown: ${row[7]}`)
      assert.doesNotMatch(row[7], /#\d/, 'never an account number')
    }
  })

  test('commissioners: a line per compound each anchors, the day they began there a date', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const commissioners = await admin.get('/api/v1/governance/commissioners')
    const lines = commissioners.items.flatMap((commissioner) => commissioner.compounds.map((compound) => ({ commissioner, compound })))
    assert.ok(lines.length > 0, 'the demo street has commissioners')
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', '/commissioners')
    await page.getByTestId('commissioners-table').locator('tbody tr').first().waitFor()

    const [header, ...rows] = await exported(page, 'commissioners')
    assert.deepEqual(header.slice(0, 4), ['专员', '电话', '负责小区', '任职起始'])
    assert.equal(rows.length, lines.length)
    const { commissioner, compound } = lines[0]
    const row = rows.find((candidate) => candidate[0] === commissioner.person.name && candidate[2] === compound.name)
    assert.ok(row, `${commissioner.person.name} of ${compound.name} is in the file`)
    assert.ok(row[3] instanceof Date, 'the day they began is a date')
    assert.equal(row[3].getTime(), streetDay(new Date(Date.parse(compound.since) + streetOffsetMs).toISOString().slice(0, 10)).getTime())
  })

  test('votes of the street: each vote once, its window as two dates', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const { items: votes } = await admin.get('/api/v1/votes')
    assert.ok(votes.length > 0, 'the demo street has votes')
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', '/votes')
    await page.getByTestId('votes-table').locator('tbody tr').first().waitFor()

    const [header, ...rows] = await exported(page, 'votes')
    assert.deepEqual(header, ['表决标题', '小区', '事项类别', '状态', '投票开始', '投票截止'])
    assert.equal(rows.length, votes.length)
    const known = votes[0]
    const row = rows.find((candidate) => candidate[0] === known.title && candidate[1] === known.compound.name)
    assert.ok(row, `${known.title} is in the file`)
    assert.ok(row[4] instanceof Date && row[5] instanceof Date, 'the window is two dates')
    assert.equal(row[4].getTime(), streetMinute(known.opens_at).getTime())
    assert.equal(row[5].getTime(), streetMinute(known.closes_at).getTime())
  })
})
