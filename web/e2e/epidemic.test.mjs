// Browser tests of epidemic mode (疫情防控): the commissioner declares an observation point on a building of 德胜新村
// in the console, which suspends the credentials of those registered there, opens its page and lifts it after a
// confirmation, which restores them.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen, poppersClosed } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

describe('observation points in the console', () => {
  const suite = browserSuite(desktop)

  test('an observation point is declared on a building and lifted, suspending and restoring its residents’ access', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const [building] = (await admin.get(`/api/v1/org/nodes/${compoundId}/children?limit=1`)).items
    const suspendedBefore = (await admin.get(`/api/v1/stats/access?compound=${compoundId}`)).credentials_suspended

    const page = await suite.consolePage('commissioner', `/epidemic/observations?compound=${compoundId}`)
    await page.getByTestId('epidemic-page').getByText('这个小区没有观察点').waitFor()
    await page.getByTestId('declare').click()
    const form = page.getByTestId('declare-form')
    await form.locator('.el-cascader').click()
    await page.locator('.el-cascader-node').filter({ hasText: building.name }).first().locator('.el-radio').click()
    await poppersClosed(page)
    await form.getByTestId('observation-reason').fill('密切接触者居家隔离医学观察')
    await form.getByRole('button', { name: '保存' }).click()
    await page.getByText(/观察点已设立，暂停门禁凭证 \d+ 张/).waitFor()

    const observationPage = page.getByTestId('observation-page')
    await observationPage.getByTestId('observation-state').getByText('观察中').waitFor()
    await observationPage.getByText('密切接触者居家隔离医学观察').waitFor()
    const suspended = Number(await observationPage.getByTestId('observation-suspended').innerText())
    assert.ok(suspended > 0, 'the building’s residents hold credentials')
    const during = (await admin.get(`/api/v1/stats/access?compound=${compoundId}`)).credentials_suspended
    assert.equal(during, suspendedBefore + suspended)
    await checkScreen(page, 'observation point page', 'epidemic-observation')

    await page.getByTestId('lift').click()
    await page.getByRole('dialog').getByRole('button', { name: '解除观察' }).click()
    await page.getByText('已解除，门禁凭证已恢复').waitFor()
    await observationPage.getByTestId('observation-state').getByText('已解除').waitFor()
    assert.equal((await admin.get(`/api/v1/stats/access?compound=${compoundId}`)).credentials_suspended, suspendedBefore)

    await page.goto(`${suite.baseUrl}/epidemic/observations?compound=${compoundId}`)
    const row = page.getByTestId('observations-table').locator('tbody tr').first()
    await row.getByText(building.name).waitFor()
    await row.getByTestId('observation-state').getByText('已解除').waitFor()
    await checkScreen(page, 'observation points of a compound', 'epidemic-observations')
  })
})
