// Browser tests of a resident's sign-in on the H5 by phone at 360 px: an owner signs in with the SMS code, agrees
// to the privacy notice as every first sign-in asks, and votes online after the identity check by the last four
// characters of their ID number (one wrong try shows the tries left), a family sharing one phone picks who signs
// in, and the page works inside WeChat's and DingTalk's browsers, whose H5 can be added to the home screen with
// its manifest.
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { agreeToPrivacyNotice, checkScreen, signInWithCode } from './support/browser.mjs'
import { browserSuite, phone } from './support/suite.mjs'
import { apiSession, findNodeId } from './support/api.mjs'
import { runSql } from './support/server.mjs'

const userAgents = {
  WeChat:
    'Mozilla/5.0 (Linux; Android 13; V2183A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  DingTalk:
    'Mozilla/5.0 (Linux; U; Android 13; zh-CN; V2183A Build/TP1A.220624.014) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 Mobile Safari/537.36 AliApp(DingTalk/7.5.10) com.alibaba.android.rimet/36386035 Channel/700159 language/zh-CN abi/64 UT4Aplus/0.2.25 colorScheme/light',
}

// People handed to a test already: a phone may be sent one code a minute, so each test takes its own.
const taken = new Set()

/**
 * `count` owners who own their part alone, have no account yet and were not taken by an earlier test, with
 * their phones in clear as the street admin reads them: from `candidates` (people ids), or else from the
 * people of 德胜新村; never its first owner, who is the demo resident's person.
 */
async function soleOwners(baseUrl, count, candidates = undefined) {
  const admin = await apiSession(baseUrl, 'admin')
  const compound = await findNodeId(baseUrl, '德胜新村')
  const [demoResident, ...others] = (await admin.get(`/api/v1/people?node=${compound}&limit=40`)).items.map((person) => person.id)
  const ids = (candidates ?? others).filter((id) => id !== demoResident)
  const owners = []
  for (const id of ids) {
    if (owners.length === count) break
    const person = await admin.get(`/api/v1/people/${id}`)
    if (taken.has(id) || person.links.length !== 1 || person.links[0].relation !== 'owner') continue
    const links = (await admin.get(`/api/v1/parts/${person.links[0].part_id}/links`)).items
    if (links.length !== 1) continue
    const clear = await admin.send('POST', `/api/v1/people/${id}/unmask`, { reason: '核对居民手机号登录' })
    taken.add(id)
    owners.push({ id, maskedName: person.name, phone: clear.phone, idLast4: clear.id_number.slice(-4) })
  }
  assert.equal(owners.length, count, `${count} sole owners`)
  return owners
}

const pageWidth = (page) => page.evaluate(() => document.documentElement.scrollWidth)

