// Browser test of the console's 群机器人 screen on 浙政钉: the community secretary switches the group's
// robot to a 浙政钉 custom robot with a signing secret, which is sealed and never shown again, and the
// robot is listed on 浙政钉 after a reload.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession } from './support/api.mjs'
import { assertAccessible, saveScreenshot, signInToConsole } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

describe('group robots on 浙政钉', () => {
  const suite = browserSuite(desktop)

  test('the secretary sets a 浙政钉 robot: the secret is kept sealed, the channel listed after a reload', async () => {
    const secret = 'SECzj0123456789abcdef0123456789'
    const page = await suite.freshPage()
    await signInToConsole(page, suite.baseUrl, 'secretary', '/notifications/robots')
    const form = page.getByTestId('robot-form')
    await page.waitForFunction(() => document.querySelector('[data-testid="robot-url"]')?.value.includes('key=****'))
    await page.getByTestId('robot-channel').getByText('浙政钉', { exact: true }).click()
    await page.getByTestId('robot-url').fill('https://openplatform-pro.ding.zj.gov.cn/robot/send?access_token=zj0123456789wxyz')
    await page.getByTestId('robot-secret').fill(secret)
    await page.getByTestId('robot-enabled').click()
    await page.getByTestId('robot-save').click()
    await page.getByText('群机器人设置已保存').waitFor()
    await page.waitForFunction(() => document.querySelector('[data-testid="robot-url"]')?.value.endsWith('access_token=****wxyz'))
    assert.equal(await page.getByTestId('robot-secret').inputValue(), '****', 'the secret is never shown again')
    await form.getByText('已设置加签密钥').waitFor()

    await page.reload()
    await page.waitForFunction(() => document.querySelector('[data-testid="robot-url"]')?.value.endsWith('access_token=****wxyz'))
    assert.ok(await page.getByRole('radio', { name: '浙政钉' }).isChecked(), 'the robot is listed on 浙政钉')
    assert.equal(await page.getByTestId('robot-secret').inputValue(), '****')
    assert.equal(await page.getByRole('switch', { name: '启用推送' }).getAttribute('aria-checked'), 'true')
    assert.ok(!(await page.content()).includes(secret), 'the secret is nowhere in the page')
    await assertAccessible(page, 'group robots on 浙政钉')
    await saveScreenshot(page, 'notifications-robots-zhengding')

    const secretary = await apiSession(suite.baseUrl, 'secretary')
    const robot = await secretary.get(`/api/v1/notification-webhooks/${secretary.user.roles[0].scope_node_id}`)
    assert.deepEqual([robot.channel, robot.secret, robot.enabled], ['zhengding', '****', true])
    const audit = await apiSession(suite.baseUrl, 'admin').then((admin) => admin.get('/api/v1/audit?action=notifications.webhook.update&limit=5'))
    assert.ok(audit.items.length > 0, 'the change is audited')
    assert.ok(!JSON.stringify(audit.items).includes(secret), 'the audit record holds no secret')
  })
})
