// What the 收支录入 page shows but does not load: a community's records of a year — funding payments, own revenue
// and costs — as one list month by month, the columns its table and export show, and who records and voids them.
import type { ScopePermissions } from '@shared/api/session'
import type { Cost, FundingPayment, PropertyActor, Revenue } from '@shared/api/property'
import type { TableColumn } from '../../../components/ColumnsTable.vue'

export type EntryKind = 'funding' | 'revenue' | 'cost'
const kindOrder: readonly EntryKind[] = ['funding', 'revenue', 'cost']

/** One record of any kind as the list shows it; `item` is the line's name or the kind's label. */
export interface EntryRow {
  key: string
  kind: EntryKind
  id: number
  month: string
  item: string
  compound: string
  common_parts: boolean
  /** A cost's contract, named by its compound. */
  contract: { id: number; compound: string } | null
  /** Contract pay a month close wrote: corrected by reopening that month's evaluation, not voided. */
  byClose: boolean
  amount_fen: number
  note: string
  recorded_by: string
  created_at: string
  voided_at: string | null
  voided_by: string
  void_reason: string | null
}

export type EntryKey = 'month' | 'kind' | 'item' | 'compound' | 'amount_fen' | 'note' | 'recorded_by' | 'state' | 'actions'
export const entryColumns: readonly TableColumn<EntryKey>[] = [
  { key: 'month', labelKey: 'property.entries.month', width: 85 },
  { key: 'kind', labelKey: 'property.entries.kind', width: 95 },
  { key: 'item', labelKey: 'property.entries.item', width: 160 },
  { key: 'compound', labelKey: 'property.entries.compound', width: 130 },
  { key: 'amount_fen', labelKey: 'property.entries.amount', width: 120 },
  { key: 'note', labelKey: 'property.entries.note' },
  { key: 'recorded_by', labelKey: 'property.entries.recordedBy', width: 150 },
  { key: 'state', labelKey: 'property.entries.state' },
]
export const actionsColumn: TableColumn<EntryKey> = { key: 'actions', labelKey: 'common.actions', width: 70 }

const nameOf = (actor: PropertyActor) => actor?.name ?? ''

function history(record: FundingPayment | Revenue | Cost) {
  return {
    id: record.id,
    month: record.month,
    amount_fen: record.amount_fen,
    note: record.note ?? '',
    recorded_by: nameOf(record.recorded_by),
    created_at: record.created_at,
    voided_at: record.voided_at,
    voided_by: nameOf(record.voided_by),
    void_reason: record.void_reason,
  }
}

/** The year's records as one list: the latest month first, in a month payments, revenue and costs, each as recorded. */
export function entryRows(
  records: { payments: FundingPayment[]; revenues: Revenue[]; costs: Cost[] },
  label: (kind: EntryKind, code: string) => string,
): EntryRow[] {
  const rows: EntryRow[] = [
    ...records.payments.map((payment) => ({
      ...history(payment),
      key: `funding-${payment.id}`,
      kind: 'funding' as const,
      item: payment.line.name,
      compound: '',
      common_parts: false,
      contract: null,
      byClose: false,
    })),
    ...records.revenues.map((revenue) => ({
      ...history(revenue),
      key: `revenue-${revenue.id}`,
      kind: 'revenue' as const,
      item: label('revenue', revenue.kind),
      compound: revenue.compound?.name ?? '',
      common_parts: revenue.common_parts,
      contract: null,
      byClose: false,
    })),
    ...records.costs.map((cost) => ({
      ...history(cost),
      key: `cost-${cost.id}`,
      kind: 'cost' as const,
      item: label('cost', cost.kind),
      compound: cost.compound?.name ?? '',
      common_parts: cost.common_parts,
      contract: cost.contract_id === null ? null : { id: cost.contract_id, compound: cost.compound?.name ?? '' },
      byClose: cost.evaluation_id !== null,
    })),
  ]
  return rows.sort(
    (a, b) => b.month.localeCompare(a.month) || kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || a.created_at.localeCompare(b.created_at),
  )
}

/** The months of a year, YYYY-MM. */
export function monthsOf(year: number): string[] {
  return Array.from({ length: 12 }, (_, index) => `${year}-${String(index + 1).padStart(2, '0')}`)
}

/**
 * What the user records and voids, as the server allows it: a community's revenue and costs with the ledger's
 * write at the community or the street, the street's funding payments with it at the street.
 */
export function ledgerWrites(
  permissions: readonly ScopePermissions[],
  scopes: readonly { id: number; kind: string }[],
  communityId: number | undefined,
): Record<EntryKind, boolean> {
  const streets = new Set(scopes.filter((scope) => scope.kind === 'street').map((scope) => scope.id))
  const held = permissions.filter((scope) => scope.permissions.includes('property.ledger.write')).map((scope) => scope.scope_node_id)
  const street = held.some((id) => streets.has(id))
  const community = street || held.includes(communityId ?? 0)
  return { funding: street, revenue: community, cost: community }
}
