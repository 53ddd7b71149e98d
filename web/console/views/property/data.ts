// What the property screens show but do not load: tag colours of origins, states and holders, the tables'
// columns, the street's figures in the order the card shows them, and how a contract's end reads as time left.
import type { TagProps } from 'element-plus'
import type { CompanyOrigin, ContractState, Ledger, LedgerAmounts, PropertyStats, TaskHolder } from '@shared/api/property'
import type { Due, EvaluationOutcome, EvaluationState } from '@shared/api/property-evaluation'
import { daysBetween, streetToday } from '@shared/format'
import type { TableColumn } from '../../components/ColumnsTable.vue'

export const originTagTypes: Record<CompanyOrigin, TagProps['type']> = { local: 'success', external: 'info' }
export const contractStateTagTypes: Record<ContractState, TagProps['type']> = { draft: 'info', in_force: 'success', ended: 'warning' }
export const holderTagTypes: Record<TaskHolder, TagProps['type']> = { community: 'warning', property: 'success' }

export const companyColumns: readonly TableColumn<
  'name' | 'origin' | 'credit_code' | 'specialities' | 'compounds_under_contract' | 'staff'
>[] = [
  { key: 'name', labelKey: 'property.company.name' },
  { key: 'origin', labelKey: 'property.company.origin', width: 100 },
  { key: 'credit_code', labelKey: 'property.company.creditCode', width: 200 },
  { key: 'specialities', labelKey: 'property.company.specialities' },
  { key: 'compounds_under_contract', labelKey: 'property.company.compounds', width: 120 },
  { key: 'staff', labelKey: 'property.company.staff', width: 90 },
]

export const contractColumns: readonly TableColumn<
  'compound' | 'community' | 'company' | 'starts_on' | 'ends_on' | 'base_fen' | 'pool_fen' | 'state' | 'adopted_by'
>[] = [
  { key: 'compound', labelKey: 'property.contract.compound' },
  { key: 'community', labelKey: 'property.contract.community', width: 100 },
  { key: 'company', labelKey: 'property.contract.company' },
  { key: 'starts_on', labelKey: 'property.contract.startsOn', width: 110, shows: 'date' },
  { key: 'ends_on', labelKey: 'property.contract.endsOn', width: 160, shows: 'date' },
  { key: 'base_fen', labelKey: 'property.contract.base', width: 115 },
  { key: 'pool_fen', labelKey: 'property.contract.pool', width: 115 },
  { key: 'state', labelKey: 'property.contract.state', width: 80 },
  { key: 'adopted_by', labelKey: 'property.contract.adoptedBy' },
]

export const taskColumns: readonly TableColumn<'name' | 'holder' | 'since' | 'service_items' | 'moves' | 'actions'>[] = [
  { key: 'name', labelKey: 'property.task.name' },
  { key: 'holder', labelKey: 'property.task.holder', width: 110 },
  { key: 'since', labelKey: 'property.task.since', width: 120, shows: 'date' },
  { key: 'service_items', labelKey: 'property.task.serviceItems' },
  { key: 'moves', labelKey: 'property.task.moves', width: 90 },
  { key: 'actions', labelKey: 'common.actions', width: 180 },
]

/** A ledger line, a month's or the year's, flattened into the columns the table and its export show. */
export interface LedgerRow {
  month: string
  funding_fen: number
  revenue_fen: number
  income_fen: number
  contract_fen: number
  other_fen: number
  costs_fen: number
  subsidy_fen: number
}

export type LedgerKey = keyof LedgerRow
export const ledgerColumns: readonly TableColumn<LedgerKey>[] = [
  { key: 'month', labelKey: 'property.ledger.month', width: 100 },
  { key: 'funding_fen', labelKey: 'property.ledger.funding' },
  { key: 'revenue_fen', labelKey: 'property.ledger.revenue' },
  { key: 'income_fen', labelKey: 'property.ledger.income' },
  { key: 'contract_fen', labelKey: 'property.ledger.contractCosts' },
  { key: 'other_fen', labelKey: 'property.ledger.otherCosts' },
  { key: 'costs_fen', labelKey: 'property.ledger.costs' },
  { key: 'subsidy_fen', labelKey: 'property.ledger.subsidy' },
]
export const ledgerMoneyKeys: readonly LedgerKey[] = ledgerColumns.map((column) => column.key).filter((key) => key !== 'month')

function ledgerRow(month: string, amounts: LedgerAmounts): LedgerRow {
  return {
    month,
    funding_fen: amounts.income.funding_fen,
    revenue_fen: amounts.income.revenue_fen,
    income_fen: amounts.income.total_fen,
    contract_fen: amounts.costs.contract_fen,
    other_fen: amounts.costs.other_fen,
    costs_fen: amounts.costs.total_fen,
    subsidy_fen: amounts.subsidy_fen,
  }
}

