// Run by `npm run e2e` before the test files: seeds the demo street that every test file's server
// copies, and empties the progress log.
import { prepareSeededStreet } from './server.mjs'
import { resetProgress } from './progress.mjs'

resetProgress()
prepareSeededStreet()
