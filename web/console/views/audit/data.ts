// The audit log table's columns (labels are i18n keys) and how a summary field's value reads.
import type { AuditEntry } from '@shared/api/audit'
import type { TableColumn } from '../../components/ColumnsTable.vue'

export const auditColumns: readonly TableColumn<keyof AuditEntry>[] = [
  { key: 'seq', labelKey: 'audit.seq', width: 80 },
  { key: 'at', labelKey: 'audit.at', width: 150, shows: 'time' },
  { key: 'actor', labelKey: 'audit.actor', width: 140 },
  { key: 'action', labelKey: 'audit.action', width: 170 },
  { key: 'entity', labelKey: 'audit.entity', width: 170 },
  { key: 'summary', labelKey: 'audit.summary' },
  { key: 'hash', labelKey: 'audit.hash', width: 130 },
]

export const auditPageSize = 50
/** The most the API answers at once, so an export takes as few calls as it can. */
export const auditExportPageSize = 500

/** Text as it is, anything else as compact JSON (a flag is shown as yes or no by the page). */
export function fieldValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}
