// The talent pool (能人库): the people of a scope with a talent tag from the registry, with their skills, when
// they can help and the node they serve; mediation and the round tables pick from it.
import { request, requestItems } from './client'
import type { Ref } from './governance'
import type { TalentTag } from './people'

/** On `weekdays` (1 Monday … 7 Sunday) from `from` to `to`, HH:MM street time. */
export interface AvailabilityWindow {
  weekdays: number[]
  from: string
  to: string
}

export interface Talent {
  person_id: number
  /** Masked. */
  name: string
  address: string
  tags: TalentTag[]
  node: Ref
  skills: string | null
  availability: AvailabilityWindow[]
  active: boolean
  /** Whether anyone has filled in what the pool adds. */
  in_pool: boolean
  updated_at: string | null
}

export interface TalentChange {
  skills?: string
  availability: AvailabilityWindow[]
  node_id?: number
  active?: boolean
}

/** The common answers, offered as presets. */
export const availabilityPresets: Record<'weekdayEvenings' | 'weekends' | 'weekdayDays', AvailabilityWindow> = {
  weekdayEvenings: { weekdays: [1, 2, 3, 4, 5], from: '18:30', to: '21:00' },
  weekends: { weekdays: [6, 7], from: '09:00', to: '17:00' },
  weekdayDays: { weekdays: [1, 2, 3, 4, 5], from: '09:00', to: '17:00' },
}

const talents = '/api/v1/talents'

/** The pool under a node; `available_at` (ISO-8601) keeps those active and free then. */
export function listTalents(query: { node?: number; tag?: TalentTag; available_at?: string }): Promise<Talent[]> {
  return requestItems<Talent>('GET', talents, { query })
}

/** 422 naming person_id for someone without a talent tag. */
export function saveTalent(personId: number, change: TalentChange): Promise<Talent> {
  return request<Talent>('PUT', `${talents}/${personId}`, { body: change })
}
