// Browser tests of the elevator retrofit screens (加装电梯) of the console: the demo 西四苑 unit shows its
// elevator in service with the five-person group, the passed consent vote, the "15+2" contract and the
// per-floor cost split; in a new compound an eligible unit is started, its group set, its consent vote
// created (ballots cast through the API), moved to design and its cost split by floor to the exact fen,
// while a unit without owners shows why it is not eligible.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, checkScreen, poppersClosed } from './support/browser.mjs'
import { addCompoundWithParts } from './support/fixtures.mjs'
import { passDeadline } from './support/server.mjs'
import { browserSuite, desktop } from './support/suite.mjs'
import { addDays, streetToday } from './support/dates.mjs'

/** "¥8,333.34" as fen, to add shares up exactly. */
const fenOf = (text) => Number(text.replace(/[¥,\s]/g, '').replace('.', ''))

/** Owners registered for the new compound's first unit, one per home; the first is found by full name. */
const ownerNames = ['林晓东', '高秀兰', '郑国强', '何丽华', '罗建平', '梁淑芬', '谢志明', '韩玉梅']

/**
 * A compound of two 4-floor buildings without elevators, one unit each, two homes a floor; the homes of
 * P1幢 get an owner each (eligible), those of P2幢 none (not eligible).
 */
async function compoundWithOwners(admin, baseUrl) {
  const communityId = await findNodeId(baseUrl, '西一社区')
  const compound = await addCompoundWithParts(admin, communityId, '电梯测试苑', { buildings: 2, units: 1, floors: 4, roomsPerFloor: 2 })
  const parts = (await admin.get(`/api/v1/org/nodes/${compound.id}/parts?limit=1000`)).items
  const homes = parts.filter((part) => part.building_name === 'P1幢')
  assert.equal(homes.length, ownerNames.length)
  const owners = []
  for (const [index, part] of homes.entries()) {
    const person = await admin.send('POST', '/api/v1/people', { home_node_id: compound.id, name: ownerNames[index] }, { expectedStatus: 201 })
    await admin.send('POST', `/api/v1/parts/${part.id}/links`, { person_id: person.id, relation: 'owner' }, { expectedStatus: 201 })
    owners.push(person)
  }
  return { compound, owners, unitId: homes[0].unit_id, otherUnitId: parts.find((part) => part.building_name === 'P2幢').unit_id }
}

