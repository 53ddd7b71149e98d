// The audit log table's columns (labels are i18n keys) and how a summary is made readable.
import type { AuditEntry } from '@shared/api/audit'
import type { TableColumn } from '../../components/ColumnsTable.vue'

export const auditColumns: readonly TableColumn<keyof AuditEntry>[] = [
  { key: 'seq', labelKey: 'audit.seq', width: 80 },
  { key: 'at', labelKey: 'audit.at', width: 180 },
  { key: 'actor', labelKey: 'audit.actor', width: 130 },
  { key: 'action', labelKey: 'audit.action', width: 170 },
  { key: 'entity', labelKey: 'audit.entity', width: 150 },
  { key: 'summary', labelKey: 'audit.summary' },
  { key: 'hash', labelKey: 'audit.hash', width: 130 },
]

export const auditPageSize = 50

/** A summary as "key: value" lines; nested values stay compact JSON, plain text stays as it is. */
export function summaryLines(summary: unknown): string[] {
  if (summary === null || typeof summary !== 'object' || Array.isArray(summary)) {
    return [typeof summary === 'string' ? summary : JSON.stringify(summary)]
  }
  return Object.entries(summary).map(
    ([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
  )
}
