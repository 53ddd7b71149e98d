// Property services (物业服务): the street's companies, the clusters they operate, each compound's contract
// chosen by its owners' vote, the transactional tasks handed between community and company, and the
// community's ledger. Every amount is an integer number of fen, never a float.
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type CompanyOrigin = 'local' | 'external'
export type ContractState = 'draft' | 'in_force' | 'ended'
export type OperatorRole = 'lead' | 'partner'
export type TaskHolder = 'community' | 'property'
export type GateTier = 'main' | 'middle' | 'small'
export type ClusterEventKind = 'operator_started' | 'operator_ended' | 'community_joined' | 'community_left'

export const companyOrigins: readonly CompanyOrigin[] = ['local', 'external']
export const contractStates: readonly ContractState[] = ['draft', 'in_force', 'ended']
export const operatorRoles: readonly OperatorRole[] = ['lead', 'partner']
export const taskHolders: readonly TaskHolder[] = ['community', 'property']
export const gateTiers: readonly GateTier[] = ['main', 'middle', 'small']

/** Who took a step, as the property routes name them; null for a step nobody's account took. */
export type PropertyActor = { user_id: number; name: string; role: string } | null

export interface CompanyRef extends Ref {
  origin: CompanyOrigin
}

export interface Contact {
  name: string
  title: string
  phone: string
}

export interface CompanyStaff {
  user_id: number
  name: string
  role: string
}

export interface Company {
  id: number
  street: Ref
  name: string
  /** 统一社会信用代码, 18 characters. */
  credit_code: string
  origin: CompanyOrigin
  specialities: string[]
  contacts: Contact[]
  /** Photo ids from POST /api/v1/photos. */
  licence_photos: string[]
  staff: CompanyStaff[]
  compounds_under_contract: number
  created_at: string
}

export type CompanyFields = Pick<Company, 'name' | 'credit_code' | 'origin' | 'specialities' | 'contacts' | 'licence_photos'>

export interface ContractSummary {
  id: number
  company: CompanyRef
  state: ContractState
  ends_on: string
}

export interface ClusterCompound extends Ref {
  contract: ContractSummary | null
}

/** A company operating a cluster: its term's id, which ending the term names. */
export interface ClusterOperator extends CompanyRef {
  operator_id: number
}

export interface Cluster {
  id: number
  name: string
  code: string | null
  lead: ClusterOperator | null
  partners: ClusterOperator[]
  /** A lead with at least one partner: 以大带小. */
  joint_operation: boolean
  communities: (Ref & { compounds: ClusterCompound[] })[]
}

export interface ClusterEvent {
  on: string
  kind: ClusterEventKind
  company?: CompanyRef
  community?: Ref
  by: PropertyActor
}

/** The vote and its item that adopted or ended a contract. */
export interface VoteDecision {
  vote: { id: number; title: string }
  item: number
}

export interface Contract {
  id: number
  compound: Ref & { community: Ref }
  company: CompanyRef
  starts_on: string
  ends_on: string
  /** Per month, fen. */
  base_fen: number
  pool_fen: number
  services: string[]
  gate_tiers: GateTier[]
  state: ContractState
  adopted_by: VoteDecision | null
  adopted_on: string | null
  ended_by: VoteDecision | null
  ended_on: string | null
  end_reason: string | null
  created_at: string
}

export interface ContractDraft {
  compound_id: number
  company_id: number
  starts_on: string
  ends_on: string
  base_fen: number
  pool_fen: number
  services: string[]
  gate_tiers: GateTier[]
}

export interface ContractQuery {
  node?: number
  company?: number
  state?: ContractState
}

export interface Task {
  id: number
  code: string
  name: string
  holder: TaskHolder
  since: string
  service_items: { code: string; name: string }[]
  moves: number
}

export interface TaskMove {
  on: string
  from: TaskHolder
  to: TaskHolder
  note: string
  by: PropertyActor
}

export interface LedgerAmounts {
  income: { funding_fen: number; revenue_fen: number; total_fen: number }
  costs: { contract_fen: number; other_fen: number; total_fen: number }
  subsidy_fen: number
}

export interface LedgerMonth extends LedgerAmounts {
  /** YYYY-MM. */
  month: string
}

export interface CompoundShare {
  compound: Ref
  common_income_fen: number
  costs_fen: number
  owners_fen: number
}

export interface Ledger {
  community: Ref
  year: number
  months: LedgerMonth[]
  totals: LedgerAmounts
  self_sufficient: boolean
  compounds: CompoundShare[]
}

export interface CommunityBalance {
  community: Ref
  income_fen: number
  costs_fen: number
  subsidy_fen: number
  self_sufficient: boolean
}

