// Compounds' self-management committees (小区自管会): the committees under a node, one committee with
// its term, the street's duties, members, ranked alternates and party share, and changing them.
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type Position = 'director' | 'deputy' | 'member'
export type Origin = 'social_worker' | 'resident_group_leader' | 'building_leader' | 'enthusiastic_resident' | 'commissioner'

export const positions: readonly Position[] = ['director', 'deputy', 'member']
export const origins: readonly Origin[] = [
  'social_worker',
  'resident_group_leader',
  'building_leader',
  'enthusiastic_resident',
  'commissioner',
]

export interface Member {
  id: number
  person: Ref
  /** Read from the registry at each request, never copied. */
  party_member: boolean
  position: Position
  origin: Origin
  /** Votes when elected; null when added by hand. */
  votes: number | null
  joined_at: string
}

export interface Alternate {
  /** 1 is promoted first. */
  rank: number
  person: Ref
  party_member: boolean
  votes: number | null
}

/** Exact: met when 100 × party_members ≥ required_percent × members. */
export interface PartyShare {
  party_members: number
  members: number
  required_percent: number
  met: boolean
  /** Party members still needed. */
  shortfall: number
  /** The server's explanation, present only when not met. */
  message?: string
}

/** An earlier term of the same compound's committee. */
export interface PastTerm {
  id: number
  term_starts_on: string
  term_ends_on: string
  ended_on: string | null
}

export interface Committee {
  id: number
  compound: Ref
  /** Street dates (YYYY-MM-DD); the term ends the day before its anniversary. */
  term_starts_on: string
  term_ends_on: string
  /** The day a later term replaced this one; only the current term may change. Older servers leave it out. */
  ended_on?: string | null
  next_term_id?: number | null
  previous_terms?: PastTerm[]
  duties: string[]
  members: Member[]
  alternates: Alternate[]
  party_share: PartyShare
  commissioner: { person_id: number | null; on_committee: boolean }
}

export interface NewMember {
  person_id: number
  position: Position
  origin: Origin
}

const base = '/api/v1/committees'

export function listCommittees(node?: number): Promise<Committee[]> {
  return requestItems<Committee>('GET', base, { query: { node } })
}

export function getCommittee(id: number): Promise<Committee> {
  return request<Committee>('GET', `${base}/${id}`)
}

/** 409 for a second director or someone already a member; answers with the committee as it now is. */
export function addMember(id: number, member: NewMember): Promise<Committee> {
  return request<Committee>('POST', `${base}/${id}/members`, { body: member })
}

/** Appended after the last alternate. */
export function addAlternate(id: number, alternate: Omit<NewMember, 'position'>): Promise<Committee> {
  return request<Committee>('POST', `${base}/${id}/alternates`, { body: alternate })
}

/** The member leaves with a reason and the first alternate, if any, becomes a member. */
export function memberLeaves(id: number, memberId: number, reason: string): Promise<Committee> {
  return request<Committee>('POST', `${base}/${id}/members/${memberId}/leave`, { body: { reason } })
}
