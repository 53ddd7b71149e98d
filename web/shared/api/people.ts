// The people registry: search (masked), one person with their households, unmasking with a reason,
// who owns, rents or lives in a part, and the signed-in resident's own households.
import { request, requestItems, type Page } from './client'

export type TalentTag =
  | 'civic_supervisor'
  | 'gold_mediator'
  | 'building_leader'
  | 'resident_group_leader'
  | 'social_worker'
  | 'enthusiastic_resident'
  | 'party_member_volunteer'
  | 'legal_advisor'
  | 'medical_worker'
  | 'retired_cadre'

export const talentTags: readonly TalentTag[] = [
  'civic_supervisor',
  'gold_mediator',
  'building_leader',
  'resident_group_leader',
  'social_worker',
  'enthusiastic_resident',
  'party_member_volunteer',
  'legal_advisor',
  'medical_worker',
  'retired_cadre',
]

export type Relation = 'owner' | 'tenant' | 'resident'

/** A person as every role sees them: name, phone and ID number masked. */
export interface Person {
  id: number
  home_node_id: number
  name: string
  phone: string | null
  id_number: string | null
  birth_year: number | null
  party_member: boolean
  tags: TalentTag[]
  is_developer: boolean
  created_at: string
  updated_at: string
}

/** A part the person is linked to, placed in its unit, building and compound. */
export interface Household {
  link_id: number
  relation: Relation
  designated_voter: boolean
  proxy_reference: string | null
  part_id: number
  room: string
  unit_id: number | null
  unit: string | null
  building_id: number | null
  building: string | null
  compound_id: number | null
  compound: string | null
}

export interface PersonDetail extends Person {
  links: Household[]
  /** Whether the signed-in user may unmask this person (the server decides per home node). */
  can_unmask: boolean
}

export interface PersonSecrets {
  id: number
  name: string
  phone: string | null
  id_number: string | null
}

export interface PartLink {
  id: number
  person_id: number
  name: string
  relation: Relation
  designated_voter: boolean
  proxy_reference: string | null
  created_at: string
}

export interface PeopleQuery {
  node?: number
  /**
   * A full name, a phone number or a unit address ("1-1-101", "1幢1单元", "西四苑 3-2-501"): names are encrypted,
   * so parts of a name find nothing, while an address finds whoever is linked to a part there.
   */
  q?: string
  tag?: TalentTag | ''
}

/** A part a listed person is linked to: its compound and its address ("3幢 1单元 301"). */
export interface PersonPlace {
  part_id: number
  compound_id: number
  compound: string
  address: string
}

/** A person in the search list, with where they live: their home node's name and the parts they are linked to. */
export interface ListedPerson extends Person {
  home_name: string
  places: PersonPlace[]
}

/** A page of the search, with how many people it finds over all pages. */
export interface PeoplePage extends Page<ListedPerson> {
  total: number
}

/** GET /api/v1/people: 400 (field q) for a blank query or an address over 100 characters. */
export function searchPeople(query: PeopleQuery, cursor?: string | null, limit = 50): Promise<PeoplePage> {
  return request<PeoplePage>('GET', '/api/v1/people', { query: { ...query, cursor, limit } })
}

/** The compounds a listed person lives in, each once: those of their parts, else their home node. */
export function compoundsOf(person: ListedPerson): string[] {
  const compounds = [...new Set(person.places.map((place) => place.compound))]
  return compounds.length > 0 ? compounds : [person.home_name]
}

export function getPerson(id: number): Promise<PersonDetail> {
  return request<PersonDetail>('GET', `/api/v1/people/${id}`)
}

/** POST /api/v1/people/{id}/unmask: the reason (5–200 characters) goes into the audit log. */
export function unmaskPerson(id: number, reason: string): Promise<PersonSecrets> {
  return request<PersonSecrets>('POST', `/api/v1/people/${id}/unmask`, { body: { reason } })
}

export function listPartLinks(partId: number): Promise<PartLink[]> {
  return requestItems<PartLink>('GET', `/api/v1/parts/${partId}/links`)
}

/** One link of the signed-in resident (GET /api/v1/me/households) to a part, with the building, unit and compound the part lies in. */
export interface MyHousehold {
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
  items: MyHousehold[]
}

export function getMyHouseholds(): Promise<MyHouseholds> {
  return request<MyHouseholds>('GET', '/api/v1/me/households')
}

/** The compounds the resident has a home in, each once with its homes, in the order the homes are listed. */
export function householdsByCompound(items: MyHousehold[]): { id: number; name: string; households: MyHousehold[] }[] {
  const compounds = new Map<number, { id: number; name: string; households: MyHousehold[] }>()
  for (const household of items) {
    const compound = compounds.get(household.compound_id) ?? { id: household.compound_id, name: household.compound, households: [] }
    compound.households.push(household)
    compounds.set(household.compound_id, compound)
  }
  return [...compounds.values()]
}
