// The monthly three-in-one evaluation of property contracts (docs/modules/property.md#the-monthly-evaluation):
// street templates and policy, the month's board, each party's sheet, vetoes, the close and reopening, reviews after
// two low months, and the results published to a compound's owners. Points are decimal strings with at most two
// places, money integers of fen, scores exact fractions.
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type EvaluationParty = 'street' | 'community' | 'committee'
export type ItemSource = 'cases_on_time' | 'resident_rating' | 'violations_overdue' | 'satisfaction_survey'
export type EvaluationOutcome = 'vetoed' | 'not_evaluated' | 'none' | 'partial' | 'full'
export type EvaluationState = 'open' | 'closed'

export const evaluationParties: readonly EvaluationParty[] = ['street', 'community', 'committee']
export const evaluationOutcomes: readonly EvaluationOutcome[] = ['vetoed', 'not_evaluated', 'none', 'partial', 'full']

/** An exact ratio, reduced, den > 0. */
export interface Fraction {
  num: number
  den: number
}

export interface EvaluationPolicy {
  /** Whole percentages summing to 100. */
  weights: Record<EvaluationParty, number>
  floor: number
  full: number
  /** The day of the next month by which sheets are due. */
  due_day: number
}

export interface TemplateItem {
  code: string
  name: string
  /** Decimal string, e.g. "20" or "12.5". */
  max: string
  /** Set for an item the system fills from records. */
  source: ItemSource | null
}

export interface EvaluationTemplate {
  id: number
  party: EvaluationParty
  version: number
  items: TemplateItem[]
  created_at: string
}

export interface Due {
  due_on: string
  /** Negative once past. */
  days_left: number
}

export interface ResultSummary {
  score: Fraction | null
  outcome: EvaluationOutcome
  performance_fen: number
  total_fen: number
}

export interface BoardItem {
  contract_id: number
  compound: Ref
  company: Ref
  sheets: EvaluationParty[]
  missing: EvaluationParty[]
  due: Due
  vetoes: number
  state: EvaluationState
  evaluation_id: number | null
  result: ResultSummary | null
}

export interface Board {
  month: string
  items: BoardItem[]
}

export interface SheetItem extends TemplateItem {
  points: string
}

export interface Sheet {
  party: EvaluationParty
  template_version: number
  items: SheetItem[]
  filled_at: string
  updated_at: string
}

/** A party's form as it stands now: system items already at the points the records give, the others null. */
export interface PartyForm {
  version: number
  items: (TemplateItem & { points: string | null })[]
}

export interface Veto {
  id: number
  code: string
  note: string
  photos: string[]
  recorded_at: string
}

/** What `weizhi evaluate` prints, and what the close stores. */
export interface EvaluationResult {
  month: string
  sheets: { party: EvaluationParty; score: Fraction }[]
  score: Fraction | null
  share: Fraction
  performance_fen: number
  total_fen: number
  outcome: EvaluationOutcome
  incomplete: boolean
  missing: EvaluationParty[]
  policy: Omit<EvaluationPolicy, 'due_day'>
}

/** The month's records behind the system items. */
export interface MonthRecords {
  cases_due: number
  cases_on_time: number
  ratings: number
  rating_stars: number
  violations_overdue: number
  /** The compound's satisfaction survey closing in the month, if one was held, and its ratings 1–5. */
  satisfaction_survey_id: number | null
  satisfaction_answers: number
  satisfaction_sum: number
}

/** Whose scoring a contract is evaluated under: its own (docs/rules.md G14) or its street's. */
export type PolicySource = 'contract' | 'street'

/** The weights, floor and full the street may set for one contract; the due day stays the street's. */
export type ContractScoring = Omit<EvaluationPolicy, 'due_day'>

export interface ContractPolicy extends EvaluationPolicy {
  contract_id: number
  source: PolicySource
}

export interface ContractMonth {
  contract: { id: number; company_id: number }
  compound: Ref
  month: string
  state: EvaluationState
  evaluation_id: number | null
  due: Due
  policy: EvaluationPolicy & { source: PolicySource }
  /** Per month, fen: what a closed month closed on, else the contract's terms as they stand. */
  money: { base_fen: number; pool_fen: number }
  records: MonthRecords
  forms: Partial<Record<EvaluationParty, PartyForm>>
  sheets: Sheet[]
  missing: EvaluationParty[]
  vetoes: Veto[]
  result: EvaluationResult | null
}

export interface Review {
  id: number
  contract_id: number
  compound: Ref
  /** The two consecutive months below the floor. */
  months: [string, string]
  state: EvaluationState
  opened_at: string
  note: string | null
  closed_at: string | null
}

