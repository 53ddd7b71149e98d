// Compounds' covenants (管理规约 / 小区公约, Civil Code Art. 278 matter 2): versions with their clauses
// and enforcement rules, adoption by a passed vote, households' acknowledgements, violations from
// report to removal with re-inspections and escalation up the chain, and the compound's statistics.
import { request, type Page } from './client'
import type { Ref } from './governance'

export type VersionState = 'draft' | 'adopted' | 'superseded'
export type ViolationState = 'reported' | 'notified' | 'rectifying' | 'removed' | 'closed'
export type ViolationKind = 'illegal_structure' | 'parking' | 'other'
export type EscalationLevel = 'none' | 'commissioner' | 'tripartite_director' | 'community_secretary' | 'street'

export const violationStates: readonly ViolationState[] = ['reported', 'notified', 'rectifying', 'removed', 'closed']
/** The chain an overdue violation climbs, one level per clause's escalation_days overdue. */
export const escalationLevels: readonly EscalationLevel[] = [
  'commissioner',
  'tripartite_director',
  'community_secretary',
  'street',
]

export interface Clause {
  /** 1, 2, … in order. */
  number: number
  /** `parking`, `illegal_structure` or one of the street's own types. */
  type: string
  text: string
  /** Days from the notice to rectify (1–90). */
  rectification_days: number
  /** Days overdue per level of the chain (1–90). */
  escalation_days: number
}

export interface Version {
  id: number
  compound: Ref
  number: number
  title: string
  state: VersionState
  vote_id: number | null
  vote_item: number | null
  /** Street dates (YYYY-MM-DD). */
  adopted_on: string | null
  superseded_on: string | null
  created_at: string
  clauses: Clause[]
}

/** The street's clause types: parking and illegal structures always, then the street's own. */
export interface CovenantPolicy {
  extra_clause_types: string[]
  clause_types: string[]
}

export interface CompoundCovenants {
  compound: Ref
  in_force_id: number | null
  policy: CovenantPolicy
  /** Newest first. */
  items: Version[]
}

export interface Acknowledgement {
  /** The part's room name only (e.g. "101"). */
  part: Ref
  /** False for a paper acknowledgement recorded by staff. */
  signed_by_resident: boolean
  acknowledged_at: string
}

export interface Acknowledgements {
  covenant_id: number
  acknowledged_parts: number
  residential_parts: number
  items: Acknowledgement[]
}

/**
 * Who took a step, by name and role as every timeline shows them (masked for residents). Given on a
 * violation's own page, not in lists; null for the daily job and for steps recorded before it was kept.
 */
export interface StepTaker {
  user_id: number
  name: string
  role: string
}

export interface Inspection {
  id: number
  inspected_on: string
  passed: boolean
  note: string
  by?: StepTaker | null
}

/** Who an overdue violation has reached today, computed on read; `recorded_level` is what the escalation run wrote down. */
export interface Escalation {
  level: EscalationLevel
  days_overdue: number
  /** The holder of that chain position; null for the street or a vacant position. */
  person: Ref | null
  recorded_level: EscalationLevel
  /** Each level an escalation run recorded, with its day, lowest level first. */
  recorded: { level: EscalationLevel; on: string; by?: StepTaker | null }[]
}

export interface Violation {
  id: number
  covenant_id: number
  compound_id: number
  compound: { id: number; name: string }
  clause_number: number
  clause_type: string
  kind: ViolationKind
  state: ViolationState
  reported_on: string
  notified_on: string | null
  /** notified_on + the clause's rectification_days. */
  deadline_on: string | null
  rectifying_on: string | null
  removed_on: string | null
  closed_on: string | null
  close_reason: string | null
  created_at: string
  /** Illegal structures only. */
  location?: string
  part_id?: number | null
  area_centi_m2?: number
  photos?: string[]
  /** Parking only. */
  plate?: string
  place?: string
  /** The street's other clause types. */
  description?: string
  inspections: Inspection[]
  escalation: Escalation
  by?: Record<'reported' | 'notified' | 'rectifying' | 'removed' | 'closed', StepTaker | null>
}

export interface NewViolation {
  compound_id: number
  clause_number: number
  reported_on?: string
  location?: string
  part_id?: number
  area_centi_m2?: number
  /** Ids from uploadPhoto (illegal structures). */
  photos?: string[]
  plate?: string
  place?: string
  description?: string
}

