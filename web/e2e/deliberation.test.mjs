// Browser tests of the deliberation screens (六步议事法): in the console a topic of a small new compound
// goes from proposal through comments (one hidden by a moderator), a round table, a plan version and a
// residents' vote (opened and closed on the vote's page, ballots recorded at a meeting) to a resolution
// whose one action, once done, closes the topic. On the H5 (360 px) the demo resident reads 德胜新村's
// topic open for comments and adds one.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, checkScreen, choose, poppersClosed } from './support/browser.mjs'
import { addCompoundWithParts } from './support/fixtures.mjs'
import { passDeadline } from './support/server.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'
import { streetToday } from './support/dates.mjs'

const compoundName = '议事测试苑'
const topicTitle = '南门外增设非机动车停车棚'
/** 1 building, 1 unit, 2 floors of 2 homes: a roll of four owners. */
const layout = { buildings: 1, units: 1, floors: 2, roomsPerFloor: 2 }
const rooms = ['101', '102', '201', '202']

/** Types a date or a time into the Element Plus picker of the form item labelled `label`, and confirms it. */
async function typeIntoPicker(page, scope, label, text) {
  const input = scope.locator('.el-form-item').filter({ hasText: label }).locator('input')
  await input.fill(text)
  await input.press('Enter')
  await poppersClosed(page)
}