/** The year's months, then its totals under `totalLabel`. */
export function ledgerRows(ledger: Ledger, totalLabel: string): LedgerRow[] {
  return [...ledger.months.map((month) => ledgerRow(month.month, month)), ledgerRow(totalLabel, ledger.totals)]
}

/** The figures of GET /stats/property in the order the card shows them; money is the street's subsidy. */
export const statsFigures: readonly (keyof PropertyStats)[] = [
  'communities',
  'clusters',
  'joint_operations',
  'companies',
  'local_companies',
  'external_companies',
  'compounds_under_contract',
  'tasks_transferred',
  'funding_lines',
  'communities_without_subsidy',
  'street_subsidy_fen',
  'evaluations_closed',
]

/**
 * A contract's end as a deadline reads: the message key with its days and its colour — days left, warned of
 * in the last 90, and how long ago once over.
 */
export function contractLeft(endsOn: string, today = streetToday()): { key: string; days: number; type: 'danger' | 'warning' | 'info' } {
  const days = daysBetween(today, endsOn)
  if (days < 0) return { key: 'property.contract.endedAgo', days: -days, type: 'danger' }
  return { key: 'property.contract.daysLeft', days, type: days <= 90 ? 'warning' : 'info' }
}

/** The years the ledger offers: this one and the four before it. */
export function ledgerYears(today = streetToday()): number[] {
  const year = Number(today.slice(0, 4))
  return [0, 1, 2, 3, 4].map((back) => year - back)
}

/** The monthly evaluation's board: one row per contract in force in the month. */
export const evaluationBoardColumns: readonly TableColumn<
  'compound' | 'company' | 'sheets' | 'due' | 'vetoes' | 'state' | 'score' | 'outcome' | 'total_fen'
>[] = [
  { key: 'compound', labelKey: 'property.evaluation.compound' },
  { key: 'company', labelKey: 'property.evaluation.company' },
  { key: 'sheets', labelKey: 'property.evaluation.sheets', width: 170 },
  { key: 'due', labelKey: 'property.evaluation.due', width: 100 },
  { key: 'vetoes', labelKey: 'property.evaluation.vetoCount', width: 80 },
  { key: 'state', labelKey: 'property.evaluation.state', width: 90 },
  { key: 'score', labelKey: 'property.evaluation.score', width: 80 },
  { key: 'outcome', labelKey: 'property.evaluation.outcome', width: 100 },
  { key: 'total_fen', labelKey: 'property.evaluation.totalPay', width: 120 },
]

export const evaluationStateTagTypes: Record<EvaluationState, TagProps['type']> = { open: 'warning', closed: 'success' }
export const evaluationOutcomeTagTypes: Record<EvaluationOutcome, TagProps['type']> = {
  vetoed: 'danger',
  not_evaluated: 'info',
  none: 'danger',
  partial: 'warning',
  full: 'success',
}

/** The month the board opens on: the last complete one of the street's clock. */
export function lastCompleteMonth(today = streetToday()): string {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`
}

/** The month's due day as time left: the message key with its days, red once past, amber in the last week. */
export function evaluationDueLeft(due: Due): { key: string; days: number; type: 'danger' | 'warning' | 'info' } {
  if (due.days_left < 0) return { key: 'property.evaluation.overdueDays', days: -due.days_left, type: 'danger' }
  return { key: 'property.evaluation.daysLeft', days: due.days_left, type: due.days_left <= 7 ? 'warning' : 'info' }
}

export const reviewColumns: readonly TableColumn<'compound' | 'months' | 'opened_at' | 'state' | 'conclusion' | 'actions'>[] = [
  { key: 'compound', labelKey: 'property.evaluation.compound' },
  { key: 'months', labelKey: 'property.evaluation.reviewMonths', width: 200 },
  { key: 'opened_at', labelKey: 'property.evaluation.openedAt', width: 160, shows: 'time' },
  { key: 'state', labelKey: 'property.evaluation.reviewState', width: 100 },
  { key: 'conclusion', labelKey: 'property.evaluation.conclusion' },
  { key: 'actions', labelKey: 'common.actions', width: 130 },
]

/** The usual grounds of a veto, offered in its form; the street may write another. */
export const vetoCodes = ['safety_incident', 'fee_fraud', 'service_stopped'] as const

/** A veto's ground as the screens name it: the usual ones by their label, another as the street wrote it. */
export function vetoCodeText(code: string, t: (key: string) => string): string {
  return (vetoCodes as readonly string[]).includes(code) ? t(`property.evaluation.vetoCodes.${code}`) : code
}
