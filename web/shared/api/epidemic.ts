// Epidemic mode (疫情防控): observation points (整楼居家隔离医学观察) on a building or unit, which suspend the
// residents' access credentials for the period and restore exactly those when lifted or once their last day passes.
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type ObservationState = 'planned' | 'active' | 'ended'

export interface Observation {
  id: number
  /** The building or unit observed. */
  node: Ref
  compound: Ref
  starts_on: string
  /** The last day observed. */
  ends_on: string
  reason: string
  state: ObservationState
  /** Parts with someone registered, and the persons, when it was declared. */
  households: number
  persons: number
  /** Credentials it holds suspended (or held, once ended). */
  credentials_suspended: number
  /** The staff who work it; they keep their access. */
  staff: { user_id: number; display_name: string }[]
  ended_at: string | null
  created_at: string
}

export interface ObservationInput {
  node_id: number
  starts_on: string
  ends_on: string
  reason: string
  staff_user_ids: number[]
}

export function listObservations(compound: number): Promise<Observation[]> {
  return requestItems('GET', '/api/v1/epidemic/observations', { query: { compound } })
}

export function getObservation(id: number): Promise<Observation> {
  return request('GET', `/api/v1/epidemic/observations/${id}`)
}

export function declareObservation(input: ObservationInput): Promise<Observation> {
  return request('POST', '/api/v1/epidemic/observations', { body: input })
}

export function liftObservation(id: number): Promise<Observation> {
  return request('POST', `/api/v1/epidemic/observations/${id}/lift`, { body: {} })
}