describe('elevator retrofit screens of the console', () => {
  const suite = browserSuite(desktop)

  test('the demo 西四苑 unit is in service with its five-person group, passed consent vote, 15+2 contract and cost split', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '西四苑')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const [listed] = (await admin.get(`/api/v1/elevator-projects?compound=${compoundId}`)).items
    const project = await admin.get(`/api/v1/elevator-projects/${listed.id}`)

    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('加装电梯').click()
    await page.getByTestId('elevators-page').getByText('请在上方选择一个小区').waitFor()
    await page.goto(`${suite.baseUrl}/elevators?compound=${compoundId}`)
    const projects = page.getByTestId('projects-table')
    await projects.getByRole('link', { name: project.title }).waitFor()
    await projects.getByTestId('project-stage').getByText('投入使用').waitFor()
    await page.getByTestId('policy').getByText('国有土地上 4 层及以上、无电梯的楼栋').waitFor()
    const unitRow = page.getByTestId('eligibility-table').locator('tr').filter({ has: page.getByTestId(`unit-${project.unit_id}`) })
    await unitRow.getByText('✓ 符合条件').waitFor()
    await unitRow.getByRole('link', { name: '查看项目' }).waitFor()
    assert.equal(await unitRow.getByTestId('start-project').count(), 0, 'a unit with a project cannot be started again')
    await checkScreen(page, 'elevators page', 'elevators-compound')

    await projects.getByRole('link', { name: project.title }).click()
    const projectPage = page.getByTestId('elevator-project-page')
    await projectPage.getByTestId('project-stage').getByText('投入使用').waitFor()
    const steps = page.getByTestId('stage-steps')
    for (const event of project.stages) await page.getByTestId(`step-${event.stage}`).getByText(event.on).waitFor()
    assert.equal(await steps.locator('.el-step__head.is-success').count(), 7, 'every stage is done')
    assert.equal(await page.getByTestId('advance').count(), 0, 'nothing follows in service')
    await page
      .getByTestId('publicity-period')
      .getByText(`${project.publicity.starts_on} 至 ${project.publicity.ends_on}`)
      .waitFor()
    await page.getByTestId('publicity-status').getByText('公示期已满，可以报批').waitFor()

    const group = page.getByTestId('group')
    await group.getByTestId('group-size').getByText('5 人（政策要求 5 人）').waitFor()
    assert.equal(await group.getByTestId('group-table').locator('tbody tr').count(), 5)
    for (const role of ['组长', '副组长', '财务监督', '施工协调', '居民联络']) await group.getByText(role, { exact: true }).waitFor()
    await group.getByText('陈建华').waitFor()
    assert.equal(await group.getByTestId('group-short').count(), 0)

    const consent = page.getByTestId('consent')
    await consent.getByTestId('vote-link').getByText(`表决 #${project.vote.id}`).waitFor()
    await consent.getByTestId('vote-state').getByText('已公布').waitFor()
    await consent.getByTestId('consent-outcome').getByText('通过').waitFor()
    const owners = project.vote.turnout.count.den
    await consent.getByTestId('gauge-count').getByText(`${owners} / ${owners}`).waitFor()
    await consent.getByTestId('ratio-approvalCount').getByText('≥ 3/4').waitFor()

    const contract = page.getByTestId('contract')
    await contract.getByTestId('contract-label').getByText('15+2', { exact: true }).waitFor()
    await contract.getByText('杭州拱宸电梯工程有限公司').waitFor()
    await contract.getByText('质保 2 年，期满后维保 15 年').waitFor()
    await contract.getByText('¥6,800.00').waitFor()
    await contract.getByText('30 分钟').waitFor()

    const cost = page.getByTestId('cost')
    await cost.getByTestId('cost-total').getByText('¥586,000.00').waitFor()
    await cost.getByTestId('cost-method').getByText('按楼层系数分摊').waitFor()
    const homes = project.cost.split.shares.length
    assert.equal(await cost.getByTestId('split-table').locator('tbody tr').count(), homes)
    const top = project.cost.split.shares.at(-1)
    await cost.getByTestId(`share-${top.part.room_number}`).getByText(`¥${Number(top.share_yuan).toLocaleString('en-US', { minimumFractionDigits: 2 })}`).waitFor()
    await cost.getByTestId('split-check').getByText(`${homes} 户合计 ¥586,000.00，与总费用 ¥586,000.00 一致 ✓`).waitFor()

    const mediations = page.getByTestId('mediations')
    await mediations.getByText('一楼住户担心电梯井道遮挡采光、施工噪声影响休息').waitFor()
    await mediations.getByTestId('mediation-outcome').getByText('达成协议').waitFor()
    await checkScreen(page, 'elevator project in service', 'elevators-project-in-service')
  })

  // A new unit's project from its start to its cost split, a stage per test; the tests share the page
  // and run in order.
  let admin, compound, owners, page, projectId, vote, closesAt

  test('a unit without owners is not eligible; a new unit is started and its group, short of five, recorded', async () => {
    admin = await apiSession(suite.baseUrl, 'admin')
    let unitId, otherUnitId
    ;({ compound, owners, unitId, otherUnitId } = await compoundWithOwners(admin, suite.baseUrl))

    page = await suite.consolePage('admin', `/elevators?compound=${compound.id}`)
    const elevatorsPage = page.getByTestId('elevators-page')
    await elevatorsPage.getByText('1 / 2 个单元符合条件').waitFor()
    await elevatorsPage.getByText('这个小区还没有加装电梯项目').waitFor()
    const table = page.getByTestId('eligibility-table')
    const rowOf = (id) => table.locator('tr').filter({ has: page.getByTestId(`unit-${id}`) })
    await rowOf(unitId).getByText('✓ 符合条件').waitFor()
    await rowOf(otherUnitId).getByTestId('reasons').getByText('单元尚无登记业主').waitFor()
    assert.equal(await rowOf(otherUnitId).getByTestId('start-project').count(), 0, 'no 立项 on an ineligible unit')

    // The street's policy is shown in its drawer, as in force.
    await page.getByTestId('edit-policy').click()
    const policy = page.getByTestId('policy-form')
    assert.equal(await policy.getByTestId('min-floors').locator('input').inputValue(), '4')
    assert.equal(await policy.getByTestId('group-size').locator('input').inputValue(), '5')
    await assertAccessible(page, 'policy drawer')
    await policy.getByRole('button', { name: '取消' }).click()
    await policy.waitFor({ state: 'hidden' })

    await rowOf(unitId).getByTestId('start-project').click()
    const create = page.getByTestId('create-form')
    await create.getByText('P1幢 1单元 加装电梯立项').waitFor()
    await create.getByTestId('save').click()
    const projectPage = page.getByTestId('elevator-project-page')
    await projectPage.getByTestId('project-stage').getByText('立项').waitFor()
    await page.getByTestId('project-unit').getByText('P1幢 1单元 · 4 层 · 8 户 · 8 位业主').waitFor()
    await page.getByText('发起业主表决后进入意见征询阶段').waitFor()
    projectId = Number(page.url().match(/projects\/(\d+)/)[1])

    // The group: an owner found in the registry by full name and a neighbour by name — short of five.
    await page.getByTestId('edit-group').click()
    const groupForm = page.getByTestId('group-form')
    const first = groupForm.getByTestId('member-1')
    await first.getByTestId('member-person').locator('input').fill(ownerNames[0])
    await page.getByRole('option', { name: /^林\*东/ }).click()
    await poppersClosed(page)
    await first.getByTestId('member-role').fill('组长')
    await groupForm.getByTestId('add-member').click()
    const second = groupForm.getByTestId('member-2')
    await second.getByText('直接填写姓名').click()
    await second.getByTestId('member-name').fill('王大伟')
    await second.getByTestId('member-role').fill('居民联络')
    await checkScreen(page, 'group drawer', 'elevators-group-form')
    await groupForm.getByTestId('save').click()
    const group = page.getByTestId('group')
    await group.getByTestId('group-short').getByText('工作小组只有 2 人，少于政策要求的 5 人').waitFor()
    await group.getByTestId('group-table').getByText('林*东').waitFor()
    await group.getByTestId('group-table').getByText('王大伟').waitFor()

  })

  test('the consent vote is drafted, design is refused before it is counted, and the owners’ ballots come in', async () => {
    const projectPage = page.getByTestId('elevator-project-page')
    // The consent vote closes in an hour; the next test moves its deadline past to count it.
    await page.getByTestId('create-vote').click()
    const voteForm = page.getByTestId('consent-vote-form')
    closesAt = new Date(Date.now() + 3_600_000)
    const closesText = await page.evaluate((iso) => {
      const at = new Date(iso)
      const two = (n) => String(n).padStart(2, '0')
      return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())} ${two(at.getHours())}:${two(at.getMinutes())}:${two(at.getSeconds())}`
    }, closesAt.toISOString())
    const closesInput = voteForm.getByRole('combobox', { name: '截止时间' })
    await closesInput.fill(closesText)
    await closesInput.press('Enter')
    await poppersClosed(page)
    await voteForm.getByTestId('save').click()
    await projectPage.getByTestId('project-stage').getByText('意见征询').waitFor()
    const consent = page.getByTestId('consent')
    await consent.getByTestId('vote-state').getByText('草稿').waitFor()
    ;({ vote } = await admin.get(`/api/v1/elevator-projects/${projectId}`))
    assert.equal(vote.matter, 7)
    assert.ok(Math.abs(Date.parse(vote.closes_at) - closesAt.getTime()) < 2_000, 'the vote closes when the form said')
    await consent.getByTestId('vote-link').getByText(`表决 #${vote.id}`).waitFor()

    // Design before the vote is counted: the server's refusal shows in the drawer.
    await page.getByTestId('advance').click()
    const advance = page.getByTestId('advance-form')
    await advance.getByTestId('save').click()
    await advance.getByText('同意表决尚未结束计票，不能进入设计阶段').waitFor()
    await assertAccessible(page, 'advance refused')
    await advance.getByRole('button', { name: '取消' }).click()

    // Ballots at a meeting, through the API: six of eight owners first, then the rest.
    await admin.send('POST', `/api/v1/votes/${vote.id}/open`, {})
    await admin.send('POST', `/api/v1/users/${(await apiSession(suite.baseUrl, 'committee')).user.id}/roles`, { role: 'committee_member', scope_node_id: compound.id }, { expectedStatus: 201 })
    const clerk = await apiSession(suite.baseUrl, 'committee')
    const cast = (owner) => clerk.send('POST', `/api/v1/votes/${vote.id}/meeting-ballots`, { voter_id: owner.id, choices: ['agree'] }, { expectedStatus: 201 })
    for (const owner of owners.slice(0, 6)) await cast(owner)
    await page.reload()
    await consent.getByTestId('vote-state').getByText('投票中').waitFor()
    await consent.getByTestId('gauge-count').getByText('6 / 8').waitFor()
    await consent.getByText('参与面积和人数均已达到三分之二').waitFor()
    await checkScreen(page, 'consent vote open', 'elevators-consent-open')
    for (const owner of owners.slice(6)) await cast(owner)
  })

  test('after its deadline the consent vote passes, and the design’s publicity holds approval back', async () => {
    const projectPage = page.getByTestId('elevator-project-page')
    const consent = page.getByTestId('consent')
    const advance = page.getByTestId('advance-form')
    passDeadline(suite.baseUrl, vote.id)
    await admin.send('POST', `/api/v1/votes/${vote.id}/close`, {})

    await page.reload()
    await consent.getByTestId('consent-outcome').getByText('通过').waitFor()
    await consent.getByTestId('gauge-count').getByText('8 / 8').waitFor()
    await page.getByTestId('advance').getByText('进入设计阶段').click()
    await advance.getByTestId('save').click()
    await projectPage.getByTestId('project-stage').getByText('设计').waitFor()
    await page.getByTestId('advance').getByText('进入审批阶段').waitFor()

    // Approval waits for the design's publicity: refused before it starts, and while it runs.
    await page.getByTestId('advance').getByText('进入审批阶段').click()
    await advance.getByTestId('save').click()
    await advance.getByText('设计方案尚未公示，公示期满后才能进入报批阶段').waitFor()
    await advance.getByRole('button', { name: '取消' }).click()
    await page.getByTestId('start-publicity').click()
    const publicityForm = page.getByTestId('publicity-form')
    await publicityForm.getByText('公示 10 天（含开始当天）', { exact: false }).waitFor()
    await assertAccessible(page, 'publicity drawer')
    await publicityForm.getByTestId('save').click()
    await page.getByTestId('publicity-status').getByText('公示中，还剩 10 天').waitFor()
    const lastDay = addDays(streetToday(), 9)
    await page.getByTestId('publicity-period').getByText(`${streetToday()} 至 ${lastDay}`).waitFor()
    await page.getByTestId('advance').getByText('进入审批阶段').click()
    await advance.getByTestId('save').click()
    await advance.getByText(`设计方案公示至 ${lastDay}，公示期满后才能进入报批阶段`).waitFor()
    await advance.getByRole('button', { name: '取消' }).click()

  })

  test('the cost is split by floor to the fen, the contract’s label follows its terms, and a mediation is recorded', async () => {
    // Cost by floor: ground floor 0, then 0.5, 1 and 1.5 a home; ¥100,000.01 leaves 3 fen to the largest remainders.
    await page.getByTestId('edit-cost').click()
    const costForm = page.getByTestId('cost-form')
    await costForm.getByTestId('cost-total-input').fill('100000.01')
    const weights = { 1: '0', 2: '0.5', 3: '1', 4: '1.5' }
    for (const [floor, weight] of Object.entries(weights)) await costForm.getByTestId(`weight-${floor}`).fill(weight)
    await checkScreen(page, 'cost drawer', 'elevators-cost-form')
    await costForm.getByTestId('save').click()
    const cost = page.getByTestId('cost')
    await cost.getByTestId('cost-total').getByText('¥100,000.01').waitFor()
    await cost.getByTestId('split-check').getByText('8 户合计 ¥100,000.01，与总费用 ¥100,000.01 一致 ✓').waitFor()
    const expected = { 101: '¥0.00', 102: '¥0.00', 201: '¥8,333.34', 202: '¥8,333.33', 301: '¥16,666.67', 302: '¥16,666.67', 401: '¥25,000.00', 402: '¥25,000.00' }
    let sum = 0
    for (const [room, share] of Object.entries(expected)) {
      const shown = (await cost.getByTestId(`share-${room}`).innerText()).trim()
      assert.equal(shown, share, `the share of ${room}`)
      sum += fenOf(shown)
    }
    assert.equal(sum, 10_000_001, 'the shares on the screen add up to the total to the fen')
    await checkScreen(page, 'elevator project in design', 'elevators-project-design')

    const split = await admin.get(`/api/v1/elevator-projects/${projectId}/cost-split`)
    assert.equal(split.method, 'floor')
    assert.equal(split.sum_yuan, '100000.01')

    // The maintenance contract's label follows its terms; a mediation is recorded.
    await page.getByTestId('edit-contract').click()
    const contractForm = page.getByTestId('contract-form')
    await contractForm.getByTestId('contract-provider').fill('杭州测试电梯有限公司')
    await contractForm.getByTestId('label-preview').getByText('15+2', { exact: true }).waitFor()
    await contractForm.getByRole('spinbutton', { name: '维保年限' }).fill('10')
    await contractForm.getByRole('spinbutton', { name: '维保年限' }).blur()
    await contractForm.getByTestId('label-preview').getByText('10+2', { exact: true }).waitFor()
    await contractForm.getByTestId('contract-fee').fill('5200')
    await assertAccessible(page, 'contract drawer')
    await contractForm.getByTestId('save').click()
    const contract = page.getByTestId('contract')
    await contract.getByTestId('contract-label').getByText('10+2', { exact: true }).waitFor()
    await contract.getByText('¥5,200.00').waitFor()

    await page.getByTestId('add-mediation').click()
    const mediationForm = page.getByTestId('mediation-form')
    await mediationForm.getByTestId('mediation-parties').fill('二楼住户、加装电梯工作小组')
    await mediationForm.getByTestId('mediation-mediator').fill('西一社区人民调解委员会')
    await mediationForm.getByTestId('mediation-issue').fill('二楼住户认为分摊系数偏高')
    await mediationForm.getByTestId('save').click()
    await mediationForm.getByText('达成协议的，请填写协议内容').waitFor()
    await mediationForm.getByTestId('mediation-agreement').fill('二楼系数维持 0.5，工作小组公开测算依据')
    await mediationForm.getByTestId('save').click()
    const mediations = page.getByTestId('mediations-table')
    await mediations.getByText('二楼住户、加装电梯工作小组').waitFor()
    await mediations.getByText('二楼系数维持 0.5，工作小组公开测算依据').waitFor()
    await mediations.getByTestId('mediation-outcome').getByText('达成协议').waitFor()
  })
})
