// Run by `npm run e2e` before the test files: seeds the demo street that every test file's server copies.
import { prepareSeededStreet } from './server.mjs'

prepareSeededStreet()