/** A month published to the compound's owners: scores by party, never who gave them. */
export interface PublishedMonth {
  contract_id: number
  month: string
  sheets: { party: EvaluationParty; score: Fraction }[]
  score: Fraction | null
  share: Fraction
  outcome: EvaluationOutcome
  incomplete: boolean
  base_fen: number
  performance_fen: number
  total_fen: number
  vetoes: number
  closed_at: string | null
}

export interface CompoundResults {
  compound: Ref
  items: PublishedMonth[]
}

const base = '/api/v1/property'

function monthPath(contractId: number, month: string): string {
  return `${base}/contracts/${contractId}/evaluations/${month}`
}

export function listTemplates(node?: number): Promise<EvaluationTemplate[]> {
  return requestItems<EvaluationTemplate>('GET', `${base}/evaluation-templates`, { query: { node } })
}

export function createTemplate(streetId: number, party: EvaluationParty, items: TemplateItem[]): Promise<EvaluationTemplate> {
  return request<EvaluationTemplate>('POST', `${base}/evaluation-templates`, { body: { street_id: streetId, party, items } })
}

export function getEvaluationPolicy(streetId: number): Promise<EvaluationPolicy> {
  return request<EvaluationPolicy>('GET', `${base}/evaluation-policies/${streetId}`)
}

export function saveEvaluationPolicy(streetId: number, policy: EvaluationPolicy): Promise<EvaluationPolicy> {
  return request<EvaluationPolicy>('PUT', `${base}/evaluation-policies/${streetId}`, { body: policy })
}

export function getContractPolicy(contractId: number): Promise<ContractPolicy> {
  return request<ContractPolicy>('GET', `${base}/contracts/${contractId}/evaluation-policy`)
}

export function saveContractPolicy(contractId: number, scoring: ContractScoring): Promise<ContractPolicy> {
  return request<ContractPolicy>('PUT', `${base}/contracts/${contractId}/evaluation-policy`, { body: scoring })
}

/** Back to the street's policy. */
export function removeContractPolicy(contractId: number): Promise<ContractPolicy> {
  return request<ContractPolicy>('DELETE', `${base}/contracts/${contractId}/evaluation-policy`)
}

export function getBoard(month: string, node?: number): Promise<Board> {
  return request<Board>('GET', `${base}/evaluations`, { query: { month, node } })
}

export function getContractMonth(contractId: number, month: string): Promise<ContractMonth> {
  return request<ContractMonth>('GET', monthPath(contractId, month))
}

export type SheetEntry = { code: string; points: string }

export function submitSheet(contractId: number, month: string, party: EvaluationParty, items: SheetEntry[]): Promise<ContractMonth> {
  return request<ContractMonth>('POST', `${monthPath(contractId, month)}/sheets`, { body: { party, items } })
}

export function updateSheet(contractId: number, month: string, party: EvaluationParty, items: SheetEntry[]): Promise<ContractMonth> {
  return request<ContractMonth>('PATCH', `${monthPath(contractId, month)}/sheets/${party}`, { body: { items } })
}

export function recordVeto(contractId: number, month: string, veto: { code: string; note: string; photos?: string[] }): Promise<ContractMonth> {
  return request<ContractMonth>('POST', `${monthPath(contractId, month)}/vetoes`, { body: veto })
}

export function closeMonth(contractId: number, month: string): Promise<ContractMonth> {
  return request<ContractMonth>('POST', `${monthPath(contractId, month)}/close`)
}

export function reopenMonth(contractId: number, month: string, reason: string): Promise<ContractMonth> {
  return request<ContractMonth>('POST', `${monthPath(contractId, month)}/reopen`, { body: { reason } })
}

export function listReviews(node?: number): Promise<Review[]> {
  return requestItems<Review>('GET', `${base}/reviews`, { query: { node } })
}

export function closeReview(id: number, note: string): Promise<Review> {
  return request<Review>('POST', `${base}/reviews/${id}/close`, { body: { note } })
}

export function getCompoundResults(compoundId: number): Promise<CompoundResults> {
  return request<CompoundResults>('GET', `${base}/compounds/${compoundId}/evaluations`)
}

/**
 * "87.53" for an exact fraction: two places, cut rather than rounded, so a score a hair below the floor never
 * reads as reaching it.
 */
export function fractionText({ num, den }: Fraction): string {
  const hundredths = (BigInt(num) * 100n) / BigInt(den)
  const sign = hundredths < 0n ? '-' : ''
  const size = hundredths < 0n ? -hundredths : hundredths
  return `${sign}${size / 100n}.${String(size % 100n).padStart(2, '0')}`
}

const pointsPattern = /^\d{1,3}(\.\d{1,2})?$/

/** Points as typed ("12", "12.5", "12.50") in whole hundredths, by their digits; null unless of that shape. */
export function hundredthsOf(points: string): number | null {
  const text = points.trim()
  if (!pointsPattern.test(text)) return null
  const [whole = '0', part = ''] = text.split('.')
  return Number(whole) * 100 + Number(part.padEnd(2, '0'))
}
