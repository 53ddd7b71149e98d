// Browser side of the tests: Debian's Chromium driven by playwright-core (no browser download),
// sign-in helpers, axe accessibility checks and screenshots kept under test-output/e2e/.
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium } from 'playwright-core'
import { AxeBuilder } from '@axe-core/playwright'
import { repoRoot, demoPassword } from './server.mjs'

const screenshotFolder = path.join(repoRoot, 'test-output', 'e2e')

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
 * Lets the page come to rest before axe judges it: toasts (gone after a few seconds) are waited out and
 * every finite animation or transition ends, so nothing is measured mid-fade.
 */
async function settleTransitions(page) {
  await page.locator('.el-message, .van-toast').last().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {})
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  )
}

/** Fails when axe finds a violation of impact serious or critical on the page as it is now. */
export async function assertAccessible(page, screenName) {
  await settleTransitions(page)
  const results = await new AxeBuilder({ page }).analyze()
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.slice(0, 5).map((node) => node.target.join(' ')),
    }))
  assert.deepEqual(blocking, [], `accessibility violations on ${screenName}`)
}

/** Signs in through the console's login page and waits for the layout. */
export async function signInToConsole(page, baseUrl, login) {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码').fill(demoPassword)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('current-user').waitFor()
}

/** Signs in through the H5's login page and waits for the 我的 page. */
export async function signInToMobile(page, baseUrl, login) {
  await page.goto(`${baseUrl}/m/login`)
  await page.getByLabel('账号').fill(login)
  await page.getByLabel('密码').fill(demoPassword)
  await page.getByRole('button', { name: '登录' }).click()
  await page.getByTestId('display-name').waitFor()
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
