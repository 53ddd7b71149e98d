// The hash-chained audit log (street_admin and supervisor only), newest first, as recorded and as
// people read it, with the pickers its filters use.
import { request, requestItems, type Page } from './client'

/** The record a row names, with the console route that shows it (or its list), if any. */
export interface AuditEntityRef {
  code: string
  kind: string
  id: number | null
  /** 组织节点“1幢”, 服务事项 #12 */
  label: string
  link: string | null
}

export interface AuditField {
  key: string
  label: string
  value: unknown
}

export interface AuditEntry {
  seq: number
  at: string
  /** A login, `system` or `cli:<command>`. */
  actor: string
  actor_name: string
  action: string
  /** The action's name; its code when the server has none. */
  action_label: string
  entity: string
  entity_ref: AuditEntityRef
  /** What the action recorded; an object for every entry the server writes. */
  summary: unknown
  summary_fields: AuditField[]
  hash: string
}

export interface AuditFilter {
  action?: string
  actor?: string
  entity?: string
}

export interface AuditAction {
  action: string
  label: string
}

export interface AuditActor {
  actor: string
  name: string
}

/** GET /api/v1/audit: entries older than `cursor` matching the filter. */
export function listAudit(filter: AuditFilter, cursor?: string | null, limit = 50): Promise<Page<AuditEntry>> {
  return request<Page<AuditEntry>>('GET', '/api/v1/audit', { query: { ...filter, cursor, limit } })
}

/** Every action the software records, with its name, for the action picker. */
export function listAuditActions(): Promise<AuditAction[]> {
  return requestItems<AuditAction>('GET', '/api/v1/audit/actions')
}

/** Accounts whose name or login contains `text` (the system first when `text` is empty), at most 50. */
export function searchAuditActors(text: string): Promise<AuditActor[]> {
  return requestItems<AuditActor>('GET', '/api/v1/audit/actors', { query: { q: text } })
}
