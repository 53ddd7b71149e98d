// The set-up every browser test file shares: one seeded server and one Chromium for the file, and a
// fresh browser context (no cookies, no storage) for each test on the desktop or the phone.
import { after, before } from 'node:test'
import { startServer } from './server.mjs'
import { launchBrowser, phoneViewport } from './browser.mjs'

export const desktop = { viewport: { width: 1280, height: 800 }, locale: 'zh-CN' }
export const phone = { viewport: phoneViewport, locale: 'zh-CN', isMobile: true, hasTouch: true }

/**
 * Registers the file's before/after hooks; call it inside the file's describe. `freshPage()` closes
 * the previous test's context and opens a page in a new one with `contextOptions`.
 */
export function browserSuite(contextOptions) {
  let server
  let browser
  let context
  before(async () => {
    server = await startServer()
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await server?.stop()
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
  }
}
