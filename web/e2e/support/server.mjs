// Starts the real weizhi server for the browser tests: a copy of a SQLite database seeded with the
// demo street (and its key) in a temp folder, serving the built web app (web/dist) on a free loopback port,
// with residents' sign-in codes written to a file in that folder for the tests to read.
import { spawn, execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoRoot = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)))
// WEIZHI_BIN and WEIZHI_WEB_ROOT let a browser run use a binary or a web build other than the working ones.
const serverBinary = process.env.WEIZHI_BIN || path.join(repoRoot, 'build', 'weizhi')
const webRoot = process.env.WEIZHI_WEB_ROOT || path.join(repoRoot, 'web', 'dist')

export const demoPassword = 'weizhi-demo'

// Seeding the demo street takes most of a server's start, so `npm run e2e` seeds it once here and every
// test file starts from a copy; the marker is written last, so a half-seeded folder is never used.
const seededStreetFolder = path.join(repoRoot, 'test-output', 'e2e-street')
const seededMarker = path.join(seededStreetFolder, 'seeded')
const databaseFile = 'e2e.db'

function seedStreet(folder) {
  const keyFile = path.join(folder, 'data.key')
  execFileSync(serverBinary, ['keygen', keyFile], { stdio: 'ignore' })
  execFileSync(serverBinary, ['seed', 'demo', '--db', `sqlite:${path.join(folder, databaseFile)}`], {
    env: { ...process.env, WEIZHI_DATA_KEY_FILE: keyFile },
    stdio: 'ignore',
  })
}

/** Seeds the street every test file copies (run once before the test files). */
export function prepareSeededStreet() {
  rmSync(seededStreetFolder, { recursive: true, force: true })
  mkdirSync(seededStreetFolder, { recursive: true })
  seedStreet(seededStreetFolder)
  writeFileSync(seededMarker, '')
}

// A seeded street older than the binary (a file run on its own after a rebuild) is not reused.
function seededStreetIsCurrent() {
  return existsSync(seededMarker) && statSync(seededMarker).mtimeMs >= statSync(serverBinary).mtimeMs
}

function copySeededStreet(folder) {
  for (const name of readdirSync(seededStreetFolder)) {
    if (name === 'data.key' || name.startsWith(databaseFile)) {
      copyFileSync(path.join(seededStreetFolder, name), path.join(folder, name))
    }
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address()
      probe.close(() => resolve(port))
    })
  })
}

async function waitForHealth(baseUrl, exited, deadlineMs) {
  const deadline = Date.now() + deadlineMs
  while (Date.now() < deadline) {
    if (exited()) throw new Error(`weizhi serve exited before answering ${baseUrl}/healthz`)
    try {
      const response = await fetch(`${baseUrl}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`weizhi serve did not answer ${baseUrl}/healthz within ${deadlineMs} ms`)
}

// The files of each running server, by its base URL: its database and the file its SMS codes go to.
const serverFiles = new Map()

/**
 * The last sign-in code the server at `baseUrl` sent to `phone` (11 digits), read from its `file:` SMS
 * provider; fails when none was sent.
 */
export function lastCodeSentTo(baseUrl, phone) {
  const { smsLog } = serverFiles.get(baseUrl)
  const lines = existsSync(smsLog) ? readFileSync(smsLog, 'utf8').split('\n') : []
  const message = lines.filter((line) => line.startsWith(`${phone}\t`)).at(-1)?.slice(phone.length + 1)
  const code = message?.match(/\d{6}/)?.[0]
  if (!code) throw new Error(`no sign-in code was sent to ${phone}`)
  return code
}

/**
 * Runs one SQL statement on the database of the server at `baseUrl`, for a state no API route makes;
 * sqlite3 waits up to five seconds while the server writes.
 */
export function runSql(baseUrl, statement) {
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', serverFiles.get(baseUrl).database, statement])
}

/**
 * Moves the deadline of the vote `voteId` a second into the past. A vote closes only after its deadline
 * (docs/rules.md) by the server's real clock, so this stands for waiting until then, without the wait.
 */
export function passDeadline(baseUrl, voteId) {
  runSql(baseUrl, `UPDATE votes SET closes_at = '${new Date(Date.now() - 1_000).toISOString()}' WHERE id = ${Number(voteId)}`)
}

/** Starts a seeded server; resolves to { baseUrl, stop }. `stop` ends it and removes its files. */
export async function startServer() {
  if (!existsSync(serverBinary)) throw new Error(`${serverBinary} is missing: build it with ninja -C build weizhi`)
  if (!existsSync(path.join(webRoot, 'index.html'))) throw new Error(`${webRoot} is missing: run npm run build first`)
  const folder = mkdtempSync(path.join(tmpdir(), 'weizhi-e2e-'))
  if (seededStreetIsCurrent()) copySeededStreet(folder)
  else seedStreet(folder)
  const database = `sqlite:${path.join(folder, databaseFile)}`
  const environment = {
    ...process.env,
    WEIZHI_DATA_KEY_FILE: path.join(folder, 'data.key'),
    WEIZHI_MEDIA_DIR: path.join(folder, 'media'),
    WEIZHI_SMS_PROVIDER: `file:${path.join(folder, 'sms.log')}`,
  }

  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const serverLog = []
  const server = spawn(
    serverBinary,
    ['serve', '--db', database, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot],
    { env: environment, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let exitCode = null
  const exitedPromise = new Promise((resolve) => server.once('exit', (code) => resolve((exitCode = code ?? -1))))
  server.stdout.on('data', (chunk) => serverLog.push(chunk))
  server.stderr.on('data', (chunk) => serverLog.push(chunk))

  async function stop() {
    if (exitCode === null) {
      server.kill('SIGTERM')
      const timer = setTimeout(() => server.kill('SIGKILL'), 5000)
      await exitedPromise
      clearTimeout(timer)
    }
    serverFiles.delete(baseUrl)
    rmSync(folder, { recursive: true, force: true })
  }

  serverFiles.set(baseUrl, { smsLog: path.join(folder, 'sms.log'), database: path.join(folder, databaseFile) })
  try {
    await waitForHealth(baseUrl, () => exitCode !== null, 15000)
  } catch (error) {
    await stop()
    throw new Error(`${error.message}\n${Buffer.concat(serverLog).toString()}`)
  }
  return { baseUrl, stop }
}
