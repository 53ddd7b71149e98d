// Governance reads and changes: the organisation figures, the responsibility chain and its coverage,
// commissioners, a compound's party organisation and social organisations.
import { request, requestItems } from './client'
import type { NodeKind } from './org'

/** A record the server names by id and (masked, for people) name. */
export interface Ref {
  id: number
  name: string
}

export type PartyForm = 'single_branch' | 'joint_association' | 'community_direct' | 'none'
export const partyForms: readonly PartyForm[] = ['single_branch', 'joint_association', 'community_direct', 'none']

export type ChainPosition = 'community_secretary' | 'tripartite_director' | 'commissioner'

export interface OrganizationStats {
  node: Ref & { kind: NodeKind }
  communities: number
  compounds: number
  buildings: number
  parts: number
  commissioners: number
  commissioners_from_two_committees: number
  commissioners_also_party_secretary: number
  party_forms: Record<PartyForm, number>
  compounds_with_complete_chain: number
  compounds_missing_chain: number
}

export interface Chain {
  compound: Ref
  /** The commissioner's link carries the service phone residents may call, when one is recorded. */
  links: { position: ChainPosition; person: Ref | null; service_phone?: string | null }[]
  complete: boolean
  missing: ChainPosition[]
}

export interface Coverage {
  node: Ref
  compounds: number
  complete: number
  items: { compound: Ref; missing: ChainPosition[] }[]
}

/** The four facts recorded about a commissioner's background. */
export type CommissionerBackground = 'from_two_committees' | 'also_party_secretary' | 'first_secretary' | 'grid_chief'
export const commissionerBackgrounds: readonly CommissionerBackground[] = [
  'from_two_committees',
  'also_party_secretary',
  'first_secretary',
  'grid_chief',
]

/** A compound a commissioner anchors: since when (ISO-8601), and the service phone residents may call. */
export type CommissionerCompound = Ref & { assignment_id: number; since: string; service_phone: string | null }

/** One person anchoring one or more compounds, with their masked phone; a background is true when any assignment says so. */
export type Commissioner = {
  person: Ref & { phone: string | null }
  compounds: CommissionerCompound[]
} & Record<CommissionerBackground, boolean>

export type NewCommissioner = { person_id: number; compound_id: number; service_phone?: string } & Record<
  CommissionerBackground,
  boolean
>

export interface PartyOrg {
  id: number
  kind: 'committee' | 'branch'
  name: string
  community: Ref
  secretary: Ref | null
  compounds: Ref[]
  created_at: string
}

export interface CompoundParty {
  compound: Ref
  form: PartyForm
  derived_form: PartyForm
  overridden: boolean
  led_by_community_committee: boolean
  form_override: PartyForm | null
  community_committee: PartyOrg | null
  branches: PartyOrg[]
}

export interface SocialOrg {
  id: number
  name: string
  node: Ref
  service: string
  contact: Ref | null
  created_at: string
}

/** GET /api/v1/stats/organization: the figures of the subtree at `node` (the street when absent). */
export function getOrganizationStats(node?: number): Promise<OrganizationStats> {
  return request<OrganizationStats>('GET', '/api/v1/stats/organization', { query: { node } })
}

/** GET /api/v1/org/nodes/{id}/chain: 404 when the node is not a compound. */
export function getChain(compoundId: number): Promise<Chain> {
  return request<Chain>('GET', `/api/v1/org/nodes/${compoundId}/chain`)
}

/** GET /api/v1/governance/coverage: the compounds under `node` whose chain has a gap. */
export function getCoverage(node?: number): Promise<Coverage> {
  return request<Coverage>('GET', '/api/v1/governance/coverage', { query: { node } })
}

export function listCommissioners(node?: number): Promise<Commissioner[]> {
  return requestItems<Commissioner>('GET', '/api/v1/governance/commissioners', { query: { node } })
}

/** POST /api/v1/governance/commissioners: 409 (field compound_id) when the compound already has one. */
export function assignCommissioner(assignment: NewCommissioner): Promise<{ id: number; person: Ref; compound: Ref }> {
  return request('POST', '/api/v1/governance/commissioners', { body: assignment })
}

/** DELETE /api/v1/governance/commissioners/{id}: the assignment ends now; its history stays. */
export function endCommissioner(assignmentId: number): Promise<void> {
  return request<void>('DELETE', `/api/v1/governance/commissioners/${assignmentId}`)
}

export function getCompoundParty(compoundId: number): Promise<CompoundParty> {
  return request<CompoundParty>('GET', `/api/v1/governance/compounds/${compoundId}/party`)
}

export function listSocialOrgs(node?: number): Promise<SocialOrg[]> {
  return requestItems<SocialOrg>('GET', '/api/v1/governance/social-orgs', { query: { node } })
}
