// Browser tests of the staff console against the real server with the demo street: sign-in, the org
// navigator and node page, scope refusals, creating a child node, form errors, audit log, users.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { demoPassword } from './support/server.mjs'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, checkScreen, saveScreenshot, signInThroughConsoleLogin, signInToConsole } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'
import { moveTaskOfItem } from './support/tasks.mjs'

/** The test id of the page each kind of 今日待办 link opens, by the link's path. */
const recordPages = [
  [/^\/cases\/\d+$/, 'case-page'],
  [/^\/cases\?/, 'cases-page'],
  [/^\/covenant\/violations\/\d+$/, 'violation-page'],
  [/^\/deliberation\/topics\/\d+$/, 'topic-page'],
  [/^\/elections\/\d+$/, 'election-page'],
  [/^\/elevators\/projects\/\d+$/, 'elevator-project-page'],
  [/^\/mediations\/\d+$/, 'mediation-page'],
  [/^\/property\/evaluations\?/, 'evaluation-board'],
  [/^\/property\/reviews$/, 'reviews-page'],
  [/^\/votes\/\d+$/, 'vote-page'],
]

/** What shows once the page `link` opens has loaded its record: the page's heading, which waits for it. */
function recordShown(page, link) {
  // The paper forms are printed outside the console's frame, with no page test id: the forms show the vote's voters.
  if (/^\/votes\/\d+\/paper-forms$/.test(link)) return page.getByTestId('paper-form').first()
  const known = recordPages.find(([path]) => path.test(link))
  assert.ok(known, `a record page is known for ${link}`)
  return page.getByTestId(known[1]).getByRole('heading', { level: 1 })
}

