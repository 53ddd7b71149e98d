// The set-up every browser test file shares: one seeded server and one Chromium for the file, a fresh
// browser context (no cookies, no storage) for each test on the desktop or the phone, and each test's
// start and end in the progress log.
import { after, afterEach, before, beforeEach } from 'node:test'
import { startServer } from './server.mjs'
import { launchBrowser, phoneViewport, signInToConsole, signInToMobile } from './browser.mjs'
import { logProgress } from './progress.mjs'

export const desktop = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' }
export const phone = { viewport: phoneViewport, locale: 'zh-CN', isMobile: true, hasTouch: true }

/**
 * Registers the file's hooks; call it inside the file's describe. `freshPage()` closes the previous
 * test's context and opens a page in a new one with `contextOptions`; `consolePage()` and `mobilePage()`
 * open such a page with a user signed in, as most tests begin.
 */
export function browserSuite(contextOptions) {
  let server
  let browser
  let context
  let startedAt = 0
  before(async () => {
    ;[server, browser] = await Promise.all([startServer(), launchBrowser()])
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
  })
  beforeEach((t) => {
    startedAt = Date.now()
    logProgress('start', 0, t.fullName ?? t.name)
  })
  afterEach((t) => {
    logProgress(t.passed ? 'pass' : 'fail', ((Date.now() - startedAt) / 1000).toFixed(1), t.fullName ?? t.name)
  })
  return {
    get baseUrl() {
      return server.baseUrl
    },
    async freshPage(extraOptions = {}) {
      await context?.close()
      context = await browser.newContext({ ...contextOptions, ...extraOptions })
      return context.newPage()
    },
    /** A fresh page with `login` signed in on the console at `landing` (its home by default). */
    async consolePage(login, landing = '/', extraOptions = {}) {
      const page = await this.freshPage(extraOptions)
      await signInToConsole(page, server.baseUrl, login, landing)
      return page
    },
    /** A fresh page with `login` signed in on the H5, at its 我的 page. */
    async mobilePage(login, extraOptions = {}) {
      const page = await this.freshPage(extraOptions)
      await signInToMobile(page, server.baseUrl, login)
      return page
    },
  }
}
