// Partner units (共建单位) of the street's alliance (运河红盟): their contacts (masked), agreements and the
// resources they sink to communities and compounds, and everything sunk to one compound (下沉资源).
import { request, requestItems } from './client'
import type { Ref } from './governance'

export type UnitKind = 'government' | 'state_enterprise' | 'enterprise' | 'school' | 'hospital' | 'social_organisation' | 'other'
export type ResourceKind = 'venue' | 'volunteers' | 'expertise' | 'funds' | 'other'

export const unitKinds: readonly UnitKind[] = ['government', 'state_enterprise', 'enterprise', 'school', 'hospital', 'social_organisation', 'other']
export const resourceKinds: readonly ResourceKind[] = ['venue', 'volunteers', 'expertise', 'funds', 'other']

export interface PartnerContact {
  id: number
  /** Masked. */
  name: string
  role: string
  /** Masked. */
  phone: string | null
}

export interface Agreement {
  id: number
  title: string
  /** YYYY-MM-DD */
  signed_on: string
  valid_to: string | null
  summary: string
}

export interface PartnerResource {
  id: number
  unit: Ref
  kind: ResourceKind
  description: string
  venue: Ref | null
  /** The nodes it is sunk to. */
  serves: Ref[]
}

export interface Partner {
  id: number
  street_id: number
  name: string
  kind: UnitKind
  alliance: string | null
  created_at: string
  updated_at: string
}

/** A unit as the list shows it: its resources and how many contacts and agreements it has. */
export interface ListedPartner extends Partner {
  resources: PartnerResource[]
  contacts: number
  agreements: number
}

export interface PartnerPage extends Partner {
  contacts: PartnerContact[]
  agreements: Agreement[]
  resources: PartnerResource[]
}

/** A resource sunk to a compound, with its unit and the unit's contacts. */
export interface SunkResource extends Omit<PartnerResource, 'unit'> {
  unit: Partner
  contacts: PartnerContact[]
}

export interface NewPartner {
  street_id: number
  name: string
  kind: UnitKind
  alliance?: string | null
}

const partners = '/api/v1/partners'

/** The units of the node's street; with `alliance`, its members only. */
export function listPartners(query: { node?: number; alliance?: string }): Promise<ListedPartner[]> {
  return requestItems<ListedPartner>('GET', partners, { query })
}

export function getPartner(id: number): Promise<PartnerPage> {
  return request<PartnerPage>('GET', `${partners}/${id}`)
}

/** 409 naming name when the street has a unit of the name. */
export function createPartner(unit: NewPartner): Promise<PartnerPage> {
  return request<PartnerPage>('POST', partners, { body: unit })
}

export function updatePartner(id: number, change: Partial<Omit<NewPartner, 'street_id'>>): Promise<PartnerPage> {
  return request<PartnerPage>('PATCH', `${partners}/${id}`, { body: change })
}

export function addContact(id: number, contact: { name: string; role?: string; phone?: string }): Promise<PartnerContact> {
  return request<PartnerContact>('POST', `${partners}/${id}/contacts`, { body: contact })
}

export function addAgreement(id: number, agreement: Omit<Agreement, 'id' | 'valid_to'> & { valid_to?: string }): Promise<Agreement> {
  return request<Agreement>('POST', `${partners}/${id}/agreements`, { body: agreement })
}

/** A venue resource names the venue (`venue_id`), which then serves the nodes it is sunk to. */
export function addResource(
  id: number,
  resource: { kind: ResourceKind; description: string; venue_id?: number; serves: number[] },
): Promise<PartnerResource> {
  return request<PartnerResource>('POST', `${partners}/${id}/resources`, { body: resource })
}

/** Everything sunk to the compound, its community and its street. */
export function sunkResources(compoundId: number): Promise<{ compound: Ref; items: SunkResource[] }> {
  return request<{ compound: Ref; items: SunkResource[] }>('GET', `${partners}/resources`, { query: { compound: compoundId } })
}
