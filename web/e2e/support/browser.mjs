// Browser side of the tests: Debian's Chromium driven by playwright-core (no browser download),
// sign-in helpers, axe accessibility checks and screenshots kept under test-output/e2e/.
import assert from 'node:assert/strict'
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { repoRoot, demoPassword, lastCodeSentTo } from './server.mjs'

const screenshotFolder = path.join(repoRoot, 'test-output', 'e2e')
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** Headless Chromium with a fresh temporary profile (playwright creates and removes it). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
    ],
  })
}

export const phoneViewport = { width: 360, height: 740 }

/** Saves a full-page screenshot as test-output/e2e/NAME.png. */
export async function saveScreenshot(page, name) {
  mkdirSync(screenshotFolder, { recursive: true })
  await page.screenshot({ path: path.join(screenshotFolder, `${name}.png`), fullPage: true })
}

/**
 * Lets the page come to rest, so that axe judges it at rest and not mid-fade: Vue starts an entering or
 * leaving transition a frame after the change that causes it, so this waits two frames, then for every
 * finite animation or transition running, and again until a look finds none.
 */
async function settleTransitions(page) {
  await page.evaluate(async () => {
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => resolve()))
    for (let look = 0; look < 5; look++) {
      await nextFrame()
      await nextFrame()
      const running = document
        .getAnimations()
        .filter((animation) => animation.playState === 'running' && animation.effect?.getComputedTiming().endTime !== Infinity)
      if (running.length === 0) return
      await Promise.all(running.map((animation) => animation.finished.catch(() => undefined)))
    }
  })
}

/**
 * Fails when axe finds a violation of impact serious or critical on the page as it is now. axe-core is
 * loaded into a document once and asked for violations only (every rule still runs): building the
 * passes and the undecided nodes too took most of a check's time. Toasts are left out: they are gone
 * in a few seconds, and judging one mid-fade would measure the fade.
 */
export async function assertAccessible(page, screenName) {
  await settleTransitions(page)
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(axeSource)
  const violations = await page.evaluate(() =>
    window.axe
      .run({ exclude: [['.el-message'], ['.van-toast']] }, { resultTypes: ['violations'] })
      .then((results) => results.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.map((node) => node.target) }))),
  )
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.targets.slice(0, 5).map((target) => target.join(' ')),
    }))
  assert.deepEqual(blocking, [], `accessibility violations on ${screenName}`)
}

/** What every new screen gets: axe finds nothing serious on it, and its screenshot is kept. */
export async function checkScreen(page, screenName, screenshotName) {
  await assertAccessible(page, screenName)
  await saveScreenshot(page, screenshotName)
}

/** Signs in through the console's login page and waits for the layout (for the tests of that page). */
export async function signInThroughConsoleLogin(page, baseUrl, login) {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码').fill(demoPassword)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('current-user').waitFor()
}

/** Signs in through the H5's login page with account and password and waits for the 我的 page. */
export async function signInThroughMobileLogin(page, baseUrl, login) {
  await page.goto(`${baseUrl}/m/login`)
  await page.getByRole('tab', { name: '账号密码登录' }).click()
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码').fill(demoPassword)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('display-name').waitFor()
}

// The session cookie lands in the page's browser context, as after the login page; the apps then
// restore the session from GET /api/v1/me on load, as after a reload.
async function signInThroughApi(page, baseUrl, login) {
  const answer = await page.context().request.post(`${baseUrl}/api/v1/session`, { data: { login, password: demoPassword } })
  assert.equal(answer.status(), 200, `sign-in as ${login}: ${await answer.text()}`)
}

/**
 * Signs `login` in (through the API: the login page has tests of its own) and opens the console at
 * `landing` (its home by default), waiting for the layout.
 */
export async function signInToConsole(page, baseUrl, login, landing = '/') {
  await signInThroughApi(page, baseUrl, login)
  await page.goto(`${baseUrl}${landing}`)
  await page.getByTestId('current-user').waitFor()
}

/** Asks for a code on the H5's login page, types the one the server sent to `phoneNumber` and signs in. */
export async function signInWithCode(page, baseUrl, phoneNumber) {
  await page.goto(`${baseUrl}/m/login`)
  await page.getByLabel('手机号').fill(phoneNumber)
  await page.getByTestId('send-code').click()
  await page.getByTestId('send-code').getByText(/\d+ 秒后重发/).waitFor()
  await page.getByLabel('验证码').fill(lastCodeSentTo(baseUrl, phoneNumber))
  await page.getByRole('button', { name: '登录', exact: true }).click()
}

/** A resident who has not consented to the current privacy notice is shown it first; agreeing goes on. */
export async function agreeToPrivacyNotice(page) {
  await page.waitForURL(/\/m\/privacy/)
  await page.getByTestId('agree').click()
}

/** Signs `login` in (through the API) and opens the H5 at its 我的 page. */
export async function signInToMobile(page, baseUrl, login) {
  await signInThroughApi(page, baseUrl, login)
  await page.goto(`${baseUrl}/m/`)
  await page.getByTestId('display-name').waitFor()
}

/**
 * Looks `code` up on the H5's public receipt check, which needs no sign-in, typed in lower case as a
 * resident may type it; answers the result shown.
 */
export async function lookUpReceipt(page, baseUrl, code) {
  await page.goto(`${baseUrl}/m/receipt`)
  await page.getByTestId('receipt-input').locator('input').fill(code.toLowerCase())
  await page.getByRole('button', { name: '查询' }).click()
  return page.getByTestId('receipt-result')
}

/** Waits until no dropdown is halfway through closing, so axe judges the page at rest. */
export const poppersClosed = (page) =>
  page.waitForFunction(() => [...document.querySelectorAll('.el-popper')].every((popper) => getComputedStyle(popper).display === 'none'))

/** Opens the select of the form item labelled `label` inside `scope` and picks the option named `option`. */
export async function choose(page, scope, label, option) {
  await scope.locator('.el-form-item').filter({ hasText: label }).locator('.el-select__wrapper').click()
  await page.getByRole('option', { name: option }).click()
  await poppersClosed(page)
}
