// Direct API calls the tests use to look things up (e.g. a node's id), signed in with a demo account.
import assert from 'node:assert/strict'
import { demoPassword } from './server.mjs'

/** Signs in as `login` and returns GET and send helpers that carry the session cookie (and CSRF token). */
export async function apiSession(baseUrl, login) {
  const response = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login, password: demoPassword }),
  })
  assert.equal(response.status, 200, `sign-in as ${login}`)
  const cookie = response.headers.getSetCookie().map((header) => header.split(';')[0]).join('; ')
  const body = await response.json()
  const csrfToken = body.csrf_token
  return {
    user: body.user,
    async get(pathAndQuery) {
      const answer = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { Cookie: cookie } })
      assert.equal(answer.status, 200, `GET ${pathAndQuery}`)
      return answer.json()
    },
    /** The HTTP status of a GET, for what a role may or may not read. */
    async status(pathAndQuery) {
      const answer = await fetch(`${baseUrl}${pathAndQuery}`, { headers: { Cookie: cookie } })
      await answer.arrayBuffer()
      return answer.status
    },
    /** Sends `body` (JSON, or text with `contentType`); fails unless the answer is `expectedStatus`. */
    async send(method, pathAndQuery, body, { expectedStatus = 200, contentType = 'application/json' } = {}) {
      const answer = await fetch(`${baseUrl}${pathAndQuery}`, {
        method,
        headers: { Cookie: cookie, 'X-CSRF-Token': csrfToken, 'Content-Type': contentType },
        body: contentType === 'application/json' ? JSON.stringify(body) : body,
      })
      assert.equal(answer.status, expectedStatus, `${method} ${pathAndQuery}: ${await answer.clone().text()}`)
      return answer.status === 204 ? null : answer.json()
    },
  }
}

/** The id of the org node named `name`, searched from the street admin's scope downwards. */
export async function findNodeId(baseUrl, name) {
  const admin = await apiSession(baseUrl, 'admin')
  const pending = admin.user.roles.map((role) => ({ id: role.scope_node_id, name: role.scope_name }))
  while (pending.length > 0) {
    const node = pending.shift()
    if (node.name === name) return node.id
    const children = await admin.get(`/api/v1/org/nodes/${node.id}/children`)
    pending.push(...children.items)
  }
  throw new Error(`no org node named ${name}`)
}

/**
 * The last four characters of a person's ID number, as the street admin unmasks them (with a logged reason): what
 * the person types in an owners' vote's identity check before their first online ballot.
 */
export async function idNumberEnd(baseUrl, personId) {
  const admin = await apiSession(baseUrl, 'admin')
  const clear = await admin.send('POST', `/api/v1/people/${personId}/unmask`, { reason: '浏览器测试核对表决实名' })
  return clear.id_number.slice(-4)
}
