// The street's transactional tasks (物业增量、社区减负) as the browser tests find and move them: who holds the task
// covering a service item decides whether a new case of it waits for the community's triage or goes to the company.
import assert from 'node:assert/strict'

/** The street's task covering the case catalogue's item `itemCode`, as `admin` (an apiSession) reads it. */
export async function taskOfItem(admin, itemCode) {
  const { items } = await admin.get('/api/v1/property/tasks')
  const task = items.find((candidate) => candidate.service_items.some((item) => item.code === itemCode))
  assert.ok(task, `a task covers ${itemCode}`)
  return task
}

/** Moves the task covering `itemCode` to `holder` (community or property) from today, saying why in `note`. */
export async function moveTaskOfItem(admin, itemCode, holder, note) {
  const task = await taskOfItem(admin, itemCode)
  await admin.send('POST', `/api/v1/property/tasks/${task.id}/move`, { holder, note })
}
