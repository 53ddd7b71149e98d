// Browser tests of the console's governance screens against the demo street: the compound page
// (chain, party organisation, all parts in a virtualised table), scope refusals, the overview with its
// charts, people search with masking and unmasking, and commissioners (list with masked phones and start
// days, end from the row menu with confirmation, assign).
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, checkScreen, poppersClosed, saveScreenshot } from './support/browser.mjs'
import { addCompoundWithParts } from './support/fixtures.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

describe('console governance screens', () => {
  const suite = browserSuite(desktop)

  test('the compound page of 德胜新村 shows its chain, party form and all its parts', async () => {
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const page = await suite.consolePage('admin', `/org/nodes/${compoundId}`)
    const chain = page.getByTestId('chain-card')
    await chain.getByText('责任链完整').waitFor()
    for (const position of ['社区书记', '三方办主任', '小区专员']) await chain.getByText(position, { exact: true }).waitFor()
    assert.equal(await chain.locator('.chain-card__link--vacant').count(), 0)
    await page.getByTestId('party-form').getByText('社区党委直管').waitFor()
    await page.getByTestId('parts-count').getByText(/共 890 户/).waitFor()
    await page.getByTestId('parts-table').getByText('101').first().waitFor()
    await checkScreen(page, 'compound page', 'console-compound')

    await page.getByTestId('parts-table').getByRole('button', { name: '查看住户' }).first().click()
    const links = page.getByTestId('part-links')
    await links.getByText('业主').first().waitFor()
    assert.match(await links.getByRole('link').first().innerText(), /\*/)
    await checkScreen(page, 'part residents drawer', 'console-part-links')
  })

  test('commissioner of 德胜新村 sees its chain but not a compound of another community', async () => {
    const ownId = await findNodeId(suite.baseUrl, '德胜新村')
    const otherId = await findNodeId(suite.baseUrl, '翠玉苑')
    const page = await suite.consolePage('commissioner', `/org/nodes/${ownId}`)
    await page.getByTestId('chain-card').getByText('责任链完整').waitFor()
    await page.goto(`${suite.baseUrl}/org/nodes/${otherId}`)
    const failure = page.locator('[data-state="error"]')
    await failure.getByText('无权查看').waitFor()
    assert.equal(await page.getByTestId('chain-card').count(), 0)
    assert.equal(await page.getByTestId('parts-card').count(), 0)
    await checkScreen(page, 'compound refusal', 'console-compound-forbidden')
  })

  test('the overview shows the street figures, three charts and full chain coverage', async () => {
    const page = await suite.consolePage('admin')
    const overview = page.getByTestId('overview')
    await overview.waitFor()
    assert.equal(await page.getByTestId('figure-communities').innerText(), '8')
    assert.equal(await page.getByTestId('figure-compounds').innerText(), '30')
    assert.equal(await page.getByTestId('figure-commissioners').innerText(), '29')
    for (const chart of ['party-forms', 'backgrounds', 'coverage']) {
      await page.getByTestId(`chart-${chart}`).locator('canvas').waitFor()
    }
    await page.getByTestId('coverage-gaps').getByText('所有小区的责任链都完整').waitFor()
    await checkScreen(page, 'overview', 'console-overview')
  })

  test('people search shows masked data; admin unmasks one person with a reason', async () => {
    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('人员查询').click()
    const table = page.getByTestId('people-table')
    await table.locator('tbody tr').first().waitFor()
    const phones = await table.locator('tbody tr td:nth-child(4)').allInnerTexts()
    assert.ok(phones.length > 0 && phones.every((phone) => /^1\d{2}\*{4}\d{4}$/.test(phone.trim())), phones.join(','))
    await assertAccessible(page, 'people search')

    await page.getByLabel('姓名、手机号或地址').fill('张'.repeat(51))
    await page.getByRole('button', { name: '查询' }).click()
    const queryItem = page.locator('.el-form-item').filter({ hasText: '姓名、手机号或地址' })
    await queryItem.locator('.el-form-item__error').waitFor()
    await saveScreenshot(page, 'console-people')

    await page.getByLabel('姓名、手机号或地址').fill('')
    await page.getByRole('button', { name: '查询' }).click()
    await table.getByRole('link').first().click()
    const person = page.getByTestId('person-page')
    await person.waitFor()
    assert.match(await page.getByTestId('person-phone').innerText(), /\*{4}/)
    await page.getByTestId('unmask').click()
    const drawer = page.getByTestId('unmask-form')
    await drawer.getByTestId('save').click()
    await drawer.getByText('请填写 5 至 200 个字的理由').waitFor()
    await drawer.getByLabel('查看理由').fill('核实业主大会选民资格')
    await assertAccessible(page, 'unmask drawer')
    await drawer.getByTestId('save').click()
    await page.getByTestId('unmasked').waitFor()
    assert.match(await page.getByTestId('person-phone').innerText(), /^1\d{10}$/)
    await checkScreen(page, 'person page', 'console-person-unmasked')
  })

  test('a commissioner sees people masked and has no 显示完整 button', async () => {
    const page = await suite.consolePage('commissioner')
    await page.getByTestId('console-menu').getByText('人员查询').click()
    await page.getByTestId('people-table').getByRole('link').first().click()
    await page.getByTestId('person-page').waitFor()
    assert.equal(await page.getByTestId('unmask').count(), 0)
    assert.match(await page.getByTestId('person-phone').innerText(), /\*{4}/)
  })

  test('admin ends 德胜新村’s commissioner, sees the gap, and assigns them again', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const compoundId = await findNodeId(suite.baseUrl, '德胜新村')
    const chain = await admin.get(`/api/v1/org/nodes/${compoundId}/chain`)
    const commissioner = chain.links.find((link) => link.position === 'commissioner').person
    // Names are found only in full, so the test reads this one the way a secretary would.
    const { name: fullName } = await admin.send('POST', `/api/v1/people/${commissioner.id}/unmask`, {
      reason: '浏览器测试任命专员',
    })

    const page = await suite.consolePage('admin')
    await page.getByTestId('console-menu').getByText('小区专员').click()
    const table = page.getByTestId('commissioners-table')
    const row = table.locator('tr').filter({ hasText: '德胜新村' })
    await row.getByText(commissioner.name).waitFor()
    await page.getByTestId('coverage').getByText('30 / 30 个小区责任链完整').waitFor()
    assert.match(await row.locator('td').nth(1).innerText(), /^1\d{2}\*{4}\d{4}$/, 'the phone, masked')
    assert.match(await row.getByTestId('since').first().innerText(), /^\d{4}-\d{2}-\d{2}$/, 'the start as a day')
    assert.equal(await row.getByRole('button', { name: '结束任职' }).count(), 0, 'ending is kept in the row menu')
    await checkScreen(page, 'commissioners', 'console-commissioners')

    await row.getByRole('button', { name: `${commissioner.name} 的更多操作` }).click()
    await page.getByRole('menuitem', { name: '结束在“德胜新村”的任职' }).click()
    const confirm = page.getByRole('dialog')
    await confirm.getByText(`结束 ${commissioner.name} 在“德胜新村”的小区专员任职？`).waitFor()
    await checkScreen(page, 'end commissioner confirmation', 'console-commissioner-end-confirm')
    await confirm.getByRole('button', { name: '结束任职' }).click()
    await page.getByText('已结束任职').waitFor()
    const coverage = page.getByTestId('coverage')
    await coverage.getByText('29 / 30 个小区责任链完整').waitFor()
    await coverage.getByText('小区专员空缺').waitFor()

    await page.getByTestId('assign').click()
    const drawer = page.getByTestId('assign-form')
    await drawer.getByTestId('save').click()
    await drawer.getByText('请选择人员').waitFor()
    const personItem = drawer.locator('.el-form-item').filter({ has: page.getByText('专员', { exact: true }) })
    await personItem.locator('input').fill(fullName)
    await page.getByRole('option', { name: commissioner.name }).first().click()
    const compoundItem = drawer.locator('.el-form-item').filter({ has: page.getByText('小区', { exact: true }) })
    await compoundItem.locator('.el-select__wrapper').click()
    const tree = page.locator('.el-tree-select__popper:visible')
    await tree.locator('.el-tree-node__content').filter({ hasText: '大关街道' }).locator('.el-tree-node__expand-icon').click()
    await tree.locator('.el-tree-node__content').filter({ hasText: '德胜社区' }).locator('.el-tree-node__expand-icon').click()
    await tree.getByText('德胜新村', { exact: true }).click()
    await poppersClosed(page)
    await checkScreen(page, 'assign commissioner drawer', 'console-assign-commissioner')
    await drawer.getByTestId('save').click()
    await page.getByText(`已任命 ${commissioner.name} 为“德胜新村”的小区专员`).waitFor()
    await coverage.getByText('30 / 30 个小区责任链完整').waitFor()
  })

  // Last: the compound it adds would change the street's figures the tests above check.
  // How fast it becomes interactive is measured by bench/web.sh, not asserted here.
  test('a compound page with 2,000 parts lists them all and filters by room', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const communityId = await findNodeId(suite.baseUrl, '德胜社区')
    await addCompoundWithParts(admin, communityId, '两千户测试小区', { buildings: 2, units: 5, floors: 20, roomsPerFloor: 10 })
    const page = await suite.consolePage('admin')
    const navigator = page.getByTestId('org-navigator')
    await navigator.getByText('大关街道').click()
    await navigator.getByText('德胜社区').click()
    await page.getByTestId('org-node-page').getByRole('heading', { name: /德胜社区/ }).waitFor()
    await navigator.getByText('两千户测试小区').click()
    await page.getByTestId('parts-count').getByText(/共 2000 户/).waitFor()
    await page.getByTestId('parts-table').getByText('P1幢').first().waitFor()
    await page.getByLabel('房号').fill('2010')
    await page.getByTestId('parts-count').getByText(/显示 10 \/ 共 2000 户/).waitFor()
    await saveScreenshot(page, 'console-compound-2000-parts')
  })
})
