// Public service cases (小区公共服务事项): the street's catalogue of items with their SLAs, cases
// from report through the transition table to close, notes, bulk assignment, the resident's rating and
// the follow-up visit. The server decides every step; these types mirror its answers.
import { request, requestItems, type Page } from './client'
import type { Ref } from './governance'

export type CaseState =
  | 'reported'
  | 'accepted'
  | 'assigned'
  | 'in_progress'
  | 'transferred'
  | 'resolved'
  | 'verified'
  | 'closed'
  | 'returned'
  | 'duplicate'
  | 'closed_not_fixed'
export type StateType = 'open' | 'fixed' | 'closed'
export type CaseParty = 'property_company' | 'committee' | 'commissioner' | 'community' | 'street' | 'utility' | 'social_org'
export type CaseChannel = 'resident_h5' | 'hotline' | 'patrol' | 'open311'
export type CaseEscalationLevel = 'none' | 'commissioner' | 'tripartite_director' | 'community_secretary' | 'street'

export const caseStates: readonly CaseState[] = [
  'reported',
  'accepted',
  'assigned',
  'in_progress',
  'transferred',
  'resolved',
  'verified',
  'closed',
  'returned',
  'duplicate',
  'closed_not_fixed',
]
export const caseParties: readonly CaseParty[] = ['property_company', 'committee', 'commissioner', 'community', 'street', 'utility', 'social_org']
/** The chain an overdue case climbs, one level per missed period of its item's resolution days. */
export const caseEscalationLevels: readonly Exclude<CaseEscalationLevel, 'none'>[] = [
  'commissioner',
  'tripartite_director',
  'community_secretary',
  'street',
]

export interface CaseItem {
  id: number
  street_id: number
  code: string
  name: string
  category: string
  party: CaseParty
  steps: { pre: boolean; in_process: boolean; follow_up: boolean }
  response_hours: number
  resolution_days: number
  revisit_required: boolean
  active: boolean
}

/** The editable fields of an item, flat as POST and PATCH take them (`code` only on create). */
export interface CaseItemFields {
  name: string
  category: string
  party: CaseParty
  pre: boolean
  in_process: boolean
  follow_up: boolean
  response_hours: number
  resolution_days: number
  revisit_required: boolean
  active: boolean
}

export interface ServiceCase {
  id: number
  item: { code: string; name: string }
  compound: Ref
  part_id: number | null
  building_id: number | null
  address: string
  description: string
  photos: string[]
  channel: CaseChannel
  state: CaseState
  state_type: StateType
  assignee_user_id: number | null
  /** The assignee's name (masked for a resident) and role, null when unassigned. */
  assignee_name: string | null
  assignee_role: string | null
  original_id: number | null
  close_reason: string | null
  reported_at: string
  response_due_at: string
  /** The end of the due day (24:00 street time) of resolve_due_on: the day counts in full. */
  resolve_due_at: string
  /** The street day (YYYY-MM-DD) the fix is due on. */
  resolve_due_on: string
  accepted_at: string | null
  resolved_at: string | null
  closed_at: string | null
  /** Computed on read: still reported past response_due_at. */
  response_overdue: boolean
  /** Computed on read: open past resolve_due_at. */
  resolution_overdue: boolean
  /** Either deadline missed. */
  overdue: boolean
  reopened: boolean
  /** Fixed (resolved, verified or closed) and not yet rated by the resident who reported it on the H5. */
  awaiting_rating: boolean
  /** The plain category the resident reported under, kept as they chose it; null for staff's registrations. */
  resident_category: { code: string; name: string } | null
  revisited_on: string | null
  escalation_level: CaseEscalationLevel
}

/** `transition` (from → to), `note`, `escalation` (to = the level), `reopen`, `rating`, `revisit`, … */
export interface CaseEvent {
  id: number
  kind: string
  from: string | null
  to: string | null
  note: string
  user_id: number | null
  /** Who took the step by name (masked for a resident) and role, null for the system. */
  actor_name: string | null
  actor_role: string | null
  at: string
}

export interface CaseRating {
  score: number
  comment: string
  reopened: boolean
  at: string
}

export interface CaseDetail extends ServiceCase {
  events: CaseEvent[]
  ratings: CaseRating[]
}

/** A plain category residents report under (水电, 楼道, … 其他), standing for a default catalogue item. */
export interface ResidentCategory {
  id: number
  street_id: number
  code: string
  name: string
  item: { code: string; name: string }
  position: number
  active: boolean
}

/** Staff name the catalogue item; residents name their plain category instead. */
export interface NewCase {
  item_code?: string
  category_code?: string
  compound_id: number
  part_id?: number
  building_id?: number
  address?: string
  description: string
  /** Ids from uploadPhoto, at most 6. */
  photos?: string[]
  channel?: CaseChannel
}

export interface CaseQuery {
  node?: number
  state?: CaseState
  item?: string
  overdue?: boolean
  /** Open and recorded on some level of the chain. */
  escalated?: boolean
  /** Reported or accepted: nobody works it yet. */
  unassigned?: boolean
  assignee?: 'me' | number
}

