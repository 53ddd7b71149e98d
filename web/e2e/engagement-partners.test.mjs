// Browser tests of 能人库, 共建单位 and 下沉资源 in the console, on the demo street's 运河红盟: the commissioner finds
// 德胜新村's talents by masked name with their skills and free times, narrows them by tag and by a moment they are
// free, fills in one talent and exports the list; the street's admin opens 市水务集团 (masked contacts, agreement,
// the 泵站大厅 it sank) and sinks a new resource to 德胜新村, which the compound's 下沉资源 page then lists beside
// the hall; a resident who signs in to the console is refused the pages in Chinese.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, choose, poppersClosed } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

const stamp = Date.now() % 100000
const newSkills = `会电工，楼道灯维修 ${stamp}`
const newResource = `管网巡检党员志愿服务 ${stamp}`

/** The next moment, from now, that falls on `weekday` (1 Monday … 7 Sunday) at `hour`:`minute` street time. */
function nextStreetMoment(weekday, hour, minute) {
  const streetNow = new Date(Date.now() + 8 * 3_600_000)
  const today = streetNow.getUTCDay() || 7
  const ahead = (weekday - today + 7) % 7 || 7
  return Date.UTC(streetNow.getUTCFullYear(), streetNow.getUTCMonth(), streetNow.getUTCDate() + ahead, hour, minute) - 8 * 3_600_000
}

