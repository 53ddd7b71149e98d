// Browser tests of the property service screens (物业服务): the street's three clusters with their lead
// companies and the joint operation (以大带小), a contract page naming the owners' vote that adopted it and
// leading to that vote, with the evaluation policy the street sets for the contract and removes, a community's ledger month by month with the street's subsidy marked and its Excel
// export holding the rows shown, the overview's figures and the other lists, a task handed over, a company
// registered once its credit code is right, a contract drafted in yuan, kept in whole fen and adopted by the
// compound's vote, and an owner's contract in force on the H5.
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, describe, test } from 'node:test'
import ExcelJS from 'exceljs'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, choose, poppersClosed, signInToConsole, signInToMobile } from './support/browser.mjs'
import { streetToday } from './support/dates.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

/** Fen as every property screen shows them: "¥1,234.56", computed from the integer. */
function shownFen(fen) {
  const whole = Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')
  return `${fen < 0 ? '-' : ''}¥${whole}.${String(Math.abs(fen) % 100).padStart(2, '0')}`
}

/** The check character of a 统一社会信用代码 (GB 32100-2015) after its first 17 characters. */
function withCheckCharacter(first17) {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
  const sum = [...first17].reduce((total, character, index) => total + alphabet.indexOf(character) * weights[index], 0)
  return first17 + alphabet[(31 - (sum % 31)) % 31]
}

