// Browser tests of the resident H5 at phone size (360×740): sign-in through its login page, the 我的 page with the
// resident's household, commissioner card and scope, its banners of what waits for the resident, the names of those
// who serve them and of other residents, the elderly mode kept across reloads and checked in it, the vote page's help
// on 随多数, the receipt code with its copy button and shown again from the server, sign-out, and 我的设备 signing another
// device out.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { checkScreen, signInThroughMobileLogin, signInToMobile } from './support/browser.mjs'
import { browserSuite, phone } from './support/suite.mjs'
import { apiSession, idNumberEnd } from './support/api.mjs'

describe('resident H5', () => {
  const suite = browserSuite(phone)

  const baseFontSize = (locator) => locator.evaluate((element) => parseFloat(getComputedStyle(element).fontSize))
  /** WCAG's contrast ratio of a CSS rgb() colour on white. */
  const contrastOnWhite = (rgb) => {
    const [r, g, b] = rgb.match(/\d+/g).slice(0, 3).map((channel) => {
      const c = Number(channel) / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    })
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)
  }
  /** How many of the elements `locator` finds are split over more than one line. */
  const splitOverLines = (locator) => locator.evaluateAll((elements) => elements.filter((element) => element.getClientRects().length > 1).length)
  const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

  test('resident sees their household in 德胜新村 and the commissioner card of the compound', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const [household] = (await resident.get('/api/v1/me/households')).items
    const chain = await resident.get(`/api/v1/org/nodes/${household.compound_id}/chain`)
    const commissionerLink = chain.links.find((link) => link.position === 'commissioner')
    assert.match(commissionerLink.service_phone, /^0571-8802\d{4}$/)
    const page = await suite.freshPage()
    await signInThroughMobileLogin(page, suite.baseUrl, 'resident')
    const households = page.getByTestId('my-households')
    await households.getByText(`${household.building} ${household.unit} ${household.room}`).waitFor()
    await households.getByText('业主').waitFor()
    const card = page.getByTestId('commissioner-card')
    await card.getByRole('heading', { name: /我的小区专员\s*德胜新村/ }).waitFor()
    await card.getByTestId('commissioner').getByText(commissionerLink.person.name).waitFor()
    // One tap calls the commissioner's service line.
    const call = card.getByTestId('call-commissioner')
    await call.getByText(`拨打专员服务电话 ${commissionerLink.service_phone}`).waitFor()
    assert.equal(await call.getAttribute('href'), `tel:${commissionerLink.service_phone.replace(/\D/g, '')}`)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    assert.ok(width <= 360, `nothing overflows the 360px screen (page is ${width}px wide)`)
    await checkScreen(page, 'H5 households and commissioner', 'mobile-households')
  })

  test('resident signs in and 我的 shows their role in 德胜新村', async () => {
    const page = await suite.freshPage()
    await page.goto(`${suite.baseUrl}/m/`)
    await page.waitForURL(/\/m\/login/)
    await checkScreen(page, 'H5 login', 'mobile-login')
    await signInToMobile(page, suite.baseUrl, 'resident')
    const roles = page.getByTestId('my-roles')
    await roles.getByText('居民').waitFor()
    await roles.getByText('德胜新村').waitFor()
    await checkScreen(page, 'H5 我的', 'mobile-me')
  })

  test('elderly mode enlarges the text to at least 20px and survives a reload', async () => {
    const page = await suite.mobilePage('resident')
    const roleTitle = page.getByTestId('my-roles').getByText('居民')
    const before = await baseFontSize(roleTitle)
    await page.getByTestId('elderly-mode').click()
    await page.waitForFunction(() => document.documentElement.classList.contains('elderly-mode'))
    const enlarged = await baseFontSize(roleTitle)
    assert.ok(enlarged > before, `font grows: ${before}px → ${enlarged}px`)
    assert.ok(enlarged >= 20, `elderly text is at least 20px, got ${enlarged}px`)
    await page.reload()
    await page.getByTestId('display-name').waitFor()
    assert.equal(await baseFontSize(page.getByTestId('my-roles').getByText('居民')), enlarged)
    const householdSize = await baseFontSize(page.getByTestId('my-households').locator('.van-cell__title').first())
    assert.ok(householdSize >= 20, `household text is at least 20px in elderly mode, got ${householdSize}px`)
    assert.equal(await page.getByTestId('elderly-mode').getAttribute('aria-checked'), 'true')
    await checkScreen(page, 'H5 我的 in elderly mode', 'mobile-me-elderly')
    await page.getByTestId('elderly-mode').click()
    await page.waitForFunction(() => !document.documentElement.classList.contains('elderly-mode'))
  })

  test('in elderly mode placeholders are lighter than values yet AA, numbers stay whole, the switch comes first', async () => {
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await page.goto(`${suite.baseUrl}/m/login`)
    await page.getByRole('tab', { name: '账号密码登录' }).click()
    const account = page.getByLabel('账号')
    await account.fill('resident')
    const value = await account.evaluate((input) => getComputedStyle(input).color)
    const placeholder = await page.getByLabel('密码').evaluate((input) => getComputedStyle(input, '::placeholder').color)
    const [valueContrast, placeholderContrast] = [contrastOnWhite(value), contrastOnWhite(placeholder)]
    assert.ok(placeholderContrast >= 4.5, `placeholder contrast ${placeholderContrast.toFixed(2)}:1 meets AA`)
    assert.ok(valueContrast - placeholderContrast >= 5, `placeholder (${placeholderContrast.toFixed(2)}:1) reads lighter than a value (${valueContrast.toFixed(2)}:1)`)
    await checkScreen(page, 'H5 login in elderly mode', 'mobile-login-elderly')

    await signInToMobile(page, suite.baseUrl, 'resident')
    const firstControl = await page.locator('main').getByRole('switch').first().getAttribute('data-testid')
    assert.equal(firstControl, 'elderly-mode')
    const switchTop = (await page.getByTestId('elderly-mode').boundingBox()).y
    const nameTop = (await page.getByTestId('display-name').boundingBox()).y
    assert.ok(switchTop < nameTop, 'the elderly-mode switch is above everything else on 我的')
    await page.getByTestId('service-phone').waitFor()
    assert.equal(await splitOverLines(page.getByTestId('service-phone')), 0, 'the phone number is on one line')
    assert.ok((await pageWidth(page)) <= 360)

    const resident = await apiSession(suite.baseUrl, 'resident')
    const published = (await resident.get('/api/v1/me/votes')).items.find((vote) => vote.state === 'published')
    await page.goto(`${suite.baseUrl}/m/votes/${published.id}`)
    const result = page.getByTestId('vote-result')
    await result.getByTestId('outcome').first().waitFor()
    const numbers = result.locator('.number')
    assert.ok((await numbers.count()) >= 12, 'each item shows its ratios, areas and bounds')
    assert.equal(await splitOverLines(numbers), 0, 'no area, ratio or bound is split over lines')
    const width = await pageWidth(page)
    assert.ok(width <= 360, `nothing overflows the 360px screen (page is ${width}px wide)`)
    await checkScreen(page, 'H5 published result in elderly mode', 'mobile-result-elderly')
  })

  test('names follow one rule: those who serve the compound in full with their role, other residents masked', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const topics = (await resident.get('/api/v1/me/topics')).items
    const withComments = []
    for (const topic of topics) {
      const { items } = await resident.get(`/api/v1/topics/${topic.id}/comments`)
      if (items.some((comment) => comment.author.kind === 'committee_member')) withComments.push({ topic, items })
    }
    assert.ok(withComments.length > 0, 'the demo street has a topic with a committee member’s comment')
    const [{ topic, items }] = withComments
    const page = await suite.mobilePage('resident')
    await page.goto(`${suite.baseUrl}/m/topics/${topic.id}`)
    const comments = page.getByTestId('topic-comments')
    const member = items.find((comment) => comment.author.kind === 'committee_member').author.name
    await comments.getByText(`${member}（自管会委员）`).first().waitFor()
    const neighbour = items.find((comment) => comment.author.kind === 'resident').author.name
    assert.match(neighbour, /\*/, 'a resident is named masked')
    await comments.getByText(neighbour, { exact: false }).first().waitFor()
    assert.equal(await comments.getByText(`${neighbour}（`).count(), 0, 'a resident is named without a role')
    await checkScreen(page, 'H5 topic comments with names', 'mobile-topic-names')
  })

  const bannerKinds = ['voting.cast', 'elections.cast', 'cases.rate']
  const inHours = (hours) => new Date(Date.now() + hours * 3_600_000 + 600_000).toISOString()

  test('我的 shows a banner for each vote, election and rating waiting for the resident, with the time left', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const waiting = (await resident.get('/api/v1/me/today')).items.filter((item) => bannerKinds.includes(item.kind))
    const page = await suite.mobilePage('resident')
    await page.getByTestId('my-households').waitFor()
    const open = (await resident.get('/api/v1/me/votes')).items.find((vote) => vote.state === 'open')
    const toCast = waiting.find((item) => item.kind === 'voting.cast')
    assert.equal(toCast?.link, `/votes/${open.id}`, 'the server lists the open vote the resident has not voted in')
    await page.getByTestId('today-banner').first().waitFor()
    assert.equal(await page.getByTestId('today-banner').count(), waiting.length, 'one banner per item the server lists')
    await page.locator(`[data-kind="voting.cast"][href="/m/votes/${open.id}"]`).getByText(toCast.title).waitFor()

    // The three kinds with and without a deadline; other kinds of today's work are not the resident's banners.
    const items = [
      { kind: 'voting.cast', title: open.title, node: null, due_at: inHours(50), overdue: false, link: `/votes/${open.id}`, count: null },
      { kind: 'elections.cast', title: '第二届业主自管会选举', node: null, due_at: inHours(5), overdue: false, link: '/elections/1', count: null },
      { kind: 'cases.rate', title: '3幢楼道灯不亮', node: null, due_at: null, overdue: false, link: '/cases/1', count: null },
      { kind: 'cases.overdue', title: '逾期工单', node: null, due_at: null, overdue: true, link: '/cases?overdue=1', count: 2 },
    ]
    await page.route('**/api/v1/me/today', (route) => route.fulfill({ json: { items } }))
    await page.reload()
    const banners = page.getByTestId('today-banner')
    await banners.first().waitFor()
    assert.equal(await banners.count(), 3)
    const vote = banners.filter({ hasText: '表决待投票' })
    await vote.getByText(open.title).waitFor()
    assert.equal((await vote.getByTestId('time-left').innerText()).trim(), '还剩 2 天')
    const election = banners.filter({ hasText: '选举待投票' })
    assert.equal((await election.getByTestId('time-left').innerText()).trim(), '还剩 5 小时')
    await banners.filter({ hasText: '报事待评价' }).getByText('3幢楼道灯不亮').waitFor()
    const width = await pageWidth(page)
    assert.ok(width <= 360, `nothing overflows the 360px screen (page is ${width}px wide)`)
    await checkScreen(page, 'H5 我的 with banners', 'mobile-me-banners')
    await vote.click()
    await page.waitForURL(new RegExp(`/m/votes/${open.id}$`))
    await page.getByTestId('vote-title').getByText(open.title).waitFor()
  })

  test('the vote page explains 随多数 as the vote counts it, and that not voting counts for no side', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const open = (await resident.get('/api/v1/me/votes')).items.find((vote) => vote.state === 'open')
    const page = await suite.freshPage()
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.goto(`${suite.baseUrl}/m/votes/${open.id}`)
    const help = page.getByTestId('follow-help')
    await help.getByText('不投票不算同意').waitFor()
    const more = help.getByTestId('follow-help-more')
    assert.equal(await more.isVisible(), false, 'the details wait to be asked for')
    const toggle = help.getByTestId('follow-help-open')
    assert.equal((await toggle.innerText()).trim(), '怎么计票？')
    await toggle.click()
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true')
    const rule = { both_dimensions: '面积和人数都多于反对票', abstain: '一律计为弃权' }[open.policies.follow_majority]
    await more.getByText(rule).waitFor()
    await more.getByText('不投票的业主既不计入参与').waitFor()
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 随多数 help in elderly mode', 'mobile-vote-follow-help')
    await toggle.getByText('收起').click()
    await more.waitFor({ state: 'hidden' })
  })

  test('the receipt code keeps its groups whole, copies, falls back to a selection, and shows again on the vote page', async () => {
    const resident = await apiSession(suite.baseUrl, 'resident')
    const open = (await resident.get('/api/v1/me/votes')).items.find((vote) => vote.state === 'open')
    const page = await suite.freshPage({ permissions: ['clipboard-read', 'clipboard-write'] })
    await page.addInitScript(() => localStorage.setItem('weizhi.elderly-mode', 'on'))
    await signInToMobile(page, suite.baseUrl, 'resident')
    await page.goto(`${suite.baseUrl}/m/votes/${open.id}`)
    for (let item = 1; item <= open.items.length; item++) {
      await page.getByTestId(`item-${item}`).getByRole('radio', { name: '赞同' }).click()
    }
    await page.getByTestId('review').click()
    const last4 = await idNumberEnd(suite.baseUrl, open.my_voters.find((voter) => voter.self).voter_id)
    await page.getByTestId('id-last4').locator('input').fill(last4)
    await page.getByTestId('identity-submit').click()
    await page.getByTestId('submit-ballot').click()
    const shown = page.getByTestId('receipt-code')
    const code = (await shown.innerText()).trim()
    assert.match(code, /^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/)
    // At elderly size the code takes more than one line, yet no group of four is cut.
    const lines = await shown.evaluate((element) => element.getClientRects()[0].height / parseFloat(getComputedStyle(element).lineHeight))
    assert.ok(lines >= 1.9, `the code wraps at 360px in elderly mode (${lines.toFixed(1)} lines)`)
    assert.equal(await splitOverLines(shown.locator('.number')), 0, 'no group is broken across lines')

    await page.getByTestId('copy-receipt').click()
    await page.locator('.van-toast').getByText('已复制回执码').waitFor()
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), code)
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'))
    })
    await page.getByTestId('copy-receipt').click()
    await page.locator('.van-toast').getByText('已选中回执码').waitFor()
    assert.equal((await page.evaluate(() => window.getSelection().toString())).trim(), code, 'the code is selected to copy by hand')
    await checkScreen(page, 'H5 receipt in elderly mode', 'mobile-receipt-elderly')

    // The server gives the resident their own receipt back: the vote page shows it again.
    await page.reload()
    const mine = page.getByTestId('my-receipt')
    assert.equal((await mine.getByTestId('receipt-code').innerText()).trim(), code)
    await checkScreen(page, 'H5 vote with the receipt shown again', 'mobile-vote-kept-receipt')
  })

  test('signing out returns to the login page and the session is gone', async () => {
    const page = await suite.mobilePage('resident')
    await page.getByTestId('sign-out').click()
    await page.waitForURL(/\/m\/login/)
    await page.goto(`${suite.baseUrl}/m/`)
    await page.waitForURL(/\/m\/login/)
  })

  test('我的设备 lists both devices signed in as the resident, and signing the other out sends it to the login page', async () => {
    const here = await suite.mobilePage('resident')
    // The other device is a phone's WeChat: its row is told from the sessions earlier tests left open by its name.
    const weChat =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44'
    const otherContext = await here.context().browser().newContext({ ...phone, userAgent: weChat })
    try {
      const other = await otherContext.newPage()
      await signInToMobile(other, suite.baseUrl, 'resident')
      await here.getByTestId('devices-link').click()
      const devices = here.getByTestId('my-devices')
      await devices.getByTestId('this-device').getByText('本机').waitFor()
      const otherRow = devices.getByTestId('other-device').filter({ hasText: '微信 · iPhone' })
      await otherRow.waitFor()
      await checkScreen(here, 'H5 我的设备', 'mobile-devices')
      await otherRow.getByTestId('sign-device-out').click()
      const confirm = here.getByRole('dialog')
      await confirm.getByText('让这台设备退出登录？').waitFor()
      await confirm.getByRole('button', { name: '确定退出' }).click()
      await otherRow.waitFor({ state: 'detached' })
      await devices.getByTestId('this-device').waitFor()
      await other.reload()
      await other.waitForURL(/\/m\/login/)
    } finally {
      await otherContext.close()
    }
  })
})
