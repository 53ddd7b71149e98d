// Elevator retrofits per stairwell unit (老旧小区加装电梯, Hangzhou Order 324): the street's policy, units'
// eligibility, and each unit's project — stages, working group, consent vote, cost split, contract, mediations.
import { request, requestItems } from './client'
import type { Ref } from './governance'
import type { Bound, Channel, Fraction, ItemRatios, VoteState, Outcome } from './voting'

export type Stage = 'proposal' | 'consent' | 'design' | 'approval' | 'construction' | 'acceptance' | 'in_service' | 'withdrawn'
export type SplitMethod = 'floor' | 'area'
export type MediationLevel = 'community' | 'street'
export type MediationOutcome = 'agreed' | 'not_agreed' | 'pending'

/** The stages a project passes through, in order; `withdrawn` may end it at any stage before in_service. */
export const projectStages: readonly Stage[] = ['proposal', 'consent', 'design', 'approval', 'construction', 'acceptance', 'in_service']
export const mediationLevels: readonly MediationLevel[] = ['community', 'street']
export const mediationOutcomes: readonly MediationOutcome[] = ['agreed', 'not_agreed', 'pending']

export interface Policy {
  /** A building needs at least this many floors (2–30). */
  min_floors: number
  /** Members a working group should have (1–20). */
  group_size: number
  /** Days the design is publicised before approval (1–60), the first day counted. */
  publicity_days: number
}

/** One stairwell unit as the eligibility check sees it in the registry. */
export interface UnitEligibility {
  unit: Ref
  building: Ref & { floors: number | null; has_elevator: boolean; state_owned_land: boolean }
  compound: Ref
  /** Distinct owners of the unit's parts (a developer counts as one). */
  owners: number
  residential_parts: number
  eligible: boolean
  /** Why not, in Chinese, one per failed condition. */
  reasons: string[]
  /** The unit's project that is not withdrawn. */
  project_id: number | null
}

export interface Eligibility {
  node: Ref & { kind: string }
  policy: Policy
  eligible_units: number
  items: UnitEligibility[]
}

export interface ProjectSummary {
  id: number
  title: string
  unit_id: number
  compound_id: number
  stage: Stage
  vote_id: number | null
  created_at: string
}

export interface ListedProject extends ProjectSummary {
  unit: Ref & { building: string }
}

export interface StageEvent {
  stage: Stage
  /** Street date (YYYY-MM-DD). */
  on: string
  by: { user_id: number; name: string }
  recorded_at: string
}

export interface Member {
  /** A person of the registry (name masked), or null for a name as given. */
  person_id: number | null
  name: string
  role: string
}

export interface Group {
  members: Member[]
  size: number
  required_size: number
  /** Fewer members than the policy's group_size. */
  group_short: boolean
}

/** The owners' matter-7 consent vote as the project shows it. */
export interface ConsentVote {
  id: number
  title: string
  matter: number
  state: VoteState
  opens_at: string
  closes_at: string
  /** Null while a draft. */
  turnout: { area: Fraction; count: Fraction; quorum_met: boolean; quorum_bound: Bound } | null
  /** Null until counted. */
  outcome: Outcome | null
  /** Its ratios judged against their bounds, once counted. */
  result?: ItemRatios
}

export interface CostShare {
  part: { id: number; room_number: string; floor: number; area_centi_m2: number }
  /** The part's floor's weight as agreed; null when split by area. */
  weight: string | null
  share_fen: number
  share_yuan: string
}

export interface CostSplit {
  method: SplitMethod
  total_fen: number
  total_yuan: string
  sum_yuan: string
  shares: CostShare[]
}

/** Floor ("1", "2" …) → weight as a decimal string ("0.4"). */
export type FloorWeights = Record<string, string>

export interface Cost {
  total_fen: number
  total_yuan: string
  /** Null: split by exclusive area (Civil Code Art. 283). */
  floor_weights: FloorWeights | null
  method: SplitMethod
  /** Null when the registry no longer lets the cost be split (the cost-split route says why). */
  split: CostSplit | null
  updated_at: string
}

export interface ContractTerms {
  provider: string
  signed_on: string
  maintenance_years: number
  warranty_years: number
  /** Yuan as a decimal string ("6800.00"). */
  annual_fee_yuan: string
  response_minutes?: number | null
  note?: string
}

export interface Contract extends Required<ContractTerms> {
  /** Maintenance years + warranty years, e.g. "15+2". */
  label: string
  annual_fee_fen: number
  updated_at: string
}

