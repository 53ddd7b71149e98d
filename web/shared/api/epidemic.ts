// Epidemic mode (疫情防控): observation points (整楼居家隔离医学观察) on a building or unit, which suspend the
// residents' access credentials for the period and restore exactly those when lifted or once their last day passes.
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type ObservationState = 'planned' | 'active' | 'ended'

export interface Observation {
  id: number
  /** The building or unit observed. */
  node: Ref
  compound: Ref
  starts_on: string
  /** The last day observed. */
  ends_on: string
  reason: string
  state: ObservationState
  /** Parts with someone registered, and the persons, when it was declared. */
  households: number
  persons: number
  /** Credentials it holds suspended (or held, once ended). */
  credentials_suspended: number
  /** The staff who work it; they keep their access. */
  staff: { user_id: number; display_name: string }[]
  ended_at: string | null
  created_at: string
  /** Its households' check-ins and help requests, counted; kept once their records are purged. */
  check_ins: number
  help_requests: number
  care_purged_at: string | null
  /** The changes of its last day, oldest first: given when one observation is read, not in the list. */
  changes?: ObservationChange[]
}

/** A change of an observation's last day (docs/rules.md#i-observation-change). */
export interface ObservationChange {
  from_ends_on: string
  ends_on: string
  reason: string
  changed_by: string
  changed_at: string
}

export interface ObservationInput {
  node_id: number
  starts_on: string
  ends_on: string
  reason: string
  staff_user_ids: number[]
}

export function listObservations(compound: number): Promise<Observation[]> {
  return requestItems('GET', '/api/v1/epidemic/observations', { query: { compound } })
}

export function getObservation(id: number): Promise<Observation> {
  return request('GET', `/api/v1/epidemic/observations/${id}`)
}

export function declareObservation(input: ObservationInput): Promise<Observation> {
  return request('POST', '/api/v1/epidemic/observations', { body: input })
}

/** Extends or shortens a planned or running observation; the daily job ends it once the new last day has passed. */
export function changeObservationEnd(id: number, change: { ends_on: string; reason: string }): Promise<Observation> {
  return request('PATCH', `/api/v1/epidemic/observations/${id}`, { body: change })
}

export function liftObservation(id: number): Promise<Observation> {
  return request('POST', `/api/v1/epidemic/observations/${id}/lift`, { body: {} })
}

// --- Care: the households' daily health check-ins and their help requests (docs/rules.md#i-observation-care) ---

export type Symptom = 'fever' | 'cough' | 'fatigue' | 'sore_throat' | 'none'
export const symptoms: Symptom[] = ['fever', 'cough', 'fatigue', 'sore_throat', 'none']
export type HelpKind = 'supplies' | 'medicine' | 'counselling'
export const helpKinds: HelpKind[] = ['supplies', 'medicine', 'counselling']
export type HouseholdState = 'checked_in' | 'missing' | 'abnormal'

export interface HealthInput {
  /** °C with one decimal, 35.0–42.0. */
  temperature: number
  symptoms: Symptom[]
  note?: string
}

export interface CheckIn extends Required<HealthInput> {
  on_date: string
  channel: 'h5' | 'phone'
  /** 37.3 °C or more, or any symptom. */
  abnormal: boolean
  legal_basis: string
  recorded_at: string
}

export interface Household {
  id: number
  /** Building, unit and room. */
  address: string
}

export interface Board {
  observation_id: number
  date: string
  check_in_by_hour: number
  /** Whether the caller reads the households' values; otherwise only the counts come. */
  detail: boolean
  purged: boolean
  counts: { households: number; checked_in: number; missing: number; abnormal: number }
  items: { part: Household; state: HouseholdState; check_in: CheckIn | null }[]
}

export interface HelpRequest {
  id: number
  observation_id: number
  part: Household
  kind: HelpKind
  /** Null once purged, or for a reader who sees counts only. */
  detail: string | null
  case: { id: number; state: string } | null
  created_at: string
}

export interface MyEpidemic {
  homes: {
    part: Household
    observation: { id: number; address: string; starts_on: string; ends_on: string }
    today: { date: string; check_in: CheckIn | null }
  }[]
  check_in_by_hour: number
  help_requests: HelpRequest[]
}

export function getBoard(observation: number, date?: string): Promise<Board> {
  return request('GET', `/api/v1/epidemic/observations/${observation}/board`, { query: date ? { date } : {} })
}

export function enterCheckIn(observation: number, input: HealthInput & { part_id: number }): Promise<CheckIn> {
  return request('POST', `/api/v1/epidemic/observations/${observation}/check-ins`, { body: input })
}

export function listHelpRequests(observation: number): Promise<{ detail: boolean; count: number; items: HelpRequest[] }> {
  return request('GET', `/api/v1/epidemic/observations/${observation}/help-requests`)
}

export function getMyEpidemic(): Promise<MyEpidemic> {
  return request('GET', '/api/v1/me/epidemic')
}

export function checkIn(input: HealthInput & { part_id?: number }): Promise<CheckIn> {
  return request('POST', '/api/v1/me/epidemic/check-ins', { body: input })
}

export function askForHelp(input: { part_id?: number; kind: HelpKind; detail: string }): Promise<HelpRequest> {
  return request('POST', '/api/v1/me/epidemic/help-requests', { body: input })
}

/** The street's hour (0–23) from which a household with no check-in that day is missed. */
export interface CheckInPolicy {
  street_id: number
  check_in_by_hour: number
}

export function getCheckInPolicy(street: number): Promise<CheckInPolicy> {
  return request('GET', `/api/v1/epidemic-policies/${street}`)
}

export function saveCheckInPolicy(street: number, hour: number): Promise<CheckInPolicy> {
  return request('PUT', `/api/v1/epidemic-policies/${street}`, { body: { check_in_by_hour: hour } })
}
