// Browser test of the mediation screens: the demo commissioner of 德胜新村 records a dispute between
// two neighbours with one of the community's gold mediators, records the first session (which starts
// the mediation), marks it agreed with the agreement's text and the time left for its visit, and finds
// it among the agreed disputes.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { apiSession, findNodeId } from './support/api.mjs'
import { assertAccessible, checkScreen, choose, poppersClosed } from './support/browser.mjs'
import { addDays, streetToday } from './support/dates.mjs'
import { browserSuite, desktop } from './support/suite.mjs'

const compoundName = '德胜新村'
const summary = '楼上夜间装修电钻声扰民，楼下住户多次交涉无果'
const agreement = '楼上住户承诺装修仅在工作日 8:00–18:00 施工，超时施工由调解员上门劝止'

describe('mediation screens of the console', () => {
  const suite = browserSuite(desktop)

  test('the commissioner records a dispute, a session and the agreement, and finds it agreed in the list', async () => {
    const compoundId = await findNodeId(suite.baseUrl, compoundName)
    const admin = await apiSession(suite.baseUrl, 'admin')
    const { items: mediators } = await admin.get(`/api/v1/mediators?node=${compoundId}`)
    assert.ok(mediators.length > 0, 'the community has gold mediators')

    const page = await suite.consolePage('commissioner')
    await page.getByTestId('console-menu').getByText('金牌调解').click()
    await page.getByTestId('mediations-page').waitFor()
    await page.getByTestId('mediations-table').waitFor()
    await page.getByTestId('mediation-stats').waitFor()
    await assertAccessible(page, 'mediation list')

    await page.getByTestId('create').click()
    const form = page.getByTestId('create-form')
    await form.getByText(compoundName).waitFor()
    await choose(page, form, '纠纷类别', '邻里噪声')
    await form.getByTestId('create-summary').fill(summary)
    await form.getByTestId('party-name').nth(0).fill('楼下 302 室住户')
    await form.getByTestId('party-name').nth(1).fill('楼上 402 室住户')
    // Masked names may repeat, so the first of the community's mediators is taken by position.
    await form.getByTestId('create-mediator').locator('.el-select__wrapper').click()
    await page.getByRole('option').first().click()
    await poppersClosed(page)
    await checkScreen(page, 'create drawer', 'mediation-create')
    await form.getByTestId('save').click()

    const detail = page.getByTestId('mediation-page')
    await detail.waitFor()
    const state = page.getByTestId('mediation-state')
    await state.getByText('待调解').waitFor()
    await detail.getByText(summary).waitFor()
    await page.getByTestId('parties-table').getByText('楼上 402 室住户').waitFor()

    await page.getByTestId('add-session').click()
    const sessionForm = page.getByTestId('session-form')
    await sessionForm.getByTestId('session-place').fill('德胜社区调解室')
    await sessionForm.getByTestId('session-notes').fill('双方陈述，楼上住户同意调整施工时间')
    await sessionForm.getByTestId('save').click()
    await state.getByText('调解中').waitFor()
    await page.getByTestId('sessions-timeline').getByText('德胜社区调解室').waitFor()

    await page.getByTestId('step-agreed').click()
    const stepForm = page.getByTestId('step-form')
    await stepForm.getByTestId('save').waitFor()
    await stepForm.getByTestId('step-agreement').fill(agreement)
    await stepForm.getByTestId('save').click()
    await state.getByText('已达成协议').waitFor()
    await page.getByTestId('agreement').getByText(agreement).waitFor()
    await page.getByTestId('add-follow-up').waitFor()
    // Every change names who made it: here the signed-in user, as 我.
    await page.getByTestId('mediation-timeline').getByText(/ · 我$/).first().waitFor()
    // Signed today: the visit checking it holds is due in a month, to the end of that day.
    await page.getByTestId('follow-up-due').getByText(`回访期限 ${addDays(streetToday(), 30)}（还剩 30 天）`).waitFor()
    await checkScreen(page, 'agreed dispute', 'mediation-agreed')

    await page.goto(`${suite.baseUrl}/mediations?node=${compoundId}&state=agreed`)
    const table = page.getByTestId('mediations-table')
    await table.getByText(summary).waitFor()
    assert.equal(await table.getByTestId('mediation-state').filter({ hasNotText: '已达成协议' }).count(), 0)
  })
})