export interface NewMediation {
  held_on: string
  level?: MediationLevel
  parties: string[]
  mediator_person_id?: number
  mediator_name?: string
  issue: string
  outcome: MediationOutcome
  /** Required when the outcome is agreed. */
  agreement?: string
}

export interface Mediation {
  id: number
  held_on: string
  level: MediationLevel
  parties: string[]
  mediator: { person_id: number | null; name: string } | null
  issue: string
  outcome: MediationOutcome
  agreement: string | null
  created_at: string
}

export interface Project extends ProjectSummary {
  unit: UnitEligibility
  policy: Policy
  /** Oldest first. */
  stages: StageEvent[]
  group: Group
  vote: ConsentVote | null
  cost: Cost | null
  contract: Contract | null
  mediations: Mediation[]
  /** The design's publicity, first and last day (street dates); null until it is started. */
  publicity: { starts_on: string; ends_on: string } | null
}

const projects = '/api/v1/elevator-projects'

export function getPolicy(streetId: number): Promise<Policy> {
  return request<Policy>('GET', `/api/v1/elevator-policies/${streetId}`)
}

/** 400 names min_floors or group_size when out of range. */
export function savePolicy(streetId: number, policy: Policy): Promise<Policy> {
  return request<Policy>('PUT', `/api/v1/elevator-policies/${streetId}`, { body: policy })
}

/** The stairwell units under a node (default: the user's street), with whether each may start a project. */
export function getEligibility(nodeId?: number): Promise<Eligibility> {
  return request<Eligibility>('GET', '/api/v1/elevators/eligibility', { query: { node: nodeId } })
}

/** The compound's projects, newest first. */
export function listProjects(compoundId: number): Promise<ListedProject[]> {
  return requestItems<ListedProject>('GET', projects, { query: { compound: compoundId } })
}

/** 201 in `proposal`; 409 on unit_id naming why the unit is not eligible or that it already has a project. */
export function createProject(unitId: number, title?: string, on?: string): Promise<Project> {
  return request<Project>('POST', projects, { body: { unit_id: unitId, title, on } })
}

export function getProject(id: number): Promise<Project> {
  return request<Project>('GET', `${projects}/${id}`)
}

/** Replaces the group: each member a person of the registry or a name, with a role. */
export function saveGroup(id: number, members: ({ person_id: number; role: string } | { name: string; role: string })[]): Promise<Project> {
  return request<Project>('PUT', `${projects}/${id}/group`, { body: { members } })
}

/** Creates the draft matter-7 vote on exactly the unit and moves proposal → consent; 409 in any other stage. */
export function createConsentVote(id: number, vote: { opens_at: string; closes_at: string; channels: Channel[]; on?: string }): Promise<Project> {
  return request<Project>('POST', `${projects}/${id}/consent-vote`, { body: vote })
}

/** One stage forward (or withdrawn); 409 on `to` for a skip, a step back or design before the vote passed. */
export function advanceProject(id: number, to: Stage, on?: string): Promise<Project> {
  return request<Project>('POST', `${projects}/${id}/advance`, { body: { to, on } })
}

/** Publicises the design from `startsOn` (today by default) for the policy's days; 409 outside the design stage. */
export function startPublicity(id: number, startsOn?: string): Promise<Project> {
  return request<Project>('POST', `${projects}/${id}/publicity`, { body: { starts_on: startsOn } })
}

/** `floorWeights` null splits by exclusive area; 400 on floor_weights(.N) when they do not fit the building. */
export function saveCost(id: number, totalYuan: string, floorWeights: FloorWeights | null): Promise<Project> {
  return request<Project>('PUT', `${projects}/${id}/cost`, { body: { total_yuan: totalYuan, floor_weights: floorWeights } })
}

/** 409 before a cost is saved or when the registry no longer fits the agreement. */
export function getCostSplit(id: number): Promise<CostSplit> {
  return request<CostSplit>('GET', `${projects}/${id}/cost-split`)
}

export function saveContract(id: number, terms: ContractTerms): Promise<Project> {
  return request<Project>('PUT', `${projects}/${id}/contract`, { body: terms })
}

/** By day held. */
export function listMediations(id: number): Promise<Mediation[]> {
  return requestItems<Mediation>('GET', `${projects}/${id}/mediations`)
}

/** Answers with every mediation of the project, the new one included. */
export async function addMediation(id: number, mediation: NewMediation): Promise<Mediation[]> {
  return (await request<{ id: number; items: Mediation[] }>('POST', `${projects}/${id}/mediations`, { body: mediation })).items
}