/** Types a time into a date-time picker as the browser's clock writes it locally. */
async function typeDateTime(page, scope, label, epochMs) {
  const text = await page.evaluate((ms) => {
    const date = new Date(ms)
    const two = (value) => String(value).padStart(2, '0')
    return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`
  }, epochMs)
  await typeIntoPicker(page, scope, label, text)
}

/** The small compound with its four owners, and the demo resident made a tenant there so they may comment. */
async function compoundWithOwners(baseUrl) {
  const admin = await apiSession(baseUrl, 'admin')
  const communityId = await findNodeId(baseUrl, '德胜社区')
  const compound = await addCompoundWithParts(admin, communityId, compoundName, layout)
  const people = ['姓名,楼栋,单元,房号,关系', ...rooms.map((room, index) => `业主${index + 1},P1幢,1单元,${room},业主`)].join('\n')
  await admin.send('POST', `/api/v1/import/people?node=${compound.id}`, `${people}\n`, { expectedStatus: 201, contentType: 'text/csv' })
  const resident = await apiSession(baseUrl, 'resident')
  const { person_id: personId } = await resident.get('/api/v1/me/households')
  const parts = await admin.get(`/api/v1/org/nodes/${compound.id}/parts?limit=100`)
  await admin.send('POST', `/api/v1/parts/${parts.items[0].id}/links`, { person_id: personId, relation: 'tenant' }, { expectedStatus: 201 })
  await admin.send('POST', `/api/v1/users/${resident.user.id}/roles`, { role: 'resident', scope_node_id: compound.id }, { expectedStatus: 201 })
  return { admin, compound, resident: await apiSession(baseUrl, 'resident') }
}

// One topic's way from proposal to done, a step of the six per test; the tests share the page and
// run in order.
describe('deliberation screens of the console', () => {
  const suite = browserSuite(desktop)
  let admin, compound, resident, page, topicId, voteId

  test('the board shows 德胜新村’s topic for comments, and a new topic is proposed (step 1)', async () => {
    ;({ admin, compound, resident } = await compoundWithOwners(suite.baseUrl))
    page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('议事协商').click()
    await page.getByTestId('deliberation-board').waitFor()

    // The demo board of 德胜新村 shows its topic in the commenting column.
    const demoCompound = await findNodeId(suite.baseUrl, '德胜新村')
    await page.goto(`${suite.baseUrl}/deliberation?compound=${demoCompound}`)
    await page.getByTestId('column-commenting').getByText('夜间停车难，能否在北门空地增设车位').waitFor()
    await checkScreen(page, 'deliberation board', 'deliberation-board')

    // 1 提出议题
    await page.goto(`${suite.baseUrl}/deliberation?compound=${compound.id}`)
    await page.getByTestId('deliberation-board').getByText(`议事协商 · ${compoundName}`).waitFor()
    await page.getByTestId('propose').click()
    const propose = page.getByTestId('propose-form')
    await choose(page, propose, '类别', '停车管理')
    await propose.getByTestId('topic-title').fill(topicTitle)
    await propose.getByTestId('topic-description').fill('电动自行车夜间无处停放，建议在南门外空地增设停车棚并配充电桩。')
    await assertAccessible(page, 'propose drawer')
    await propose.getByTestId('save').click()

    await page.getByTestId('topic-page').waitFor()
    await page.getByTestId('topic-step').getByText('提出议题').waitFor()
    topicId = Number(page.url().split('/').at(-1))
  })

  test('residents comment and a moderator hides one, a round table is minuted, a plan is drafted (steps 2–4)', async () => {
    const step = page.getByTestId('topic-step')
    // 2 广开言路: a resident's comment, and one a moderator hides with a reason.
    await page.getByTestId('advance').getByText('进入下一步：广开言路').click()
    await step.getByText('广开言路').waitFor()
    await resident.send('POST', `/api/v1/topics/${topicId}/comments`, { text: '支持，最好能装上充电插座。' }, { expectedStatus: 201 })
    const spam = await resident.send('POST', `/api/v1/topics/${topicId}/comments`, { text: '出售二手电动车，电话 138……' }, { expectedStatus: 201 })
    await page.reload()
    const comments = page.getByTestId('comments')
    await comments.getByText('支持，最好能装上充电插座。').waitFor()
    await comments.getByTestId(`comment-${spam.id}`).getByTestId('hide-comment').click()
    const hide = page.getByTestId('hide-form')
    await hide.getByTestId('hide-reason').fill('与议题无关的广告')
    await hide.getByTestId('save').click()
    await comments.getByTestId(`comment-${spam.id}`).getByText('该意见已被隐藏：与议题无关的广告').waitFor()
    assert.equal(await comments.getByTestId(`comment-${spam.id}`).getByText('出售二手电动车').count(), 0, 'the hidden text is no longer shown')
    await checkScreen(page, 'topic commenting', 'deliberation-commenting')

    // 3 民主协商: a round table's minutes with the positions heard.
    await page.getByTestId('advance').click()
    await step.getByText('民主协商').waitFor()
    await page.getByTestId('record-meeting').click()
    const meeting = page.getByTestId('meeting-form')
    await meeting.getByTestId('meeting-place').fill('德胜社区党群服务中心')
    await meeting.getByTestId('meeting-attendees').fill('王建国、李秀英、张志强')
    await meeting.getByTestId('attendee-count').locator('input').fill('12')
    await meeting.getByTestId('meeting-minutes').fill('与会居民同意建棚，物业负责日常管理。')
    await meeting.getByTestId('position-1').getByTestId('position-party').fill('物业')
    await meeting.getByTestId('position-1').getByTestId('position-text').fill('可以配合施工，充电桩需单独报装。')
    await assertAccessible(page, 'meeting drawer')
    await meeting.getByTestId('save').click()
    const meetings = page.getByTestId('meetings')
    await meetings.getByText('与会居民同意建棚，物业负责日常管理。').waitFor()
    await meetings.getByText('共 12 人：王建国、李秀英、张志强').waitFor()
    await meetings.getByText('可以配合施工，充电桩需单独报装。').waitFor()

    // 4 拟定方案: a plan version with its exact cost and an attachment.
    await page.getByTestId('advance').getByText('进入下一步：拟定方案').click()
    await step.getByText('拟定方案').waitFor()
    assert.equal(await page.getByTestId('advance').count(), 0, 'voting is entered only by sending a plan to the vote')
    await page.getByTestId('add-plan').click()
    const plan = page.getByTestId('plan-form')
    await plan.getByTestId('plan-title').fill('南门外钢结构停车棚')
    await plan.getByTestId('plan-body').fill('搭建 30 米钢结构车棚，配 20 个充电口。')
    await plan.getByTestId('plan-cost-input').fill('86500.5')
    await plan.getByTestId('add-attachment').click()
    await plan.getByTestId('attachment-1').getByTestId('attachment-name').fill('报价单')
    await plan.getByTestId('attachment-1').getByTestId('attachment-reference').fill('FILE-2026-0031')
    await plan.getByTestId('save').click()
    const version = page.getByTestId('plan-1')
    await version.getByTestId('plan-cost').getByText('86,500.50 元').waitFor()
    await version.getByText('报价单').waitFor()
    await checkScreen(page, 'topic drafting', 'deliberation-drafting')

  })

  test('the plan goes to a vote that opens, and every owner’s ballot is recorded at the meeting (step 5)', async () => {
    const step = page.getByTestId('topic-step')
    // The server's refusal shows on the field it names; then the draft vote is created.
    await page.getByTestId('send-to-vote').click()
    const voteForm = page.getByTestId('vote-form')
    await choose(page, voteForm, '事项类别', /^第 9 项/)
    await voteForm.getByTestId('threshold-rule').getByText('过半数').waitFor()
    await typeDateTime(page, voteForm, '截止时间', Date.now() - 3_600_000)
    await voteForm.getByTestId('save').click()
    await voteForm.locator('.el-form-item').filter({ hasText: '截止时间' }).getByText('截止时间应晚于开始时间').waitFor()
    await assertAccessible(page, 'vote drawer with a field error')
    // The vote closes in an hour; the next test moves its deadline past to count it.
    await typeDateTime(page, voteForm, '截止时间', Date.now() + 3_600_000)
    await voteForm.getByTestId('save').click()
    await step.getByText('居民表决').waitFor()
    const votes = page.getByTestId('votes')
    await votes.getByTestId('vote-running').waitFor()
    await votes.getByTestId('vote-state').getByText('草稿').waitFor()

    await votes.getByTestId('vote-link').click()
    const votePage = page.getByTestId('vote-page')
    await votePage.getByText(topicTitle).first().waitFor()
    await page.getByTestId('open-vote').click()
    await page.locator('.el-message-box').getByRole('button', { name: '开启投票' }).click()
    await votePage.getByTestId('vote-state').getByText('投票中').waitFor()
    voteId = Number(page.url().split('/').at(-1))

    // Every owner's ballot recorded at the meeting by a grid member (a clerk of the community).
    const clerk = await apiSession(suite.baseUrl, 'grid')
    const roll = await admin.get(`/api/v1/votes/${voteId}/roll`)
    assert.equal(roll.voters, rooms.length)
    for (const entry of roll.items) {
      await clerk.send('POST', `/api/v1/votes/${voteId}/meeting-ballots`, { voter_id: entry.owner.id, choices: ['agree'] }, { expectedStatus: 201 })
    }
  })

  test('after its deadline the vote is closed and passes, and the resolution records its ratios (step 6)', async () => {
    const step = page.getByTestId('topic-step')
    const votes = page.getByTestId('votes')
    passDeadline(suite.baseUrl, voteId)
    await page.getByTestId('close-vote').click()
    await page.getByTestId('vote-page').getByTestId('vote-state').getByText('已截止').waitFor()

    // 6 形成决议: from the vote that passed, with its ratios shown.
    await page.goto(`${suite.baseUrl}/deliberation/topics/${topicId}`)
    await votes.getByTestId('vote-outcome').getByText('通过').waitFor()
    assert.equal(await page.getByTestId('return-to-drafting').count(), 0, 'a passed vote cannot go back to drafting')
    await page.getByTestId('resolve').click()
    const resolutionForm = page.getByTestId('resolution-form')
    await resolutionForm.getByTestId('ratio-quorumCount').getByText(`${rooms.length} / ${rooms.length}`).waitFor()
    await resolutionForm.getByTestId('ratio-approvalCount').getByText('100.00%').waitFor()
    await resolutionForm.getByTestId('resolution-summary').fill('同意按第 1 版方案在南门外搭建停车棚，由物业组织施工。')
    await assertAccessible(page, 'resolution drawer')
    await resolutionForm.getByTestId('save').click()
    await step.getByText('形成决议').waitFor()
    const resolution = page.getByTestId('resolution')
    await resolution.getByText('同意按第 1 版方案在南门外搭建停车棚，由物业组织施工。').waitFor()
    await resolution.getByTestId('ratio-quorumArea').getByText('≥ 2/3').waitFor()

  })

  test('the resolution’s action is added and then done, which closes the topic', async () => {
    const step = page.getByTestId('topic-step')
    // The action: added, then done, which closes the topic.
    await page.getByTestId('add-action').click()
    const actionForm = page.getByTestId('action-form')
    await actionForm.getByTestId('action-title').fill('车棚施工及验收')
    await actionForm.getByTestId('action-owner').fill('物业 李经理')
    await typeIntoPicker(page, actionForm, '完成期限', streetToday())
    await actionForm.getByTestId('save').click()
    const actions = page.getByTestId('actions')
    await actions.getByText('车棚施工及验收').waitFor()
    await actions.getByText('物业 李经理').waitFor()
    await actions.getByTestId('actions-progress').getByText('已完成 0 / 1 项').waitFor()
    await checkScreen(page, 'topic resolved', 'deliberation-resolved')

    await actions.getByTestId('mark-done').click()
    const done = page.getByTestId('done-form')
    await done.getByTestId('done-note').fill('车棚已建成，验收合格')
    await done.getByTestId('save').click()
    await step.getByText('已办结').waitFor()
    await actions.getByTestId('actions-progress').getByText('已完成 1 / 1 项').waitFor()
    await actions.getByText('车棚已建成，验收合格').waitFor()
    assert.equal(await actions.getByTestId('mark-done').count(), 0)
    await checkScreen(page, 'topic done', 'deliberation-done')

    await page.getByTestId('topic-page').getByRole('link', { name: '返回议事看板' }).click()
    await page.getByTestId('column-done').getByRole('link', { name: topicTitle }).waitFor()
    const detail = await admin.get(`/api/v1/topics/${topicId}`)
    assert.equal(detail.step, 'done')
    assert.equal(detail.plans[0].cost_fen, 8_650_050)
  })
})

describe('deliberation pages of the resident H5', () => {
  const suite = browserSuite(phone)
  const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

  test('the demo resident reads 德胜新村’s topic open for comments and adds one with the large box', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const topic = (await resident.get('/api/v1/me/topics')).items.find((item) => item.step === 'commenting')
    assert.equal(topic.compound.name, '德胜新村')
    assert.equal(topic.may_comment, true)

    const page = await suite.mobilePage('resident')
    await page.getByTestId('topics-link').click()
    const cell = page.getByTestId(`my-topic-${topic.id}`)
    await cell.getByText('征求意见中').waitFor()
    await checkScreen(page, 'H5 topics', 'deliberation-mobile-topics')

    await cell.click()
    await page.getByTestId('topic-title').getByText(topic.title).waitFor()
    await page.getByTestId('topic-step').getByText('当前阶段：广开言路').waitFor()
    const comments = page.getByTestId('topic-comments')
    await comments.getByText(/该意见已被隐藏：/).waitFor()
    const before = await comments.getByTestId('comment').count()

    const send = page.getByTestId('send-comment')
    const { height } = await send.boundingBox()
    assert.ok(height >= 44, `the send button is a large touch target (${height}px)`)
    await send.click()
    await comments.getByText('请先写下你的意见').waitFor()
    await page.getByTestId('comment-text').locator('textarea').fill('建议车位夜间开放到早上七点。')
    await send.click()
    await comments.getByText('建议车位夜间开放到早上七点。').waitFor()
    assert.equal(await comments.getByTestId('comment').count(), before + 1)
    assert.ok((await pageWidth(page)) <= 360, 'nothing overflows the 360px screen')
    await checkScreen(page, 'H5 topic with comments', 'deliberation-mobile-topic')

    const stored = await resident.get(`/api/v1/topics/${topic.id}/comments`)
    assert.ok(stored.items.some((comment) => comment.text === '建议车位夜间开放到早上七点。'))
  })
})
