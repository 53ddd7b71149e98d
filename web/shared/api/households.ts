// The signed-in resident's own households: the parts they own, rent or live in (GET /api/v1/me/households).
import { request } from './client'

export type Relation = 'owner' | 'tenant' | 'resident'

/** One link of the caller to a part, with the building, unit and compound the part lies in. */
export interface Household {
  link_id: number
  relation: Relation
  designated_voter: boolean
  part_id: number
  room: string
  unit_id: number
  unit: string
  building_id: number
  building: string
  compound_id: number
  compound: string
}

/** person_id is null (and items empty) for an account not linked to a registered person. */
export interface MyHouseholds {
  person_id: number | null
  items: Household[]
}

export function getMyHouseholds(): Promise<MyHouseholds> {
  return request<MyHouseholds>('GET', '/api/v1/me/households')
}
