// Browser tests of 导出 Excel on the people, cases, commissioners, votes, violations, elections, committees,
// compound parts, invitation letter batches, a vote's proxies and the privacy notice's versions lists: each file, opened with exceljs, holds the columns the page shows, the rows of the filter
// applied (names and numbers masked as the table shows them), and its days and moments as Excel dates in the
// street's time, not as text.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession, findNodeId } from './support/api.mjs'
import { poppersClosed, signInToConsole } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

const streetOffsetMs = 8 * 3_600_000
const violationStateNames = {
  reported: '已登记',
  notified: '已通知',
  rectifying: '整改中',
  removed: '已拆除/整改',
  closed: '已关闭',
}
const partUseNames = { residential: '住宅', commercial: '商铺', parking: '车位', other: '其他' }

/** A moment as the export writes it: the street's wall clock to the minute, as a UTC date. */
const streetMinute = (iso) => new Date(Math.floor((Date.parse(iso) + streetOffsetMs) / 60_000) * 60_000)
/** A day as the export writes it. */
const streetDay = (day) => new Date(`${day}T00:00:00Z`)

describe('list exports of the console', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-exports-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  /** Clicks 导出 Excel (`testId` on a page of several lists) and answers the file's rows (the header first) as exceljs reads them. */
  async function exported(page, name, testId = 'export-list') {
    const download = page.waitForEvent('download')
    await page.getByTestId(testId).click()
    const file = path.join(folder, `${name}.xlsx`)
    await (await download).saveAs(file)
    await page.getByTestId(testId).getByText('导出 Excel').waitFor()
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const rows = []
    workbook.worksheets[0].eachRow((row) => rows.push(row.values.slice(1)))
    return rows
  }

  /**
   * Opens a NodeListPage as admin ready to download, narrows it to 德胜社区 through its node picker (opening
   * the street's branch first) and answers its table once it shows the `rows` expected there.
   */
  async function communityList(landing, tableId, rows) {
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', landing)
    const table = page.getByTestId(tableId)
    await table.locator('tbody tr').first().waitFor()
    // The test id reaches the picker's tree in its popper too: the select is the one to click.
    await page.locator('.el-select[data-testid="node-picker"]').click()
    const tree = page.locator('.el-tree-select__popper:visible')
    await tree.locator('.el-tree-node__content').filter({ hasText: '大关街道' }).locator('.el-tree-node__expand-icon').click()
    await tree.getByText('德胜社区', { exact: true }).click()
    await poppersClosed(page)
    await table.locator('tbody tr').nth(rows - 1).waitFor()
    await table.locator('tbody tr').nth(rows).waitFor({ state: 'detached' })
    return { page, table }
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

  test('violations in one state: the rows of the filter, the subject as shown, found and deadline days as dates', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const { items: all } = await admin.get('/api/v1/covenant-violations?limit=200')
    const known = all.find((violation) => violation.deadline_on) ?? all[0]
    assert.ok(known, 'the demo street has violations')
    const filtered = await admin.get(`/api/v1/covenant-violations?state=${known.state}&limit=200`)
    assert.ok(!filtered.next_cursor, 'one page holds the state')
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', '/covenant/violations')
    const table = page.getByTestId('violations-table')
    await table.locator('tbody tr').first().waitFor()
    await page.getByTestId('state-filter').click()
    await page.getByRole('option', { name: violationStateNames[known.state], exact: true }).click()
    await page.waitForURL(new RegExp(`[?&]state=${known.state}`))
    const shownRow = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: `违规 #${known.id}`, exact: true }) })
    await shownRow.waitFor()
    const titles = (await table.locator('thead th').allInnerTexts()).map((title) => title.trim())

    const [header, ...rows] = await exported(page, 'violations')
    assert.deepEqual(header, titles)
    assert.deepEqual(rows.map((row) => row[0]).sort(), filtered.items.map((violation) => violation.id).sort())
    const row = rows.find((candidate) => candidate[0] === known.id)
    assert.equal(row[1], known.compound.name)
    assert.equal(row[3], (await shownRow.locator('td').nth(3).innerText()).trim())
    assert.ok(row[4] instanceof Date, 'the day found is a date')
    assert.equal(row[4].getTime(), streetDay(known.reported_on).getTime())
    if (known.deadline_on) {
      assert.ok(row[5] instanceof Date, 'the deadline is a date')
      assert.equal(row[5].getTime(), streetDay(known.deadline_on).getTime())
    }
    assert.ok(rows.every((candidate) => candidate[7] === violationStateNames[known.state]), 'only the state chosen')
  })

  test('elections under 德胜社区: each election of its compounds once, with its step and state', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const { items: elections } = await admin.get(`/api/v1/elections?node=${communityId}`)
    assert.ok(elections.length > 0, 'the demo 德胜社区 has elections')
    const { page, table } = await communityList('/elections', 'elections-table', elections.length)
    const titles = (await table.locator('thead th').allInnerTexts()).map((title) => title.trim())

    const [header, ...rows] = await exported(page, 'elections')
    assert.deepEqual(header, titles)
    assert.deepEqual(header, ['选举名称', '小区', '应选人数', '当前步骤', '状态'])
    const named = (title, compound) => `${title} · ${compound}`
    assert.deepEqual(
      rows.map((row) => named(row[0], row[1])).sort(),
      elections.map((election) => named(election.title, election.compound.name)).sort(),
    )
    const known = elections[0]
    const row = rows.find((candidate) => candidate[0] === known.title && candidate[1] === known.compound.name)
    assert.equal(row[2], known.seats)
    const shownRow = table.locator('tbody tr').filter({ hasText: known.title }).first()
    assert.equal(row[3], (await shownRow.locator('td').nth(3).innerText()).trim())
    assert.equal(row[4], (await shownRow.locator('td').nth(4).innerText()).trim())
  })

  test('committees under 德胜社区: members masked as shown, the term as two dates', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const { items: committees } = await admin.get(`/api/v1/committees?node=${communityId}`)
    const known = committees.find((committee) => committee.members.length > 0)
    assert.ok(known, 'the demo 德胜社区 has a committee with members')
    const { page, table } = await communityList('/committees', 'committees-table', committees.length)

    const [header, ...rows] = await exported(page, 'committees')
    assert.deepEqual(header, ['小区', '任期开始', '任期届满', '状态', '成员', '候补', '党员比例'])
    assert.deepEqual(rows.map((row) => row[0]).sort(), committees.map((committee) => committee.compound.name).sort())
    const row = rows.find((candidate) => candidate[0] === known.compound.name)
    const shownRow = table.locator('tbody tr').filter({ hasText: known.compound.name }).first()
    const shownMembers = await shownRow.getByTestId('member-names').locator('span').allInnerTexts()
    assert.equal(row[4], shownMembers.map((member) => member.trim()).join('、'))
    assert.match(known.members[0].person.name, /\*/, 'the member names are masked')
    assert.ok(row[4].startsWith(known.members[0].person.name), `the first member as shown: ${row[4]}`)
    assert.ok(row[1] instanceof Date && row[2] instanceof Date, 'the term is two dates')
    assert.equal(row[1].getTime(), streetDay(known.term_starts_on).getTime())
    assert.equal(row[2].getTime(), streetDay(known.term_ends_on).getTime())
    assert.equal(row[5], known.alternates.length)
  })

  test('parts of 德胜新村 in one building: the homes the filter leaves, use in words and area as a number', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const parts = []
    for (let cursor = ''; cursor !== null; ) {
      const from = cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
      const batch = await admin.get(`/api/v1/org/nodes/${compoundId}/parts?limit=1000${from}`)
      parts.push(...batch.items)
      cursor = batch.next_cursor ?? null
    }
    const building = parts[0]?.building_name
    assert.ok(building, 'the demo 德胜新村 has parts')
    const inBuilding = parts.filter((part) => part.building_name === building)
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', `/org/nodes/${compoundId}`)
    const card = page.getByTestId('parts-card')
    await card.getByTestId('parts-count').getByText(`共 ${parts.length} 户`).waitFor()
    await card.getByRole('combobox', { name: '幢' }).click()
    await page.getByRole('option', { name: building, exact: true }).click()
    await poppersClosed(page)
    await card.getByTestId('parts-count').getByText(`显示 ${inBuilding.length} / 共 ${parts.length} 户`).waitFor()

    const [header, ...rows] = await exported(page, 'parts')
    assert.deepEqual(header, ['幢', '单元', '房号', '楼层', '用途', '面积（㎡）'])
    assert.equal(rows.length, inBuilding.length)
    assert.ok(rows.every((row) => row[0] === building), 'only the building chosen')
    const known = inBuilding.at(-1)
    const row = rows.find((candidate) => candidate[1] === known.unit_name && String(candidate[2]) === known.room_number)
    assert.ok(row, `${building} ${known.unit_name} ${known.room_number} is in the file`)
    assert.equal(row[3], known.floor)
    assert.equal(row[4], partUseNames[known.use])
    assert.equal(row[5], Number(known.area_m2))
  })

  test('invitation letters of 德胜新村: each batch once, its issuer by name, issued and valid until as dates', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const building = (await admin.get(`/api/v1/org/nodes/${compoundId}/children`)).items[0]
    const part = (await admin.get(`/api/v1/org/nodes/${building.id}/parts?limit=1`)).items[0]
    // A resident registered without a phone, so that the building has a household to write to.
    const person = await admin.send('POST', '/api/v1/people', { home_node_id: compoundId, name: '孙桂兰' }, { expectedStatus: 201 })
    await admin.send('POST', `/api/v1/parts/${part.id}/links`, { person_id: person.id, relation: 'resident' }, { expectedStatus: 201 })
    const issued = await admin.send('POST', '/api/v1/residents/invitations', { building_id: building.id }, { expectedStatus: 201 })
    const { items: batches } = await admin.get(`/api/v1/residents/invitations?compound=${compoundId}`)
    const batch = batches.find((candidate) => candidate.id === issued.batch_id)
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', `/residents/invitations?compound=${compoundId}`)
    await page.getByTestId('invitation-batches').locator('tbody tr').nth(batches.length - 1).waitFor()

    const [header, ...rows] = await exported(page, 'invitations')
    assert.deepEqual(header, ['楼幢', '生成时间', '生成人', '封数', '已使用', '已作废', '已过期', '有效期至'])
    assert.equal(rows.length, batches.length)
    const row = rows.find((candidate) => candidate[0] === building.name && candidate[1].getTime() === streetMinute(issued.issued_at).getTime())
    assert.ok(row, `the batch of ${building.name} is in the file`)
    assert.equal(row[2], batch.issued_by)
    assert.doesNotMatch(String(row[2]), /账号|#/, 'the issuer by name')
    assert.deepEqual(row.slice(3, 7), [issued.letters.length, 0, 0, 0])
    assert.ok(row[7] instanceof Date, 'valid until as a date')
    assert.equal(row[7].getTime(), streetMinute(issued.expires_at).getTime())
  })
  test('proxies of the open vote: owner and proxy masked as shown, the form code, the letter and when it was recorded', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const vote = (await admin.get('/api/v1/votes')).items.find((candidate) => candidate.state === 'open')
    const owners = new Map()
    for (const entry of (await admin.get(`/api/v1/votes/${vote.id}/roll?voted=no`)).items) if (entry.owner) owners.set(entry.owner.id, entry.owner)
    const [voter, proxy] = [...owners.values()]
    assert.ok(proxy, 'the open vote has two owners yet to vote')
    await admin.send('POST', `/api/v1/votes/${vote.id}/proxies`, { voter_id: voter.id, proxy_person_id: proxy.id, letter_reference: 'WT-EXPORT-1' }, { expectedStatus: 201 })
    const proxies = (await admin.get(`/api/v1/votes/${vote.id}/proxies`)).items
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', `/votes/${vote.id}`)
    await page.getByRole('tab', { name: '委托登记' }).click()
    await page.getByTestId('proxies-table').locator('tbody tr').nth(proxies.length - 1).waitFor()

    const [header, ...rows] = await exported(page, 'proxies', 'export-proxies')
    assert.deepEqual(header, ['业主', '表单编号', '受托人', '委托方式', '委托书编号', '委托声明', '登记时间'])
    assert.equal(rows.length, proxies.length)
    const recorded = proxies.find((candidate) => candidate.voter.id === voter.id)
    const row = rows.find((candidate) => candidate[1] === voter.id)
    assert.deepEqual(row.slice(0, 5), [recorded.voter.name, voter.id, recorded.proxy.name, '书面委托书', 'WT-EXPORT-1'])
    assert.match(row[0], /\*/, 'the owner masked as shown')
    assert.equal(row[6].getTime(), streetMinute(recorded.created_at).getTime())
  })

  test('versions of the privacy notice: each version, published when, and how many consented', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const versions = (await admin.get('/api/v1/privacy/notices')).items
    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', '/privacy/notice')
    await page.getByTestId('notice-versions').locator('tbody tr').nth(versions.length - 1).waitFor()

    const [header, ...rows] = await exported(page, 'privacy-notice-versions')
    assert.deepEqual(header, ['版本', '发布时间', '已同意人数'])
    assert.deepEqual(
      rows.map((row) => [row[0], row[1].getTime(), row[2]]),
      versions.map((version) => [`第 ${version.version} 版`, streetMinute(version.published_at).getTime(), version.consents]),
    )
  })
})