export interface Transition {
  to: CaseState
  note?: string
  assignee_user_id?: number
  original_id?: number
  reason?: string
}

const items = '/api/v1/case-items'
const cases = '/api/v1/cases'

/** The street's catalogue (of `street`, else of the street above `node`); `all` includes inactive items. */
export function listCaseItems(where: { street?: number; node?: number }, all = false): Promise<CaseItem[]> {
  return requestItems<CaseItem>('GET', items, { query: { ...where, all: all ? 1 : undefined } })
}

/** 409 on `code` when the street has it already. */
export function createCaseItem(streetId: number, code: string, fields: CaseItemFields): Promise<CaseItem> {
  return request<CaseItem>('POST', items, { body: { street_id: streetId, code, ...fields } })
}

export function updateCaseItem(id: number, fields: Partial<CaseItemFields>): Promise<CaseItem> {
  return request<CaseItem>('PATCH', `${items}/${id}`, { body: fields })
}

/** The categories the H5 offers residents, in order (of `street`, else of the street above `node`). */
export function listResidentCategories(where: { street?: number; node?: number }): Promise<ResidentCategory[]> {
  return requestItems<ResidentCategory>('GET', '/api/v1/case-categories', { query: where })
}

/** Staff at triage put a reported or accepted case under the catalogue item that fits (409 once assigned). */
export function classifyCase(id: number, itemCode: string): Promise<CaseDetail> {
  return request<CaseDetail>('POST', `${cases}/${id}/item`, { body: { item_code: itemCode } })
}

/** 201 with the case; residents only for a compound they own, rent or live in (403 otherwise). */
export function reportCase(input: NewCase): Promise<CaseDetail> {
  return request<CaseDetail>('POST', cases, { body: input })
}

export function listCases(query: CaseQuery, cursor?: string | null, limit = 100): Promise<Page<ServiceCase>> {
  return request<Page<ServiceCase>>('GET', cases, {
    query: {
      node: query.node,
      state: query.state,
      item: query.item,
      overdue: query.overdue ? 1 : undefined,
      escalated: query.escalated ? 1 : undefined,
      unassigned: query.unassigned ? 1 : undefined,
      assignee: query.assignee,
      cursor,
      limit,
    },
  })
}

export interface CaseAssignee {
  user_id: number
  display_name: string
  /** The roles through which they may work cases there. */
  roles: string[]
}

/** Accounts that may work cases at or under the node; needs cases.assign there. */
export function listCaseAssignees(node: number): Promise<CaseAssignee[]> {
  return requestItems<CaseAssignee>('GET', '/api/v1/case-assignees', { query: { node } })
}

/** The signed-in user's own reports, newest first. */
export function listMyCases(cursor?: string | null, limit = 50): Promise<Page<ServiceCase>> {
  return request<Page<ServiceCase>>('GET', '/api/v1/me/cases', { query: { cursor, limit } })
}

export function getCase(id: number): Promise<CaseDetail> {
  return request<CaseDetail>('GET', `${cases}/${id}`)
}

/** Where a browser fetches one of a case's photos (the session cookie decides whether it may). */
export function casePhotoUrl(caseId: number, photoId: string): string {
  return `${cases}/${caseId}/photos/${photoId}`
}

/** 409 when the step is not in the table (or the case changed), 403 without the step's permission. */
export function transitionCase(id: number, transition: Transition): Promise<CaseDetail> {
  return request<CaseDetail>('POST', `${cases}/${id}/transition`, { body: transition })
}

export function addCaseNote(id: number, note: string): Promise<CaseDetail> {
  return request<CaseDetail>('POST', `${cases}/${id}/notes`, { body: { note } })
}

/** All the cases are assigned (or handed over) or none: the first refusal is the error. */
export function bulkAssignCases(caseIds: number[], assigneeUserId: number): Promise<ServiceCase[]> {
  return requestItems<ServiceCase>('POST', `${cases}/bulk-assign`, { body: { case_ids: caseIds, assignee_user_id: assigneeUserId } })
}

/** The reporter only; a first score ≤ 2 reopens the case (the server decides). */
export function rateCase(id: number, score: number, comment: string): Promise<CaseDetail> {
  return request<CaseDetail>('POST', `${cases}/${id}/rating`, { body: { score, comment } })
}

export function revisitCase(id: number, on: string, note: string): Promise<CaseDetail> {
  return request<CaseDetail>('POST', `${cases}/${id}/revisit`, { body: { on, note } })
}

/** The catalogue grouped by category, in the order the categories first appear (both apps list items so). */
export function itemsByCategory(list: readonly CaseItem[]): [string, CaseItem[]][] {
  const groups = new Map<string, CaseItem[]>()
  for (const item of list) groups.set(item.category, [...(groups.get(item.category) ?? []), item])
  return [...groups.entries()]
}