export interface CovenantStats {
  adopted_on: string | null
  violations: number
  removed: number
  /** Exact sum; an integer when whole. */
  removed_area_m2: number
  days_to_last_removal: number | null
  open: number
}

const covenants = '/api/v1/covenants'
const violations = '/api/v1/covenant-violations'

export function listCovenants(compoundId: number): Promise<CompoundCovenants> {
  return request<CompoundCovenants>('GET', covenants, { query: { compound: compoundId } })
}

/** 201 draft; 400 names the field at fault (title, clauses[2].rectification_days …). */
export function createCovenant(compoundId: number, title: string, clauses: Clause[]): Promise<Version> {
  return request<Version>('POST', covenants, { body: { compound_id: compoundId, title, clauses } })
}

export function getCovenant(id: number): Promise<Version> {
  return request<Version>('GET', `${covenants}/${id}`)
}

/** 409 with the reason on `vote_id` unless a passed matter-2 vote of the same compound. */
export function adoptCovenant(id: number, voteId: number, voteItem?: number): Promise<Version> {
  return request<Version>('POST', `${covenants}/${id}/adopt`, { body: { vote_id: voteId, vote_item: voteItem } })
}

export function getAcknowledgements(id: number): Promise<Acknowledgements> {
  return request<Acknowledgements>('GET', `${covenants}/${id}/acknowledgements`)
}

/** A resident signs for their own home; staff record a paper one. 409 when already acknowledged. */
export function acknowledge(id: number, partId: number): Promise<Acknowledgements> {
  return request<Acknowledgements>('POST', `${covenants}/${id}/acknowledgements`, { body: { part_id: partId } })
}

/**
 * One page of the violations under a node (default: the user's street), newest first. A server that
 * does not page yet answers with all of them and no next_cursor, which reads as the last page.
 */
export async function listViolations(
  query: { node?: number; state?: ViolationState },
  cursor?: string | null,
  limit = 100,
): Promise<Page<Violation>> {
  const page = await request<{ items: Violation[]; next_cursor?: string | null }>('GET', violations, {
    query: { ...query, cursor, limit },
  })
  return { items: page.items, next_cursor: page.next_cursor ?? null }
}

export function getViolation(id: number): Promise<Violation> {
  return request<Violation>('GET', `${violations}/${id}`)
}

/** Where a browser fetches one of a violation's photos (the session cookie decides whether it may). */
export function violationPhotoUrl(violationId: number, photoId: string): string {
  return `${violations}/${violationId}/photos/${photoId}`
}

/** 409 when the compound has no covenant in force; 400 names the kind field at fault. */
export function reportViolation(violation: NewViolation): Promise<Violation> {
  return request<Violation>('POST', violations, { body: violation })
}

/** The steps of a violation's life; each answers with the violation as it now is, 409 when its state does not allow it. */
export type ViolationStep =
  | { action: 'notify'; body: { notified_on?: string } }
  | { action: 'rectifying'; body: { on?: string } }
  | { action: 'inspections'; body: { inspected_on?: string; passed: boolean; note?: string } }
  | { action: 'remove'; body: { removed_on?: string } }
  | { action: 'close'; body: { reason: string; closed_on?: string } }

export function stepViolation(id: number, step: ViolationStep): Promise<Violation> {
  return request<Violation>('POST', `${violations}/${id}/${step.action}`, { body: step.body })
}

export function getCovenantStats(compoundId: number): Promise<CovenantStats> {
  return request<CovenantStats>('GET', '/api/v1/stats/covenant', { query: { compound: compoundId } })
}

/** 400 names `extra_clause_types[i]` for a bad or repeated code. */
export function saveCovenantPolicy(streetId: number, extraClauseTypes: string[]): Promise<CovenantPolicy> {
  return request<CovenantPolicy>('PUT', `/api/v1/covenant-policies/${streetId}`, { body: { extra_clause_types: extraClauseTypes } })
}

/** What one escalation run recorded: each violation and level newly told. */
export interface EscalationRun {
  today: string
  node_id: number
  recorded: { violation_id: number; level: EscalationLevel }[]
}

/** Records now, under the node, every level overdue violations have reached (the daily job does the same). */
export function escalateViolations(nodeId: number): Promise<EscalationRun> {
  return request<EscalationRun>('POST', `${violations}/escalate`, { query: { node: nodeId } })
}