describe('property service screens', () => {
  const suite = browserSuite(desktop)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-property-'))
  after(() => rmSync(folder, { recursive: true, force: true }))

  test('the clusters tree shows the three clusters, each with its lead, the joint operation with its partners, and a term ended', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const clusters = (await admin.get('/api/v1/property/clusters')).items
    assert.equal(clusters.length, 3, 'the demo street has three clusters')
    const joint = clusters.filter((cluster) => cluster.joint_operation)
    assert.ok(joint.length >= 1, 'one cluster at least is a joint operation')

    const page = await suite.consolePage('admin', '/property/clusters')
    const cards = page.getByTestId('cluster-card')
    await cards.nth(2).waitFor()
    assert.equal(await cards.count(), 3)
    const cardOf = (cluster) => {
      const title = cluster.code ? `${cluster.name}（${cluster.code}）` : cluster.name
      return cards.filter({ has: page.getByRole('heading', { level: 2, name: title, exact: true }) })
    }
    for (const cluster of clusters) {
      const card = cardOf(cluster)
      assert.equal(await card.getByTestId('cluster-lead').innerText(), cluster.lead.name, `${cluster.name} names its lead`)
      assert.equal(await card.getByTestId('joint-operation').count(), cluster.joint_operation ? 1 : 0, `${cluster.name}: 以大带小 only when joint`)
      const partners = await card.getByTestId('cluster-partner').allInnerTexts()
      assert.deepEqual(partners, cluster.partners.map((partner) => partner.name))
      for (const community of cluster.communities) {
        await card.getByTestId('cluster-community').getByRole('heading', { name: community.name, exact: true }).waitFor()
      }
    }
    await cardOf(joint[0]).getByTestId('joint-operation').getByText('以大带小').waitFor()
    // Above the tree, the street coloured by cluster: one legend entry per cluster, named as the API names it.
    const map = page.getByTestId('cluster-map')
    await map.getByTestId('map-chart').locator('canvas').waitFor()
    assert.equal(await map.getByTestId('map-chart').getAttribute('data-categories'), String(clusters.length))
    assert.deepEqual(await map.getByTestId('cluster-map-name').allInnerTexts(), clusters.map((cluster) => cluster.name))
    await checkScreen(page, 'clusters page', 'property-clusters')

    // A partner's term ended today is in the cluster's history, by the one who ended it.
    const partner = joint[0].partners[0]
    await cardOf(joint[0]).getByRole('button', { name: `结束${partner.name}的运营` }).click()
    await page.getByTestId('end-operator-form').getByTestId('save').click()
    await cardOf(joint[0]).getByRole('button', { name: '变更记录' }).click()
    const history = page.getByTestId('cluster-history')
    await history.getByText(`${partner.name}结束运营`).waitFor()
    await history.getByText('· 我').last().waitFor()
  })

  test('a contract page shows the owners’ vote that adopted it and its evaluation policy, which the street sets for it and removes; opening the vote lands on it', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const contracts = (await admin.get('/api/v1/property/contracts?state=in_force')).items
    const contract = contracts.find((candidate) => candidate.adopted_by)
    assert.ok(contract, 'a demo contract in force was adopted by a vote')

    const page = await suite.consolePage('admin', `/property/contracts/${contract.id}`)
    const terms = page.getByTestId('contract-terms')
    await terms.getByText(contract.company.name).waitFor()
    await page.getByTestId('contract-state').getByText('履行中').waitFor()
    await page.getByTestId('contract-money').getByText(`基础服务费 ${shownFen(contract.base_fen)}，绩效奖励金 ${shownFen(contract.pool_fen)}`).waitFor()
    const vote = page.getByTestId('adopting-vote')
    assert.equal(await vote.innerText(), contract.adopted_by.vote.title)
    await checkScreen(page, 'contract page', 'property-contract')

    // Its months are scored under the street's policy until the street gives the contract its own (rule G14).
    const policy = page.getByTestId('contract-policy')
    await policy.getByTestId('policy-source').getByText('采用街道统一规则').waitFor()
    await policy.getByTestId('policy-edit').click()
    const form = page.getByTestId('policy-form')
    const typeWeight = async (party, value) => {
      const input = form.getByTestId(`policy-weight-${party}`).locator('input')
      await input.fill(String(value))
      await input.blur()
    }
    await typeWeight('street', 50)
    await form.getByTestId('policy-weight-sum').getByText('三方权重合计 110（应为 100）').waitFor()
    await form.getByTestId('save').click()
    await form.getByText('街道、社区、自管会的权重之和应为 100').waitFor()
    assert.equal((await admin.get(`/api/v1/property/contracts/${contract.id}/evaluation-policy`)).source, 'street', 'nothing saved')
    await typeWeight('committee', 20)
    await form.getByTestId('save').click()
    await form.waitFor({ state: 'hidden' })
    await policy.getByTestId('policy-source').getByText('本合同单独设置').waitFor()
    assert.equal(await policy.getByTestId('policy-weights').innerText(), '街道 50 · 社区 30 · 自管会 20')
    const own = await admin.get(`/api/v1/property/contracts/${contract.id}/evaluation-policy`)
    assert.deepEqual([own.source, own.weights], ['contract', { street: 50, community: 30, committee: 20 }])
    await policy.getByTestId('policy-remove').click()
    await page.getByRole('dialog').getByRole('button', { name: '恢复街道规则' }).click()
    await policy.getByTestId('policy-source').getByText('采用街道统一规则').waitFor()
    assert.equal((await admin.get(`/api/v1/property/contracts/${contract.id}/evaluation-policy`)).source, 'street')

    await vote.click()
    await page.waitForURL(`${suite.baseUrl}/votes/${contract.adopted_by.vote.id}`)
    await page.getByRole('heading', { name: contract.adopted_by.vote.title }).waitFor()
  })

  test('the ledger of a subsidised community shows its months and the subsidy, and its export holds the rows shown', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const year = Number(streetToday().slice(0, 4))
    const summary = await admin.get(`/api/v1/property/ledger/summary?year=${year}`)
    const subsidised = summary.items.find((item) => !item.self_sufficient)
    assert.ok(subsidised, `a demo community needed the street's subsidy in ${year}`)
    const ledger = await admin.get(`/api/v1/property/ledger?community=${subsidised.community.id}&year=${year}`)
    assert.ok(ledger.totals.subsidy_fen > 0)

    const page = await suite.freshPage({ acceptDownloads: true })
    await signInToConsole(page, suite.baseUrl, 'admin', `/property/ledger?community=${subsidised.community.id}&year=${year}`)
    const table = page.getByTestId('ledger-months')
    const rows = table.locator('tbody tr')
    await rows.nth(ledger.months.length).waitFor()
    assert.equal(await rows.count(), ledger.months.length + 1, 'each month, then the year')
    await page.getByTestId('ledger-verdict').getByText(shownFen(ledger.totals.subsidy_fen)).waitFor()
    const subsidisedMonths = ledger.months.filter((month) => month.subsidy_fen > 0)
    // The marked subsidies: each subsidised month's, then the year's.
    assert.deepEqual(
      await table.getByTestId('subsidy').allInnerTexts(),
      [...subsidisedMonths.map((month) => shownFen(month.subsidy_fen)), shownFen(ledger.totals.subsidy_fen)],
    )
    await checkScreen(page, 'ledger page', 'property-ledger')

    const shown = [(await table.locator('thead th').allInnerTexts()).map((title) => title.trim())]
    for (const row of await rows.all()) shown.push((await row.locator('td').allInnerTexts()).map((cell) => cell.trim()))
    const download = page.waitForEvent('download')
    await page.getByTestId('export-list').click()
    const file = path.join(folder, 'ledger.xlsx')
    await (await download).saveAs(file)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(file)
    const exported = []
    workbook.worksheets[0].eachRow((row) => exported.push(row.values.slice(1).map(String)))
    assert.deepEqual(exported, shown)
    assert.equal(shown[1][0], ledger.months[0].month)
  })

  test('the overview counts as the server does, and the companies, a company, the contracts and the tasks open from the menu', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const stats = await admin.get('/api/v1/stats/property')
    const page = await suite.consolePage('admin', '/property')
    const figures = page.getByTestId('property-figures')
    await figures.getByTestId('figure-clusters').getByText(String(stats.clusters), { exact: true }).waitFor()
    await figures.getByTestId('figure-street_subsidy_fen').getByText(shownFen(stats.street_subsidy_fen), { exact: true }).waitFor()
    await page.getByTestId('summary-table').locator('tbody tr').first().waitFor()
    await checkScreen(page, 'property overview', 'property-overview')

    const menu = page.getByTestId('console-menu')
    await menu.getByText('物业企业', { exact: true }).click()
    const companies = (await admin.get('/api/v1/property/companies')).items
    const table = page.getByTestId('companies-table')
    await table.locator('tbody tr').nth(companies.length - 1).waitFor()
    await checkScreen(page, 'property companies', 'property-companies')
    const company = companies.find((candidate) => candidate.staff.length > 0) ?? companies[0]
    await table.getByRole('link', { name: company.name, exact: true }).click()
    await page.getByRole('heading', { level: 1, name: company.name }).waitFor()
    await page.getByText(company.credit_code, { exact: true }).waitFor()
    for (const member of company.staff) await page.getByTestId('company-staff').getByText(member.name, { exact: true }).waitFor()
    await checkScreen(page, 'property company', 'property-company')

    await menu.getByText('物业合同', { exact: true }).click()
    await page.getByTestId('contracts-table').locator('tbody tr').first().waitFor()
    await checkScreen(page, 'property contracts', 'property-contracts')

    await menu.getByText('事务性工作', { exact: true }).click()
    const tasks = (await admin.get('/api/v1/property/tasks')).items
    await page.getByTestId('tasks-table').locator('tbody tr').nth(tasks.length - 1).waitFor()
    await checkScreen(page, 'property tasks', 'property-tasks')
  })

  test('a leader hands a task to the other holder, and registers a company once its wrong credit code is corrected', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const [task] = (await admin.get('/api/v1/property/tasks')).items
    const other = task.holder === 'property' ? '社区承担' : '物业承担'
    const page = await suite.consolePage('admin', '/property/tasks')
    const row = page.getByTestId('tasks-table').locator('tbody tr').filter({ has: page.getByRole('cell', { name: task.name, exact: true }) })
    await row.getByTestId('move-task').click()
    const moveForm = page.getByTestId('task-move-form')
    await moveForm.getByLabel('说明').fill('社区收回自管')
    await moveForm.getByTestId('save').click()
    await row.getByText(other, { exact: true }).waitFor()
    await row.getByRole('cell', { name: String(task.moves + 1), exact: true }).waitFor()
    await row.getByRole('button', { name: '调整记录' }).click()
    const history = page.getByTestId('task-history')
    await history.getByText(`改为${other}`).last().waitFor()
    await history.getByText('社区收回自管').waitFor()
    await history.getByText('· 我').last().waitFor()
    const moved = (await admin.get('/api/v1/property/tasks')).items.find((entry) => entry.id === task.id)
    assert.equal(moved.holder, task.holder === 'property' ? 'community' : 'property')

    await page.goto(`${suite.baseUrl}/property/companies`)
    await page.getByTestId('new-company').click()
    const companyForm = page.getByTestId('company-form')
    const code = withCheckCharacter('91330105MA2H7K501')
    const wrongCode = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    await companyForm.getByTestId('company-name').fill('测试物业服务有限公司')
    await companyForm.getByTestId('company-credit-code').fill(wrongCode)
    await companyForm.getByTestId('save').click()
    await companyForm.locator('.el-form-item').filter({ hasText: '统一社会信用代码' }).locator('.el-form-item__error').waitFor()
    await companyForm.getByTestId('company-credit-code').fill(code)
    await companyForm.getByTestId('save').click()
    await page.getByRole('heading', { level: 1, name: '测试物业服务有限公司' }).waitFor()
    await page.getByText(code, { exact: true }).waitFor()
  })

  test('a leader drafts a contract in yuan, kept in whole fen, and adopts it by the compound’s passed vote', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const [company] = (await admin.get('/api/v1/property/companies')).items
    const compoundId = await findNodeId(suite.baseUrl, '德胜坝小区')
    const [before] = (await admin.get(`/api/v1/property/contracts?node=${compoundId}&state=in_force`)).items
    const page = await suite.consolePage('admin', '/property/contracts')
    await page.getByTestId('contracts-table').locator('tbody tr').first().waitFor()
    await page.getByTestId('new-contract').click()
    const form = page.getByTestId('contract-form')
    await form.locator('.el-select[data-testid="node-picker"]').click()
    const tree = page.locator('.el-tree-select__popper:visible')
    await tree.locator('.el-tree-node__content').filter({ hasText: '大关街道' }).locator('.el-tree-node__expand-icon').click()
    await tree.locator('.el-tree-node__content').filter({ hasText: '德胜社区' }).locator('.el-tree-node__expand-icon').click()
    await tree.getByText('德胜坝小区', { exact: true }).click()
    await poppersClosed(page)
    await choose(page, form, '物业企业', company.name)
    const startsOn = streetToday()
    for (const [label, day] of [['开始日期', startsOn], ['结束日期', '2029-11-30']]) {
      await form.getByLabel(label).fill(day)
      await form.getByLabel(label).press('Enter')
      await poppersClosed(page)
    }
    await form.getByTestId('contract-base').fill('12345.67')
    await form.getByTestId('contract-pool').fill('0.5')
    await form.getByTestId('save').click()
    await page.getByTestId('contract-state').getByText('草拟中').waitFor()
    await page.getByTestId('contract-money').getByText('基础服务费 ¥12,345.67，绩效奖励金 ¥0.50').waitFor()
    await page.getByTestId('contract-next').getByText('待本小区业主表决通过').waitFor()
    const id = Number(new URL(page.url()).pathname.split('/').pop())
    const draft = await admin.get(`/api/v1/property/contracts/${id}`)
    assert.deepEqual([draft.base_fen, draft.pool_fen, draft.compound.id, draft.state], [1234567, 50, compoundId, 'draft'])

    await page.getByTestId('adopt').click()
    const decision = page.getByTestId('decision-form')
    await choose(page, decision, '业主表决', before.adopted_by.vote.title)
    await decision.getByTestId('save').click()
    await page.getByTestId('contract-state').getByText('履行中').waitFor()
    await page.getByTestId('adopting-vote').getByText(before.adopted_by.vote.title).waitFor()
    const previous = await admin.get(`/api/v1/property/contracts/${before.id}`)
    assert.equal(previous.state, 'ended', 'the contract in force before ends on adoption')
  })

  test('on the H5 an owner sees the contract in force in their compound: company, term, services and the vote that chose it', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const households = (await resident.get('/api/v1/me/households')).items
    assert.ok(households.length > 0, 'the demo resident has a home')
    const compoundId = households[0].compound_id
    const { contract } = await resident.get(`/api/v1/property/compounds/${compoundId}/contract`)
    assert.ok(contract, "the demo resident's compound has a contract in force")

    const page = await suite.freshPage(phone)
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.getByTestId('property-contract-link').click()
    const block = page.getByTestId(`contract-${compoundId}`)
    await block.getByTestId('contract-company').getByText(contract.company.name).waitFor()
    await block.getByText(`${contract.starts_on} – ${contract.ends_on}`).waitFor()
    await block.getByTestId('contract-vote').getByText(contract.adopted_by.vote.title, { exact: false }).waitFor()
    await checkScreen(page, 'H5 property contract', 'property-contract-mobile')
  })
})