describe('resident sign-in by phone', () => {
  const suite = browserSuite(phone)

  test('an owner signs in with the code sent to their phone, votes online and sees the receipt', async () => {
    const admin = await apiSession(suite.baseUrl, 'admin')
    const open = (await admin.get('/api/v1/votes')).items.find((vote) => vote.state === 'open' && vote.compound.name === '德胜新村')
    const notVoted = (await admin.get(`/api/v1/votes/${open.id}/roll?voted=no`)).items
    const [owner] = await soleOwners(
      suite.baseUrl,
      1,
      notVoted.filter((entry) => entry.owner_kind === 'person').map((entry) => entry.owner.id),
    )

    const page = await suite.freshPage()
    await page.goto(`${suite.baseUrl}/m/`)
    await page.waitForURL(/\/m\/login/)
    const code = page.getByLabel('验证码')
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code')
    assert.equal(await code.getAttribute('inputmode'), 'numeric')
    await checkScreen(page, 'H5 sign-in by phone', 'mobile-phone-sign-in')

    await signInWithCode(page, suite.baseUrl, owner.phone)
    await agreeToPrivacyNotice(page)
    await page.getByTestId('display-name').getByText(owner.maskedName).waitFor()
    await page.getByTestId('my-votes-link').click()
    await page.getByTestId(`my-vote-${open.id}`).click()
    for (let item = 1; item <= open.items.length; item++) {
      await page.getByTestId(`item-${item}`).getByRole('radio', { name: '赞同' }).click()
    }
    await page.getByTestId('vote-identity-required').waitFor()
    await page.getByTestId('review').click()
    // A family may share the phone, so the owner proves who they are: a wrong answer says the tries left.
    const identity = page.getByTestId('identity-check')
    await identity.getByText(`请输入 ${owner.maskedName} 的身份证号后四位`).waitFor()
    const wrong = owner.idLast4 === '0000' ? '1111' : '0000'
    await identity.getByTestId('id-last4').locator('input').fill(wrong)
    await identity.getByTestId('identity-submit').click()
    await identity.getByText('身份证号后四位不正确，还可以再试 4 次').waitFor()
    await identity.getByTestId('identity-tries').getByText('还可尝试 4 次').waitFor()
    assert.ok((await pageWidth(page)) <= 360)
    await checkScreen(page, 'H5 identity check with tries left', 'mobile-vote-identity')
    await identity.getByTestId('id-last4').locator('input').fill(owner.idLast4.toLowerCase())
    await identity.getByTestId('identity-submit').click()
    await page.getByTestId('submit-ballot').click()
    assert.match((await page.getByTestId('receipt-code').innerText()).trim(), /^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/)
    assert.ok((await pageWidth(page)) <= 360)
  })

  test('two people registered on one phone are offered by masked name and the one tapped signs in', async () => {
    const [first, second] = await soleOwners(suite.baseUrl, 2)
    // The registry refuses a second person on a phone, so the family is made as an old registration left it.
    runSql(
      suite.baseUrl,
      `UPDATE people SET (phone_enc, phone_index, phone_masked) = ` +
        `(SELECT phone_enc, phone_index, phone_masked FROM people WHERE id = ${first.id}) WHERE id = ${second.id}`,
    )

    const page = await suite.freshPage()
    await signInWithCode(page, suite.baseUrl, first.phone)
    const choices = page.getByTestId('phone-choices')
    await choices.getByRole('button', { name: `我是 ${first.maskedName}` }).waitFor()
    await checkScreen(page, 'H5 choice of person on a shared phone', 'mobile-phone-choice')
    await choices.getByRole('button', { name: `我是 ${second.maskedName}` }).click()
    await agreeToPrivacyNotice(page)
    await page.getByTestId('display-name').getByText(second.maskedName).waitFor()
  })

  test('in WeChat and DingTalk the page signs in at 360 px with first-party cookies, and its manifest installs it', async () => {
    const owners = await soleOwners(suite.baseUrl, 2)
    for (const [index, [browserName, userAgent]] of Object.entries(userAgents).entries()) {
      const owner = owners[index]
      const page = await suite.freshPage({ userAgent })
      await signInWithCode(page, suite.baseUrl, owner.phone)
      await agreeToPrivacyNotice(page)
      await page.getByTestId('display-name').getByText(owner.maskedName).waitFor()
      assert.ok((await pageWidth(page)) <= 360, `${browserName}: nothing overflows the 360px screen`)
      const host = new URL(suite.baseUrl).hostname
      const cookies = await page.context().cookies()
      assert.ok(cookies.length > 0 && cookies.every((cookie) => cookie.domain === host), `${browserName}: only the site's own cookies`)
    }

    const page = await suite.freshPage()
    await page.goto(`${suite.baseUrl}/m/login`)
    const manifestPath = await page.locator('link[rel="manifest"]').getAttribute('href')
    const answer = await fetch(`${suite.baseUrl}${manifestPath}`)
    assert.match(answer.headers.get('content-type'), /^application\/manifest\+json/)
    const manifest = await answer.json()
    assert.equal(manifest.start_url, '/m/')
    assert.equal(manifest.display, 'standalone')
    for (const icon of manifest.icons) {
      const image = await fetch(`${suite.baseUrl}${icon.src}`)
      assert.equal(image.headers.get('content-type'), 'image/png', icon.src)
    }
  })
})