export interface LedgerSummary {
  items: CommunityBalance[]
  communities_without_subsidy: number
  street_subsidy_fen: number
}

/** GET /stats/property: the street's figures, each counted from records. */
export interface PropertyStats {
  communities: number
  clusters: number
  companies: number
  local_companies: number
  external_companies: number
  joint_operations: number
  compounds_under_contract: number
  tasks_transferred: number
  funding_lines: number
  communities_without_subsidy: number
  street_subsidy_fen: number
  evaluations_closed: number
}

/** What the compound's owners read of the contract in force. */
export type PublicContract = Pick<
  Contract,
  'id' | 'compound' | 'company' | 'starts_on' | 'ends_on' | 'services' | 'gate_tiers' | 'adopted_by' | 'adopted_on'
>

const base = '/api/v1/property'

export function listCompanies(street?: number): Promise<Company[]> {
  return requestItems<Company>('GET', `${base}/companies`, { query: { street } })
}

export function getCompany(id: number): Promise<Company> {
  return request<Company>('GET', `${base}/companies/${id}`)
}

export function createCompany(company: CompanyFields): Promise<Company> {
  return request<Company>('POST', `${base}/companies`, { body: company })
}

export function updateCompany(id: number, changes: Partial<CompanyFields>): Promise<Company> {
  return request<Company>('PATCH', `${base}/companies/${id}`, { body: changes })
}

export function linkStaff(companyId: number, userId: number): Promise<Company> {
  return request<Company>('POST', `${base}/companies/${companyId}/staff`, { body: { user_id: userId } })
}

export function unlinkStaff(companyId: number, userId: number): Promise<void> {
  return request<void>('DELETE', `${base}/companies/${companyId}/staff/${userId}`)
}

export function licenceUrl(companyId: number, photoId: string): string {
  return `${base}/companies/${companyId}/licences/${encodeURIComponent(photoId)}`
}

export function listClusters(street?: number): Promise<Cluster[]> {
  return requestItems<Cluster>('GET', `${base}/clusters`, { query: { street } })
}

export function addOperator(clusterId: number, operator: { company_id: number; role: OperatorRole; since: string }): Promise<Cluster> {
  return request<Cluster>('POST', `${base}/clusters/${clusterId}/operators`, { body: operator })
}

/** Ends a company's term operating the cluster on `until`, its last day. */
export function endOperator(clusterId: number, operatorId: number, until: string): Promise<Cluster> {
  return request<Cluster>('POST', `${base}/clusters/${clusterId}/operators/${operatorId}/end`, { body: { until } })
}

export function moveCommunity(clusterId: number, move: { community_id: number; on: string }): Promise<Cluster> {
  return request<Cluster>('POST', `${base}/clusters/${clusterId}/communities`, { body: move })
}

export function clusterHistory(clusterId: number): Promise<ClusterEvent[]> {
  return requestItems<ClusterEvent>('GET', `${base}/clusters/${clusterId}/history`)
}

export function listContracts(query: ContractQuery = {}): Promise<Contract[]> {
  return requestItems<Contract>('GET', `${base}/contracts`, { query: { ...query } })
}

export function getContract(id: number): Promise<Contract> {
  return request<Contract>('GET', `${base}/contracts/${id}`)
}

export function createContract(draft: ContractDraft): Promise<Contract> {
  return request<Contract>('POST', `${base}/contracts`, { body: draft })
}

export function updateContract(id: number, changes: Partial<ContractDraft>): Promise<Contract> {
  return request<Contract>('PATCH', `${base}/contracts/${id}`, { body: changes })
}

export function adoptContract(id: number, decision: { vote_id: number; vote_item: number; adopted_on: string }): Promise<Contract> {
  return request<Contract>('POST', `${base}/contracts/${id}/adopt`, { body: decision })
}

export function endContract(
  id: number,
  decision: { vote_id: number; vote_item: number; ended_on: string; reason: string },
): Promise<Contract> {
  return request<Contract>('POST', `${base}/contracts/${id}/end`, { body: decision })
}

/** The contract in force in a compound, for its owners; null when there is none (answered bare or under `contract`). */
export async function getCompoundContract(compoundId: number): Promise<PublicContract | null> {
  const answer = await request<PublicContract | { contract: PublicContract | null }>('GET', `${base}/compounds/${compoundId}/contract`)
  return 'contract' in answer ? answer.contract : answer
}

export function listTasks(street?: number): Promise<Task[]> {
  return requestItems<Task>('GET', `${base}/tasks`, { query: { street } })
}

export function moveTask(id: number, move: { holder: TaskHolder; on: string; note?: string }): Promise<Task> {
  return request<Task>('POST', `${base}/tasks/${id}/move`, { body: move })
}

