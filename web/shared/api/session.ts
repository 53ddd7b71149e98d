// Session endpoints: sign in (with a password, or as a resident with a phone and an SMS code), sign out, who is
// signed in (GET /api/v1/me), changing one's password, and the devices signed in to the account (我的设备).
import { request, requestItems } from './client'
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

/** POST /api/v1/session/sms-code: 202 with the seconds before another code may be asked, whatever the phone. */
export function requestSignInCode(phone: string): Promise<{ resend_after: number }> {
  return request<{ resend_after: number }>('POST', '/api/v1/session/sms-code', { body: { phone } })
}

/** One registry person among those who share a phone: a token that picks them with this code, and the masked name. */
export interface PhoneHolder {
  person_token: string
  name: string
}

/**
 * POST /api/v1/session with a phone and its code: the signed-in resident, or the people to choose from when
 * several share the phone (send again with the chosen `personToken`). 401 invalid_code names `code`, 403
 * password_required (staff sign in with their password), 429 with Retry-After, 503 sms_unavailable.
 */
export async function createPhoneSession(
  phone: string,
  code: string,
  personToken?: string,
): Promise<SignedInUser | { choose: PhoneHolder[] }> {
  const body = personToken ? { phone, code, person_token: personToken } : { phone, code }
  const answer = await request<SessionCreated | { choose: PhoneHolder[] }>('POST', '/api/v1/session', { body })
  if ('choose' in answer) return answer
  return { ...answer.user, csrf_token: answer.csrf_token }
}

/** One device signed in to the user's account (我的设备): named from its browser; `current` is the one asking. */
export interface DeviceSession {
  id: number
  device: string
  created_at: string
  last_seen_at: string
  current: boolean
}

/** GET /api/v1/me/sessions: the user's signed-in devices, most recently used first. */
export function listMySessions(): Promise<DeviceSession[]> {
  return requestItems<DeviceSession>('GET', '/api/v1/me/sessions')
}

/** DELETE /api/v1/me/sessions/{id}: signs that device out; 404 not_found when it is not one of the user's (any more). */
export function endMySession(id: number): Promise<void> {
  return request<void>('DELETE', `/api/v1/me/sessions/${id}`)
}

/** POST /api/v1/me/sessions/end-others: signs out every device but this one; answers how many ended. */
export function endOtherSessions(): Promise<{ ended: number }> {
  return request<{ ended: number }>('POST', '/api/v1/me/sessions/end-others')
}
