// The hash-chained audit log (street_admin and supervisor only), newest first.
import { request, type Page } from './client'

export interface AuditEntry {
  seq: number
  at: string
  actor: string
  action: string
  entity: string
  /** What the action recorded; an object for every entry the server writes. */
  summary: unknown
  hash: string
}

export interface AuditFilter {
  entity?: string
  actor?: string
}

/** GET /api/v1/audit: entries older than `cursor` matching the filter. */
export function listAudit(filter: AuditFilter, cursor?: string | null, limit = 50): Promise<Page<AuditEntry>> {
  return request<Page<AuditEntry>>('GET', '/api/v1/audit', { query: { ...filter, cursor, limit } })
}