describe('能人库, 共建单位 and 下沉资源 in the console', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-partners-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  let compoundId
  /** 德胜新村's pool as the API gives it to the commissioner. */
  async function pool(query = '') {
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    compoundId ??= await findNodeId(suite.baseUrl, '德胜新村')
    return (await commissioner.get(`/api/v1/talents?node=${compoundId}${query}`)).items
  }

  /** The talents table's row of the talent named `name` (曾* is not 曾*洋). */
  const rowOf = (table, name) => table.locator('tbody tr').filter({ has: table.page().getByRole('cell', { name, exact: true }) })

  /** Waits until the talents table shows exactly the rows named `names`. */
  async function showsOnly(table, names) {
    for (const name of names) await rowOf(table, name).waitFor()
    await table.locator('tbody tr').nth(names.length).waitFor({ state: 'detached' })
  }

  /** Types a moment into the 某时有空 picker, as the browser's clock writes it. */
  async function freeAt(page, epochMs) {
    const text = await page.evaluate((ms) => {
      const date = new Date(ms)
      const two = (value) => String(value).padStart(2, '0')
      return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`
    }, epochMs)
    const input = page.getByPlaceholder('某时有空')
    await input.fill(text)
    await input.press('Enter')
    await poppersClosed(page)
  }

  test('能人库 lists the compound’s talents by masked name with skills and free times; a tag narrows it', async () => {
    const talents = await pool()
    const supervisor = talents.find((talent) => talent.tags.includes('civic_supervisor') && talent.in_pool)
    assert.ok(supervisor, 'the demo pool has a 民间监督员 in 德胜新村')
    const page = await suite.consolePage('commissioner', '/engagement/talents')
    const table = page.getByTestId('talents-table')
    await showsOnly(table, talents.map((talent) => talent.name))
    const row = rowOf(table, supervisor.name)
    await row.getByText('民间监督员').waitFor()
    await row.getByText(supervisor.skills).waitFor()
    await row.getByText('工作日晚上；周末白天').waitFor()
    assert.match(supervisor.name, /\*/, 'names are masked')
    await table.getByText('未登记').first().waitFor()
    await checkScreen(page, 'talent pool', 'engagement-talents')

    await page.getByTestId('talent-tag').click()
    await page.getByRole('option', { name: '金牌调解员' }).click()
    await poppersClosed(page)
    const mediators = talents.filter((talent) => talent.tags.includes('gold_mediator'))
    assert.ok(mediators.length > 0 && mediators.length < talents.length)
    await showsOnly(table, mediators.map((talent) => talent.name))
    assert.equal(await rowOf(table, supervisor.name).count(), 0)
  })

  test('a talent filled in as free on weekdays in the day is the one 某时有空 finds on a Monday morning', async () => {
    const volunteer = (await pool()).find((talent) => talent.skills === '楼道整治、垃圾分类宣传')
    assert.ok(volunteer, 'the demo pool has a volunteer of 楼道整治 in 德胜新村')
    const page = await suite.consolePage('commissioner', '/engagement/talents')
    const table = page.getByTestId('talents-table')
    const row = rowOf(table, volunteer.name)
    await row.getByTestId('edit-talent').click()
    const form = page.getByTestId('talent-form')
    await form.getByTestId('talent-skills').fill(newSkills)
    // The drawer starts from what the pool holds; a box is ticked by its label (its input is hidden).
    const presets = form.getByTestId('talent-presets')
    for (const [preset, ticked] of [['工作日晚上', true], ['周末白天', true], ['工作日白天', false]]) {
      assert.equal(await presets.getByRole('checkbox', { name: preset }).isChecked(), ticked, preset)
      await presets.getByText(preset, { exact: true }).click()
    }
    assert.equal(await presets.getByRole('checkbox', { name: '工作日白天' }).isChecked(), true)
    await checkScreen(page, 'talent form', 'engagement-talent-form')
    await form.getByTestId('save').click()
    await row.getByText(newSkills).waitFor()
    await row.getByTestId('talent-availability').getByText('工作日白天', { exact: true }).waitFor()

    // Monday 10:00: only the one free on weekdays in the day; Monday 19:30: the evening helpers, not them.
    const morning = nextStreetMoment(1, 10, 0)
    await freeAt(page, morning)
    await showsOnly(table, [volunteer.name])
    const evening = nextStreetMoment(1, 19, 30)
    const freeInTheEvening = await pool(`&available_at=${new Date(evening).toISOString()}`)
    assert.ok(freeInTheEvening.length > 0 && !freeInTheEvening.some((talent) => talent.person_id === volunteer.person_id))
    await freeAt(page, evening)
    await showsOnly(table, freeInTheEvening.map((talent) => talent.name))
  })

  test('能人库 exports the list shown: its columns and every talent, names masked', async () => {
    const talents = await pool()
    const page = await suite.consolePage('commissioner', '/engagement/talents', { acceptDownloads: true })
    await page.getByTestId('talents-table').getByText(newSkills).waitFor()
    const download = page.waitForEvent('download')
    await page.getByTestId('export-list').click()
    const file = path.join(folder, 'talents.xlsx')
    await (await download).saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const rows = []
    workbook.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)))
    assert.deepEqual(rows[0], ['姓名', '地址', '标签', '服务范围', '专长', '空闲时间', '参与中'])
    assert.deepEqual(rows.slice(1).map((row) => row[0]), talents.map((talent) => talent.name))
    assert.ok(rows.slice(1).every((row) => row[0].includes('*')), 'every name is masked as the table shows it')
    const edited = rows.find((row) => row[4] === newSkills)
    assert.ok(edited, 'the talent filled in is exported with the new skills')
    assert.equal(edited[5], '工作日白天')
  })

  test('共建单位 lists 运河红盟’s units; 市水务集团 shows its masked contact, its agreement and the hall it sank', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const water = (await admin.get('/api/v1/partners')).items.find((unit) => unit.name === '市水务集团')
    const shown = await admin.get(`/api/v1/partners/${water.id}`)
    const contact = shown.contacts[0]
    assert.match(contact.phone, /\*/, 'the contact’s phone is masked')

    const page = await suite.consolePage('admin', '/engagement/partners')
    const table = page.getByTestId('partners-table')
    for (const name of ['市建委', '市水务集团']) {
      const row = table.locator('tbody tr').filter({ hasText: name })
      await row.getByText('运河红盟').waitFor()
      await row.getByText('1 位联系人 · 1 份协议').waitFor()
    }
    await table.locator('tbody tr').filter({ hasText: '市水务集团' }).getByText('场地：泵站大厅，可容纳 80 人').waitFor()
    await checkScreen(page, 'partner units', 'engagement-partners')

    await table.getByRole('link', { name: '市水务集团' }).click()
    const unit = page.getByTestId('partner-page')
    const contactRow = unit.getByTestId('contacts-table').locator('tbody tr').filter({ hasText: contact.name })
    await contactRow.getByText(contact.phone).waitFor()
    assert.equal(await unit.getByText('13900571102').count(), 0, 'the phone is never shown in full')
    await unit.getByTestId('agreements-table').getByText('运河红盟党建共建协议').waitFor()
    await unit.getByTestId('agreements-table').getByText('2028-02-29').waitFor()
    const hall = unit.getByTestId('resources-table').locator('tbody tr').filter({ hasText: '泵站大厅，可容纳 80 人' })
    await hall.getByRole('link', { name: '泵站大厅' }).waitFor()
    await hall.getByText('德胜新村').waitFor()
    await checkScreen(page, 'partner unit', 'engagement-partner')
  })

  test('the admin sinks a new resource of 市水务集团 to 德胜新村; the unit’s page lists it', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const water = (await admin.get('/api/v1/partners')).items.find((unit) => unit.name === '市水务集团')
    const page = await suite.consolePage('admin', `/engagement/partners/${water.id}`)
    await page.getByTestId('add-resource').click()
    const form = page.getByTestId('partner-add-form').filter({ hasText: '新增资源' })
    await choose(page, form, '资源类型', '志愿者')
    await form.locator('.el-form-item').filter({ hasText: '资源说明' }).locator('input').fill(newResource)
    await form.locator('.el-select[data-testid="resource-serves"]').click()
    const tree = page.locator('.el-tree-select__popper:visible')
    await tree.locator('.el-tree-node__content').filter({ hasText: '大关街道' }).locator('.el-tree-node__expand-icon').first().click()
    await tree.locator('.el-tree-node__content').filter({ hasText: '德胜社区' }).locator('.el-tree-node__expand-icon').first().click()
    await tree.getByText('德胜新村', { exact: true }).click()
    await form.locator('.el-form-item').filter({ hasText: '下沉到' }).getByText('德胜新村').waitFor()
    await page.keyboard.press('Escape')
    await poppersClosed(page)
    await checkScreen(page, 'new resource drawer', 'engagement-partner-resource')
    await form.getByTestId('save').click()
    const added = page.getByTestId('resources-table').locator('tbody tr').filter({ hasText: newResource })
    await added.getByText('志愿者').waitFor()
    await added.getByText('德胜新村').waitFor()
  })

  test('下沉资源 of 德胜新村 lists everything sunk to it with the unit that gave it, the new resource among them', async () => {
    compoundId ??= await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('commissioner', `/engagement/sunk?compound=${compoundId}`)
    const table = page.getByTestId('sunk-table')
    const hall = table.locator('tbody tr').filter({ hasText: '泵站大厅，可容纳 80 人' })
    await hall.getByText('市水务集团').waitFor()
    await hall.getByText('运河红盟').waitFor()
    await hall.getByText('场地').waitFor()
    // Sunk to 德胜社区, so to each of its compounds.
    await table.locator('tbody tr').filter({ hasText: '老旧小区改造与加装电梯技术指导' }).getByText('市建委').waitFor()
    await table.locator('tbody tr').filter({ hasText: newResource }).getByText('市水务集团').waitFor()
    await page.getByRole('heading', { name: '下沉资源 · 德胜新村' }).waitFor()
    await checkScreen(page, 'sunk resources', 'engagement-sunk')
  })

  test('a resident signed in to the console finds none of the three pages and is told so in Chinese', async () => {
    compoundId ??= await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('resident')
    for (const landing of ['/engagement/talents', '/engagement/partners', `/engagement/sunk?compound=${compoundId}`]) {
      await page.goto(`${suite.baseUrl}${landing}`)
      await page.waitForURL(/\/no-access$/)
      await page.getByText('你的角色不能使用这个功能').waitFor()
    }
    const menu = page.getByTestId('console-menu')
    for (const entry of ['能人库', '共建单位', '下沉资源']) assert.equal(await menu.getByText(entry).count(), 0, `${entry} is not in the menu`)
    await checkScreen(page, 'engagement refusal', 'engagement-partners-forbidden')
  })
})
