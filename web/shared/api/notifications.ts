// Notifications: the signed-in user's own inbox, the group robot (WeCom, DingTalk or 浙政钉) of a
// compound or community (its URL comes back masked and its signing secret never: both are secrets) and the
// robots' deliveries with retry.
import { request, type Page } from './client'
import type { Ref } from './governance'

export interface AppNotification {
  id: number
  kind: string
  title: string
  body: string
  /** The console route of the record (e.g. /cases/12), of a filtered list for a digest, or empty. */
  link: string
  /** The one record the notification is about; null for a digest. */
  entity: { type: string; id: number } | null
  node_id: number | null
  created_at: string
  read_at: string | null
  read: boolean
}

export type RobotChannel = 'wecom' | 'dingtalk' | 'zhengding'
export const robotChannels: readonly RobotChannel[] = ['wecom', 'dingtalk', 'zhengding']

export interface Webhook {
  node_id: number
  node_name?: string
  configured: boolean
  channel: RobotChannel | null
  /** Masked as `key=****` (`access_token=****`) plus the last four characters. */
  url: string | null
  /** `****` when a DingTalk signing secret is set, else null: never shown. */
  secret: string | null
  enabled: boolean
  updated_at?: string
}

export type DeliveryState = 'pending' | 'delivered' | 'failed'
export const deliveryStates: readonly DeliveryState[] = ['pending', 'delivered', 'failed']

export interface Delivery {
  id: number
  node: Ref
  kind: string
  content: string
  state: DeliveryState
  attempts: number
  last_error: string | null
  next_attempt_at: string | null
  delivered_at: string | null
  created_at: string
}

const inbox = '/api/v1/me/notifications'

export function listNotifications(unreadOnly: boolean, cursor?: string | null, limit = 50): Promise<Page<AppNotification>> {
  return request<Page<AppNotification>>('GET', inbox, { query: { unread: unreadOnly ? 1 : undefined, cursor, limit } })
}

export async function unreadCount(): Promise<number> {
  return (await request<{ unread: number }>('GET', `${inbox}/unread-count`)).unread
}

export function markRead(id: number): Promise<AppNotification> {
  return request<AppNotification>('POST', `${inbox}/${id}/read`)
}

export function markAllRead(): Promise<{ marked: number; unread: number }> {
  return request<{ marked: number; unread: number }>('POST', `${inbox}/read-all`)
}

export function getWebhook(nodeId: number): Promise<Webhook> {
  return request<Webhook>('GET', `/api/v1/notification-webhooks/${nodeId}`)
}

/** `url` and `secret` left out (or sent back masked) keep the stored ones; 400 names `channel`, `url`, `secret` or `node_id`. */
export function saveWebhook(
  nodeId: number,
  robot: { channel: RobotChannel; enabled: boolean; url?: string; secret?: string },
): Promise<Webhook> {
  return request<Webhook>('PUT', `/api/v1/notification-webhooks/${nodeId}`, { body: robot })
}

export function listDeliveries(query: { node?: number; state?: DeliveryState }, cursor?: string | null, limit = 100): Promise<Page<Delivery>> {
  return request<Page<Delivery>>('GET', '/api/v1/notification-deliveries', { query: { ...query, cursor, limit } })
}

export function retryDelivery(id: number): Promise<Delivery> {
  return request<Delivery>('POST', `/api/v1/notification-deliveries/${id}/retry`)
}
