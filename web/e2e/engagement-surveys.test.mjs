// Browser test of 民意调查: the demo resident takes 德胜新村's open property satisfaction survey on the H5 at
// 360 px in elderly mode — the branch appears once 有 (something unsatisfying) is chosen — and gets a receipt, after which
// the list says when and how the household answered; the demo commissioner finds another household by address
// in the console, enters its paper form and sees the results count it.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkScreen, signInToMobile } from './support/browser.mjs'
import { browserSuite, desktop, phone } from './support/suite.mjs'

const surveyTitle = '德胜新村本月物业服务满意度调查'
const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('民意调查 in the console and the H5', () => {
  const suite = browserSuite(desktop)

  test('a resident answers on the phone and staff enter a paper form for another household', async () => {
    const phonePage = await suite.freshPage(phone)
    await phonePage.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(phonePage, suite.baseUrl, 'resident')
    await phonePage.getByTestId('my-surveys-link').click()
    const card = phonePage.getByTestId('my-survey').filter({ hasText: surveyTitle })
    await card.waitFor()
    await card.getByTestId('my-survey-household').first().click()
    await phonePage.getByTestId('take-question').first().waitFor()
    assert.equal(await phonePage.getByTestId('take-question').count(), 3, 'the branch waits for its answer')
    await phonePage.getByTestId('take-scale').nth(3).click()
    await phonePage.getByTestId('take-option').filter({ hasText: '有' }).first().click()
    await phonePage.getByTestId('take-option').filter({ hasText: '维修' }).click()
    assert.equal(await phonePage.getByTestId('take-question').count(), 4, 'answering 有 shows what was not satisfying')
    await phonePage.getByTestId('take-text').locator('textarea').fill('楼道灯坏了两周才修好')
    assert.ok((await pageWidth(phonePage)) <= 360, 'the survey fits 360 px in elderly mode')
    await checkScreen(phonePage, 'H5 survey being answered', 'engagement-mobile-survey')
    await phonePage.getByTestId('take-submit').click()
    await phonePage.locator('.van-dialog__confirm').click()
    await phonePage.getByTestId('survey-receipt').getByText('提交成功').waitFor()
    await checkScreen(phonePage, 'H5 survey receipt', 'engagement-mobile-survey-receipt')
    await phonePage.getByTestId('survey-receipt').getByRole('button', { name: '返回调查列表' }).click()
    await phonePage.getByTestId('my-survey').filter({ hasText: surveyTitle }).getByText('通过线上作答').waitFor()
    assert.ok((await pageWidth(phonePage)) <= 360)

    const page = await suite.consolePage('commissioner')
    await page.getByTestId('console-menu').getByText('民意调查').click()
    await page.getByTestId('surveys-page').waitFor()
    await checkScreen(page, 'surveys list', 'engagement-surveys')
    await page.getByTestId('survey-link').filter({ hasText: surveyTitle }).click()
    await page.getByTestId('survey-page').waitFor()
    const before = Number((await page.getByTestId('survey-rate').innerText()).match(/已答 (\d+)/)[1])
    const entry = page.getByTestId('paper-entry')
    await entry.getByTestId('paper-address').fill('2幢')
    await entry.getByTestId('paper-search').click()
    await entry.getByTestId('paper-household').first().waitFor()
    await entry.getByTestId('paper-number').fill(`E2E-${Date.now() % 100000}`)
    await entry.getByTestId('answer-field').first().getByText('3', { exact: true }).click()
    await entry.getByTestId('answer-field').nth(1).getByText('没有', { exact: true }).click()
    await checkScreen(page, 'survey paper entry', 'engagement-survey-paper')
    await entry.getByTestId('paper-save').click()
    await page.getByTestId('survey-rate').getByText(`已答 ${before + 1}/`).waitFor()
    await page.getByTestId('results-summary').getByText(`已答 ${before + 1}/`).waitFor()
    await page.getByTestId('survey-results').getByText('楼道灯坏了两周才修好').waitFor()
    await page.getByTestId('results-groups').getByText('德胜新村').waitFor()
    await checkScreen(page, 'survey results', 'engagement-survey-results')
  })
})
