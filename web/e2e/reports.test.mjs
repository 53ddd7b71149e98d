// Browser test of the monthly report: the street admin opens it from the start page, sees the figures
// the server counts for the street's month, downloads the spreadsheet (which exceljs opens, its first
// sheet holding the same figures), and the printed page leaves the menu out. A list's 导出 Excel is
// checked here too, on the audit log: the file holds the columns shown and every row of the filter.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession } from './support/api.mjs'
import { checkScreen, saveScreenshot } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

describe('monthly report', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-report-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  test('the street admin reads the month from the start page, downloads it as xlsx and prints it without the menu', async () => {
    const page = await suite.consolePage('admin', '/', { acceptDownloads: true })
    await page.getByTestId('console-menu').getByText('月报').waitFor()
    await page.getByTestId('home-monthly-report').click()

    const cases = page.getByTestId('report-section-cases.handling')
    await cases.waitFor()
    const url = new URL(page.url())
    const nodeId = url.searchParams.get('node')
    const month = (await page.getByTestId('report-heading').textContent()).match(/\d{4}-\d{2}/)?.[0]
    assert.ok(month, 'the heading names the month')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const report = await admin.get(`/api/v1/reports/monthly?format=json&node=${nodeId}&month=${month}`)
    const handling = report.sections.find((section) => section.key === 'cases.handling')
    const reported = handling.figures.find((figure) => figure.label === '受理')
    await cases.getByTestId('report-figure').filter({ hasText: '受理' }).first().getByText(String(reported.value)).waitFor()
    for (const section of report.sections) await page.getByTestId(`report-section-${section.key}`).getByText(section.title).waitFor()
    await checkScreen(page, 'monthly report', 'monthly-report')

    const download = page.waitForEvent('download')
    await page.getByTestId('report-download').click()
    const file = path.join(folder, 'report.xlsx')
    await (await download).saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const summary = workbook.worksheets[0]
    assert.equal(summary.name, '概览')
    const rows = []
    summary.eachRow((row) => rows.push(row.values.slice(1)))
    assert.deepEqual(rows[0], ['项目', '指标', '数值', '单位'])
    assert.equal(rows[1][0], report.title)
    assert.ok(summary.getRow(1).getCell(1).font?.bold, 'the header row is bold')
    assert.ok(rows.some((row) => row[0] === handling.title && row[1] === '受理' && row[2] === reported.value))
    const tables = report.sections.reduce((count, section) => count + section.tables.length, 0)
    assert.equal(workbook.worksheets.length, 1 + tables)

    await page.emulateMedia({ media: 'print' })
    await page.getByTestId('console-menu').waitFor({ state: 'hidden' })
    await page.getByTestId('report-print').waitFor({ state: 'hidden' })
    assert.ok(await cases.isVisible())
    await saveScreenshot(page, 'monthly-report-print')
  })

  test('the street admin exports the audit log filtered by action: the columns shown, only matching rows, every page', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const logins = []
    for (let cursor = ''; ; ) {
      const page = await admin.get(`/api/v1/audit?action=session.create&limit=500${cursor && `&cursor=${cursor}`}`)
      logins.push(...page.items)
      if (!page.next_cursor) break
      cursor = encodeURIComponent(page.next_cursor)
    }
    const page = await suite.consolePage('admin', '/', { acceptDownloads: true })
    await page.getByTestId('console-menu').getByText('审计日志').click()
    const table = page.getByTestId('audit-table')
    await table.getByText('登录', { exact: true }).first().waitFor()
    await page.getByTestId('audit-action').click()
    await page.keyboard.type('登录')
    await page.getByRole('option', { name: '登录', exact: true }).click()
    await page.getByRole('button', { name: '查询' }).click()
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-testid="audit-table"] tbody tr td:nth-child(4)')]
      return cells.length > 0 && cells.every((cell) => cell.textContent.trim() === '登录')
    })
    const titles = (await table.locator('thead th').allInnerTexts()).map((title) => title.trim())

    const download = page.waitForEvent('download')
    await page.getByTestId('export-list').click()
    const file = path.join(folder, 'audit.xlsx')
    const saved = await download
    assert.match(saved.suggestedFilename(), /^审计日志-\d{4}-\d{2}-\d{2}\.xlsx$/)
    await saved.saveAs(file)
    await page.getByTestId('export-list').getByText('导出 Excel').waitFor()
    await saveScreenshot(page, 'audit-export')

    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const rows = []
    workbook.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)))
    const [header, ...entries] = rows
    assert.deepEqual(header, titles)
    const column = (title) => header.indexOf(title)
    // This page's own sign-in came after the count through the API, so the export holds at least as many.
    assert.ok(entries.length >= logins.length, `${entries.length} rows, ${logins.length} logins before`)
    assert.ok(entries.every((entry) => entry[column('动作')] === '登录'), 'every row is a login')
    assert.ok(entries.every((entry) => entry[column('时间')] instanceof Date), 'times are dates')
    const seqs = new Set(entries.map((entry) => entry[column('序号')]))
    assert.ok(logins.every((login) => seqs.has(login.seq)), 'every login the API lists is in the file')
  })
})
