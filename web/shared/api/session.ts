// Session endpoints: sign in, sign out, who is signed in (GET /api/v1/me) and changing one's password.
import { request } from './client'
import type { User } from './users'
import type { Permission } from '../permissions'

/** What the user may do over the subtree of one node their roles are held in. */
export interface ScopePermissions {
  scope_node_id: number
  permissions: Permission[]
}

/** The signed-in user as sign-in and GET /api/v1/me give it: with their permissions per scope. */
export interface SessionUser extends User {
  permissions: ScopePermissions[]
}

export interface SignedInUser extends SessionUser {
  csrf_token: string
}

interface SessionCreated {
  user: SessionUser
  csrf_token: string
}

/** POST /api/v1/session: 401 invalid_credentials on a wrong login or password, 429 when throttled. */
export async function createSession(login: string, password: string): Promise<SignedInUser> {
  const created = await request<SessionCreated>('POST', '/api/v1/session', { body: { login, password } })
  return { ...created.user, csrf_token: created.csrf_token }
}

/** DELETE /api/v1/session: ends the session and clears its cookie. */
export function deleteSession(): Promise<void> {
  return request<void>('DELETE', '/api/v1/session')
}

/** GET /api/v1/me: the signed-in user with the session's CSRF token; 401 when nobody is signed in. */
export function getMe(): Promise<SignedInUser> {
  return request<SignedInUser>('GET', '/api/v1/me')
}

/**
 * POST /api/v1/me/password: 403 names current_password when it is wrong (and counts as a failed sign-in),
 * 400 names new_password with the rule broken, 429 when throttled. The user's other sessions end.
 */
export function changeOwnPassword(currentPassword: string, newPassword: string): Promise<void> {
  return request<void>('POST', '/api/v1/me/password', {
    body: { current_password: currentPassword, new_password: newPassword },
  })
}
