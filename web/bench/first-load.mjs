// Web benchmark run by bench/web.sh: (a) the gzip size of the JavaScript Chromium fetches for the console's
// first screen (the login page, then the overview after signing in); (b) how long the compound page takes to
// become interactive with 2,000 parts. Starts its own seeded server (e2e/support/server.mjs) and prints figures.
import { gzipSync } from 'node:zlib'
import { apiSession, findNodeId } from '../e2e/support/api.mjs'
import { launchBrowser, signInToConsole } from '../e2e/support/browser.mjs'
import { addCompoundWithParts } from '../e2e/support/fixtures.mjs'
import { startServer } from '../e2e/support/server.mjs'
import { desktop } from '../e2e/support/suite.mjs'

const firstScreenGoalKb = 500
const interactiveGoalMs = 1000
const runs = Number(process.env.BENCH_WEB_RUNS || 5)
const partsLayout = { buildings: 2, units: 5, floors: 20, roomsPerFloor: 10 }
const partCount = partsLayout.buildings * partsLayout.units * partsLayout.floors * partsLayout.roomsPerFloor
// The compound page's virtualised parts table; the plain org node page stands in while that is missing.
const partsRowSelector = '[data-testid="parts-table"] .el-table-v2__row'
const nodePageSelector = '[data-testid="org-node-page"] h1'

const kb = (bytes) => (bytes / 1024).toFixed(1)
const line = (label, value) => console.log(`   ${label.padEnd(56)} ${value}`)
const verdict = (met) => (met ? 'met' : 'NOT MET')

/** Every distinct JavaScript file the page fetches until the returned function is called, gzipped (level 9). */
function recordScripts(page) {
  const scripts = new Map()
  const onResponse = (response) => {
    const url = new URL(response.url())
    const isScript = url.pathname.endsWith('.js') || (response.headers()['content-type'] ?? '').includes('javascript')
    if (!isScript || scripts.has(url.pathname)) return
    scripts.set(url.pathname, response.body().then((body) => ({ raw: body.length, gzip: gzipSync(body, { level: 9 }).length })))
  }
  page.on('response', onResponse)
  return async () => {
    page.off('response', onResponse)
    const sizes = await Promise.all([...scripts].map(async ([path, size]) => ({ path, ...(await size) })))
    return sizes.sort((a, b) => b.gzip - a.gzip)
  }
}

/** Milliseconds from the start of navigation until `selector` shows and the main thread is free again. */
async function timeUntilInteractive(page, url, selector) {
  await page.goto(url)
  await page.locator(selector).first().waitFor({ timeout: 20000 })
  return page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now())))),
  )
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

const server = await startServer()
const browser = await launchBrowser()
try {
  const admin = await apiSession(server.baseUrl, 'admin')
  const communityId = await findNodeId(server.baseUrl, '德胜社区')
  const compound = await addCompoundWithParts(admin, communityId, '两千户压测小区', partsLayout)

  // (a) A fresh profile, as a first visit: nothing cached.
  const context = await browser.newContext(desktop)
  const page = await context.newPage()
  const scriptSizes = recordScripts(page)
  await signInToConsole(page, server.baseUrl, 'admin')
  // The overview fetches its chart library after its figures: the screen is complete once a chart is drawn.
  await page.locator('canvas').first().waitFor({ timeout: 15000 }).catch(() => console.log('   (no chart drawn within 15 s)'))
  await page.waitForLoadState('networkidle')
  const scripts = await scriptSizes()
  const totalGzip = scripts.reduce((sum, script) => sum + script.gzip, 0)
  const totalRaw = scripts.reduce((sum, script) => sum + script.raw, 0)
  console.log(`== console first screen (login page, then the overview after signing in), Chromium ${browser.version()}`)
  line(`JavaScript fetched: ${scripts.length} files`, `${kb(totalGzip)} KB gzip (${kb(totalRaw)} KB raw)`)
  for (const script of scripts.slice(0, 5)) line(`  ${script.path}`, `${kb(script.gzip)} KB gzip`)

  // (b) The same signed-in browser (scripts cached, as for a worker opening a compound during the day).
  const compoundUrl = `${server.baseUrl}/org/nodes/${compound.id}`
  let selector = partsRowSelector
  let measured = `compound page, ${partCount} parts (first table row shown, main thread idle)`
  const timings = []
  try {
    timings.push(await timeUntilInteractive(page, compoundUrl, selector))
  } catch {
    selector = nodePageSelector
    measured = `org node page of a ${partCount}-part compound (the compound page has no parts table yet)`
  }
  while (timings.length < runs) timings.push(await timeUntilInteractive(page, compoundUrl, selector))
  console.log(`== ${measured}: ${runs} loads`)
  line('time to interactive, median', `${median(timings).toFixed(0)} ms`)
  line('time to interactive, slowest', `${Math.max(...timings).toFixed(0)} ms`)

  console.log()
  console.log('goals:')
  line(`first-screen JavaScript <= ${firstScreenGoalKb} KB gzip`, `${verdict(totalGzip / 1024 <= firstScreenGoalKb)} (${kb(totalGzip)} KB)`)
  line(
    `compound page with ${partCount} parts interactive <= ${interactiveGoalMs} ms`,
    `${verdict(selector === partsRowSelector && median(timings) <= interactiveGoalMs)} (median ${median(timings).toFixed(0)} ms)`,
  )
  await context.close()
} finally {
  await browser.close()
  await server.stop()
}
