// Accounts and their scoped roles (street_admin only): list, create, assign a role, end a role, reset a password.
import { request, requestItems } from './client'
import type { NodeKind } from './org'

/** Role codes (README.md, Demo logins); every role is held in the scope of one org node. */
export type RoleCode =
  | 'street_admin'
  | 'community_secretary'
  | 'tripartite_director'
  | 'commissioner'
  | 'party_secretary'
  | 'grid_member'
  | 'committee_member'
  | 'supervisor'
  | 'property_manager'
  | 'property_staff'
  | 'social_org'
  | 'resident'
  | 'gate_device'

export const roleCodes: readonly RoleCode[] = [
  'street_admin',
  'community_secretary',
  'tripartite_director',
  'commissioner',
  'party_secretary',
  'grid_member',
  'committee_member',
  'supervisor',
  'property_manager',
  'property_staff',
  'social_org',
  'resident',
  'gate_device',
]

/** One role held by a user; `id` is the assignment id used to end it. */
export interface RoleAssignment {
  id: number
  role: RoleCode
  scope_node_id: number
  scope_name: string
  scope_kind: NodeKind
}

export interface User {
  id: number
  login: string
  display_name: string
  disabled: boolean
  roles: RoleAssignment[]
}

export interface RoleGrant {
  role: RoleCode
  scope_node_id: number
}

export interface NewUser {
  login: string
  display_name: string
  password: string
  roles: RoleGrant[]
}

/** GET /api/v1/users */
export function listUsers(): Promise<User[]> {
  return requestItems<User>('GET', '/api/v1/users')
}

/** POST /api/v1/users: 400 names the bad field (login, display_name, password, roles[i].role …). */
export function createUser(user: NewUser): Promise<User> {
  return request<User>('POST', '/api/v1/users', { body: user })
}

/** POST /api/v1/users/{id}/roles */
export function assignRole(userId: number, grant: RoleGrant): Promise<User> {
  return request<User>('POST', `/api/v1/users/${userId}/roles`, { body: grant })
}

/** DELETE /api/v1/users/{id}/roles/{assignment_id}: the role ends now; its history stays. */
export function endRole(userId: number, assignmentId: number): Promise<void> {
  return request<void>('DELETE', `/api/v1/users/${userId}/roles/${assignmentId}`)
}

/**
 * POST /api/v1/users/{id}/password: sets the account's password and signs it out everywhere; 400 names
 * new_password with the rule broken, 403 when the account also works outside the caller's scope.
 */
export function resetPassword(userId: number, newPassword: string): Promise<void> {
  return request<void>('POST', `/api/v1/users/${userId}/password`, { body: { new_password: newPassword } })
}
