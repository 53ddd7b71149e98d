// Browser tests of the service-case and notification screens: a resident's 设施 report of a lamp whose task the
// property company holds goes straight to the company's manager (已派单 on the H5, the reason on the console's
// timeline, nobody triaging it); then the loop with the task handed back to the community — the demo
// resident reports a broken street lamp under the plain category 设施 with a photo on the H5; it is accepted
// (another worker first, so the commissioner's own try is refused in the server's words) and the
// commissioner, who sees both deadlines as time left and everyone by name, assigns it to the property
// manager, who starts and resolves it in the console; the resident rates it 5 stars, the commissioner
// verifies and closes it, and the resident sees it 已办结 in 我的报事, newest first with the reports
// waiting for a rating marked. The inbox's overdue tab lists the demo's overdue cases and bulk
// assignment hands one over; the header bell counts the community secretary's unread notifications and
// read-all clears it; the street edits its catalogue and the secretary sets the community's group
// robot; the H5 report page at 360 px.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, checkScreen, choose, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'
import { moveTaskOfItem, taskOfItem } from './support/tasks.mjs'

// A valid 1×1 PNG: the smallest photo a browser will actually draw.
const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const description = '3 幢门口的路灯一直不亮，晚上很黑'

/** Opens the case's console page and takes one step through its drawer (with `fill` for its fields). */
async function consoleStep(page, stepLabel, expectedState, fill = async () => {}) {
  await page.getByTestId(`step-${stepLabel}`).click()
  const form = page.getByTestId('step-form')
  await form.getByTestId('save').waitFor()
  await fill(form)
  await form.getByTestId('save').click()
  await page.getByTestId('case-state').getByText(expectedState, { exact: true }).waitFor()
}

/** Opens the H5 report page from 我的 and fills it in: the plain category 设施, and `text` as its description. */
async function fillReport(page, baseUrl, text = description) {
  await signInToMobile(page, baseUrl, 'resident')
  await page.getByTestId('case-report-link').click()
  const form = page.getByTestId('case-report-form')
  await form.waitFor()
  await form.getByText('德胜新村').waitFor()
  await page.getByTestId('report-category').getByRole('radio', { name: '设施' }).click()
  await page.getByTestId('report-description').locator('textarea').fill(text)
  return form
}

