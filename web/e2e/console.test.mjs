// Browser tests of the staff console against the real server with the demo street: sign-in, the org
// navigator and node page, scope refusals, creating a child node, form errors, audit log, users.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { startServer, demoPassword } from './support/server.mjs'
import { findNodeId } from './support/api.mjs'
import { assertAccessible, launchBrowser, saveScreenshot, signInToConsole } from './support/browser.mjs'

describe('console', () => {
  let server
  let browser
  let page
  let context

  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  async function freshPage() {
    await context?.close()
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })
    page = await context.newPage()
    return page
  }

  test('a wrong password shows the server message on the login page', async () => {
    await freshPage()
    await page.goto(`${server.baseUrl}/`)
    await page.waitForURL(/\/login/)
    await assertAccessible(page, 'login')
    await page.getByLabel('账号').fill('admin')
    await page.getByLabel('密码').fill(`${demoPassword}-wrong`)
    await page.getByRole('button', { name: '登录' }).click()
    await page.getByTestId('form-error').getByText('账号或密码错误').waitFor()
    await saveScreenshot(page, 'console-login-error')
  })

  test('admin sees 大关街道 in the navigator and opens 德胜新村 from it', async () => {
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'admin')
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
    await assertAccessible(page, 'org node page')
    await saveScreenshot(page, 'console-node-page')
  })

  test('the language switch turns the console into English and is remembered', async () => {
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'admin')
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
    const communityId = await findNodeId(server.baseUrl, '德胜社区')
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'commissioner')
    const menu = page.getByTestId('console-menu')
    assert.equal(await menu.getByText('审计日志').count(), 0, 'audit is not in the commissioner menu')
    assert.equal(await menu.getByText('用户与角色').count(), 0, 'users is not in the commissioner menu')
    await page.goto(`${server.baseUrl}/org/nodes/${communityId}`)
    const failure = page.locator('[data-state="error"]')
    await failure.getByText('无权查看').waitFor()
    await failure.getByText('没有执行此操作的权限').waitFor()
    await assertAccessible(page, 'org node refusal')
    await saveScreenshot(page, 'console-node-forbidden')
  })

  test('a building created from the compound page appears in its table', async () => {
    const compoundId = await findNodeId(server.baseUrl, '德胜新村')
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'admin')
    await page.goto(`${server.baseUrl}/org/nodes/${compoundId}`)
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

  test('saving a child with an empty name marks the name field', async () => {
    const compoundId = await findNodeId(server.baseUrl, '德胜新村')
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'admin')
    await page.goto(`${server.baseUrl}/org/nodes/${compoundId}`)
    await page.getByTestId('create-child').click()
    const drawer = page.getByTestId('child-form')
    await drawer.getByTestId('save').click()
    const nameItem = drawer.locator('.el-form-item').filter({ hasText: '名称' })
    await nameItem.getByText('请输入名称').waitFor()
    assert.match(await nameItem.getAttribute('class'), /is-error/)
    await saveScreenshot(page, 'console-child-form-error')
  })

  test('a code already in use is marked on the code field with the server message', async () => {
    const compoundId = await findNodeId(server.baseUrl, '德胜新村')
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'admin')
    await page.goto(`${server.baseUrl}/org/nodes/${compoundId}`)
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

  test('supervisor reads session.create in the audit log and can filter by actor', async () => {
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'supervisor')
    await page.getByTestId('console-menu').getByText('审计日志').click()
    const table = page.getByTestId('audit-table')
    await table.getByText('session.create').first().waitFor()
    await page.getByLabel('操作人').fill('supervisor')
    await page.getByRole('button', { name: '查询' }).click()
    await table.getByText('session.create').first().waitFor()
    const actors = await table.locator('tbody tr td:nth-child(3)').allInnerTexts()
    assert.ok(actors.length > 0 && actors.every((actor) => actor.trim() === 'supervisor'), actors.join(','))
    await assertAccessible(page, 'audit log')
    await saveScreenshot(page, 'console-audit')
  })

  test('admin creates an account with a scoped role and ends that role', async () => {
    await freshPage()
    await signInToConsole(page, server.baseUrl, 'admin')
    await page.getByTestId('console-menu').getByText('用户与角色').click()
    const table = page.getByTestId('users-table')
    await table.getByText('commissioner', { exact: true }).waitFor()
    await assertAccessible(page, 'users')
    await page.getByTestId('create-user').click()
    const drawer = page.getByTestId('user-form')
    await drawer.getByLabel('账号').fill('grid2')
    await drawer.getByLabel('姓名').fill('第二网格员')
    await drawer.getByLabel('初始密码').fill('grid2-password')
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
})
