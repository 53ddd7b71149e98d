// Browser tests of passwords in the console: changing one's own from the user menu in the header (the
// server's refusals shown on their fields), and an administrator's reset from the users screen; each is
// followed by signing in with the new password.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { demoPassword } from './support/server.mjs'
import { assertAccessible, checkScreen, saveScreenshot } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

/** Signs in through the login page with any password; resolves to whether the console opened. */
async function signInWith(page, baseUrl, login, password) {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码').fill(password)
  await page.getByRole('button', { name: '登录' }).click()
  const outcome = await Promise.race([
    page.getByTestId('current-user').waitFor().then(() => 'signed in'),
    page.getByTestId('form-error').waitFor().then(() => 'refused'),
  ])
  return outcome === 'signed in'
}

describe('passwords', () => {
  const suite = browserSuite(desktop)

  test('a director changes their password from the header menu and signs in with it', async () => {
    const page = await suite.consolePage('director')
    await page.getByTestId('current-user').click()
    await page.getByTestId('change-password').click()
    const drawer = page.getByTestId('password-change-form')
    const field = (label) => drawer.locator('.el-form-item').filter({ has: page.getByText(label, { exact: true }) })
    await drawer.getByLabel('当前密码').fill('not-my-password')
    await drawer.getByLabel('新密码', { exact: true }).fill('Kq7-rTz2-vWx9-Lm4p')
    await drawer.getByLabel('再次输入新密码').fill('Kq7-rTz2-vWx9-Lm4p')
    await assertAccessible(page, 'password change drawer')
    await drawer.getByTestId('save').click()
    await field('当前密码').getByText('当前密码不正确').waitFor()
    await drawer.getByLabel('当前密码').fill(demoPassword)
    await drawer.getByLabel('新密码', { exact: true }).fill('the-director-2024')
    await drawer.getByLabel('再次输入新密码').fill('the-director-2024')
    await drawer.getByTestId('save').click()
    await field('新密码').getByText('密码不能包含登录名').waitFor()
    assert.match(await field('新密码').getAttribute('class'), /is-error/)
    await saveScreenshot(page, 'console-password-change-refused')
    await drawer.getByLabel('新密码', { exact: true }).fill('Kq7-rTz2-vWx9-Lm4p')
    await drawer.getByLabel('再次输入新密码').fill('Kq7-rTz2-vWx9-Lm4p')
    await drawer.getByTestId('save').click()
    await page.getByText('密码已修改，其他设备上的登录已退出').waitFor()
    await page.getByTestId('sign-out').click()
    await page.waitForURL(/\/login/)
    assert.equal(await signInWith(page, suite.baseUrl, 'director', demoPassword), false, 'the old password is refused')
    assert.equal(await signInWith(page, suite.baseUrl, 'director', 'Kq7-rTz2-vWx9-Lm4p'), true)
  })

  test('admin resets the grid member’s password from the users screen, who then signs in with it', async () => {
    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('用户与角色').click()
    const row = page.getByTestId('users-table').locator('tr').filter({ has: page.getByText('grid', { exact: true }) })
    await row.getByRole('button', { name: /重置密码/ }).click()
    const drawer = page.getByTestId('password-reset-form')
    await drawer.getByLabel('新密码').fill('password')
    await drawer.getByRole('button', { name: '重置密码' }).click()
    await drawer.getByText('密码太常见').waitFor()
    await drawer.getByLabel('新密码').fill('Zp4-wQe8-nBv3-Tx6k')
    await checkScreen(page, 'password reset drawer', 'console-password-reset')
    await drawer.getByRole('button', { name: '重置密码' }).click()
    await page.getByText(/已重置 .* 的密码/).waitFor()
    const other = await suite.freshPage()
    assert.equal(await signInWith(other, suite.baseUrl, 'grid', 'Zp4-wQe8-nBv3-Tx6k'), true)
  })
})
