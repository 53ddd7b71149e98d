// Runs every browser test file, two at a time, the largest first: a long file that started last
// would leave one lane idle while it ran on alone.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const e2eDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const files = readdirSync(e2eDir)
  .filter((name) => name.endsWith('.test.mjs'))
  .map((name) => path.join(e2eDir, name))
  .sort((a, b) => statSync(b).size - statSync(a).size)

const run = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit' })
process.exit(run.status ?? 1)
