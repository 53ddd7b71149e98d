// Access (门禁) of a compound: its gates in the street's three tiers with their weekly hours, status and the main
// gates' guard roster, the credentials (card, rotating QR code, face) issued to its residents and staff with
// their lifecycle, the signed-in resident's own credentials and current code, the compound's figures, its terminals
// and passages, and the visitor passes a household issues for its visitors.
import { request, requestItems, type Page } from './client'
import type { Ref } from './governance'

export type Tier = 'main' | 'middle' | 'small'
export type GateStatus = 'open' | 'closed' | 'fault'
export type CredentialKind = 'card' | 'qr' | 'face'
export type CredentialState = 'active' | 'suspended' | 'revoked'

export const tiers: readonly Tier[] = ['main', 'middle', 'small']
export const gateStatuses: readonly GateStatus[] = ['open', 'closed', 'fault']
export const credentialKinds: readonly CredentialKind[] = ['qr', 'card', 'face']
export const credentialStates: readonly CredentialState[] = ['active', 'suspended', 'revoked']

/** A window the gate is open: from–to ("HH:MM", street time; an end not after the start runs past midnight). */
export interface OpenWindow {
  /** ISO weekdays, 1 Monday … 7 Sunday. */
  weekdays: number[]
  from: string
  to: string
}

export interface Hours {
  always: boolean
  windows: OpenWindow[]
}

export interface Shift {
  guard_name: string
  from: string
  to: string
  weekdays: number[]
}

export interface Roster {
  gate_id: number
  /** The company of the property contract in force at the compound, which staffs the main gates. */
  company: { contract_id: number; name: string } | null
  shifts: Shift[]
}

export interface Gate {
  id: number
  compound: Ref
  name: string
  tier: Tier
  hours: Hours
  /** Open by its status and its hours at this moment. */
  open_now: boolean
  status: GateStatus
  note: string
  /** Only a main gate has one. */
  roster?: Roster
  created_at: string
  updated_at: string
}

export interface GateInput {
  name: string
  tier: Tier
  hours: Hours
  status: GateStatus
  note: string
}

export interface Credential {
  id: number
  compound: Ref
  /** A resident (name masked) or a staff account. */
  holder: { kind: 'person' | 'user'; id: number; name: string }
  /** Where a resident lives in the compound, one entry per part (its household). */
  address: { part_id: number; text: string }[]
  kind: CredentialKind
  card_number: string | null
  face_reference: string | null
  /** The tiers it opens: the small gates only with the committee's approval. */
  tiers: Tier[]
  valid_from: string
  valid_to: string
  state: CredentialState
  /** Why it is suspended or revoked. */
  reason: string | null
  suspended_by: { kind: string; id: number | null } | null
  approval: { member: { person_id: number; name: string }; reference: string } | null
  usable_today: boolean
  created_at: string
  updated_at: string
}

export interface CredentialInput {
  compound_id: number
  person_id?: number
  user_id?: number
  kind: CredentialKind
  card_number?: string
  face_reference?: string
  valid_from: string
  valid_to: string
  approval?: { member_person_id: number; reference: string }
}

export interface CredentialFilter {
  compound: number
  person?: number
  part?: number
  state?: CredentialState
}

export interface AccessStats {
  gates: Record<Tier, number>
  devices: number
  credentials_active: number
  credentials_suspended: number
  visitor_passes_active: number
  observations_active: number
}

export function listGates(compound: number): Promise<Gate[]> {
  return requestItems('GET', '/api/v1/access/gates', { query: { compound } })
}

export function createGate(compound: number, gate: GateInput): Promise<Gate> {
  return request('POST', '/api/v1/access/gates', { body: { compound_id: compound, ...gate } })
}

export function updateGate(id: number, gate: Partial<GateInput>): Promise<Gate> {
  return request('PATCH', `/api/v1/access/gates/${id}`, { body: gate })
}

export function saveRoster(gateId: number, shifts: Shift[]): Promise<Roster> {
  return request('PUT', `/api/v1/access/gates/${gateId}/roster`, { body: { shifts } })
}

export function listCredentials(filter: CredentialFilter, cursor: string | null, limit = 50): Promise<Page<Credential>> {
  return request('GET', '/api/v1/access/credentials', { query: { ...filter, cursor: cursor ?? undefined, limit } })
}

export function issueCredential(input: CredentialInput): Promise<Credential> {
  return request('POST', '/api/v1/access/credentials', { body: input })
}

export function suspendCredential(id: number, reason: string): Promise<Credential> {
  return request('POST', `/api/v1/access/credentials/${id}/suspend`, { body: { reason } })
}

export function restoreCredential(id: number): Promise<Credential> {
  return request('POST', `/api/v1/access/credentials/${id}/restore`, { body: {} })
}

