// Browser test of the map of the street's compounds: drawn offline from the outlines kept in the
// registry, its figure picked, the same figures in a table, and a compound opened from it; the months'
// property scores shown as the server counts them.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { checkScreen } from './support/browser.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

describe('compound map', () => {
  const suite = browserSuite(desktop)

  test('the map draws 德胜社区 from its outlines, switches its figure, and opens 德胜新村 from the table', async () => {
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const page = await suite.consolePage('admin', `/map?node=${communityId}&figure=open_cases`)
    const chart = page.getByTestId('map-chart')
    await chart.locator('canvas').waitFor()
    assert.equal(await chart.getAttribute('data-regions'), '4', 'the four compounds of 德胜社区 are drawn')
    const table = page.getByTestId('map-table')
    await table.getByRole('link', { name: '德胜新村', exact: true }).waitFor()
    await table.getByText('未办结服务事项').waitFor()
    await checkScreen(page, 'compound map', 'console-compound-map')

    await page.getByTestId('map-figure').locator('.el-select__wrapper').click()
    await page.getByRole('option', { name: '最近表决参与率' }).click()
    await page.waitForURL(/figure=turnout/)
    await table.getByText('最近表决参与率').waitFor()

    await table.getByRole('link', { name: '德胜新村', exact: true }).click()
    await page.getByTestId('org-node-page').getByRole('heading', { name: /德胜新村/ }).waitFor()
  })

  test('the property score figure shows each compound the score of its contract’s newest closed month, as the API counts it', async () => {
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    const admin = await apiSession(suite.baseUrl, 'admin')
    const map = await admin.get(`/api/v1/map?node=${communityId}&figure=property_score`)
    const compounds = [...map.items, ...map.without_outline]
    assert.ok(compounds.some((compound) => compound.value !== null), 'the pilot’s closed months are scored')

    const page = await suite.consolePage('admin', `/map?node=${communityId}&figure=property_score`)
    const table = page.getByTestId('map-table')
    await table.getByText('物业月度考评最近得分').waitFor()
    for (const compound of compounds) {
      const row = table.locator('tbody tr').filter({ has: page.getByRole('link', { name: compound.name, exact: true }) })
      const shown = compound.value === null ? '暂无' : String(compound.value)
      assert.equal((await row.locator('td').nth(1).innerText()).trim(), shown, compound.name)
    }
  })
})
