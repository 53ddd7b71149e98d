// The progress log of a browser run: a line per test started and ended, appended by the test files
// running in parallel, so that a run stopped by its time limit still tells what passed and what ran.
import { appendFileSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from './server.mjs'

const progressLog = process.env.WEIZHI_E2E_PROGRESS || path.join(repoRoot, 'test-output', 'e2e', 'progress.log')

/** Empties the log before a run. */
export function resetProgress() {
  rmSync(progressLog, { force: true })
}

/** Appends "EVENT<TAB>SECONDS<TAB>TEST" (EVENT: start, pass or fail); one write per line, so lines never mix. */
export function logProgress(event, seconds, testName) {
  mkdirSync(path.dirname(progressLog), { recursive: true })
  appendFileSync(progressLog, `${event}\t${seconds}\t${testName}\n`)
}
