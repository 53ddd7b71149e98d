// Browser tests of the console's import wizard against the real server with the demo street: an xlsx
// with a bad row is marked, fixed and written, its parts then appear in the export; a CSV missing a
// column is refused with the column named; the menu offers each import only to roles that may use it.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

const partsHeader = ['楼栋', '总层数', '电梯', '土地性质', '单元', '房号', '楼层', '用途', '面积', '面积来源']

async function writeXlsx(file, rows) {
  const workbook = new ExcelJS.Workbook()
  const worksheet = workbook.addWorksheet('房屋')
  for (const row of rows) worksheet.addRow(row)
  await workbook.xlsx.writeFile(file)
  return file
}

async function readXlsx(file) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  const rows = []
  workbook.worksheets[0].eachRow((row) => rows.push(row.values.slice(1).map((value) => String(value ?? ''))))
  return rows
}

/** Clicks 导出 Excel and reads the downloaded workbook's rows (header first). */
async function exportedRows(page, folder, name) {
  const download = page.waitForEvent('download')
  await page.getByTestId('export').click()
  const file = path.join(folder, name)
  await (await download).saveAs(file)
  return readXlsx(file)
}

describe('import wizard', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-import-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  test('an xlsx with a bad row is marked, fixed by uploading again, written, and its parts exported', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('房屋导入导出').click()
    await page.getByTestId('compound-only').waitFor()
    await page.goto(`${suite.baseUrl}/imports/parts?node=${compoundId}`)
    await page.getByTestId('file-drop').waitFor()

    // A building that exists, with its floors as registered, so the new unit joins it.
    const [header, first] = await exportedRows(page, folder, 'before.xlsx')
    assert.deepEqual(header, partsHeader)
    const [building, floors] = first
    const row = (room, floor, area) => [building, Number(floors), '否', '国有', '9单元', room, floor, '住宅', area, '登记']
    const badFile = await writeXlsx(path.join(folder, 'bad.xlsx'), [
      partsHeader,
      row('101', 1, 88.5),
      row('102', 1, 12.345),
      row('201', 2, 90.25),
    ])
    await page.getByTestId('file-drop').locator('input[type=file]').setInputFiles(badFile)
    await page.getByTestId('import-summary').getByText('共 3 行，2 行无误，1 行有问题').waitFor()
    const badRow = page.getByTestId('preview-table').locator('tr', { has: page.locator('[data-row="3"]') })
    await badRow.getByText('第 3 行 面积 应为不超过两位小数的正数').waitFor()
    assert.equal(await badRow.locator('[data-bad="area_m2"]').innerText(), '12.345')
    assert.equal(await page.getByTestId('commit').isDisabled(), true, 'a file with problems cannot be written')
    await checkScreen(page, 'import preview with a bad row', 'console-import-bad-row')

    const fixedFile = await writeXlsx(path.join(folder, 'fixed.xlsx'), [
      partsHeader,
      row('101', 1, 88.5),
      row('102', 1, 12.34),
      row('201', 2, 90.25),
    ])
    await page.locator('input[type=file]').setInputFiles(fixedFile)
    const summary = page.getByTestId('import-summary')
    await summary.getByText('共 3 行，全部无误').waitFor()
    await summary.getByText('确认后将新建 0 幢、1 个单元、3 户。').waitFor()
    await page.getByTestId('commit').click()
    await page.getByTestId('import-done').getByText('fixed.xlsx：共 3 行，新建 0 幢、1 个单元、3 户').waitFor()
    await checkScreen(page, 'import written', 'console-import-done')

    const written = (await exportedRows(page, folder, 'after.xlsx')).filter((cells) => cells[4] === '9单元')
    assert.deepEqual(
      written.map((cells) => [cells[0], cells[5], cells[8]]),
      [
        [building, '101', '88.5'],
        [building, '102', '12.34'],
        [building, '201', '90.25'],
      ],
    )
  })

  test('a CSV without the 面积 column is refused with the column named', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('secretary', `/imports/parts?node=${compoundId}`)
    const csv = path.join(folder, 'no-area.csv')
    writeFileSync(csv, '\uFEFF楼栋,总层数,单元,房号,楼层\r\n1幢,5,8单元,101,1\r\n')
    await page.getByTestId('file-drop').locator('input[type=file]').setInputFiles(csv)
    await page.getByTestId('import-error').getByText('缺少必需的列“面积”（area_m2）').waitFor()
    await page.getByTestId('preview-table').getByText('8单元').waitFor()
    assert.equal(await page.getByTestId('commit').isDisabled(), true)
    await checkScreen(page, 'import refused file', 'console-import-missing-column')
  })

  test('a commissioner is offered the people import but not the parts import', async () => {
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const compoundId = commissioner.user.roles[0].scope_node_id
    const page = await suite.consolePage('commissioner')
    const menu = page.getByTestId('console-menu')
    await menu.getByText('居民导入导出').click()
    assert.equal(await menu.getByText('房屋导入导出').count(), 0, 'parts import is not in the commissioner menu')
    await page.goto(`${suite.baseUrl}/imports/people?node=${compoundId}`)
    await page.getByTestId('file-drop').waitFor()
    await checkScreen(page, 'people import', 'console-import-people')
    await page.goto(`${suite.baseUrl}/imports/parts`)
    await page.waitForURL(/\/no-access$/)
  })
})
