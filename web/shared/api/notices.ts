// Notices and publicity (通知公示, docs/modules/engagement.md#notices-and-publicity-通知公示): staff put notices up
// over a node for residents, owners or staff and count who read and acknowledged them per building; residents read
// the current ones and acknowledge those that ask it; every module's 公示 comes in one list.
import { request, requestItems } from './client'

export type NoticeKind = 'notice' | 'publicity'
export type NoticeAudience = 'residents' | 'owners' | 'staff'
export type NoticeState = 'upcoming' | 'current' | 'ended' | 'withdrawn'

export const noticeKinds: readonly NoticeKind[] = ['notice', 'publicity']
export const noticeAudiences: readonly NoticeAudience[] = ['residents', 'owners', 'staff']
export const noticeStates: readonly NoticeState[] = ['current', 'upcoming', 'ended', 'withdrawn']

export interface NoticeCounts {
  unit: 'households' | 'staff'
  total: number
  read: number
  acked: number
  readers: number
  ackers: number
}

export interface Notice {
  id: number
  title: string
  body?: string
  kind: NoticeKind
  audience: NoticeAudience
  node: { id: number; name: string }
  starts_on: string
  ends_on: string
  needs_ack: boolean
  attachment_ids: string[]
  state: NoticeState
  withdrawn_at: string | null
  withdraw_reason: string | null
  created_at: string
  counts?: NoticeCounts
  /** A reader's own receipt (GET /api/v1/me/notices…). */
  read_at?: string | null
  acked_at?: string | null
}

export interface NewNotice {
  node_id: number
  title: string
  body: string
  kind: NoticeKind
  audience: NoticeAudience
  starts_on: string
  ends_on: string
  needs_ack: boolean
  attachment_ids?: string[]
}

export interface BuildingReceipts {
  building: { id: number; name: string }
  households: number
  read: number
  acked: number
  not_yet: number
}

export interface HouseholdReceipt {
  id: number
  address: string
  state: 'acked' | 'read' | 'not_yet'
  readers: string[]
  ackers: string[]
}

export interface NoticeReceipts {
  notice: Notice
  buildings: BuildingReceipts[]
  households: HouseholdReceipt[]
}

/** One 公示 of any module (GET /api/v1/me/publicity, /api/v1/publicity). */
export interface PublicityItem {
  module: string
  kind: string
  title: string
  node: { id: number; name: string }
  starts_on: string
  ends_on: string
  /** The H5 route of the record ('' when it has no H5 page). */
  link: string
  console_link: string
}

export function listNotices(query: { node?: number; state?: NoticeState }): Promise<Notice[]> {
  const params = new URLSearchParams()
  if (query.node) params.set('node', String(query.node))
  if (query.state) params.set('state', query.state)
  return requestItems<Notice>('GET', `/api/v1/notices?${params}`)
}

export function noticesExportUrl(node: number | undefined): string {
  return `/api/v1/notices?format=xlsx${node ? `&node=${node}` : ''}`
}

export function getNotice(id: number): Promise<Notice> {
  return request<Notice>('GET', `/api/v1/notices/${id}`)
}

export function createNotice(notice: NewNotice): Promise<Notice> {
  return request<Notice>('POST', '/api/v1/notices', { body: notice })
}

export function updateNotice(id: number, change: Partial<Omit<NewNotice, 'node_id'>>): Promise<Notice> {
  return request<Notice>('PATCH', `/api/v1/notices/${id}`, { body: change })
}

export function withdrawNotice(id: number, reason: string): Promise<Notice> {
  return request<Notice>('POST', `/api/v1/notices/${id}/withdraw`, { body: { reason } })
}

export function noticeReceipts(id: number, building?: number): Promise<NoticeReceipts> {
  return request<NoticeReceipts>('GET', `/api/v1/notices/${id}/receipts${building ? `?building=${building}` : ''}`)
}

export function receiptsExportUrl(id: number, building?: number): string {
  return `/api/v1/notices/${id}/receipts?format=xlsx${building ? `&building=${building}` : ''}`
}

export function attachmentUrl(id: number, photo: string): string {
  return `/api/v1/notices/${id}/attachments/${encodeURIComponent(photo)}`
}

export function myNotices(): Promise<{ items: Notice[]; unread: number }> {
  return request<{ items: Notice[]; unread: number }>('GET', '/api/v1/me/notices')
}

/** Opens the notice, which records the read. */
export function readMyNotice(id: number): Promise<Notice> {
  return request<Notice>('GET', `/api/v1/me/notices/${id}`)
}

export function acknowledgeNotice(id: number): Promise<Notice> {
  return request<Notice>('POST', `/api/v1/me/notices/${id}/ack`, { body: {} })
}

export function myPublicity(): Promise<PublicityItem[]> {
  return requestItems<PublicityItem>('GET', '/api/v1/me/publicity')
}

export function nodePublicity(node?: number): Promise<PublicityItem[]> {
  return requestItems<PublicityItem>('GET', `/api/v1/publicity${node ? `?node=${node}` : ''}`)
}
