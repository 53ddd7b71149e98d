// Dispute mediation by the communities' gold mediators (金牌调解): disputes with their parties,
// sessions, the agreement and the follow-up visits that check it holds, the community's mediators
// and the statistics.
import { request, type Page } from './client'
import type { Ref } from './governance'

export type MediationState = 'open' | 'in_mediation' | 'agreed' | 'not_agreed' | 'withdrawn'
export type PartyRole = 'applicant' | 'respondent' | 'other'
export type MediationCategory =
  | 'neighbour_noise'
  | 'water_leak'
  | 'parking'
  | 'pets'
  | 'shared_space'
  | 'elevator_retrofit'
  | 'property_fee'
  | 'other'

export const mediationStates: readonly MediationState[] = ['open', 'in_mediation', 'agreed', 'not_agreed', 'withdrawn']
export const partyRoles: readonly PartyRole[] = ['applicant', 'respondent', 'other']
export const mediationCategories: readonly MediationCategory[] = [
  'neighbour_noise',
  'water_leak',
  'parking',
  'pets',
  'shared_space',
  'elevator_retrofit',
  'property_fee',
  'other',
]

export interface Party {
  /** 0-based; sessions name their attendees by it. */
  index: number
  person_id: number | null
  /** Masked for a person of the registry, as entered for a free name. */
  name: string
  role: PartyRole
}

export interface Session {
  id: number
  held_on: string
  place: string
  attendees: number[]
  notes: string
  next_step: string
  created_at: string
}

export interface FollowUp {
  id: number
  visited_on: string
  note: string
  holds: 'kept' | 'broken'
  created_at: string
}

export interface MediationEvent {
  id: number
  kind: 'created' | 'updated' | 'transition' | 'session' | 'follow_up' | 'reopen'
  from: MediationState | null
  to: MediationState | null
  note: string
  user_id: number | null
  /** Who took the step, as every timeline names them (none for the system). */
  actor_name: string | null
  actor_role: string | null
  at: string
}

export interface Mediation {
  id: number
  compound: Ref
  building_id: number | null
  part_id: number | null
  category: MediationCategory
  category_name: string
  summary: string
  parties: Party[]
  /** The name is masked. */
  mediator: { person_id: number; name: string }
  case_id: number | null
  state: MediationState
  agreement: string | null
  signed_on: string | null
  reason: string | null
  reopened: boolean
  created_at: string
  updated_at: string
}

export interface MediationDetail extends Mediation {
  sessions: Session[]
  follow_ups: FollowUp[]
  /** The last day for the visit checking the agreement holds (30 days after signing), until one is made; else null. */
  follow_up_due_on: string | null
  timeline: MediationEvent[]
  /** Agreed, never reopened, and the latest visit found the agreement broken. */
  can_reopen: boolean
}

/** A party as sent: a person of the registry or a free name. */
export type NewParty = { person_id: number; role: PartyRole } | { name: string; role: PartyRole }

export interface NewMediation {
  compound_id: number
  category: MediationCategory
  summary: string
  mediator_person_id: number
  parties: NewParty[]
  building_id?: number
  part_id?: number
  case_id?: number
}

export interface MediationStats {
  node_id: number
  open: number
  in_mediation: number
  agreed: number
  not_agreed: number
  withdrawn: number
  agreement_rate: { num: number; den: number }
  kept_share: { num: number; den: number }
  by_category: { code: MediationCategory; name: string; count: number }[]
}

const mediations = '/api/v1/mediations'

/** One page of the disputes under a node (default: the user's street), newest first. */
export async function listMediations(query: { node?: number; state?: MediationState }, cursor?: string | null, limit = 50): Promise<Page<Mediation>> {
  const page = await request<{ items: Mediation[]; next_cursor: string | null }>('GET', mediations, { query: { ...query, cursor, limit } })
  return { items: page.items, next_cursor: page.next_cursor ?? null }
}

export function getMediation(id: number): Promise<MediationDetail> {
  return request<MediationDetail>('GET', `${mediations}/${id}`)
}

/** 400 names the field at fault (`parties[1].role`…); 422 for a mediator who is not a gold mediator of the community. */
export function createMediation(mediation: NewMediation): Promise<MediationDetail> {
  return request<MediationDetail>('POST', mediations, { body: mediation })
}

/** Only while the dispute is open (409 afterwards). */
export function updateMediation(id: number, change: Partial<Omit<NewMediation, 'compound_id'>>): Promise<MediationDetail> {
  return request<MediationDetail>('PATCH', `${mediations}/${id}`, { body: change })
}

/** The first session of an open dispute starts its mediation. */
export function addSession(id: number, session: { held_on?: string; place: string; attendees: number[]; notes: string; next_step?: string }): Promise<MediationDetail> {
  return request<MediationDetail>('POST', `${mediations}/${id}/sessions`, { body: session })
}

/** 409 for a step the state does not allow; agreed needs the agreement and its signing date, not agreed and withdrawn a reason. */
export function transitionMediation(
  id: number,
  step: { to: MediationState; agreement?: string; signed_on?: string; reason?: string },
): Promise<MediationDetail> {
  return request<MediationDetail>('POST', `${mediations}/${id}/transition`, { body: step })
}

export function addFollowUp(id: number, visit: { visited_on?: string; note?: string; holds: 'kept' | 'broken' }): Promise<MediationDetail> {
  return request<MediationDetail>('POST', `${mediations}/${id}/follow-ups`, { body: visit })
}

export function getMediationStats(node?: number): Promise<MediationStats> {
  return request<MediationStats>('GET', '/api/v1/stats/mediation', { query: { node } })
}