describe('service cases and notifications', () => {
  const suite = browserSuite(desktop)

  // A resident's report with a photo goes from the H5 through the console to 已办结 with a 5-star
  // rating, one person's part per test; the tests run in order.
  let property, admin, caseId

  test('a 设施 report of a task the property company holds goes straight to its manager, the commissioner doing nothing', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const property = await apiSession(suite.baseUrl, 'property')
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    assert.equal((await taskOfItem(admin, 'street-lamp')).holder, 'property', 'the demo company holds the street lamps’ task')
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const { contract } = await admin.get(`/api/v1/property/compounds/${compoundId}/contract`)
    const reason = `该事项由物业承接：${contract.company.name}`

    const phonePage = await suite.freshPage(phone)
    await fillReport(phonePage, suite.baseUrl, '5 幢北面的路灯忽明忽暗')
    await phonePage.getByTestId('report-submit').click()
    await phonePage.waitForURL(/\/m\/cases\/\d+$/)
    const routedId = Number(new URL(phonePage.url()).pathname.split('/').pop())
    await phonePage.getByTestId('my-case-state').getByText('已派单').waitFor()
    await phonePage.getByTestId('my-case-meaning').getByText('已派单：已交给负责的人员处理').waitFor()

    // Accepted and assigned at once by the system, for the reason given, to the company's manager serving the compound.
    const routed = await admin.get(`/api/v1/cases/${routedId}`)
    assert.equal(routed.item.code, 'street-lamp')
    assert.equal(routed.assignee_user_id, property.user.id)
    assert.deepEqual(
      routed.events.slice(1).map((event) => [event.from, event.to, event.user_id, event.note]),
      [
        ['reported', 'accepted', null, reason],
        ['accepted', 'assigned', null, reason],
      ],
    )
    assert.ok(!routed.events.some((event) => event.user_id === commissioner.user.id), 'the commissioner took no step')
    const unassigned = (await commissioner.get(`/api/v1/cases?node=${compoundId}&unassigned=1&limit=200`)).items
    assert.ok(!unassigned.some((record) => record.id === routedId), 'nor has it waiting for triage')

    // The manager finds it in 今日待办 and reads on its timeline why it came to them.
    const page = await suite.consolePage('property')
    await page.getByTestId('today').locator(`a[href="/cases/${routedId}"]`, { hasText: '办理：路灯损坏维修' }).click()
    await page.getByTestId('case-page').waitFor()
    await page.getByTestId('case-state').getByText('已派单', { exact: true }).waitFor()
    const timeline = page.getByTestId('case-timeline')
    await timeline.getByText(reason).first().waitFor()
    assert.equal(await timeline.getByText(reason).count(), 2, 'both steps say why')
    for (const step of ['待受理 → 已受理', '已受理 → 已派单']) {
      await timeline.getByTestId('event-transition').filter({ hasText: step }).getByText(/ · 系统$/).waitFor()
    }
  })

  test('a resident reports a broken lamp with a photo on the H5; a file that is not a photo is refused before it is sent', async () => {
    property = await apiSession(suite.baseUrl, 'property')
    admin = await apiSession(suite.baseUrl, 'admin')
    // The street lamps' task goes back to the community, so this report waits for its triage.
    await moveTaskOfItem(admin, 'street-lamp', 'community', '本测试走社区受理流程')
    const page = await suite.freshPage(phone)
    const form = await fillReport(page, suite.baseUrl)
    const photoInput = page.getByTestId('report-photos').locator('input[type="file"]')
    await photoInput.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not a photo') })
    await page.getByTestId('photo-error').getByText('notes.txt 不是 JPEG、PNG 或 WebP 照片').waitFor()
    await photoInput.setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: onePixelPng })
    await form.locator('.van-uploader__preview').waitFor()
    await page.getByTestId('photo-error').waitFor({ state: 'detached' })
    await page.waitForFunction(() => !document.querySelector('.van-uploader__mask'))
    await page.getByTestId('report-submit').click()
    await page.waitForURL(/\/m\/cases\/\d+$/)
    caseId = Number(new URL(page.url()).pathname.split('/').pop())
    await page.getByTestId('my-case-state').getByText('待受理').waitFor()
    await page.getByTestId('my-case-photos').locator('img').waitFor()
    const reported = await admin.get(`/api/v1/cases/${caseId}`)
    assert.equal(reported.item.code, 'street-lamp', 'the category stands for its default item')
    assert.deepEqual(reported.resident_category, { code: 'facilities', name: '设施' })
    await page.getByTestId('my-case-category').getByText('你选择的类别：设施').waitFor()
    await page.getByTestId('my-case-meaning').getByText('待受理：社区已收到你的报事，正在核实').waitFor()
    assert.equal(reported.channel, 'resident_h5')
    assert.equal(reported.photos.length, 1)
    assert.equal(reported.description, description)
  })

  test('the commissioner sees the photo, is refused a step someone else took, and assigns the case to the property manager', async () => {
    const page = await suite.consolePage('commissioner')
    await page.getByTestId('console-menu').getByText('服务事项').click()
    await page.getByTestId('cases-page').waitFor()
    await page.getByTestId('case-tabs').getByText('未分派').click()
    await page.getByTestId('cases-table').getByRole('link', { name: `事项 #${caseId}` }).click()
    await page.getByTestId('case-page').waitFor()
    await page.getByTestId('case-description').getByText(description).waitFor()
    const served = page.getByTestId('case-photos').locator('img')
    await served.waitFor()
    await page.waitForFunction((image) => image.complete && image.naturalWidth === 1, await served.elementHandle())
    await page.getByTestId('escalation-level').getByText('未逾期上报').waitFor()
    // Someone else accepts it first: this page's step is refused (409) in the server's words.
    await admin.send('POST', `/api/v1/cases/${caseId}/transition`, { to: 'accepted' })
    await page.getByTestId('step-accepted').click()
    const stale = page.getByTestId('step-form')
    await stale.getByTestId('save').click()
    await stale.getByText('案件当前状态为 accepted，不能转为 accepted').waitFor()
    await page.reload()
    await page.getByTestId('case-state').getByText('已受理', { exact: true }).waitFor()
    await consoleStep(page, 'assigned', '已派单', async (drawer) => {
      await choose(page, drawer, '承办人', /^物业项目经理（演示）/)
      await drawer.getByTestId('step-note').fill('请物业今日内更换灯泡')
    })
    await page.getByTestId('case-timeline').getByText('请物业今日内更换灯泡').waitFor()
    // Both deadlines, the fix's as its due day and the time left; nobody by account number.
    await page.getByTestId('response-due').waitFor()
    const resolveDue = await admin.get(`/api/v1/cases/${caseId}`)
    await page.getByTestId('resolve-due').getByText(`${resolveDue.resolve_due_on} 当日内`).waitFor()
    await page.getByTestId('resolve-due-left').getByText(/^还剩 \d+ (天|小时)$/).waitFor()
    await page.getByTestId('case-assignee').getByText('物业项目经理（演示）（物业项目经理）').waitFor()
    await page.getByTestId('case-timeline').getByText('街道管理员（演示）（街道管理员）').waitFor()
    await page.getByTestId('case-timeline').getByText(/（居民）$/).waitFor()
    assert.equal(await page.getByTestId('case-page').getByText(/账号 #/).count(), 0)
    await page.getByTestId('resident-category').getByText('设施').waitFor()
    await checkScreen(page, 'case page', 'cases-case')
  })

  test('the property manager starts and resolves the case, and may not verify their own work', async () => {
    const page = await suite.consolePage('property', `/cases/${caseId}`)
    await page.getByTestId('case-page').waitFor()
    await consoleStep(page, 'in_progress', '办理中')
    await consoleStep(page, 'resolved', '已解决', (drawer) => drawer.getByTestId('step-note').fill('已更换灯泡，恢复照明'))
    assert.equal(await page.getByTestId('step-verified').count(), 0, 'the property does not verify its own work')
    await property.send('POST', `/api/v1/cases/${caseId}/transition`, { to: 'verified' }, { expectedStatus: 403 })
  })

  test('the resident rates the resolved case 5 stars on the H5', async () => {
    const page = await suite.mobilePage('resident', phone)
    // 我的报事 marks the fix waiting for the resident's rating.
    await page.goto(`${suite.baseUrl}/m/cases`)
    await page.getByTestId(`my-case-${caseId}`).getByTestId('awaiting-rating').getByText('待评价').waitFor()
    await page.getByTestId(`my-case-${caseId}`).click()
    await page.getByTestId('my-case-state').getByText('已解决').waitFor()
    const rate = page.getByTestId('my-case-rate')
    await rate.getByText('第一次评价为 1 或 2 星时，事项会重新交回办理').waitFor()
    await page.getByTestId('rate-score').getByRole('radio').nth(4).click()
    await page.getByTestId('rate-comment').locator('textarea').fill('修得很快，谢谢')
    await page.getByTestId('rate-submit').click()
    await page.getByTestId('my-case-ratings').getByText('5 分').waitFor()
    await rate.waitFor({ state: 'detached' })
  })

  test('the commissioner reads the rating, verifies and closes the case', async () => {
    const page = await suite.consolePage('commissioner', `/cases/${caseId}`)
    await page.getByTestId('case-ratings').getByText('修得很快，谢谢').waitFor()
    await consoleStep(page, 'verified', '已验收')
    await consoleStep(page, 'closed', '已办结')
    const closed = await admin.get(`/api/v1/cases/${caseId}`)
    assert.equal(closed.state, 'closed')
    assert.deepEqual(closed.ratings.map((rating) => rating.score), [5])
  })

  test('the resident finds the case 已办结 in 我的报事, newest first with those awaiting a rating marked, and on its page', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const mine = (await resident.get('/api/v1/me/cases?limit=200')).items
    const page = await suite.mobilePage('resident', phone)
    await page.getByTestId('my-cases-link').click()
    await page.getByTestId(`my-case-${caseId}`).getByText('已办结', { exact: true }).waitFor()
    await page.getByTestId(`my-case-${caseId}`).getByText(/已办结：这件事已经办完$/).waitFor()
    const shown = await page.getByTestId('my-cases').locator('[data-testid^="my-case-"]').evaluateAll((rows) => rows.map((row) => row.dataset.testid))
    const byDate = [...mine].sort((a, b) => b.reported_at.localeCompare(a.reported_at) || b.id - a.id).map((record) => `my-case-${record.id}`)
    assert.deepEqual(shown, byDate, 'by the day reported, newest first')
    const awaiting = mine.filter((record) => record.awaiting_rating)
    assert.equal(await page.getByTestId('awaiting-rating').count(), awaiting.length)
    for (const record of awaiting) await page.getByTestId(`my-case-${record.id}`).getByTestId('awaiting-rating').waitFor()
    await checkScreen(page, 'H5 my cases', 'cases-mobile-mine')
    await page.getByTestId(`my-case-${caseId}`).click()
    await page.getByTestId('my-case-state').getByText('已办结').waitFor()
    await page.getByTestId('my-case-timeline').getByText('已验收 → 已办结').waitFor()
    await checkScreen(page, 'H5 my case', 'cases-mobile-case')
  })

  test('the overdue tab lists the demo’s overdue cases and bulk assignment hands one over', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const property = await apiSession(suite.baseUrl, 'property')
    const overdue = (await commissioner.get(`/api/v1/cases?node=${compoundId}&overdue=1`)).items
    assert.ok(overdue.length >= 2, 'the demo has overdue cases in 德胜新村')
    const handOver = overdue.find((record) => ['assigned', 'in_progress', 'accepted', 'transferred'].includes(record.state))
    assert.ok(handOver, 'an overdue case that can be assigned')

    const page = await suite.consolePage('commissioner', `/cases?node=${compoundId}&tab=overdue`)
    const table = page.getByTestId('cases-table')
    for (const record of overdue) {
      await table.getByRole('link', { name: `事项 #${record.id}`, exact: true }).waitFor()
    }
    assert.equal(await table.locator('tbody tr').count(), overdue.length)
    assert.equal(await table.getByTestId('overdue').count(), overdue.length)
    await table.getByText('小区专员').first().waitFor()
    await checkScreen(page, 'cases overdue tab', 'cases-overdue')

    const row = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: `事项 #${handOver.id}`, exact: true }) })
    await row.locator('.el-checkbox').click()
    await page.getByTestId('bulk-assign').getByText('批量分派（1）').waitFor()
    await page.getByTestId('bulk-assign').click()
    const drawer = page.getByTestId('assign-form')
    await drawer.getByText(`#${handOver.id}`).waitFor()
    await drawer.getByTestId('save').click()
    await drawer.getByText('请指定承办人').waitFor()
    await choose(page, drawer, '承办人', /^物业项目经理（演示）/)
    await assertAccessible(page, 'bulk assign drawer')
    await drawer.getByTestId('save').click()
    await page.getByText('已分派 1 件事项').waitFor()
    const after = await commissioner.get(`/api/v1/cases/${handOver.id}`)
    assert.equal(after.assignee_user_id, property.user.id)
    assert.equal(after.state, handOver.state === 'accepted' || handOver.state === 'transferred' ? 'assigned' : 'transferred')
  })

  test('the bell counts the secretary’s unread notifications and read-all clears them', async () => {
    const secretary = await apiSession(suite.baseUrl, 'secretary')
    const { unread } = await secretary.get('/api/v1/me/notifications/unread-count')
    assert.ok(unread > 0, 'the demo gives the secretary unread notifications')

    const page = await suite.consolePage('secretary')
    const bell = page.getByTestId('notification-bell')
    await bell.getByText(String(unread), { exact: true }).waitFor()
    assert.equal(await bell.getAttribute('aria-label'), `通知，${unread} 条未读`)
    await bell.click()
    const list = page.getByTestId('notifications-list')
    await list.getByText(/^逾期上报：/).first().waitFor()
    await checkScreen(page, 'notifications', 'notifications')
    await page.getByTestId('read-all').click()
    await page.getByText(`已将 ${unread} 条通知标为已读`).waitFor()
    await bell.locator('.el-badge__content').waitFor({ state: 'hidden' })
    assert.equal(await bell.getAttribute('aria-label'), '通知')
    assert.equal((await secretary.get('/api/v1/me/notifications/unread-count')).unread, 0)
    // The notification leads to its subject.
    await list.getByRole('button', { name: '查看' }).first().click()
    await page.getByTestId('cases-page').waitFor()
  })

  test('the street edits its catalogue: a deadline changed, an item switched off', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('事项目录').click()
    const table = page.getByTestId('catalogue-table')
    await table.getByText('楼道堆物清理').waitFor()
    await page.getByTestId('edit-street-lamp').click()
    const drawer = page.getByTestId('item-form')
    assert.equal(await drawer.getByTestId('item-code').isDisabled(), true, 'the code is fixed')
    await drawer.getByTestId('item-days').locator('input').fill('4')
    await assertAccessible(page, 'catalogue item drawer')
    await drawer.getByTestId('save').click()
    await page.getByText('已保存路灯损坏维修').waitFor()
    await table.getByText('24 小时响应 / 4 天办结').first().waitFor()
    await page.getByTestId('active-illegal-structure').click()
    await page.getByText('已停用违章搭建巡查').waitFor()
    const catalogue = (await admin.get(`/api/v1/case-items?street=${admin.user.roles[0].scope_node_id}&all=1`)).items
    assert.equal(catalogue.find((item) => item.code === 'street-lamp').resolution_days, 4)
    assert.equal(catalogue.find((item) => item.code === 'illegal-structure').active, false)
    await checkScreen(page, 'catalogue', 'cases-catalogue')
  })

  test('the community secretary sets the group robot: a URL that is not WeCom’s is refused, then it is saved masked', async () => {
    const page = await suite.consolePage('secretary')
    await page.getByTestId('console-menu').getByText('群机器人').click()
    const url = page.getByTestId('robot-url')
    await page.waitForFunction(() => document.querySelector('[data-testid="robot-url"]')?.value.includes('key=****'))
    const enabled = page.getByRole('switch', { name: '启用推送' })
    assert.equal(await enabled.getAttribute('aria-checked'), 'false', 'the demo robot is switched off')
    await url.fill('http://example.com/hook')
    await page.getByTestId('robot-save').click()
    await page.getByTestId('robot-form').locator('.el-form-item__error').waitFor()
    await url.fill('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abcdefgh-1234-5678-wxyz')
    await page.getByTestId('robot-enabled').click()
    assert.equal(await enabled.getAttribute('aria-checked'), 'true')
    await page.getByTestId('robot-save').click()
    await page.getByText('群机器人设置已保存').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-testid="robot-url"]')?.value.endsWith('key=****wxyz'))
    await page.getByTestId('deliveries-table').or(page.getByText('没有推送记录')).first().waitFor()
    await checkScreen(page, 'group robots', 'notifications-robots')
    // On DingTalk the robot signs with a secret, which is stored and never shown again.
    await page.getByTestId('robot-channel').getByText('钉钉', { exact: true }).click()
    await url.fill('https://oapi.dingtalk.com/robot/send?access_token=0123456789abcdef')
    await page.getByTestId('robot-secret').fill('SEC0123456789abcdef0123456789')
    await page.getByTestId('robot-save').click()
    await page.waitForFunction(() => document.querySelector('[data-testid="robot-url"]')?.value.endsWith('access_token=****cdef'))
    assert.equal(await page.getByTestId('robot-secret').inputValue(), '****')
    const secretary = await apiSession(suite.baseUrl, 'secretary')
    const robot = await secretary.get(`/api/v1/notification-webhooks/${secretary.user.roles[0].scope_node_id}`)
    assert.deepEqual([robot.channel, robot.secret], ['dingtalk', '****'])
    await assertAccessible(page, 'group robots on DingTalk')
  })

  test('the H5 report page fits 360 px and passes the accessibility checks', async () => {
    const page = await suite.freshPage(phone)
    await fillReport(page, suite.baseUrl)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 360, `nothing overflows the 360px screen (page is ${width}px wide)`)
    await checkScreen(page, 'H5 report page', 'cases-mobile-report')
    // The street's plain categories, not its 57 items; 其他 always among them.
    const categories = page.getByTestId('report-category').getByRole('radio')
    assert.equal(await categories.count(), 10)
    await page.getByTestId('report-category').getByRole('radio', { name: '其他' }).waitFor()
  })
})