describe('console', () => {
  const suite = browserSuite(desktop)

  test('a wrong password shows the server message on the login page', async () => {
    const page = await suite.freshPage()
    await page.goto(`${suite.baseUrl}/`)
    await page.waitForURL(/\/login/)
    await assertAccessible(page, 'login')
    await page.getByLabel('账号').fill('admin')
    await page.getByLabel('密码').fill(`${demoPassword}-wrong`)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByTestId('form-error').getByText('账号或密码错误').waitFor()
    await saveScreenshot(page, 'console-login-error')
  })

  test('admin signs in on the login page, sees 大关街道 in the navigator and opens 德胜新村 from it', async () => {
    const page = await suite.freshPage()
    await signInThroughConsoleLogin(page, suite.baseUrl, 'admin')
    const navigator = page.getByTestId('org-navigator')
    await navigator.getByText('大关街道').click()
    await page.getByTestId('org-node-page').getByRole('heading', { name: /大关街道/ }).waitFor()
    await navigator.getByText('德胜社区').click()
    await page.getByTestId('org-node-page').getByRole('heading', { name: /德胜社区/ }).waitFor()
    await navigator.getByText('德胜新村').click()
    await page.getByTestId('org-node-page').getByRole('heading', { name: /德胜新村/ }).waitFor()
    assert.match(page.url(), /\/org\/nodes\/\d+$/)
    const menu = page.getByTestId('console-menu')
    await menu.getByText('审计日志').waitFor()
    await menu.getByText('用户与角色').waitFor()
    await page.getByTestId('children-table').or(page.getByText('还没有下级节点')).first().waitFor()
    await checkScreen(page, 'org node page', 'console-node-page')
  })

  test('the language switch turns the console into English and is remembered', async () => {
    const page = await suite.consolePage('admin')
    await page.getByTestId('locale-switch').click()
    await page.getByRole('menuitem', { name: 'English' }).click()
    const menu = page.getByTestId('console-menu')
    await menu.getByText('Audit log').waitFor()
    await page.reload()
    await menu.getByText('Users and roles').waitFor()
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en')
    await saveScreenshot(page, 'console-english')
  })

  test('commissioner cannot open 德胜社区: the page shows the refusal in Chinese', async () => {
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const page = await suite.consolePage('commissioner')
    const menu = page.getByTestId('console-menu')
    assert.equal(await menu.getByText('审计日志').count(), 0, 'audit is not in the commissioner menu')
    assert.equal(await menu.getByText('用户与角色').count(), 0, 'users is not in the commissioner menu')
    await page.goto(`${suite.baseUrl}/org/nodes/${communityId}`)
    const failure = page.locator('[data-state="error"]')
    await failure.getByText('无权查看').waitFor()
    await failure.getByText('没有执行此操作的权限').waitFor()
    await checkScreen(page, 'org node refusal', 'console-node-forbidden')
  })

  test('a building created from the compound page appears in its table', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('admin', `/org/nodes/${compoundId}`)
    await page.getByTestId('create-child').click()
    const drawer = page.getByTestId('child-form')
    await drawer.getByLabel('名称').fill('新建一幢')
    await drawer.getByLabel('编码').fill('dsxc-new1')
    await assertAccessible(page, 'create child drawer')
    await drawer.getByTestId('save').click()
    await page.getByText('已新建幢“新建一幢”').waitFor()
    await page.getByTestId('children-table').getByRole('link', { name: '新建一幢' }).waitFor()
    await saveScreenshot(page, 'console-building-created')
  })

  test('saving again after the answer was lost makes one building, not two', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('admin', `/org/nodes/${compoundId}`)
    const keys = []
    // The first save reaches the server and is done there, but its answer never reaches the page.
    await page.route('**/api/v1/org/nodes', async (route) => {
      keys.push(route.request().headers()['idempotency-key'])
      if (keys.length > 1) return route.continue()
      await route.fetch()
      await route.abort('connectionreset')
    })
    await page.getByTestId('create-child').click()
    const drawer = page.getByTestId('child-form')
    await drawer.getByLabel('名称').fill('重试一幢')
    await drawer.getByLabel('编码').fill('dsxc-retry1')
    await drawer.getByTestId('save').click()
    await drawer.getByText('网络连接失败').waitFor()
    await drawer.getByTestId('save').click()
    await page.getByText('已新建幢“重试一幢”').waitFor()
    assert.equal(keys.length, 2)
    assert.match(keys[0], /^[0-9a-f]{32}\.1$/)
    assert.equal(keys[1], keys[0], 'the retry is sent as the same change')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const children = await admin.get(`/api/v1/org/nodes/${compoundId}/children`)
    assert.equal(children.items.filter((child) => child.name === '重试一幢').length, 1)
  })

  test('saving a child with an empty name marks the name field', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('admin', `/org/nodes/${compoundId}`)
    await page.getByTestId('create-child').click()
    const drawer = page.getByTestId('child-form')
    await drawer.getByTestId('save').click()
    const nameItem = drawer.locator('.el-form-item').filter({ hasText: '名称' })
    await nameItem.getByText('请输入名称').waitFor()
    assert.match(await nameItem.getAttribute('class'), /is-error/)
    await saveScreenshot(page, 'console-child-form-error')
  })

  test('a code already in use is marked on the code field with the server message', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('admin', `/org/nodes/${compoundId}`)
    const drawer = page.getByTestId('child-form')
    for (const name of ['22幢', '23幢']) {
      await page.getByTestId('create-child').click()
      await drawer.getByLabel('名称').fill(name)
      await drawer.getByLabel('编码').fill('dsxc-b2')
      await drawer.getByTestId('save').click()
    }
    const codeItem = drawer.locator('.el-form-item').filter({ hasText: '编码' })
    await codeItem.getByText('编码 dsxc-b2 已被使用').waitFor()
    assert.match(await codeItem.getAttribute('class'), /is-error/)
    await saveScreenshot(page, 'console-child-form-conflict')
  })

  test('supervisor reads the audit log by name and filters it by action and by person', async () => {
    const supervisorName = (await apiSession(suite.baseUrl, 'supervisor')).user.display_name
    const page = await suite.consolePage('supervisor')
    await page.getByTestId('console-menu').getByText('审计日志').click()
    const table = page.getByTestId('audit-table')
    await table.getByText('登录', { exact: true }).first().waitFor()
    assert.equal(await table.getByText('session.create').count(), 0, 'actions read as names, not codes')

    await page.getByTestId('audit-action').click()
    await page.keyboard.type('登录')
    await page.getByRole('option', { name: '登录', exact: true }).click()
    await page.getByTestId('audit-actor').click()
    await page.keyboard.type('supervisor')
    await page.getByRole('option', { name: new RegExp(supervisorName) }).click()
    await page.getByRole('button', { name: '查询' }).click()

    const column = (index) => table.locator(`tbody tr td:nth-child(${index})`).allInnerTexts()
    await page.waitForFunction(
      ([name]) => {
        const cells = [...document.querySelectorAll('[data-testid="audit-table"] tbody tr td:nth-child(3)')]
        return cells.length > 0 && cells.every((cell) => cell.textContent.trim() === name)
      },
      [supervisorName],
    )
    assert.ok((await column(4)).every((action) => action.trim() === '登录'))
    const record = table.getByRole('link', { name: `账号“${supervisorName}”` }).first()
    assert.equal(await record.getAttribute('href'), '/users')
    await checkScreen(page, 'audit log', 'console-audit')
  })

  test('the commissioner starts the day from 今日待办 and reaches the unassigned cases in one click', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const report = { item_code: 'stairwell-clutter', compound_id: compoundId, description: '楼道堆放纸箱' }
    await commissioner.send('POST', '/api/v1/cases', report, { expectedStatus: 201 })
    const page = await suite.consolePage('commissioner')
    const today = page.getByTestId('today')
    const group = today.getByRole('link', { name: /^分派服务事项（\d+ 件）$/ })
    await group.waitFor()
    await checkScreen(page, 'today', 'console-today')
    await group.click()
    await page.waitForURL(new RegExp(`/cases\\?node=${compoundId}&tab=unassigned`))
    const tab = page.getByTestId('case-tabs').getByRole('tab', { name: '未分派' })
    assert.equal(await tab.getAttribute('aria-selected'), 'true')
    await page.getByTestId('cases-table').getByText('楼道堆物清理').first().waitFor()
  })

  test('admin creates an account with a scoped role and ends that role', async () => {
    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('用户与角色').click()
    const table = page.getByTestId('users-table')
    await table.getByText('commissioner', { exact: true }).waitFor()
    await assertAccessible(page, 'users')
    await page.getByTestId('create-user').click()
    const drawer = page.getByTestId('user-form')
    await drawer.getByLabel('账号').fill('grid2')
    await drawer.getByLabel('姓名').fill('第二网格员')
    await drawer.getByLabel('初始密码').fill('Kq7-rTz2-vWx9-Lm4p')
    await assertAccessible(page, 'create user drawer')
    const formItem = (label) => drawer.locator('.el-form-item').filter({ has: page.getByText(label, { exact: true }) })
    await formItem('角色').locator('.el-select__wrapper').click()
    await page.getByRole('option', { name: '网格员' }).click()
    await formItem('范围').locator('.el-select__wrapper').click()
    await page.locator('.el-tree-select__popper').getByText('大关街道').click()
    await saveScreenshot(page, 'console-user-form')
    await drawer.getByTestId('save').click()
    await page.getByText('已新建用户 grid2').waitFor()
    const row = table.locator('tr').filter({ hasText: 'grid2' })
    await row.getByText('网格员 · 大关街道').waitFor()
    await row.getByRole('button', { name: /结束角色/ }).click()
    await page.getByRole('dialog').getByRole('button', { name: '结束角色' }).click()
    await page.getByText('已结束角色').waitFor()
    await row.getByText('无角色').waitFor()
    await saveScreenshot(page, 'console-users')
  })

  test('the menu groups what a role may open, counts the day’s work and opens the org tree at the scope', async () => {
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const { items } = await commissioner.get('/api/v1/me/today')
    const caseWork = items.filter((item) => item.link.startsWith('/cases')).reduce((sum, item) => sum + (item.count ?? 1), 0)
    assert.ok(caseWork > 0, 'the demo commissioner has cases to see to')
    const page = await suite.consolePage('commissioner')
    const menu = page.getByTestId('console-menu')
    for (const group of ['org', 'autonomy', 'service']) await menu.getByTestId(`menu-group-${group}`).waitFor()
    assert.equal(await menu.getByText('审计日志').count(), 0, 'entries the role may not open are left out')
    await menu.getByTestId('menu-group-property').getByText('物业概况').waitFor()
    const casesEntry = menu.getByRole('menuitem', { name: /^服务事项/ })
    assert.equal((await casesEntry.getByTestId('menu-count').innerText()).trim(), String(caseWork))
    await checkScreen(page, 'grouped menu', 'console-menu')
    const overdue = items.find((item) => item.kind === 'cases.overdue')
    await casesEntry.click()
    await page.getByTestId('case-tabs').getByRole('tab', { name: `逾期 ${overdue.count}` }).waitFor()
    await menu.getByTestId('menu-group-org').getByText('组织架构').click()
    await page.getByTestId('org-node-page').getByRole('heading', { name: /德胜新村/ }).waitFor()

    // The property company's account may open nothing of 系统: the group is left out.
    const companyMenu = (await suite.consolePage('property')).getByTestId('console-menu')
    await companyMenu.getByTestId('menu-group-property').waitFor()
    assert.equal(await companyMenu.getByTestId('menu-group-system').count(), 0, 'an empty group is left out')
  })

  test('the bell shows the newest unread notifications, each leading to its own record', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const property = await apiSession(suite.baseUrl, 'property')
    // The stairwells' task goes back to the community, so the commissioner's report waits for their own triage.
    const admin = await apiSession(suite.baseUrl, 'admin')
    await moveTaskOfItem(admin, 'stairwell-clutter', 'community', '本测试走社区受理流程')
    const report = { item_code: 'stairwell-clutter', compound_id: compoundId, description: '三单元楼道堆放旧家具' }
    const reported = await commissioner.send('POST', '/api/v1/cases', report, { expectedStatus: 201 })
    await commissioner.send('POST', `/api/v1/cases/${reported.id}/transition`, { to: 'accepted' })
    const assignment = { to: 'assigned', assignee_user_id: property.user.id }
    await commissioner.send('POST', `/api/v1/cases/${reported.id}/transition`, assignment)
    const { unread } = await property.get('/api/v1/me/notifications/unread-count')

    const page = await suite.consolePage('property')
    await page.getByTestId('notification-bell').hover()
    const notice = page.getByTestId('bell-newest').locator(`a[href="/cases/${reported.id}"]`)
    await notice.waitFor()
    await checkScreen(page, 'bell', 'console-bell')
    await notice.click()
    await page.waitForURL(new RegExp(`/cases/${reported.id}$`))
    await page.getByText('三单元楼道堆放旧家具').first().waitFor()
    assert.equal((await property.get('/api/v1/me/notifications/unread-count')).unread, unread - 1, 'followed means read')
  })

  for (const [name, viewport] of [['phone', { width: 360, height: 740 }], ['desktop', { width: 1440, height: 900 }]]) {
    test(`今日待办 reads on a ${name} (${viewport.width}×${viewport.height})`, async () => {
      const page = await suite.consolePage('commissioner', '/', { viewport })
      const today = page.getByTestId('today')
      await today.getByTestId('today-item').first().waitFor()
      const box = await today.boundingBox()
      assert.ok(box.x >= 0 && box.x + box.width <= viewport.width, 'the card fits the width')
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), true, 'no sideways scrolling')
      await checkScreen(page, `today on a ${name}`, `console-today-${name}`)
    })
  }

  test('今日待办 says so when a role has nothing to do today', async () => {
    // A resident's account linked to no person: no home, no ballot, no report of theirs.
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const account = { login: 'idle-resident', display_name: '无待办住户', password: demoPassword, roles: [{ role: 'resident', scope_node_id: compoundId }] }
    await admin.send('POST', '/api/v1/users', account, { expectedStatus: 201 })
    const idle = await apiSession(suite.baseUrl, 'idle-resident')
    assert.deepEqual((await idle.get('/api/v1/me/today')).items, [], 'the new account has no work for today')
    const page = await suite.consolePage('idle-resident')
    await page.getByTestId('today').locator('[data-state="empty"]').getByText('今天没有待办事项').waitFor()
    assert.equal(await page.getByTestId('menu-count').count(), 0, 'nothing is counted in the menu')
    await checkScreen(page, 'today empty', 'console-today-empty')
  })

  test('今日待办 shows the failure with a retry when its request fails, and the work once it answers', async () => {
    const page = await suite.freshPage()
    const failure = { error: { code: 'unavailable', message: '服务暂时不可用，请稍后再试' } }
    await page.route('**/api/v1/me/today', (route) => route.fulfill({ status: 503, json: failure }))
    await signInToConsole(page, suite.baseUrl, 'commissioner')
    const failed = page.getByTestId('today').locator('[data-state="error"]')
    await failed.getByText('服务暂时不可用，请稍后再试').waitFor()
    await checkScreen(page, 'today failed', 'console-today-error')
    await page.unroute('**/api/v1/me/today')
    await failed.getByRole('button', { name: '重试' }).click()
    await page.getByTestId('today').getByTestId('today-item').first().waitFor()
  })

  for (const login of ['secretary', 'property']) {
    test(`the ${login} sees every item of 今日待办 on the start page, each opening its record`, async () => {
      const { items } = await (await apiSession(suite.baseUrl, login)).get('/api/v1/me/today')
      assert.ok(items.length > 0, `the demo ${login} has work for today`)
      const page = await suite.consolePage(login)
      const today = page.getByTestId('today')
      const itemLink = (item) => today.locator(`a[href="${item.link}"]`, { hasText: item.title })
      for (const item of items) await itemLink(item).waitFor()
      assert.equal(await today.getByTestId('today-item').count(), items.length)
      await checkScreen(page, `today of the ${login}`, `console-today-${login}`)
      const oneOfEachKind = items.filter((item, index) => items.findIndex((other) => other.kind === item.kind) === index)
      for (const item of oneOfEachKind) {
        await itemLink(item).click()
        await page.waitForURL((url) => url.pathname + url.search === item.link)
        await recordShown(page, item.link).waitFor()
        assert.equal(await page.locator('[data-state="error"]').count(), 0, `${item.link} opens without an error`)
        await page.goBack()
        await itemLink(item).waitFor()
      }
    })
  }

  test('the audit log says so when nothing matches its filter', async () => {
    const page = await suite.consolePage('supervisor', '/audit')
    await page.getByTestId('audit-table').waitFor()
    await page.locator('input[name="entity"]').fill('case:999999999')
    await page.getByRole('button', { name: '查询' }).click()
    await page.getByTestId('audit-page').locator('[data-state="empty"]').getByText('没有符合条件的记录').waitFor()
    await checkScreen(page, 'audit empty', 'console-audit-empty')
  })

  test('the commissioner finds who lives at 1-1-101 by address, with each one’s compound and homes and the total', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const commissioner = await apiSession(suite.baseUrl, 'commissioner')
    const { items: parts } = await commissioner.get(`/api/v1/org/nodes/${compoundId}/parts?q=1-1-101`)
    assert.equal(parts.length, 1, '德胜新村 has one 1幢 1单元 101')
    const links = await commissioner.get(`/api/v1/parts/${parts[0].id}/links`)
    const names = [...new Set(links.items.map((link) => link.name))]
    assert.ok(names.length > 0, 'someone is linked to 1幢 1单元 101')
    const page = await suite.consolePage('commissioner', '/people')
    const table = page.getByTestId('people-table')
    await table.locator('tbody tr').first().waitFor()
    await page.getByTestId('people-total').getByText(/^共 \d+ 人$/).waitFor()
    // A whole address finds that home only; a building and unit find every home in that unit.
    for (const [typed, home] of [['1-1-101', '1幢 1单元 101\\b'], ['1幢1单元', '1幢 1单元 \\d+']]) {
      await page.getByLabel('姓名、手机号或地址').fill(typed)
      await page.getByRole('button', { name: '查询' }).click()
      await page.waitForFunction((pattern) => {
        const cells = [...document.querySelectorAll('[data-testid="people-table"] tbody tr td:nth-child(3)')]
        return cells.length > 0 && cells.every((cell) => new RegExp(pattern).test(cell.textContent))
      }, home)
      for (const name of names) {
        const row = table.locator('tbody tr').filter({ has: page.getByRole('link', { name, exact: true }) })
        await row.getByText('1幢 1单元 101').first().waitFor()
        await row.getByText('德胜新村').first().waitFor()
      }
    }
    const found = await commissioner.get(`/api/v1/people?node=${compoundId}&q=${encodeURIComponent('1幢1单元')}`)
    await page.getByTestId('people-total').getByText(`共 ${found.total} 人`).waitFor()
    await checkScreen(page, 'people by address', 'console-people-by-address')
  })

  test('the compound page names its community as a link and keeps its code in the details', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('admin', `/org/nodes/${compoundId}`)
    const nodePage = page.getByTestId('org-node-page')
    await nodePage.getByRole('heading', { name: /德胜新村/ }).waitFor()
    const parent = nodePage.getByRole('link', { name: '德胜社区', exact: true })
    await parent.waitFor()
    assert.equal(await nodePage.getByTestId('org-node-code').isVisible(), false, 'the code waits in the details')
    await nodePage.getByTestId('org-node-details').getByText('详细信息').click()
    await nodePage.getByTestId('org-node-code').getByText('desheng-xincun').waitFor({ state: 'visible' })
    await checkScreen(page, 'compound page', 'console-compound-page')
    await parent.click()
    await nodePage.getByRole('heading', { name: /德胜社区/ }).waitFor()

    const commissionerPage = await suite.consolePage('commissioner', `/org/nodes/${compoundId}`)
    await commissionerPage.getByTestId('org-node-parent').getByText('德胜社区').waitFor()
    const parentLinks = commissionerPage.getByTestId('org-node-page').getByRole('link', { name: '德胜社区', exact: true })
    assert.equal(await parentLinks.count(), 0, 'no link where it cannot open')
  })
})