export function taskHistory(id: number): Promise<TaskMove[]> {
  return requestItems<TaskMove>('GET', `${base}/tasks/${id}/history`)
}

export function getLedger(community: number, year: number): Promise<Ledger> {
  return request<Ledger>('GET', `${base}/ledger`, { query: { community, year } })
}

export function getLedgerSummary(street: number | undefined, year: number): Promise<LedgerSummary> {
  return request<LedgerSummary>('GET', `${base}/ledger/summary`, { query: { street, year } })
}

export function getPropertyStats(node?: number): Promise<PropertyStats> {
  return request<PropertyStats>('GET', '/api/v1/stats/property', { query: { node } })
}

// --- The ledger's records: funding payments, own revenue and costs, each voided with a reason, never edited ---

export type RevenueKind = 'advertising' | 'parking' | 'venue' | 'other'
export type CostKind = 'contract_base' | 'contract_performance' | 'maintenance' | 'other'
export const revenueKinds: readonly RevenueKind[] = ['advertising', 'parking', 'venue', 'other']
export const costKinds: readonly CostKind[] = ['contract_base', 'contract_performance', 'maintenance', 'other']

/** Who recorded a record and when; who voided it, when and why (all null while it counts). */
export interface RecordHistory {
  recorded_by: PropertyActor
  created_at: string
  voided_at: string | null
  voided_by: PropertyActor
  void_reason: string | null
}

/** 条线经费: a line of the street's budget for one year. */
export interface FundingLine {
  id: number
  street_id: number
  code: string
  name: string
  year: number
  budget_fen: number
  /** What its payments not voided add up to. */
  paid_fen: number
  communities: number
  created_at: string
}

export interface FundingPayment extends RecordHistory {
  id: number
  line: Ref & { code: string }
  community: Ref
  /** YYYY-MM. */
  month: string
  amount_fen: number
  note: string | null
}

export interface Revenue extends RecordHistory {
  id: number
  community: Ref
  compound: Ref | null
  month: string
  kind: RevenueKind
  /** Earned from the compound's common parts: the owners' after its costs (Civil Code Art. 282). */
  common_parts: boolean
  amount_fen: number
  note: string | null
}

export interface Cost extends RecordHistory {
  id: number
  community: Ref
  compound: Ref | null
  month: string
  kind: CostKind
  contract_id: number | null
  /** The closed evaluation month whose close wrote this contract pay: corrected by reopening that month, not voided. */
  evaluation_id: number | null
  common_parts: boolean
  amount_fen: number
  note: string | null
}

export interface PaymentDraft {
  community_id: number
  month: string
  amount_fen: number
  note?: string
}

export interface RevenueDraft extends PaymentDraft {
  compound_id?: number
  kind: RevenueKind
  common_parts: boolean
}

export interface CostDraft extends PaymentDraft {
  compound_id?: number
  kind: CostKind
  contract_id?: number
  common_parts: boolean
}

export function listFundingLines(year: number, street?: number): Promise<FundingLine[]> {
  return requestItems<FundingLine>('GET', `${base}/funding-lines`, { query: { year, street } })
}

export function listFundingPayments(community: number, year: number): Promise<FundingPayment[]> {
  return requestItems<FundingPayment>('GET', `${base}/funding-payments`, { query: { community, year } })
}

export function listRevenues(community: number, year: number): Promise<Revenue[]> {
  return requestItems<Revenue>('GET', `${base}/revenues`, { query: { community, year } })
}

export function listCosts(community: number, year: number): Promise<Cost[]> {
  return requestItems<Cost>('GET', `${base}/costs`, { query: { community, year } })
}

export function createFundingPayment(lineId: number, draft: PaymentDraft): Promise<FundingPayment> {
  return request<FundingPayment>('POST', `${base}/funding-lines/${lineId}/payments`, { body: draft })
}

export function createRevenue(draft: RevenueDraft): Promise<Revenue> {
  return request<Revenue>('POST', `${base}/revenues`, { body: draft })
}

export function createCost(draft: CostDraft): Promise<Cost> {
  return request<Cost>('POST', `${base}/costs`, { body: draft })
}

export function voidFundingPayment(id: number, reason: string): Promise<FundingPayment> {
  return request<FundingPayment>('POST', `${base}/funding-payments/${id}/void`, { body: { reason } })
}

export function voidRevenue(id: number, reason: string): Promise<Revenue> {
  return request<Revenue>('POST', `${base}/revenues/${id}/void`, { body: { reason } })
}

export function voidCost(id: number, reason: string): Promise<Cost> {
  return request<Cost>('POST', `${base}/costs/${id}/void`, { body: { reason } })
}