export function revokeCredential(id: number, reason: string): Promise<Credential> {
  return request('POST', `/api/v1/access/credentials/${id}/revoke`, { body: { reason } })
}

export function getAccessStats(compound: number): Promise<AccessStats> {
  return request('GET', '/api/v1/stats/access', { query: { compound } })
}

export function listMyCredentials(): Promise<Credential[]> {
  return requestItems('GET', '/api/v1/me/credentials')
}

/** The code the QR image shows now (never the secret), and the seconds it holds. */
export function getMyCode(id: number): Promise<{ code: string; expires_in: number }> {
  return request('GET', `/api/v1/me/credentials/${id}/code`)
}

/** An access terminal at a gate and the state of its sync; its password is never returned. */
export interface Device {
  id: number
  gate: Ref
  name: string
  vendor: 'hikvision_isapi'
  url: string
  username: string
  last_sync_at: string | null
  /** Why the last sync failed, in plain Chinese; null once a sync succeeds. */
  last_error: string | null
  failures: number
  next_retry_at: string | null
  last_event_at: string | null
  created_at: string
  updated_at: string
}

export interface DeviceInput {
  gate_id: number
  name: string
  url: string
  username: string
  password: string
}

export interface SyncOutcome {
  upserted: number
  deleted: number
  failed: number
  error: string | null
}

export interface AccessEvent {
  id: number
  occurred_at: string
  gate: Ref
  device_id: number
  /**
   * The credential the code names, with its holder masked, or the visitor pass a check named with the visitor
   * masked; null for a code the platform does not know.
   */
  holder: { credential_id?: number; person_id?: number | null; visitor_pass_id?: number; name: string | null } | null
  employee_no: string
  /** Pulled from a terminal, or answered by the platform's check (a guard's phone or an online terminal). */
  source: 'device' | 'check'
  result: 'granted' | 'denied'
  reason: string
}

export interface EventFilter {
  compound: number
  gate?: number
  person?: number
  /** A street day (YYYY-MM-DD) or an ISO time; `to` is exclusive. */
  from?: string
  to?: string
}

export function listDevices(compound: number): Promise<Device[]> {
  return requestItems('GET', '/api/v1/access/devices', { query: { compound } })
}

export function createDevice(input: DeviceInput): Promise<Device> {
  return request('POST', '/api/v1/access/devices', { body: { ...input, vendor: 'hikvision_isapi' } })
}

export function deleteDevice(id: number): Promise<{ deleted: number }> {
  return request('DELETE', `/api/v1/access/devices/${id}`)
}

/** Syncs the terminal now: 502 with the reason when it cannot be reached or refuses the login. */
export function syncDevice(id: number): Promise<SyncOutcome> {
  return request('POST', `/api/v1/access/devices/${id}/sync`, { body: {} })
}

export function listEvents(filter: EventFilter, cursor: string | null, limit = 50): Promise<Page<AccessEvent>> {
  return request('GET', '/api/v1/access/events', { query: { ...filter, cursor: cursor ?? undefined, limit } })
}

export type PassUses = 'once' | 'many'
export type PassState = 'active' | 'used' | 'expired' | 'revoked'
/** The tiers a visitor pass may open: a small gate opens only on the committee's approval. */
export const passTiers: readonly Tier[] = ['main', 'middle']

/** A household's pass for a visitor; the visitor masked. */
export interface VisitorPass {
  id: number
  compound: Ref
  part: Ref
  visitor_name: string
  visitor_phone: string
  uses: PassUses
  gate_tiers: Tier[]
  expires_at: string
  seconds_left: number
  state: PassState
  used_at: string | null
  use_count: number
  revoked_at: string | null
  created_at: string
  /** The QR code's text, signed so the gate checks it offline; only the household's active passes carry it. */
  token?: string
}

export interface PassInput {
  part_id?: number
  visitor_name: string
  visitor_phone: string
  valid_hours?: number
  uses: PassUses
  gate_tiers?: Tier[]
}

export function listMyPasses(): Promise<VisitorPass[]> {
  return requestItems('GET', '/api/v1/me/visitor-passes')
}

export function issuePass(input: PassInput): Promise<VisitorPass> {
  return request('POST', '/api/v1/me/visitor-passes', { body: input })
}

export function revokePass(id: number): Promise<VisitorPass> {
  return request('POST', `/api/v1/me/visitor-passes/${id}/revoke`, { body: {} })
}

/** The compound's passes, newest first; `active` keeps those still usable. */
export function listCompoundPasses(compound: number, active: boolean, cursor: string | null, limit = 50): Promise<Page<VisitorPass>> {
  return request('GET', '/api/v1/access/visitor-passes', { query: { compound, active: String(active), cursor: cursor ?? undefined, limit } })
}
